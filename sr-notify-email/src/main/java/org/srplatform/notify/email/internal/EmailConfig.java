package org.srplatform.notify.email.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.srplatform.notify.email.cfg}: the mail server the platform sends notifications through.
 * The keys {@code smtp.host}, {@code smtp.port}, {@code smtp.starttls}, {@code smtp.user}, {@code smtp.password}
 * and {@code from} are part of the operations contract (API.md).
 *
 * <p>The switches are text, checked by {@link SmtpSettings}: DS reads any text but {@code true} as
 * {@code false}, so a typo such as {@code smtp.starttls = yes} would silently send without TLS.
 */
@ObjectClassDefinition(name = "SR e-mail channel",
        description = "The SMTP server that notifications are sent through. Without smtp.host no e-mail is sent.")
public @interface EmailConfig {
    String PID = "org.srplatform.notify.email";
    String FILE = "etc/" + PID + ".cfg";

    @AttributeDefinition(name = "SMTP server", required = false,
            description = "Host name or address of the mail server. Empty: the e-mail channel sends nothing")
    String smtp_host() default "";

    @AttributeDefinition(name = "SMTP port", min = "1", max = "65535",
            description = "587 for submission with STARTTLS, 465 with smtp.ssl=true, 25 for a relay")
    int smtp_port() default 587;

    @AttributeDefinition(name = "STARTTLS", type = AttributeType.BOOLEAN,
            description = "true: the connection must switch to TLS (STARTTLS) before anything is sent; a server"
                    + " that does not offer it gets nothing")
    String smtp_starttls() default "true";

    @AttributeDefinition(name = "Implicit TLS", type = AttributeType.BOOLEAN,
            description = "true: TLS from the first byte (SMTPS, usually port 465) instead of STARTTLS")
    String smtp_ssl() default "false";

    @AttributeDefinition(name = "User", required = false,
            description = "Login at the mail server (SMTP AUTH). Empty: no authentication")
    String smtp_user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Password of smtp.user; never logged")
    String smtp_password() default "";

    @AttributeDefinition(name = "Sender", required = false,
            description = "From address of every notification, e.g. support@example.com or"
                    + " \"Example Support <support@example.com>\"; its domain names the Message-IDs")
    String from() default "";

    @AttributeDefinition(name = "Timeout (seconds)", min = "1",
            description = "Longest wait to connect, for one answer of the server, and for one write")
    int smtp_timeout_seconds() default 30;
}
