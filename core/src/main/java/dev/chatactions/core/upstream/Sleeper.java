package dev.chatactions.core.upstream;

import java.time.Duration;

/** Waits between attempts; tests substitute one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
