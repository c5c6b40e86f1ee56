package org.srplatform.notify.email.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The mail server settings of {@link EmailConfig}, checked. The password is kept here only to log in: no
 * text this class makes ({@link #toString()}, {@link #server()}, the problems) contains it.
 *
 * @param host     the mail server
 * @param port     its port
 * @param startTls whether the connection must switch to TLS before anything is sent
 * @param ssl      TLS from the first byte (SMTPS)
 * @param user     login, when the server wants one
 * @param password the login's password (empty without a user)
 * @param from     sender of every message
 * @param timeout  connect, read and write timeout
 */
record SmtpSettings(String host, int port, boolean startTls, boolean ssl, Optional<String> user, String password,
        InternetAddress from, Duration timeout) {

    /** Settings an operator has to fix; each problem names its key. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    /**
     * Reads the settings of a configuration whose {@code smtp.host} is set.
     *
     * @throws Invalid naming every key that is wrong
     */
    static SmtpSettings of(EmailConfig config) throws Invalid {
        List<String> problems = new ArrayList<>();
        String host = config.smtp_host().strip();
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
            problems.add("smtp.host is not a host name");
        }
        int port = 0;
        try {
            port = config.smtp_port();
        } catch (RuntimeException e) { // DS converts the text when it is read; not a number fails here
            port = -1;
        }
        if (port < 1 || port > 65535) {
            problems.add("smtp.port is not a port number (1-65535)");
        }
        Optional<Boolean> startTls = flag(config.smtp_starttls());
        if (startTls.isEmpty()) {
            problems.add("smtp.starttls is neither true nor false");
        }
        Optional<Boolean> ssl = flag(config.smtp_ssl());
        if (ssl.isEmpty()) {
            problems.add("smtp.ssl is neither true nor false");
        }
        Optional<String> user = Optional.of(config.smtp_user().strip()).filter(u -> !u.isEmpty());
        String password = config.smtp_password();
        if (user.isPresent() && password.isEmpty()) {
            problems.add("smtp.password is empty while smtp.user is set");
        } else if (user.isEmpty() && !password.isEmpty()) {
            problems.add("smtp.user is empty while smtp.password is set");
        }
        InternetAddress from = null;
        String sender = config.from().strip();
        if (sender.isEmpty()) {
            problems.add("from is empty: set the sender's e-mail address");
        } else {
            try {
                from = new InternetAddress(sender, true); // strict: the address needs a domain
            } catch (AddressException e) {
                problems.add("from is not an e-mail address");
            }
        }
        int seconds = 0;
        try {
            seconds = config.smtp_timeout_seconds();
        } catch (RuntimeException e) {
            seconds = -1;
        }
        if (seconds < 1) {
            problems.add("smtp.timeout.seconds is not a number of seconds (1 or more)");
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new SmtpSettings(host, port, startTls.get(), ssl.get(), user, user.isPresent() ? password : "",
                from, Duration.ofSeconds(seconds));
    }

    private static Optional<Boolean> flag(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** {@code host:port}, to name the server in messages. */
    String server() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether the password would cross the network in clear text. */
    boolean authenticatesInClear() {
        return user.isPresent() && !startTls && !ssl;
    }

    /** The domain of {@link #from}, which names the Message-IDs. */
    String fromDomain() {
        String address = from.getAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** The security of the connection, for the log. */
    String security() {
        return ssl ? "TLS" : startTls ? "STARTTLS required" : "no TLS";
    }

    @Override
    public String toString() { // without the password
        return "SmtpSettings[" + server() + ", " + security() + user.map(u -> ", user " + u).orElse("") + ", from "
                + from.getAddress() + ", timeout " + timeout.toSeconds() + "s]";
    }
}
