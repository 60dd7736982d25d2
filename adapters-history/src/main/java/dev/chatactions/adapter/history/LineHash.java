package dev.chatactions.adapter.history;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The chain link: lower-case hex SHA-256 of a line's bytes without its newline. */
final class LineHash {

    /** The {@code prev} of a file's first line. */
    static final String NONE = "";

    private LineHash() {}

    static String of(byte[] bytes, int offset, int length) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bytes, offset, length);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String of(byte[] line) {
        return of(line, 0, line.length);
    }
}
