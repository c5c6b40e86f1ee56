package org.srplatform.api.common;

import java.util.Objects;

/**
 * Who made a change, as the timeline records it: a signed-in user, or the platform itself (a timer,
 * a dispatcher, a partner callback).
 *
 * @param id   the user's login, or {@code "system"} / {@code "partner:<connector>"}
 * @param name how to show the actor to people
 */
public record Actor(String id, String name) {
    public static final Actor SYSTEM = new Actor("system", "SR platform");

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
