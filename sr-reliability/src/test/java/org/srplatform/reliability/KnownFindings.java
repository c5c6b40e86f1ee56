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

    /** A media type as RFC 9110 writes it: type "/" subtype, then parameters whose values are tokens or quoted. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    static final Pattern MEDIA_TYPE = Pattern.compile("\\s*" + TOKEN + "/" + TOKEN
            + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"([^\"\\\\]|\\\\.)*\"))*\\s*");

    /**
     * What Jetty's URI compliance refuses in a path segment before any servlet sees it: an encoded control character,
     * '/', '\', '%' or '.'.
     */
    static final Pattern CONTAINER_REFUSED_PATH = Pattern.compile("(?i)%(0[0-9a-f]|1[0-9a-f]|7f|2f|5c|25|2e)");

    static final List<Known> ALL = List.of(
            new Known("RegressionIT#aContentTypeThatIsNoMediaTypeIsAnsweredWithAProblem",
                    (path, contentType, body, a) -> contentType != null && !MEDIA_TYPE.matcher(contentType).matches()
                            && a.status() == 400 && !problem(a)),
            new Known("RegressionIT#aPathTheContainerRefusesIsAnsweredWithAProblem",
                    (path, contentType, body, a) -> CONTAINER_REFUSED_PATH.matcher(path).find() && a.status() == 400 && !problem(a)
                            && a.body().contains("HTTP ERROR 400")));

    private static boolean problem(Api.Answer a) {
        return a.contentType().startsWith("application/problem+json");
    }

    private KnownFindings() {
    }
}
