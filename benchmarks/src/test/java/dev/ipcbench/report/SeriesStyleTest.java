package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesStyleTest {

    private static final List<Row> EVERY_DEFAULT_ROW = List.of(
            Row.of("inproc", null),
            Row.of("fifo", null),
            Row.of("mmap", "spin"),
            Row.of("mmap", "backoff"),
            Row.of("pipe", null),
            Row.of("shm", "spin"),
            Row.of("shm", "backoff"),
            Row.of("tcp", null),
            Row.of("udp", null),
            Row.of("uds", null),
            Row.of("uds-dgram", null),
            Row.of("uds-junix", null),
            Row.of("uds-seqpacket", null),
            Row.of("new-transport", null),
            Row.of("tcp", null));

    @Test
    void noTwoSeriesOfAChartShareAColour() {
        SeriesStyle style = new SeriesStyle();
        Set<Color> colours = new HashSet<>();
        for (Row row : EVERY_DEFAULT_ROW) {
            colours.add(style.next(row).color());
        }
        assertEquals(EVERY_DEFAULT_ROW.size(), colours.size());
    }

    @Test
    void aTransportKeepsItsColourAndMarkerInEveryChart() {
        SeriesStyle.Look alone = new SeriesStyle().next(Row.of("tcp", null));
        SeriesStyle many = new SeriesStyle();
        EVERY_DEFAULT_ROW.subList(0, 7).forEach(many::next);
        SeriesStyle.Look among = many.next(Row.of("tcp", null));
        assertEquals(alone.color(), among.color());
        assertEquals(alone.shape(), among.shape());
        assertNotEquals(
                new SeriesStyle().next(Row.of("mmap", "spin")).color(),
                new SeriesStyle().next(Row.of("mmap", "backoff")).color());
    }
}
