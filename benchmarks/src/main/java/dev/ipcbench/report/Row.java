package dev.ipcbench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A table row: a transport, its wait strategy, and any other benchmark parameter that is not a
 * column (such as a throughput window). Labels read {@code tcp}, {@code shm (spin)} or {@code tcp
 * (window=16)}.
 */
public record Row(String transport, String waitStrategy, SortedMap<String, String> other) {

    /** The {@code wait} value meaning the transport's own default. */
    public static final String DEFAULT_WAIT = "default";

    public Row {
        Objects.requireNonNull(transport, "transport");
        waitStrategy = waitStrategy == null ? DEFAULT_WAIT : waitStrategy;
        other = Collections.unmodifiableSortedMap(new TreeMap<>(other == null ? new TreeMap<>() : other));
    }

    /** A row of a transport and wait strategy alone. */
    public static Row of(String transport, String waitStrategy) {
        return new Row(transport, waitStrategy, null);
    }

    /** What the row is called in tables and chart legends. */
    public String label() {
        List<String> qualifiers = new ArrayList<>();
        if (!DEFAULT_WAIT.equals(waitStrategy)) {
            qualifiers.add(waitStrategy);
        }
        other.forEach((k, v) -> qualifiers.add(k + "=" + v));
        return qualifiers.isEmpty() ? transport : transport + " (" + String.join(", ", qualifiers) + ")";
    }
}
