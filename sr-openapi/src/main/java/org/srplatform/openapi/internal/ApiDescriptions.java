package org.srplatform.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's OpenAPI document, merged from the descriptions the {@code ACTIVE} bundles carry in
 * {@code OSGI-INF/openapi/*.json} (an extender: a capability brings its description in its own jar, and
 * nothing central is edited to add one). A bundle that stops takes its endpoints out of the document,
 * since the whiteboard no longer serves them; a switched-off feature's stay, since its resources still
 * answer (503 naming the feature) and come back the moment it is switched on. The merged document is
 * kept until the set of contributing bundles changes. The descriptions are read when the document is asked for,
 * not while bundles start: the platform's start does not parse a document nobody may ask for.
 */
@Component(service = ApiDescriptions.class)
public final class ApiDescriptions {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDescriptions.class);
    static final String FOLDER = "OSGI-INF/openapi";

    /** The document as served, and its entity tag. */
    record Served(byte[] json, String etag) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode platform;
    private final BundleTracker<Bundle> bundles;
    private final Object lock = new Object();
    private long generation; // guarded by lock: counts changes of the contributing bundles
    private long servedGeneration = -1; // guarded by lock
    private Served served; // guarded by lock

    @Activate
    public ApiDescriptions(BundleContext context) {
        this.platform = platform(json, context.getBundle().getVersion().toString());
        this.bundles = new BundleTracker<>(context, Bundle.ACTIVE, new Descriptions());
        bundles.open();
    }

    @Deactivate
    void close() {
        bundles.close();
    }

    /** The merged document: built on the first call after the contributing bundles changed, else kept. */
    Served document() {
        synchronized (lock) {
            if (served == null || servedGeneration != generation) {
                long started = System.nanoTime();
                List<Fragment> fragments = new ArrayList<>();
                bundles.getTracked().keySet().forEach(b -> fragments.addAll(read(b)));
                fragments.sort(Comparator.comparing(Fragment::capability).thenComparing(Fragment::source));
                ApiDocument.Merged merged = ApiDocument.merge(platform, fragments);
                merged.warnings().forEach(w -> LOG.warn("OpenAPI document: {}", w));
                served = serve(merged.document());
                servedGeneration = generation;
                LOG.info("OpenAPI document merged from {} descriptions in {} ms", fragments.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            return served;
        }
    }

    private Served serve(ObjectNode document) {
        try {
            byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Served(bytes, HexFormat.of().formatHex(digest, 0, 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private void changed() {
        synchronized (lock) {
            generation++;
        }
    }

    static ObjectNode platform(ObjectMapper json, String version) {
        try (InputStream in = ApiDescriptions.class.getResourceAsStream("platform.json")) {
            ObjectNode platform = (ObjectNode) json.readTree(in);
            ((ObjectNode) platform.get("info")).put("version", version);
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException("platform.json of the bundle is unreadable", e);
        }
    }

    /** The descriptions in a bundle; none (not tracked) when it has none or none is readable. */
    List<Fragment> read(Bundle bundle) {
        Enumeration<URL> entries = bundle.findEntries(FOLDER, "*.json", false);
        if (entries == null) {
            return List.of();
        }
        String symbolicName = bundle.getSymbolicName();
        String name = bundle.getHeaders("").get(Constants.BUNDLE_NAME);
        List<Fragment> fragments = new ArrayList<>();
        for (URL entry : Collections.list(entries)) {
            String source = symbolicName + " " + entry.getPath();
            try (InputStream in = entry.openStream()) {
                JsonNode content = json.readTree(in);
                if (content instanceof ObjectNode object) {
                    addJsonSchemas(bundle, source, object);
                    fragments.add(new Fragment(Fragment.capabilityOf(symbolicName), name == null ? symbolicName : name,
                            source, object));
                } else {
                    LOG.warn("OpenAPI description {} is not a JSON object; left out", source);
                }
            } catch (IOException e) {
                LOG.warn("OpenAPI description {} is unreadable; left out: {}", source, e.getMessage());
            }
        }
        return List.copyOf(fragments);
    }

    /** The JSON Schema files a description names ({@link JsonSchemas#EXTENSION}), as its components. */
    private void addJsonSchemas(Bundle bundle, String source, ObjectNode content) {
        JsonNode files = content.remove(JsonSchemas.EXTENSION);
        if (files == null) {
            return;
        }
        ObjectNode schemas = content.withObjectProperty("components").withObjectProperty("schemas");
        for (Map.Entry<String, JsonNode> file : files.properties()) {
            URL entry = bundle.getEntry(file.getValue().asText());
            if (entry == null) {
                LOG.warn("OpenAPI description {}: {} names {}, which the bundle does not have", source,
                        JsonSchemas.EXTENSION, file.getValue().asText());
                continue;
            }
            try (InputStream in = entry.openStream()) {
                JsonSchemas.toOpenApi(file.getKey(), (ObjectNode) json.readTree(in)).forEach(schemas::putIfAbsent);
            } catch (IOException | ClassCastException e) {
                LOG.warn("OpenAPI description {}: the JSON Schema {} is unreadable: {}", source, entry.getPath(),
                        e.getMessage());
            }
        }
    }

    /** Tracks the bundles that carry descriptions; reads none of them. */
    private final class Descriptions implements BundleTrackerCustomizer<Bundle> {
        @Override
        public Bundle addingBundle(Bundle bundle, BundleEvent event) {
            Enumeration<URL> entries = bundle.findEntries(FOLDER, "*.json", false);
            if (entries == null || !entries.hasMoreElements()) {
                return null;
            }
            changed();
            return bundle;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
            changed();
        }
    }
}
