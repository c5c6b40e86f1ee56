package org.srplatform.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;
import org.srplatform.spi.admin.ImportResult;

/**
 * Gogo commands for operators: {@code sr:import FILE}, {@code sr:export FILE}. Audited as {@code operator} (the
 * console has no sign-in). Part of the {@code administration} feature, through {@link Administration}.
 */
@Component(service = SetupCommands.class, property = {
        "osgi.command.scope=sr",
        "osgi.command.function=import",
        "osgi.command.function=export" })
public final class SetupCommands {
    static final String ACTOR = "operator";
    private final Administration admin;

    @Activate
    public SetupCommands(@Reference Administration admin) {
        this.admin = admin;
    }

    /** Imports a setup document; prints what it wrote, or every wrong entry. */
    public String _import(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            return "No file " + path.toAbsolutePath();
        }
        try (InputStream in = Files.newInputStream(path)) {
            ImportResult r = admin.setup().importSetup(in, ACTOR);
            return "Imported " + path + ": created " + r.created() + ", changed " + r.changed() + ", unchanged "
                    + r.unchanged();
        } catch (ValidationException e) {
            StringBuilder out = new StringBuilder("Nothing imported: " + e.errors().size() + " wrong entries in " + path
                    + System.lineSeparator());
            for (FieldError f : e.errors()) {
                out.append("  ").append(f.field()).append(": ").append(f.message()).append(System.lineSeparator());
            }
            return out.toString();
        }
    }

    /** Writes the whole setup to a file (replaced only once written whole). */
    public String export(String file) throws IOException {
        Path path = Path.of(file).toAbsolutePath();
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, path.getFileName().toString(), ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            admin.exportSetup(out);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return "Exported the setup to " + path;
    }

    // Without these Gogo answers a bare command with an IllegalArgumentException about coercion.
    public String _import() {
        return "Usage: sr:import FILE (a setup document, docs/setup.schema.json)";
    }

    public String export() {
        return "Usage: sr:export FILE";
    }
}
