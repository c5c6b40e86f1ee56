package org.srplatform.store.internal.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DetailsJsonTest {

    @Test
    void detailsRoundTripWhateverTheirCharacters() {
        Map<String, String> details = Map.of("from", "S3", "reason", "数据库延迟 \"quoted\" back\\slash\nline\ttab\u0001",
                "", "empty key");
        String json = DetailsJson.write(details);
        assertEquals(details, DetailsJson.read(json));
        assertEquals("{}", DetailsJson.write(Map.of()));
        assertEquals(Map.of(), DetailsJson.read("{}"));
    }

    @Test
    void detailsAreWrittenAsReadableJson() {
        assertEquals("{\"from\":\"S3\",\"to\":\"数据\"}", DetailsJson.write(Map.of("to", "数据", "from", "S3")));
    }

    @Test
    void somethingElseThanAnObjectOfStringsIsRefused() {
        assertThrows(IllegalStateException.class, () -> DetailsJson.read("{\"a\":1}"));
        assertThrows(IllegalStateException.class, () -> DetailsJson.read("{\"a\":\"b\"} x"));
    }
}
