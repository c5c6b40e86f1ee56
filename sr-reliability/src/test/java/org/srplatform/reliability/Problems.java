package org.srplatform.reliability;

import java.util.List;

/** Assertion messages that stay readable when a run finds hundreds of problems. */
final class Problems {
    private Problems() {
    }

    /** Fails with the count and the first problems when there are any. */
    static void none(List<?> problems, String context) {
        if (!problems.isEmpty()) {
            StringBuilder b = new StringBuilder(context).append(": ").append(problems.size()).append(" problem(s)");
            problems.stream().limit(10).forEach(p -> b.append("\n  - ").append(p));
            if (problems.size() > 10) {
                b.append("\n  ...");
            }
            throw new AssertionError(b.toString());
        }
    }
}
