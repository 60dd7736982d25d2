package dev.chatactions.adapter.forgejo;

import dev.chatactions.core.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * A Forgejo OAuth2 access token for one signed-in user.
 *
 * @param accessToken use it as {@code Authorization: Bearer}; never shown
 * @param expiresIn how long the forge said it lasts from when it was issued
 */
public record OAuthToken(Secret accessToken, Duration expiresIn) {

    public OAuthToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }
}
