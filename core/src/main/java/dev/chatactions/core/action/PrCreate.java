package dev.chatactions.core.action;

import java.util.Objects;

/** Open a pull request from {@code head} into {@code base}. */
public record PrCreate(RepoRef repo, String head, String base, String title, String body) implements Action {

    public PrCreate {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
    }

    @Override
    public ActionType type() {
        return ActionType.PR_CREATE;
    }
}
