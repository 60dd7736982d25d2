package dev.chatactions.app.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** What the tests of the production wiring ({@link Main#run}) against WireMock stand-ins share. */
final class LiveStandIns {

    /** A button of a rendered reply as the page shows it: where a click posts, and the payload it sends. */
    private static final Pattern BUTTON = Pattern.compile("hx-post=\"([^\"]+)\" hx-ext=\"payload-json\" data-payload=\"([^\"]+)\"");

    private LiveStandIns() {}

    /** A button's click: the path it posts to and the payload, as the page's script reads them. */
    record Button(String clickPath, String payload) {}

    /** The buttons of a rendered page, in order. */
    static List<Button> buttons(String html) {
        List<Button> buttons = new ArrayList<>();
        for (Matcher button = BUTTON.matcher(html); button.find(); ) {
            buttons.add(new Button(unescape(button.group(1)), unescape(button.group(2))));
        }
        return buttons;
    }

    /** A Forgejo stand-in on loopback; templating lets its authorize step answer with the request's own state. */
    static WireMockExtension forge() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true)).build();
    }

    static WireMockExtension woodpecker() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
    }

    /** The forge's side of an OAuth sign-in of {@code alice}, whose access token is {@code accessToken}. */
    static void stubSignIn(WireMockExtension forge, String accessToken) {
        forge.stubFor(get(urlPathEqualTo("/login/oauth/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code=e2e-code&state={{request.query.state}}")));
        forge.stubFor(post(urlPathEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("code_verifier="))
                .willReturn(okJson("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        forge.stubFor(get(urlPathEqualTo("/api/v1/user")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("{\"id\":1,\"login\":\"alice\"}")));
    }

    /** A live configuration for repo {@code factory/app} (Woodpecker repo 7) and the user alice, tokens as given. */
    static Map<String, String> environment(WireMockExtension forge, String forgeToken, WireMockExtension woodpecker,
            String ciToken, String clientSecret, URI base, Path historyDir) {
        Map<String, String> env = new HashMap<>();
        env.put("FORGE_URL", forge.baseUrl());
        env.put("FORGE_TOKEN", forgeToken);
        env.put("FORGE_OWNER", "factory");
        env.put("FORGE_REPO", "app");
        env.put("WOODPECKER_SERVER", woodpecker.baseUrl());
        env.put("WOODPECKER_TOKEN", ciToken);
        env.put("WOODPECKER_REPO_ID", "7");
        env.put("CHAT_OAUTH_CLIENT_ID", "chat-e2e");
        env.put("CHAT_OAUTH_CLIENT_SECRET", clientSecret);
        env.put("DISINTO_CHAT_ALLOWED_USERS", "alice, bob");
        env.put("CHAT_HOST", "127.0.0.1");
        env.put("CHAT_PORT", Integer.toString(base.getPort()));
        env.put("CHAT_PUBLIC_URL", base.toString());
        env.put("CHAT_HISTORY_DIR", historyDir.toString());
        // Live mode needs a claude CLI unless told otherwise; these tests are about the forge and CI.
        env.put("CHAT_MODEL", "demo");
        return env;
    }

    /** An HTML attribute's text as the page's script reads it. */
    static String unescape(String attribute) {
        return attribute.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** Every file under {@code dir}, one after the other. */
    static String allFiles(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    /** A client that follows no redirect and keeps every answer it got (headers and body), to search them. */
    static final class RecordingClient {
        final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final List<String> answers = new ArrayList<>();

        HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            synchronized (answers) {
                answers.add(response.headers().map() + "\n" + response.body());
            }
            return response;
        }

        String answers() {
            synchronized (answers) {
                return String.join("\n", answers);
            }
        }
    }

    /** Every log record of every logger while installed, with its exception. */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final List<String> lines = new ArrayList<>();

        LogCapture() {
            Logger.getLogger("").addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }
}
