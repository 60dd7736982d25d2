package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.service.Proposal;
import dev.chatactions.core.service.ProposalRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProposalRegistry} promises: a proposal is found by its user and id, the first one
 * registered with an id counts (also when many register at once), and one user's ids never answer for
 * another's. Extend it with a fresh, empty registry per test.
 */
public abstract class ProposalRegistryContract {

    private static final Instant PROPOSED_AT = Instant.parse("2026-11-23T20:00:00Z");

    /** The registry under test; the same instance for the whole test, empty at its start. */
    protected abstract ProposalRegistry registry();

    private static Proposal proposal(String user, String id, Instant proposedAt) {
        return new Proposal(id, user, "0123456789ab", "issue-create", Payload.of(Map.of("title", "x")),
                "a".repeat(64), proposedAt);
    }

    @Test
    void a_registered_proposal_is_found_by_its_user_and_id() {
        Proposal proposal = proposal("alice", "p-1", PROPOSED_AT);

        assertThat(registry().register(proposal)).isEqualTo(proposal);
        assertThat(registry().find("alice", "p-1")).contains(proposal);
        assertThat(registry().find("alice", "p-2")).isEmpty();
    }

    @Test
    void the_first_proposal_with_an_id_counts() {
        Proposal first = proposal("alice", "p-1", PROPOSED_AT);
        registry().register(first);

        assertThat(registry().register(proposal("alice", "p-1", PROPOSED_AT.plusSeconds(9)))).isEqualTo(first);
        assertThat(registry().find("alice", "p-1")).contains(first);
    }

    @Test
    void one_users_proposal_never_answers_for_another() {
        registry().register(proposal("alice", "p-1", PROPOSED_AT));

        assertThat(registry().find("bob", "p-1")).isEmpty();
        Proposal bobs = proposal("bob", "p-1", PROPOSED_AT.plusSeconds(1));
        assertThat(registry().register(bobs)).isEqualTo(bobs);
    }

    @Test
    void many_registering_one_id_at_once_all_get_the_same_proposal() throws Exception {
        AtomicInteger registrant = new AtomicInteger();
        List<Proposal> counted = Concurrently.run(16,
                () -> registry().register(proposal("alice", "p-1", PROPOSED_AT.plusSeconds(registrant.incrementAndGet()))));

        assertThat(counted).containsOnly(registry().find("alice", "p-1").orElseThrow());
    }
}
