package dev.chatactions.core.service;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The keys dropped from memory, as a Bloom filter of fixed size (512 KiB): "no" is certain, so a key
 * never seen costs no history read; "maybe" sends the lookup to the history. Past some 400,000 keys
 * it answers "maybe" more often, which costs reads, never a wrong answer.
 */
final class EvictedKeys {

    private static final int BITS_LOG2 = 22;
    private static final int HASHES = 4;

    private final AtomicLongArray bits = new AtomicLongArray((1 << BITS_LOG2) / Long.SIZE);
    /** Per process, so no one can prepare keys that collide with another person's. */
    private final long seed = ThreadLocalRandom.current().nextLong();

    void add(String scoped) {
        long hash = hash(scoped);
        for (int i = 0; i < HASHES; i++) {
            int bit = bit(hash, i);
            long mask = 1L << (bit & 63);
            int word = bit >>> 6;
            long current;
            do {
                current = bits.get(word);
            } while ((current & mask) == 0 && !bits.compareAndSet(word, current, current | mask));
        }
    }

    boolean mightContain(String scoped) {
        long hash = hash(scoped);
        for (int i = 0; i < HASHES; i++) {
            int bit = bit(hash, i);
            if ((bits.get(bit >>> 6) & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Double hashing: the i-th index from the two halves of one 64-bit hash. */
    private static int bit(long hash, int i) {
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        return (h1 + i * h2) >>> (Integer.SIZE - BITS_LOG2);
    }

    /** FNV-1a over the UTF-8 bytes, then the splitmix64 finaliser to spread the bits. */
    private long hash(String scoped) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : scoped.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
