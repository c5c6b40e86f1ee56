package org.srplatform.reliability;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Bugs the fuzzer found that are not fixed yet, each with its regression test in {@link RegressionIT} (disabled
 * until the fix). The fuzzer counts an answer that matches one here instead of stopping at it, so that it goes on
 * looking for new ones. Fixing the bug: enable its regression test and remove its line here.
 */
final class KnownFindings {
    /** One known bug: which request and answer it is, and the regression test that reproduces it. */
    record Known(String test, Matcher matcher) {
        boolean matches(String path, String contentType, String body, Api.Answer answer) {
            return matcher.matches(path, contentType, body, answer);
        }
    }

    @FunctionalInterface
    interface Matcher {
        boolean matches(String path, String contentType, String body, Api.Answer answer);
    }

    /**
     * What Jetty cannot parse and refuses before any handler, with its own page (RegressionIT, the rest of finding 2):
     * an encoded NUL, an escape that is no two hex digits, dot segments (which may climb above the root).
     */
    static final Pattern UNPARSEABLE_PATH = Pattern.compile("(?i)%00|%(?![0-9a-f]{2})|(^|/)(\\.|%2e){2}(/|$)");

    /**
     * What Jetty's URI compliance refuses in a path segment before any servlet sees it: an encoded control character,
     * '/', '\', '%' or '.' (finding 2: kept Jetty's refusal, which answers HTML; see RegressionIT).
     */
    static final Pattern CONTAINER_REFUSED_PATH = Pattern.compile("(?i)%(0[0-9a-f]|1[0-9a-f]|7f|2f|5c|25|2e)");

    static final List<Known> ALL = List.of(
            new Known("RegressionIT#aPathTheContainerRefusesIsAnsweredWithAProblem",
                    (path, contentType, body, a) -> CONTAINER_REFUSED_PATH.matcher(path).find() && a.status() == 400 && !problem(a)
                            && a.body().contains("HTTP ERROR 400")),
            new Known("RegressionIT#aPathJettyCannotParseIsAnsweredWithAProblem",
                    (path, contentType, body, a) -> UNPARSEABLE_PATH.matcher(path).find() && a.status() == 400 && !problem(a)
                            && a.body().contains("HTTP ERROR 400")));

    private static boolean problem(Api.Answer a) {
        return a.contentType().startsWith("application/problem+json");
    }

    private KnownFindings() {
    }
}
