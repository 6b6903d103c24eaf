package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.report.Grid;
import dev.ipcbench.transport.TransportOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench list}: one line per transport, the in-process baseline first: alias, largest
 * message in bytes, whether it is available here (or why not), mechanism and wait strategies.
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists every transport: alias, max message, and whether it is available here.")
public final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(render(Combinations.load()).text());
        spec.commandLine().getOut().flush();
        return IpcBench.EXIT_OK;
    }

    /** The listing. */
    static Grid render(Combinations combinations) {
        TransportOptions options = TransportOptions.defaults();
        List<List<String>> rows = new ArrayList<>();
        for (String alias : combinations.aliases()) {
            String cause = combinations.unavailabilityCause(alias);
            String mechanism = combinations.mechanism(alias);
            if (combinations.hasWaitStrategies(alias)) {
                mechanism += " [waits: " + String.join(", ", combinations.waitStrategies(alias)) + "]";
            }
            rows.add(List.of(
                    alias,
                    String.format(Locale.ROOT, "%,d", combinations.maxMessageSize(alias, options)),
                    cause == null ? "available" : "unavailable: " + cause,
                    mechanism));
        }
        return new Grid(
                List.of("transport", "max message (bytes)", "status", "mechanism"),
                new boolean[] {false, true, false, false},
                rows);
    }
}
