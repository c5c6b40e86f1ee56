package org.srplatform.store.internal.db;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;

/** Opaque keyset cursors: the key of the last item of a page, so clients do not build them. */
public final class PageCursor {

    private static final String PREFIX = "k1:";

    private PageCursor() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ValidationException naming {@code cursor} for anything this class did not write
     */
    public static Optional<String> decode(Optional<String> cursor) {
        return cursor.map(c -> {
            try {
                String text = new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8);
                if (text.startsWith(PREFIX)) {
                    return text.substring(PREFIX.length());
                }
            } catch (IllegalArgumentException e) {
                // not base64: refused below
            }
            throw new ValidationException(FieldError.of("cursor", "is not a cursor this list returned"));
        });
    }

    /** A numeric key, for lists keyed by a number. */
    public static Optional<Long> decodeLong(Optional<String> cursor) {
        return decode(cursor).map(k -> {
            try {
                return Long.parseLong(k);
            } catch (NumberFormatException e) {
                throw new ValidationException(FieldError.of("cursor", "is not a cursor this list returned"));
            }
        });
    }
}
