package dev.chatactions.core.identity;

import java.util.Objects;

/** No safe identity can be planned from this environment; {@code message} is one line naming the path. */
public record IdentityRefusal(String message) implements IdentityOutcome {

    public IdentityRefusal {
        Objects.requireNonNull(message, "message");
    }
}
