package dev.chatactions.core.session;

import java.util.OptionalLong;

/** Counts actions per key (a user) against a {@link TokenBucket}; each permit is taken atomically. */
public interface RateLimiter {

    /** Empty when {@code key} may act now (and takes one permit), else the seconds until the next permit. */
    OptionalLong acquire(String key);
}
