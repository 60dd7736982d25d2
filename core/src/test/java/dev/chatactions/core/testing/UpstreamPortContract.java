package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every port that creates something upstream promises the use cases: a create returns what was
 * made; a failure is an {@link UpstreamException} whose {@link Failure.Kind} says whether anything may
 * exist; what a create made with a key is found again by that key, even when its answer was lost.
 * A dry run creates nothing, shows the request with its key, and finds nothing. See
 * {@link IssueTrackerPortContract} and {@link CiPortContract}.
 */
public abstract class UpstreamPortContract {

    protected static final RepoRef REPO = new RepoRef("acme", "widgets");

    /** Before every create of a test: reconcile looks at what was created since this moment. */
    private final Instant since = Instant.now().minusSeconds(60);

    /** Creates the port's usual object with {@code key}. */
    protected abstract ActionResult create(String key);

    /** Reconcile: the port looks for what {@link #create} made with {@code key}. */
    protected abstract Optional<ActionResult> find(String key, Instant since);

    /** The kind every result of {@link #create} has ({@code issue}, {@code pipeline}). */
    protected abstract String createdKind();

    /** True for an implementation that only shows requests and contacts no upstream. */
    protected boolean isDryRun() {
        return false;
    }

    /** What stands in for the upstream behind the port. */
    protected abstract UpstreamStandIn upstream();

    protected final Optional<ActionResult> reconcile(String key) {
        upstream().listsWhatItCreated();
        return find(key, since);
    }

    protected static Failure failureOf(Runnable call) {
        UpstreamException thrown = catchThrowableOfType(call::run, UpstreamException.class);
        assertThat(thrown).as("an UpstreamException").isNotNull();
        return thrown.failure();
    }

    @Test
    void a_create_returns_what_was_created_with_its_link() {
        assumeFalse(isDryRun());

        ActionResult created = create("key-create-1");

        assertThat(created.kind()).isEqualTo(createdKind());
        assertThat(created.number()).isPositive();
        assertThat(created.url()).isNotBlank();
        assertThat(created.response().status()).isBetween(200, 299);
        assertThat(upstream().createsReceived()).isEqualTo(1);
    }

    @Test
    void reconcile_finds_what_a_create_with_the_key_made_and_nothing_for_another_key() {
        assumeFalse(isDryRun());
        ActionResult first = create("key-find-1");
        ActionResult second = create("key-find-2");

        assertThat(reconcile("key-find-1")).get().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(createdKind());
            assertThat(found.number()).isEqualTo(first.number());
        });
        assertThat(reconcile("key-find-2")).get().extracting(ActionResult::number).isEqualTo(second.number());
        assertThat(reconcile("key-never-used")).isEmpty();
    }

    @Test
    void an_answer_lost_after_sending_is_an_unknown_outcome_that_reconcile_resolves() {
        assumeFalse(isDryRun());
        upstream().willLoseTheAnswer();

        Failure lost = failureOf(() -> create("key-lost-1"));

        assertThat(lost.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
        assertThat(lost.retryable()).as("repeating could create a twin").isFalse();
        assertThat(reconcile("key-lost-1")).get().extracting(ActionResult::kind).isEqualTo(createdKind());
    }

    @Test
    void a_refusal_is_an_upstream_exception_of_its_kind_and_creates_nothing() {
        assumeFalse(isDryRun());
        List<Failure.Kind> kinds = List.of(Failure.Kind.REJECTED, Failure.Kind.UNAUTHORIZED, Failure.Kind.UNAVAILABLE);
        for (Failure.Kind kind : kinds) {
            String key = "key-refused-" + kind.name().toLowerCase();
            upstream().willFail(kind);

            Failure failure = failureOf(() -> create(key));

            assertThat(failure.kind()).as(kind.name()).isEqualTo(kind);
            assertThat(failure.message()).as(kind.name()).isNotBlank();
            assertThat(reconcile(key)).as(kind.name()).isEmpty();
        }
    }

    @Test
    void a_dry_run_shows_the_request_with_its_key_and_sends_and_finds_nothing() {
        assumeTrue(isDryRun());

        ActionResult shown = create("key-dry-1");

        assertThat(shown.kind()).isEqualTo(createdKind());
        assertThat(shown.state()).isEqualTo("dry-run");
        assertThat(shown.response().status()).isZero();
        assertThat(String.valueOf(shown.response().body().fields())).contains("key-dry-1");
        assertThat(reconcile("key-dry-1")).isEmpty();
        assertThat(upstream().createsReceived()).isZero();
    }
}
