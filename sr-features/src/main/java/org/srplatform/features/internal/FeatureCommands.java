package org.srplatform.features.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.spi.feature.Feature;
import org.srplatform.spi.feature.FeatureComponent;
import org.srplatform.spi.feature.FeatureService;
import org.srplatform.spi.feature.FeatureState;

/**
 * Gogo commands for operators: {@code sr:features}, {@code sr:enable ID}, {@code sr:disable ID}. Switches are audited
 * as {@value #ACTOR}: the console has no sign-in.
 */
@Component(service = FeatureCommands.class, property = {
        "osgi.command.scope=sr",
        "osgi.command.function=features",
        "osgi.command.function=enable",
        "osgi.command.function=disable" })
public final class FeatureCommands {
    static final String ACTOR = "operator"; // as sr:import: whoever has the shell (AuditChange.actor)
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

    // Without these Gogo answers a bare 'sr:enable' with an IllegalArgumentException about coercion.
    public String enable() {
        return usage("enable");
    }

    public String disable() {
        return usage("disable");
    }

    private String usage(String command) {
        return "Usage: sr:" + command + " ID, with ID one of: "
                + features.features().stream().map(Feature::id).collect(Collectors.joining(", "))
                + " ('sr:features' lists them with their states).";
    }

    private String change(String id, boolean enabled) {
        try {
            List<String> repaired = enabled ? disabledInScr(id) : List.of();
            Feature f = features.setEnabled(id, enabled, ACTOR);
            String answer = "Feature '" + f.id() + "' is " + (enabled ? "enabled" : "disabled") + "; the choice lasts across restarts.";
            if (!repaired.isEmpty()) {
                answer += " Components that SCR held disabled were enabled again: " + String.join(", ", repaired) + ".";
            }
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

    /** The components of a feature that SCR holds disabled ({@code scr:disable}), which enabling it repairs. */
    private List<String> disabledInScr(String id) {
        return features.feature(id).map(f -> f.components().stream().filter(c -> c.state().equals("DISABLED"))
                .map(FeatureComponent::name).toList()).orElse(List.of());
    }

    /** Why a feature does not run, and what it holds up: {@code  (requires feature 'requests', which is disabled)}. */
    private static String detail(Feature f) {
        List<String> notes = new ArrayList<>();
        f.reason().ifPresent(notes::add);
        if (f.state() == FeatureState.UNSATISFIED && !f.components().isEmpty()) {
            notes.add(f.components().stream().filter(c -> !c.state().equals("ACTIVE") && !c.state().equals("SATISFIED"))
                    .map(c -> c.name() + "=" + c.state()).collect(Collectors.joining(", ")));
            if (f.components().stream().anyMatch(c -> c.state().equals("DISABLED"))) {
                notes.add("'sr:enable " + f.id() + "' enables them again");
            }
        }
        if (!f.waitedOnBy().isEmpty()) {
            notes.add("waited on by " + String.join(", ", f.waitedOnBy()));
        }
        return notes.isEmpty() ? "" : "  (" + String.join("; ", notes) + ")";
    }
}
