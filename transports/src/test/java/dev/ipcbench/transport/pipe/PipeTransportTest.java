package dev.ipcbench.transport.pipe;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class PipeTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new PipeTransportProvider();
    }
}
