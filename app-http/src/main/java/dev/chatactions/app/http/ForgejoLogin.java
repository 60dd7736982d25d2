package dev.chatactions.app.http;

import dev.chatactions.adapter.forgejo.ForgejoOAuthClient;
import dev.chatactions.adapter.forgejo.Pkce;
import java.net.URI;
import java.util.Objects;

/** {@link ForgeLogin} over the Forgejo adapter's OAuth2 client. */
final class ForgejoLogin implements ForgeLogin {

    private final ForgejoOAuthClient client;

    ForgejoLogin(ForgejoOAuthClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public URI authorizationUri(URI redirectUri, String state, String codeVerifier) {
        return client.authorizationUri(redirectUri, state, Pkce.challengeS256(codeVerifier));
    }

    @Override
    public String signedInUser(String code, String codeVerifier, URI redirectUri) {
        return client.currentUser(client.exchangeCode(code, codeVerifier, redirectUri).accessToken()).login();
    }
}
