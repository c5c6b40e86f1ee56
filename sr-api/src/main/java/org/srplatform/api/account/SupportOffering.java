package org.srplatform.api.account;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.request.Severity;

/**
 * A support offering (contract level: Basic, Production...) with its first-response targets.
 *
 * @param id      stable key ({@code production})
 * @param name    display name
 * @param targets first-response target per severity
 */
public record SupportOffering(String id, String name, Map<Severity, FirstResponseTarget> targets) {
    public SupportOffering {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        targets = Map.copyOf(targets);
    }

    public Optional<FirstResponseTarget> target(Severity severity) {
        return Optional.ofNullable(targets.get(severity));
    }
}
