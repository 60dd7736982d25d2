package dev.chatactions.core.testing;

import dev.chatactions.core.port.Failure;

/**
 * What {@link UpstreamPortContract} needs of whatever stands in for the upstream: a fake, or WireMock
 * behind the real adapter. A dry run has no upstream to fail, so those two refuse by default.
 */
public interface UpstreamStandIn {

    /** The next create fails so that the port reports {@code kind}; nothing is created. */
    default void willFail(Failure.Kind kind) {
        throw new UnsupportedOperationException("no upstream to fail");
    }

    /** The next create is made upstream, but its answer never arrives. */
    default void willLoseTheAnswer() {
        throw new UnsupportedOperationException("no upstream to lose an answer");
    }

    /** Before a reconcile: the upstream lists what it created. A stand-in that remembers has nothing to do. */
    default void listsWhatItCreated() {}

    /** How many create requests reached the upstream. */
    int createsReceived();
}
