package dev.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.ResultsFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transport whose peer dies in the middle of the measurement: the run says it failed, why (the
 * peer's own last words), and posts no number, although JMH hands back what the iterations before
 * the death measured.
 */
class FailedRunTest {

    @TempDir
    Path temp;

    /** tcp whose peer side throws after a few thousand messages, as a peer that dies would. */
    private static final String DYING = """
            package org.example.dying;

            import dev.ipcbench.transport.*;
            import dev.ipcbench.transport.support.AbstractTransportProvider;
            import dev.ipcbench.transport.tcp.TcpTransportProvider;
            import java.io.IOException;
            import java.nio.ByteBuffer;

            public final class DyingTransportProvider extends AbstractTransportProvider {
                private final TcpTransportProvider tcp = new TcpTransportProvider();

                public DyingTransportProvider() {
                    super("dying", "tcp whose peer dies after 3000 messages", Capabilities.reliable(1 << 20));
                }

                @Override
                protected Binding createBinding(TransportOptions options) throws IOException {
                    return tcp.bind(options);
                }

                @Override
                protected Transport connectTo(String address, TransportOptions options) throws IOException {
                    Transport t = tcp.connect(address, options);
                    return new Transport() {
                        private int received;
                        public String alias() { return "dying"; }
                        public void send(ByteBuffer m) throws IOException { t.send(m); }
                        public int receive(ByteBuffer b) throws IOException {
                            if (++received > 3000) {
                                throw new IOException("planned death after 3000 messages");
                            }
                            return t.receive(b);
                        }
                        public void close() throws IOException { t.close(); }
                    };
                }
            }
            """;

    @Test
    void aPeerThatDiesMidMeasurementFailsTheRunAndPostsNoNumber() throws IOException {
        Path jar = PluginClassPathTest.plugin(temp, "dying", "org.example.dying.DyingTransportProvider", DYING);
        Path out = temp.resolve("results");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        // 30 iterations of 100 ms: thousands of round trips each, so the peer dies a few iterations in.
        int code = IpcBench.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
                .execute(
                        "run",
                        "--classpath",
                        jar.toString(),
                        "--transports",
                        "dying",
                        "--sizes",
                        "64",
                        "--benchmarks",
                        "roundtrip",
                        "--no-baseline",
                        "--out",
                        out.toString(),
                        "--",
                        "-f",
                        "1",
                        "-wi",
                        "0",
                        "-i",
                        "30",
                        "-r",
                        "100ms",
                        "-bm",
                        "avgt");

        String said = stdout + "\n" + stderr;
        assertEquals(IpcBench.EXIT_FAILURE, code, said);
        assertTrue(said.contains("FAILED"), said);
        assertTrue(said.contains("measurement iterations"), said);
        EnvironmentFile env = new ObjectMapper()
                .readValue(out.resolve(ResultsFolder.ENVIRONMENT_JSON).toFile(), EnvironmentFile.class);
        assertEquals(1, env.failed().size(), env.failed().toString());
        EnvironmentFile.Missing failed = env.failed().get(0);
        assertEquals("dying", failed.transport());
        assertTrue(failed.reason().contains("planned death after 3000 messages"), failed.reason());
        Path jmh = out.resolve(ResultsFolder.JMH_JSON);
        String json = Files.exists(jmh) ? Files.readString(jmh) : "";
        assertFalse(json.contains("\"dying\""), "the iterations before the death are no result: " + json);
    }
}
