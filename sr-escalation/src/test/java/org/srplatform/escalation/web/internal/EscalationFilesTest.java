package org.srplatform.escalation.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The escalations module's files as shipped: every text in both languages, no HTML parsed from strings, no inline style. */
class EscalationFilesTest {
    private static final Path WEB = Path.of("src/main/resources/web/escalations");
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z0-9_.-]+)\"\\s*:");

    private static Set<String> keys(String file) throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher m = KEY.matcher(Files.readString(WEB.resolve(file), StandardCharsets.UTF_8));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> all = Files.list(WEB)) {
            return all.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
    }

    @Test
    void everyMessageIsInEnglishAndSimplifiedChinese() throws IOException {
        assertEquals(keys("messages.en.json"), keys("messages.zh-CN.json"));
    }

    @Test
    void everyLiteralMessageKeyTheCodeUsesExists() throws IOException {
        Set<String> known = keys("messages.en.json");
        Pattern used = Pattern.compile("'(escalations\\.[A-Za-z0-9_.-]+[A-Za-z0-9])'");
        List<String> unknown = new ArrayList<>();
        for (Path js : scripts()) {
            Matcher m = used.matcher(Files.readString(js, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!known.contains(m.group(1)) && !m.group(1).endsWith(".css")) {
                    unknown.add(js.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), unknown);
        assertTrue(known.contains("escalations.title"), "the shell names the module by <name>.title");
    }

    @Test
    void noScriptParsesStringsAsHtmlOrSetsInlineStyles() throws IOException {
        assertFalse(scripts().isEmpty());
        for (Path js : scripts()) {
            String code = Files.readString(js, StandardCharsets.UTF_8);
            for (String sink : List.of(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                    "new Function", "style:", "'style'", ".style.")) {
                assertFalse(code.contains(sink), js + " uses " + sink);
            }
        }
    }
}
