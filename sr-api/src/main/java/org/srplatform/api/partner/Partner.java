package org.srplatform.api.partner;

import java.util.List;
import java.util.Objects;

/**
 * A vendor a connector can reach (TSANet: a member of its directory), with the fields its collaboration form
 * asks for.
 *
 * @param id     how the connector names it in {@link CollaborationRequest#partner()}
 * @param name   the company's name
 * @param fields what a request to it must or may carry
 * @since 1.1
 */
public record Partner(String id, String name, List<PartnerField> fields) {
    public Partner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
    }
}
