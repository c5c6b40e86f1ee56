package org.srplatform.notify.email.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * What a failed send means.
 *
 * <p>Only what this one message can never get past is permanent: a recipient the server refuses for good
 * (5xx to {@code RCPT TO}) and a message it refuses for good (5xx after the data). Everything else is
 * transient, settings included: an unreachable server, timeouts, 4xx replies, a refused login, a refused
 * sender or missing STARTTLS are fixed by an operator or by time, and the messages should wait for that
 * rather than be given up. Those are the server's problems: the health check shows them.
 *
 * @param message       for the outbox and the log: names the server and quotes its reply, never the password
 * @param isTransient   whether a retry may help
 * @param serverProblem the public health detail when the server (or its settings) is the problem; empty when
 *                      only this message failed and the server works
 */
record SmtpFailure(String message, boolean isTransient, Optional<String> serverProblem) {

    static SmtpFailure of(MessagingException e, SmtpSettings s) {
        String server = "the mail server " + s.server();
        SMTPAddressFailedException recipient = find(e, SMTPAddressFailedException.class);
        if (recipient != null) {
            int code = recipient.getReturnCode();
            String who = recipient.getAddress() == null ? "" : " " + recipient.getAddress().getAddress();
            if (code == 530) {
                return serverProblem(server + " wants a login before it takes mail (" + reply(recipient) + ")",
                        server + " wants a login: set smtp.user and smtp.password");
            }
            if (code >= 500) {
                return new SmtpFailure(server + " refused the recipient" + who + ": " + reply(recipient), false,
                        Optional.empty());
            }
            return new SmtpFailure(server + " refused the recipient" + who + " for now: " + reply(recipient), true,
                    Optional.empty());
        }
        SMTPSendFailedException refused = find(e, SMTPSendFailedException.class);
        if (refused != null) {
            int code = refused.getReturnCode();
            String command = refused.getCommand() == null ? "" : refused.getCommand().toUpperCase(Locale.ROOT);
            if (code == 530) {
                return serverProblem(server + " wants a login before it takes mail (" + reply(refused) + ")",
                        server + " wants a login: set smtp.user and smtp.password");
            }
            if (command.startsWith("MAIL")) { // the sender: every message would fail alike
                return serverProblem(server + " refused the sender " + s.from().getAddress() + ": " + reply(refused),
                        server + " refuses the sender address (from)");
            }
            if (code < 0) { // no reply: the connection broke off
                return serverProblem("the connection to " + server + " broke off: " + reply(refused),
                        "the connection to " + server + " failed");
            }
            if (code >= 500) {
                return new SmtpFailure(server + " refused the message: " + reply(refused), false, Optional.empty());
            }
            return serverProblem(server + " did not take the message for now: " + reply(refused),
                    server + " does not take mail for now (reply " + code + ")");
        }
        AuthenticationFailedException login = find(e, AuthenticationFailedException.class);
        if (login != null) {
            return serverProblem(server + " refused the login of " + s.user().map(u -> "user " + u).orElse("the user")
                    + ": " + text(login.getMessage()), server + " refused the login (smtp.user, smtp.password)");
        }
        if (text(e.getMessage()).contains("STARTTLS is required")) {
            return serverProblem(server + " does not offer STARTTLS, and smtp.starttls=true requires it",
                    server + " does not offer STARTTLS (smtp.starttls=true)");
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            return serverProblem("TLS with " + server + " failed: " + text(tls.getMessage()),
                    "TLS with " + server + " failed (its certificate or protocol)");
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return serverProblem(server + " did not answer within " + s.timeout().toSeconds() + " s",
                    server + " does not answer in time");
        }
        if (find(e, UnknownHostException.class) != null) {
            return serverProblem("the host name of the mail server is unknown: " + s.host(),
                    server + " cannot be reached (unknown host name)");
        }
        MailConnectException connect = find(e, MailConnectException.class);
        if (connect != null) {
            Throwable cause = connect.getNextException();
            return serverProblem("cannot connect to " + server + (cause == null ? "" : ": " + text(cause.getMessage())),
                    server + " cannot be reached");
        }
        IOException io = find(e, IOException.class);
        if (io != null) {
            return serverProblem("the connection to " + server + " failed: " + text(io.getMessage()),
                    "the connection to " + server + " failed");
        }
        return serverProblem("sending through " + server + " failed: " + text(e.getMessage()),
                "sending through " + server + " failed; the log says why");
    }

    private static SmtpFailure serverProblem(String message, String detail) {
        return new SmtpFailure(message, true, Optional.of(detail));
    }

    /** The first throwable of a type in the chain (Jakarta Mail chains with getNextException, which is the cause). */
    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String reply(MessagingException e) {
        return text(e.getMessage());
    }

    /** One line: server replies end in line breaks. */
    private static String text(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
