package dev.chatactions.core.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How long entries of one kind live and how many are kept: at most {@code perOwner} for one owner
 * (a user, a client address) and {@code total} in all. A new entry never fails for want of room:
 * over a cap the oldest entry of that owner, or of all, goes.
 */
public record Retention(Duration lifetime, int perOwner, int total) {

    public Retention {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a lifetime must be positive, got " + lifetime);
        }
        if (perOwner < 1 || total < perOwner) {
            throw new IllegalArgumentException("caps must be 1 <= perOwner <= total, got " + perOwner + " and " + total);
        }
    }
}
