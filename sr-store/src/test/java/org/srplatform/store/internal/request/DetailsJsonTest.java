package org.srplatform.store.internal.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DetailsJsonTest {

    @Test
    void detailsRoundTripWhateverTheirCharacters() {
        Map<String, String> details = Map.of("from", "S3", "reason", "数据库延迟 \"quoted\" back\\slash\nline\ttab\u0001",
                "", "empty key", "ctl", "\b\f\r\u001f\u0000\u007f", "emoji", "\ud83d\ude00 a/b");
        String json = DetailsJson.write(details);
        assertEquals(details, DetailsJson.read(json));
        assertEquals("{}", DetailsJson.write(Map.of()));
        assertEquals(Map.of(), DetailsJson.read("{}"));
    }

    @Test
    void detailsAreWrittenAsReadableJsonWithSortedKeys() {
        assertEquals("{\"from\":\"S3\",\"to\":\"数据\"}", DetailsJson.write(Map.of("to", "数据", "from", "S3")));
        assertEquals("{\"B\":\"1\",\"Z\":\"3\",\"a\":\"2\",\"é\":\"4\"}",
                DetailsJson.write(Map.of("a", "2", "é", "4", "Z", "3", "B", "1")));
        assertEquals("{\"\":\"empty key\",\"reason\":\"数据库延迟 \\\"quoted\\\" back\\\\slash\\nline\\ttab\\u0001\"}",
                DetailsJson.write(Map.of("reason", "数据库延迟 \"quoted\" back\\slash\nline\ttab\u0001", "", "empty key")));
    }

    /** Exactly what the hand-written writer before Jackson stored (its output, copied), read back the same. */
    @Test
    void rowsOfTheEarlierWriterAreReadAsTheyWereWritten() {
        assertEquals(Map.of("from", "S3", "to", "数据"), DetailsJson.read("{\"from\":\"S3\",\"to\":\"数据\"}"));
        assertEquals(Map.of("reason", "数据库延迟 \"quoted\" back\\slash\nline\ttab\u0001", "", "empty key"), DetailsJson.read(
                "{\"\":\"empty key\",\"reason\":\"数据库延迟 \\\"quoted\\\" back\\\\slash\\nline\\ttab\\u0001\"}"));
        // It wrote control characters but \n \r \t as lower-case \\u escapes, and characters outside the BMP raw.
        assertEquals(Map.of("ctl", "\b\f\r\u001f\u0000", "emoji", "\ud83d\ude00", "slash", "a/b"), DetailsJson.read(
                "{\"ctl\":\"\\u0008\\u000c\\r\\u001f\\u0000\",\"emoji\":\"\ud83d\ude00\",\"slash\":\"a/b\"}"));
        assertEquals(List.of("B", "Z", "a", "é"),
                List.copyOf(DetailsJson.read("{\"B\":\"1\",\"Z\":\"3\",\"a\":\"2\",\"é\":\"4\"}").keySet()));
        // Its reader also took whitespace and escaped slashes: JSON allows them, and so does Jackson.
        assertEquals(Map.of("a", "b/c"), DetailsJson.read(" { \"a\" : \"b\\/c\" } "));
    }

    @Test
    void somethingElseThanAnObjectOfStringsIsRefusedSayingWhy() {
        IllegalStateException number = assertThrows(IllegalStateException.class, () -> DetailsJson.read("{\"a\":1}"));
        assertTrue(number.getMessage().startsWith("timeline details are not a JSON object of strings"), number.getMessage());
        assertTrue(number.getMessage().contains("'a'") && number.getMessage().contains("NUMBER"), number.getMessage());
        assertThrows(IllegalStateException.class, () -> DetailsJson.read("{\"a\":null}"));
        assertThrows(IllegalStateException.class, () -> DetailsJson.read("{\"a\":{\"b\":\"c\"}}"));
        assertThrows(IllegalStateException.class, () -> DetailsJson.read("[\"a\"]"));
        assertThrows(IllegalStateException.class, () -> DetailsJson.read(""));
        IllegalStateException trailing = assertThrows(IllegalStateException.class,
                () -> DetailsJson.read("{\"a\":\"b\"} x"));
        assertTrue(trailing.getMessage().contains("{\"a\":\"b\"} x"), trailing.getMessage());
        assertThrows(IllegalStateException.class, () -> DetailsJson.read("{\"a\":\"unterminated}"));
    }
}
