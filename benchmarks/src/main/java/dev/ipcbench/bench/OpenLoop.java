package dev.ipcbench.bench;

import dev.ipcbench.transport.Sizes;
import dev.ipcbench.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import org.HdrHistogram.Histogram;

/**
 * One rate of the open-loop benchmark over one channel to an echo peer, with two threads: a sender
 * that sends message {@code i} when it is due, at {@code start + i / rate}, whether or not earlier
 * replies have come back, and a receiver that takes the echoes and records, for each, the time from
 * when it was <em>due</em> to its reply's arrival. A message the sender could not send on time (a
 * send that blocked on a full channel, the sender waiting for its CPU) is timed from when it was
 * due, so queueing is counted, not hidden (no coordinated omission).
 *
 * <p>The message carries its sequence number and the time it was really sent, in its first {@value
 * #HEADER} bytes; the rest is the fixed payload. The receiver knows each message's due time from its
 * sequence number, checks every reply (its length, its sequence number in order, its last byte) and
 * the checksum of the whole payload on the first reply and every {@value #VERIFY_EVERY}th.
 *
 * <p>The {@link OfferedRate#MAX max} rate has no schedule: the sender sends whenever fewer than a
 * window of messages are in flight, and each is timed from when it was sent.
 *
 * <p>The sender sleeps until a message is due when the gap is longer than {@value
 * #SPIN_BELOW_NANOS} ns (its thread's timer slack cut to 1 ns where Linux allows it, so the kernel
 * does not add its default 50 µs to every sleep), and spins, yielding its CPU, for a shorter gap;
 * its lateness is recorded as the send lag. CPU time of both processes is read around each rate.
 */
final class OpenLoop {

    /** Bytes at the start of every message: sequence number, then the time it was sent. */
    static final int HEADER = 16;

    /** Every how many replies the payload's checksum is checked (a power of two). */
    static final int VERIFY_EVERY = 1024;

    /** The largest latency a histogram holds: one hour; longer ones are recorded as one hour. */
    static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

    /**
     * The sender sleeps for a gap longer than this and spins (yielding its CPU to the receiver) for a
     * shorter one: a sleep ends 20 to 50 µs late on a virtual machine, longer than such a gap.
     */
    static final long SPIN_BELOW_NANOS = 50_000;

    /** The time the threads get to start before the schedule does. */
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** CPU time of the two processes, in ns, or -1 when unknown. */
    interface CpuClock {
        long self();

        long peer();
    }

    /**
     * What one rate measured.
     *
     * @param planned the messages the schedule held ({@link Long#MAX_VALUE}: until the duration ended)
     * @param sent the messages sent (and received: every reply is checked)
     * @param fellBehind whether the sender stopped early because it fell more than the lag limit behind
     * @param spanNanos from the schedule's start to the last reply's arrival
     * @param latency from each message's due time (for max: its send time) to its reply, ns
     * @param lag from each message's due time to its send, ns (empty for max)
     * @param cpuSelf this process's CPU time over the window, ns, -1 when unknown
     * @param cpuPeer the peer process's, ns, -1 when unknown or none
     * @param wallNanos the wall time the CPU times were read over
     * @param senderSpinNanos wall time the sender spent spinning for a due time (not sending)
     */
    record Measurement(
            OfferedRate rate,
            long planned,
            long sent,
            boolean fellBehind,
            long spanNanos,
            Histogram latency,
            Histogram lag,
            long cpuSelf,
            long cpuPeer,
            long wallNanos,
            long senderSpinNanos) {

        /** Messages per second: replies over the span from the schedule's start to the last reply. */
        double achievedPerSecond() {
            double span = spanNanos + rate.intervalNanos();
            return span > 0 ? sent * 1e9 / span : Double.NaN;
        }
    }

    private final Transport transport;
    private final int size;
    private final String what;
    private final CpuClock cpu;
    private final ByteBuffer out;
    private final ByteBuffer in;
    private final int expectedChecksum;
    private final byte lastByte;

    /**
     * @param receiveBuffer the receive buffer's capacity, at least {@code size}
     * @param what names the combination in errors, for example {@code tcp 64 B}
     */
    OpenLoop(Transport transport, int size, int receiveBuffer, String what, CpuClock cpu) {
        if (size < HEADER) {
            throw new IllegalArgumentException(
                    "open-loop messages carry a sequence number and a send time: at least " + HEADER + " bytes");
        }
        this.transport = transport;
        this.size = size;
        this.what = what;
        this.cpu = cpu;
        this.out = Payload.allocate(size, 0);
        this.in = ByteBuffer.allocateDirect(Math.max(size, receiveBuffer));
        this.expectedChecksum = size > HEADER ? payloadChecksum(new CRC32C(), out.duplicate(), size) : 0;
        this.lastByte = out.get(size - 1);
    }

    /** Why a combination cannot run open loop, or {@code null} when it can. */
    static String whyNot(Combinations combinations, String alias, long size) {
        if (!combinations.reliable(alias)) {
            return alias + " may lose messages, and an open loop cannot tell a lost echo from a late one:"
                    + " it measures reliable transports only";
        }
        if (size < HEADER) {
            return "open-loop messages carry a sequence number and a send time: at least " + HEADER + " bytes, not "
                    + size;
        }
        return null;
    }

    /**
     * Sends at {@code rate} and takes the echoes.
     *
     * @param messages the schedule's length (ignored for max, which runs for {@code duration})
     * @param lagLimit how far the sender may fall behind before it stops and the rate counts as saturated
     * @param window the messages max keeps in flight
     * @throws IOException when the channel fails, a reply is wrong, or the rate overruns its deadline
     */
    Measurement run(OfferedRate rate, long messages, Duration duration, Duration lagLimit, int window)
            throws IOException {
        Run r = new Run(rate, rate.isMax() ? Long.MAX_VALUE : messages, duration.toNanos(), lagLimit.toNanos(), window);
        return r.go();
    }

    private static int payloadChecksum(CRC32C crc, ByteBuffer b, int length) {
        crc.reset();
        b.limit(length).position(HEADER);
        crc.update(b);
        return (int) crc.getValue();
    }

    /** One rate: the state the two threads share. */
    private final class Run {
        private final OfferedRate rate;
        private final long planned;
        private final long durationNanos;
        private final long lagLimitNanos;
        private final int window;
        private final boolean max;
        private final long perSecond;
        private final Histogram latency = new Histogram(1, HIGHEST_NANOS, 3);
        private final Histogram lag = new Histogram(1, HIGHEST_NANOS, 3);
        private final AtomicLong received = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** The number of messages the sender will have sent in all; -1 until it knows. */
        private volatile long total = -1;

        private volatile boolean abort;
        private volatile boolean fellBehind;
        private long start;
        private long lastArrival;
        private long senderSpin;

        Run(OfferedRate rate, long planned, long durationNanos, long lagLimitNanos, int window) {
            this.rate = rate;
            this.planned = planned;
            this.durationNanos = durationNanos;
            this.lagLimitNanos = lagLimitNanos;
            this.window = window;
            this.max = rate.isMax();
            this.perSecond = rate.perSecond();
        }

        Measurement go() throws IOException {
            Thread sender = new Thread(() -> guarded(this::send), "ipcbench-openloop-sender");
            Thread receiver = new Thread(() -> guarded(this::receive), "ipcbench-openloop-receiver");
            sender.setDaemon(true);
            receiver.setDaemon(true);
            long wallBefore = System.nanoTime();
            long selfBefore = cpu.self();
            long peerBefore = cpu.peer();
            start = System.nanoTime() + START_DELAY_NANOS;
            receiver.start();
            sender.start();
            long expected = max ? durationNanos : (long) Math.min(Long.MAX_VALUE / 2.0, planned * rate.intervalNanos());
            long deadline = System.nanoTime() + expected + lagLimitNanos + TimeUnit.SECONDS.toNanos(30);
            boolean joined = join(sender, deadline) && join(receiver, deadline);
            long selfAfter = cpu.self();
            long peerAfter = cpu.peer();
            long wallAfter = System.nanoTime();
            if (!joined) {
                abort = true;
                closeQuietly();
                join(sender, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                join(receiver, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                throw new IOException(what + " at " + rate.label() + "/s: the rate did not finish within "
                        + TimeUnit.NANOSECONDS.toSeconds(deadline - wallBefore) + " s (sent " + total + ", received "
                        + received.get() + ")");
            }
            Throwable f = failure.get();
            if (f instanceof IOException e) {
                throw e;
            }
            if (f != null) {
                throw new IOException(what + " at " + rate.label() + "/s: " + f.getMessage(), f);
            }
            return new Measurement(
                    rate,
                    planned,
                    received.get(),
                    fellBehind,
                    lastArrival - start,
                    latency,
                    lag,
                    selfBefore < 0 || selfAfter < 0 ? -1 : selfAfter - selfBefore,
                    peerBefore < 0 || peerAfter < 0 ? -1 : peerAfter - peerBefore,
                    wallAfter - wallBefore,
                    senderSpin);
        }

        private boolean join(Thread t, long deadline) {
            try {
                while (t.isAlive()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void closeQuietly() {
            try {
                transport.close();
            } catch (IOException | RuntimeException ignored) {
                // the failure that led here is what is reported
            }
        }

        /** Runs a thread's body; the first failure stops both threads and closes the channel. */
        private void guarded(Body body) {
            try {
                body.run();
            } catch (Throwable t) {
                if (failure.compareAndSet(null, t)) {
                    abort = true;
                    closeQuietly(); // unblocks the other thread
                }
            }
        }

        /** The time message {@code seq} is due. */
        private long due(long seq) {
            return start + seq * 1_000_000_000L / perSecond;
        }

        private void send() throws IOException {
            tightenTimerSlack();
            final Transport t = transport;
            final ByteBuffer b = out;
            final int n = size;
            long spin = 0;
            for (long i = 0; ; i++) {
                if (abort) {
                    return;
                }
                long now;
                boolean last;
                if (max) {
                    now = awaitWindow(i);
                    last = now - start >= durationNanos;
                } else {
                    final long due = due(i);
                    now = System.nanoTime();
                    while (due - now > SPIN_BELOW_NANOS) {
                        LockSupport.parkNanos(due - now);
                        now = System.nanoTime();
                    }
                    if (due > now) {
                        long spinFrom = now;
                        while ((now = System.nanoTime()) < due) {
                            Thread.yield(); // the receiver shares this CPU on two cores
                        }
                        spin += now - spinFrom;
                    }
                    // Too far behind: this message is the last, and the rate counts as saturated.
                    boolean behind = now - due > lagLimitNanos;
                    if (behind) {
                        fellBehind = true;
                    }
                    last = behind || i == planned - 1;
                }
                if (last) {
                    total = i + 1; // before the send: its echo may come back at once
                }
                sendOne(t, b, n, i, now);
                if (last) {
                    break;
                }
            }
            senderSpin = spin; // read after join
        }

        private void sendOne(Transport t, ByteBuffer b, int n, long seq, long now) throws IOException {
            b.putLong(0, seq);
            b.putLong(8, now);
            b.limit(n).position(0);
            t.send(b);
        }

        /** Waits (max rate) until fewer than a window of messages are in flight; returns the time. */
        private long awaitWindow(long i) {
            int idle = 0;
            while (i - received.get() >= window && !abort) {
                if (++idle < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // the receiver may be waiting for this CPU
                }
            }
            return System.nanoTime();
        }

        private void receive() throws IOException {
            final Transport t = transport;
            final ByteBuffer b = in;
            final int n = size;
            final Histogram lat = latency;
            final Histogram late = lag;
            final CRC32C crc = new CRC32C();
            long expected = 0;
            long arrival = 0;
            while (true) {
                long all = total;
                if (all >= 0 && expected >= all) {
                    break;
                }
                b.clear();
                int got = t.receive(b);
                arrival = System.nanoTime();
                if (got != n) {
                    throw new IOException(what + ": reply " + expected + " is " + got + " bytes long, not " + n);
                }
                long seq = b.getLong(0);
                if (seq != expected) {
                    throw new IOException(what + ": reply " + seq + " came where reply " + expected + " was due");
                }
                long sent = b.getLong(8);
                if (max) {
                    lat.recordValue(clamp(arrival - sent));
                } else {
                    long due = due(seq);
                    lat.recordValue(clamp(arrival - due));
                    late.recordValue(clamp(sent - due));
                }
                if (n > HEADER) {
                    if (b.get(n - 1) != lastByte) {
                        throw new IOException(what + ": reply " + seq + "'s last byte differs from the message sent");
                    }
                    if ((seq & (VERIFY_EVERY - 1)) == 0) {
                        int actual = payloadChecksum(crc, b, n);
                        if (actual != expectedChecksum) {
                            throw new IOException(what + ": reply " + seq + " differs from the message sent (CRC32C "
                                    + Integer.toHexString(actual) + ", expected "
                                    + Integer.toHexString(expectedChecksum) + ")");
                        }
                    }
                }
                expected++;
                received.lazySet(expected);
            }
            lastArrival = arrival; // read after join
        }

        private long clamp(long nanos) {
            return nanos < 0 ? 0 : Math.min(nanos, HIGHEST_NANOS);
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws IOException;
    }

    /** Whether the last sender could cut its timer slack (read by the main program for the record). */
    static volatile boolean timerSlackCut;

    /**
     * Cuts this thread's timer slack to 1 ns through {@code /proc/<tid>/timerslack_ns} (Linux allows a
     * thread to set its own), so a sleep ends when asked rather than up to 50 µs later. Where it
     * cannot, the sender sleeps with the default slack and its send lag shows it.
     */
    private static void tightenTimerSlack() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            Path slack = Path.of("/proc", self.getFileName().toString(), "timerslack_ns");
            Files.writeString(slack, "1");
            timerSlackCut = "1".equals(Files.readString(slack).trim());
        } catch (IOException | RuntimeException e) {
            timerSlackCut = false;
        }
    }

    @Override
    public String toString() {
        return "OpenLoop[" + what + ", " + Sizes.format(size) + "]";
    }
}
