package dev.ipcbench.transport.aeron;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class AeronIpcTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new AeronIpcTransportProvider();
    }
}
