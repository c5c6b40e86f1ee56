package org.srplatform.store.internal.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Reference data that every SR reads and an administrator rarely changes (products, accounts, their
 * contracts, offerings, contacts), kept in memory by the repository that owns its tables. Intake used to
 * run nine SELECTs in four read transactions for it on every SR.
 * <p>
 * The owner calls {@link #changed()} after each committed write (and after a failed one: harmless). A read
 * that raced with a write never leaves its older value behind: it stores what it read, then drops it again
 * if a change was announced since it started reading. Bounded, so a million accounts cannot fill the heap.
 * <p>
 * Another node sharing the database (scale-out) does not announce its writes here: an entry is therefore served
 * at most {@link #EXPIRY}, so an administrator's change through one node holds on every node within seconds.
 */
public final class ReferenceCache {
    /** Entries kept; beyond it the least used go (they are read again from the database). */
    static final long MAXIMUM_ENTRIES = 20_000;
    /** How long an entry is served from memory: what another node changed is read again after it. */
    static final Duration EXPIRY = Duration.ofSeconds(5);

    /** What is cached: a kind of lookup and its argument, e.g. ("account", "1001"). */
    private record Key(String kind, String id) {
    }

    private final Cache<Key, Object> entries;
    private final AtomicLong changes = new AtomicLong();

    public ReferenceCache() {
        this(MAXIMUM_ENTRIES);
    }

    ReferenceCache(long maximumEntries) {
        this(maximumEntries, EXPIRY, Ticker.systemTicker());
    }

    ReferenceCache(long maximumEntries, Duration expiry, Ticker ticker) {
        // Evictions run on the calling thread: no executor thread per cache, nothing to stop.
        this.entries = Caffeine.newBuilder().maximumSize(maximumEntries).expireAfterWrite(expiry).ticker(ticker)
                .executor(Runnable::run).build();
    }

    /**
     * The cached value of a lookup, or the one {@code load} reads now (then cached).
     *
     * @param load reads the value from the database; never null (use {@code Optional} or an empty list)
     */
    @SuppressWarnings("unchecked")
    public <V> V get(String kind, String id, Supplier<V> load) {
        Key key = new Key(kind, id);
        Object cached = entries.getIfPresent(key);
        if (cached != null) {
            return (V) cached;
        }
        long before = changes.get();
        V value = load.get();
        entries.put(key, value);
        if (changes.get() != before) {
            entries.invalidate(key); // a change committed while we read: what we read may be older
        }
        return value;
    }

    /** Forgets everything: a write committed (or may have). */
    public void changed() {
        changes.incrementAndGet();
        entries.invalidateAll();
    }
}
