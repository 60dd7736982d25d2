package dev.chatactions.adapter.history;

import static dev.chatactions.adapter.history.Verification.Defect.EDITED;
import static dev.chatactions.adapter.history.Verification.Defect.REMOVED;
import static dev.chatactions.adapter.history.Verification.Defect.REORDERED;
import static dev.chatactions.adapter.history.Verification.Defect.TORN_TAIL;
import static dev.chatactions.adapter.history.Verification.Defect.UNPARSEABLE;

import dev.chatactions.adapter.history.LineReader.Line;
import dev.chatactions.adapter.history.Verification.Broken;
import dev.chatactions.adapter.history.Verification.Intact;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.InvalidJsonException;
import dev.chatactions.core.action.json.PayloadJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file's hash chain line by line and names the first defect. Chained lines carry
 * {@code seq} (their line number) and {@code prev} (the hash of the line before); chat lines of
 * other programs carry neither but are covered by the next chained line. What no chain can show:
 * an edit of the very last line, or lines cut off the end.
 */
final class ChainVerifier {

    private ChainVerifier() {}

    static Verification verify(Path file) throws IOException {
        try (LineReader reader = new LineReader(Files.newInputStream(file))) {
            String previousHash = LineHash.NONE;
            long lastSeq = 0;
            long lines = 0;
            for (Line line = reader.next(); line != null; line = reader.next()) {
                long n = line.number();
                lines = n;
                if (!line.terminated()) {
                    return new Broken(n, TORN_TAIL, "the last line has no newline (" + line.bytes().length
                            + " bytes): a write was cut short");
                }
                Payload fields;
                try {
                    fields = PayloadJson.read(line.text());
                } catch (InvalidJsonException e) {
                    return new Broken(n, UNPARSEABLE, e.getMessage());
                }
                if (fields.has(HistoryLineCodec.SEQ)) {
                    Broken broken = checkLink(file, n, fields, lastSeq, previousHash);
                    if (broken != null) {
                        return broken;
                    }
                    lastSeq = n;
                }
                previousHash = LineHash.of(line.bytes());
            }
            return new Intact(lines);
        }
    }

    private static Broken checkLink(Path file, long n, Payload fields, long lastSeq, String previousHash)
            throws IOException {
        if (!(fields.get(HistoryLineCodec.SEQ) instanceof BigInteger seqValue) || seqValue.bitLength() > 62
                || !(fields.get(HistoryLineCodec.PREV) instanceof String prev)) {
            return new Broken(n, EDITED, "\"seq\" or \"prev\" is malformed");
        }
        long seq = seqValue.longValue();
        if (seq == lastSeq) {
            return new Broken(n, EDITED, "seq " + seq + " appears twice: a line was duplicated");
        }
        if (seq < lastSeq) {
            return new Broken(n, REORDERED, "seq " + seq + " comes after seq " + lastSeq);
        }
        if (seq > n) {
            return seqAppearsLater(file, n, seq)
                    ? new Broken(n, REORDERED, "seq " + seq + " where " + n + " was expected; seq " + n + " comes later")
                    : new Broken(n, REMOVED, (seq - n) + " line(s) missing before this one (it has seq " + seq + ")");
        }
        if (seq < n) {
            return new Broken(n, EDITED, "it has seq " + seq + ": " + (n - seq) + " line(s) were inserted before it");
        }
        if (!prev.equals(previousHash)) {
            return n == 1
                    ? new Broken(1, EDITED, "the first line's prev is not empty")
                    : new Broken(n - 1, EDITED, "its hash does not match the prev of line " + n);
        }
        return null;
    }

    /** Whether any line after {@code afterLine} carries a seq in {@code [afterLine, below)}: then lines moved. */
    private static boolean seqAppearsLater(Path file, long afterLine, long below) throws IOException {
        try (LineReader reader = new LineReader(Files.newInputStream(file))) {
            for (Line line = reader.next(); line != null; line = reader.next()) {
                if (line.number() <= afterLine || !line.terminated()) {
                    continue;
                }
                try {
                    if (PayloadJson.read(line.text()).get(HistoryLineCodec.SEQ) instanceof BigInteger seq
                            && seq.compareTo(BigInteger.valueOf(afterLine)) >= 0
                            && seq.compareTo(BigInteger.valueOf(below)) < 0) {
                        return true;
                    }
                } catch (InvalidJsonException e) {
                    // Not JSON: carries no seq.
                }
            }
            return false;
        }
    }
}
