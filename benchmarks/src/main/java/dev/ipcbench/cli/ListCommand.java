package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.report.Grid;
import dev.ipcbench.transport.TransportOption;
import dev.ipcbench.transport.TransportOptions;
import dev.ipcbench.transport.TransportProvider;
import dev.ipcbench.transport.TransportRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ipcbench list}: one line per transport, the in-process baseline first: alias, largest
 * message in bytes, whether it is available here (or why not), where its provider came from
 * ({@code built-in} or the plug-in's jar), mechanism, and the options it takes.
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists every transport: alias, max message, whether it is available here, origin, and the "
                + "options it takes.")
public final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--classpath",
            paramLabel = "JAR[:JAR...]",
            description = "Plug-in jars whose transports to list too; a provider that cannot be loaded is an error "
                    + "naming the jar and the class.")
    String classpath;

    @Override
    public Integer call() {
        TransportRegistry registry = PluginClassPath.registry(PluginClassPath.parse(classpath));
        spec.commandLine().getOut().print(render(new Combinations(registry)).text());
        spec.commandLine().getOut().flush();
        return IpcBench.EXIT_OK;
    }

    /** {@code built-in}, or the jar or directory a plug-in's provider came from. */
    static String origin(Combinations combinations, String alias) {
        if (Combinations.isBaseline(alias)) {
            return BUILT_IN;
        }
        TransportProvider p = combinations.provider(alias);
        if (TransportRegistry.isBuiltIn(p)) {
            return BUILT_IN;
        }
        return TransportRegistry.origin(p).map(Path::toString).orElse("unknown");
    }

    static final String BUILT_IN = "built-in";

    private static String options(Combinations combinations, String alias) {
        if (Combinations.isBaseline(alias)) {
            return "wait=" + String.join("|", combinations.waitStrategies(alias));
        }
        List<String> described = new ArrayList<>();
        for (TransportOption o : combinations.provider(alias).options()) {
            described.add(o.name() + "="
                    + (o.values().isEmpty() ? "(" + o.defaultValue() + ")" : String.join("|", o.values())));
        }
        return String.join(" ", described);
    }

    /** The listing. */
    static Grid render(Combinations combinations) {
        TransportOptions options = TransportOptions.defaults();
        List<List<String>> rows = new ArrayList<>();
        for (String alias : combinations.aliases()) {
            String cause = combinations.unavailabilityCause(alias);
            String mechanism = combinations.mechanism(alias);
            rows.add(List.of(
                    alias,
                    String.format(Locale.ROOT, "%,d", combinations.maxMessageSize(alias, options)),
                    cause == null ? "available" : "unavailable: " + cause,
                    origin(combinations, alias),
                    mechanism,
                    options(combinations, alias)));
        }
        return new Grid(
                List.of("transport", "max message (bytes)", "status", "origin", "mechanism", "options"),
                new boolean[] {false, true, false, false, false, false},
                rows);
    }
}
