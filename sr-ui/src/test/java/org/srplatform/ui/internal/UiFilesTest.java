package org.srplatform.ui.internal;

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

/** The UI's files as shipped: every text in both languages, no HTML parsed from strings, no inline script or style. */
class UiFilesTest {
    private static final Path WEB = Path.of("src/main/resources/web");
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z0-9_.-]+)\"\\s*:");

    private static List<Path> files(String glob) throws IOException {
        try (Stream<Path> all = Files.walk(WEB)) {
            return all.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).sorted().toList();
        }
    }

    private static Set<String> keys(Path messages) throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher m = KEY.matcher(Files.readString(messages, StandardCharsets.UTF_8));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void everyModuleHasEveryMessageInEnglishAndSimplifiedChinese() throws IOException {
        List<Path> english = files("messages.en.json");
        assertEquals(3, english.size(), english.toString());
        for (Path en : english) {
            Path zh = en.resolveSibling("messages.zh-CN.json");
            assertTrue(Files.exists(zh), "no Chinese messages beside " + en);
            Set<String> missing = new TreeSet<>(keys(en));
            missing.removeAll(keys(zh));
            Set<String> extra = new TreeSet<>(keys(zh));
            extra.removeAll(keys(en));
            assertEquals(Set.of(), missing, "not translated in " + zh);
            assertEquals(Set.of(), extra, "only in Chinese in " + zh);
        }
    }

    @Test
    void everyMessageKeyTheCodeUsesExists() throws IOException {
        Set<String> known = new TreeSet<>();
        for (Path m : files("messages.en.json")) {
            known.addAll(keys(m));
        }
        // Literal keys: t('portal.x'), label: 'shell.y'; keys built at run time (status names) are checked by prefix.
        Pattern used = Pattern.compile("(?:\\bt\\(|label: )'((?:shell|portal|operator)\\.[A-Za-z0-9_.]+)'");
        List<String> unknown = new ArrayList<>();
        for (Path js : files("*.js")) {
            Matcher m = used.matcher(Files.readString(js, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    unknown.add(WEB.relativize(js) + ": " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void noScriptParsesStringsAsHtml() throws IOException {
        for (Path js : files("*.js")) {
            String code = Files.readString(js, StandardCharsets.UTF_8);
            for (String sink : List.of(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
                assertFalse(code.contains(sink), js + " uses " + sink);
            }
        }
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() throws IOException {
        String index = Files.readString(WEB.resolve("index.html"), StandardCharsets.UTF_8);
        assertFalse(index.contains("<style"), "inline style");
        assertFalse(index.contains("style="), "style attribute");
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(index).find(), "inline script");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(index).find(), "event handler attribute");
        assertTrue(SecurityHeaders.CSP.contains("default-src 'self'") && SecurityHeaders.CSP.contains("frame-ancestors 'none'"));
        assertFalse(SecurityHeaders.CSP.contains("unsafe-inline"));
    }
}
