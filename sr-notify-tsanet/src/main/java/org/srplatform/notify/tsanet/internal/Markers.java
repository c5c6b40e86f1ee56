package org.srplatform.notify.tsanet.internal;

import java.util.regex.Pattern;

/**
 * The marks the connector leaves in what it writes at TSANet, so that a retry finds what an earlier attempt
 * wrote (its answer lost to a timeout) instead of writing it twice, and so that our own notes are not read back
 * as the partner's. Plain text in brackets: TSANet turns texts into HTML, and these survive that.
 */
final class Markers {
    private static final Pattern ANY = Pattern.compile("\\[sr-(note|answer|close) [^\\]\\s]+\\]");

    private Markers() {
    }

    static String note(String correlationId) {
        return "[sr-note " + correlationId + "]";
    }

    static String answer(String correlationId) {
        return "[sr-answer " + correlationId + "]";
    }

    static String close(String externalId) {
        return "[sr-close " + externalId + "]";
    }

    static boolean carriesOne(String text) {
        return ANY.matcher(text).find();
    }
}
