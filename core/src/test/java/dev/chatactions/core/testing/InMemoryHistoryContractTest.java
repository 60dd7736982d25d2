package dev.chatactions.core.testing;

import dev.chatactions.core.port.HistoryPort;

/** The in-memory fake keeps the history contract, so tests above the history can trust it. */
class InMemoryHistoryContractTest extends HistoryPortContract {

    private final InMemoryHistory history = new InMemoryHistory();

    @Override
    protected HistoryPort history() {
        return history;
    }

    @Override
    protected void aMomentPasses() {
        // every append is a later moment in memory
    }

    @Override
    protected void appendsFail() {
        history.failAppends(true);
    }

    @Override
    protected void appendsWork() {
        history.failAppends(false);
    }

    @Override
    protected void spoilWithAnUnreadableLine(String user, String conversation) {
        history.appendUnreadableLine(user, conversation, "not JSON");
    }
}
