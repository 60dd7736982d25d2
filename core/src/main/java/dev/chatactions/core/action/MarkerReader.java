package dev.chatactions.core.action;

import dev.chatactions.core.action.json.InvalidJsonException;
import dev.chatactions.core.action.json.PayloadJson;

/**
 * Reads one marker starting at a {@code <}. It can stop at the end of the text so far and go on
 * when more arrives without reading any character twice, so a marker fed one character per chunk
 * costs the same as a marker fed whole.
 */
final class MarkerReader {

    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    static final int MAX_NAME_LENGTH = 64;
    static final String OPEN = "<action";
    static final String CLOSE = "</action>";
    private static final String TYPE = "type";

    /** The marker a read found: a valid {@code marker}, or else an invalid one of {@code type} (if known) for {@code reason}. */
    record Outcome(Marker marker, String type, String reason, int resumeAt) {}

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
    private Outcome outcome;
    /** UTF-8 bytes of the payload up to {@code countedTo}; counted only once they could matter. */
    private int payloadBytes;
    private int countedTo;

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

    /**
     * Reads on: does a marker open at {@code start}? {@link Answer#YES}: {@link #outcome()} tells
     * which; {@link Answer#NO}: the {@code <} is prose; {@link Answer#NOT_YET}: the text so far ends
     * inside the marker and more may come.
     */
    Answer read(GrowingText text, boolean complete) {
        int length = text.length();
        while (position < length) {
            Answer opened = step(text, text.charAt(position));
            if (opened != Answer.NOT_YET) {
                return opened;
            }
        }
        return complete ? atEndOfText() : Answer.NOT_YET;
    }

    /** The marker found, once {@link #read} said {@link Answer#YES}. */
    Outcome outcome() {
        return outcome;
    }

    /** Consumes {@code c} (at {@code position}) or decides whether a marker opened. */
    private Answer step(GrowingText text, char c) {
        switch (phase) {
            case TAG_NAME:
                return matchLiteral(OPEN, c, Phase.BLANK_AFTER_TAG_NAME) ? Answer.NOT_YET : Answer.NO;
            case BLANK_AFTER_TAG_NAME:
                if (isBlank(c)) {
                    sawBlank = true;
                    position++;
                    return Answer.NOT_YET;
                }
                if (!sawBlank) {
                    return Answer.NO;
                }
                phase = Phase.ATTRIBUTE_NAME;
                return Answer.NOT_YET;
            case ATTRIBUTE_NAME:
                return matchLiteral(TYPE, c, Phase.BLANK_BEFORE_EQUALS) ? Answer.NOT_YET : Answer.NO;
            case BLANK_BEFORE_EQUALS:
                if (c == '=') {
                    phase = Phase.BLANK_AFTER_EQUALS;
                } else if (!isBlank(c)) {
                    return Answer.NO;
                }
                position++;
                return Answer.NOT_YET;
            case BLANK_AFTER_EQUALS:
                if (c == '"' || c == '\'') {
                    quote = c;
                    nameStart = position + 1;
                    phase = Phase.TYPE_NAME;
                } else if (!isBlank(c)) {
                    return brokenTag("bad type attribute: expected a quoted name after type=");
                }
                position++;
                return Answer.NOT_YET;
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
                    return Answer.NOT_YET;
                }
                if (isBlank(c)) {
                    position++;
                    return Answer.NOT_YET;
                }
                return brokenTag(isAsciiLetter(c) ? "unexpected attribute" : "bad type attribute: expected '>' after the name");
            case BLANK_BEFORE_JSON:
                if (c == '{') {
                    jsonStart = position;
                    countedTo = position;
                    phase = Phase.JSON;
                    return Answer.NOT_YET;
                }
                if (isBlank(c)) {
                    position++;
                    return Answer.NOT_YET;
                }
                return invalid("payload is not a JSON object", tagEnd);
            case JSON:
                return json(text);
            case BLANK_AFTER_JSON:
                if (c == '<') {
                    phase = Phase.CLOSING_TAG;
                    return Answer.NOT_YET;
                }
                if (isBlank(c)) {
                    position++;
                    return Answer.NOT_YET;
                }
                return invalid("unexpected text after the JSON object", tagEnd);
            case CLOSING_TAG:
                if (!matchLiteral(CLOSE, c, Phase.CLOSED)) {
                    return invalid("unexpected text after the JSON object", tagEnd);
                }
                return phase == Phase.CLOSED ? payload(text) : Answer.NOT_YET;
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

    private Answer typeName(GrowingText text, char c) {
        if (c == quote) {
            String name = text.substring(nameStart, position);
            position++;
            if (name.isEmpty()) {
                return brokenTag("bad type attribute: empty name");
            }
            type = name;
            if (!ActionType.isTypeName(name)) {
                return brokenTag("bad type attribute: '" + name + "' is not a name of the form " + ActionType.NAME_FORM);
            }
            phase = Phase.BLANK_BEFORE_GT;
            return Answer.NOT_YET;
        }
        if (c == '\n' || c == '\r') {
            return brokenTag("bad type attribute: missing closing quote");
        }
        if (position - nameStart == MAX_NAME_LENGTH) {
            return brokenTag("bad type attribute: name longer than " + MAX_NAME_LENGTH + " characters");
        }
        position++;
        return Answer.NOT_YET;
    }

    /**
     * Finds the end of the JSON object: brackets counted outside strings, stopping once the cap is
     * surely passed. Walks the chunk strings directly: this loop is where adversarial text spends
     * its time.
     */
    private Answer json(GrowingText text) {
        while (position < text.length()) {
            int k = text.chunkIndex(position);
            String chunk = text.chunk(k);
            int base = text.chunkStart(k);
            // More chars than the cap allows bytes: no need to look further.
            int end = Math.min(chunk.length(), jsonStart + MAX_PAYLOAD_BYTES + 1 - base);
            // Locals, not fields, inside the loop: the JIT keeps them in registers.
            int nesting = depth;
            boolean string = inString;
            boolean escape = escaped;
            boolean closed = false;
            int i = position - base;
            while (i < end && !closed) {
                char c = chunk.charAt(i++);
                if (string) {
                    if (escape) {
                        escape = false;
                    } else if (c == '\\') {
                        escape = true;
                    } else if (c == '"') {
                        string = false;
                    }
                } else if (c == '"') {
                    string = true;
                } else if (c == '{' || c == '[') {
                    nesting++;
                } else if (c == '}' || c == ']') {
                    closed = --nesting == 0;
                }
            }
            position = base + i;
            depth = nesting;
            inString = string;
            escaped = escape;
            if (overCap(text)) {
                return invalid("payload over 64 KiB", tagEnd);
            }
            if (closed) {
                jsonEnd = position;
                phase = Phase.BLANK_AFTER_JSON;
                return Answer.NOT_YET;
            }
        }
        return Answer.NOT_YET;
    }

    /**
     * Whether the payload read so far is over the cap. A char is 1 to 3 UTF-8 bytes, so bytes are
     * counted only when the uncounted chars could reach the cap: usual payloads are never counted.
     */
    private boolean overCap(GrowingText text) {
        if (payloadBytes + 3 * (position - countedTo) > MAX_PAYLOAD_BYTES) {
            payloadBytes += text.utf8Length(countedTo, position);
            countedTo = position;
        }
        return payloadBytes > MAX_PAYLOAD_BYTES;
    }

    private Answer payload(GrowingText text) {
        try {
            Payload payload = PayloadJson.read(text.substring(jsonStart, jsonEnd));
            outcome = new Outcome(new Marker(start, position, type, payload), type, null, position);
            return Answer.YES;
        } catch (InvalidJsonException e) {
            return invalid(e.getMessage(), tagEnd);
        }
    }

    private Answer atEndOfText() {
        switch (phase) {
            case TAG_NAME:
            case BLANK_AFTER_TAG_NAME:
            case ATTRIBUTE_NAME:
            case BLANK_BEFORE_EQUALS:
                return Answer.NO;
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
    private Answer brokenTag(String reason) {
        return invalid(overLimit ? "too many markers" : reason, start + OPEN.length());
    }

    private Answer invalid(String reason, int resumeAt) {
        outcome = new Outcome(null, type, reason, resumeAt);
        return Answer.YES;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
