package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.json.PayloadJson;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The grammar as a table: each case is a text and the markers it must yield. Shared by the batch and streaming tests. */
final class MarkerCases {

    private MarkerCases() {}

    /** One expected marker: the exact text it spans, its type, and its canonical payload or the start of its reason. */
    record Expected(boolean valid, String span, String type, String detail) {}

    record Case(String name, String text, List<Expected> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Expected valid(String span, String type, String canonicalPayload) {
        return new Expected(true, span, type, canonicalPayload);
    }

    static Expected invalid(String span, String type, String reasonStart) {
        return new Expected(false, span, type, reasonStart);
    }

    static String marker(String type, String json) {
        return "<action type=\"" + type + "\">" + json + "</action>";
    }

    /** {@code text} fed to a {@link MarkerStream} in chunks of {@code chunkLength} chars, then finished. */
    static List<ParsedMarker> streamed(String text, int chunkLength) {
        MarkerStream stream = new MarkerStream();
        List<ParsedMarker> markers = new ArrayList<>();
        for (int i = 0; i < text.length(); i += chunkLength) {
            markers.addAll(stream.feed(text.substring(i, Math.min(text.length(), i + chunkLength))));
        }
        markers.addAll(stream.finish());
        return markers;
    }

    /** Asserts that {@code actual}, parsed from {@code text}, is exactly what {@code expected} lists, in order. */
    static void assertMatches(String text, List<ParsedMarker> actual, List<Expected> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            ParsedMarker got = actual.get(i);
            Expected want = expected.get(i);
            assertThat(text.substring(got.start(), got.end())).as("span of marker %d", i).isEqualTo(want.span());
            assertThat(got.type()).as("type of marker %d", i).isEqualTo(want.type());
            if (want.valid()) {
                assertThat(got).as("marker %d", i).isInstanceOf(Marker.class);
                assertThat(PayloadJson.canonical(((Marker) got).payload())).isEqualTo(want.detail());
            } else {
                assertThat(got).as("marker %d", i).isInstanceOf(InvalidMarker.class);
                assertThat(((InvalidMarker) got).reason()).startsWith(want.detail()).doesNotContain("\n", "\r");
            }
        }
    }

    static Stream<Case> all() {
        String issue = marker("issue-create", "{\"title\":\"Flaky test\",\"labels\":[\"bug\"]}");
        String a = marker("a", "{}");
        String b = marker("b", "{\"n\":1}");
        return Stream.of(
                new Case("double quotes", "Do it: " + issue + " ok",
                        List.of(valid(issue, "issue-create", "{\"labels\":[\"bug\"],\"title\":\"Flaky test\"}"))),
                new Case("single quotes", "<action type='ci-run'>{\"branch\":\"main\"}</action>",
                        List.of(valid("<action type='ci-run'>{\"branch\":\"main\"}</action>", "ci-run", "{\"branch\":\"main\"}"))),
                new Case("whitespace around =, before > and around the JSON",
                        "x <action\ttype = \"ci-run\"  >\n  {\"branch\":\"main\"}\n </action>",
                        List.of(valid("<action\ttype = \"ci-run\"  >\n  {\"branch\":\"main\"}\n </action>", "ci-run", "{\"branch\":\"main\"}"))),
                new Case("closing tag inside a JSON string", "<action type=\"a\">{\"t\":\"</action>}\"}</action> tail",
                        List.of(valid("<action type=\"a\">{\"t\":\"</action>}\"}</action>", "a", "{\"t\":\"</action>}\"}"))),
                new Case("several markers in text order", a + " and " + b,
                        List.of(valid(a, "a", "{}"), valid(b, "b", "{\"n\":1}"))),
                new Case("backtick fence hides its markers", "```json\n" + a + "\n```\nafter " + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("tilde fence hides its markers", "~~~\n" + a + "\n~~~\n" + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("a shorter run does not close a longer fence", "````\n```\n" + a + "\n````\n" + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("a fence closes only on a line of its own", "```\n``` x " + a + "\n```\n" + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("fence indented by three spaces", "   ```\n" + a + "\n   ```\n" + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("four spaces is no fence", "    ```\n" + a,
                        List.of(valid(a, "a", "{}"))),
                new Case("unclosed fence runs to the end of the text", "text\n~~~~\n" + a + "\n~~~\n" + b,
                        List.of()),
                new Case("backtick in the info string: not a fence", "```js`\n" + a + "\n```\n" + b,
                        List.of(valid(a, "a", "{}"))),
                new Case("inline code span hides a marker", "see `" + a + "` then " + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("double-backtick span holds a single backtick", "``x ` " + a + " `` " + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("unmatched backtick is literal", "it`s " + a,
                        List.of(valid(a, "a", "{}"))),
                new Case("runs of other lengths do not close a span", "`` " + a + " ` ```",
                        List.of(valid(a, "a", "{}"))),
                new Case("code spans do not cross a blank line", "`open\n\n" + a + " `",
                        List.of(valid(a, "a", "{}"))),
                new Case("code spans cross a single line break", "`open\n" + a + " `",
                        List.of()),
                new Case("code spans do not cross a fence line", "`open\n~~~\n~~~\n" + a + " `",
                        List.of(valid(a, "a", "{}"))),
                new Case("a marker owns the backticks in its JSON strings", marker("a", "{\"c\":\"`x\"}") + " and ` " + b,
                        List.of(valid(marker("a", "{\"c\":\"`x\"}"), "a", "{\"c\":\"`x\"}"), valid(b, "b", "{\"n\":1}"))),
                new Case("a code span that starts first hides a marker inside it", "` " + marker("a", "{\"c\":\"`\"}") + " " + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("a fence opening after earlier paragraphs still hides its markers", "`a\n\nx `` y\n\n  ```\n" + a + "\n```\n\n" + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("a line of spaces and tabs ends a paragraph", "`open `` ```\n \t \n" + a + " `",
                        List.of(valid(a, "a", "{}"))),
                new Case("a code span may close on a later line of its paragraph", "`open\nclose` " + a,
                        List.of(valid(a, "a", "{}"))),
                new Case("a tab before three backticks is no fence", "x\n\n\t```\n" + a,
                        List.of(valid(a, "a", "{}"))),
                new Case("CRLF fence", "```\r\n" + a + "\r\n```\r\n" + b,
                        List.of(valid(b, "b", "{\"n\":1}"))),
                new Case("CRLF line break is no blank line", "`open\r\n" + a + " `",
                        List.of()),
                new Case("CRLF blank line ends a paragraph", "`open\r\n\r\n" + a + " `",
                        List.of(valid(a, "a", "{}"))),
                new Case("lone CR blank line ends a paragraph", "`open\r\r" + a + " `",
                        List.of(valid(a, "a", "{}"))),
                new Case("unicode and escapes round-trip", "😀 é " + marker("a", "{\"t\":\"é😀\\\"\\\\\\u00e9\\n\"}"),
                        List.of(valid(marker("a", "{\"t\":\"é😀\\\"\\\\\\u00e9\\n\"}"), "a", "{\"t\":\"é😀\\\"\\\\é\\n\"}"))),
                new Case("duplicate keys", marker("a", "{\"title\":\"x\",\"title\":\"y\"}"),
                        List.of(invalid(marker("a", "{\"title\":\"x\",\"title\":\"y\"}"), "a", "invalid JSON: Duplicate field 'title'"))),
                new Case("NaN", marker("a", "{\"n\":NaN}"),
                        List.of(invalid(marker("a", "{\"n\":NaN}"), "a", "invalid JSON:"))),
                new Case("number beyond BigDecimal's range", marker("a", "{\"n\":1e9999999999}"),
                        List.of(invalid(marker("a", "{\"n\":1e9999999999}"), "a", "invalid JSON: number out of range"))),
                new Case("comment", marker("a", "{/* c */\"n\":1}"),
                        List.of(invalid(marker("a", "{/* c */\"n\":1}"), "a", "invalid JSON:"))),
                new Case("trailing comma", marker("a", "{\"n\":1,}"),
                        List.of(invalid(marker("a", "{\"n\":1,}"), "a", "invalid JSON:"))),
                new Case("trailing text before the closing tag", marker("a", "{\"n\":1} ok"),
                        List.of(invalid(marker("a", "{\"n\":1} ok"), "a", "unexpected text after the JSON object"))),
                new Case("two objects", marker("a", "{}{}"),
                        List.of(invalid(marker("a", "{}{}"), "a", "unexpected text after the JSON object"))),
                new Case("array payload", marker("a", "[1]"),
                        List.of(invalid(marker("a", "[1]"), "a", "payload is not a JSON object"))),
                new Case("empty payload", marker("a", ""),
                        List.of(invalid(marker("a", ""), "a", "payload is not a JSON object"))),
                new Case("missing closing tag", "x <action type=\"a\">{\"n\":1}",
                        List.of(invalid("<action type=\"a\">{\"n\":1}", "a", "missing </action>"))),
                new Case("unclosed JSON string runs to the first closing tag",
                        "<action type=\"a\">{\"t\":\"oops}</action> " + b,
                        List.of(invalid("<action type=\"a\">{\"t\":\"oops}</action>", "a", "JSON object not closed"),
                                valid(b, "b", "{\"n\":1}"))),
                new Case("broken opening tag, later marker found", "<action type=\"a\" id=\"1\">{}</action> " + b,
                        List.of(invalid("<action type=\"a\" id=\"1\">{}</action>", "a", "unexpected attribute"),
                                valid(b, "b", "{\"n\":1}"))),
                new Case("marker starting inside an invalid marker's span", "<action type=\"a\">{\"x\": " + b,
                        List.of(invalid("<action type=\"a\">{\"x\": " + b, "a", "JSON object not closed"),
                                valid(b, "b", "{\"n\":1}"))),
                new Case("missing quote", "<action type=a>{}</action>",
                        List.of(invalid("<action type=a>{}</action>", null, "bad type attribute:"))),
                new Case("upper-case name", "<action type=\"Issue\">{}</action>",
                        List.of(invalid("<action type=\"Issue\">{}</action>", "Issue", "bad type attribute:"))),
                new Case("name of 65 characters", marker("a".repeat(65), "{}"),
                        List.of(invalid(marker("a".repeat(65), "{}"), null, "bad type attribute: name longer than 64"))),
                new Case("name of 64 characters", marker("a".repeat(64), "{}"),
                        List.of(valid(marker("a".repeat(64), "{}"), "a".repeat(64), "{}"))),
                new Case("empty name", marker("", "{}"),
                        List.of(invalid(marker("", "{}"), null, "bad type attribute: empty name"))),
                new Case("opening tag cut off by the end of the text", "x <action type=\"iss",
                        List.of(invalid("<action type=\"iss", null, "opening tag not closed"))),
                new Case("<action> is prose", "<action>{}</action> <action >{}</action>", List.of()),
                new Case("<ACTION is prose", "<ACTION type=\"a\">{}</ACTION> <action TYPE=\"a\">{}</action>", List.of()),
                new Case("<actions is prose", "<actions type=\"a\">{}</action>", List.of()),
                new Case("a misspelt attribute is prose", "<action  typo=\"a\">{}</action>", List.of()),
                new Case("empty text", "", List.of()));
    }
}
