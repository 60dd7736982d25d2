package dev.chatactions.app.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks the OAuth sign-in the way a browser does, with cookies handled by hand: {@code /chat/login},
 * the forge's authorize redirect, the callback, then the page for its CSRF token. Used by the
 * end-to-end test and the load benchmark.
 */
public final class SignInByHand {

    /** What a signed-in page holds: the session cookie ({@code name=value}) and the CSRF token. */
    public record SignedIn(String cookie, String csrfToken) {}

    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    private SignInByHand() {}

    /** @param client a client that does not follow redirects */
    public static SignedIn viaForge(HttpClient client, URI server) throws IOException, InterruptedException {
        URI authorize = URI.create(location(client, server.resolve("/chat/login"), 303));
        URI callback = URI.create(location(client, authorize, 302));
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("callback answered " + signedIn.statusCode() + ": " + signedIn.body());
        }
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(server.resolve("/chat/")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the chat page (" + page.statusCode() + ")");
        }
        return new SignedIn(cookie, csrf.group(1));
    }

    private static String location(HttpClient client, URI uri, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode() + ", not " + expectedStatus);
        }
        return response.headers().firstValue("Location").orElseThrow();
    }
}
