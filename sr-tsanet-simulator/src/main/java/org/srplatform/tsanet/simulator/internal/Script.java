package org.srplatform.tsanet.simulator.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the simulated receiver answers a case, read from tags in its problem summary.
 *
 * <ul>
 * <li>{@code [accept]} (also without any tag): accepted, with a case number and an engineer, at the first
 * follow-up after one that saw it open;</li>
 * <li>{@code [reject]}: rejected with a reason, likewise;</li>
 * <li>{@code [info]}: the receiver asks for more information; once it is answered, accepted likewise;</li>
 * <li>{@code [manual]}: the receiver does nothing by itself (a test drives it through the receiver's
 * endpoints);</li>
 * <li>{@code [slow]} or {@code [slow N]}: the answer to the request that creates the case comes only after N
 * seconds (the case exists at once, as with a server that commits and then stalls), and the receiver answers no
 * earlier than N seconds after the case was opened or its information answered;</li>
 * <li>{@code [5xx]} or {@code [5xx K]}: the first K attempts to create the case answer 500 (nothing created),
 * and so do the first K calls on it afterwards; then everything works.</li>
 * </ul>
 *
 * @param action   what the receiver does
 * @param slow     how slow, if slow
 * @param failures how many 500 answers at creation, and again on the case
 */
record Script(Action action, Optional<Duration> slow, int failures) {

    enum Action {
        ACCEPT, REJECT, INFO, MANUAL
    }

    private static final Pattern TAG = Pattern.compile("\\[(accept|reject|info|manual|slow|5xx)(?:\\s+(\\d{1,4}))?\\]",
            Pattern.CASE_INSENSITIVE);

    static Script of(String summary, Duration defaultSlow, int defaultFailures) {
        Action action = Action.ACCEPT;
        Optional<Duration> slow = Optional.empty();
        int failures = 0;
        Matcher m = TAG.matcher(summary == null ? "" : summary);
        while (m.find()) {
            String tag = m.group(1).toLowerCase(Locale.ROOT);
            Optional<Integer> n = Optional.ofNullable(m.group(2)).map(Integer::valueOf);
            switch (tag) {
                case "accept" -> action = Action.ACCEPT;
                case "reject" -> action = Action.REJECT;
                case "info" -> action = Action.INFO;
                case "manual" -> action = Action.MANUAL;
                case "slow" -> slow = Optional.of(n.map(s -> Duration.ofSeconds(s)).orElse(defaultSlow));
                default -> failures = n.orElse(defaultFailures);
            }
        }
        return new Script(action, slow, failures);
    }
}
