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

    /**
     * What a deployment of the apps allows: every type on {@code defaultRepo}, except {@code ci-run}
     * when actions are sent for real without a CI server. It is then refused as switched off, so
     * that no button offers a pipeline nobody can start.
     *
     * @param defaultRepo the repository actions use when they name none
     * @param live whether actions are sent (false in a dry run, which shows every type)
     * @param ciServer whether a CI server is configured
     * @return the settings
     */
    public static PolicySettings forDeployment(RepoRef defaultRepo, boolean live, boolean ciServer) {
        Set<ActionType> enabled = EnumSet.allOf(ActionType.class);
        if (live && !ciServer) {
            enabled.remove(ActionType.CI_RUN);
        }
        return new PolicySettings(defaultRepo, Set.of(), enabled);
    }
}
