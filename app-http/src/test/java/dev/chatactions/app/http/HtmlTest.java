package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markup_and_quotes_become_entities() {
        assertThat(Html.escape("<img src=x onerror=\"alert('x')\"> & co"))
                .isEqualTo("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co");
    }

    @Test
    void plain_text_and_non_ascii_pass_unchanged() {
        assertThat(Html.escape("Fix flaky test → main, naïve ✓")).isEqualTo("Fix flaky test → main, naïve ✓");
    }

    @Test
    void escaping_twice_escapes_the_ampersands_again() {
        assertThat(Html.escape(Html.escape("<"))).isEqualTo("&amp;lt;");
    }
}
