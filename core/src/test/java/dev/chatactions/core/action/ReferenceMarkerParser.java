package dev.chatactions.core.action;

import dev.chatactions.core.action.json.InvalidJsonException;
import dev.chatactions.core.action.json.PayloadJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The marker grammar (DESIGN.md "Marker grammar", refined in docs/design.md) written down as
 * plainly as possible, to check {@link ActionMarkerParser} and {@link MarkerStream} against. It
 * shares nothing with them but the result types and {@link PayloadJson}; it is allowed to be
 * slow (it rescans lines and runs freely) and must stay obvious.
 */
final class ReferenceMarkerParser {

    static final int MAX_MARKERS = 32;
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    static final int MAX_NAME_LENGTH = 64;
    static final String OPEN = "<action";
    static final String CLOSE = "</action>";

    private ReferenceMarkerParser() {}

    /** A marker read at an opening, and where the text is read on after it. */
    private record Read(ParsedMarker marker, int resumeAt) {}

    static List<ParsedMarker> parse(String text) {
        List<ParsedMarker> markers = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                Read read = readMarker(text, i, markers.size() == MAX_MARKERS);
                if (read == null) {
                    i++;
                    continue;
                }
                markers.add(read.marker());
                if (markers.size() > MAX_MARKERS) {
                    break;
                }
                i = read.resumeAt();
            } else if (c == '`' || c == '~') {
                int runEnd = runEnd(text, i);
                if (opensFence(text, i, runEnd)) {
                    i = fenceEnd(text, c, runEnd - i, runEnd);
                } else if (c == '`') {
                    int closer = codeSpanCloser(text, runEnd, runEnd - i);
                    i = closer < 0 ? runEnd : closer + (runEnd - i);
                } else {
                    i = runEnd;
                }
            } else {
                i++;
            }
        }
        return markers;
    }

    // ---- markers

    /** The marker opened at {@code start}, or null when the text there is prose. */
    private static Read readMarker(String text, int start, boolean overLimit) {
        if (!text.startsWith(OPEN, start)) {
            return null;
        }
        int afterOpen = start + OPEN.length();
        int attribute = skipBlanks(text, afterOpen);
        if (attribute == afterOpen || !text.startsWith("type", attribute)) {
            return null;
        }
        int equals = skipBlanks(text, attribute + "type".length());
        if (equals == text.length() || text.charAt(equals) != '=') {
            return null;
        }
        // Opened: from here on a problem makes an invalid marker.
        int quoteAt = skipBlanks(text, equals + 1);
        if (quoteAt == text.length()) {
            return brokenTag(text, start, null, "opening tag not closed", overLimit);
        }
        char quote = text.charAt(quoteAt);
        if (quote != '"' && quote != '\'') {
            return brokenTag(text, start, null, "bad type attribute: expected a quoted name after type=", overLimit);
        }
        int nameStart = quoteAt + 1;
        int nameEnd = nameStart;
        while (true) {
            if (nameEnd == text.length()) {
                return brokenTag(text, start, null, "opening tag not closed", overLimit);
            }
            char c = text.charAt(nameEnd);
            if (c == quote) {
                break;
            }
            if (c == '\n' || c == '\r') {
                return brokenTag(text, start, null, "bad type attribute: missing closing quote", overLimit);
            }
            if (nameEnd - nameStart == MAX_NAME_LENGTH) {
                return brokenTag(text, start, null, "bad type attribute: name longer than 64 characters", overLimit);
            }
            nameEnd++;
        }
        String type = text.substring(nameStart, nameEnd);
        if (type.isEmpty()) {
            return brokenTag(text, start, null, "bad type attribute: empty name", overLimit);
        }
        if (!type.matches("[a-z][a-z0-9-]{0,63}")) {
            return brokenTag(text, start, type,
                    "bad type attribute: '" + type + "' is not a name of the form [a-z][a-z0-9-]{0,63}", overLimit);
        }
        int gt = skipBlanks(text, nameEnd + 1);
        if (gt == text.length()) {
            return brokenTag(text, start, type, "opening tag not closed", overLimit);
        }
        char afterName = text.charAt(gt);
        if (afterName != '>') {
            boolean letter = (afterName >= 'a' && afterName <= 'z') || (afterName >= 'A' && afterName <= 'Z');
            return brokenTag(text, start, type,
                    letter ? "unexpected attribute" : "bad type attribute: expected '>' after the name", overLimit);
        }
        int tagEnd = gt + 1;
        if (overLimit) {
            return invalid(text, start, type, "too many markers", tagEnd);
        }
        int jsonStart = skipBlanks(text, tagEnd);
        if (jsonStart == text.length() || text.charAt(jsonStart) != '{') {
            return invalid(text, start, type, "payload is not a JSON object", tagEnd);
        }
        int jsonEnd = objectEnd(text, jsonStart);
        if (utf8Length(text.substring(jsonStart, jsonEnd < 0 ? text.length() : jsonEnd)) > MAX_PAYLOAD_BYTES) {
            return invalid(text, start, type, "payload over 64 KiB", tagEnd);
        }
        if (jsonEnd < 0) {
            return invalid(text, start, type, "JSON object not closed", tagEnd);
        }
        int close = skipBlanks(text, jsonEnd);
        if (!text.startsWith(CLOSE, close)) {
            boolean cutOff = CLOSE.startsWith(text.substring(close));
            return invalid(text, start, type, cutOff ? "missing " + CLOSE : "unexpected text after the JSON object", tagEnd);
        }
        int end = close + CLOSE.length();
        try {
            return new Read(new Marker(start, end, type, PayloadJson.read(text.substring(jsonStart, jsonEnd))), end);
        } catch (InvalidJsonException e) {
            return invalid(text, start, type, e.getMessage(), tagEnd);
        }
    }

    /** The end of the JSON value that starts with the bracket at {@code from}: brackets counted outside strings; -1 if it does not end. */
    private static int objectEnd(String text, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** UTF-8 bytes, with each surrogate code unit counted as 2 (a pair is 4 bytes; a lone one, which UTF-8 cannot hold, 2). */
    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** A broken opening tag: reading goes on right after {@code <action}. Over the limit, every reason is "too many markers". */
    private static Read brokenTag(String text, int start, String type, String reason, boolean overLimit) {
        return invalid(text, start, type, overLimit ? "too many markers" : reason, start + OPEN.length());
    }

    /** Spans to the end of the first {@code </action>} at or after {@code resumeAt}, else to the end of the text. */
    private static Read invalid(String text, int start, String type, String reason, int resumeAt) {
        int close = text.indexOf(CLOSE, resumeAt);
        int end = close < 0 ? text.length() : close + CLOSE.length();
        return new Read(new InvalidMarker(start, end, type, reason), resumeAt);
    }

    /** Marker whitespace: space, tab, line feed, carriage return, form feed. */
    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && " \t\n\r\f".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    // ---- fences, code spans, paragraphs (CommonMark's rules, as far as the grammar needs them)

    private static int runEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == text.charAt(from)) {
            i++;
        }
        return i;
    }

    /** Whether the run {@code [from, runEnd)} opens a fenced code block. */
    private static boolean opensFence(String text, int from, int runEnd) {
        if (runEnd - from < 3 || !indentedAtMostThree(text, from)) {
            return false;
        }
        // A backtick fence's info string may not hold a backtick.
        return text.charAt(from) == '~' || text.substring(runEnd, lineEnd(text, runEnd)).indexOf('`') < 0;
    }

    /** Where the fence opened by a run of {@code length} {@code fence} characters ends: after its closing run, else the text's end. */
    private static int fenceEnd(String text, char fence, int length, int openingRunEnd) {
        for (int line = nextLineStart(text, openingRunEnd); line >= 0; line = nextLineStart(text, line)) {
            int run = line;
            while (run < text.length() && run - line < 3 && text.charAt(run) == ' ') {
                run++;
            }
            if (run == text.length() || text.charAt(run) != fence) {
                continue;
            }
            int end = runEnd(text, run);
            if (end - run >= length && onlySpacesAndTabs(text.substring(end, lineEnd(text, end)))) {
                return end;
            }
        }
        return text.length();
    }

    /** The start of the next backtick run of exactly {@code length} from {@code from} on, in the same paragraph; -1 if none. */
    private static int codeSpanCloser(String text, int from, int length) {
        int paragraphEnd = paragraphEnd(text, from);
        int i = from;
        while (i < paragraphEnd) {
            if (text.charAt(i) == '`') {
                int end = runEnd(text, i);
                if (end - i == length) {
                    return i;
                }
                i = end;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The start of the first line after {@code from}'s line that is blank or opens a fence, else the text's end. */
    private static int paragraphEnd(String text, int from) {
        for (int line = nextLineStart(text, from); line >= 0; line = nextLineStart(text, line)) {
            String content = text.substring(line, lineEnd(text, line));
            if (onlySpacesAndTabs(content)) {
                return line;
            }
            int first = 0;
            while (first < content.length() && (content.charAt(first) == ' ' || content.charAt(first) == '\t')) {
                first++;
            }
            char c = content.charAt(first);
            if ((c == '`' || c == '~') && opensFence(text, line + first, runEnd(text, line + first))) {
                return line;
            }
        }
        return text.length();
    }

    private static boolean onlySpacesAndTabs(String s) {
        return s.chars().allMatch(ch -> ch == ' ' || ch == '\t');
    }

    /** Zero to three spaces, and nothing else, stand between the start of the line and {@code at}. */
    private static boolean indentedAtMostThree(String text, int at) {
        int lineStart = at;
        while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        return at - lineStart <= 3 && text.substring(lineStart, at).chars().allMatch(ch -> ch == ' ');
    }

    /** The index of the line break ending the line that holds {@code at}, or the text's length. */
    private static int lineEnd(String text, int at) {
        int i = at;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** The start of the line after the one holding {@code at} ({@code \r\n} is one break), or -1 on the last line. */
    private static int nextLineStart(String text, int at) {
        int end = lineEnd(text, at);
        if (end == text.length()) {
            return -1;
        }
        return text.startsWith("\r\n", end) ? end + 2 : end + 1;
    }
}
