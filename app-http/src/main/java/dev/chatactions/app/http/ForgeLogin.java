package dev.chatactions.app.http;

import java.net.URI;

/** The forge's OAuth2 authorization-code flow with PKCE, as the login routes need it. */
interface ForgeLogin {

    /** Where to send the browser; the forge gets the S256 challenge of {@code codeVerifier}. */
    URI authorizationUri(URI redirectUri, String state, String codeVerifier);

    /**
     * Exchanges the callback's code and returns the forge login of the person who signed in.
     *
     * @throws dev.chatactions.core.port.UpstreamException when the forge refuses the code or cannot be reached
     */
    String signedInUser(String code, String codeVerifier, URI redirectUri);
}
