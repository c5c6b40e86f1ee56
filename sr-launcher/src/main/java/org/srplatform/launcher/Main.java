package org.srplatform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Starts Felix in the foreground with the bundles of {@code system/}, and stops it cleanly on Ctrl-C.
 * The framework cache is kept under {@code data/cache}, so a restart only installs what changed.
 */
public final class Main {
    private static final String SYSTEM_LOCATION_PREFIX = "sr-system:";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    /** The interface Felix's Jetty listens on; every interface when unset. */
    static final String HTTP_HOST = "org.apache.felix.http.host";

    private Main() {
    }

    /** Exit status when the platform cannot start (a flag error is 2). */
    static final int CANNOT_START = 1;

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * Starts the platform and waits until it stops. What keeps it from starting (the port taken, the data
     * folder in use) is found before the framework starts and told in one line on stderr, with the fix.
     */
    static int run(String[] args) throws Exception {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("sr-platform: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return 0;
        }
        Path home = Path.of(System.getProperty("sr.home", "."));
        PlatformLayout layout = PlatformLayout.of(home, options.data().orElse(home.resolve("data")));
        try {
            for (String notPrivate : layout.createFolders()) {
                System.err.println("sr-platform: warning: cannot make " + notPrivate + " readable by this user only");
            }
        } catch (IOException e) {
            return cannotStart("cannot create the platform's folders (" + reason(e) + "); check that this user may write to "
                    + layout.home() + " and " + layout.data());
        }
        DataFolderLock.Outcome locked;
        try {
            locked = DataFolderLock.acquire(layout.data());
        } catch (IOException e) {
            return cannotStart("cannot lock the data folder " + layout.data() + " (" + reason(e) + "); check that this user may"
                    + " write to it");
        }
        if (locked instanceof DataFolderLock.InUse inUse) {
            return cannotStart("the data folder " + layout.data() + " is in use by another running instance"
                    + inUse.pid().map(pid -> " (process " + pid + ")").orElse("")
                    + "; stop that instance, or start this one with --data DIR");
        }
        // Held until the process ends (the OS releases it then, however the process ends).
        DataFolderLock lock = ((DataFolderLock.Held) locked).lock();

        List<SystemBundles.SystemBundle> bundles = SystemBundles.read(layout.system(),
                layout.etc().resolve("startlevels.properties"));
        Map<String, String> properties = frameworkProperties(layout, options);
        Optional<String> portProblem = PortCheck.problem(properties);
        if (portProblem.isPresent()) {
            return cannotStart(portProblem.get());
        }
        // Bundles dropped into deploy/ start at the last level, after the platform's own.
        String lastLevel = Integer.toString(bundles.stream().mapToInt(SystemBundles.SystemBundle::startLevel).max().orElse(1));
        properties.putIfAbsent(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, lastLevel);
        properties.putIfAbsent("felix.startlevel.bundle", lastLevel);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/)"))
                .newFramework(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "sr-platform-shutdown"));
        try {
            framework.init();
            ClassDataArchive.recording(System.getProperty(ClassDataArchive.RECORDING_PROPERTY)).ifPresent(archive ->
                    framework.getBundleContext().addFrameworkListener(event -> {
                        if (event.getType() == FrameworkEvent.STARTED) {
                            archive.platformStarted();
                        }
                    }));
            if (Boolean.getBoolean(StartTrace.PROPERTY)) {
                StartTrace.follow(framework.getBundleContext(), System.err);
            }
            installSystemBundles(framework.getBundleContext(), bundles, options.console());
            framework.start();
        } catch (BundleException | IOException | RuntimeException e) {
            stop(framework);
            return cannotStart("the OSGi framework did not start (" + e + "); the log in " + layout.log() + " has more;"
                    + " deleting " + layout.cache() + " makes the next start install every bundle afresh");
        }
        System.out.printf("sr-platform: started %d bundles%s; API at http://localhost:%s/api/v1 (ready when"
                + " /api/v1/health answers UP) ; data in %s ; logs in %s%n",
                bundles.size(), options.demo() ? " in demo mode" : "", properties.get("org.osgi.service.http.port"),
                layout.data(), layout.log());

        FrameworkEvent end = framework.waitForStop(0);
        Reference.reachabilityFence(lock);
        return end.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    /** An I/O failure in an operator's words: what happened to which file, without Java's class names. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String what = f instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : f.getReason() != null ? f.getReason() : "cannot use it";
            return what + ": " + f.getFile();
        }
        return String.valueOf(e.getMessage());
    }

    private static int cannotStart(String line) {
        System.err.println("sr-platform: " + line);
        return CANNOT_START;
    }

    public static Map<String, String> frameworkProperties(PlatformLayout layout, LaunchOptions options) throws IOException {
        Map<String, String> p = new HashMap<>();
        p.put("sr.home", layout.home().toString());
        p.put("sr.data", layout.data().toString());
        p.put("sr.log", layout.log().toString());
        p.put("sr.etc", layout.etc().toString());
        p.put("sr.deploy", layout.deploy().toString());
        // Defaults an operator may override in etc/platform.properties.
        p.put(Constants.FRAMEWORK_STORAGE, layout.cache().toString());
        p.put("felix.cm.dir", layout.data().resolve("config").toString());
        p.put("org.osgi.service.http.port", "8080");
        p.put("felix.log.level", "1");
        // SCR keeps the components it read from each bundle's XML in its data area and reads them again only when the
        // bundle changes: a restart parses no component descriptor (about 0.15 s of a start, bench/platform-figures.sh).
        p.put("ds.cache.metadata", "true");
        // FileInstall watches etc/ for configuration; etc/org.apache.felix.fileinstall-deploy.cfg adds deploy/.
        p.put("felix.fileinstall.dir", layout.etc().toString());
        p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.log.level", "2");
        // FileInstall would otherwise write configurations back into etc/, and when that races with the
        // first read of a file it empties the operator's file (seen with the deploy/ watcher's .cfg).
        p.put("felix.fileinstall.enableConfigSave", "false");
        // Gogo reads ${gosh.home}/etc/gosh_profile: ours works with and without a terminal.
        p.put("gosh.home", layout.home().toString());

        Path platform = layout.etc().resolve("platform.properties");
        if (Files.isRegularFile(platform)) {
            Properties fromFile = new Properties();
            try (InputStream in = Files.newInputStream(platform)) {
                fromFile.load(in);
            }
            for (String name : fromFile.stringPropertyNames()) {
                p.put(name, substitute(fromFile.getProperty(name), p));
            }
        }
        // Flags win over the file. The folders and demo mode also reach the components as configuration:
        // etc/org.srplatform.platform.cfg reads data.dir = ${sr.data} and demo = ${sr.demo}, substituted by
        // FileInstall at every start, so both are always set here (never a literal "${sr.demo}" there).
        options.port().ifPresent(port -> p.put("org.osgi.service.http.port", Integer.toString(port)));
        p.put("sr.home", layout.home().toString());
        p.put("sr.data", layout.data().toString());
        p.put("sr.log", layout.log().toString());
        p.put("sr.etc", layout.etc().toString());
        p.put("sr.deploy", layout.deploy().toString());
        p.put("sr.demo", Boolean.toString(options.demo()));
        if (options.demo() && !p.containsKey(HTTP_HOST) && System.getProperty(HTTP_HOST) == null) {
            // Demo users' passwords are their names: the demo answers this machine only, unless the operator
            // chose an interface (etc/platform.properties or -D).
            p.put(HTTP_HOST, "127.0.0.1");
        }
        if (!options.console() || System.console() == null) {
            // Without a terminal the shell would read end-of-file and stop the platform.
            p.put("gosh.args", "--nointeractive");
        }
        return p;
    }

    static String substitute(String value, Map<String, String> known) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = known.getOrDefault(name, System.getProperty(name, m.group()));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Installs new bundles of {@code system/}, updates changed ones and uninstalls those no longer
     * there; bundles that came from elsewhere (deploy/) are FileInstall's business.
     */
    static void installSystemBundles(BundleContext context, List<SystemBundles.SystemBundle> wanted, boolean console)
            throws IOException, BundleException {
        Map<String, Bundle> installed = Arrays.stream(context.getBundles())
                .filter(b -> b.getLocation().startsWith(SYSTEM_LOCATION_PREFIX))
                .collect(Collectors.toMap(Bundle::getLocation, b -> b));
        Set<String> wantedLocations = wanted.stream().map(Main::location).collect(Collectors.toSet());
        for (Bundle gone : installed.values()) {
            if (!wantedLocations.contains(gone.getLocation())) {
                gone.uninstall();
            }
        }
        for (SystemBundles.SystemBundle sb : wanted) {
            String location = location(sb);
            Bundle bundle = installed.get(location);
            if (bundle == null) {
                try (InputStream in = Files.newInputStream(sb.file())) {
                    bundle = context.installBundle(location, in);
                }
            } else if (Files.getLastModifiedTime(sb.file()).toMillis() > bundle.getLastModified()) {
                try (InputStream in = Files.newInputStream(sb.file())) {
                    bundle.update(in);
                }
            }
            BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
            level.setStartLevel(sb.startLevel());
            if (!console && isShell(sb.symbolicName())) {
                // Without a console nobody can type into the shell: its bundles stay installed and stopped (about
                // 0.15 s of a start), also when an earlier start with a console left them marked to start.
                if (level.isPersistentlyStarted()) {
                    bundle.stop();
                }
            } else if (!sb.fragment()) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
    }

    /** The Gogo shell and its terminal library: what a console needs and nothing else does. */
    static boolean isShell(String symbolicName) {
        return symbolicName.startsWith("org.apache.felix.gogo.") || symbolicName.equals("org.jline");
    }

    private static String location(SystemBundles.SystemBundle sb) {
        return SYSTEM_LOCATION_PREFIX + sb.file().getFileName();
    }

    private static void stop(Framework framework) {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                framework.stop();
                FrameworkEvent end = framework.waitForStop(30_000);
                System.out.println(end.getType() == FrameworkEvent.WAIT_TIMEDOUT
                        ? "sr-platform: bundles still stopping after 30 s; exiting anyway"
                        : "sr-platform: stopped cleanly");
            }
        } catch (Exception e) {
            System.err.println("sr-platform: error while stopping: " + e);
        }
    }
}
