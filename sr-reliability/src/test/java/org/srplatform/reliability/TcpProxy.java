package org.srplatform.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a port of its own in front of a part the platform talks to (its database, a partner), that a
 * test cuts and restores: cut, every open connection is reset and new ones are refused (nothing listens on the
 * port), as when the part's machine or the network between fails; restored, it listens again on the same port.
 */
final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private ServerSocket server;

    TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = Platform.freePort();
    }

    int port() {
        return port;
    }

    /** Connections taken since it started, over every restore. */
    int accepted() {
        return accepted.get();
    }

    boolean isCut() {
        return server == null || server.isClosed();
    }

    /** Starts listening. */
    TcpProxy start() {
        return restore();
    }

    /** Listens (again): new connections are made to the target. */
    synchronized TcpProxy restore() {
        if (!isCut()) {
            return this;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true); // the port of the connections just reset may still be in TIME_WAIT
            s.bind(new InetSocketAddress("127.0.0.1", port));
            server = s;
            Thread t = new Thread(() -> accept(s), "tcp-proxy-" + port);
            t.setDaemon(true);
            t.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy cannot listen on " + port + " again", e);
        }
    }

    /** Refuses new connections and resets every open one. */
    synchronized void cut() {
        if (isCut()) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            // closed either way
        }
        for (Socket s : open) {
            reset(s);
        }
        open.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // cut
            }
            accepted.incrementAndGet();
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            } catch (IOException e) {
                reset(client);
                reset(target);
                continue;
            }
            open.add(client);
            open.add(target);
            pump(client, target);
            pump(target, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away, or the proxy was cut
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-" + port + "-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes with an RST, not a FIN: the peer sees "connection reset", as when a machine goes away. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException e) {
            // not connected: a plain close
        }
        close(s);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }
}
