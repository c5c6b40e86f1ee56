package org.srplatform.notify.email.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An SMTP server of a few lines for what GreenMail does not do: refuse a recipient or a message with a chosen
 * reply, or say nothing at all. Answers every command with success unless {@code replies} gives a reply (a
 * full reply line without CRLF) for the command line ({@code "."} stands for the end of the data); the reply
 * {@link #HANG_UP} closes the connection instead.
 */
final class FakeSmtpServer implements AutoCloseable {
    static final String HANG_UP = "(hang up)";
    private final ServerSocket server;
    private final Function<String, String> replies;
    private final boolean silent;
    final List<String> commands = new CopyOnWriteArrayList<>();

    private FakeSmtpServer(int port, Function<String, String> replies, boolean silent) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        this.replies = replies;
        this.silent = silent;
        Thread thread = new Thread(this::serve, "fake-smtp-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    static FakeSmtpServer answering(Function<String, String> replies) throws IOException {
        return new FakeSmtpServer(0, replies, false);
    }

    static FakeSmtpServer answering(int port, Function<String, String> replies) throws IOException {
        return new FakeSmtpServer(port, replies, false);
    }

    /** Accepts connections and never says a word. */
    static FakeSmtpServer silent() throws IOException {
        return new FakeSmtpServer(0, c -> null, true);
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                if (silent) {
                    s.getInputStream().read(); // until the client gives up
                    continue;
                }
                talk(s);
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    private void talk(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        say(out, "220 fake.example ESMTP");
        boolean data = false;
        for (String line; (line = in.readLine()) != null;) {
            if (data) {
                if (line.equals(".")) {
                    data = false;
                    commands.add(".");
                    say(out, reply(".", "250 2.0.0 queued"));
                }
                continue;
            }
            commands.add(line);
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> say(out, reply(line, "250 fake.example"));
                case "DATA" -> {
                    String r = reply(line, "354 end with <CRLF>.<CRLF>");
                    data = r.startsWith("354");
                    say(out, r);
                }
                case "QUIT" -> {
                    say(out, "221 2.0.0 bye");
                    return;
                }
                default -> say(out, reply(line, "250 2.0.0 ok"));
            }
        }
    }

    private String reply(String command, String otherwise) {
        String r = replies.apply(command);
        return r == null ? otherwise : r;
    }

    private static void say(OutputStream out, String reply) throws IOException {
        if (reply.equals(HANG_UP)) {
            throw new IOException("hung up"); // closes the socket
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
