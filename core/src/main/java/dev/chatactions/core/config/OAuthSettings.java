package dev.chatactions.core.config;

import java.net.URI;

/**
 * The OAuth2 application registered on the forge for the chat login.
 *
 * @param forgeUrl {@code FORGE_URL}, the forge's root
 * @param clientId {@code CHAT_OAUTH_CLIENT_ID}
 * @param clientSecret {@code CHAT_OAUTH_CLIENT_SECRET}
 */
public record OAuthSettings(URI forgeUrl, String clientId, Secret clientSecret) {

    /** Checks the forge URL and that client id and secret are present. */
    public OAuthSettings {
        forgeUrl = SettingChecks.baseUrl(forgeUrl, "FORGE_URL");
        clientId = SettingChecks.nonBlank(clientId, "CHAT_OAUTH_CLIENT_ID");
        SettingChecks.required(clientSecret, "CHAT_OAUTH_CLIENT_SECRET");
    }
}
