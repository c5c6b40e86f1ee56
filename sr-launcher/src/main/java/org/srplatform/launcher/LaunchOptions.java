package org.srplatform.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The flags of {@code bin/sr-platform}. Scripts and operators rely on these names: add flags, never
 * rename one.
 */
public record LaunchOptions(boolean help, boolean demo, OptionalInt port, Optional<Path> data, boolean console) {

    static final String USAGE = """
            Usage: sr-platform [options]

            Starts the SR platform in the foreground; Ctrl-C (or 'stop 0' in the shell) stops it cleanly.

            Options:
              --demo          load the demo catalog, accounts and users (passwords equal the user name;
                              never use demo mode in production)
              --port N        HTTP port (default 8080, or org.osgi.service.http.port in etc/platform.properties)
              --data DIR      data folder: database, attachments, framework cache (default: <home>/data)
              --no-console    run without the Gogo shell (as a service runs: nothing reads this terminal)
              --help          print this text and exit

            Folders under the platform's home:
              bin/     this script          system/  framework bundles and the platform's own bundles
              etc/     configuration (*.cfg, watched: edits apply while running)
              deploy/  hot deploy: drop a bundle here to install and start it, remove it to uninstall
              data/    database and attachments  log/  log files

            Shell commands: sr:features, sr:enable ID, sr:disable ID, lb, scr:list, help.

            Ready when GET /api/v1/health answers 200 {"status":"UP"} (/api/v1/health/live: the process serves).
            Exit status: 0 stopped, 1 could not start (the line before says why: port in use, data folder
            in use...), 2 a wrong flag.
            """;

    public static LaunchOptions parse(List<String> args) {
        boolean help = false;
        boolean demo = false;
        boolean console = true;
        OptionalInt port = OptionalInt.empty();
        Optional<Path> data = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--demo" -> demo = true;
                case "--no-console" -> console = false;
                case "--port" -> port = OptionalInt.of(portValue(arg, value(args, ++i, arg)));
                case "--data" -> data = Optional.of(Path.of(value(args, ++i, arg)));
                default -> {
                    if (arg.startsWith("--port=")) {
                        port = OptionalInt.of(portValue("--port", arg.substring(7)));
                    } else if (arg.startsWith("--data=")) {
                        data = Optional.of(Path.of(arg.substring(7)));
                    } else {
                        throw new IllegalArgumentException("unknown option '" + arg + "'; see --help");
                    }
                }
            }
        }
        return new LaunchOptions(help, demo, port, data, console);
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value; see --help");
        }
        return args.get(index);
    }

    private static int portValue(String flag, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a port number from 1 to 65535, not '" + text + "'");
    }
}
