package dev.chatactions.adapter.woodpecker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.config.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The CI server's settings check themselves (moved here with them from core's SettingsTest). */
class CiSettingsTest {

    @Test
    void a_url_with_user_info_query_or_fragment_is_refused() {
        Secret token = Secret.of("t", "WOODPECKER_TOKEN");
        assertThatThrownBy(() -> new CiSettings(URI.create("https://me:pw@ci.example"), token, null))
                .hasMessageStartingWith("WOODPECKER_SERVER must not contain user info");
        assertThatThrownBy(() -> new CiSettings(URI.create("https://ci.example/?a=1"), token, null))
                .hasMessage("WOODPECKER_SERVER must not have a query or fragment");
    }

    @Test
    void missing_settings_are_named() {
        assertThatThrownBy(() -> new CiSettings(URI.create("https://c.example"), Secret.of("t", "x"), 0L))
                .hasMessage("WOODPECKER_REPO_ID must be a positive number");
    }
}
