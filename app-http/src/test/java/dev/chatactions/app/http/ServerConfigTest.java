package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.adapter.forgejo.ForgeSettings;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.service.LedgerRetention;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    private static Map<String, String> live() {
        Map<String, String> env = new HashMap<>();
        env.put("FORGE_URL", "https://forge.example/");
        env.put("FORGE_TOKEN", "forge-secret-123");
        env.put("FORGE_OWNER", "factory");
        env.put("FORGE_REPO", "app");
        env.put("WOODPECKER_SERVER", "https://ci.example");
        env.put("WOODPECKER_TOKEN", "ci-secret-456");
        env.put("CHAT_OAUTH_CLIENT_ID", "chat");
        env.put("CHAT_OAUTH_CLIENT_SECRET", "oauth-secret-789");
        env.put("DISINTO_CHAT_ALLOWED_USERS", " alice, bob ,");
        return env;
    }

    @Test
    void nothing_set_means_dry_run_on_loopback_with_the_defaults() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());

        assertThat(config.dryRun()).isTrue();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.publicUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(config.historyDir()).isEqualTo("./chat-history");
        assertThat(config.ledgerRetention()).isEqualTo(LedgerRetention.of(LedgerRetention.DEFAULT_WINDOW));
        assertThat(config.defaultRepo()).isEqualTo(ForgeSettings.DRY_RUN_REPO);
        assertThat(config.ci()).isEmpty();
        assertThat(config.oauth()).isEmpty();
        assertThat(config.database()).isEmpty();
        assertThat(config.allowedUsers()).isEmpty();
    }

    @Test
    void the_policy_switches_ci_run_off_only_when_live_without_a_ci_server() {
        Map<String, String> noCi = live();
        noCi.remove("WOODPECKER_SERVER");
        noCi.remove("WOODPECKER_TOKEN");

        assertThat(ServerConfig.fromEnvironment(live()).policySettings().enabledTypes())
                .containsExactlyInAnyOrder(ActionType.values());
        assertThat(ServerConfig.fromEnvironment(noCi).policySettings().enabledTypes())
                .containsExactlyInAnyOrder(ActionType.ISSUE_CREATE, ActionType.PR_CREATE);
        assertThat(ServerConfig.fromEnvironment(Map.of()).policySettings().enabledTypes())
                .containsExactlyInAnyOrder(ActionType.values());
        assertThat(ServerConfig.fromEnvironment(noCi).policySettings().defaultRepo())
                .isEqualTo(new RepoRef("factory", "app"));
    }

    @Test
    void a_live_environment_gives_every_setting() {
        Map<String, String> env = live();
        env.put("WOODPECKER_REPO_ID", "7");
        env.put("CHAT_PUBLIC_URL", "https://chat.example/");
        env.put("CHAT_PORT", "9090");
        env.put("FORWARD_AUTH_SECRET", "proxy-secret");

        ServerConfig config = ServerConfig.fromEnvironment(env);

        assertThat(config.dryRun()).isFalse();
        assertThat(config.forge().orElseThrow().url()).isEqualTo(URI.create("https://forge.example"));
        assertThat(config.forge().orElseThrow().token().reveal()).isEqualTo("forge-secret-123");
        assertThat(config.defaultRepo()).isEqualTo(new RepoRef("factory", "app"));
        assertThat(config.ci().orElseThrow().repoIdOverride()).isEqualTo(7L);
        assertThat(config.oauth().orElseThrow().clientId()).isEqualTo("chat");
        assertThat(config.allowedUsers()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(config.publicUrl()).isEqualTo(URI.create("https://chat.example"));
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.forwardAuthSecret().orElseThrow().reveal()).isEqualTo("proxy-secret");
        assertThat(config.toString()).doesNotContain("forge-secret-123", "ci-secret-456", "oauth-secret-789", "proxy-secret");
    }

    @Test
    void a_missing_token_is_one_line_naming_it() {
        Map<String, String> env = live();
        env.remove("FORGE_TOKEN");

        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("FORGE_TOKEN must be set")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void malformed_values_are_refused_naming_the_variable() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CHAT_PORT", "80a")))
                .hasMessage("CHAT_PORT must be a port number 1-65535, got \"80a\"");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CHAT_PORT", "0"))).hasMessageStartingWith("CHAT_PORT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CHAT_PORT", "70000")))
                .hasMessageStartingWith("CHAT_PORT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("FORGE_URL", "forge.example")))
                .hasMessageStartingWith("FORGE_URL must be an absolute http(s) URL");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CHAT_PUBLIC_URL", "https://chat.example/sub")))
                .hasMessageStartingWith("CHAT_PUBLIC_URL must be the server's root");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("DISINTO_CHAT_ALLOWED_USERS", "alice,../root")))
                .hasMessageStartingWith("DISINTO_CHAT_ALLOWED_USERS lists \"../root\"");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("FORGE_OWNER", "factory")))
                .hasMessageStartingWith("FORGE_OWNER and FORGE_REPO must be set together");
        Map<String, String> badRepoId = live();
        badRepoId.put("WOODPECKER_REPO_ID", "-3");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(badRepoId)).hasMessageStartingWith("WOODPECKER_REPO_ID");
    }

    @Test
    void settings_that_only_make_sense_together_say_what_is_missing() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WOODPECKER_TOKEN", "x")))
                .hasMessage("WOODPECKER_TOKEN is set but WOODPECKER_SERVER is not");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CHAT_OAUTH_CLIENT_ID", "chat")))
                .hasMessageStartingWith("CHAT_OAUTH_CLIENT_ID is set but FORGE_URL is not");
        Map<String, String> noRepo = live();
        noRepo.remove("FORGE_OWNER");
        noRepo.remove("FORGE_REPO");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(noRepo))
                .hasMessage("FORGE_OWNER and FORGE_REPO must be set when FORGE_URL is set");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CHAT_DATABASE_USER", "chat")))
                .hasMessage("CHAT_DATABASE_USER is set but CHAT_DATABASE_URL is not");
    }

    @Test
    void a_database_url_moves_the_stores_into_postgresql() {
        Map<String, String> env = Map.of("CHAT_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/chat",
                "CHAT_DATABASE_USER", "chat", "CHAT_DATABASE_PASSWORD", "db-secret-246");

        assertThat(ServerConfig.fromEnvironment(env).database()).hasValueSatisfying(database -> {
            assertThat(database.user()).isEqualTo("chat");
            assertThat(database.password().reveal()).isEqualTo("db-secret-246");
        });
    }

    @Test
    void a_token_with_spaces_is_refused_without_showing_it() {
        Map<String, String> env = live();
        env.put("WOODPECKER_TOKEN", "two words-secret");

        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .hasMessageStartingWith("WOODPECKER_TOKEN")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("words-secret"));
    }

    @Test
    void a_wildcard_host_gets_a_loopback_public_url_by_default() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("CHAT_HOST", "0.0.0.0", "CHAT_PORT", "9000"));

        assertThat(config.publicUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void the_ledger_retention_is_an_iso_duration_and_anything_else_is_refused() {
        assertThat(ServerConfig.fromEnvironment(Map.of("CHAT_LEDGER_RETENTION", " PT12H ")).ledgerRetention())
                .isEqualTo(LedgerRetention.of(Duration.ofHours(12)));
        for (String wrong : new String[] {"12h", "PT0S", "-P1D"}) {
            assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CHAT_LEDGER_RETENTION", wrong)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("CHAT_LEDGER_RETENTION").hasMessageContaining(wrong);
        }
    }
}
