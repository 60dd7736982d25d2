package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.app.http.RawHttp.Answer;
import dev.chatactions.core.session.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that go silent, slow or away: the server closes a connection that has not sent a request
 * line within its idle timeout, or its headers or body within its read timeout (both 1 s here; in
 * production {@link EdgeLimits#IDLE_TIMEOUT} and {@link EdgeLimits#READ_TIMEOUT}), answers a body
 * cut short at once, and logs a dropped client in one line without a stack trace. A connection the
 * server still holds after {@link RawHttp#ANSWER_WAIT_MS} fails the test.
 */
class SlowClientTest {

    private final TestServer server = TestServer.withClientTimeouts(Duration.ofSeconds(1));
    private final Session alice = server.signIn("alice");
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger helidon = Logger.getLogger("io.helidon.webserver");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        helidon.addHandler(capture);
    }

    @AfterEach
    void stop() {
        helidon.removeHandler(capture);
        server.close();
    }

    /** An action POST from a signed-in page, up to (not including) its framing headers. */
    private String actionFromThePage() {
        return "POST /chat/action/issue-create HTTP/1.1\r\nHost: chat.test\r\nCookie: chat_session=" + alice.id()
                + "\r\nX-CSRF-Token: " + alice.csrfToken() + "\r\nOrigin: " + TestServer.PUBLIC_URL
                + "\r\nContent-Type: application/json\r\n";
    }

    @Test
    void a_client_that_sends_nothing_or_half_a_request_line_is_cut_off() throws IOException {
        assertThat(closedAfter("")).isTrue();
        assertThat(closedAfter("GET /chat/ HT")).isTrue();
    }

    @Test
    void a_client_that_stops_halfway_through_its_headers_is_cut_off() throws IOException {
        assertThat(closedAfter("GET /chat/ HTTP/1.1\r\nHost: chat.test\r\nX-Partial: ")).isTrue();
    }

    @Test
    void a_body_that_stops_arriving_is_cut_off_and_nothing_runs() throws IOException {
        assertThat(closedAfter(actionFromThePage() + "Content-Length: 20\r\n\r\n{\"ti")).isTrue();
        assertThat(server.upstream.calls()).isEmpty();
    }

    /** True when the server closes the connection (end of stream or reset) after {@code sent}, without answering. */
    private boolean closedAfter(String sent) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(RawHttp.ANSWER_WAIT_MS);
            socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
            try {
                return socket.getInputStream().read() == -1;
            } catch (SocketException reset) {
                return true;
            }
        }
    }

    @Test
    void a_kept_alive_connection_left_idle_is_closed() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(RawHttp.ANSWER_WAIT_MS);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: chat.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);

            assertThat(socket.getInputStream().read()).as("the server closed the idle connection").isEqualTo(-1);
        }
    }

    @Test
    void a_body_shorter_than_announced_then_a_close_is_answered_400_at_once() {
        String request = actionFromThePage() + "Content-Length: 200\r\n\r\n{}";

        Answer answer = RawHttp.exchange(server.port(), request.getBytes(StandardCharsets.US_ASCII), true);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("urn:chat-actions:problem:framing");
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void a_dropped_connection_logs_one_line_and_no_stack_trace() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.getOutputStream().write((actionFromThePage() + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"t")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.setSoLinger(true, 0);
            }
        }
        // wait (bounded) for the three drops to be handled and logged
        for (int waited = 0; logged.size() < 3 && waited < RawHttp.ANSWER_WAIT_MS; waited += 50) {
            Thread.sleep(50);
        }

        assertThat(logged).hasSize(3).allSatisfy(record -> {
            assertThat(record.getThrown()).as(record.getMessage()).isNull();
            assertThat(record.getMessage()).doesNotContain("\n");
        });
    }
}
