package dev.ipcbench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading values out of parsed JSON ({@link Json#parse}) by path. */
final class Tree {

    private Tree() {}

    /** The value at {@code path} under {@code root}, or {@code null} when any step is missing. */
    static Object get(Object root, String... path) {
        Object v = root;
        for (String step : path) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(step);
        }
        return v;
    }

    /** A scalar as text (integral numbers without a fraction); lists joined with spaces; null stays null. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }

    /** A copy of a parsed object with string keys. */
    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
