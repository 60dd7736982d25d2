package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a port that contacts its upstream promises the use cases: a create returns what was made; a
 * failure is an {@link UpstreamException} whose {@link Failure.Kind} says
 * whether anything may exist; what a create made with a key is found again by that key, even when its
 * answer was lost.
 */
public interface LiveUpstreamPortContract extends UpstreamPortContract {

    @Test
    default void a_create_returns_what_was_created_with_its_link() {
        ActionResult created = create("key-create-1");

        assertThat(created.kind()).isEqualTo(createdKind());
        assertThat(created.number()).isPositive();
        assertThat(created.url()).isNotBlank();
        assertThat(created.response().status()).isBetween(200, 299);
        assertThat(created.dryRun()).isFalse();
        assertThat(upstream().createsReceived()).isEqualTo(1);
    }

    @Test
    default void reconcile_finds_what_a_create_with_the_key_made_and_nothing_for_another_key() {
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
    default void an_answer_lost_after_sending_is_an_unknown_outcome_that_reconcile_resolves() {
        upstream().willLoseTheAnswer();

        Failure lost = failureOf(() -> create("key-lost-1"));

        assertThat(lost.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
        assertThat(lost.retryable()).as("repeating could create a twin").isFalse();
        assertThat(reconcile("key-lost-1")).get().extracting(ActionResult::kind).isEqualTo(createdKind());
    }

    @Test
    default void a_refusal_is_an_upstream_exception_of_its_kind_and_creates_nothing() {
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

    private static Failure failureOf(Runnable call) {
        UpstreamException thrown = catchThrowableOfType(call::run, UpstreamException.class);
        assertThat(thrown).as("an UpstreamException").isNotNull();
        return thrown.failure();
    }
}
