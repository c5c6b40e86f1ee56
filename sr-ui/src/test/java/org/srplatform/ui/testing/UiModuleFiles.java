package org.srplatform.ui.testing;

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

/**
 * The checks every UI module's files must pass as shipped, for the tests of the bundle that brings the module (sr-ui's
 * test jar): every message in English and Simplified Chinese, every message key the code names known, no script that
 * parses strings as HTML or sets inline styles (the UI's content security policy and its escaping rest on that).
 * <pre>
 * private final UiModuleFiles files = new UiModuleFiles("console", Path.of("src/main/resources/web/console"));
 * &#64;Test void everyMessageIsInBothLanguages() throws IOException { files.assertMessagesInBothLanguages(); }
 * </pre>
 */
public final class UiModuleFiles {
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z0-9_.-]+)\"\\s*:");
    /** What turns text into markup or code, or styles an element inline. */
    private static final List<String> SINKS = List.of(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write",
            "eval(", "new Function", "style:", "'style'", ".style.");

    private final String module;
    private final Path folder;

    /**
     * @param module the module's name (its message keys start with {@code <module>.})
     * @param folder the module's files in the source tree
     */
    public UiModuleFiles(String module, Path folder) {
        this.module = module;
        this.folder = folder;
    }

    public void assertMessagesInBothLanguages() throws IOException {
        assertEquals(keys("messages.en.json"), keys("messages.zh-CN.json"), "the same message keys in English and Chinese");
    }

    /** Each {@code '<module>.…'} key the code names is in the messages, and so is {@code <module>.title}. */
    public void assertUsedKeysExist() throws IOException {
        Set<String> known = keys("messages.en.json");
        Pattern used = Pattern.compile("'(" + Pattern.quote(module) + "\\.[A-Za-z0-9_.-]+[A-Za-z0-9])'");
        List<String> unknown = new ArrayList<>();
        for (Path js : scripts()) {
            Matcher m = used.matcher(Files.readString(js, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!known.contains(m.group(1)) && !m.group(1).endsWith(".css")) {
                    unknown.add(js.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), unknown, "message keys the code uses but the messages lack");
        assertTrue(known.contains(module + ".title"), "the shell names the module by " + module + ".title");
    }

    public void assertNoHtmlSinksOrInlineStyles() throws IOException {
        assertFalse(scripts().isEmpty(), "the module has scripts in " + folder);
        for (Path js : scripts()) {
            String code = Files.readString(js, StandardCharsets.UTF_8);
            for (String sink : SINKS) {
                assertFalse(code.contains(sink), js + " uses " + sink);
            }
        }
    }

    private Set<String> keys(String file) throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher m = KEY.matcher(Files.readString(folder.resolve(file), StandardCharsets.UTF_8));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private List<Path> scripts() throws IOException {
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
    }
}
