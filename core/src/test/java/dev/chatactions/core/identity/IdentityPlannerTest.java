package dev.chatactions.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityPlannerTest {

    private static final String SHARED = IdentityEnvironment.DEFAULT_SHARED_DIR;

    /** Symbolic links as a table: a link's path and its target. */
    private final Map<String, String> links = new HashMap<>();

    private final IdentityPlanner planner = new IdentityPlanner(this::resolveLinks);

    private AbsolutePath resolveLinks(AbsolutePath path) {
        for (Map.Entry<String, String> link : links.entrySet()) {
            AbsolutePath from = AbsolutePath.of(link.getKey());
            if (path.isSameOrInside(from)) {
                return AbsolutePath.of(link.getValue() + path.value().substring(from.value().length()));
            }
        }
        return path;
    }

    private IdentityPlan planOf(Map<String, String> environment) {
        IdentityOutcome outcome = planner.plan(environment);
        assertThat(outcome).isInstanceOf(IdentityPlan.class);
        return (IdentityPlan) outcome;
    }

    private String refusalOf(Map<String, String> environment) {
        IdentityOutcome outcome = planner.plan(environment);
        assertThat(outcome).isInstanceOf(IdentityRefusal.class);
        return ((IdentityRefusal) outcome).message();
    }

    @Test
    void givenOnlyHome_thenTheIdentityDirIsDotClaudeChatInHomeMountedIntoTheContainer() {
        IdentityPlan plan = planOf(Map.of("HOME", "/home/ada"));

        assertThat(plan.mode()).isEqualTo(IdentityMode.CONFIG_DIR);
        assertThat(plan.mount()).contains(new Mount(
                AbsolutePath.of("/home/ada/.claude-chat"), AbsolutePath.of("/home/chat/.claude-chat")));
        assertThat(plan.environment()).containsExactly(
                Map.entry("CLAUDE_CONFIG_DIR", "/home/chat/.claude-chat/config"),
                Map.entry("CLAUDE_CREDENTIALS_DIR", "/home/chat/.claude-chat/config/credentials"));
    }

    @Test
    void givenChatClaudeDir_thenItOverridesHome() {
        IdentityPlan plan = planOf(Map.of("HOME", "/home/ada", "CHAT_CLAUDE_DIR", "/srv/chat/claude/"));

        assertThat(plan.mount()).map(Mount::host).contains(AbsolutePath.of("/srv/chat/claude"));
    }

    @Test
    void givenAnEmptyChatClaudeDir_thenHomeIsUsedAsInTheShell() {
        IdentityPlan plan = planOf(Map.of("HOME", "/home/ada", "CHAT_CLAUDE_DIR", ""));

        assertThat(plan.mount()).map(Mount::host).contains(AbsolutePath.of("/home/ada/.claude-chat"));
    }

    @Test
    void givenAnApiKey_thenNothingIsMountedAndTheKeyIsPassedByReference() {
        IdentityPlan plan = planOf(Map.of(
                "HOME", "/home/ada", "CHAT_CLAUDE_DIR", SHARED, "ANTHROPIC_API_KEY", "sk-ant-secret-value"));

        assertThat(plan.mode()).isEqualTo(IdentityMode.API_KEY);
        assertThat(plan.mount()).isEmpty();
        assertThat(plan.environment()).containsExactly(Map.entry("ANTHROPIC_API_KEY", "${ANTHROPIC_API_KEY}"));
        assertThat(plan.toString()).doesNotContain("sk-ant-secret-value");
    }

    @Test
    void givenTheSharedDirItself_thenRefusedNamingBothPaths() {
        String message = refusalOf(Map.of("CHAT_CLAUDE_DIR", SHARED));

        assertThat(message).startsWith("chat identity dir " + SHARED + " is the agents' shared Claude dir " + SHARED);
    }

    @Test
    void givenADirInsideTheSharedDir_thenRefused() {
        String message = refusalOf(Map.of("CHAT_CLAUDE_DIR", SHARED + "/chat"));

        assertThat(message).contains(SHARED + "/chat is inside the agents' shared Claude dir " + SHARED);
    }

    @Test
    void givenADirContainingTheSharedDir_thenRefused() {
        String message = refusalOf(Map.of("CHAT_CLAUDE_DIR", "/var/lib"));

        assertThat(message).contains("/var/lib contains the agents' shared Claude dir " + SHARED);
    }

    @Test
    void givenTheRootDir_thenRefusedBecauseItContainsEverything() {
        assertThat(refusalOf(Map.of("CHAT_CLAUDE_DIR", "/"))).contains("/ contains the agents' shared Claude dir");
    }

    @Test
    void givenDotDotLeadingIntoTheSharedDir_thenRefused() {
        String message = refusalOf(Map.of("CHAT_CLAUDE_DIR", "/home/ada/../../var/lib/disinto/./claude-shared/x"));

        assertThat(message).contains("is inside the agents' shared Claude dir " + SHARED);
    }

    @Test
    void givenDotDotLeadingOutOfTheSharedDir_thenPlanned() {
        IdentityPlan plan = planOf(Map.of("CHAT_CLAUDE_DIR", SHARED + "/../claude-chat"));

        assertThat(plan.mount()).map(Mount::host).contains(AbsolutePath.of("/var/lib/disinto/claude-chat"));
    }

    @Test
    void givenASymlinkIntoTheSharedDir_thenRefusedShowingWhereItResolves() {
        links.put("/home/ada/.claude-chat", SHARED + "/chat");

        String message = refusalOf(Map.of("HOME", "/home/ada"));

        assertThat(message).contains("/home/ada/.claude-chat (resolves to " + SHARED + "/chat) is inside");
    }

    @Test
    void givenASymlinkedParentLeadingToTheSharedDir_thenRefused() {
        links.put("/srv/agents", "/var/lib/disinto");

        assertThat(refusalOf(Map.of("CHAT_CLAUDE_DIR", "/srv/agents/claude-shared"))).contains("resolves to " + SHARED);
    }

    @Test
    void givenASharedDirThatIsASymlink_thenItsTargetIsProtectedToo() {
        links.put(SHARED, "/data/claude");

        assertThat(refusalOf(Map.of("CHAT_CLAUDE_DIR", "/data/claude/chat")))
                .contains("is inside the agents' shared Claude dir " + SHARED + " (resolves to /data/claude)");
    }

    @Test
    void givenAnotherSharedDir_thenThatOneIsProtected() {
        Map<String, String> environment = Map.of("HOME", "/home/ada", "DISINTO_CLAUDE_SHARED_DIR", "/home/ada");

        assertThat(refusalOf(environment)).contains("is inside the agents' shared Claude dir /home/ada");
        assertThat(planOf(Map.of("CHAT_CLAUDE_DIR", SHARED, "DISINTO_CLAUDE_SHARED_DIR", "/opt/shared")).mount())
                .isPresent();
    }

    @Test
    void givenARelativeSharedDir_thenRefusedBecauseNothingCanBeChecked() {
        assertThat(refusalOf(Map.of("HOME", "/home/ada", "DISINTO_CLAUDE_SHARED_DIR", "shared")))
                .contains("\"shared\" (from DISINTO_CLAUDE_SHARED_DIR) is not an absolute path");
    }

    @Test
    void givenARelativeChatClaudeDir_thenRefusedNamingIt() {
        assertThat(refusalOf(Map.of("CHAT_CLAUDE_DIR", "claude-chat")))
                .startsWith("chat identity dir \"claude-chat\" (from CHAT_CLAUDE_DIR) is not an absolute path");
    }

    @Test
    void givenARelativeHome_thenRefusedNamingTheDerivedPath() {
        assertThat(refusalOf(Map.of("HOME", "ada")))
                .startsWith("chat identity dir \"ada/.claude-chat\" (from HOME) is not an absolute path");
    }

    @Test
    void givenNeitherHomeNorChatClaudeDir_thenRefused() {
        assertThat(refusalOf(Map.of())).contains("neither CHAT_CLAUDE_DIR nor HOME is set");
    }

    @Test
    void everyRefusalIsOneLineThatSaysHowToFixIt() {
        assertThat(refusalOf(Map.of("CHAT_CLAUDE_DIR", SHARED)))
                .doesNotContain("\n")
                .endsWith("set CHAT_CLAUDE_DIR to an absolute directory of chat's own, or set ANTHROPIC_API_KEY");
    }
}
