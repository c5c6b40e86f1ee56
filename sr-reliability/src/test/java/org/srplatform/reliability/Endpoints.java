package org.srplatform.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The endpoints the platform's bundles declare in their {@code SR-Endpoints} manifest headers (format in
 * {@code org.srplatform.web.api}'s package documentation): read from the jars of the distribution being tested
 * ({@code system/} and {@code deploy/}), so that a new endpoint is known here as soon as its bundle declares it.
 */
final class Endpoints {
    /** One declared endpoint: {@code method} empty for a path and everything below it, any method. */
    record Declared(String bundle, String feature, String method, String template) {
        /** Whether this declaration covers a call of {@code method} on {@code template}. */
        boolean covers(String callMethod, String callTemplate) {
            if (!method.isEmpty()) {
                return method.equals(callMethod) && template.equals(callTemplate);
            }
            return callTemplate.equals(template) || callTemplate.startsWith(template + "/");
        }

        @Override
        public String toString() {
            return (method.isEmpty() ? "" : method + " ") + template + " (" + feature + ", " + bundle + ")";
        }
    }

    private Endpoints() {
    }

    static List<Declared> of(Path home) {
        List<Declared> out = new ArrayList<>();
        for (String folder : List.of("system", "deploy")) {
            Path dir = home.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) {
                    try (JarFile j = new JarFile(jar.toFile())) {
                        Manifest m = j.getManifest();
                        String header = m == null ? null : m.getMainAttributes().getValue("SR-Endpoints");
                        if (header != null) {
                            out.addAll(parse(jar.getFileName().toString(), header));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** {@code feature;paths:List<String>="GET a,POST b/{id}",other;paths:List<String>=c}. */
    static List<Declared> parse(String bundle, String header) {
        List<Declared> out = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            String feature = parts.get(0).strip();
            for (String attribute : parts.subList(1, parts.size())) {
                int eq = attribute.indexOf('=');
                String name = attribute.substring(0, eq).strip();
                if (!name.startsWith("paths")) {
                    continue;
                }
                String value = attribute.substring(eq + 1).strip();
                if (value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                for (String entry : value.split(",")) {
                    String e = entry.strip();
                    int space = e.indexOf(' ');
                    out.add(space < 0 ? new Declared(bundle, feature, "", e)
                            : new Declared(bundle, feature, e.substring(0, space), e.substring(space + 1).strip()));
                }
            }
        }
        return out;
    }

    /** Splits at {@code separator} outside double quotes. */
    private static List<String> split(String s, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
