package dev.chatactions.core.policy;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.RepoRef;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a deployment allows.
 *
 * @param defaultRepo the configured {@code FORGE_OWNER/FORGE_REPO}: target of issues and PRs, and of CI runs naming no repo
 * @param allowedRepos repositories a {@code ci-run} may name; always includes {@code defaultRepo}
 * @param enabledTypes the action types switched on
 */
public record PolicySettings(RepoRef defaultRepo, Set<RepoRef> allowedRepos, Set<ActionType> enabledTypes) {

    /** Checks the default repository and copies the sets. */
    public PolicySettings {
        Objects.requireNonNull(defaultRepo, "defaultRepo");
        Objects.requireNonNull(allowedRepos, "allowedRepos");
        Objects.requireNonNull(enabledTypes, "enabledTypes");
        var repos = new java.util.LinkedHashSet<RepoRef>();
        repos.add(defaultRepo);
        repos.addAll(allowedRepos);
        allowedRepos = Set.copyOf(repos);
        enabledTypes = enabledTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabledTypes));
    }

    /**
     * Every type on, only the default repository allowed.
     *
     * @param defaultRepo the repository actions use when they name none
     * @return the settings
     */
    public static PolicySettings defaults(RepoRef defaultRepo) {
        return new PolicySettings(defaultRepo, Set.of(), EnumSet.allOf(ActionType.class));
    }
}
