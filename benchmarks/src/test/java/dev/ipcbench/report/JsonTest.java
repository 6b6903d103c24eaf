package dev.ipcbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesWhatItReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 µ");
        value.put("long", 1_048_576L);
        value.put("negative", -3);
        value.put("double", 2.5);
        value.put("whole double", 3.0);
        value.put("small", 1.5e-7);
        value.put("yes", true);
        value.put("nothing", null);
        value.put("list", List.of(1L, "two", false));
        value.put("empty list", List.of());
        value.put("empty map", Map.of());
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", new ArrayList<>(Arrays.asList(Map.of("a", 1L), null)));
        value.put("nested", nested);

        Object back = Json.parse(Json.write(value));

        Map<String, Object> expected = new LinkedHashMap<>(value);
        expected.put("negative", -3L);
        expected.put("empty list", List.of());
        assertEquals(expected, back);
    }

    @Test
    void keepsKeyOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", 1L);
        value.put("a", 2L);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) Json.parse(Json.write(value));
        assertEquals(List.of("z", "a"), List.copyOf(back.keySet()));
    }

    @Test
    void writesNonFiniteNumbersAsNull() {
        assertEquals("[null, null]", Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY)));
    }

    @Test
    void readsJmhStyleJson() {
        String jmh = "[ { \"params\" : { \"size\" : \"64\" }, \"primaryMetric\" : { \"score\" : 1.5E2, "
                + "\"scoreError\" : \"NaN\", \"scorePercentiles\" : { \"99.9\" : 3 } } } ]";
        List<?> list = (List<?>) Json.parse(jmh);
        Map<?, ?> primary = (Map<?, ?>) ((Map<?, ?>) list.get(0)).get("primaryMetric");
        assertEquals(150.0, primary.get("score"));
        assertEquals("NaN", primary.get("scoreError"));
        assertEquals(3L, ((Map<?, ?>) primary.get("scorePercentiles")).get("99.9"));
        assertNull(Json.parse(" null "));
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : List.of("", "[1,", "{\"a\" 1}", "[1] x", "'single'", "{1: 2}", "\"\\q\"", "tru")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("not valid JSON at offset"), e.getMessage());
        }
    }
}
