package dev.chatactions.adapter.history;

import dev.chatactions.adapter.history.HistoryLineCodec.EncodedLine;
import dev.chatactions.adapter.history.HistoryLineCodec.Origin;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.service.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The NDJSON line format and its hash chain for a store that keeps a file's lines elsewhere (a
 * database): the same bytes {@link HistoryFile} writes, read back the same way, checked by the
 * same {@code verify}. Lines are passed without their newline.
 */
public final class HistoryLines {

    private HistoryLines() {}

    /**
     * Whose file a record goes to: its user and conversation (null: the user's records outside any).
     *
     * @param user a checked user name
     * @param conversation a checked conversation id, or null
     */
    public record Place(String user, String conversation) {
        public Place {
            Names.requireUser(user);
            Names.requireConversation(conversation);
        }

        /**
         * The file a record is appended to.
         *
         * @param record a chat, proposal or action line
         * @return its place
         * @throws IllegalArgumentException for an {@link HistoryRecord.UnreadableLine} or a name that could leave the history
         */
        public static Place of(HistoryRecord record) {
            Objects.requireNonNull(record, "record");
            if (record instanceof ChatLine chat) {
                return new Place(chat.user(), chat.conversation());
            } else if (record instanceof ProposalLine proposal) {
                return new Place(proposal.user(), proposal.conversation());
            } else if (record instanceof ActionLine action) {
                return new Place(action.user(), action.conversation());
            }
            throw new IllegalArgumentException("an unreadable line cannot be appended");
        }
    }

    /**
     * A record as JSON in the history's format, without {@code seq} and {@code prev}: for a store
     * that keeps single records apart from any file, read back with {@link #read}.
     *
     * @param record a chat, proposal or action line
     * @return its JSON's UTF-8 bytes
     * @throws IllegalArgumentException for an {@link HistoryRecord.UnreadableLine}
     */
    public static byte[] encode(HistoryRecord record) {
        return HistoryLineCodec.encode(record).json();
    }

    /**
     * Whether a stored line is chained: it ends with {@code seq} and {@code prev}.
     *
     * @param line a line without its newline
     * @return true for a chained line
     */
    public static boolean isChained(byte[] line) {
        return ChainSpan.isChained(line);
    }

    /** One line as a file holds it, and whether it is chained (carries {@code seq} and {@code prev}). */
    public record Line(byte[] bytes, boolean chained) {
        public Line {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Line line && chained == line.chained && Arrays.equals(bytes, line.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + Boolean.hashCode(chained);
        }

        @Override
        public String toString() {
            return "Line[" + bytes.length + " bytes" + (chained ? ", chained]" : "]");
        }
    }

    /**
     * The tail of one file as the chain sees it: what the next chained line's {@code prev} covers.
     * Not thread-safe; build one per append from the lines since the last chained line.
     */
    public static final class Tail {
        private final ChainSpan span = new ChainSpan();

        /**
         * Takes in the file's next line. Only the lines from the last chained one on matter (all of
         * them when none is chained).
         *
         * @param line a stored line, without its newline
         */
        public void add(byte[] line) {
            span.add(line);
        }

        /**
         * The line {@code record} becomes as line {@code number} of the file; a chained line links
         * to this tail, and the tail moves past it.
         *
         * @param record a chat, proposal or action line
         * @param number its 1-based line number in the file, the chain's {@code seq}
         * @return the line's bytes
         * @throws IllegalArgumentException for an {@link HistoryRecord.UnreadableLine}
         */
        public Line append(HistoryRecord record, long number) {
            EncodedLine encoded = HistoryLineCodec.encode(record);
            if (!encoded.chained()) {
                span.add(encoded.json());
                return new Line(encoded.json(), false);
            }
            byte[] json = encoded.json();
            byte[] chain = HistoryLineCodec.chainFields(number, span.takePrev());
            byte[] line = Arrays.copyOf(json, json.length - 1 + chain.length + 1);
            System.arraycopy(chain, 0, line, json.length - 1, chain.length);
            line[line.length - 1] = '}';
            span.addChained(line, 0, line.length);
            return new Line(line, true);
        }

        /** The {@code prev} a chained line appended now would carry: the head of the file. */
        public String prev() {
            return span.prev();
        }
    }

    /**
     * The record a stored line holds, as {@link HistoryFile#records()} reads it: empty for other
     * programs' lines that are not chat messages, an {@link HistoryRecord.UnreadableLine} for a
     * line that cannot be read.
     *
     * @param line the stored line, without its newline
     * @param number its 1-based line number
     * @param location names the file in an unreadable line's location ({@code location:number})
     * @param user the file's user
     * @param conversation the file's conversation, or null for the user's actions
     * @return the record, if the line is one
     */
    public static Optional<HistoryRecord> read(byte[] line, long number, String location, String user, String conversation) {
        return HistoryLineCodec.decode(new String(line, StandardCharsets.UTF_8), number,
                new Origin(location, user, conversation));
    }

    /** Opens a file's lines (as NDJSON bytes) from the start; may be called more than once. */
    public interface Source {
        /**
         * @return the file's bytes, newline-terminated lines
         * @throws IOException when they cannot be read
         */
        InputStream open() throws IOException;
    }

    /** Takes one line after another. */
    public interface LineConsumer {
        /**
         * @param number the line's 1-based number
         * @param line its bytes, without the newline
         */
        void accept(long number, byte[] line);
    }

    /**
     * Reads NDJSON bytes line by line, such as a file {@link HistoryFile#verify()} found intact.
     *
     * @param source the bytes
     * @param consumer takes each whole line
     * @throws IOException when they cannot be read, or a line is torn or longer than a history line can be
     */
    public static void eachLine(Source source, LineConsumer consumer) throws IOException {
        try (LineReader reader = new LineReader(source.open())) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                if (!line.terminated() || line.overlong()) {
                    throw new IOException("line " + line.number() + " is torn or too long");
                }
                consumer.accept(line.number(), line.bytes());
            }
        }
    }

    /**
     * Checks the hash chain of lines kept elsewhere, as {@link HistoryFile#verify()} checks a file,
     * against the head their store recorded with them.
     *
     * @param source the lines as NDJSON bytes
     * @param headLines how many lines the store says the file has
     * @param headPrev the {@code prev} a chained line appended after them would carry
     * @param headSource names the store's head in explanations
     * @return intact, or the first bad line
     * @throws IOException when the lines cannot be read
     */
    public static Verification verify(Source source, long headLines, String headPrev, String headSource) throws IOException {
        Optional<ChainHead> head = headLines == 0 ? Optional.empty() : Optional.of(new ChainHead(headLines, headPrev));
        return ChainVerifier.verify(source::open, head, headSource);
    }
}
