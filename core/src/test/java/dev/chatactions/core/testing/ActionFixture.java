package dev.chatactions.core.testing;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.policy.PolicySettings;

/** Ready-made payloads and settings for tests. */
public final class ActionFixture {

    public static final RepoRef REPO = new RepoRef("factory", "app");

    private ActionFixture() {}

    public static PolicySettings anyPolicySettings() {
        return PolicySettings.defaults(REPO);
    }

    public static Payload payload(String json) {
        return PayloadJson.read(json);
    }

    public static Payload anyIssuePayload() {
        return payload("{\"title\":\"Flaky test in ci.yml\",\"body\":\"Seen twice today.\",\"labels\":[\"bug\"]}");
    }

    public static Payload anyPrPayload() {
        return payload("{\"head\":\"fix/flaky\",\"base\":\"main\",\"title\":\"Fix flaky test\"}");
    }

    public static Payload anyCiPayload() {
        return payload("{\"branch\":\"main\"}");
    }
}
