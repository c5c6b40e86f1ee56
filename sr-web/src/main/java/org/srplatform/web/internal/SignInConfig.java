package org.srplatform.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Sign-in: the credential cache, throttling of failed sign-ins, the bound on password hashing and the
 * audit log. One configuration (PID {@value #PID}) read by several components, so the PID is declared
 * here rather than by a {@code @Designate} on one of them.
 */
@ObjectClassDefinition(pid = SignInConfig.PID, name = "SR web authentication",
        description = "Credential cache, sign-in throttling, password hashing bound and sign-in audit")
@interface SignInConfig {
    String PID = "org.srplatform.web.authentication";

    @AttributeDefinition(description = "Seconds a verified password is remembered at most, so that not every call pays for the slow hash")
    int credential_cache_seconds() default 300;

    @AttributeDefinition(description = "Age in seconds after which a remembered password, when used, is verified again in the"
            + " background, so that busy users never wait for the slow hash; at least credential.cache.seconds turns this off")
    int credential_cache_refresh_seconds() default 240;

    @AttributeDefinition(description = "Most credentials remembered at once")
    int credential_cache_size() default 10000;

    @AttributeDefinition(description = "Milliseconds between two reads of which users other nodes on the database changed"
            + " (a password, roles, accounts, a deactivation; one primary-key read when none did): their remembered"
            + " passwords are forgotten, so such a change holds on this node within about this long. 0: never (a"
            + " platform alone on its database; its own changes are forgotten at once)")
    long credential_cache_poll_millis() default 2000;

    @AttributeDefinition(description = "Failed sign-ins of one login before its sign-ins are refused for a while (0: never)")
    int signin_failures_before_delay() default 5;

    @AttributeDefinition(description = "Seconds of the first refusal; each further failure doubles it")
    int signin_first_delay_seconds() default 2;

    @AttributeDefinition(description = "Longest refusal of one login, in seconds: short, so that someone guessing cannot"
            + " lock its owner out for long")
    int signin_max_delay_seconds() default 60;

    @AttributeDefinition(description = "Failed sign-ins from one client address before its sign-ins are refused for a while"
            + " (0: never; behind a reverse proxy every client has the proxy's address)")
    int signin_address_failures_before_delay() default 20;

    @AttributeDefinition(description = "Longest refusal of one client address, in seconds")
    int signin_address_max_delay_seconds() default 900;

    @AttributeDefinition(description = "Seconds after which failures are forgotten (counted from the last one, or from"
            + " the end of its refusal)")
    int signin_failure_window_seconds() default 900;

    @AttributeDefinition(description = "Most logins and most client addresses whose failures are remembered at once")
    int signin_tracked_max() default 100000;

    @AttributeDefinition(description = "Passwords hashed at once (0: half the processors, at least 1), so that guessing"
            + " cannot take every core")
    int signin_hashing_concurrency() default 0;

    @AttributeDefinition(description = "Milliseconds a sign-in waits for its turn to hash before it is answered 503")
    int signin_hashing_wait_millis() default 2000;

    @AttributeDefinition(description = "Seconds of one audit period: past the limits below, one summary line per period")
    int signin_audit_period_seconds() default 60;

    @AttributeDefinition(description = "Audit lines per client address and period; the rest are counted in its summary")
    int signin_audit_lines_per_address() default 5;

    @AttributeDefinition(description = "Audit lines per period over all addresses; the rest are counted in one summary")
    int signin_audit_lines_max() default 100;
}
