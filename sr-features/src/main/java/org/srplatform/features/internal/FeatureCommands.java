package org.srplatform.features.internal;

import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.srplatform.api.common.NotFoundException;
import org.srplatform.api.feature.Feature;
import org.srplatform.api.feature.FeatureService;

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

    /** Lists every feature with its switch and what runs now. */
    public String features() {
        StringBuilder out = new StringBuilder(String.format("%-24s %-8s %s%n", "FEATURE", "ENABLED", "STATE"));
        for (Feature f : features.features()) {
            out.append(String.format("%-24s %-8s %s%s%n", f.id(), f.enabled(), f.state(), detail(f)));
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
            return "Feature '" + f.id() + "' is " + (enabled ? "enabled" : "disabled") + "; the choice lasts across restarts.";
        } catch (NotFoundException e) {
            return e.getMessage();
        }
    }

    private static String detail(Feature f) {
        if (f.state() != org.srplatform.api.feature.FeatureState.UNSATISFIED) {
            return "";
        }
        return f.components().stream().filter(c -> !c.state().equals("ACTIVE") && !c.state().equals("SATISFIED"))
                .map(c -> c.name() + "=" + c.state()).collect(Collectors.joining(", ", "  (", ")"));
    }
}
