package dev.ipcbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ipcbench} command: {@code run} measures, {@code list} shows the transports, {@code
 * report} writes a results folder's README and charts, {@code compare} compares two runs, {@code
 * verify-json} checks a result file. Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE}
 * a run failed, {@value #EXIT_USAGE} bad arguments (nothing ran).
 */
@Command(
        name = "ipcbench",
        mixinStandardHelpOptions = true,
        versionProvider = IpcBench.VersionProvider.class,
        description = "Benchmarks inter-process communication mechanisms between two OS processes with JMH.",
        subcommands = {
            RunCommand.class,
            ListCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            VerifyJsonCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 success, 1 a run failed, 2 bad arguments (nothing ran)."})
public final class IpcBench implements Callable<Integer> {

    /** Success. */
    public static final int EXIT_OK = 0;

    /** A benchmark or the run failed. */
    public static final int EXIT_FAILURE = 1;

    /** Bad arguments; nothing ran. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, and exit code {@value #EXIT_USAGE}. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("ipcbench: say what to do: run, list, report, compare or verify-json");
        spec.commandLine().usage(err);
        err.flush();
        return EXIT_USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command with standard output and error, returning the exit code. */
    public static int execute(String... args) {
        return commandLine(
                        new PrintWriter(System.out, true, java.nio.charset.Charset.defaultCharset()),
                        new PrintWriter(System.err, true, java.nio.charset.Charset.defaultCharset()))
                .execute(args);
    }

    /** The command, writing to {@code out} and {@code err}; exit codes as documented. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new IpcBench());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e ->
                e instanceof UsageException || e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            if (e instanceof UsageException) {
                w.println("ipcbench " + commandLine.getCommandName() + ": " + e.getMessage());
                w.flush();
                return EXIT_USAGE;
            }
            w.println("ipcbench " + commandLine.getCommandName() + ": failed: " + e);
            e.printStackTrace(w);
            w.flush();
            return EXIT_FAILURE;
        });
        return cl;
    }

    /** The version for {@code --version}. */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ipcbench " + Environment.version()};
        }
    }
}
