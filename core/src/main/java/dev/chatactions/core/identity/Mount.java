package dev.chatactions.core.identity;

import java.util.Objects;

/** A bind mount of a host directory into the chat container. */
public record Mount(AbsolutePath host, AbsolutePath container) {

    public Mount {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(container, "container");
    }
}
