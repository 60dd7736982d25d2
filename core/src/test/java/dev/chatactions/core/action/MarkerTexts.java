package dev.chatactions.core.action;

import dev.chatactions.core.testing.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Assistant-like texts for the parser properties, as lists of pieces (so a failing text shrinks by
 * dropping pieces): prose, fences of both kinds and several lengths and indents, code spans of 1 to
 * 4 backticks, well-formed and broken markers with both quotes and varied whitespace, escapes and
 * {@code </action>} inside JSON strings, nested markers, CRLF, non-BMP characters and lone
 * surrogates; now and then a payload at the 64 KiB cap or a run of markers at the 32 limit.
 */
final class MarkerTexts {

    private MarkerTexts() {}

    private static final Generator<String> PROSE = Generator.oneOf(
            "Sure.", "text ", "a < b", "<a", "<", "x", "it`s", "é", "😀", "\ud83d", "\ude00", "\u2028", "\f", "\u0000",
            "<action>", "<actions type=\"a\">", "<ACTION type=\"a\">", "<action  typo=\"a\">", "</action>", "</act",
            "{", "}", "[", "]", "\"", "'", "\\", "=", ">", ",", "type", "<action", "<action type", "<action type=");
    private static final Generator<String> BLANK = Generator.oneOf(" ", "\t", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "   ", "    ", " \t \n");
    private static final Generator<String> SPACE = Generator.oneOf("", "", "", " ", "\t", "\n", "\r\n", "  ", "\f");
    private static final Generator<String> INFO = Generator.oneOf("", "", "json", " x", "`", "js`", " ~", "\t", " ", "\f");
    private static final Generator<String> INDENT = Generator.oneOf("", "", " ", "  ", "   ", "    ", "\t", " \t");
    private static final Generator<String> LINE_BREAK = Generator.oneOf("\n", "\n", "\r\n", "\r");
    private static final Generator<String> NAME = Generator.oneOf(
            "issue-create", "ci-run", "pr-create", "a", "a-1", "x".repeat(64), "x".repeat(65), "", "Issue", "1a", "a b", "a>b", "é", "a\nb");
    private static final Generator<String> STRING_CONTENT = Generator.oneOf(
            "", "x", "Flaky test", "</action>", "<action type=\"a\">{}</action>", "`", "```", "\\\"", "\\\\", "\\n", "\\u00e9",
            "\\ud83d\\ude00", "😀", "é", "\ud800", "}", "{", "]", "\\", "~~~\n", "\n\n");
    private static final Generator<String> VALUE = Generator.oneOf(
            "1", "-0.5", "1e3", "true", "false", "null", "[]", "[1,\"a\"]", "{}", "{\"n\":{\"m\":[]}}", "NaN", "01", "1e9999999999",
            "\"x\"", "'x'", "[1,]", "{\"a\":1,}");
    private static final Generator<String> BROKEN_JSON = Generator.oneOf(
            "", "[1]", "\"x\"", "{", "{\"t\":\"oops}", "{\"n\":1,}", "{/* c */}", "{\"a\":1,\"a\":2}", "{}{}", "{} ok", "{\"n\":1",
            "{]", "{\"t\":\"x\\\"}", "x{}");

    /** A text of up to 40 pieces. */
    static final Generator<List<String>> PIECES = random -> {
        List<String> pieces = new ArrayList<>();
        int count = random.nextInt(41);
        for (int i = 0; i < count; i++) {
            pieces.add(piece(random));
        }
        if (random.nextInt(50) == 0) {
            pieces.add(random.nextInt(pieces.size() + 1), nearCapMarker(random));
        }
        if (random.nextInt(30) == 0) {
            int at = random.nextInt(pieces.size() + 1);
            for (int i = 30 + random.nextInt(5); i > 0; i--) {
                pieces.add(at, marker(random) + BLANK.next(random));
            }
        }
        return pieces;
    };

    private static String piece(RandomGenerator random) {
        switch (random.nextInt(10)) {
            case 0, 1:
                return PROSE.next(random);
            case 2:
                return BLANK.next(random);
            case 3:
                return fence(random);
            case 4:
                return "`".repeat(1 + random.nextInt(4));
            case 5, 6:
                return marker(random);
            case 7:
                return brokenMarker(random);
            case 8:
                // A marker inside a code span, or one that holds another marker.
                return random.nextBoolean() ? "`" + marker(random) + "`" : openTag(random) + "{\"t\":" + marker(random) + "}" + "</action>";
            default:
                return openTag(random);
        }
    }

    /** A fence line: after a line break of any kind, an indent of spaces or tabs, a run of 2 to 5 backticks or tildes, an info string. */
    private static String fence(RandomGenerator random) {
        String run = (random.nextBoolean() ? "`" : "~").repeat(2 + random.nextInt(4));
        return LINE_BREAK.next(random) + INDENT.next(random) + run + INFO.next(random) + LINE_BREAK.next(random);
    }

    private static String openTag(RandomGenerator random) {
        char quote = random.nextBoolean() ? '"' : '\'';
        return "<action" + (random.nextInt(8) == 0 ? "\n" : " ") + "type" + SPACE.next(random) + "=" + SPACE.next(random)
                + quote + NAME.next(random) + quote + SPACE.next(random) + ">";
    }

    static String marker(RandomGenerator random) {
        return openTag(random) + SPACE.next(random) + object(random) + SPACE.next(random) + "</action>";
    }

    private static String object(RandomGenerator random) {
        StringBuilder json = new StringBuilder("{");
        for (int i = random.nextInt(4); i > 0; i--) {
            json.append('"').append(random.nextInt(4) == 0 ? STRING_CONTENT.next(random) : "k" + i).append("\":");
            json.append(random.nextBoolean() ? VALUE.next(random) : "\"" + STRING_CONTENT.next(random) + "\"");
            if (i > 1) {
                json.append(',').append(SPACE.next(random));
            }
        }
        return json.append('}').toString();
    }

    private static String brokenMarker(RandomGenerator random) {
        switch (random.nextInt(5)) {
            case 0:
                return openTag(random) + BROKEN_JSON.next(random) + "</action>";
            case 1:
                return openTag(random) + object(random); // no closing tag
            case 2:
                return "<action type=" + NAME.next(random) + ">{}</action>"; // no quotes
            case 3:
                return "<action type=\"a\" id=\"1\">{}</action>";
            default:
                String whole = marker(random);
                return whole.substring(0, random.nextInt(whole.length())); // cut anywhere
        }
    }

    /** A marker whose payload is a few bytes under or over 64 KiB, with multi-byte characters and now and then a lone surrogate. */
    private static String nearCapMarker(RandomGenerator random) {
        String filler = Generator.oneOf("x", "é", "€", "😀", "\ud800").next(random);
        int fillerBytes = filler.equals("x") ? 1 : filler.equals("é") || filler.equals("\ud800") ? 2 : filler.equals("€") ? 3 : 4;
        int target = 64 * 1024 + random.nextInt(-6, 7);
        int count = (target - 8) / fillerBytes;
        String json = "{\"t\":\"" + filler.repeat(count) + "x".repeat(target - 8 - count * fillerBytes) + "\"}";
        return "<action type=\"a\">" + json + (random.nextBoolean() ? "</action>" : "");
    }
}
