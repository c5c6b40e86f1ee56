package org.srplatform.features.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's choices, kept in {@code data/features.properties} ({@code intake=false}). Written to a
 * temporary file and moved into place, so a crash mid-write never loses the previous choice.
 */
final class FeatureChoices {
    private final Path file;

    FeatureChoices(Path file) {
        this.file = file;
    }

    Set<String> disabled() {
        Set<String> disabled = new TreeSet<>();
        if (!Files.isRegularFile(file)) {
            return disabled;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature choices from " + file, e);
        }
        for (String id : p.stringPropertyNames()) {
            if ("false".equalsIgnoreCase(p.getProperty(id).trim())) {
                disabled.add(id);
            }
        }
        return disabled;
    }

    void save(Set<String> disabled) {
        Properties p = new Properties();
        disabled.forEach(id -> p.setProperty(id, "false"));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Features switched off by an operator (sr:disable, PUT /api/v1/admin/features/{id})");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save feature choices to " + file, e);
        }
    }
}
