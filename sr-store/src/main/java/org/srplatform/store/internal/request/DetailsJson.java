package org.srplatform.store.internal.request;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The details of a timeline entry as a flat JSON object of strings, in one column, readable in SQL:
 * {@code {"from":"S3","to":"数据"}}, keys sorted, compact, non-ASCII text as it is. Rows written by the
 * earlier hand-written writer have that same shape. Only control characters may be escaped
 * differently (it wrote backspace and form feed as lower-case hexadecimal escapes, Jackson writes them
 * short, and other hexadecimal escapes in capitals): both read back the same.
 * <p>
 * The reader and the writer are static because the table code that calls them is static; they are
 * immutable and thread-safe, and they only ever see JDK types (no bundle's classes are cached).
 */
final class DetailsJson {

    private static final ObjectWriter WRITER;
    private static final ObjectReader READER;

    static {
        ObjectMapper mapper = new ObjectMapper();
        WRITER = mapper.writerFor(new TypeReference<Map<String, String>>() { })
                .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        // A tree, not Map<String, String>: Jackson would turn 1 or true into a string; a value that is not
        // a string means the row was not written by us, and the reader says so.
        READER = mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private DetailsJson() {
    }

    static String write(Map<String, String> details) {
        try {
            return WRITER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("timeline details cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @throws IllegalStateException if the text is not a JSON object whose values are all strings
     */
    static Map<String, String> read(String json) {
        JsonNode tree;
        try {
            tree = READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw invalid(json, e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset()), e);
        }
        if (tree == null || !tree.isObject()) {
            throw invalid(json, "not an object", null);
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : tree.properties()) {
            if (!field.getValue().isTextual()) {
                throw invalid(json, "the value of '" + field.getKey() + "' is " + field.getValue().getNodeType()
                        + ", not a string", null);
            }
            details.put(field.getKey(), field.getValue().textValue());
        }
        return details;
    }

    private static IllegalStateException invalid(String json, String why, Exception cause) {
        return new IllegalStateException("timeline details are not a JSON object of strings (" + why + "): " + json, cause);
    }
}
