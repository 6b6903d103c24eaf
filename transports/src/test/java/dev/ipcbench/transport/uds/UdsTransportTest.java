package dev.ipcbench.transport.uds;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class UdsTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new UdsTransportProvider();
    }
}
