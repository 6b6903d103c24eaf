package dev.ipcbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferedRateTest {

    @Test
    void ratesReadWithSuffixesAndSortWithMaxLast() {
        assertEquals(1_000, OfferedRate.parse("1k").perSecond());
        assertEquals(2_500, OfferedRate.parse("2.5k").perSecond());
        assertEquals(1_000_000, OfferedRate.parse("1M").perSecond());
        assertEquals(750, OfferedRate.parse(" 750 ").perSecond());
        assertTrue(OfferedRate.parse("MAX").isMax());
        assertEquals(
                List.of("500", "1k", "2.5k", "1M", "max"),
                OfferedRate.parseList(List.of("max", "1M", "1k", "2.5k", "500", "1000")).stream()
                        .map(OfferedRate::label)
                        .toList());
        assertEquals(100_000.0, OfferedRate.parse("10k").intervalNanos());
    }

    @Test
    void zeroNegativeFractionsAndRatesNoClockCanScheduleAreRefusedSayingWhy() {
        assertTrue(message("0").contains("above 0"), message("0"));
        assertTrue(message("-5k").contains("above 0"), message("-5k"));
        assertTrue(message("0.5").contains("whole number"), message("0.5"));
        assertTrue(message("20M").contains("System.nanoTime"), message("20M"));
        assertTrue(message("10000001").contains("max"), "says what to use instead: " + message("10000001"));
        assertTrue(message("fast").contains("not a rate"), message("fast"));
        assertTrue(message("1m").contains("M (million)"), message("1m"));
        assertEquals(10_000_000, OfferedRate.parse("10M").perSecond(), "the limit itself can be scheduled");
        assertThrows(IllegalArgumentException.class, () -> OfferedRate.parseList(List.of()));
    }

    private static String message(String rate) {
        return assertThrows(IllegalArgumentException.class, () -> OfferedRate.parse(rate))
                .getMessage();
    }

    @Test
    void durationsReadWithUnits() {
        assertEquals(Duration.ofMillis(1), OpenLoopSettings.parseDuration("1ms", "--p99-bound"));
        assertEquals(Duration.ofNanos(250_000), OpenLoopSettings.parseDuration("250us", "--p99-bound"));
        assertEquals(Duration.ofNanos(1_500_000), OpenLoopSettings.parseDuration("1.5ms", "--p99-bound"));
        assertEquals(Duration.ofSeconds(2), OpenLoopSettings.parseDuration("2s", "--p99-bound"));
        assertEquals(Duration.ofNanos(800), OpenLoopSettings.parseDuration("800ns", "--p99-bound"));
        for (String bad : List.of("0ms", "-1ms", "1", "ms", "1 fortnight")) {
            String m = assertThrows(
                            IllegalArgumentException.class, () -> OpenLoopSettings.parseDuration(bad, "--p99-bound"))
                    .getMessage();
            assertTrue(m.startsWith("--p99-bound: "), m);
        }
        assertEquals("1 ms", OpenLoopSettings.format(Duration.ofMillis(1)));
        assertEquals("250 us", OpenLoopSettings.format(Duration.ofNanos(250_000)));
    }

    @Test
    void aRateIsMeasuredForItsDurationExtendedToTheMinimumButNeverBeyondTheLongest() {
        OpenLoopSettings full = OpenLoopSettings.FULL; // 5 s, 100,000 replies, at most 20 s
        assertEquals(20_000, full.messages(OfferedRate.parse("1k")), "capped at 20 s");
        assertEquals(100_000, full.messages(OfferedRate.parse("10k")), "extended to the minimum");
        assertEquals(500_000, full.messages(OfferedRate.parse("100k")), "the duration gives more");
        assertEquals(Duration.ofSeconds(1), full.lagLimit());
        assertEquals(Duration.ofMillis(500), OpenLoopSettings.QUICK.lagLimit());
        assertTrue(
                full.sweepEstimate().compareTo(Duration.ofSeconds(45)) > 0,
                full.sweepEstimate().toString());
    }

    @Test
    void settingsGoToTheProgramAndComeBackTheSame() {
        OpenLoopSettings s = OpenLoopSettings.FULL
                .withRates(OfferedRate.parseList(List.of("2k", "max")))
                .withP99Bound(Duration.ofNanos(250_000))
                .withStall(PeerStall.Spec.parse("10ms/200ms", "--stall"));
        List<String> args = new java.util.ArrayList<>(List.of("--transport", "tcp", "--size", "64"));
        args.addAll(s.toArguments());
        OpenLoopMain.Arguments parsed = OpenLoopMain.Arguments.parse(args.toArray(String[]::new));
        assertEquals(s, parsed.settings());
        assertEquals("tcp", parsed.transport());
        assertEquals(64, parsed.size());
    }

    @Test
    void aStallStopsThePeerForLessThanItsPeriod() {
        PeerStall.Spec spec = PeerStall.Spec.parse("10ms/200ms", "--stall");
        assertEquals(Duration.ofMillis(10), spec.stop());
        assertEquals(Duration.ofMillis(200), spec.every());
        assertEquals("10 ms every 200 ms", spec.describe());
        assertEquals(spec, PeerStall.Spec.parse(spec.argument(), "--stall"));
        for (String bad : List.of("10ms", "200ms/10ms", "10ms/10ms", "x/200ms")) {
            String m = assertThrows(IllegalArgumentException.class, () -> PeerStall.Spec.parse(bad, "--stall"))
                    .getMessage();
            assertTrue(m.contains("--stall") || m.contains("stall"), m);
        }
    }
}
