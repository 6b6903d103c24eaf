package dev.ipcbench.bench;

/**
 * The sender's account of a stream to a sink: what was sent, what the sink's cumulative
 * acknowledgements prove delivered, and the running loss estimate. Allocates nothing.
 *
 * <p>Delivery is credited only from acknowledged totals, and only beyond the newest totals seen, so
 * a message is never credited twice and a late or repeated acknowledgement credits nothing new.
 * The loss estimate is everything sent and not (yet) acknowledged; it shrinks again when a later
 * acknowledgement proves that messages counted as lost did arrive. {@link #settleLoss} reports only
 * the change of the estimate, so the sum of what it reports equals the current estimate.
 */
final class AckLedger {

    private final String context;
    private long sent;
    private long sentBytes;
    private long acked;
    private long ackedBytes;
    private long lostReported;

    /** @param context names the stream in error messages, for example {@code udp 1 KiB (wait default)} */
    AckLedger(String context) {
        this.context = context;
    }

    /** Records {@code messages} more messages, {@code bytes} more bytes sent. */
    void recordSent(long messages, long bytes) {
        sent += messages;
        sentBytes += bytes;
    }

    long sent() {
        return sent;
    }

    long sentBytes() {
        return sentBytes;
    }

    long acked() {
        return acked;
    }

    long ackedBytes() {
        return ackedBytes;
    }

    /** The current loss estimate: messages sent and not acknowledged. */
    long lost() {
        return sent - acked;
    }

    /**
     * Credits to {@code delivered} what the cumulative totals of an acknowledgement prove beyond the
     * newest totals seen.
     *
     * @throws IllegalStateException when the totals exceed what was sent (a miscount, never loss)
     */
    void credit(long messages, long bytes, ThroughputBenchmark.Delivered delivered) {
        if (messages > sent || bytes > sentBytes) {
            throw new IllegalStateException(context + ": the sink acknowledged " + messages + " messages, " + bytes
                    + " bytes, more than the " + sent + " messages, " + sentBytes + " bytes sent");
        }
        if (messages > acked) {
            delivered.messages += messages - acked;
            acked = messages;
        }
        if (bytes > ackedBytes) {
            delivered.bytes += bytes - ackedBytes;
            ackedBytes = bytes;
        }
    }

    /** Adds to {@code loss} the change of the loss estimate since the last call. */
    void settleLoss(ThroughputBenchmark.Loss loss) {
        long now = sent - acked;
        loss.lost += now - lostReported;
        lostReported = now;
    }
}
