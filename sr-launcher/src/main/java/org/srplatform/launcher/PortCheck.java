package org.srplatform.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

/**
 * Before the framework starts: can the platform listen where its framework properties say? Jetty finds out
 * only once its bundle starts, and then the platform runs on without HTTP, having printed its banner. A
 * check opens and closes the socket as Jetty would (address reuse on, so a port whose last connections
 * linger in TIME_WAIT is not reported as taken).
 */
final class PortCheck {
    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String HTTPS_PORT = "org.osgi.service.http.port.secure";
    static final String HOST = "org.apache.felix.http.host";
    static final String HTTP_ENABLE = "org.apache.felix.http.enable";
    static final String HTTPS_ENABLE = "org.apache.felix.https.enable";

    private PortCheck() {
    }

    /** What stops the platform from listening, in one line an operator can act on; empty when nothing does. */
    static Optional<String> problem(Map<String, String> properties) {
        String host = properties.getOrDefault(HOST, "").trim();
        if (!"false".equalsIgnoreCase(properties.getOrDefault(HTTP_ENABLE, "true").trim())) {
            Optional<String> http = problem(host, properties.getOrDefault(HTTP_PORT, "8080"), "port",
                    "stop it or start with --port N");
            if (http.isPresent()) {
                return http;
            }
        }
        if ("true".equalsIgnoreCase(properties.getOrDefault(HTTPS_ENABLE, "false").trim())) {
            return problem(host, properties.getOrDefault(HTTPS_PORT, "8443"), "HTTPS port",
                    "stop it or set " + HTTPS_PORT + " in etc/platform.properties");
        }
        return Optional.empty();
    }

    private static Optional<String> problem(String host, String portText, String what, String fix) {
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            return Optional.of(what + " '" + portText + "' is not a number; start with --port N or correct etc/platform.properties");
        }
        if (port <= 0) { // Jetty picks a free one
            return Optional.empty();
        }
        InetSocketAddress address;
        try {
            address = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            return Optional.of("the host '" + host + "' to listen on is unknown; correct " + HOST + " in etc/platform.properties");
        }
        String where = host.isEmpty() ? Integer.toString(port) : port + " on " + host;
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return Optional.empty();
        } catch (BindException e) {
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase().contains("in use")) {
                return Optional.of(what + " " + where + " is in use by another program; " + fix);
            }
            if (message.toLowerCase().contains("permission")) {
                return Optional.of(what + " " + where + " needs privileges this user does not have; start with --port N"
                        + " above 1023");
            }
            return Optional.of("cannot listen on " + what + " " + where + " (" + message + "); check " + HOST
                    + " in etc/platform.properties or start with --port N");
        } catch (IOException e) {
            return Optional.of("cannot listen on " + what + " " + where + " (" + e.getMessage() + "); start with --port N");
        }
    }
}
