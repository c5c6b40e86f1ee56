package org.srplatform.api.request;

import java.util.Arrays;

/** Business impact of an SR, 1 (critical: production down) to 4 (low). Raising it is not escalating. */
public enum Severity {
    S1(1, "Critical"), S2(2, "Major"), S3(3, "Minor"), S4(4, "Low");

    private final int level;
    private final String label;

    Severity(int level, String label) {
        this.level = level;
        this.label = label;
    }

    public int level() {
        return level;
    }

    public String label() {
        return label;
    }

    /**
     * @throws IllegalArgumentException for a level outside 1-4
     */
    public static Severity of(int level) {
        return Arrays.stream(values()).filter(s -> s.level == level).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("severity must be 1, 2, 3 or 4, not " + level));
    }
}
