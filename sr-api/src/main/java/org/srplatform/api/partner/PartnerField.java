package org.srplatform.api.partner;

import java.util.Objects;

/**
 * A field of a partner's collaboration form.
 *
 * @param id       the key of its value in {@link CollaborationRequest#fields()}
 * @param label    what people read
 * @param required a request without it is refused before it leaves
 * @since 1.1
 */
public record PartnerField(String id, String label, boolean required) {
    public PartnerField {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }
}
