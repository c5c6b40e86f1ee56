package org.srplatform.api.partner;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A call a partner made to the platform (a webhook), as it came in at
 * {@code POST /api/v1/partner-events/{connector}}: not yet authenticated. The connector it names checks it and
 * says what it means ({@link PartnerConnector#receive(PartnerPush)}).
 *
 * @param headers the HTTP headers, names in any case
 * @param body    the body as sent, byte for byte (signatures are over these bytes)
 * @since 1.1
 */
public record PartnerPush(Map<String, List<String>> headers, byte[] body) {
    public PartnerPush {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = copy;
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** The first value of a header, whatever the case of its name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
