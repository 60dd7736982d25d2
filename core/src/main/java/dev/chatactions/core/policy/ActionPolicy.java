package dev.chatactions.core.policy;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.action.RepoRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Additive only: the three action types, with exactly their fields, validated. Every reason found
 * is collected so the person sees all of them at once.
 */
public final class ActionPolicy {

    static final int MAX_TITLE = 255;
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_LABELS = 20;
    static final int MAX_LABEL = 100;

    /** Words that make a type or field name destructive or escalating, wherever they appear in it. */
    static final List<String> DESTRUCTIVE_WORDS = List.of(
            "delete", "remove", "close", "force", "push", "secret", "token", "admin", "merge", "drop",
            "destroy", "reset", "revoke", "archive", "transfer", "rename", "wipe", "purge", "lock",
            "kill", "sudo", "permission", "collaborator", "password", "credential", "key", "deploy",
            "webhook", "hook", "visibility", "owner", "edit", "update", "patch", "rewrite", "revert",
            "cancel", "approve", "grant", "exec", "shell", "run-script");

    private static final Map<ActionType, Set<String>> FIELDS = Map.of(
            ActionType.CI_RUN, Set.of("repo", "branch"),
            ActionType.ISSUE_CREATE, Set.of("title", "body", "labels"),
            ActionType.PR_CREATE, Set.of("head", "base", "title", "body"));

    private final PolicySettings settings;

    /**
     * A policy over fixed settings.
     *
     * @param settings the repositories and types this deployment allows
     */
    public ActionPolicy(PolicySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** {@return the settings it decides by} */
    public PolicySettings settings() {
        return settings;
    }

    /**
     * Decides on a request of wire type {@code type} with {@code payload}.
     *
     * @param type the wire type as requested, known or not
     * @param payload the JSON object requested
     * @return allowed with the validated action, or denied with every reason found
     */
    public Decision decide(String type, Payload payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Optional<ActionType> known = ActionType.fromWireName(type);
        if (known.isEmpty()) {
            return new Decision.Denied(List.of(destructiveWord(type)
                    .map(word -> "\"" + shorten(type) + "\" is not an additive action (" + word + ")")
                    .orElse("unknown action type \"" + shorten(type) + "\" (allowed: ci-run, issue-create, pr-create)")));
        }
        ActionType actionType = known.get();
        List<String> reasons = new ArrayList<>();
        if (!settings.enabledTypes().contains(actionType)) {
            reasons.add(actionType.wireName() + " is switched off in this deployment");
        }
        reasons.addAll(fieldNameReasons(actionType, payload));
        Fields fields = new Fields(payload, reasons);
        Action action = switch (actionType) {
            case CI_RUN -> ciRun(fields);
            case ISSUE_CREATE -> issueCreate(fields);
            case PR_CREATE -> prCreate(fields);
        };
        return reasons.isEmpty() ? new Decision.Allowed(action) : new Decision.Denied(reasons);
    }

    private static List<String> fieldNameReasons(ActionType type, Payload payload) {
        List<String> reasons = new ArrayList<>();
        Set<String> allowed = FIELDS.get(type);
        for (String name : payload.names()) {
            if (allowed.contains(name)) {
                continue;
            }
            reasons.add(destructiveWord(name)
                    .map(word -> "field \"" + shorten(name) + "\" is not an additive action (" + word + ")")
                    .orElse("unknown field \"" + shorten(name) + "\" for " + type.wireName()
                            + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
        }
        return reasons;
    }

    private static Optional<String> destructiveWord(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return DESTRUCTIVE_WORDS.stream().filter(lower::contains).findFirst();
    }

    private Action ciRun(Fields fields) {
        RepoRef repo = fields.optionalString("repo").map(fields::allowedRepo).orElse(settings.defaultRepo());
        String branch = fields.branch("branch");
        return fields.ok() ? new CiRun(repo, branch) : null;
    }

    private Action issueCreate(Fields fields) {
        String title = fields.title();
        String body = fields.body();
        List<String> labels = fields.labels();
        return fields.ok() ? new IssueCreate(settings.defaultRepo(), title, body, labels) : null;
    }

    private Action prCreate(Fields fields) {
        String head = fields.head();
        String base = fields.branch("base");
        String title = fields.title();
        String body = fields.body();
        if (head != null && base != null && head.equals(base)) {
            fields.reasons.add("head and base are the same branch (\"" + shorten(head) + "\")");
        }
        return fields.ok() ? new PrCreate(settings.defaultRepo(), head, base, title, body) : null;
    }

    /** Reads and validates payload fields, adding a reason for each problem. */
    private final class Fields {
        private final Payload payload;
        private final List<String> reasons;

        Fields(Payload payload, List<String> reasons) {
            this.payload = payload;
            this.reasons = reasons;
        }

        boolean ok() {
            return reasons.isEmpty();
        }

        Optional<String> optionalString(String name) {
            if (!payload.has(name)) {
                return Optional.empty();
            }
            Optional<String> value = payload.string(name);
            if (value.isEmpty()) {
                reasons.add(name + " must be a string");
            }
            return value;
        }

        String requiredString(String name) {
            if (!payload.has(name)) {
                reasons.add(name + " is required");
                return null;
            }
            return optionalString(name).orElse(null);
        }

        String title() {
            String title = requiredString("title");
            if (title != null) {
                int length = title.codePointCount(0, title.length());
                if (VisibleText.showsNothing(title)) {
                    reasons.add(title.isBlank() ? "title is empty" : "title is empty (only invisible or space characters)");
                } else if (length > MAX_TITLE) {
                    reasons.add("title is " + length + " characters long (at most " + MAX_TITLE + ")");
                }
                VisibleText.bidiControl(title).ifPresent(p -> reasons.add("title " + p));
            }
            return title;
        }

        String body() {
            String body = optionalString("body").orElse(null);
            if (body != null) {
                int bytes = body.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_BODY_BYTES) {
                    reasons.add("body is " + bytes + " bytes (at most 64 KiB)");
                }
            }
            return body;
        }

        String branch(String name) {
            String branch = requiredString(name);
            if (branch != null) {
                GitRefNames.problem(branch).or(() -> VisibleText.hiddenCharacter(branch))
                        .ifPresent(p -> reasons.add(name + " \"" + shorten(branch) + "\" is not a valid branch name: it " + p));
            }
            return branch;
        }

        /** A PR head is a branch, or {@code user:branch} for a fork. */
        String head() {
            String head = requiredString("head");
            if (head != null) {
                int colon = head.indexOf(':');
                String branch = colon < 0 ? head : head.substring(colon + 1);
                if (colon == 0 || head.indexOf(':', colon + 1) >= 0) {
                    reasons.add("head \"" + shorten(head) + "\" must be a branch or user:branch");
                } else {
                    GitRefNames.problem(branch).or(() -> VisibleText.hiddenCharacter(head)).ifPresent(
                            p -> reasons.add("head \"" + shorten(head) + "\" is not a valid branch name: it " + p));
                }
            }
            return head;
        }

        List<String> labels() {
            if (!payload.has("labels")) {
                return List.of();
            }
            if (!(payload.get("labels") instanceof List<?> raw)) {
                reasons.add("labels must be an array of label names");
                return List.of();
            }
            if (raw.size() > MAX_LABELS) {
                reasons.add("labels has " + raw.size() + " entries (at most " + MAX_LABELS + ")");
            }
            List<String> labels = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Object item : raw) {
                if (!(item instanceof String label) || VisibleText.showsNothing(label)) {
                    reasons.add("labels must be non-empty label names (strings)");
                    return List.of();
                }
                Optional<String> bidi = VisibleText.bidiControl(label);
                if (bidi.isPresent()) {
                    reasons.add("label \"" + shorten(label) + "\" " + bidi.get());
                } else if (label.length() > MAX_LABEL) {
                    reasons.add("label \"" + shorten(label) + "\" is longer than " + MAX_LABEL + " characters");
                } else if (!seen.add(label)) {
                    reasons.add("label \"" + shorten(label) + "\" is listed twice");
                }
                labels.add(label);
            }
            return labels;
        }

        RepoRef allowedRepo(String fullName) {
            if (!RepoRef.isValid(fullName)) {
                reasons.add("repo \"" + shorten(fullName) + "\" must be owner/name");
                return null;
            }
            RepoRef repo = RepoRef.parse(fullName);
            if (!settings.allowedRepos().contains(repo)) {
                reasons.add("repo \"" + repo + "\" is not in the allow-list ("
                        + String.join(", ", settings.allowedRepos().stream().map(RepoRef::fullName).sorted().toList()) + ")");
            }
            return repo;
        }
    }

    /** A name as a reason quotes it: short, and with invisible and bidirectional characters written out. */
    private static String shorten(String text) {
        String shown = VisibleText.shown(text);
        return shown.codePointCount(0, shown.length()) <= 80 ? shown : shown.substring(0, shown.offsetByCodePoints(0, 77)) + "...";
    }
}
