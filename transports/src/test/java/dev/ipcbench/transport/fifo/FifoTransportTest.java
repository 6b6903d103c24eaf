package dev.ipcbench.transport.fifo;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class FifoTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new FifoTransportProvider();
    }
}
