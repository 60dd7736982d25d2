package dev.chatactions.app.http;

import static dev.chatactions.app.http.Html.escape;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.conversation.ConversationSummary;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.policy.VisibleText;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.Proposal;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The HTML of the chat page and its fragments. Every piece of text from a model, a user or an upstream is escaped. */
final class ChatHtml {

    static final String HTMX_PATH = "/webjars/htmx.org/2.0.8/dist/htmx.min.js";

    /** htmx swaps error answers too (they carry the error fragment) and adds no inline style (CSP). */
    private static final String HTMX_CONFIG = "{\"includeIndicatorStyles\":false,\"allowEval\":false,"
            + "\"selfRequestsOnly\":true,\"responseHandling\":[{\"code\":\"204\",\"swap\":false},"
            + "{\"code\":\"...\",\"swap\":true}]}";

    static final String CI_RUN_NOTE = "runs once per UTC day: from tomorrow this button runs CI again";

    private ChatHtml() {}

    static String page(String title, String csrfToken, String user, boolean dryRun, String main) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"csrf-token\" content=\"" + escape(csrfToken) + "\">\n"
                + "<meta name=\"htmx-config\" content=\"" + escape(HTMX_CONFIG) + "\">\n"
                + "<title>" + escape(title) + " · chat-actions</title>\n"
                + "<link rel=\"stylesheet\" href=\"/static/chat.css\">\n"
                + "<script src=\"" + HTMX_PATH + "\"></script>\n"
                + "<script src=\"/static/chat.js\"></script>\n"
                + "</head>\n<body>\n<header class=\"top\"><a class=\"home\" href=\"/chat/\">chat-actions</a>"
                + "<span class=\"who\">" + escape(user) + "</span>"
                + "<button type=\"button\" class=\"logout\" hx-post=\"/chat/logout\">Sign out</button></header>\n"
                + (dryRun ? "<p class=\"banner\">Dry run: every action is checked and recorded, nothing is sent to the forge or CI.</p>\n" : "")
                + "<main>\n" + main + "\n</main>\n</body>\n</html>\n";
    }

    /** A page without a session (login errors, the 403 of the allow-list). */
    static String plainPage(String title, String message) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + escape(title) + " · chat-actions</title>\n"
                + "<link rel=\"stylesheet\" href=\"/static/chat.css\">\n</head>\n<body>\n<main>\n"
                + "<h1>" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n"
                + "</main>\n</body>\n</html>\n";
    }

    /**
     * The list of conversations, newest first: first words, start time, message count.
     *
     * @param canStart whether a model is configured, so "New conversation" can start one
     */
    static String conversationList(List<ConversationSummary> conversations, boolean canStart) {
        StringBuilder html = new StringBuilder("<h1>Conversations</h1>\n");
        if (canStart) {
            html.append("<button type=\"button\" class=\"new-conversation\" hx-post=\"/chat/new\">New conversation</button>\n");
        }
        if (conversations.isEmpty()) {
            return html.append("<p class=\"empty\">No conversations yet.</p>").toString();
        }
        html.append("<ul class=\"conversations\">\n");
        for (ConversationSummary c : conversations) {
            html.append("<li><a href=\"/chat/c/").append(escape(c.id())).append("\">")
                    .append(escape(c.preview().isEmpty() ? c.id() : c.preview())).append("</a> <span class=\"meta\">");
            if (c.createdAt() != null) {
                String started = c.createdAt().truncatedTo(ChronoUnit.MINUTES).toString();
                html.append("<time datetime=\"").append(escape(c.createdAt().toString())).append("\">")
                        .append(escape(started.replace('T', ' ').replace("Z", " UTC"))).append("</time> · ");
            }
            html.append(c.messageCount()).append(c.messageCount() == 1 ? " message" : " messages").append("</span></li>\n");
        }
        return html.append("</ul>").toString();
    }

    /** The message box of a conversation; a sent message appends the person's bubble and the streaming reply to {@code #turns}. */
    static String messageForm(String conversation, String modelLabel) {
        return "<form class=\"message\" hx-post=\"/chat/c/" + escape(conversation) + "/messages\" hx-target=\"#turns\""
                + " hx-swap=\"beforeend\" hx-disabled-elt=\"find button\">"
                + "<label for=\"message\">Message <span class=\"model\">(answered by the " + escape(modelLabel) + ")</span></label>"
                + "<textarea id=\"message\" name=\"message\" rows=\"3\" required></textarea>"
                + "<button type=\"submit\">Send</button></form>";
    }

    /** The assistant's bubble while its reply streams: chat.js reads {@code data-events} and fills it in. */
    static String streamingTurn(String eventsPath, String modelLabel) {
        return "<article class=\"turn assistant streaming\" data-events=\"" + escape(eventsPath) + "\">"
                + "<h2 class=\"role\">assistant <span class=\"model\">(" + escape(modelLabel) + ")</span></h2>"
                + "<div class=\"text\" aria-live=\"polite\"></div></article>\n";
    }

    static String turn(String role, String innerHtml) {
        return "<article class=\"turn " + escape(role) + "\"><h2 class=\"role\">" + escape(role) + "</h2>"
                + "<div class=\"text" + ("assistant".equals(role) ? " markdown" : "") + "\">" + innerHtml + "</div></article>\n";
    }

    /**
     * The button of an allowed proposal: it posts the canonical payload with the proposal id and digest.
     *
     * @param enabled false while the turn that offers it is still streaming
     */
    static String button(Proposal proposal, Action action, boolean enabled) {
        StringBuilder url = new StringBuilder("/chat/action/").append(proposal.type()).append('?');
        if (proposal.conversation() != null) {
            url.append("conversation=").append(proposal.conversation()).append('&');
        }
        url.append("proposal=").append(proposal.id()).append("&digest=").append(proposal.digest());
        return "<div class=\"action\" id=\"" + escape(proposal.id()) + "\">"
                + "<button type=\"button\" class=\"run\" hx-post=\"" + escape(url) + "\" hx-ext=\"payload-json\""
                + " data-payload=\"" + escape(PayloadJson.canonical(proposal.payload())) + "\""
                + " hx-target=\"closest .action\" hx-swap=\"outerHTML\" hx-disabled-elt=\"this\"" + (enabled ? "" : " disabled") + ">"
                + "<span class=\"type\">" + escape(proposal.type()) + "</span> " + describe(action)
                + "</button></div>";
    }

    /** A denied marker: a disabled button saying what it asked for and every reason. */
    static String deniedButton(String type, Payload payload, List<String> reasons) {
        StringBuilder html = new StringBuilder("<div class=\"action denied\">")
                .append("<button type=\"button\" disabled><span class=\"type\">").append(escape(type)).append("</span> ");
        payload.string("title").ifPresent(t -> html.append("<q>").append(escape(VisibleText.shown(t))).append("</q>"));
        payload.string("branch").ifPresent(b -> html.append(" on <code>").append(escape(VisibleText.shown(b))).append("</code>"));
        html.append("</button><ul class=\"reasons\">");
        reasons.forEach(r -> html.append("<li>").append(escape(r)).append("</li>"));
        return html.append("</ul></div>").toString();
    }

    static String invalidWarning(String type, String reason) {
        return "<div class=\"action invalid\" role=\"alert\"><strong>Broken action marker"
                + (type == null ? "" : " (" + escape(type) + ")") + ":</strong> " + escape(reason) + "</div>";
    }

    /**
     * What a button becomes after the click, or on a reload: the recorded outcome.
     *
     * @param links which upstream URLs become links; the others are shown as text
     */
    static String outcome(String type, ActionOutcome outcome, LinkTargets links) {
        OutcomeAnswer answer = OutcomeAnswer.of(type, outcome);
        ActionOutcome settled = outcome instanceof ActionOutcome.AlreadyDone already ? already.earlier() : outcome;
        if (settled instanceof ActionOutcome.Done done) {
            return doneFragment(type, done.result(), "", links);
        }
        if (settled instanceof ActionOutcome.NotRecorded notRecorded && notRecorded.upstream() instanceof ActionOutcome.Done done) {
            // It was created: show it, and say that the history missed it.
            return doneFragment(type, done.result(),
                    " <strong>but the history could not be written:</strong> " + escape(notRecorded.error()), links);
        }
        Map<String, Object> problem = answer.problem().body();
        StringBuilder html = new StringBuilder("<div class=\"action result failed\" role=\"status\">")
                .append("<span class=\"type\">").append(escape(type)).append("</span> ")
                .append("<strong>").append(escape(answer.problem().title())).append("</strong>: ")
                .append(escape(answer.problem().getMessage()));
        if (problem.get("existing") instanceof Map<?, ?> existing) {
            html.append(' ').append(link(String.valueOf(existing.get("url")), "#" + existing.get("number"), links));
        }
        return html.append("</div>").toString();
    }

    /** @param noteHtml appended inside the fragment, already escaped */
    private static String doneFragment(String type, ActionResult result, String noteHtml, LinkTargets links) {
        if (result.dryRun()) {
            return "<div class=\"action result dry-run\" role=\"status\"><span class=\"type\">" + escape(type)
                    + "</span> <strong>" + escape(OutcomeAnswer.DRY_RUN_NOTE) + "</strong>; it would have sent:"
                    + "<pre>" + escape(PayloadJson.canonical(result.response().body())) + "</pre>" + noteHtml + "</div>";
        }
        String label = switch (result.kind()) {
            case "issue" -> "Issue #" + result.number();
            case "pull" -> "Pull request #" + result.number();
            case "pipeline" -> "Pipeline #" + result.number();
            default -> result.kind() + " #" + result.number();
        };
        return "<div class=\"action result done\" role=\"status\"><span class=\"type\">" + escape(type) + "</span> "
                + link(result.url(), label, links) + " created" + ciNote(type) + noteHtml + "</div>";
    }

    /** {@code text} linking to {@code url} when it is a link we show; else the text, and the URL as text beside it. */
    private static String link(String url, String text, LinkTargets links) {
        if (links.isLink(url)) {
            return "<a href=\"" + escape(url) + "\">" + escape(text) + "</a>";
        }
        return escape(text) + (url.isEmpty() ? "" : " <span class=\"not-a-link\">(" + escape(url) + ")</span>");
    }

    /** A CI run's key holds the UTC day (see ActionService): the page says when the same run is offered again. */
    private static String ciNote(String type) {
        return type.equals(ActionType.CI_RUN.wireName()) ? " <small class=\"note\">" + escape(CI_RUN_NOTE) + "</small>" : "";
    }

    /** A refusal at the edge (no session, CSRF, rate limit...) as the fragment that replaces the button. */
    static String problem(HttpProblem problem) {
        return "<div class=\"action result failed\" role=\"status\"><strong>" + escape(problem.title()) + "</strong>: "
                + escape(problem.getMessage()) + "</div>";
    }

    /**
     * Under a reply that did not complete: why, in one sentence, and a button that sends the message again.
     *
     * @param retryMessage the message to send again, or null when trying again would not help
     */
    static String cutShort(String reason, String conversation, String retryMessage) {
        String retry = retryMessage == null ? ""
                : " <button type=\"button\" class=\"retry\" hx-post=\"/chat/c/" + escape(conversation) + "/messages\""
                        + " hx-vals=\"" + escape(PayloadJson.canonical(Payload.of(Map.of("message", retryMessage)))) + "\""
                        + " hx-target=\"#turns\" hx-swap=\"beforeend\">Try again</button>";
        return "<p class=\"cut-short\" role=\"status\"><strong>Cut short:</strong> " + escape(reason) + retry + "</p>";
    }

    static String running(String type) {
        return "<div class=\"action result running\" role=\"status\"><span class=\"type\">" + escape(type)
                + "</span> running… reload to see the outcome</div>";
    }

    private static String describe(Action action) {
        String repo = "<span class=\"repo\">" + escape(action.repo().fullName()) + "</span>";
        if (action instanceof IssueCreate issue) {
            String labels = issue.labels().isEmpty() ? ""
                    : " <span class=\"labels\">[" + escape(String.join(", ", issue.labels())) + "]</span>";
            return "Create issue in " + repo + ": <q>" + escape(issue.title()) + "</q>" + labels;
        }
        if (action instanceof PrCreate pr) {
            return "Open pull request in " + repo + ": <code>" + escape(pr.head()) + "</code> → <code>"
                    + escape(pr.base()) + "</code> <q>" + escape(pr.title()) + "</q>";
        }
        CiRun run = (CiRun) action;
        return "Run CI for " + repo + " on <code>" + escape(run.branch()) + "</code>" + ciNote(run.type().wireName());
    }
}
