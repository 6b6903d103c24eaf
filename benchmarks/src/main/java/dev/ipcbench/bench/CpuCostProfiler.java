package dev.ipcbench.bench;

import dev.ipcbench.os.CpuTime;
import dev.ipcbench.peer.PeerProcess;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation of the benchmark process ({@code cpu.self}) and of its peer processes
 * ({@code cpu.peer}), user plus system, in nanoseconds: read around each iteration (see {@link
 * CpuTime}; on Linux both come in 10 ms steps, so keep iterations a second or more for figures
 * within a few percent) and divided by the iteration's
 * operations. Whole processes are counted (JIT, GC and JMH's own threads too), because that is what
 * a user pays. For the in-process baseline the echo thread is part of {@code cpu.self} and there is no
 * {@code cpu.peer}.
 *
 * <p>Use it as {@code -prof dev.ipcbench.bench.CpuCostProfiler}; {@code ipcbench run} adds it.
 */
public final class CpuCostProfiler implements InternalProfiler {

    /** Secondary metric: the benchmark process's CPU per operation. */
    public static final String SELF = "cpu.self";

    /** Secondary metric: the peer processes' CPU per operation. */
    public static final String PEER = "cpu.peer";

    /** Last CPU readings of peers that ended, by pid: JMH ends the trial before the last afterIteration. */
    private static final Map<Long, Long> FINAL_READINGS = new java.util.concurrent.ConcurrentHashMap<>();

    private long selfBefore;
    private final Map<Long, Long> peersBefore = new HashMap<>();

    /**
     * Records a peer's CPU time just before it is ended, so the iteration during which it ends is
     * still accounted for. Call it from the benchmark's trial teardown.
     */
    public static void recordFinalReading(long pid) {
        long t = CpuTime.ofProcess(pid);
        if (t >= 0) {
            FINAL_READINGS.put(pid, t);
        }
    }

    @Override
    public String getDescription() {
        return "CPU time (user + system) per operation of the benchmark process and of its peer";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        peersBefore.clear();
        for (ProcessHandle p : PeerProcess.running()) {
            long t = CpuTime.ofProcess(p.pid());
            if (t >= 0) {
                peersBefore.put(p.pid(), t);
            }
        }
        selfBefore = CpuTime.ofThisProcess();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long selfAfter = CpuTime.ofThisProcess();
        long peerDelta = 0;
        boolean anyPeer = false;
        for (Map.Entry<Long, Long> e : peersBefore.entrySet()) {
            long after = CpuTime.ofProcess(e.getKey());
            if (after < 0) {
                Long last = FINAL_READINGS.remove(e.getKey());
                after = last == null ? -1 : last;
            }
            if (after >= e.getValue()) {
                peerDelta += after - e.getValue();
                anyPeer = true;
            }
        }
        long ops = result.getMetadata().getMeasuredOps();
        List<Result> out = new ArrayList<>();
        if (ops <= 0 || selfBefore < 0 || selfAfter < 0) {
            return out;
        }
        out.add(new ScalarResult(SELF, (double) (selfAfter - selfBefore) / ops, "ns/op", AggregationPolicy.AVG));
        if (anyPeer) {
            out.add(new ScalarResult(PEER, (double) peerDelta / ops, "ns/op", AggregationPolicy.AVG));
        }
        return out;
    }
}
