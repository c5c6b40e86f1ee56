package org.srplatform.notify.tsanet.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.srplatform.api.partner.WebhookSignature;

/**
 * The TSANet settings, checked. The password is kept here only to log in: no text this class makes
 * ({@link #toString()}, the problems, {@link #whatToConfigure()}) contains it.
 *
 * @param baseUrl   TSANet Connect up to but not including {@code /v1}; empty when TSANet is not set up or a
 *                  setting is wrong
 * @param username  the API user
 * @param password  its password
 * @param poll      how often open collaborations should be followed
 * @param timeout   connect and answer timeout
 * @param contact   submitterContactDetails: name (empty: the requester's login), e-mail, phone
 * @param simulator whether this is the platform's own simulator (demo mode without base.url)
 * @param problems  wrong settings, each naming its key
 * @param pushes    how pushes to {@code /api/v1/partner-events/tsanet} are checked; empty: none are taken
 */
record TsanetSettings(Optional<URI> baseUrl, String username, String password, Duration poll, Duration timeout,
        Contact contact, boolean simulator, List<String> problems, Optional<WebhookSignature> pushes) {

    /** The simulator's path below the platform's address (sr-tsanet-simulator's REST application). */
    static final String SIMULATOR_PATH = "/tsanet-sim";
    /** The simulator's login in demo mode when the file sets none (sr-tsanet-simulator's defaults). */
    static final String SIMULATOR_LOGIN = "demo";

    /** Who the receiving member calls back. */
    record Contact(String name, String email, String phone) {
    }

    TsanetSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        problems = List.copyOf(problems);
        Objects.requireNonNull(pushes, "pushes");
    }

    /** Whether calls can be made. */
    boolean configured() {
        return baseUrl.isPresent() && problems.isEmpty();
    }

    /** For the operator: what to set, or what is wrong, and where. */
    String whatToConfigure() {
        if (!problems.isEmpty()) {
            return "TSANet settings are wrong in " + TsanetConfig.FILE + ": " + String.join("; ", problems);
        }
        return "TSANet is not configured: set base.url, username and password in " + TsanetConfig.FILE;
    }

    /** Settings for the TSANet Connect at {@code baseUrl} (tests). */
    static TsanetSettings of(URI baseUrl, String username, String password, Duration timeout) {
        return new TsanetSettings(Optional.of(baseUrl), username, password, Duration.ofSeconds(60), timeout,
                new Contact("", "", ""), false, List.of(), Optional.empty());
    }

    /** The same settings taking pushes signed with {@code secret} (tests). */
    TsanetSettings withPushes(String secret) {
        return new TsanetSettings(baseUrl, username, password, poll, timeout, contact, simulator, problems,
                Optional.of(WebhookSignature.of(secret)));
    }

    /**
     * Reads the configuration.
     *
     * @param config            {@code org.srplatform.partner.tsanet}
     * @param demo              demo mode ({@code demo} of {@code org.srplatform.platform})
     * @param frameworkProperty the framework's properties: in demo mode without base.url the simulator is
     *                          reached at the platform's own HTTP port ({@code org.osgi.service.http.port}) and
     *                          interface ({@code org.apache.felix.http.host})
     */
    static TsanetSettings of(TsanetConfig config, boolean demo, UnaryOperator<String> frameworkProperty) {
        List<String> problems = new ArrayList<>();
        String url = config.base_url().strip();
        String username = config.username().strip();
        String password = config.password();
        Optional<URI> base = Optional.empty();
        boolean simulator = false;
        if (url.isEmpty() && demo) {
            simulator = true;
            base = simulatorUrl(frameworkProperty, problems);
            if (username.isEmpty() && password.isEmpty()) {
                username = SIMULATOR_LOGIN;
                password = SIMULATOR_LOGIN;
            }
        } else if (!url.isEmpty()) {
            base = baseUrl(url, problems);
        }
        if (!url.isEmpty() || simulator) {
            if (username.isEmpty()) {
                problems.add("username is empty: set the TSANet Connect API user");
            }
            if (password.isEmpty()) {
                problems.add("password is empty: set the API user's password");
            }
        }
        int poll = number(config::poll_seconds);
        if (poll < 1) {
            problems.add("poll.seconds is not a number of seconds (1 or more)");
        }
        int timeout = number(config::timeout_seconds);
        if (timeout < 1) {
            problems.add("timeout.seconds is not a number of seconds (1 or more)");
        }
        Optional<WebhookSignature> pushes = Optional.empty();
        String secret = config.webhook_secret() == null ? "" : config.webhook_secret().strip();
        if (!secret.isEmpty()) {
            try {
                pushes = Optional.of(WebhookSignature.of(secret));
            } catch (IllegalArgumentException e) {
                problems.add("webhook.secret is not usable: " + e.getMessage());
            }
        }
        return new TsanetSettings(problems.isEmpty() ? base : Optional.empty(), username, password,
                Duration.ofSeconds(Math.max(1, poll)), Duration.ofSeconds(Math.max(1, timeout)),
                new Contact(config.contact_name().strip(), config.contact_email().strip(), config.contact_phone().strip()),
                simulator, problems, pushes);
    }

    private static Optional<URI> simulatorUrl(UnaryOperator<String> property, List<String> problems) {
        if ("false".equalsIgnoreCase(String.valueOf(property.apply("org.apache.felix.http.enable")).strip())) {
            problems.add("base.url is empty and plain HTTP is off (org.apache.felix.http.enable=false), so the demo"
                    + " cannot reach the TSANet simulator: set base.url");
            return Optional.empty();
        }
        String port = Optional.ofNullable(property.apply("org.osgi.service.http.port")).map(String::strip)
                .filter(p -> !p.isEmpty()).orElse("8080");
        // The interface the platform listens on; a wildcard one is reached through loopback.
        String host = Optional.ofNullable(property.apply("org.apache.felix.http.host")).map(String::strip)
                .filter(h -> !h.isEmpty() && !h.equals("0.0.0.0") && !h.equals("::") && !h.equals("[::]"))
                .orElse("127.0.0.1");
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        try {
            int p = Integer.parseInt(port);
            return Optional.of(new URI("http://" + host + ":" + p + SIMULATOR_PATH));
        } catch (NumberFormatException | URISyntaxException e) {
            problems.add("the platform's HTTP port or interface (" + host + ":" + port + ") does not make an address"
                    + " for the demo's TSANet simulator: set base.url");
            return Optional.empty();
        }
    }

    private static Optional<URI> baseUrl(String text, List<String> problems) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.add("base.url is not a URL");
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add("base.url is not an http(s) address such as https://connect2.tsanet.org");
            return Optional.empty();
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            // The password and every access token would cross the network in clear text.
            problems.add("base.url must use https (plain http only to this machine)");
            return Optional.empty();
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/v1")) { // "up to but not including /v1": forgive the common slip
            path = path.substring(0, path.length() - 3);
        }
        return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static int number(java.util.function.IntSupplier read) {
        try {
            return read.getAsInt();
        } catch (RuntimeException e) { // DS converts the text when it is read; not a number fails here
            return -1;
        }
    }

    @Override
    public String toString() { // without the password
        return "TsanetSettings[" + baseUrl.map(URI::toString).orElse("not configured") + ", user " + username
                + ", poll " + poll.toSeconds() + "s, timeout " + timeout.toSeconds() + "s"
                + (simulator ? ", simulator" : "") + (pushes.isPresent() ? ", pushes signed" : "") + (problems.isEmpty() ? "" : ", problems " + problems) + "]";
    }
}
