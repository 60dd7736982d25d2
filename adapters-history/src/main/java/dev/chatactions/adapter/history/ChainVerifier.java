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
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a file's hash chain line by line and names the first defect. Chained lines carry
 * {@code seq} (their line number) and {@code prev} (see {@link ChainSpan}); chat lines of other
 * programs carry neither but are covered by the next chained line. What no chain can show, an edit
 * of the last lines or lines cut off the end, the file's {@link ChainHead} shows, up to the head.
 */
final class ChainVerifier {

    private ChainVerifier() {}

    /** Opens the lines to check from their start; called again when lines appear to have moved. */
    interface LineSource {
        InputStream open() throws IOException;
    }

    static Verification verify(Path file) throws IOException {
        Path lockFile = AppendLog.lockFileOf(file);
        return verify(() -> Files.newInputStream(file), ChainHead.read(lockFile), lockFile.getFileName().toString());
    }

    /**
     * Checks lines from any source against an optional head, which {@code headSource} names in the
     * explanations.
     */
    static Verification verify(LineSource source, Optional<ChainHead> head, String headSource) throws IOException {
        try (LineReader reader = new LineReader(source.open())) {
            ChainSpan span = new ChainSpan();
            long spanStart = 1;
            long lastSeq = 0;
            long lines = 0;
            for (Line line = reader.next(); line != null; line = reader.next()) {
                long n = line.number();
                lines = n;
                if (!line.terminated()) {
                    return new Broken(n, TORN_TAIL, "the last line has no newline (" + line.bytes().length
                            + " bytes): a write was cut short");
                }
                if (line.overlong()) {
                    return new Broken(n, UNPARSEABLE, line.overlongProblem());
                }
                Payload fields;
                try {
                    fields = PayloadJson.readStored(line.text());
                } catch (InvalidJsonException e) {
                    return new Broken(n, UNPARSEABLE, e.getMessage());
                }
                if (ChainSpan.isChained(line.bytes())) {
                    Broken broken = checkLink(source, n, fields, lastSeq, span.prev(), spanStart);
                    if (broken != null) {
                        return broken;
                    }
                    lastSeq = n;
                    spanStart = n;
                }
                span.add(line.bytes());
                if (head.isPresent() && n == head.get().lines() && !span.prev().equals(head.get().prev())) {
                    return new Broken(spanStart, EDITED, spanStart == n
                            ? "it does not match the head recorded in " + headSource
                            : "this line or one after it up to line " + n + " was changed: they do not match the head recorded in "
                                    + headSource);
                }
            }
            long anchored = head.map(ChainHead::lines).orElse(0L);
            if (anchored > lines) {
                return new Broken(lines + 1, REMOVED, (anchored - lines) + " line(s) cut off the end: the head recorded in "
                        + headSource + " says the file had " + anchored);
            }
            return new Intact(lines, anchored);
        }
    }

    /** Checks chained line {@code n} against the lines before it; {@code spanStart} is where its prev begins. */
    private static Broken checkLink(LineSource source, long n, Payload fields, long lastSeq, String expectedPrev, long spanStart)
            throws IOException {
        if (!(fields.get(HistoryLineCodec.SEQ) instanceof BigInteger seqValue)
                || !(fields.get(HistoryLineCodec.PREV) instanceof String prev)) {
            return new Broken(n, EDITED, "\"seq\" or \"prev\" is malformed");
        }
        long seq = seqValue.longValueExact(); // the end pattern allows at most 18 digits
        if (seq == lastSeq) {
            return new Broken(n, EDITED, "seq " + seq + " appears twice: a line was duplicated");
        }
        if (seq < lastSeq) {
            return new Broken(n, REORDERED, "seq " + seq + " comes after seq " + lastSeq);
        }
        if (seq > n) {
            return seqAppearsLater(source, n, seq)
                    ? new Broken(n, REORDERED, "seq " + seq + " where " + n + " was expected; seq " + n + " comes later")
                    : new Broken(n, REMOVED, (seq - n) + " line(s) missing before this one (it has seq " + seq + ")");
        }
        if (seq < n) {
            return new Broken(n, EDITED, "it has seq " + seq + ": " + (n - seq) + " line(s) were inserted before it");
        }
        if (!prev.equals(expectedPrev)) {
            if (n == 1) {
                return new Broken(1, EDITED, "the first line's prev is not empty");
            }
            return spanStart == n - 1
                    ? new Broken(n - 1, EDITED, "its hash does not match the prev of line " + n)
                    : new Broken(spanStart, EDITED, "this line or one after it up to line " + (n - 1)
                            + " was changed: the prev of line " + n + " does not match");
        }
        return null;
    }

    /** Whether any line after {@code afterLine} carries a seq in {@code [afterLine, below)}: then lines moved. */
    private static boolean seqAppearsLater(LineSource source, long afterLine, long below) throws IOException {
        try (LineReader reader = new LineReader(source.open())) {
            for (Line line = reader.next(); line != null; line = reader.next()) {
                if (line.number() <= afterLine || !line.terminated() || !ChainSpan.isChained(line.bytes())) {
                    continue;
                }
                try {
                    if (PayloadJson.readStored(line.text()).get(HistoryLineCodec.SEQ) instanceof BigInteger seq
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
