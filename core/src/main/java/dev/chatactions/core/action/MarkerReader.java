package dev.chatactions.core.action;

import dev.chatactions.core.action.json.InvalidJsonException;
import dev.chatactions.core.action.json.PayloadJson;
import java.util.regex.Pattern;

/**
 * Reads one marker starting at a {@code <}, one character at a time, and can stop at the end of
 * the text so far and go on when more arrives: no character is read twice, so a marker fed one
 * character per chunk costs the same as a marker fed whole.
 */
final class MarkerReader {

    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    static final int MAX_NAME_LENGTH = 64;
    static final String OPEN = "<action";
    static final String CLOSE = "</action>";
    private static final String TYPE = "type";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** What a finished read found. */
    record Outcome(Marker marker, String type, String reason, int resumeAt) {

        static final Outcome PROSE = new Outcome(null, null, null, -1);

        boolean opened() {
            return this != PROSE;
        }
    }

    private enum Phase {
        TAG_NAME, BLANK_AFTER_TAG_NAME, ATTRIBUTE_NAME, BLANK_BEFORE_EQUALS, BLANK_AFTER_EQUALS, TYPE_NAME,
        BLANK_BEFORE_GT, BLANK_BEFORE_JSON, JSON, BLANK_AFTER_JSON, CLOSING_TAG, CLOSED
    }

    private final int start;
    private final boolean overLimit;
    private Phase phase = Phase.TAG_NAME;
    private int position;
    /** Characters of the current literal ({@code <action}, {@code type}, {@code </action>}) matched so far. */
    private int matched = 1;
    private boolean sawBlank;
    private char quote;
    private int nameStart;
    private String type;
    private int tagEnd;
    private int jsonStart;
    private int jsonEnd;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private int payloadBytes;

    /**
     * @param start     index of the {@code <}
     * @param overLimit the marker limit is reached: an opening here is only read far enough to
     *                  name its type, then reported as "too many markers"
     */
    MarkerReader(int start, boolean overLimit) {
        this.start = start;
        this.overLimit = overLimit;
        this.position = start + 1;
    }

    int start() {
        return start;
    }

    /** Reads on; null while the text so far ends inside the marker and more may come. */
    Outcome read(StringBuilder text, boolean complete) {
        int length = text.length();
        while (position < length) {
            Outcome outcome = step(text, text.charAt(position));
            if (outcome != null) {
                return outcome;
            }
        }
        return complete ? atEndOfText() : null;
    }

    /** Consumes {@code c} (at {@code position}) or decides; returns non-null when the read is over. */
    private Outcome step(StringBuilder text, char c) {
        switch (phase) {
            case TAG_NAME:
                return matchLiteral(OPEN, c, Phase.BLANK_AFTER_TAG_NAME) ? null : Outcome.PROSE;
            case BLANK_AFTER_TAG_NAME:
                if (isBlank(c)) {
                    sawBlank = true;
                    position++;
                    return null;
                }
                if (!sawBlank) {
                    return Outcome.PROSE;
                }
                phase = Phase.ATTRIBUTE_NAME;
                return null;
            case ATTRIBUTE_NAME:
                return matchLiteral(TYPE, c, Phase.BLANK_BEFORE_EQUALS) ? null : Outcome.PROSE;
            case BLANK_BEFORE_EQUALS:
                if (c == '=') {
                    phase = Phase.BLANK_AFTER_EQUALS;
                } else if (!isBlank(c)) {
                    return Outcome.PROSE;
                }
                position++;
                return null;
            case BLANK_AFTER_EQUALS:
                if (c == '"' || c == '\'') {
                    quote = c;
                    nameStart = position + 1;
                    phase = Phase.TYPE_NAME;
                } else if (!isBlank(c)) {
                    return brokenTag("bad type attribute: expected a quoted name after type=");
                }
                position++;
                return null;
            case TYPE_NAME:
                return typeName(text, c);
            case BLANK_BEFORE_GT:
                if (c == '>') {
                    position++;
                    tagEnd = position;
                    if (overLimit) {
                        return invalid("too many markers", tagEnd);
                    }
                    phase = Phase.BLANK_BEFORE_JSON;
                    return null;
                }
                if (isBlank(c)) {
                    position++;
                    return null;
                }
                return brokenTag(isAsciiLetter(c) ? "unexpected attribute" : "bad type attribute: expected '>' after the name");
            case BLANK_BEFORE_JSON:
                if (c == '{') {
                    jsonStart = position;
                    phase = Phase.JSON;
                    return null;
                }
                if (isBlank(c)) {
                    position++;
                    return null;
                }
                return invalid("payload is not a JSON object", tagEnd);
            case JSON:
                return json(text);
            case BLANK_AFTER_JSON:
                if (c == '<') {
                    phase = Phase.CLOSING_TAG;
                    return null;
                }
                if (isBlank(c)) {
                    position++;
                    return null;
                }
                return invalid("unexpected text after the JSON object", tagEnd);
            case CLOSING_TAG:
                if (!matchLiteral(CLOSE, c, Phase.CLOSED)) {
                    return invalid("unexpected text after the JSON object", tagEnd);
                }
                return phase == Phase.CLOSED ? payload(text) : null;
            default:
                throw new IllegalStateException("no character is read after the marker is closed");
        }
    }

    /** Matches one more character of {@code literal}; after its last character the reader is in phase {@code next}. */
    private boolean matchLiteral(String literal, char c, Phase next) {
        if (c != literal.charAt(matched)) {
            return false;
        }
        position++;
        matched++;
        if (matched == literal.length()) {
            phase = next;
            matched = 0;
        }
        return true;
    }

    private Outcome typeName(StringBuilder text, char c) {
        if (c == quote) {
            String name = text.substring(nameStart, position);
            position++;
            if (name.isEmpty()) {
                return brokenTag("bad type attribute: empty name");
            }
            type = name;
            if (!NAME.matcher(name).matches()) {
                return brokenTag("bad type attribute: '" + name + "' is not a name of the form [a-z][a-z0-9-]{0,63}");
            }
            phase = Phase.BLANK_BEFORE_GT;
            return null;
        }
        if (c == '\n' || c == '\r') {
            return brokenTag("bad type attribute: missing closing quote");
        }
        if (position - nameStart == MAX_NAME_LENGTH) {
            return brokenTag("bad type attribute: name longer than " + MAX_NAME_LENGTH + " characters");
        }
        position++;
        return null;
    }

    /** Finds the end of the JSON object: brackets counted outside strings, bytes counted up to the cap. */
    private Outcome json(StringBuilder text) {
        int length = text.length();
        while (position < length) {
            char c = text.charAt(position);
            payloadBytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            if (payloadBytes > MAX_PAYLOAD_BYTES) {
                return invalid("payload over 64 KiB", tagEnd);
            }
            position++;
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                jsonEnd = position;
                phase = Phase.BLANK_AFTER_JSON;
                return null;
            }
        }
        return null;
    }

    private Outcome payload(StringBuilder text) {
        try {
            Payload payload = PayloadJson.read(text.substring(jsonStart, jsonEnd));
            return new Outcome(new Marker(start, position, type, payload), type, null, position);
        } catch (InvalidJsonException e) {
            return invalid(e.getMessage(), tagEnd);
        }
    }

    private Outcome atEndOfText() {
        switch (phase) {
            case TAG_NAME:
            case BLANK_AFTER_TAG_NAME:
            case ATTRIBUTE_NAME:
            case BLANK_BEFORE_EQUALS:
                return Outcome.PROSE;
            case BLANK_AFTER_EQUALS:
            case TYPE_NAME:
            case BLANK_BEFORE_GT:
                return brokenTag("opening tag not closed");
            case BLANK_BEFORE_JSON:
                return invalid("payload is not a JSON object", tagEnd);
            case JSON:
                return invalid("JSON object not closed", tagEnd);
            default:
                return invalid("missing " + CLOSE, tagEnd);
        }
    }

    /** The opening tag is broken: reading resumes right after {@code <action}. */
    private Outcome brokenTag(String reason) {
        return invalid(overLimit ? "too many markers" : reason, start + OPEN.length());
    }

    private Outcome invalid(String reason, int resumeAt) {
        return new Outcome(null, type, reason, resumeAt);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
