package dev.ipcbench.transport.udsjunix;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class UdsJunixTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new UdsJunixTransportProvider();
    }
}
