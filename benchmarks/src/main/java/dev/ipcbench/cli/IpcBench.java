package dev.ipcbench.cli;

import dev.ipcbench.report.ResultsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ipcbench} command: {@code run} measures, {@code list} shows the transports, {@code
 * report} writes a results folder's README and charts, {@code compare} compares two runs, {@code
 * verify-json} checks a result file, {@code compact} moves an old folder's histograms out of its JSON. Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE}
 * a run or a write failed, {@value #EXIT_USAGE} bad arguments or unreadable results (nothing ran).
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
            CompactCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 success, 1 a run failed, 2 bad arguments (nothing ran)."})
public final class IpcBench implements Callable<Integer> {

    /** Success. */
    public static final int EXIT_OK = 0;

    /** A benchmark, the run or a write failed. */
    public static final int EXIT_FAILURE = 1;

    /** Bad arguments or unreadable results; nothing ran. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, and exit code {@value #EXIT_USAGE}. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "say what to do: run, list, report, compare, verify-json or compact");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command with standard output and error, returning the exit code. */
    public static int execute(String... args) {
        return commandLine(
                        new PrintWriter(System.out, true, Charset.defaultCharset()),
                        new PrintWriter(System.err, true, Charset.defaultCharset()))
                .execute(args);
    }

    /**
     * The command, writing to {@code out} and {@code err}. A {@link UsageException} or {@link
     * ResultsException} prints its message and exits with {@value #EXIT_USAGE}, an {@link
     * IOException} its message and {@value #EXIT_FAILURE}, anything else its stack trace too.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new IpcBench());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            String name = "ipcbench " + commandLine.getCommandName() + ": ";
            int code;
            if (e instanceof UsageException || e instanceof ResultsException) {
                w.println(name + e.getMessage());
                code = EXIT_USAGE;
            } else if (e instanceof IOException io) {
                w.println(name + "failed: " + describe(io));
                code = EXIT_FAILURE;
            } else {
                w.println(name + "failed: " + e);
                e.printStackTrace(w);
                code = EXIT_FAILURE;
            }
            w.flush();
            return code;
        });
        return cl;
    }

    /**
     * What went wrong with a file, in words: a {@link FileSystemException}'s message is only the
     * path, the kind of failure is its class.
     */
    static String describe(IOException e) {
        if (!(e instanceof FileSystemException f)) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
        String why;
        if (f instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (f instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (f instanceof NotDirectoryException) {
            why = "not a directory";
        } else if (f instanceof FileAlreadyExistsException) {
            why = "already exists";
        } else if (f instanceof DirectoryNotEmptyException) {
            why = "directory not empty";
        } else {
            why = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        return (f.getFile() != null ? f.getFile() : "") + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "")
                + ": " + why;
    }

    /** The version for {@code --version}. */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ipcbench " + Environment.version()};
        }
    }
}
