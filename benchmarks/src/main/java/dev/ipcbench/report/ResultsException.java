package dev.ipcbench.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A results folder or file that cannot be used: missing, unreadable, not JSON, or not JMH's
 * results. The message names the file and the problem.
 */
public final class ResultsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public ResultsException(Path file, String problem) {
        this(file, problem, null);
    }

    public ResultsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The file (or folder) at fault. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
