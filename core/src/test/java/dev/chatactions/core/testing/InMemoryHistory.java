package dev.chatactions.core.testing;

import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** A HistoryPort in memory, for tests of anything above the history adapter. Can be made to fail. */
public final class InMemoryHistory implements HistoryPort {

    private final List<HistoryRecord> records = new ArrayList<>();
    private volatile boolean failing;

    /** From now on every append throws, like a full disk. */
    public void failAppends(boolean failing) {
        this.failing = failing;
    }

    public synchronized List<HistoryRecord> records() {
        return List.copyOf(records);
    }

    public synchronized <T extends HistoryRecord> List<T> records(Class<T> kind) {
        return records.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Override
    public synchronized void append(HistoryRecord record) {
        Objects.requireNonNull(record, "record");
        if (record instanceof HistoryRecord.UnreadableLine) {
            throw new IllegalArgumentException("an unreadable line cannot be appended");
        }
        if (failing) {
            throw new HistoryException("No space left on device (test)");
        }
        records.add(record);
    }

    @Override
    public synchronized Stream<HistoryRecord> conversation(String user, String conversation) {
        return records.stream()
                .filter(r -> user.equals(userOf(r)) && Objects.equals(conversation, conversationOf(r)))
                .toList()
                .stream();
    }

    @Override
    public synchronized Stream<String> conversations(String user) {
        var ids = new LinkedHashSet<String>();
        records.stream().filter(r -> user.equals(userOf(r))).map(InMemoryHistory::conversationOf)
                .filter(Objects::nonNull).forEach(ids::add);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        return newestFirst.stream();
    }

    @Override
    public synchronized Stream<HistoryRecord> user(String user) {
        return records.stream().filter(r -> user.equals(userOf(r))).toList().stream();
    }

    @Override
    public synchronized Stream<HistoryRecord> all() {
        return List.copyOf(records).stream();
    }

    private static String userOf(HistoryRecord record) {
        return owner(record).user();
    }

    private static String conversationOf(HistoryRecord record) {
        return owner(record).conversation();
    }

    /** Whose a record is; both null for an unreadable line. */
    private static Owner owner(HistoryRecord record) {
        if (record instanceof HistoryRecord.ChatLine line) {
            return new Owner(line.user(), line.conversation());
        }
        if (record instanceof HistoryRecord.ProposalLine line) {
            return new Owner(line.user(), line.conversation());
        }
        if (record instanceof HistoryRecord.ActionLine line) {
            return new Owner(line.user(), line.conversation());
        }
        return new Owner(null, null);
    }

    private record Owner(String user, String conversation) {}
}
