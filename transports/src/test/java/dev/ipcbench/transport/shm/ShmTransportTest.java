package dev.ipcbench.transport.shm;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class ShmTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new ShmTransportProvider();
    }
}
