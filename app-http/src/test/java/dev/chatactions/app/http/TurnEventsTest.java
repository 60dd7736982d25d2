package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.testing.FakeAssistant;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a turn's events hold, and that a client reading from any point gets exactly the rest (issue #15). */
class TurnEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUE = "<action type=\"issue-create\">{\"title\":\"Flaky test\"}</action>";
    private static final int CAP = ConverseLimits.defaults().maxReplyChars();
    private static final ConverseLimits LIMITS = new ConverseLimits(50, CAP, Duration.ofSeconds(60), 2, 3, Duration.ofSeconds(9));

    private final FakeAssistant model = new FakeAssistant();
    private final TestServer server = TestServer.withModel(model, LIMITS);
    private final Session alice = server.signIn("alice");
    /** The event stream paths of the turns started, in order. */
    private final List<String> eventsPaths = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    /** Starts a turn whose model sends {@code deltas}, and waits for its {@code done}; the turn's events. */
    private TurnEvents turn(String... deltas) throws Exception {
        model.then(FakeAssistant.completed(), deltas);
        HttpResponse<String> created = server.send(server.post(alice, "/chat/new", "").header("Accept", "application/json"));
        String conversation = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> accepted = server.send(server.post(alice, "/chat/c/" + conversation + "/messages",
                JSON.writeValueAsString(Map.of("message", "go"))));
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(accepted.body());
        TurnEvents events = server.wiring.turns.find(body.path("turn").asText()).orElseThrow();
        eventsPaths.add(body.path("events").asText());
        readFrom(events, 0); // until done
        return events;
    }

    /** Every event from {@code from} to {@code done}, batch after batch, as the event stream writes them. */
    private static List<ServerSentEvents.Event> readFrom(TurnEvents events, int from) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        EventStreamBuffer buffer = new EventStreamBuffer();
        int next = from;
        while (!events.finished() || next < events.size()) {
            buffer.clear();
            int count = events.await(next, Duration.ofSeconds(30), buffer);
            assertThat(count).isLessThanOrEqualTo(TurnEvents.MAX_BATCH);
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            buffer.writeTo(batch);
            // Events end in a blank line and JSON escapes its newlines, so the last event starts after the last blank line.
            String written = batch.toString(StandardCharsets.UTF_8);
            assertThat(written.substring(0, written.lastIndexOf("\n\nid: ") + 2).getBytes(StandardCharsets.UTF_8).length)
                    .as("the batch's bytes before its last event").isLessThan(TurnEvents.MAX_BATCH_BYTES);
            batch.writeTo(stream);
            next += count;
        }
        return ServerSentEvents.read(200, "text/event-stream", stream.toString(StandardCharsets.UTF_8).lines()).events();
    }

    private static String text(List<ServerSentEvents.Event> events) {
        return new ServerSentEvents.Result(200, "text/event-stream", events).text();
    }

    @Test
    void a_reply_sent_one_character_at_a_time_holds_a_small_constant_times_the_cap() throws Exception {
        String reply = ("x".repeat(CAP / 2) + ISSUE + "é".repeat(CAP)).substring(0, CAP);
        String[] deltas = reply.split("");

        TurnEvents events = turn(deltas);
        List<ServerSentEvents.Event> all = readFrom(events, 0);

        // The first deltas are events of their own, the rest merged; then the marker's text, the marker, the rest, done.
        assertThat(all).hasSizeLessThanOrEqualTo(TurnEvents.SEPARATE_DELTAS + CAP / TurnEvents.MERGED_DELTA_CHARS + 4);
        assertThat(all.subList(0, TurnEvents.SEPARATE_DELTAS)).allSatisfy(event -> assertThat(event.data().path("text").asText()).isEqualTo("x"));
        assertThat(all.get(all.size() - 1).name()).isEqualTo("done");
        assertThat(text(all)).isEqualTo(reply);
        assertMarkersAfterTheirText(all);
        // The reply once (2 bytes a char at most), 4 bytes an event (the first 2,048 of them alone 0.5 bytes a char of a
        // 16,000-char cap) and the done event's rendered reply: one event of ~100 bytes per delta would be 100 bytes a
        // char, the reply twice and 4 bytes a delta were 10.
        assertThat(events.retainedBytes()).isPositive().isLessThanOrEqualTo(8L * CAP);
        Random random = new Random(15);
        for (int i = 0; i < 20; i++) {
            int from = random.nextInt(all.size() + 1);
            assertThat(readFrom(events, from)).as("from event %d", from).isEqualTo(all.subList(from, all.size()));
        }
    }

    @Test
    void finished_turns_are_forgotten_oldest_first_once_they_hold_more_than_their_budget() throws Exception {
        String[] atTheCap = ("ab".repeat(CAP / 2)).split("(?<=\\G.{1000})");
        List<TurnEvents> finished = new ArrayList<>();
        long held = 0;
        do {
            TurnEvents events = turn(atTheCap);
            finished.add(events);
            held += events.retainedBytes();
        } while (server.wiring.turns.find(finished.get(0).turnId()).isPresent() && finished.size() < TurnRegistry.MAX_FINISHED);

        // The registry learns of a turn's end just after its clients do, so the last one may not count yet.
        assertThat(server.wiring.turns.find(finished.get(0).turnId())).as("the oldest").isEmpty();
        assertThat(finished.size()).as("forgotten for the bytes, not the count").isLessThan(TurnRegistry.MAX_FINISHED);
        assertThat(held).isGreaterThan(TurnRegistry.MAX_FINISHED_BYTES);
        List<TurnEvents> beforeTheLast = finished.subList(0, finished.size() - 1);
        assertThat(server.wiring.turns.find(beforeTheLast.get(beforeTheLast.size() - 1).turnId())).as("a newer one").isPresent();
        long kept = beforeTheLast.stream().filter(events -> server.wiring.turns.find(events.turnId()).isPresent())
                .mapToLong(TurnEvents::retainedBytes).sum();
        assertThat(kept).isLessThanOrEqualTo(TurnRegistry.MAX_FINISHED_BYTES);
    }

    private static void assertMarkersAfterTheirText(List<ServerSentEvents.Event> all) {
        int seen = 0;
        for (ServerSentEvents.Event event : all) {
            if (event.name().equals("marker")) {
                assertThat(event.data().path("end").asInt()).as("a marker after its text").isLessThanOrEqualTo(seen);
            } else if (event.name().equals("delta")) {
                seen += event.data().path("text").asText().length();
            }
        }
    }

    @Test
    void resuming_after_any_event_gets_exactly_the_rest_of_the_reply_once_and_in_order() throws Exception {
        Random random = new Random(15);
        StringBuilder reply = new StringBuilder();
        List<String> deltas = new ArrayList<>();
        String alphabet = "ab c\né€😀<>\"";
        for (int part = 0; part < 800; part++) {
            StringBuilder delta = new StringBuilder();
            for (int chars = 1 + random.nextInt(12); chars > 0; chars--) {
                delta.appendCodePoint(alphabet.codePoints().skip(random.nextInt(alphabet.codePointCount(0, alphabet.length())))
                        .findFirst().orElseThrow());
            }
            if (part % 300 == 150) {
                delta.append(ISSUE, 0, 10); // a marker split over deltas
                deltas.add(delta.toString());
                reply.append(delta);
                delta.setLength(0);
                delta.append(ISSUE.substring(10));
            }
            deltas.add(delta.toString());
            reply.append(delta);
        }

        TurnEvents events = turn(deltas.toArray(String[]::new));
        List<ServerSentEvents.Event> all = readFrom(events, 0);

        assertThat(text(all)).isEqualTo(reply.toString());
        assertThat(all).extracting(ServerSentEvents.Event::id)
                .containsExactlyElementsOf(IntStream.range(0, all.size()).mapToObj(Integer::toString).toList());
        assertThat(all).extracting(ServerSentEvents.Event::name).filteredOn("marker"::equals).hasSize(3);
        for (int from = 0; from <= all.size(); from++) {
            assertThat(readFrom(events, from)).as("from event %d", from).isEqualTo(all.subList(from, all.size()));
        }
        assertMarkersAfterTheirText(all);
        for (int i = 0; i < 5; i++) {
            int last = random.nextInt(all.size());
            ServerSentEvents.Result returning = server.events(server.get(alice, eventsPaths.get(0))
                    .header("Last-Event-ID", Integer.toString(last)));
            assertThat(returning.events()).extracting(ServerSentEvents.Event::id)
                    .containsExactlyElementsOf(all.subList(last + 1, all.size()).stream().map(ServerSentEvents.Event::id).toList());
            assertThat(returning.text()).isEqualTo(text(all.subList(last + 1, all.size())));
        }
    }
}
