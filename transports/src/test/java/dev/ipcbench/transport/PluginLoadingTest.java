package dev.ipcbench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.transport.tcp.TcpTransportProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading providers from plug-in jars: every failure names the jar and the class. */
class PluginLoadingTest {

    @TempDir
    Path temp;

    /** A jar whose services file names {@code providers}. */
    private Path jar(String name, String... providers) throws IOException {
        Path jar = temp.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(TransportRegistry.SERVICES_ENTRY));
            out.write(("# providers\n" + String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private String failure(Path jar) {
        return assertThrows(ProviderLoadException.class, () -> TransportRegistry.load(List.of(jar)))
                .getMessage();
    }

    @Test
    void aMissingJarIsNamed() {
        String m = failure(temp.resolve("nowhere.jar"));
        assertTrue(m.contains("nowhere.jar") && m.contains("does not exist"), m);
    }

    @Test
    void aFileThatIsNotAJarIsNamed() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.jar"), "not a zip");
        String m = failure(text);
        assertTrue(m.contains("notes.jar") && m.contains("is not a jar"), m);
        assertTrue(failure(temp).contains("is not a file"));
    }

    @Test
    void aMissingProviderClassIsNamedWithItsJar() throws IOException {
        String m = failure(jar("missing.jar", "com.example.NoSuchProvider"));
        assertTrue(m.contains("missing.jar"), m);
        assertTrue(m.contains("com.example.NoSuchProvider") && m.contains("is not in the jar"), m);
    }

    @Test
    void aClassThatIsNotAProviderIsNamed() throws IOException {
        String m = failure(jar("string.jar", "java.lang.String"));
        assertTrue(m.contains("string.jar") && m.contains("java.lang.String"), m);
        assertTrue(m.contains("does not implement"), m);
    }

    @Test
    void aProviderThatFailsInItsConstructorIsNamed() throws IOException {
        String m = failure(jar("boom.jar", FailingConstructorProvider.class.getName()));
        assertTrue(m.contains("boom.jar") && m.contains(FailingConstructorProvider.class.getName()), m);
        assertTrue(m.contains("failed in its constructor") && m.contains("no licence here"), m);
    }

    @Test
    void aSecondProviderForABuiltInAliasIsRefusedNamingBoth() throws IOException {
        String m = failure(jar("twice.jar", TcpTransportProvider.class.getName()));
        assertTrue(m.contains("'tcp'"), m);
        assertTrue(m.contains(TcpTransportProvider.class.getName()), m);
    }

    @Test
    void aJarWithoutProvidersAddsNothingAndEveryBuiltInKeepsItsOrigin() throws IOException {
        Path library = temp.resolve("library.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(library))) {
            out.flush();
        }
        TransportRegistry registry = TransportRegistry.load(List.of(library));
        assertEquals(TransportRegistry.load().aliases(), registry.aliases());
        for (TransportProvider p : registry.providers()) {
            assertTrue(TransportRegistry.isBuiltIn(p), p.alias() + " from " + TransportRegistry.origin(p));
        }
        assertFalse(registry.aliases().isEmpty());
    }

    /** A provider that cannot be made. */
    public static final class FailingConstructorProvider implements TransportProvider {
        public FailingConstructorProvider() {
            throw new IllegalStateException("no licence here");
        }

        @Override
        public String alias() {
            return "boom";
        }

        @Override
        public String mechanism() {
            return "none";
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.reliable(64);
        }

        @Override
        public String unavailabilityCause() {
            return null;
        }

        @Override
        public Binding bind(TransportOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Transport connect(String address, TransportOptions options) {
            throw new UnsupportedOperationException();
        }
    }
}
