package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.transport.Sizes;
import dev.ipcbench.transport.TransportOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench list}: one line per transport, the in-process baseline first: alias, mechanism,
 * largest message, wait strategies, and whether it is available here or why not.
 */
@Command(
        name = "list",
        description = "Lists every transport: alias, mechanism, max message, and whether it is available here.")
public final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(Combinations.load()));
        out.flush();
        return IpcBench.EXIT_OK;
    }

    /** The listing, one line per transport under a header. */
    static String render(Combinations combinations) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"transport", "max message", "status", "mechanism"});
        TransportOptions options = TransportOptions.defaults();
        for (String alias : combinations.aliases()) {
            String cause = combinations.unavailabilityCause(alias);
            String status = cause == null ? "available" : "unavailable: " + cause;
            String mechanism = combinations.mechanism(alias);
            if (Combinations.hasWaitStrategies(alias)) {
                mechanism += " [waits: " + String.join(", ", Combinations.WAIT_STRATEGIES) + "]";
            }
            rows.add(
                    new String[] {alias, Sizes.format(combinations.maxMessageSize(alias, options)), status, mechanism});
        }
        int[] widths = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            line.append(pad(r[0], widths[0])).append("  ");
            line.append(" ".repeat(widths[1] - r[1].length())).append(r[1]).append("  ");
            line.append(pad(r[2], widths[2])).append("  ");
            line.append(r[3]);
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
