package dev.chatactions.core.action;

import java.util.Objects;

/**
 * Open a pull request from {@code head} into {@code base}.
 *
 * @param repo the repository of both branches
 * @param head the branch with the changes
 * @param base the branch to merge into
 * @param title the pull request's title
 * @param body its text; null is read as empty
 */
public record PrCreate(RepoRef repo, String head, String base, String title, String body) implements Action {

    /** Checks the required components. */
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
