package org.srplatform.notify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message templates as they stand: this bundle's, those of every bundle whose {@value #HEADER} header
 * names a folder of {@code <KIND>.<language>.txt} files (a later capability adds its kinds so: one template
 * pair and that header), and the operator's folder, which replaces any of them by name. The operator's files
 * are read again when they change (looked at, at most every few seconds, when a message is composed); a
 * wrong file is logged at once with its line and reason, and the template it would replace stays.
 */
@Header(name = TemplateService.HEADER, value = "templates")
@Component(service = TemplateService.class, configurationPid = NotifyConfig.PID)
public final class TemplateService {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateService.class);
    private static final java.util.regex.Pattern PLACEHOLDERS =
            java.util.regex.Pattern.compile(";\\s*placeholders(?::List<String>)?\\s*=\\s*\"([^\"]*)\"");

    /** Manifest header naming a bundle's folder of message templates. */
    public static final String HEADER = "SR-Templates";
    private static final long RECHECK_MILLIS = 3_000;

    private final Path overrides;
    private final Map<Long, List<TemplateLibrary.Source>> bundles = new ConcurrentHashMap<>();
    /** Per bundle: the placeholders its messages carry besides the platform's ({@code placeholders} attribute). */
    private final Map<Long, Set<String>> placeholders = new ConcurrentHashMap<>();
    private final BundleTracker<Bundle> tracker;
    private volatile TemplateLibrary library;
    private volatile String overridesStamp = "";
    private volatile long checkedAt;

    @Activate
    public TemplateService(BundleContext context, NotifyConfig config) {
        String etc = context.getProperty("sr.etc");
        this.overrides = !config.templates_dir().isBlank() ? Path.of(config.templates_dir())
                : etc != null ? Path.of(etc, "templates") : Path.of("etc", "templates");
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE | Bundle.STARTING, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                String header = bundle.getHeaders("").get(HEADER);
                if (header == null || header.isBlank()) {
                    return null;
                }
                String folder = header.split(";", 2)[0].strip();
                placeholders.put(bundle.getBundleId(), placeholders(header));
                bundles.put(bundle.getBundleId(), read(bundle, folder));
                reload();
                return bundle;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                bundles.remove(bundle.getBundleId());
                placeholders.remove(bundle.getBundleId());
                reload();
            }
        };
        reload();
        tracker.open();
    }

    /**
     * The {@code placeholders} attribute of a bundle's header: {@code templates;placeholders="escalation,region"}
     * names the values its messages carry besides the platform's.
     */
    static Set<String> placeholders(String header) {
        java.util.regex.Matcher m = PLACEHOLDERS.matcher(header);
        if (!m.find()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String name : m.group(1).split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** For tests: these templates and the operator's folder, without bundles. */
    TemplateService(List<TemplateLibrary.Source> provided, Path overrides) {
        this.overrides = overrides;
        this.tracker = null;
        bundles.put(0L, provided);
        reload();
    }

    @Deactivate
    void close() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** The templates now, read again first if the operator's folder changed. */
    TemplateLibrary library() {
        long now = System.currentTimeMillis();
        if (now - checkedAt > RECHECK_MILLIS) {
            checkedAt = now;
            if (!stamp().equals(overridesStamp)) {
                reload();
            }
        }
        return library;
    }

    /** Where the operator's templates are read from. */
    Path overrides() {
        return overrides;
    }

    private synchronized void reload() {
        List<TemplateLibrary.Source> provided = new ArrayList<>();
        bundles.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> provided.addAll(e.getValue()));
        String stamp = stamp();
        Set<String> more = new HashSet<>();
        placeholders.values().forEach(more::addAll);
        TemplateLibrary loaded = TemplateLibrary.load(provided, operatorFiles(), more);
        for (String problem : loaded.problems()) {
            LOG.error("Message template refused: {}", problem);
        }
        library = loaded;
        overridesStamp = stamp;
    }

    private List<TemplateLibrary.Source> operatorFiles() {
        if (!Files.isDirectory(overrides)) {
            return List.of();
        }
        List<TemplateLibrary.Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(overrides)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                out.add(new TemplateLibrary.Source(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8),
                        f.toString()));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.error("Cannot read the templates in {}: {}", overrides, e.toString());
        }
        return out;
    }

    /** Names, sizes and times of the operator's files: what tells that they changed. */
    private String stamp() {
        if (!Files.isDirectory(overrides)) {
            return "";
        }
        try (Stream<Path> files = Files.list(overrides)) {
            StringBuilder s = new StringBuilder();
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                s.append(f.getFileName()).append(':').append(Files.size(f)).append(':')
                        .append(Files.getLastModifiedTime(f).toMillis()).append(';');
            }
            return s.toString();
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unreadable";
        }
    }

    private static List<TemplateLibrary.Source> read(Bundle bundle, String folder) {
        List<TemplateLibrary.Source> out = new ArrayList<>();
        var entries = bundle.findEntries(folder, "*.txt", false);
        for (URL url : entries == null ? List.<URL>of() : Collections.list(entries)) {
            String path = url.getPath();
            try (InputStream in = url.openStream()) {
                out.add(new TemplateLibrary.Source(path.substring(path.lastIndexOf('/') + 1),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), bundle.getSymbolicName() + path));
            } catch (IOException e) {
                LOG.error("Cannot read template {} of {}: {}", path, bundle.getSymbolicName(), e.toString());
            }
        }
        return out;
    }
}
