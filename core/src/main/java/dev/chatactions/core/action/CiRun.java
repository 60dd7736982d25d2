package dev.chatactions.core.action;

import java.util.Objects;

/**
 * Trigger a manual CI pipeline on {@code branch}.
 *
 * @param repo the repository whose pipeline runs
 * @param branch the branch to run it on
 */
public record CiRun(RepoRef repo, String branch) implements Action {

    /** Checks that both components are present. */
    public CiRun {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
    }

    @Override
    public ActionType type() {
        return ActionType.CI_RUN;
    }
}
