package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.port.ActionResult;
import org.junit.jupiter.api.Test;

/** What a dry run promises: it creates nothing, shows the request with its key, and finds nothing. */
public interface DryRunUpstreamPortContract extends UpstreamPortContract {

    @Test
    default void a_dry_run_shows_the_request_with_its_key_and_sends_and_finds_nothing() {
        ActionResult shown = create("key-dry-1");

        assertThat(shown.kind()).isEqualTo(createdKind());
        assertThat(shown.dryRun()).isTrue();
        assertThat(shown.state()).isEqualTo("dry-run");
        assertThat(shown.response().status()).isZero();
        assertThat(String.valueOf(shown.response().body().fields())).contains("key-dry-1");
        assertThat(reconcile("key-dry-1")).isEmpty();
        assertThat(upstream().createsReceived()).isZero();
    }
}
