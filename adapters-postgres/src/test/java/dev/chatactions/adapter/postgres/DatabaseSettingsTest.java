package dev.chatactions.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static final String PASSWORD = "db-password-4711";

    @Test
    void without_a_url_the_files_serve() {
        assertThat(DatabaseSettings.fromEnvironment(env())).isEmpty();
        assertThat(DatabaseSettings.fromEnvironment(env("CHAT_DATABASE_URL", "  "))).isEmpty();
    }

    @Test
    void the_url_user_and_password_are_read_and_the_password_is_a_secret_that_never_shows() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(env("CHAT_DATABASE_URL",
                "jdbc:postgresql://db:5432/chat?password=" + PASSWORD, "CHAT_DATABASE_USER", "chat",
                "CHAT_DATABASE_PASSWORD", PASSWORD)).orElseThrow();

        assertThat(settings.user()).isEqualTo("chat");
        assertThat(settings.password().reveal()).isEqualTo(PASSWORD);
        assertThat(settings.poolSize()).isEqualTo(DatabaseSettings.DEFAULT_POOL_SIZE);
        assertThat(settings.toString()).doesNotContain(PASSWORD, "jdbc:");
    }

    @Test
    void a_url_of_another_kind_or_credentials_without_a_url_are_refused_naming_the_variable() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(env("CHAT_DATABASE_URL", "postgres://db/chat")))
                .isInstanceOf(ConfigurationException.class).hasMessage("CHAT_DATABASE_URL must be a jdbc:postgresql: URL");
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(env("CHAT_DATABASE_PASSWORD", PASSWORD)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("CHAT_DATABASE_PASSWORD is set but CHAT_DATABASE_URL is not");
    }

    @Test
    void the_key_lease_is_thirty_seconds_unless_set_in_whole_seconds() {
        String url = "jdbc:postgresql://db:5432/chat";
        assertThat(DatabaseSettings.fromEnvironment(env("CHAT_DATABASE_URL", url)).orElseThrow().keyLease())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(DatabaseSettings.fromEnvironment(env("CHAT_DATABASE_URL", url, "CHAT_DATABASE_KEY_LEASE_SECONDS", "2"))
                .orElseThrow().keyLease()).isEqualTo(Duration.ofSeconds(2));
        for (String refused : new String[] {"0", "-5", "1.5", "soon"}) {
            assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(env("CHAT_DATABASE_URL", url,
                    "CHAT_DATABASE_KEY_LEASE_SECONDS", refused))).as(refused).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("CHAT_DATABASE_KEY_LEASE_SECONDS must be");
        }
    }

    private static EnvironmentVariables env(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new EnvironmentVariables(env);
    }
}
