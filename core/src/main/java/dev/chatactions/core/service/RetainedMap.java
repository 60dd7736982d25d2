package dev.chatactions.core.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A concurrent map that keeps only what its {@link LedgerRetention} allows and reads the rest back from
 * the history ({@code recall}) when it is asked for. Without a retention it keeps everything.
 *
 * <p>Every read and first write of a key runs in one atomic step of the map, and an entry is
 * marked as evicted before it is removed: so a key that was dropped is always recalled, never taken
 * as new.
 *
 * @param <K> the key
 * @param <V> the value
 */
final class RetainedMap<K, V> {

    /** What is kept and how to find the rest. */
    record Bound<K, V>(LedgerRetention retention, Clock clock, Function<K, String> scope, Function<V, Instant> since,
            Predicate<V> evictable, Function<K, Optional<V>> recall) {}

    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private final Optional<Bound<K, V>> bound;
    private final EvictedKeys evicted;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile Instant nextSweep = Instant.MIN;

    /** Keeps everything. */
    RetainedMap() {
        this.bound = Optional.empty();
        this.evicted = null;
    }

    RetainedMap(Bound<K, V> bound) {
        this.bound = Optional.of(bound);
        this.evicted = new EvictedKeys();
    }

    /** {@return the value, recalled from the history when it was dropped; it is held again then} */
    Optional<V> get(K key) {
        V value = entries.get(key);
        if (value != null || bound.isEmpty()) {
            return Optional.ofNullable(value);
        }
        return Optional.ofNullable(entries.computeIfAbsent(key, k -> recalled(k).orElse(null)));
    }

    /** {@return the value if it is held in memory now: no history read} */
    Optional<V> held(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** {@return the value already there (held or recalled), or empty when {@code value} was put} */
    Optional<V> putIfAbsent(K key, V value) {
        V[] earlier = newHolder();
        entries.compute(key, (k, current) -> {
            earlier[0] = current != null ? current : recalled(k).orElse(null);
            return earlier[0] != null ? earlier[0] : value;
        });
        sweepIfDue();
        return Optional.ofNullable(earlier[0]);
    }

    boolean replace(K key, V expected, V value) {
        return entries.replace(key, expected, value);
    }

    void put(K key, V value) {
        entries.put(key, value);
        sweepIfDue();
    }

    /** Puts a value read from the history at start-up; one already past the window is only marked as dropped. */
    void restore(K key, V value) {
        if (bound.isPresent() && bound.get().evictable().test(value)
                && bound.get().since().apply(value).isBefore(bound.get().clock().instant().minus(bound.get().retention().window()))) {
            evict(bound.get(), key, value);
        } else {
            put(key, value);
        }
    }

    void remove(K key, V value) {
        entries.remove(key, value);
    }

    private Optional<V> recalled(K key) {
        return bound.filter(b -> evicted.mightContain(b.scope().apply(key))).flatMap(b -> b.recall().apply(key));
    }

    @SuppressWarnings("unchecked")
    private V[] newHolder() {
        return (V[]) new Object[1];
    }

    /** Drops what is past the window, then the oldest beyond the capacity (down to 3/4 of it, so sweeps are rare). */
    private void sweepIfDue() {
        if (bound.isEmpty()) {
            return;
        }
        Bound<K, V> b = bound.get();
        Instant now = b.clock().instant();
        boolean full = entries.size() > b.retention().capacity();
        if ((!full && now.isBefore(nextSweep)) || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            nextSweep = now.plus(b.retention().window().dividedBy(10));
            Instant cutoff = now.minus(b.retention().window());
            entries.forEach((key, value) -> {
                if (b.evictable().test(value) && b.since().apply(value).isBefore(cutoff)) {
                    evict(b, key, value);
                }
            });
            int excess = entries.size() - b.retention().capacity() * 3 / 4;
            if (entries.size() > b.retention().capacity()) {
                entries.entrySet().stream()
                        .filter(entry -> b.evictable().test(entry.getValue()))
                        .sorted(Comparator.comparing(entry -> b.since().apply(entry.getValue())))
                        .limit(excess)
                        .toList()
                        .forEach(entry -> evict(b, entry.getKey(), entry.getValue()));
            }
        } finally {
            sweeping.set(false);
        }
    }

    private void evict(Bound<K, V> b, K key, V value) {
        evicted.add(b.scope().apply(key));
        entries.remove(key, value);
    }
}
