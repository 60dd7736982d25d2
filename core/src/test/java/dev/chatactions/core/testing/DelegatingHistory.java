package dev.chatactions.core.testing;

import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import java.util.stream.Stream;

/** A history that passes every call on: tests override the calls they watch or slow down. */
public class DelegatingHistory implements HistoryPort {

    private final HistoryPort history;

    public DelegatingHistory(HistoryPort history) {
        this.history = history;
    }

    @Override
    public void append(HistoryRecord record) {
        history.append(record);
    }

    @Override
    public Stream<HistoryRecord> conversation(String user, String conversation) {
        return history.conversation(user, conversation);
    }

    @Override
    public Stream<String> conversations(String user) {
        return history.conversations(user);
    }

    @Override
    public Stream<HistoryRecord> user(String user) {
        return history.user(user);
    }

    @Override
    public Stream<HistoryRecord> keyed(String user, String key) {
        return history.keyed(user, key);
    }

    @Override
    public Stream<HistoryRecord> all() {
        return history.all();
    }
}
