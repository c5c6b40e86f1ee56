package org.srplatform.spi.admin;

import java.util.Map;

/**
 * What an import did.
 *
 * @param created entries created, per section of the document ({@code accounts})
 * @param changed entries changed, per section
 * @param unchanged entries already as the document says, per section
 */
public record ImportResult(Map<String, Integer> created, Map<String, Integer> changed, Map<String, Integer> unchanged) {
    public ImportResult {
        created = Map.copyOf(created);
        changed = Map.copyOf(changed);
        unchanged = Map.copyOf(unchanged);
    }

    /** Whether the import wrote anything. */
    public boolean wroteAnything() {
        return created.values().stream().anyMatch(n -> n > 0) || changed.values().stream().anyMatch(n -> n > 0);
    }
}
