package dev.chatactions.core.testing;

import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.service.ConversationId;
import dev.chatactions.core.service.UserName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A HistoryPort in memory, for tests of anything above the history adapter. It keeps the port's
 * contract ({@link HistoryPortContract}) as the NDJSON history does: names checked, one "file" per
 * conversation, conversations newest first by their last append. Can be made to fail and to hold an
 * unreadable line.
 */
public final class InMemoryHistory implements HistoryPort {

    /** A record with the file it belongs to; {@code conversation} null is the user's actions file. */
    private record Stored(String user, String conversation, HistoryRecord record) {}

    private final List<Stored> stored = new ArrayList<>();
    private volatile boolean failing;

    /** From now on every append throws, like a full disk. */
    public void failAppends(boolean failing) {
        this.failing = failing;
    }

    /** Every record, in the order it was appended. */
    public synchronized List<HistoryRecord> records() {
        return stored.stream().map(Stored::record).toList();
    }

    public synchronized <T extends HistoryRecord> List<T> records(Class<T> kind) {
        return records().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Puts a line that cannot be read at the end of a conversation, as a torn or edited file holds. */
    public synchronized void appendUnreadableLine(String user, String conversation, String problem) {
        new UserName(user);
        ConversationId.ofNullable(conversation);
        String location = (conversation == null ? "actions" : conversation) + ":" + (count(user, conversation) + 1);
        stored.add(new Stored(user, conversation, new HistoryRecord.UnreadableLine(location, problem)));
    }

    @Override
    public synchronized void append(HistoryRecord record) {
        Objects.requireNonNull(record, "record");
        Stored entry;
        if (record instanceof HistoryRecord.ChatLine line) {
            entry = new Stored(line.user(), line.conversation(), record);
        } else if (record instanceof HistoryRecord.ProposalLine line) {
            entry = new Stored(line.user(), line.conversation(), record);
        } else if (record instanceof HistoryRecord.ActionLine line) {
            entry = new Stored(line.user(), line.conversation(), record);
        } else {
            throw new IllegalArgumentException("an unreadable line cannot be appended");
        }
        new UserName(entry.user());
        ConversationId.ofNullable(entry.conversation());
        if (failing) {
            throw new HistoryException("No space left on device (test)");
        }
        stored.add(entry);
    }

    @Override
    public synchronized Stream<HistoryRecord> conversation(String user, String conversation) {
        new UserName(user);
        ConversationId.ofNullable(conversation);
        return stored.stream()
                .filter(s -> s.user().equals(user) && Objects.equals(conversation, s.conversation()))
                .map(Stored::record)
                .toList()
                .stream();
    }

    /** Newest first by the last append to each, as the NDJSON history's file times give. */
    @Override
    public synchronized Stream<String> conversations(String user) {
        new UserName(user);
        List<String> newestFirst = new ArrayList<>();
        for (int i = stored.size() - 1; i >= 0; i--) {
            Stored s = stored.get(i);
            if (s.user().equals(user) && s.conversation() != null && !newestFirst.contains(s.conversation())) {
                newestFirst.add(s.conversation());
            }
        }
        return newestFirst.stream();
    }

    /** File by file as the NDJSON history reads them: the actions first, then conversations by id. */
    @Override
    public synchronized Stream<HistoryRecord> user(String user) {
        new UserName(user);
        return byFile(stored.stream().filter(s -> s.user().equals(user)));
    }

    /** Users by name, each file by file. */
    @Override
    public synchronized Stream<HistoryRecord> all() {
        return byFile(stored.stream());
    }

    private static Stream<HistoryRecord> byFile(Stream<Stored> records) {
        Comparator<Stored> file = Comparator.comparing(Stored::user)
                .thenComparing(Stored::conversation, Comparator.nullsFirst(Comparator.naturalOrder()));
        return records.sorted(file).map(Stored::record).toList().stream();
    }

    private long count(String user, String conversation) {
        return stored.stream().filter(s -> s.user().equals(user) && Objects.equals(conversation, s.conversation())).count();
    }
}
