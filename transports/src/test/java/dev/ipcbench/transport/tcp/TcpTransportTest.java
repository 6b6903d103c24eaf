package dev.ipcbench.transport.tcp;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class TcpTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new TcpTransportProvider();
    }
}
