package dev.ipcbench.transport.udsdgram;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class UdsDgramTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new UdsDgramTransportProvider();
    }
}
