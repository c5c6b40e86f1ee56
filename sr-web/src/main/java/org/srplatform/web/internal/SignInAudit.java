package org.srplatform.web.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.srplatform.spi.audit.AuditChange;
import org.srplatform.spi.audit.AuditTrail;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of sign-ins that failed or were refused: one WARN line each on the logger
 * {@code org.srplatform.audit} (login, client address, reason; never a password), so that an operator can
 * see an attack and route these lines apart. A flood must not fill the disk: per audit period, each address
 * gets a few lines and all addresses together a bounded number; the rest are counted and told in summary
 * lines at the end of the period. The same lines, within the same bounds, go to the platform's audit trail
 * ({@code GET /api/v1/admin/audit}) when a bundle keeps one (sr-admin); without it sign-in works as before.
 */
@Component(service = SignInAudit.class, configurationPid = SignInConfig.PID)
public final class SignInAudit {
    static final String LOGGER = "org.srplatform.audit";

    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Addresses tracked within one period; past them a flood of addresses is only counted. */
    private static final int MAX_ADDRESSES = 10_000;
    /** Addresses named one by one in a period's summary. */
    private static final int SUMMARY_ADDRESSES = 10;
    private static final int LOGINS_NAMED = 5;

    private static final class Counts {
        final AtomicInteger lines = new AtomicInteger();
        final AtomicLong suppressed = new AtomicLong();
        final Set<String> logins = ConcurrentHashMap.newKeySet();
    }

    private static final class Period {
        final Map<String, Counts> byAddress = new ConcurrentHashMap<>();
        final AtomicInteger lines = new AtomicInteger();
        final LongAdder suppressedOverall = new LongAdder();
    }

    private final int linesPerAddress;
    private final int linesMax;
    private final Duration period;
    private final Consumer<String> warn;
    private final AtomicReference<Period> current = new AtomicReference<>(new Period());
    private final ScheduledExecutorService timer;
    /** Where administrators read the audit; optional, so that sign-in works without sr-admin. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail trail;
    private final AtomicInteger trailFailures = new AtomicInteger();

    @Activate
    public SignInAudit(SignInConfig config) {
        this(config.signin_audit_lines_per_address(), config.signin_audit_lines_max(),
                Duration.ofSeconds(Math.max(1, config.signin_audit_period_seconds())), AUDIT::warn, true);
    }

    /** Without a timer: the test calls {@link #endPeriod()}. */
    SignInAudit(int linesPerAddress, int linesMax, Duration period, Consumer<String> warn) {
        this(linesPerAddress, linesMax, period, warn, false);
    }

    private SignInAudit(int linesPerAddress, int linesMax, Duration period, Consumer<String> warn, boolean timed) {
        this.linesPerAddress = linesPerAddress;
        this.linesMax = linesMax;
        this.period = period;
        this.warn = warn;
        if (timed) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sr-signin-audit");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::endPeriod, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        endPeriod();
    }

    /** A sign-in whose password was checked and was wrong, or whose login is unknown. */
    void failed(String login, String address, SignInThrottle.Failure failure) {
        String line = "Sign-in failed: login '" + printable(login) + "' from " + printable(address)
                + ": unknown login or wrong password (failures: " + failure.loginFailures() + " for the login, "
                + failure.addressFailures() + " from the address)"
                + (failure.delay().isZero() ? "" : "; further sign-ins refused for " + seconds(failure.delay()) + " s");
        record(login, address, "signin.failed", line);
    }

    /** A sign-in refused without checking its password. */
    void refused(String login, String address, SignInRefusedException refusal) {
        record(login, address, "signin.refused", "Sign-in refused: login '" + printable(login) + "' from "
                + printable(address) + ": " + refusal.reason() + " (" + refusal.status() + ", retry after "
                + refusal.retryAfterSeconds() + " s)");
    }

    /** For tests; DS sets the field. */
    void trail(AuditTrail trail) {
        this.trail = trail;
    }

    private void record(String login, String address, String action, String line) {
        Period p = current.get();
        String from = printable(address);
        Counts c = p.byAddress.size() < MAX_ADDRESSES ? p.byAddress.computeIfAbsent(from, a -> new Counts())
                : p.byAddress.get(from);
        if (c == null) {
            p.suppressedOverall.increment();
            return;
        }
        if (c.lines.incrementAndGet() > linesPerAddress || p.lines.incrementAndGet() > linesMax) {
            c.suppressed.incrementAndGet();
            if (c.logins.size() < LOGINS_NAMED) {
                c.logins.add(printable(login));
            }
            return;
        }
        warn.accept(line);
        toTrail(printable(login), action, "user:" + printable(login), line);
    }

    /** One entry of the platform's audit trail; a failure to write it never fails the sign-in (told once a period). */
    private void toTrail(String actor, String action, String target, String line) {
        AuditTrail t = trail;
        if (t == null) {
            return;
        }
        try {
            t.record(AuditChange.of(actor, action, target, null, JSON.createObjectNode().put("detail", line).toString()));
        } catch (RuntimeException e) {
            if (trailFailures.getAndIncrement() == 0) {
                AUDIT.warn("Sign-in audit: cannot write the audit trail ({}); the lines above stay in this log", e.toString());
            }
        }
    }

    /** Ends the audit period: one summary line per address whose lines were held back, and one for the rest. */
    void endPeriod() {
        trailFailures.set(0);
        Period p = current.getAndSet(new Period());
        long seconds = period.getSeconds();
        long unattributed = p.suppressedOverall.sum(); // past MAX_ADDRESSES: counted, not told apart
        long rest = unattributed;
        int otherAddresses = 0;
        var held = p.byAddress.entrySet().stream().filter(e -> e.getValue().suppressed.get() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, Counts> e) -> e.getValue().suppressed.get()).reversed())
                .toList();
        for (int i = 0; i < held.size(); i++) {
            Counts c = held.get(i).getValue();
            if (i < SUMMARY_ADDRESSES) {
                String line = "Sign-in audit: " + c.suppressed.get() + " more failed or refused sign-ins from "
                        + held.get(i).getKey() + " in the last " + seconds + " s, not logged one by one (logins: "
                        + c.logins.stream().sorted().collect(Collectors.joining(", ")) + ")";
                warn.accept(line);
                toTrail("anonymous", "signin.failed.summary", "address:" + held.get(i).getKey(), line);
            } else {
                rest += c.suppressed.get();
                otherAddresses++;
            }
        }
        if (rest > 0) {
            warn.accept("Sign-in audit: " + rest + " more failed or refused sign-ins from "
                    + (unattributed > 0 ? "more than " + MAX_ADDRESSES : Integer.toString(otherAddresses))
                    + " other addresses in the last " + seconds + " s, not logged one by one");
        }
    }

    /**
     * Logins come from the client: control and format characters (a forged line break, a bidirectional
     * override) would let it forge or hide log lines, and a huge one would fill them.
     */
    static String printable(String s) {
        if (s == null) {
            return "an unknown address";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), 65));
        for (int i = 0; i < s.length() && out.length() < 64; i++) {
            char ch = s.charAt(i);
            int type = Character.getType(ch);
            out.append(Character.isISOControl(ch) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE ? '?' : ch);
        }
        return s.length() > 64 ? out + "..." : out.toString();
    }

    private static long seconds(Duration d) {
        return Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
    }
}
