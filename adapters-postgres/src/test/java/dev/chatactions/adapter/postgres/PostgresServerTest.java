package dev.chatactions.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The test PostgreSQL is real, on loopback only, asks for the password, and comes back after a stop. */
class PostgresServerTest {

    @Test
    void a_real_server_on_loopback_that_can_be_stopped_and_started_again() throws SQLException {
        Path dataDirectory;
        try (PostgresServer server = PostgresServer.startNew()) {
            try (Connection connection = DriverManager.getConnection(server.url(), PostgresServer.USER, PostgresServer.PASSWORD);
                 ResultSet settings = connection.createStatement().executeQuery(
                         "SELECT current_setting('listen_addresses'), current_setting('data_directory'), version()")) {
                assertThat(settings.next()).isTrue();
                assertThat(settings.getString(1)).isEqualTo("127.0.0.1");
                assertThat(settings.getString(3)).startsWith("PostgreSQL ");
                dataDirectory = Path.of(settings.getString(2));
            }
            assertThatThrownBy(() -> DriverManager.getConnection(server.url(), PostgresServer.USER, "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

            server.stop();
            assertThatThrownBy(() -> DriverManager.getConnection(server.url(), PostgresServer.USER, PostgresServer.PASSWORD).close())
                    .isInstanceOf(SQLException.class);

            server.start();
            try (Connection again = DriverManager.getConnection(server.url(), PostgresServer.USER, PostgresServer.PASSWORD)) {
                assertThat(again.isValid(5)).isTrue();
            }
        }
        assertThat(dataDirectory).doesNotExist();
    }
}
