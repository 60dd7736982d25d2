package dev.chatactions.adapter.forgejo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.upstream.UpstreamCaller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Label names to ids. Forgejo takes ids and silently drops unknown ones, so every name must be
 * found among the repository's labels or its organisation's before an issue is created. The lists
 * are cached briefly and fetched again once when a name is missing (it may have just been added).
 */
final class ForgejoLabels {

    static final Duration FRESH_FOR = Duration.ofSeconds(60);

    private record Snapshot(Map<String, Long> idsByName, Instant fetchedAt) {}

    private final ForgejoApi api;
    private final ForgejoRequests requests;
    private final Clock clock;
    private final Map<RepoRef, Snapshot> cache = new ConcurrentHashMap<>();

    ForgejoLabels(ForgejoApi api, ForgejoRequests requests, Clock clock) {
        this.api = api;
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * The ids of {@code names}, each once, in order.
     *
     * @throws UpstreamException {@link Failure.Kind#UNKNOWN_LABELS} naming every unknown label
     */
    List<Long> resolve(RepoRef repo, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        Snapshot cached = cache.get(repo);
        boolean fresh = cached != null && cached.fetchedAt().plus(FRESH_FOR).isAfter(clock.instant());
        Snapshot labels = fresh ? cached : fetch(repo);
        List<String> unknown = unknown(labels, names);
        if (!unknown.isEmpty() && fresh) {
            labels = fetch(repo);
            unknown = unknown(labels, names);
        }
        if (!unknown.isEmpty()) {
            throw new UpstreamException(UpstreamCaller.failure(Failure.Kind.UNKNOWN_LABELS, 0, true,
                    "Forgejo has no label " + unknown.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
                            + " in " + repo + " or its organisation; nothing was created",
                    unknown, ""));
        }
        Map<String, Long> ids = labels.idsByName();
        return new ArrayList<>(new LinkedHashSet<>(names.stream().map(ids::get).toList()));
    }

    private static List<String> unknown(Snapshot labels, List<String> names) {
        return names.stream().distinct().filter(n -> !labels.idsByName().containsKey(n)).toList();
    }

    private Snapshot fetch(RepoRef repo) {
        Map<String, Long> ids = new HashMap<>();
        // Org labels first so that a repository label of the same name wins.
        // A 404 for the org means the owner is a user, who has no org labels.
        addAll(ids, api.readAllPages(page -> requests.orgLabels(repo.owner(), page), "read:organization", true));
        addAll(ids, api.readAllPages(page -> requests.repoLabels(repo, page), "read:issue", false));
        Snapshot snapshot = new Snapshot(Map.copyOf(ids), clock.instant());
        cache.put(repo, snapshot);
        return snapshot;
    }

    private static void addAll(Map<String, Long> ids, List<JsonNode> labels) {
        for (JsonNode label : labels) {
            if (label.path("name").isTextual() && label.path("id").canConvertToLong()) {
                ids.put(label.path("name").asText(), label.path("id").asLong());
            }
        }
    }
}
