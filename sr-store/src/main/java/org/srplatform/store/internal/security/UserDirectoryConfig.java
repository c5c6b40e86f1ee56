package org.srplatform.store.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "SR user directory",
        description = "How the store hashes passwords.")
public @interface UserDirectoryConfig {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    int DEFAULT_ITERATIONS = 210_000;

    @AttributeDefinition(name = "PBKDF2 iterations", min = "10000",
            description = "Cost of new password hashes. Raising it re-hashes each password at its next sign-in.")
    int password_iterations() default DEFAULT_ITERATIONS;
}
