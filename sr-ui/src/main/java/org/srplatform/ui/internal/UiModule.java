package org.srplatform.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A UI module a bundle brings: its name, which is also the folder its files are served from ({@code /ui/<name>/}),
 * and its audience ({@code customer}, {@code staff} or {@code all}). Declared by the bundle's {@value #HEADER}
 * manifest header, e.g. {@code SR-UI-Module: portal;audience=customer, operator;audience=staff}.
 */
record UiModule(String name, String audience, String bundle) {
    static final String HEADER = "SR-UI-Module";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final List<String> AUDIENCES = List.of("customer", "staff", "all");

    UiModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(bundle, "bundle");
    }

    /** The ES module the shell imports; it default-exports {@code register(ui)}. */
    String entry() {
        return "/ui/" + name + "/module.js";
    }

    /** Where the shell reads the module's messages: {@code <base>messages.<language>.json}. */
    String base() {
        return "/ui/" + name + "/";
    }

    /**
     * The modules a header declares: comma-separated clauses, each a name and optional {@code audience=} attribute.
     *
     * @throws IllegalArgumentException naming what is wrong (a bad name, an unknown audience or attribute)
     */
    static List<UiModule> parse(String header, String bundle) {
        List<UiModule> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        for (String clause : header.split(",")) {
            String[] parts = clause.split(";");
            String name = parts[0].strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a UI module name (lower-case letters, digits and"
                        + " '-', starting with a letter, at most 40)");
            }
            String audience = "all";
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].strip();
                int eq = attribute.indexOf('=');
                String key = eq < 0 ? attribute : attribute.substring(0, eq).strip();
                String value = eq < 0 ? "" : attribute.substring(eq + 1).strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!key.equals("audience")) {
                    throw new IllegalArgumentException("UI module " + name + ": unknown attribute '" + key + "' (only audience)");
                }
                if (!AUDIENCES.contains(value)) {
                    throw new IllegalArgumentException("UI module " + name + ": audience '" + value + "' is not one of " + AUDIENCES);
                }
                audience = value;
            }
            out.add(new UiModule(name, audience, bundle));
        }
        return out;
    }

    /** This module as the JSON object the shell reads (every value matched a plain pattern: nothing to escape but names). */
    String json() {
        return "{\"name\":\"" + name + "\",\"audience\":\"" + audience + "\",\"entry\":\"" + entry() + "\",\"base\":\""
                + base() + "\",\"bundle\":\"" + Json.escape(bundle) + "\"}";
    }
}
