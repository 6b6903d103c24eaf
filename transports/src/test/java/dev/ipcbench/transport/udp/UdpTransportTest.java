package dev.ipcbench.transport.udp;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class UdpTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new UdpTransportProvider();
    }
}
