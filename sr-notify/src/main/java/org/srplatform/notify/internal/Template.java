package org.srplatform.notify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message template: a first line {@code Subject: ...}, then the body, with {@code {{name}}} placeholders.
 * Parsed and checked when loaded (a placeholder no message ever carries, a missing subject, an unclosed
 * brace), so that a wrong template is reported when an operator puts it in place, not when a customer is
 * owed the message.
 */
record Template(String kind, String language, String subject, String body, String source) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    /** A template that cannot be used, with every reason. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String source, List<String> problems) {
            super(source + ": " + String.join("; ", problems));
        }
    }

    /**
     * @param known the placeholders messages carry
     * @throws Invalid naming the file and each problem
     */
    static Template parse(String kind, String language, String text, String source, Set<String> known) throws Invalid {
        List<String> problems = new ArrayList<>();
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        t = t.replace("\r\n", "\n");
        int eol = t.indexOf('\n');
        String first = eol < 0 ? t : t.substring(0, eol);
        String body = eol < 0 ? "" : t.substring(eol + 1);
        String subject = "";
        if (!first.regionMatches(true, 0, "Subject:", 0, 8)) {
            problems.add("line 1 must be 'Subject: ...'");
        } else {
            subject = first.substring(8).strip();
            if (subject.isEmpty()) {
                problems.add("the subject is empty");
            }
        }
        if (body.isBlank()) {
            problems.add("the body is empty");
        }
        String[] lines = t.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String rest = PLACEHOLDER.matcher(line).replaceAll("");
            if (rest.contains("{{") || rest.contains("}}")) {
                problems.add("line " + (i + 1) + ": a placeholder is written {{name}}");
            }
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    problems.add("line " + (i + 1) + ": no message carries {{" + m.group(1) + "}} (known: "
                            + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(source, problems);
        }
        return new Template(kind, language, subject, body.strip() + "\n", source);
    }

    /** The subject line, values filled in (absent ones empty). */
    String subject(Map<String, String> values) {
        return fill(subject, values).replaceAll("[\\r\\n]+", " ").strip(); // never a header break
    }

    String body(Map<String, String> values) {
        return fill(body, values);
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
