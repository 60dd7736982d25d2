package dev.chatactions.core.policy;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.action.RepoRef;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request read once, before any rule looks at it: its type, its field names in payload order, and
 * each field the policy knows as the payload holds it. A field the type does not take is read too;
 * {@link ActionPolicy#ONLY_KNOWN_FIELDS} refuses it and no other rule of that type reads it.
 */
record ActionDraft(
        ActionType type,
        List<String> fieldNames,
        Field<String> repo,
        Field<String> branch,
        Field<String> head,
        Field<String> base,
        Field<String> title,
        Field<String> body,
        Field<List<?>> labels) {

    static ActionDraft read(ActionType type, Payload payload) {
        return new ActionDraft(type, List.copyOf(payload.names()),
                text(payload, "repo"), text(payload, "branch"), text(payload, "head"), text(payload, "base"),
                text(payload, "title"), text(payload, "body"),
                new Field<>("labels", payload.has("labels"),
                        payload.get("labels") instanceof List<?> list ? Optional.of(list) : Optional.empty(),
                        "an array of label names"));
    }

    private static Field<String> text(Payload payload, String name) {
        return new Field<>(name, payload.has(name), payload.string(name), "a string");
    }

    /** The action asked for, once every rule of its type has held (so each field it needs is there). */
    Action action(PolicySettings settings) {
        RepoRef target = settings.defaultRepo();
        return switch (type) {
            case CI_RUN -> new CiRun(repo.value().map(RepoRef::parse).orElse(target), branch.value().orElseThrow());
            case ISSUE_CREATE -> new IssueCreate(target, title.value().orElseThrow(), body.value().orElse(""),
                    labels.value().map(list -> list.stream().map(String.class::cast).toList()).orElse(List.of()));
            case PR_CREATE -> new PrCreate(target, head.value().orElseThrow(), base.value().orElseThrow(),
                    title.value().orElseThrow(), body.value().orElse(""));
        };
    }

    /**
     * One field as the payload holds it.
     *
     * @param present whether the payload names it at all
     * @param value the field when it is {@code kind}; empty when it is absent or of another JSON type
     * @param kind what the field must be, as a reason says it ("a string")
     */
    record Field<T>(String name, boolean present, Optional<T> value, String kind) {

        /** For a field a type needs: that it is missing, or not of its kind. */
        List<String> missingOrMistyped() {
            return present ? mistyped() : List.of(name + " is required");
        }

        /** For a field that may be left out: that it is there but not of its kind. */
        List<String> mistyped() {
            return present && value.isEmpty() ? List.of(name + " must be " + kind) : List.of();
        }

        /** What {@code problem} finds in the value; nothing when there is no value to look at. */
        List<String> check(Function<T, Optional<String>> problem) {
            return value.flatMap(problem).stream().toList();
        }
    }
}
