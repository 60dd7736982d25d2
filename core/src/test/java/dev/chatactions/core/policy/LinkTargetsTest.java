package dev.chatactions.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkTargetsTest {

    private static final LinkTargets TARGETS =
            LinkTargets.to(List.of(URI.create("https://forge.example"), URI.create("http://ci.example:8000")));

    @ParameterizedTest
    @ValueSource(strings = {"https://forge.example/factory/app/issues/12", "http://FORGE.example:3000/x",
        "HTTPS://ci.example/repos/7/pipeline/42", "https://forge.example"})
    void http_and_https_urls_to_the_forge_and_ci_hosts_are_links(String url) {
        assertThat(TARGETS.isLink(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "ftp://forge.example/x",
        "https://evil.example/", "https://forge.example.evil.example/", "https://forge.example@evil.example/",
        "https://user:pw@forge.example/", "//forge.example/x", "/factory/app", "", "https://forge.example/a b",
        "https://[::1/", "mailto:a@forge.example"})
    void anything_else_is_not(String url) {
        assertThat(TARGETS.isLink(url)).isFalse();
        assertThat(LinkTargets.to(List.of()).isLink("https://forge.example/x")).isFalse();
    }
}
