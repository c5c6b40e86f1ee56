package org.srplatform.api.notify;

import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.request.ContactMethod;

/** Who a notification is for and how they can be reached. */
public record Recipient(String name, Optional<String> email, Optional<String> phone, ContactMethod preferred) {
    public Recipient {
        Objects.requireNonNull(name, "name");
        email = email == null ? Optional.empty() : email;
        phone = phone == null ? Optional.empty() : phone;
        Objects.requireNonNull(preferred, "preferred");
    }
}
