package org.srplatform.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report the tests write: each test class one Markdown section ({@code target/reliability/<name>.md}),
 * joined into {@code target/reliability-report.md} each time a section is written. Figures only: no test
 * asserts on them.
 */
final class Report {
    private Report() {
    }

    static Path file() {
        return Path.of(System.getProperty("reliability.report", "target/reliability-report.md")).toAbsolutePath();
    }

    static synchronized void section(String name, String markdown) {
        Path report = file();
        Path sections = report.resolveSibling("reliability");
        try {
            Files.createDirectories(sections);
            Files.writeString(sections.resolve(name + ".md"), markdown.strip() + "\n", StandardCharsets.UTF_8);
            List<Path> parts = new ArrayList<>();
            try (Stream<Path> files = Files.list(sections)) {
                files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(parts::add);
            }
            StringBuilder all = new StringBuilder("# SR platform reliability report\n\n");
            all.append("Settings: crashes=").append(Settings.crashes()).append(", load=").append(Settings.loadSeconds())
                    .append(" s per crash, clients=").append(Settings.clients()).append(", fuzz=")
                    .append(Settings.fuzzSeconds()).append(" s, toggles=").append(Settings.toggles()).append(", seed=")
                    .append(Settings.seed()).append(" (rerun with -Dreliability.seed=").append(Settings.seed()).append(")\n\n");
            for (Path p : parts) {
                all.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
            }
            Files.writeString(report, all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
