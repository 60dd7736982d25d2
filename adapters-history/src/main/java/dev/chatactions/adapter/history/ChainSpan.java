package dev.chatactions.adapter.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The bytes a chained line's {@code prev} covers: from the start of the previous chained line (or
 * of the file) to the end of the line before it, newlines between included, the last newline not.
 * When the previous line is chained that is just its bytes; when other programs' chat lines follow
 * it, they are covered too, so no line before a chained line can change unnoticed.
 */
final class ChainSpan {

    /** The end every chained line has; decides chaining the same way for the appender and for verify. */
    private static final Pattern CHAINED_END = Pattern.compile(",\"seq\":[0-9]{1,18},\"prev\":\"[0-9a-f]*\"}$");
    private static final int CHAINED_END_MAX = 128;
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest;
    private boolean empty;

    ChainSpan() {
        this(sha256(), true);
    }

    private ChainSpan(MessageDigest digest, boolean empty) {
        this.digest = digest;
        this.empty = empty;
    }

    /** The {@code prev} of a chained line appended now: hex SHA-256 of the span, empty in an empty file. */
    String prev() {
        return empty ? "" : HEX.formatHex(copy().digest.digest());
    }

    /**
     * For the appender, which writes the chained line next: its {@code prev}, as {@link #prev()}, and the
     * span emptied without copying the digest. Follow with {@link #addChained}.
     */
    String takePrev() {
        String prev = empty ? "" : HEX.formatHex(digest.digest());
        empty = true;
        return prev;
    }

    /** Takes in the next line of the file (without its newline). */
    void add(byte[] line) {
        if (isChained(line)) {
            digest.reset();
            empty = true;
        }
        if (!empty) {
            digest.update((byte) '\n');
        }
        digest.update(line);
        empty = false;
    }

    /** Takes in a line known to be chained (one the appender just built), without matching its end. */
    void addChained(byte[] bytes, int offset, int length) {
        digest.reset();
        digest.update(bytes, offset, length);
        empty = false;
    }

    ChainSpan copy() {
        try {
            return new ChainSpan((MessageDigest) digest.clone(), empty);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's SHA-256 cannot be copied", e);
        }
    }

    static boolean isChained(byte[] line) {
        int from = Math.max(0, line.length - CHAINED_END_MAX);
        return CHAINED_END.matcher(new String(line, from, line.length - from, StandardCharsets.ISO_8859_1)).find();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
