package org.example.tcp6;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class Tcp6TransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new Tcp6TransportProvider();
    }
}
