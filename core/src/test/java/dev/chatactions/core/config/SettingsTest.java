package dev.chatactions.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void a_secret_never_shows_its_value() {
        Secret secret = Secret.of("  s3cr3t-value ", "FORGE_TOKEN");

        assertThat(secret.reveal()).isEqualTo("s3cr3t-value");
        assertThat(secret.toString()).doesNotContain("s3cr3t");
        assertThat(secret).isNotEqualTo(Secret.of("s3cr3t-value", "FORGE_TOKEN"));
    }

    @Test
    void every_held_secret_is_hidden_plain_percent_encoded_and_base64_encoded_at_any_offset() {
        Secret secret = Secret.of("Tok+en/42~abcdefgh", "CHAT_OAUTH_CLIENT_SECRET");
        String value = secret.reveal();
        List<String> echoes = new ArrayList<>(List.of(
                "plain " + value,
                "form " + URLEncoder.encode(value, StandardCharsets.UTF_8),
                "mixed " + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2B", "%2b").replace("%2F", "%2f"),
                "every character " + value.chars().mapToObj(c -> String.format("%%%02X", c)).collect(Collectors.joining()),
                "path " + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%7E", "~")));
        for (String prefix : List.of("", "u:", "us:", "use:")) {
            byte[] bytes = (prefix + value + ":tail").getBytes(StandardCharsets.UTF_8);
            echoes.add("Basic " + Base64.getEncoder().encodeToString(bytes));
            echoes.add("url " + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }

        for (String echo : echoes) {
            String redacted = Secret.redact(echo);
            assertThat(redacted).as(echo).contains(Secret.HIDDEN);
            assertThat(decodedForms(redacted)).as(echo).noneMatch(text -> text.contains("en/42~abc"));
        }
        assertThat(Secret.redact("nothing secret here")).isEqualTo("nothing secret here");
    }

    /** The text, and what each base64 run in it decodes to: a half-hidden secret would show up in one. */
    private static List<String> decodedForms(String text) {
        List<String> forms = new ArrayList<>(List.of(text, URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8)));
        for (String run : text.split("[^A-Za-z0-9+/_-]+")) {
            for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
                try {
                    forms.add(new String(decoder.decode(run.substring(0, run.length() / 4 * 4)), StandardCharsets.ISO_8859_1));
                } catch (IllegalArgumentException notThisAlphabet) {
                    // Decoded with the other alphabet.
                }
            }
        }
        return forms;
    }

    @Test
    void a_secret_too_short_to_be_a_credential_is_not_searched_for() {
        Secret.of("t", "FORGE_TOKEN");

        assertThat(Secret.redact("the text stays")).isEqualTo("the text stays");
    }

    @Test
    void a_blank_or_multi_line_secret_is_refused_with_the_setting_name_and_not_the_value() {
        assertThatThrownBy(() -> Secret.of(" ", "FORGE_TOKEN")).hasMessage("FORGE_TOKEN must be set (it is missing or blank)");
        assertThatThrownBy(() -> Secret.of(null, "WOODPECKER_TOKEN")).hasMessageStartingWith("WOODPECKER_TOKEN must be set");
        assertThatThrownBy(() -> Secret.of("abc\r\nX-Evil: 1", "FORGE_TOKEN"))
                .hasMessageStartingWith("FORGE_TOKEN must be one token")
                .message().doesNotContain("abc");
    }

    @Test
    void missing_settings_are_named() {
        assertThatThrownBy(() -> new HttpTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("connect timeout must be a positive duration");
    }
}
