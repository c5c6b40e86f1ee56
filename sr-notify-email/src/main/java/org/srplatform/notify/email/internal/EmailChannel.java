package org.srplatform.notify.email.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.srplatform.api.notify.Delivery;
import org.srplatform.api.notify.DeliveryException;
import org.srplatform.api.notify.Notification;
import org.srplatform.api.notify.NotificationChannel;
import org.srplatform.spi.health.HealthCheck;
import org.srplatform.spi.health.HealthIndicator;

/**
 * Sends notifications by e-mail through the SMTP server of {@code etc/org.srplatform.notify.email.cfg}, and
 * reports in the health answer (check {@code email}) whether that works.
 *
 * <p>Active only with that configuration. Without {@code smtp.host} (the shipped file, all commented out) the
 * channel is there but accepts nothing and its check is UP: e-mail is simply not set up. Wrong settings are
 * logged once at activation, naming the key, and keep the check DEGRADED; the channel then still accepts
 * messages but fails them as transient, so they wait in the outbox until an operator fixes the file (which
 * makes a new instance).
 *
 * <p>One connection per message: nothing is shared between calls but the thread-safe session, so several
 * dispatcher threads may call {@link #deliver} at once, and a fresh connection needs no stale-connection
 * handling. Every message carries the Message-ID
 * {@code <sr-notification-ID@domain-of-from>}, the same on every attempt, so a retry after an unclear failure
 * (connection lost after the data) is recognisable as the same message.
 */
@Component(factory = EmailChannel.FACTORY, service = {NotificationChannel.class, HealthIndicator.class})
public final class EmailChannel implements NotificationChannel, HealthIndicator {
    static final String FACTORY = "org.srplatform.notify.email.channel";
    /**
     * The private property with the settings ({@link EmailSetup} makes each instance): a leading dot keeps it out of
     * the service registry, where DS would put every key of a configured component, smtp.password with them.
     */
    static final String CONFIG = ".config";
    static final String ID = "email";
    private static final String CANNOT_START = "e-mail cannot start; the log says why";
    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

    /** Set when smtp.host is set and every setting is right. */
    private final Optional<SmtpSettings> settings;
    /** Why the settings cannot be used; empty when they can, or when e-mail is off. */
    private final List<String> problems;
    private final Session session;
    private final Clock clock;
    private final AtomicReference<HealthCheck> health = new AtomicReference<>(HealthCheck.up());

    @Activate
    public EmailChannel(Map<String, Object> properties) {
        this((EmailConfig) properties.get(CONFIG), Clock.systemUTC());
    }

    EmailChannel(EmailConfig config, Clock clock) {
        this.clock = clock;
        if (config.smtp_host().isBlank()) {
            settings = Optional.empty();
            problems = List.of();
            session = null;
            LOG.info("E-mail notifications are off: smtp.host is not set in {}", EmailConfig.FILE);
            return;
        }
        Optional<SmtpSettings> checked;
        List<String> wrong;
        try {
            checked = Optional.of(SmtpSettings.of(config));
            wrong = List.of();
        } catch (SmtpSettings.Invalid e) {
            checked = Optional.empty();
            wrong = e.problems();
        }
        settings = checked;
        problems = wrong;
        if (!problems.isEmpty()) {
            String what = String.join("; ", problems);
            health.set(HealthCheck.degraded("e-mail settings are wrong: " + what));
            LOG.warn("E-mail cannot be sent until {} is fixed: {}", EmailConfig.FILE, what);
            session = null;
            return;
        }
        SmtpSettings s = settings.get();
        Session made = null;
        try {
            made = withMailProviders(() -> Session.getInstance(properties(s)));
        } catch (RuntimeException e) { // Jakarta Mail without its implementation: a broken installation
            health.set(HealthCheck.degraded(CANNOT_START));
            LOG.error("E-mail cannot start: Jakarta Mail does not find Angus Mail", e);
        }
        session = made;
        LOG.info("E-mail notifications go through {} ({}{}), from {}", s.server(), s.security(),
                s.user().map(u -> ", as " + u).orElse(""), s.from().getAddress());
        if (s.authenticatesInClear()) {
            LOG.warn("smtp.user is set but neither smtp.starttls nor smtp.ssl is true: the password crosses the"
                    + " network unencrypted; set smtp.starttls=true in {} unless the server is on this machine",
                    EmailConfig.FILE);
        }
    }

    /** Jakarta Mail properties: TLS as configured and required, timeouts everywhere. */
    private static Properties properties(SmtpSettings s) {
        String p = "mail." + protocol(s) + ".";
        String millis = Long.toString(s.timeout().toMillis());
        Properties props = new Properties();
        props.setProperty(p + "host", s.host());
        props.setProperty(p + "port", Integer.toString(s.port()));
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        props.setProperty(p + "from", s.from().getAddress()); // the envelope sender
        props.setProperty(p + "auth", Boolean.toString(s.user().isPresent()));
        props.setProperty(p + "ssl.checkserveridentity", "true");
        if (!s.ssl()) {
            props.setProperty(p + "starttls.enable", Boolean.toString(s.startTls()));
            props.setProperty(p + "starttls.required", Boolean.toString(s.startTls())); // never fall back to clear text
        }
        return props;
    }

    private static String protocol(SmtpSettings s) {
        return s.ssl() ? "smtps" : "smtp";
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public boolean accepts(Notification n) {
        boolean configured = settings.isPresent() || !problems.isEmpty(); // smtp.host is set
        return configured && n.recipient().email().filter(a -> !a.isBlank()).isPresent();
    }

    @Override
    public HealthCheck check() {
        return health.get();
    }

    @Override
    public Delivery deliver(Notification n) throws DeliveryException {
        if (settings.isEmpty()) {
            throw new DeliveryException(problems.isEmpty()
                    ? "e-mail is off: smtp.host is not set in " + EmailConfig.FILE
                    : "e-mail settings are wrong in " + EmailConfig.FILE + ": " + String.join("; ", problems),
                    true, null);
        }
        SmtpSettings s = settings.get();
        if (session == null) {
            throw new DeliveryException(CANNOT_START, true, null);
        }
        String address = n.recipient().email().map(String::strip).filter(a -> !a.isEmpty())
                .orElseThrow(() -> new DeliveryException("the recipient has no e-mail address", false, null));
        String messageId = "<sr-notification-" + localPart(n.id()) + "@" + s.fromDomain() + ">";
        Instant now = clock.instant();
        try {
            withMailProviders(() -> {
                send(s, compose(s, n, recipient(address, n.recipient().name()), messageId, now));
                return null;
            });
        } catch (AddressException e) {
            throw new DeliveryException("the recipient's address is not an e-mail address: " + address, false, e);
        } catch (MessagingException e) {
            SmtpFailure failure = SmtpFailure.of(e, s);
            String message = redact(failure.message(), s);
            failure.serverProblem().ifPresentOrElse(detail -> degraded(redact(detail, s), message), this::works);
            throw new DeliveryException(message, failure.isTransient(), e);
        } catch (RuntimeException e) { // a library fault, not the server's: the message waits, the log says why
            String server = "the mail server " + s.server();
            String message = redact("sending through " + server + " failed: " + e, s);
            health.set(HealthCheck.degraded("sending through " + server + " failed; the log says why"));
            LOG.warn("E-mail cannot be sent: {}", message, e);
            throw new DeliveryException(message, true, e);
        }
        works();
        return new Delivery(ID, messageId, now);
    }

    private static InternetAddress recipient(String address, String name) throws AddressException {
        InternetAddress to;
        try {
            to = new InternetAddress(address, name.isBlank() ? null : name, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always there", e);
        }
        to.validate();
        return to;
    }

    private MimeMessage compose(SmtpSettings s, Notification n, InternetAddress to, String messageId, Instant now)
            throws MessagingException {
        MimeMessage m = new FixedIdMessage(session, messageId);
        m.setFrom(s.from());
        m.setRecipient(Message.RecipientType.TO, to);
        m.setSubject(n.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(now));
        // A byte data source, not setText: text needs a content handler that Jakarta Activation finds only
        // through the service loader, bytes are written as they are. Text travels with CRLF line ends (RFC 2046),
        // also inside base64, which Chinese text gets.
        byte[] body = n.body().replaceAll("\\r?\\n|\\r", "\r\n").getBytes(StandardCharsets.UTF_8);
        m.setDataHandler(new DataHandler(new ByteArrayDataSource(body, "text/plain; charset=UTF-8")));
        m.setHeader("X-SR-Kind", oneLine(n.kind()));
        if (n.request().isPresent()) {
            m.setHeader("X-SR-Number", n.request().get().toString());
        }
        m.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no out-of-office answers to the platform
        m.saveChanges();
        return m;
    }

    private void send(SmtpSettings s, MimeMessage m) throws MessagingException {
        Transport transport = session.getTransport(protocol(s));
        try {
            transport.connect(s.host(), s.port(), s.user().orElse(null), s.user().isPresent() ? s.password() : null);
            transport.sendMessage(m, m.getAllRecipients());
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) { // the server has the message: a lost QUIT must not make it a retry
                LOG.debug("Closing the connection to {} failed: {}", s.server(), e.getMessage());
            }
        }
    }

    private void works() {
        HealthCheck before = health.getAndSet(HealthCheck.up());
        if (before.status() != HealthCheck.Status.UP) {
            LOG.info("E-mail is sent again through {}", settings.map(SmtpSettings::server).orElse("the mail server"));
        }
    }

    /** Logs when the state changes, not at every message: the outbox keeps each message's reason. */
    private void degraded(String detail, String message) {
        HealthCheck before = health.getAndSet(HealthCheck.degraded(detail));
        if (!detail.equals(before.detail())) {
            LOG.warn("E-mail cannot be sent: {}", message);
        }
    }

    /** Defence in depth: whatever a server or library puts in a text, the password does not leave. */
    private static String redact(String text, SmtpSettings s) {
        return s.password().isEmpty() ? text : text.replace(s.password(), "***");
    }

    /** The Message-ID's left part from the notification id: kept as is when it is safe, encoded otherwise. */
    static String localPart(String id) {
        StringBuilder b = new StringBuilder(id.length());
        for (byte c : id.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                b.append((char) c);
            } else {
                b.append('=').append(String.format("%02X", c & 0xff)); // '=' itself is encoded: no two ids alike
            }
        }
        return b.toString();
    }

    private static String oneLine(String header) {
        return header.replaceAll("[\\r\\n]+", " ");
    }

    @FunctionalInterface
    private interface MailAction<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs with the class loader of Angus Mail as the thread's context class loader. Jakarta Mail finds its
     * implementation (the SMTP provider, and the stream encoders that the session, the subject's encoding and
     * the body need) only through {@link java.util.ServiceLoader}, which looks at the context class loader
     * first; in OSGi the dispatcher's thread has one that sees neither, and mail fails with "No provider of
     * jakarta.mail.util.StreamProvider". Angus Mail's bundle holds both the classes and their
     * {@code META-INF/services}. Outside OSGi this changes nothing.
     */
    private static <T, E extends Exception> T withMailProviders(MailAction<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(SMTPTransport.class.getClassLoader());
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A message whose Message-ID is the one given, not a new random one at each save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
