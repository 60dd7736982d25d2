package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.config.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    private static HttpSettings from(Map<String, String> env) {
        return HttpSettings.from(ServerConfig.fromEnvironment(env), env);
    }

    @Test
    void trusted_proxies_are_literal_addresses_in_one_spelling_each() {
        assertThat(from(Map.of()).trustedProxies()).isEmpty();
        assertThat(from(Map.of("CHAT_TRUSTED_PROXIES", " 10.0.0.2, ::1 ,, 0:0:0:0:0:0:0:1")).trustedProxies())
                .containsExactlyInAnyOrder("10.0.0.2", "0:0:0:0:0:0:0:1");
    }

    @Test
    void a_trusted_proxy_given_by_name_is_refused_without_looking_it_up() {
        assertThatThrownBy(() -> from(Map.of("CHAT_TRUSTED_PROXIES", "10.0.0.2,proxy.internal")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CHAT_TRUSTED_PROXIES").hasMessageContaining("proxy.internal");
    }
}
