package org.srplatform.notify.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every message template by kind and language: {@code <KIND>.<language>.txt} files from bundles (the
 * platform's own and any that name a folder in their {@code SR-Templates} header), each replaced by a file
 * of the same name in the operator's folder. A kind needs English; other languages are chosen by the
 * recipient's tag (exact, then the same primary language), else English. Immutable: a reload makes a new one.
 */
final class TemplateLibrary {
    static final String FALLBACK = "en";
    private static final Pattern FILE = Pattern.compile("([A-Z][A-Z0-9_]*)\\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\\.txt");

    /** What a message may say: values taken from the SR, the recipient and the message's payload. */
    static final Set<String> KNOWN = Set.of("name", "number", "srSubject", "product", "category", "severity", "status",
            "text", "by", "assignee", "dueAt", "confirmationDueAt", "firstResponseDueAt", "nextUpdateDueAt", "clock",
            "alert", "closesAt", "reason", "callbackNumber", "caller", "company", "contact", "staff", "kind");

    /** A template file: its name ({@code CONFIRMATION.en.txt}), its text, and where it came from. */
    record Source(String name, String text, String origin) {
    }

    private final Map<String, Map<String, Template>> byKind;
    private final List<String> problems;

    private TemplateLibrary(Map<String, Map<String, Template>> byKind, List<String> problems) {
        this.byKind = byKind;
        this.problems = List.copyOf(problems);
    }

    /**
     * @param provided  templates of bundles, in order (a later one of the same name wins)
     * @param overrides the operator's files: each replaces the provided one of its name, if it is valid
     */
    static TemplateLibrary load(List<Source> provided, List<Source> overrides) {
        return load(provided, overrides, Set.of());
    }

    /**
     * @param moreKnown placeholders that bundles' messages carry besides {@link #KNOWN} (declared in their
     *                  {@code SR-Templates} header), so a capability's templates may use its own values
     */
    static TemplateLibrary load(List<Source> provided, List<Source> overrides, Set<String> moreKnown) {
        Set<String> known = new java.util.HashSet<>(KNOWN);
        known.addAll(moreKnown);
        Map<String, Map<String, Template>> kinds = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (List<Source> layer : List.of(provided, overrides)) {
            for (Source s : layer) {
                Matcher m = FILE.matcher(s.name());
                if (!m.matches()) {
                    problems.add(s.origin() + ": not a template name; use <KIND>.<language>.txt (CONFIRMATION.zh-CN.txt)");
                    continue;
                }
                try {
                    Template t = Template.parse(m.group(1), m.group(2), s.text(), s.origin(), known);
                    kinds.computeIfAbsent(t.kind(), k -> new HashMap<>()).put(t.language().toLowerCase(Locale.ROOT), t);
                } catch (Template.Invalid e) {
                    problems.add(e.getMessage()); // the provided template of that name, if any, stays
                }
            }
        }
        kinds.forEach((kind, langs) -> {
            if (!langs.containsKey(FALLBACK)) {
                problems.add(kind + " has no English template (" + kind + ".en.txt); other languages fall back to it");
            }
        });
        return new TemplateLibrary(kinds, problems);
    }

    /** The template of a kind for a language tag, or empty for a kind nobody registered. */
    Optional<Template> find(String kind, String language) {
        Map<String, Template> langs = byKind.get(kind);
        if (langs == null) {
            return Optional.empty();
        }
        String tag = language == null ? FALLBACK : language.toLowerCase(Locale.ROOT);
        Template exact = langs.get(tag);
        if (exact != null) {
            return Optional.of(exact);
        }
        String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
        return langs.entrySet().stream().filter(e -> e.getKey().equals(primary) || e.getKey().startsWith(primary + "-"))
                .map(Map.Entry::getValue).findFirst().or(() -> Optional.ofNullable(langs.get(FALLBACK)));
    }

    Set<String> kinds() {
        return byKind.keySet();
    }

    /** Every template, for tests and operators. */
    List<Template> all() {
        List<Template> out = new ArrayList<>();
        byKind.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** What was wrong at load: files refused, kinds without English. */
    List<String> problems() {
        return problems;
    }
}
