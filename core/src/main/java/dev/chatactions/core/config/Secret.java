package dev.chatactions.core.config;

import java.util.Objects;

/**
 * A token or client secret. It never shows itself: {@code toString} is a fixed mask and equality is
 * identity, so a secret cannot end up in a log line, an exception message or a recorded response by
 * accident. {@link #reveal()} is for the one place that builds an {@code Authorization} header or a
 * token request.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret read from a setting, without the surrounding whitespace.
     *
     * @param value the secret as configured
     * @param setting the configuration name, used only in the error message (e.g. {@code FORGE_TOKEN})
     * @return the secret
     * @throws IllegalArgumentException when the value is missing, blank or not a single header-safe line
     */
    public static Secret of(String value, String setting) {
        Objects.requireNonNull(setting, "setting");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " must be set (it is missing or blank)");
        }
        String trimmed = value.strip();
        if (trimmed.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException(setting + " must be one token without spaces or control characters");
        }
        return new Secret(trimmed);
    }

    /**
     * The secret itself; only for the request that must carry it.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
