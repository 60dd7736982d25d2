package dev.chatactions.core.session;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Entries that belong to an owner and expire, with a cap per owner and a cap in total. A new entry
 * never waits or fails: over a cap, the oldest entry of that owner (or of all) goes. So a flood
 * from one owner only pushes out its own entries, and a flood from many pushes out the oldest,
 * never the newest person. Entries are kept in the order they came, which is also the order they
 * expire in (one lifetime per table).
 */
final class CappedTable<V> {

    private record Entry<V>(String owner, V value, Instant expiresAt) {}

    private final LinkedHashMap<String, Entry<V>> byKey = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<String>> keysByOwner = new HashMap<>();
    private final int perOwner;
    private final int total;

    CappedTable(Retention retention) {
        this.perOwner = retention.perOwner();
        this.total = retention.total();
    }

    synchronized void put(String key, String owner, V value, Instant expiresAt, Instant now) {
        dropExpired(now);
        ArrayDeque<String> ownKeys = keysByOwner.computeIfAbsent(owner, o -> new ArrayDeque<>());
        if (ownKeys.size() >= perOwner) {
            remove(ownKeys.peekFirst());
        }
        if (byKey.size() >= total) {
            remove(byKey.keySet().iterator().next());
        }
        byKey.put(key, new Entry<>(owner, value, expiresAt));
        keysByOwner.computeIfAbsent(owner, o -> new ArrayDeque<>()).addLast(key);
    }

    /** The live value under {@code key}. */
    synchronized Optional<V> get(String key, Instant now) {
        Entry<V> entry = byKey.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.expiresAt().isAfter(now)) {
            remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Removes {@code key}; its value if it was live. */
    synchronized Optional<V> take(String key, Instant now) {
        Optional<V> live = get(key, now);
        remove(key);
        return live;
    }

    private void dropExpired(Instant now) {
        Iterator<Entry<V>> oldestFirst = byKey.values().iterator();
        while (oldestFirst.hasNext()) {
            Entry<V> entry = oldestFirst.next();
            if (entry.expiresAt().isAfter(now)) {
                return;
            }
            oldestFirst.remove();
            forget(entry.owner());
        }
    }

    private void remove(String key) {
        Entry<V> entry = byKey.remove(key);
        if (entry != null) {
            ArrayDeque<String> keys = keysByOwner.get(entry.owner());
            keys.remove(key);
            if (keys.isEmpty()) {
                keysByOwner.remove(entry.owner());
            }
        }
    }

    /** An expired entry is always its owner's oldest. */
    private void forget(String owner) {
        ArrayDeque<String> keys = keysByOwner.get(owner);
        keys.pollFirst();
        if (keys.isEmpty()) {
            keysByOwner.remove(owner);
        }
    }
}
