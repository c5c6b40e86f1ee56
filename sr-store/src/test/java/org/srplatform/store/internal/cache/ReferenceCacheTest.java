package org.srplatform.store.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ReferenceCacheTest {
    private final ReferenceCache cache = new ReferenceCache();
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<String> load(String value) {
        loads.incrementAndGet();
        return Optional.of(value);
    }

    @Test
    void aValueIsReadOnceThenServedFromMemory() {
        assertEquals(Optional.of("v1"), cache.get("account", "1001", () -> load("v1")));
        assertEquals(Optional.of("v1"), cache.get("account", "1001", () -> load("v2")));
        assertEquals(1, loads.get());
    }

    @Test
    void kindsAndIdsAreKeptApart() {
        cache.get("account", "1001", () -> load("a"));
        assertEquals(Optional.of("b"), cache.get("contacts", "1001", () -> load("b")));
        assertEquals(Optional.of("c"), cache.get("account", "1002", () -> load("c")));
    }

    @Test
    void aChangeForgetsEverything() {
        cache.get("account", "1001", () -> load("old"));
        cache.changed();
        assertEquals(Optional.of("new"), cache.get("account", "1001", () -> load("new")));
    }

    @Test
    void aReadThatRacedWithAChangeIsNotKept() {
        // The read saw the database before a write committed; the write announced itself meanwhile.
        Optional<String> stale = cache.get("account", "1001", () -> {
            Optional<String> before = load("before the write");
            cache.changed();
            return before;
        });
        assertEquals(Optional.of("before the write"), stale, "the caller gets what it read");
        assertEquals(Optional.of("after the write"), cache.get("account", "1001", () -> load("after the write")),
                "but the next read goes to the database again");
    }

    @Test
    void aChangeAnotherNodeMadeIsReadOnceTheEntryExpired() {
        AtomicLong nanos = new AtomicLong();
        ReferenceCache expiring = new ReferenceCache(100, Duration.ofSeconds(5), nanos::get);
        expiring.get("account", "1001", () -> load("before the other node's write"));
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Optional.of("before the other node's write"), expiring.get("account", "1001",
                () -> load("after the other node's write")), "served from memory for a few seconds");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Optional.of("after the other node's write"), expiring.get("account", "1001",
                () -> load("after the other node's write")), "then read again: no write of this node announced it");
        assertEquals(2, loads.get());
    }

    @Test
    void theCacheIsBounded() {
        ReferenceCache small = new ReferenceCache(10);
        for (int i = 0; i < 1_000; i++) {
            String id = Integer.toString(i);
            small.get("account", id, () -> load(id));
        }
        loads.set(0);
        for (int i = 0; i < 1_000; i++) {
            String id = Integer.toString(i);
            small.get("account", id, () -> load(id));
        }
        assertEquals(true, loads.get() > 900, "most entries were evicted, so they are read again: " + loads.get());
    }
}
