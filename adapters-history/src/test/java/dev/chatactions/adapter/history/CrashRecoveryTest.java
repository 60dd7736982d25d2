package dev.chatactions.adapter.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTest {

    private static final int KILLS = 50;

    @TempDir
    Path dir;

    @Test
    void a_writer_killed_at_random_moments_never_loses_an_acknowledged_line_nor_breaks_the_chain() throws Exception {
        Path file = dir.resolve("alice/0123456789ab.ndjson");
        Random random = new Random();
        List<String> acknowledged = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Process writer = AppendingProcess.start("loop", file.toString(), "run" + kill + "-", "4");
            try (BufferedReader acks = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                int killAfter = 1 + random.nextInt(200);
                for (int i = 0; i < killAfter; i++) {
                    acknowledged.add(ack(acks.readLine()));
                }
                writer.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves stdout readable
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
                for (String line = acks.readLine(); line != null; line = acks.readLine()) {
                    if (line.endsWith(";")) { // a line cut by the kill was not fully acknowledged
                        acknowledged.add(ack(line));
                    }
                }
            }

            String marker = "after-kill-" + kill;
            HistoryFile.at(file).append(AppendingProcess.line(marker));
            acknowledged.add(marker);

            assertThat(HistoryFile.verify(file)).as("after kill %d", kill).isEqualTo(new Verification.Intact(lineCount(file)));
            Map<String, Long> counts;
            try (Stream<HistoryRecord> records = HistoryFile.at(file).records()) {
                counts = records.map(r -> ((ActionLine) r).key()).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            }
            assertThat(counts).as("after kill %d", kill).containsKeys(acknowledged.toArray(String[]::new));
            assertThat(counts.values()).as("every line once").containsOnly(1L);
        }
    }

    private static String ack(String line) {
        assertThat(line).endsWith(";");
        return line.substring(0, line.length() - 1);
    }

    private static long lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    @Test
    void a_torn_last_line_is_set_aside_unread_and_the_file_continues_after_the_last_whole_line() throws IOException {
        Path file = dir.resolve("alice/0123456789ab.ndjson");
        HistoryFile history = HistoryFile.at(file);
        history.append(HistoryFixture.proposal("p-1"));
        history.append(HistoryFixture.started("k-1"));
        String torn = "{\"ts\":\"2026-11-23T20:00:01Z\",\"user\":\"alice\",\"role\":\"action\",\"type\":\"issue-cr";
        Files.writeString(file, torn, StandardOpenOption.APPEND);

        try (Stream<HistoryRecord> records = history.records()) {
            assertThat(records).containsExactly(HistoryFixture.proposal("p-1"), HistoryFixture.started("k-1"));
        }
        assertThat(HistoryFile.verify(file)).extracting(v -> ((Verification.Broken) v).defect())
                .isEqualTo(Verification.Defect.TORN_TAIL);

        HistoryFile.at(file).append(HistoryFixture.done("k-1"));

        try (Stream<Path> siblings = Files.list(file.getParent())) {
            List<Path> aside = siblings.filter(p -> p.getFileName().toString().startsWith("0123456789ab.ndjson.torn-")).toList();
            assertThat(aside).singleElement().satisfies(p -> assertThat(Files.readString(p)).isEqualTo(torn));
        }
        try (Stream<HistoryRecord> records = history.records()) {
            assertThat(records).containsExactly(
                    HistoryFixture.proposal("p-1"), HistoryFixture.started("k-1"), HistoryFixture.done("k-1"));
        }
        assertThat(HistoryFile.verify(file)).isEqualTo(new Verification.Intact(3));
    }
}
