package dev.ipcbench.transport.udsseqpacket;

import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;

class UdsSeqpacketTransportTest extends TransportContractTests {
    @Override
    protected TransportProvider provider() {
        return new UdsSeqpacketTransportProvider();
    }
}
