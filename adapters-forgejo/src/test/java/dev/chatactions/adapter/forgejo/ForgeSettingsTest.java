package dev.chatactions.adapter.forgejo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forge's and the login's settings check themselves (moved here with them from core's SettingsTest). */
class ForgeSettingsTest {

    private static final RepoRef REPO = new RepoRef("acme", "widgets");

    @ParameterizedTest
    @ValueSource(strings = {"forge.example", "ftp://forge.example", "/relative/path", "http:opaque", "https:///path"})
    void a_forge_url_that_is_not_absolute_http_is_refused_in_one_line(String url) {
        assertThatThrownBy(() -> new ForgeSettings(URI.create(url), Secret.of("t", "FORGE_TOKEN"), REPO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FORGE_URL must be an absolute http(s) URL, like https://forge.example");
    }

    @Test
    void missing_settings_are_named() {
        assertThatThrownBy(() -> new ForgeSettings(null, Secret.of("t", "FORGE_TOKEN"), REPO)).hasMessage("FORGE_URL must be set (it is missing)");
        assertThatThrownBy(() -> new ForgeSettings(URI.create("https://f.example"), null, REPO)).hasMessage("FORGE_TOKEN must be set (it is missing)");
        assertThatThrownBy(() -> new OAuthSettings(URI.create("https://f.example"), " ", Secret.of("s", "x")))
                .hasMessageStartingWith("CHAT_OAUTH_CLIENT_ID must be set");
    }

    @Test
    void a_base_url_loses_its_trailing_slash_so_that_api_paths_append_cleanly() {
        ForgeSettings settings = new ForgeSettings(URI.create("https://forge.example/sub/"), Secret.of("t", "FORGE_TOKEN"), REPO);

        assertThat(settings.url()).isEqualTo(URI.create("https://forge.example/sub"));
        assertThat(settings.toString()).doesNotContain("=t,").contains("Secret[hidden]");
    }
}
