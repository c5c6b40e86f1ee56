package org.srplatform.api.account;

import java.util.Objects;
import java.util.Optional;
import org.srplatform.api.request.ContactMethod;

/**
 * A person at a customer who may open SRs for an account.
 *
 * @param login     the contact's user login
 * @param account   account number
 * @param name      full name
 * @param email     e-mail address
 * @param phone     phone number, if known
 * @param preferred preferred contact method
 * @param language  the language messages to the contact are written in, a BCP 47 tag ({@code en},
 *                  {@code zh-CN})
 */
public record Contact(String login, String account, String name, String email, Optional<String> phone,
        ContactMethod preferred, String language) {
    public Contact {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        phone = phone == null ? Optional.empty() : phone;
        Objects.requireNonNull(preferred, "preferred");
        language = language == null || language.isBlank() ? "en" : language.strip();
    }

    /** A contact written to in English. */
    public Contact(String login, String account, String name, String email, Optional<String> phone,
            ContactMethod preferred) {
        this(login, account, name, email, phone, preferred, "en");
    }
}
