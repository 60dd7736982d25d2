package dev.chatactions.adapter.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.adapter.history.HistoryLocation.Owner;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one reading of the layout DIR/USER/CONVERSATION.ndjson that the history and the command line share. */
class HistoryLocationTest {

    private static final Path DIR = Path.of("/srv/chat-history");

    @Test
    void a_conversation_file_and_an_actions_file_name_their_user_and_conversation() {
        assertThat(HistoryLocation.of(DIR.resolve("alice/0123456789ab.ndjson")))
                .isEqualTo(new HistoryLocation(DIR, "alice", "0123456789ab"));
        assertThat(HistoryLocation.of(DIR.resolve("alice/actions.ndjson")))
                .isEqualTo(new HistoryLocation(DIR, "alice", null));
    }

    @Test
    void a_location_leads_back_to_its_file() {
        Path file = DIR.resolve("bob/00000000beef.ndjson");

        assertThat(HistoryLocation.of(file).file()).isEqualTo(file);
        assertThat(new HistoryLocation(DIR, "bob", null).file()).isEqualTo(DIR.resolve("bob/actions.ndjson"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/chat-history/alice/notes.ndjson", "/srv/chat-history/alice/0123456789AB.ndjson",
        "/srv/chat-history/alice/0123456789ab.json", "/actions.ndjson"})
    void a_file_outside_the_layout_is_refused_naming_the_layout(String file) {
        assertThatThrownBy(() -> HistoryLocation.of(Path.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not in a history directory")
                .hasMessageContaining("DIR/USER/CONVERSATION.ndjson (12 hex characters) or DIR/USER/actions.ndjson");
    }

    @Test
    void a_directory_that_is_not_a_user_name_is_refused_naming_the_rule() {
        assertThatThrownBy(() -> HistoryLocation.of(Path.of("/srv/chat history/al ice/actions.ndjson")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"al ice\" is not a user name");
    }

    @Test
    void names_that_could_leave_the_directory_make_no_location() {
        assertThatThrownBy(() -> new HistoryLocation(DIR, "..", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryLocation(DIR, "alice", "../../etc/pw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_a_conversation_files_name_names_a_conversation() {
        assertThat(HistoryLocation.conversationNamedBy("0123456789ab.ndjson")).contains("0123456789ab");
        assertThat(HistoryLocation.conversationNamedBy("actions.ndjson")).isEmpty();
        assertThat(HistoryLocation.conversationNamedBy("0123456789ab.ndjson.lock")).isEmpty();
        assertThat(HistoryLocation.conversationNamedBy(".ndjson")).isEmpty();
    }

    @Test
    void a_location_holds_only_its_own_users_records_of_its_conversation() {
        HistoryLocation location = new HistoryLocation(DIR, "alice", "0123456789ab");

        assertThat(location.owner().holds("alice", "0123456789ab")).isTrue();
        assertThat(location.owner().holds("bob", "0123456789ab")).isFalse();
        assertThat(location.owner().holds("alice", null)).isFalse();
    }

    @Test
    void a_record_goes_to_its_users_file_of_its_conversation_and_an_unreadable_line_to_none() {
        assertThat(Owner.of(HistoryFixture.chat("hello"))).isEqualTo(new Owner("alice", "0123456789ab"));
        assertThat(Owner.of(HistoryFixture.proposal("p-1")).in(DIR).file()).isEqualTo(DIR.resolve("alice/0123456789ab.ndjson"));
        assertThat(Owner.of(HistoryFixture.failed("k-1")).in(DIR).file()).isEqualTo(DIR.resolve("alice/actions.ndjson"));
        assertThatThrownBy(() -> Owner.of(new UnreadableLine("x.ndjson:1", "torn")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an unreadable line cannot be appended");
    }
}
