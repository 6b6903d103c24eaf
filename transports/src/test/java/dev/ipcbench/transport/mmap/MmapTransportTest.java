package dev.ipcbench.transport.mmap;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class MmapTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new MmapTransportProvider();
    }
}
