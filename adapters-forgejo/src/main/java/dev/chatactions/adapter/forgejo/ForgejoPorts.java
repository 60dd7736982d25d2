package dev.chatactions.adapter.forgejo;

import dev.chatactions.core.port.IssueTrackerPort;
import java.util.Optional;

/** The forge's ports as an application wires them: live, or a dry run that sends nothing. */
public final class ForgejoPorts {

    private ForgejoPorts() {
    }

    /**
     * The issue tracker that creates issues and pull requests on the forge.
     *
     * @param forge the forge and its token
     * @return the live port
     */
    public static IssueTrackerPort live(ForgeSettings forge) {
        return ForgejoIssueTrackerAdapter.create(forge);
    }

    /**
     * The issue tracker that sends nothing and answers with the request the live one would send.
     *
     * @param forge the forge, shown in the requests; empty for {@link ForgejoDryRunIssueTracker#PLACEHOLDER_URL}
     * @return the dry-run port
     */
    public static IssueTrackerPort dryRun(Optional<ForgeSettings> forge) {
        return new ForgejoDryRunIssueTracker(forge.map(ForgeSettings::url).orElse(null));
    }
}
