package dev.chatactions.core.action;

import java.util.List;
import java.util.Objects;

/**
 * Create an issue; {@code labels} are label names, resolved to ids by the issue tracker.
 *
 * @param repo the repository to file the issue in
 * @param title the issue's title
 * @param body the issue's text; null is read as empty
 * @param labels label names; null is read as none
 */
public record IssueCreate(RepoRef repo, String title, String body, List<String> labels) implements Action {

    /** Checks the required components and copies the labels. */
    public IssueCreate {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    @Override
    public ActionType type() {
        return ActionType.ISSUE_CREATE;
    }
}
