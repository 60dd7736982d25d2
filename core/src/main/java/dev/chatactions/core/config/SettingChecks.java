package dev.chatactions.core.config;

import java.net.URI;
import java.util.Objects;

/** Validation shared by the settings records; every failure is one line naming the setting. */
public final class SettingChecks {

    private SettingChecks() {}

    /**
     * Checks that {@code url} is an absolute http(s) URL with a host, without user info, query or
     * fragment, and returns it without a trailing slash so that API paths can be appended.
     */
    public static URI baseUrl(URI url, String setting) {
        if (url == null) {
            throw new IllegalArgumentException(setting + " must be set (it is missing)");
        }
        String scheme = url.getScheme();
        if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException(setting + " must be an absolute http(s) URL, like https://forge.example");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(setting + " must not contain user info (user:password@); tokens have their own settings");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(setting + " must not have a query or fragment");
        }
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }

    /**
     * {@return {@code value}}
     *
     * @throws IllegalArgumentException naming {@code setting} when it is null
     */
    public static <T> T required(T value, String setting) {
        if (value == null) {
            throw new IllegalArgumentException(setting + " must be set (it is missing)");
        }
        return value;
    }

    /**
     * {@return {@code value} without surrounding whitespace}
     *
     * @throws IllegalArgumentException naming {@code setting} when it is null or blank
     */
    public static String nonBlank(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " must be set (it is missing or blank)");
        }
        return Objects.requireNonNull(value).strip();
    }
}
