package org.srplatform.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One endpoint a capability's bundle declares in its {@code SR-Endpoints} header (format in the
 * documentation of {@code org.srplatform.web.api}).
 *
 * @param feature the feature named while the bundle is not running
 * @param method the one method served; empty: any method
 * @param template path segments below {@code /api/v1}, {@code *} for any one segment
 * @param prefix whether paths below the template match too (a template without method)
 */
record DeclaredEndpoint(String feature, Optional<String> method, List<String> template, boolean prefix) {
    private static final Pattern FEATURE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^/{}]+\\}");

    DeclaredEndpoint {
        template = List.copyOf(template);
    }

    /**
     * Whether this is one method on one path without parameters: such an endpoint, when running, wins
     * Jakarta REST's matching over another resource's template (literal characters first).
     */
    boolean literal() {
        return method.isPresent() && !template.contains("*");
    }

    /** Whether a request with this method and these path segments (below {@code /api/v1}) is this endpoint's. */
    boolean serves(String requestMethod, List<String> path) {
        if (method.isPresent() && !method.get().equals(requestMethod)
                && !(method.get().equals("GET") && "HEAD".equals(requestMethod))) {
            return false;
        }
        if (prefix ? path.size() < template.size() : path.size() != template.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (!t.equals("*") && !t.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a header value: clauses {@code feature;paths:List<String>="METHOD template,template"}
     * separated by commas (OSGi manifest syntax; other attributes and directives are ignored).
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    static List<DeclaredEndpoint> parse(String header) {
        List<DeclaredEndpoint> endpoints = new ArrayList<>();
        for (String clause : split(header, ',')) {
            if (clause.isBlank()) {
                continue;
            }
            List<String> parts = split(clause, ';');
            String feature = parts.get(0).strip();
            if (!FEATURE.matcher(feature).matches()) {
                throw new IllegalArgumentException("'" + feature + "' is not a feature id");
            }
            int before = endpoints.size();
            for (String part : parts.subList(1, parts.size())) {
                int eq = part.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("'" + part.strip() + "' of " + feature + " is not name=value");
                }
                String name = part.substring(0, eq).strip();
                if (name.endsWith(":")) {
                    continue; // a directive
                }
                int colon = name.indexOf(':'); // a typed attribute, as paths:List<String>
                if (!(colon < 0 ? name : name.substring(0, colon).strip()).equals("paths")) {
                    continue;
                }
                for (String endpoint : unquote(part.substring(eq + 1).strip()).split(",")) {
                    endpoints.add(endpoint(feature, endpoint.strip()));
                }
            }
            if (endpoints.size() == before) {
                throw new IllegalArgumentException("feature " + feature + " declares no paths");
            }
        }
        return List.copyOf(endpoints);
    }

    private static DeclaredEndpoint endpoint(String feature, String endpoint) {
        String[] words = endpoint.split("\\s+");
        if (words.length > 2 || words[0].isEmpty()) {
            throw new IllegalArgumentException("'" + endpoint + "' of " + feature + " is not '[METHOD] path'");
        }
        Optional<String> method = words.length == 2 ? Optional.of(words[0]) : Optional.empty();
        if (method.isPresent() && !METHOD.matcher(method.get()).matches()) {
            throw new IllegalArgumentException("'" + method.get() + "' of " + feature + " is not an HTTP method");
        }
        List<String> template = new ArrayList<>();
        for (String segment : segments(words[words.length - 1])) {
            template.add(segment.equals("*") || PARAMETER.matcher(segment).matches() ? "*" : segment);
        }
        if (template.isEmpty()) {
            throw new IllegalArgumentException("'" + endpoint + "' of " + feature + " has no path");
        }
        return new DeclaredEndpoint(feature, method, template, method.isEmpty());
    }

    /** The non-empty segments of a path, without matrix parameters. */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            int matrix = s.indexOf(';');
            String segment = matrix < 0 ? s : s.substring(0, matrix);
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** Splits at {@code separator} outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quotes in '" + text + "'");
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            out.append(c == '\\' && i + 1 < value.length() - 1 ? value.charAt(++i) : c);
        }
        return out.toString();
    }
}
