package org.srplatform.store.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

// Designated here, not with @Designate: the directory reads several PIDs, and @Designate needs exactly one.
@ObjectClassDefinition(pid = "org.srplatform.store.users", name = "SR user directory",
        description = "How the store checks and hashes passwords.")
public @interface UserDirectoryConfig {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    int DEFAULT_ITERATIONS = 210_000;

    /** The floor of NIST SP 800-63B-3 for passwords users choose; a configuration may raise it, never lower it. */
    int DEFAULT_MIN_PASSWORD_LENGTH = 8;

    @AttributeDefinition(name = "PBKDF2 iterations", min = "10000",
            description = "Cost of new password hashes. Raising it re-hashes each password at its next sign-in.")
    int password_iterations() default DEFAULT_ITERATIONS;

    @AttributeDefinition(name = "Shortest password", min = "8",
            description = "Fewest characters of a new password; values below 8 are raised to 8.")
    int password_min_length() default DEFAULT_MIN_PASSWORD_LENGTH;
}
