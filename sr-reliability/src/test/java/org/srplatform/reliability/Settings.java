package org.srplatform.reliability;

/**
 * The suite's knobs, as system properties: the short form's defaults are in the module's pom; the long form
 * (bench/reliability.sh) raises them.
 */
final class Settings {
    private static final long SEED = parseSeed();

    private Settings() {
    }

    /** How many times the crash test kills the platform. */
    static int crashes() {
        return Integer.getInteger("reliability.crashes", 2);
    }

    /** The longest stretch of intake load before a kill (the kill comes at a random moment within it). */
    static double loadSeconds() {
        return Double.parseDouble(System.getProperty("reliability.load.seconds", "3"));
    }

    static int clients() {
        return Integer.getInteger("reliability.clients", 4);
    }

    /** Seconds of fuzzing in all. */
    static int fuzzSeconds() {
        return Integer.getInteger("reliability.fuzz.seconds", 60);
    }

    /** How many off/on rounds of each feature the toggle test makes. */
    static int toggles() {
        return Integer.getInteger("reliability.toggles", 2);
    }

    /** How long a part the platform depends on (its database, a partner) stays out of reach in the outage tests. */
    static int outageSeconds() {
        return Integer.getInteger("reliability.outage.seconds", 10);
    }

    /** How many times the bundle update test replaces a bundle in deploy/ under load. */
    static int updates() {
        return Integer.getInteger("reliability.updates", 2);
    }

    /** The seed of every random choice (kill moments, bodies); printed in the report so a run can be repeated. */
    static long seed() {
        return SEED;
    }

    private static long parseSeed() {
        String s = System.getProperty("reliability.seed", "");
        return s.isBlank() ? System.nanoTime() : Long.parseLong(s.strip());
    }
}
