package org.srplatform.features.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Switches written into {@code data/features.properties} ({@code intake=false}, {@code intake=true}) while the node
 * was stopped: the file releases before 1.1 kept the switches in, and the way scripts switch features off for a
 * start. The feature service takes them into the shared switches at start, then moves the file aside to
 * {@code features.properties.applied}, so that each file is taken in once (an upgraded platform's switches too) and
 * never overrides a later switch made on another node.
 */
final class FeatureChoices {
    static final String FILE = "features.properties";
    static final String APPLIED_SUFFIX = ".applied";

    private final Path file;

    FeatureChoices(Path file) {
        this.file = file;
    }

    /** The switches the file sets, by feature id; empty without a file. */
    Map<String, Boolean> choices() {
        Map<String, Boolean> choices = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return choices;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature choices from " + file, e);
        }
        for (String id : p.stringPropertyNames()) {
            String value = p.getProperty(id).trim();
            if (!id.isBlank() && ("false".equalsIgnoreCase(value) || "true".equalsIgnoreCase(value))) {
                choices.put(id.strip(), Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return choices;
    }

    /** Moves the file aside once its switches are stored, replacing the file an earlier start moved aside. */
    void applied() throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + APPLIED_SUFFIX);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    Path file() {
        return file;
    }
}
