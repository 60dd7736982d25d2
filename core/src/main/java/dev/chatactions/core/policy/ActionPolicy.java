package dev.chatactions.core.policy;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.Payload;
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
import java.util.function.Function;

/**
 * Additive only: the three action types, with exactly their fields, validated. The payload is read
 * once into an {@link ActionDraft}; each rule of the type ({@link #rulesFor}) gives its reasons, and
 * the decision collects every one so the person sees all of them at once.
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

    /** What makes an action of {@code type} allowed: every rule holds. Reasons come in this order. */
    static List<ActionRule> rulesFor(ActionType type) {
        return switch (type) {
            case CI_RUN -> List.of(TYPE_SWITCHED_ON, NO_DESTRUCTIVE_NAMES, ONLY_KNOWN_FIELDS,
                    REPO_IS_A_STRING, REPO_IS_OWNER_SLASH_NAME, REPO_IN_ALLOW_LIST,
                    BRANCH_IS_GIVEN, BRANCH_IS_A_GIT_REF);
            case ISSUE_CREATE -> List.of(TYPE_SWITCHED_ON, NO_DESTRUCTIVE_NAMES, ONLY_KNOWN_FIELDS,
                    TITLE_IS_GIVEN, TITLE_SHOWS_TEXT, TITLE_LENGTH, TITLE_HAS_NO_BIDI_CONTROLS,
                    BODY_IS_A_STRING, BODY_SIZE,
                    LABELS_ARE_AN_ARRAY, LABEL_COUNT, EACH_LABEL_SHOWN_SHORT_AND_ONCE);
            case PR_CREATE -> List.of(TYPE_SWITCHED_ON, NO_DESTRUCTIVE_NAMES, ONLY_KNOWN_FIELDS,
                    HEAD_IS_GIVEN, HEAD_IS_A_BRANCH_OR_FORK_BRANCH,
                    BASE_IS_GIVEN, BASE_IS_A_GIT_REF,
                    TITLE_IS_GIVEN, TITLE_SHOWS_TEXT, TITLE_LENGTH, TITLE_HAS_NO_BIDI_CONTROLS,
                    BODY_IS_A_STRING, BODY_SIZE,
                    HEAD_DIFFERS_FROM_BASE);
        };
    }

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
        ActionDraft draft = ActionDraft.read(known.get(), payload);
        List<String> reasons = rulesFor(draft.type()).stream()
                .flatMap(rule -> rule.reasons(draft, settings).stream())
                .toList();
        return reasons.isEmpty() ? new Decision.Allowed(draft.action(settings)) : new Decision.Denied(reasons);
    }

    // Every type.

    static final ActionRule TYPE_SWITCHED_ON = (draft, settings) -> settings.enabledTypes().contains(draft.type())
            ? List.of()
            : List.of(draft.type().wireName() + " is switched off in this deployment");

    /** A field the type does not take, named for a destructive or escalating act. */
    static final ActionRule NO_DESTRUCTIVE_NAMES = (draft, settings) -> draft.fieldNames().stream()
            .filter(name -> !FIELDS.get(draft.type()).contains(name))
            .flatMap(name -> destructiveWord(name).stream()
                    .map(word -> "field \"" + shorten(name) + "\" is not an additive action (" + word + ")"))
            .toList();

    /** Any other field the type does not take. */
    static final ActionRule ONLY_KNOWN_FIELDS = (draft, settings) -> {
        Set<String> allowed = FIELDS.get(draft.type());
        return draft.fieldNames().stream()
                .filter(name -> !allowed.contains(name) && destructiveWord(name).isEmpty())
                .map(name -> "unknown field \"" + shorten(name) + "\" for " + draft.type().wireName()
                        + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")")
                .toList();
    };

    // ci-run: a branch, in the configured repository or one on the allow-list.

    static final ActionRule REPO_IS_A_STRING = (draft, settings) -> draft.repo().mistyped();

    static final ActionRule REPO_IS_OWNER_SLASH_NAME = (draft, settings) -> draft.repo().check(repo -> RepoRef.isValid(repo)
            ? Optional.empty()
            : Optional.of("repo \"" + shorten(repo) + "\" must be owner/name"));

    static final ActionRule REPO_IN_ALLOW_LIST = (draft, settings) -> draft.repo()
            .check(repo -> Optional.of(repo).filter(RepoRef::isValid).map(RepoRef::parse)
                    .filter(named -> !settings.allowedRepos().contains(named))
                    .map(named -> "repo \"" + named + "\" is not in the allow-list ("
                            + String.join(", ", settings.allowedRepos().stream().map(RepoRef::fullName).sorted().toList()) + ")"));

    static final ActionRule BRANCH_IS_GIVEN = (draft, settings) -> draft.branch().missingOrMistyped();

    static final ActionRule BRANCH_IS_A_GIT_REF = isAGitRef(ActionDraft::branch);

    // pr-create: head (a branch, or user:branch of a fork) into a different base branch.

    static final ActionRule HEAD_IS_GIVEN = (draft, settings) -> draft.head().missingOrMistyped();

    static final ActionRule HEAD_IS_A_BRANCH_OR_FORK_BRANCH = (draft, settings) -> draft.head().check(head -> {
        int colon = head.indexOf(':');
        if (colon == 0 || head.indexOf(':', colon + 1) >= 0) {
            return Optional.of("head \"" + shorten(head) + "\" must be a branch or user:branch");
        }
        return notABranch("head", head, head.substring(colon + 1));
    });

    static final ActionRule BASE_IS_GIVEN = (draft, settings) -> draft.base().missingOrMistyped();

    static final ActionRule BASE_IS_A_GIT_REF = isAGitRef(ActionDraft::base);

    static final ActionRule HEAD_DIFFERS_FROM_BASE = (draft, settings) -> draft.head()
            .check(head -> draft.base().value().filter(head::equals)
                    .map(same -> "head and base are the same branch (\"" + shorten(same) + "\")"));

    // Titles and bodies (issue-create, pr-create); labels (issue-create).

    static final ActionRule TITLE_IS_GIVEN = (draft, settings) -> draft.title().missingOrMistyped();

    static final ActionRule TITLE_SHOWS_TEXT = (draft, settings) -> draft.title()
            .check(title -> VisibleText.showsNothing(title)
                    ? Optional.of(title.isBlank() ? "title is empty" : "title is empty (only invisible or space characters)")
                    : Optional.empty());

    /** Counted in characters, not UTF-16 units; a title that shows nothing is refused as empty alone. */
    static final ActionRule TITLE_LENGTH = (draft, settings) -> draft.title().check(title -> {
        int length = title.codePointCount(0, title.length());
        return length > MAX_TITLE && !VisibleText.showsNothing(title)
                ? Optional.of("title is " + length + " characters long (at most " + MAX_TITLE + ")")
                : Optional.empty();
    });

    static final ActionRule TITLE_HAS_NO_BIDI_CONTROLS = (draft, settings) -> draft.title()
            .check(title -> VisibleText.bidiControl(title).map(problem -> "title " + problem));

    static final ActionRule BODY_IS_A_STRING = (draft, settings) -> draft.body().mistyped();

    static final ActionRule BODY_SIZE = (draft, settings) -> draft.body().check(body -> {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_BODY_BYTES ? Optional.of("body is " + bytes + " bytes (at most 64 KiB)") : Optional.empty();
    });

    static final ActionRule LABELS_ARE_AN_ARRAY = (draft, settings) -> draft.labels().mistyped();

    static final ActionRule LABEL_COUNT = (draft, settings) -> draft.labels().check(labels -> labels.size() > MAX_LABELS
            ? Optional.of("labels has " + labels.size() + " entries (at most " + MAX_LABELS + ")")
            : Optional.empty());

    /**
     * Label by label, in order, one reason each at most: a name that shows something, without a
     * bidirectional control, at most {@link #MAX_LABEL} characters, listed once. A label that is not
     * such a name ends the check.
     */
    static final ActionRule EACH_LABEL_SHOWN_SHORT_AND_ONCE = (draft, settings) -> draft.labels().value()
            .map(ActionPolicy::labelReasons).orElse(List.of());

    private static List<String> labelReasons(List<?> labels) {
        List<String> reasons = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object item : labels) {
            if (!(item instanceof String label) || VisibleText.showsNothing(label)) {
                reasons.add("labels must be non-empty label names (strings)");
                break;
            }
            Optional<String> bidi = VisibleText.bidiControl(label);
            if (bidi.isPresent()) {
                reasons.add("label \"" + shorten(label) + "\" " + bidi.get());
            } else if (label.length() > MAX_LABEL) {
                reasons.add("label \"" + shorten(label) + "\" is longer than " + MAX_LABEL + " characters");
            } else if (!seen.add(label)) {
                reasons.add("label \"" + shorten(label) + "\" is listed twice");
            }
        }
        return reasons;
    }

    private static ActionRule isAGitRef(Function<ActionDraft, ActionDraft.Field<String>> branchField) {
        return (draft, settings) -> {
            ActionDraft.Field<String> field = branchField.apply(draft);
            return field.check(branch -> notABranch(field.name(), branch, branch));
        };
    }

    /** Why {@code value} of field {@code name} is no branch: {@code branch}, its branch part, breaks git's rules, or it hides a character. */
    private static Optional<String> notABranch(String name, String value, String branch) {
        return GitRefNames.problem(branch).or(() -> VisibleText.hiddenCharacter(value))
                .map(problem -> name + " \"" + shorten(value) + "\" is not a valid branch name: it " + problem);
    }

    private static Optional<String> destructiveWord(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return DESTRUCTIVE_WORDS.stream().filter(lower::contains).findFirst();
    }

    /** A name as a reason quotes it: short, and with invisible and bidirectional characters written out. */
    private static String shorten(String text) {
        String shown = VisibleText.shown(text);
        return shown.codePointCount(0, shown.length()) <= 80 ? shown : shown.substring(0, shown.offsetByCodePoints(0, 77)) + "...";
    }
}
