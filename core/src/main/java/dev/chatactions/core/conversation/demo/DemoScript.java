package dev.chatactions.core.conversation.demo;

import java.util.List;

/** The demo model's replies and the keywords that pick them, checked in this order. */
enum DemoScript {

    HELP(List.of("help", "hello", "hi", "what can you"), """
            Hello! I am the **demo model**: a script, not a real model. Try a message with one of these words:

            - *bug* or *issue*: I propose filing an issue;
            - *fix* or *pull request*: I propose opening a pull request;
            - *ci* or *build*: I propose running CI;
            - *delete*: I propose something the policy refuses;
            - anything else: a tour with every kind of marker.
            """),
    DELETE(List.of("delete", "remove", "close", "drop"), """
            Deleting is not something this chat can do: only additive actions exist. I wrote the marker anyway so \
            you can see how a refused one looks:

            <action type="branch-delete">{"branch":"old/payments"}</action>

            It stays disabled, with the policy's reasons under it.
            """),
    ISSUE(List.of("bug", "bugs", "issue", "flaky", "fails", "failing"), """
            That sounds worth tracking. I can file it:

            <action type="issue-create">{"title":"Flaky test: payments_test times out","body":"Reported in the chat (demo model).","labels":["bug"]}</action>

            Nothing is filed until you click the button.
            """),
    PULL_REQUEST(List.of("pull request", "pr", "fix", "merge"), """
            The fix is on its branch; here is the pull request to review it:

            <action type="pr-create">{"head":"fix/payments-timeout","base":"main","title":"Raise the payments_test timeout"}</action>

            Click to open it.
            """),
    CI(List.of("ci", "build", "pipeline", "run the tests"), """
            I can start a CI run on the branch:

            <action type="ci-run">{"branch":"main"}</action>
            """),
    TOUR(List.of(), """
            Here is a tour of what I (the **demo model**) can propose; each button runs only when you click it.

            1. File the flaky test:
               <action type="issue-create">{"title":"Flaky test: payments_test times out","labels":["bug"]}</action>
            2. Open the fix as a pull request:
               <action type="pr-create">{"head":"fix/payments-timeout","base":"main","title":"Raise the payments_test timeout"}</action>
            3. Run CI on the fix branch:
               <action type="ci-run">{"branch":"fix/payments-timeout"}</action>

            Deleting the old branch is not additive, so it is refused:
            <action type="branch-delete">{"branch":"old/payments"}</action>

            And this marker is broken on purpose (its JSON is cut short):
            <action type="issue-create">{"title": "unfinished"</action>

            Markers in code are only examples: `<action type="ci-run">{"branch":"main"}</action>`
            """);

    private final List<String> keywords;
    private final String reply;

    DemoScript(List<String> keywords, String reply) {
        this.keywords = keywords;
        this.reply = reply;
    }

    /** Whole words only: "ci" must not pick the CI script for "decide". */
    boolean matches(String lowerCaseMessage) {
        String words = " " + lowerCaseMessage.replaceAll("[^a-z0-9]+", " ") + " ";
        return keywords.stream().anyMatch(keyword -> words.contains(" " + keyword + " "));
    }

    String reply() {
        return reply;
    }
}
