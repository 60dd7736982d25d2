package dev.chatactions.core.action;

import java.util.Objects;

/** Trigger a manual CI pipeline on {@code branch}. */
public record CiRun(RepoRef repo, String branch) implements Action {

    public CiRun {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
    }

    @Override
    public ActionType type() {
        return ActionType.CI_RUN;
    }
}
