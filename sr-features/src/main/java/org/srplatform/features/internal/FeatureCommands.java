package org.srplatform.features.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureService;
import org.srplatform.spi.feature.FeatureState;

/** Gogo commands for operators: {@code sr:features}, {@code sr:enable ID}, {@code sr:disable ID}. */
@Component(service = FeatureCommands.class, property = {
        "osgi.command.scope=sr",
        "osgi.command.function=features",
        "osgi.command.function=enable",
        "osgi.command.function=disable" })
public final class FeatureCommands {
    private final FeatureService features;

    @Activate
    public FeatureCommands(@Reference FeatureService features) {
        this.features = features;
    }

    /** Lists every feature with its switch, what runs now, what it requires and, if it waits, why. */
    public String features() {
        StringBuilder out = new StringBuilder(String.format("%-24s %-8s %-12s %s%n", "FEATURE", "ENABLED", "STATE", "REQUIRES"));
        for (Feature f : features.features()) {
            String requires = f.requires().isEmpty() ? "-" : String.join(",", f.requires());
            out.append(String.format("%-24s %-8s %-12s %s%s%n", f.id(), f.enabled(), f.state(), requires, detail(f)));
        }
        return out.toString();
    }

    public String enable(String id) {
        return change(id, true);
    }

    public String disable(String id) {
        return change(id, false);
    }

    private String change(String id, boolean enabled) {
        try {
            Feature f = features.setEnabled(id, enabled);
            String answer = "Feature '" + f.id() + "' is " + (enabled ? "enabled" : "disabled") + "; the choice lasts across restarts.";
            if (!f.waitedOnBy().isEmpty()) {
                answer += " Enabled features waiting on it: " + String.join(", ", f.waitedOnBy()) + ".";
            }
            if (f.state() == FeatureState.WAITING) {
                answer += " It waits: " + f.reason().orElse("a feature it requires is not active") + ".";
            }
            return answer;
        } catch (NotFoundException e) {
            return e.getMessage();
        }
    }

    /** Why a feature does not run, and what it holds up: {@code  (requires feature 'requests', which is disabled)}. */
    private static String detail(Feature f) {
        List<String> notes = new ArrayList<>();
        f.reason().ifPresent(notes::add);
        if (f.state() == FeatureState.UNSATISFIED && !f.components().isEmpty()) {
            notes.add(f.components().stream().filter(c -> !c.state().equals("ACTIVE") && !c.state().equals("SATISFIED"))
                    .map(c -> c.name() + "=" + c.state()).collect(Collectors.joining(", ")));
        }
        if (!f.waitedOnBy().isEmpty()) {
            notes.add("waited on by " + String.join(", ", f.waitedOnBy()));
        }
        return notes.isEmpty() ? "" : "  (" + String.join("; ", notes) + ")";
    }
}
