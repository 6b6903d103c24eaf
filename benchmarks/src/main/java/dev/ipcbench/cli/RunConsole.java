package dev.ipcbench.cli;

import dev.ipcbench.bench.Combinations;
import dev.ipcbench.bench.OpenLoopSettings;
import dev.ipcbench.report.EnvironmentFile;
import dev.ipcbench.report.Figures;
import dev.ipcbench.report.NoiseFlags;
import dev.ipcbench.report.OpenLoopTables;
import dev.ipcbench.report.ResultTables;
import dev.ipcbench.report.ResultsFolder;
import dev.ipcbench.transport.Sizes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code run} tells the person at the terminal: the plan and its estimate before anything
 * runs, the summary tables and the results to doubt at the end, and what an interrupted run kept.
 */
final class RunConsole {

    private RunConsole() {}

    /**
     * Says what an interrupted run kept: the folder when a results file is in it; otherwise nothing,
     * and the folder this run created goes too.
     */
    static void interrupted(Path dir, boolean created) {
        System.err.println();
        boolean kept;
        try (Stream<Path> files = Files.list(dir)) {
            kept = files.anyMatch(f -> !f.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            kept = false;
        }
        if (kept) {
            System.err.println("ipcbench run: interrupted. What was measured so far is in " + dir
                    + " (environment.json says complete: false); 'ipcbench report " + dir + "' renders it.");
        } else {
            String removed = "";
            if (created) {
                try {
                    Files.deleteIfExists(dir);
                    removed = "; the folder " + dir + " it had created is removed";
                } catch (IOException e) {
                    removed = "; the empty folder " + dir + " could not be removed: " + e.getMessage();
                }
            }
            System.err.println("ipcbench run: interrupted before anything was measured: nothing kept" + removed + ".");
        }
        System.err.flush();
    }

    static void describe(PrintWriter out, RunPlan plan, JmhSettings settings, OpenLoopSettings openLoop, Path dir) {
        int runs = plan.runs(settings);
        List<String> perKind = new ArrayList<>();
        for (BenchmarkKind k : plan.kinds()) {
            if (k.isJmh()) {
                perKind.add(settings.runs(k, plan.combinations(k)) + " " + k.label());
            }
        }
        if (runs > 0) {
            out.println("ipcbench run: " + runs + " benchmark runs (" + String.join(", ", perKind) + ")"
                    + (openLoop == null ? "" : " and " + plan.sweeps() + " open-loop sweeps"));
            out.println("  settings  " + settings.describe());
        } else {
            out.println("ipcbench run: " + plan.sweeps() + " open-loop sweeps");
        }
        Duration estimate = settings.perRun().multipliedBy(runs);
        if (openLoop != null) {
            out.println("  open loop " + openLoop.describe());
            estimate = estimate.plus(openLoop.sweepEstimate().multipliedBy(plan.sweeps()));
        }
        out.println("  estimate  about " + Durations.format(estimate) + " (counting "
                + Durations.format(runs > 0 ? JmhSettings.FORK_OVERHEAD : OpenLoopSettings.START_OVERHEAD)
                + " per " + (runs > 0 ? "fork" : "sweep") + " to start and end the JVMs"
                + (openLoop == null ? "" : "; open-loop sweeps at their longest") + ")");
        if (openLoop != null && openLoop.stall() != null) {
            out.println("  STALL     developer check: the peer is stopped "
                    + openLoop.stall().describe() + "; these figures measure the stall, not the transports");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (RunPlan.Skipped s : plan.skipped()) {
            seen.add(s.transport() + waitLabel(s.waitStrategy()) + " " + Sizes.format(s.size()) + ": " + s.reason());
        }
        if (!seen.isEmpty()) {
            out.println("  skipped   (cannot run here; recorded in " + ResultsFolder.ENVIRONMENT_JSON + ")");
            seen.forEach(s -> out.println("            " + s));
        }
        out.println("  results   " + dir);
    }

    static void summary(PrintWriter out, ResultsFolder folder, RunExecutor.Outcome outcome, RunPlan plan, Path dir) {
        out.println();
        Figures figures = folder == null ? null : new Figures(folder);
        if (figures != null) {
            out.print(ResultTables.summary(figures));
            figures.openLoop().ifPresent(o -> {
                for (String d : OpenLoopTables.doubts(folder.environment())) {
                    out.println();
                    out.println("Open loop, doubt: " + d);
                }
                for (long size : o.sizes()) {
                    for (ResultTables.Table t : OpenLoopTables.summary(o, size)) {
                        out.println();
                        out.println("Open loop, " + lower(t.title()));
                        out.print(t.grid().text());
                    }
                }
            });
        }
        if (!plan.skipped().isEmpty()) {
            out.println();
            out.println(Figures.MISSING + " [n]: skipped, cannot run here (reasons in " + ResultsFolder.ENVIRONMENT_JSON
                    + ")");
        }
        if (!outcome.failures().isEmpty()) {
            out.println();
            out.println("FAILED (no number posted):");
            for (EnvironmentFile.Missing f : outcome.failures()) {
                out.println("  "
                        + (f.benchmark() == null
                                ? f.reason()
                                : f.benchmark() + " " + f.mode() + " " + f.transport() + waitLabel(f.waitStrategy())
                                        + " " + (f.size() == null ? "" : Sizes.format(f.size())) + ": " + f.reason()));
            }
        }
        if (figures != null) {
            List<EnvironmentFile.Flag> flags =
                    folder.environment().map(EnvironmentFile::flags).orElse(List.of());
            out.println();
            if (flags.isEmpty()) {
                out.println("No result flagged as noisy (see " + ResultsFolder.ENVIRONMENT_JSON + " for the load).");
            } else {
                out.println("Flagged: " + flags.size() + " result(s) this run has reason to doubt:");
                ResultTables.flags(flags).text().lines().forEach(l -> out.println("  " + l));
                out.println(NoiseFlags.ADVICE);
            }
        }
        out.println();
        out.println("results: " + dir);
        out.flush();
    }

    private static String lower(String title) {
        boolean acronym = title.length() > 1 && Character.isUpperCase(title.charAt(1));
        return acronym ? title : Character.toLowerCase(title.charAt(0)) + title.substring(1);
    }

    static String waitLabel(String wait) {
        return wait == null || Combinations.DEFAULT_WAIT.equals(wait) ? "" : " (" + wait + ")";
    }
}
