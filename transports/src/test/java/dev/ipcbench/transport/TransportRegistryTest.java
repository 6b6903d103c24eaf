package dev.ipcbench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ipcbench.transport.tcp.TcpTransportProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportRegistryTest {

    private final TransportRegistry registry = TransportRegistry.load();

    @Test
    void findsTheSocketTransports() {
        assertTrue(
                registry.aliases().containsAll(List.of("tcp", "udp", "uds", "uds-junix", "uds-dgram", "uds-seqpacket")),
                registry.aliases().toString());
    }

    @Test
    void unknownAliasIsRejectedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("carrier-pigeon"));
        assertTrue(e.getMessage().contains("carrier-pigeon"), e.getMessage());
        for (String alias : registry.aliases()) {
            assertTrue(e.getMessage().contains(alias), "the message must list " + alias + ": " + e.getMessage());
        }
    }

    @Test
    void twoProvidersWithOneAliasAreRejected() {
        ProviderLoadException e = assertThrows(
                ProviderLoadException.class,
                () -> TransportRegistry.of(List.of(new TcpTransportProvider(), new TcpTransportProvider())));
        assertTrue(e.getMessage().contains("'tcp'"), e.getMessage());
    }

    @Test
    void everyRegisteredProviderHasAContractTestClass() throws Exception {
        for (TransportProvider p : registry.providers()) {
            String name = p.getClass().getName();
            assertTrue(name.endsWith("TransportProvider"), name + " should be named XTransportProvider");
            String testName = name.substring(0, name.length() - "Provider".length()) + "Test";
            Class<?> test;
            try {
                test = Class.forName(testName);
            } catch (ClassNotFoundException e) {
                fail("transport '" + p.alias() + "' has no contract test: add " + testName
                        + " extending TransportContractTests");
                return;
            }
            assertTrue(
                    TransportContractTests.class.isAssignableFrom(test),
                    testName + " must extend TransportContractTests");
            Constructor<?> c = test.getDeclaredConstructor();
            c.setAccessible(true);
            Method m = test.getDeclaredMethod("provider");
            m.setAccessible(true);
            TransportProvider tested = (TransportProvider) m.invoke(c.newInstance());
            assertEquals(p.alias(), tested.alias(), testName + " tests another transport");
        }
    }

    @Test
    void everyProviderDescribesItself() {
        for (TransportProvider p : registry.providers()) {
            assertTrue(p.alias().matches("[a-z][a-z0-9-]*"), "alias: " + p.alias());
            assertTrue(!p.mechanism().isBlank(), p.alias() + " has no mechanism description");
            assertTrue(p.capabilities().maxMessageSize() >= 64 * 1024 - 29, p.alias() + ": max message too small");
            assertSame(p, registry.get(p.alias()));
        }
    }

    @Test
    void everyProviderRefusesAnUnknownOptionNamingTheKnownOnes() {
        for (TransportProvider p : registry.providers()) {
            TransportContractTests.assertRefusesUnknownOptions(p);
        }
    }

    @Test
    void theRegistryWideCheckCatchesAProviderThatAcceptsAnUnknownOption() {
        TransportProvider lenient = new TransportProvider() {
            private final TransportProvider tcp = new TcpTransportProvider();

            @Override
            public String alias() {
                return "lenient";
            }

            @Override
            public String mechanism() {
                return "tcp that ignores options it does not know";
            }

            @Override
            public Capabilities capabilities() {
                return tcp.capabilities();
            }

            @Override
            public String unavailabilityCause() {
                return null;
            }

            @Override
            public Binding bind(TransportOptions options) throws java.io.IOException {
                return tcp.bind(TransportOptions.defaults());
            }

            @Override
            public Transport connect(String address, TransportOptions options) throws java.io.IOException {
                return tcp.connect(address, TransportOptions.defaults());
            }
        };
        AssertionError e =
                assertThrows(AssertionError.class, () -> TransportContractTests.assertRefusesUnknownOptions(lenient));
        assertTrue(e.getMessage().contains("lenient bind accepted"), e.getMessage());
    }

    @Test
    void everyOptionAProviderListsIsAccepted() throws Exception {
        for (TransportProvider p : registry.providers()) {
            if (!p.isAvailable()) {
                continue;
            }
            for (TransportOption o : p.options()) {
                TransportOptions given = TransportOptions.defaults().withProperty(o.name(), o.defaultValue());
                try (Binding b = p.bind(given)) {
                    assertTrue(!b.address().isEmpty(), p.alias() + " with " + o.name() + "=" + o.defaultValue());
                }
            }
        }
    }
}
