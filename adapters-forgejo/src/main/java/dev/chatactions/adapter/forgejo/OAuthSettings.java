package dev.chatactions.adapter.forgejo;

import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.config.SettingChecks;
import java.net.URI;
import java.util.Optional;

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

    /**
     * Reads {@code CHAT_OAUTH_CLIENT_ID} and {@code CHAT_OAUTH_CLIENT_SECRET}.
     *
     * @param vars the environment
     * @param forge the forge the login goes through; empty in dry-run mode
     * @return the login's application; empty without {@code CHAT_OAUTH_CLIENT_ID}
     * @throws ConfigurationException naming the first missing or malformed variable
     */
    public static Optional<OAuthSettings> fromEnvironment(EnvironmentVariables vars, Optional<ForgeSettings> forge) {
        Optional<String> clientId = vars.get("CHAT_OAUTH_CLIENT_ID");
        if (clientId.isEmpty()) {
            vars.requireWith("CHAT_OAUTH_CLIENT_SECRET", "CHAT_OAUTH_CLIENT_ID");
            return Optional.empty();
        }
        URI forgeUrl = forge.map(ForgeSettings::url).orElseThrow(() -> new ConfigurationException(
                "CHAT_OAUTH_CLIENT_ID is set but FORGE_URL is not (the login goes through the forge)"));
        return Optional.of(new OAuthSettings(forgeUrl, clientId.get(), vars.secret("CHAT_OAUTH_CLIENT_SECRET")));
    }
}
