package org.srplatform.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform's templates and the rules every template (an operator's too) is checked against at load. */
class TemplateLibraryTest {
    static final Path BUILT_IN = Path.of("src/main/resources/templates");
    static final Set<String> KINDS = Set.of("CONFIRMATION", "RESPONSE", "COMMENT", "SEVERITY_CHANGED", "TARGET_AT_RISK",
            "TARGET_BREACHED", "RESOLVED", "AUTO_CLOSE_WARNING", "CALLBACK_DUE");

    @TempDir
    Path dir;

    static List<TemplateLibrary.Source> builtIn() throws IOException {
        try (Stream<Path> files = Files.list(BUILT_IN)) {
            return files.sorted().map(f -> {
                try {
                    return new TemplateLibrary.Source(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8),
                            f.toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void everyKindHasEnglishAndChineseAndAllLoadWithoutProblems() throws IOException {
        TemplateLibrary library = TemplateLibrary.load(builtIn(), List.of());
        assertEquals(List.of(), library.problems());
        assertEquals(KINDS, library.kinds());
        for (String kind : KINDS) {
            assertEquals("en", library.find(kind, "en").orElseThrow().language(), kind);
            assertEquals("zh-CN", library.find(kind, "zh-CN").orElseThrow().language(), kind);
        }
    }

    @Test
    void everyTemplateRendersEveryValueItNamesInBothLanguages() throws IOException {
        Map<String, String> values = new HashMap<>();
        TemplateLibrary.KNOWN.forEach(k -> values.put(k, "<" + k + ">"));
        values.put("number", "26000000042");
        values.put("name", "陈伟");
        for (Template t : TemplateLibrary.load(builtIn(), List.of()).all()) {
            String subject = t.subject(values);
            String body = t.body(values);
            assertFalse(subject.isBlank(), t.source());
            assertFalse(subject.contains("\n"), t.source());
            assertFalse(subject.contains("{{") || body.contains("{{"), t.source() + ": every placeholder is filled");
            if (!t.kind().startsWith("CALLBACK")) {
                assertTrue(subject.contains("26000000042"), t.source() + ": the subject names the SR: " + subject);
            }
            assertTrue(body.contains("陈伟") || t.body(Map.of()).length() < body.length(), t.source());
        }
        String zh = TemplateLibrary.load(builtIn(), List.of()).find("CONFIRMATION", "zh-CN").orElseThrow().body(values);
        assertTrue(zh.contains("您的支持请求编号为 26000000042"), zh);
    }

    @Test
    void languageIsChosenByExactTagThenPrimaryLanguageThenEnglish() throws IOException {
        TemplateLibrary library = TemplateLibrary.load(builtIn(), List.of());
        assertEquals("zh-CN", library.find("RESPONSE", "zh-cn").orElseThrow().language());
        assertEquals("zh-CN", library.find("RESPONSE", "zh-TW").orElseThrow().language(), "same primary language");
        assertEquals("zh-CN", library.find("RESPONSE", "zh").orElseThrow().language());
        assertEquals("en", library.find("RESPONSE", "de-DE").orElseThrow().language());
        assertEquals("en", library.find("RESPONSE", null).orElseThrow().language());
        assertTrue(library.find("NO_SUCH_KIND", "en").isEmpty());
    }

    @Test
    void anOperatorsFileReplacesThePlatformsAndAWrongOneIsRefusedWithItsLine() throws IOException {
        List<TemplateLibrary.Source> overrides = List.of(
                new TemplateLibrary.Source("CONFIRMATION.en.txt", "Subject: Got it: {{number}}\nHello {{name}}\n", "etc/a"),
                new TemplateLibrary.Source("RESPONSE.en.txt", "Subject: {{number}}\nHi {{nmae}}\n", "etc/b"),
                new TemplateLibrary.Source("COMMENT.en.txt", "Hello {{name}}\n", "etc/c"),
                new TemplateLibrary.Source("RESOLVED.en.txt", "Subject: x {{number}\nbody\n", "etc/d"),
                new TemplateLibrary.Source("notes.txt", "Subject: x\nbody\n", "etc/e"),
                new TemplateLibrary.Source("ESCALATION_UPDATE.zh-CN.txt", "Subject: 升级 {{number}}\n正文\n", "etc/f"));
        TemplateLibrary library = TemplateLibrary.load(builtIn(), overrides);
        assertEquals("Got it: 1", library.find("CONFIRMATION", "en").orElseThrow().subject(Map.of("number", "1")));
        assertEquals(BUILT_IN.resolve("RESPONSE.en.txt").toString(), library.find("RESPONSE", "en").orElseThrow().source(),
                "the platform's stays where the operator's is wrong");
        List<String> problems = library.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("etc/b: line 2: no message carries {{nmae}}")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("etc/c: line 1 must be 'Subject: ...'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("etc/d: line 1: a placeholder is written {{name}}")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("etc/e: not a template name")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ESCALATION_UPDATE has no English template")), problems.toString());
    }

    @Test
    void aBundlesTemplatesMayUseThePlaceholdersItsHeaderDeclares() {
        String header = "templates;placeholders=\"escalation,region, day\"";
        assertEquals(Set.of("escalation", "region", "day"), TemplateService.placeholders(header));
        assertEquals(Set.of(), TemplateService.placeholders("templates"));
        List<TemplateLibrary.Source> capability = List.of(new TemplateLibrary.Source("ESCALATION_DIGEST.en.txt",
                "Subject: {{region}} {{day}}\nEscalation {{escalation}}\n", "bundle/escalation"));

        TemplateLibrary without = TemplateLibrary.load(capability, List.of());
        TemplateLibrary with = TemplateLibrary.load(capability, List.of(), TemplateService.placeholders(header));

        assertTrue(without.find("ESCALATION_DIGEST", "en").isEmpty(), "undeclared placeholders are refused");
        assertEquals("APJ 2026-11-30", with.find("ESCALATION_DIGEST", "en").orElseThrow()
                .subject(Map.of("region", "APJ", "day", "2026-11-30")));
        assertEquals(List.of(), with.problems());
    }

    @Test
    void theServiceReadsTheOperatorsFolderAgainWhenItChanges() throws Exception {
        TemplateService service = new TemplateService(builtIn(), dir);
        assertEquals(BUILT_IN.resolve("COMMENT.en.txt").toString(), service.library().find("COMMENT", "en").orElseThrow().source());
        Files.writeString(dir.resolve("COMMENT.en.txt"), "Subject: [{{number}}] news\n{{text}}\n");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!service.library().find("COMMENT", "en").orElseThrow().source().startsWith(dir.toString())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("[7] news", service.library().find("COMMENT", "en").orElseThrow().subject(Map.of("number", "7")));
    }
}
