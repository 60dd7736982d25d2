package dev.chatactions.app.http;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Assistant text as Markdown HTML: raw HTML escaped, links only to http and https, images as
 * their alt text, code shown as code. Marker fragments are put in at their place after rendering, through
 * placeholders Markdown leaves alone, so a marker in a list item stays in that list item.
 */
final class MarkdownHtml {

    /** A range of the text that becomes ready-made HTML (a marker's button or warning). */
    record Fragment(int start, int end, String html) {}

    private static final Parser PARSER = Parser.builder().postProcessor(MarkdownHtml::imagesAsText).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new WebLinksOnly())
            .softbreak("<br>\n")
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MarkdownHtml() {}

    static String render(String text, List<Fragment> fragments) {
        // A fresh nonce each time: the text cannot guess it, so it cannot forge a placeholder.
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        String prefix = "CAFRAG" + HexFormat.of().formatHex(nonce) + "N";
        StringBuilder source = new StringBuilder(text.length());
        int at = 0;
        for (int i = 0; i < fragments.size(); i++) {
            Fragment fragment = fragments.get(i);
            source.append(text, at, fragment.start()).append(prefix).append(i).append('E');
            at = fragment.end();
        }
        String html = RENDERER.render(PARSER.parse(source.append(text.substring(at)).toString()));
        for (int i = 0; i < fragments.size(); i++) {
            String placeholder = prefix + i + "E";
            String fragment = fragments.get(i).html();
            // A marker alone in its paragraph replaces the paragraph (a div may not sit in a p).
            html = html.replace("<p>" + placeholder + "</p>", fragment).replace(placeholder, fragment);
        }
        return html;
    }

    /** An image becomes its alt text: a reply never makes the browser fetch anything. */
    private static Node imagesAsText(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                for (Node child = image.getFirstChild(); child != null; ) {
                    Node next = child.getNext();
                    image.insertBefore(child);
                    child = next;
                }
                image.unlink();
            }
        });
        return document;
    }

    /** Keeps http and https links; anything else (javascript:, data:, relative) becomes an empty link. */
    private static final class WebLinksOnly implements UrlSanitizer {

        @Override
        public String sanitizeLinkUrl(String url) {
            String lower = url.strip().toLowerCase(Locale.ROOT);
            return lower.startsWith("http://") || lower.startsWith("https://") ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return ""; // unused: images are text by then
        }
    }
}
