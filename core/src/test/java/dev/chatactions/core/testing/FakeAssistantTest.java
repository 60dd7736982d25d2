package dev.chatactions.core.testing;

import dev.chatactions.core.port.AssistantPort;
import java.util.List;

/** The fake model keeps the same contract as the real ones, so tests over it mean something. */
class FakeAssistantTest extends AssistantPortContract {

    @Override
    protected AssistantPort replying(List<String> pieces) {
        return new FakeAssistant().then(FakeAssistant.completed(), pieces.toArray(String[]::new));
    }

    @Override
    protected AssistantPort hangingAfter(String first) {
        return new FakeAssistant().thenHang(first);
    }
}
