package org.srplatform.store.internal.request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The details of a timeline entry as a flat JSON object of strings, in one column: readable in SQL,
 * and no JSON library inside the store for this one shape.
 */
final class DetailsJson {

    private DetailsJson() {
    }

    static String write(Map<String, String> details) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, e.getKey()).append(':');
            string(out, e.getValue());
        }
        return out.append('}').toString();
    }

    static Map<String, String> read(String json) {
        Parser p = new Parser(json);
        Map<String, String> details = new LinkedHashMap<>();
        p.expect('{');
        if (!p.consume('}')) {
            do {
                String key = p.string();
                p.expect(':');
                details.put(key, p.string());
            } while (p.consume(','));
            p.expect('}');
        }
        p.end();
        return details;
    }

    private static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch); // non-ASCII text (Chinese...) stays as it is
                    }
                }
            }
        }
        return out.append('"');
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void expect(char ch) {
            if (!consume(ch)) {
                throw new IllegalStateException("timeline details are not a JSON object of strings at " + i + ": " + s);
            }
        }

        boolean consume(char ch) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == ch) {
                i++;
                return true;
            }
            return false;
        }

        void end() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i != s.length()) {
                expect('\0');
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char ch = s.charAt(i++);
                if (ch == '"') {
                    return out.toString();
                }
                if (ch != '\\') {
                    out.append(ch);
                    continue;
                }
                char esc = s.charAt(i++);
                switch (esc) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(esc); // \" \\ \/
                }
            }
            expect('"');
            return null; // not reached: expect throws
        }
    }
}
