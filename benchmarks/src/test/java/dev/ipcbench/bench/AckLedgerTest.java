package dev.ipcbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AckLedgerTest {

    private final AckLedger ledger = new AckLedger("udp 64 B (wait default)");
    private final ThroughputBenchmark.Delivered delivered = new ThroughputBenchmark.Delivered();
    private final ThroughputBenchmark.Loss loss = new ThroughputBenchmark.Loss();

    @Test
    void creditsEverythingAFullAcknowledgementProves() {
        ledger.recordSent(64, 64 * 100);
        ledger.credit(64, 6400, delivered);
        ledger.settleLoss(loss);
        assertEquals(64, delivered.messages);
        assertEquals(6400, delivered.bytes);
        assertEquals(0, loss.lost);
    }

    @Test
    void aTimeoutCountsTheBatchAsLostAndALaterAcknowledgementCreditsItBack() {
        ledger.recordSent(64, 6400);
        ledger.settleLoss(loss); // the acknowledgement timed out
        assertEquals(64, loss.lost);
        assertEquals(0, delivered.messages);

        ledger.recordSent(64, 6400);
        ledger.credit(128, 12800, delivered); // the next one proves both batches arrived
        ledger.settleLoss(loss);
        assertEquals(128, delivered.messages);
        assertEquals(12800, delivered.bytes);
        assertEquals(0, loss.lost, "the running sum equals the current estimate");
    }

    @Test
    void neverCreditsAMessageTwice() {
        ledger.recordSent(64, 6400);
        ledger.credit(60, 6000, delivered);
        ledger.credit(60, 6000, delivered); // the same acknowledgement again
        ledger.credit(50, 5000, delivered); // an older one, arriving late
        ledger.settleLoss(loss);
        assertEquals(60, delivered.messages);
        assertEquals(6000, delivered.bytes);
        assertEquals(4, loss.lost);
        assertEquals(4, ledger.lost());
    }

    @Test
    void lossIsReportedAsChangesThatSumToTheEstimate() {
        ThroughputBenchmark.Loss iteration1 = new ThroughputBenchmark.Loss();
        ThroughputBenchmark.Loss iteration2 = new ThroughputBenchmark.Loss();
        ledger.recordSent(64, 6400);
        ledger.credit(54, 5400, delivered);
        ledger.settleLoss(iteration1);
        ledger.recordSent(64, 6400);
        ledger.credit(118, 11800, delivered);
        ledger.settleLoss(iteration2);
        assertEquals(10, iteration1.lost);
        assertEquals(0, iteration2.lost);
        assertEquals(ledger.lost(), iteration1.lost + iteration2.lost);
    }

    @Test
    void moreAcknowledgedThanSentIsAnError() {
        ledger.recordSent(64, 6400);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ledger.credit(65, 6500, delivered));
        assertTrue(e.getMessage().startsWith("udp 64 B"), e.getMessage());
    }

    @Test
    void countersResetPerIteration() {
        delivered.messages = 5;
        delivered.bytes = 7;
        loss.lost = 3;
        delivered.reset();
        loss.reset();
        assertEquals(0, delivered.messages);
        assertEquals(0, delivered.bytes);
        assertEquals(0, loss.lost);
    }
}
