package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ipcbench.report.ResultsFolder;
import dev.ipcbench.transport.TransportContractTests;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.TransportRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plug-ins through the path {@code --classpath} takes: jars compiled here against the Transport API,
 * loaded into the registry beside every built-in transport (aeron-ipc included), listed with their
 * origin, planned by {@code run}, and refused, naming the jar and the class, when they are broken.
 */
class PluginClassPathTest {

    @TempDir
    static Path temp;

    static Path good;
    static Path lenient;
    static Path broken;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A provider on the public API: tcp under another alias. */
    private static final String GOOD = """
            package org.example.plugin;

            import dev.ipcbench.transport.*;
            import dev.ipcbench.transport.support.AbstractTransportProvider;
            import dev.ipcbench.transport.tcp.TcpTransportProvider;
            import java.io.IOException;

            public final class RelayTransportProvider extends AbstractTransportProvider {
                private final TcpTransportProvider tcp = new TcpTransportProvider();

                public RelayTransportProvider() {
                    super("relay", "tcp, from a plug-in jar", Capabilities.reliable(1 << 20),
                            TransportOption.of("hops", "how many hops (ignored)", "1"));
                }

                @Override
                protected Binding createBinding(TransportOptions options) throws IOException {
                    // tcp does not take "hops": hand it the run's timeouts and secret, not the option.
                    return tcp.bind(TransportOptions.defaults().withSecret(options.secret()));
                }

                @Override
                protected Transport connectTo(String address, TransportOptions options) throws IOException {
                    return tcp.connect(address, TransportOptions.defaults().withSecret(options.secret()));
                }
            }
            """;

    /** A provider that ignores what it does not know: the registry-wide check must catch it. */
    private static final String LENIENT = """
            package org.example.lenient;

            import dev.ipcbench.transport.*;
            import dev.ipcbench.transport.tcp.TcpTransportProvider;
            import java.io.IOException;

            public final class LenientTransportProvider implements TransportProvider {
                private final TcpTransportProvider tcp = new TcpTransportProvider();
                public String alias() { return "lenient"; }
                public String mechanism() { return "tcp that takes any option"; }
                public Capabilities capabilities() { return tcp.capabilities(); }
                public String unavailabilityCause() { return null; }
                public Binding bind(TransportOptions o) throws IOException { return tcp.bind(TransportOptions.defaults()); }
                public Transport connect(String a, TransportOptions o) throws IOException {
                    return tcp.connect(a, TransportOptions.defaults());
                }
            }
            """;

    @BeforeAll
    static void buildPlugins() throws IOException {
        good = plugin(temp, "good", "org.example.plugin.RelayTransportProvider", GOOD);
        lenient = plugin(temp, "lenient", "org.example.lenient.LenientTransportProvider", LENIENT);
        broken = plugin(temp, "broken", "org.example.plugin.Missing", GOOD);
    }

    /** Compiles {@code source} against this class path into a jar whose services file names {@code provider}. */
    static Path plugin(Path temp, String name, String provider, String source) throws IOException {
        Path src = temp.resolve(name + "-src");
        Path classes = temp.resolve(name + "-classes");
        Files.createDirectories(classes);
        String className = source.lines()
                .filter(l -> l.startsWith("public final class "))
                .findFirst()
                .orElseThrow()
                .split(" ")[3];
        String pkg =
                source.lines().findFirst().orElseThrow().replace("package ", "").replace(";", "");
        Path file = src.resolve(pkg.replace('.', '/')).resolve(className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(
                null,
                null,
                null,
                "--release",
                "17",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                file.toString());
        assertEquals(0, code, "the plug-in must compile");
        Path jar = temp.resolve(name + ".jar");
        try (JarOutputStream jout = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                jout.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, jout);
                jout.closeEntry();
            }
            jout.putNextEntry(new JarEntry(TransportRegistry.SERVICES_ENTRY));
            jout.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            jout.closeEntry();
        }
        return jar;
    }

    private int run(String... args) {
        return IpcBench.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void everyProviderBuiltInOrPluggedInRefusesAnUnknownOption() {
        TransportRegistry registry = PluginClassPath.registry(List.of(good));
        assertTrue(
                registry.aliases().containsAll(List.of("aeron-ipc", "relay", "tcp", "shm")),
                registry.aliases().toString());
        for (TransportProvider p : registry.providers()) {
            TransportContractTests.assertRefusesUnknownOptions(p);
        }
        assertEquals(
                good.toAbsolutePath().normalize(),
                TransportRegistry.origin(registry.get("relay")).orElseThrow());
        assertFalse(TransportRegistry.isBuiltIn(registry.get("relay")));
    }

    @Test
    void aPluginThatAcceptsAnUnknownOptionFailsTheRegistryWideCheck() {
        TransportRegistry registry = PluginClassPath.registry(List.of(lenient));
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> TransportContractTests.assertRefusesUnknownOptions(registry.get("lenient")));
        assertTrue(e.getMessage().contains("lenient bind accepted"), e.getMessage());
    }

    @Test
    void listShowsEachTransportsOrigin() {
        assertEquals(IpcBench.EXIT_OK, run("list", "--classpath", good.toString()), err.toString());
        String relay = out.toString()
                .lines()
                .filter(l -> l.startsWith("relay "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("relay is not listed:\n" + out));
        assertTrue(relay.contains(good.toAbsolutePath().normalize().toString()), relay);
        assertTrue(relay.contains("hops=(1)"), relay);
        String inproc = out.toString()
                .lines()
                .filter(l -> l.startsWith("inproc "))
                .findFirst()
                .orElseThrow();
        assertTrue(inproc.contains(ListCommand.BUILT_IN), inproc);
    }

    @Test
    void aBrokenPluginStopsTheRunBeforeAnythingRunsNamingTheJarAndTheClass() {
        Path dir = temp.resolve("never");
        int code = run("run", "--classpath", broken.toString(), "--transports", "tcp", "--out", dir.toString());
        assertEquals(IpcBench.EXIT_USAGE, code);
        assertTrue(err.toString().contains(broken.toString()), err.toString());
        assertTrue(err.toString().contains("org.example.plugin.Missing"), err.toString());
        assertFalse(Files.exists(dir.resolve(ResultsFolder.JMH_JSON)));

        assertEquals(
                IpcBench.EXIT_USAGE,
                run("list", "--classpath", temp.resolve("nowhere.jar").toString()));
        assertTrue(err.toString().contains("nowhere.jar does not exist"), err.toString());
    }

    @Test
    void aDryRunPlansThePluginsTransport() {
        int code = run(
                "run",
                "--dry-run",
                "--classpath",
                good.toString(),
                "--transports",
                "relay,tcp",
                "--sizes",
                "64",
                "--out",
                temp.resolve("dry").toString());
        assertEquals(IpcBench.EXIT_OK, code, err.toString());
        assertTrue(out.toString().contains("benchmark runs"), out.toString());
        assertEquals(IpcBench.EXIT_USAGE, run("run", "--dry-run", "--transports", "relay"));
        assertTrue(err.toString().contains("unknown transport 'relay'"), err.toString());
    }

    @Test
    void theRunMovesToAJvmWithTheJarsOnItsClassPathAndTheFlagsTheTransportsNeed() {
        TransportRegistry registry = PluginClassPath.registry(List.of(good));
        List<String> cmd = PluginClassPath.childCommand(List.of(good), registry, List.of("run", "--quick"));
        int cp = cmd.indexOf("-cp");
        assertTrue(cp > 0, cmd.toString());
        assertTrue(cmd.get(cp + 1).endsWith(java.io.File.pathSeparator + good), cmd.get(cp + 1));
        assertTrue(cmd.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), cmd.toString());
        assertEquals(List.of(IpcBench.class.getName(), "run", "--quick"), cmd.subList(cp + 2, cmd.size()));
        assertFalse(PluginClassPath.onClassPath(List.of(good)));
        assertTrue(PluginClassPath.onClassPath(List.of()));
    }
}
