package org.srplatform.api.escalation;

import java.util.Objects;

/** The regional escalation manager's decision: who owns the escalation, what resources, what changes. */
public record Acceptance(String escalationEngineer, String resources, String processCorrections) {
    public Acceptance {
        Objects.requireNonNull(escalationEngineer, "escalationEngineer");
        resources = resources == null ? "" : resources;
        processCorrections = processCorrections == null ? "" : processCorrections;
    }
}
