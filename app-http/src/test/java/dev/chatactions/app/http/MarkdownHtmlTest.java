package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {

    @Test
    void raw_html_is_escaped_and_only_http_links_survive() {
        String html = MarkdownHtml.render("<script>alert(1)</script>\n\nsee [docs](https://example.test/a) and "
                + "[bad](javascript:alert(2)) and [data](data:text/html,x) ![img](https://example.test/i.png) <b>bold</b>",
                List.of());

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<a rel=\"nofollow\" href=\"https://example.test/a\">docs</a>").contains("<a rel=\"nofollow\" href=\"\">bad</a>")
                .doesNotContain("javascript:").doesNotContain("data:text").doesNotContain("<img").contains(" img ");
    }

    @Test
    void code_is_code_and_markdown_is_rendered() {
        String html = MarkdownHtml.render("**bold** and `x < y`\n\n```\n<action type=\"ci-run\">{}</action>\n```\n", List.of());

        assertThat(html).contains("<strong>bold</strong>").contains("<code>x &lt; y</code>")
                .contains("<pre><code>&lt;action type=&quot;ci-run&quot;&gt;{}&lt;/action&gt;\n</code></pre>");
    }

    @Test
    void a_fragment_takes_its_place_in_a_list_item_or_replaces_its_paragraph() {
        String text = "1. first: MARK\n2. second\n\nMARK\n\nend";
        int first = text.indexOf("MARK");
        int second = text.indexOf("MARK", first + 1);

        String html = MarkdownHtml.render(text, List.of(
                new MarkdownHtml.Fragment(first, first + 4, "<div class=\"action\">one</div>"),
                new MarkdownHtml.Fragment(second, second + 4, "<div class=\"action\">two</div>")));

        assertThat(html).contains("<li>first: <div class=\"action\">one</div></li>")
                .contains("</ol>\n<div class=\"action\">two</div>\n<p>end</p>").doesNotContain("MARK");
    }

    @Test
    void text_cannot_forge_a_placeholder() {
        String html = MarkdownHtml.render("CAFRAG0000000000000000N0E x", List.of(new MarkdownHtml.Fragment(26, 27, "<b>frag</b>")));

        assertThat(html).isEqualTo("<p>CAFRAG0000000000000000N0E <b>frag</b></p>\n");
    }
}
