package dev.chatactions.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Calls for one key join batches while one runs; each gets its own answer, or its batch's failure. */
class GroupCommitTest {

    private static final int WAITING = 15;

    /** Batches as they ran, and a gate that holds the first batch of key "a" until opened. */
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstRunning = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    @Test
    void calls_made_while_a_batch_runs_join_the_next_one_and_each_gets_its_own_answer() throws Exception {
        GroupCommit<String, Integer, Integer> doubling = new GroupCommit<>(100, (key, batch) -> {
            holdFirstBatchOf(key, batch);
            batch.forEach(call -> call.complete(call.item() * 2));
        });
        List<CompletableFuture<Integer>> answers = whileTheFirstBatchIsHeld(doubling, IntStream.rangeClosed(1, WAITING).boxed().toList());

        assertThat(doubling.call("b", 21)).as("another key is not held up").isEqualTo(42);
        gate.countDown();

        for (int i = 0; i <= WAITING; i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(2 * i);
        }
        assertThat(batches).hasSize(3);
        assertThat(batches.get(2)).as("the waiting calls, in one batch").hasSize(WAITING);
    }

    @Test
    void a_failed_batch_fails_every_call_in_it_and_a_refused_call_fails_alone() throws Exception {
        IllegalStateException lost = new IllegalStateException("database lost");
        GroupCommit<String, Integer, Integer> failing = new GroupCommit<>(100, (key, batch) -> {
            holdFirstBatchOf(key, batch);
            batch.stream().filter(call -> call.item() < 0).forEach(call -> call.fail(new IllegalArgumentException("refused")));
            if (batches.size() == 2) {
                throw lost;
            }
            batch.forEach(call -> call.complete(call.item()));
        });
        List<CompletableFuture<Integer>> answers = whileTheFirstBatchIsHeld(failing,
                IntStream.rangeClosed(1, WAITING).map(i -> i == 1 ? -1 : i).boxed().toList());
        gate.countDown();

        assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).isZero();
        assertThatThrownBy(() -> answers.get(1).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("refused");
        for (CompletableFuture<Integer> answer : answers.subList(2, answers.size())) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCause(lost);
        }
        assertThat(failing.call("a", 7)).as("the next batch runs as usual").isEqualTo(7);
    }

    @Test
    void a_batch_takes_no_more_than_its_most_and_a_call_left_unanswered_fails() throws Exception {
        GroupCommit<String, Integer, Integer> small = new GroupCommit<>(4, (key, batch) -> {
            holdFirstBatchOf(key, batch);
            batch.stream().filter(call -> call.item() != 13).forEach(call -> call.complete(call.item()));
        });
        List<CompletableFuture<Integer>> answers = whileTheFirstBatchIsHeld(small, IntStream.rangeClosed(1, WAITING).boxed().toList());
        gate.countDown();

        for (int i = 0; i <= WAITING; i++) {
            CompletableFuture<Integer> answer = answers.get(i);
            if (i == 13) {
                assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class);
            } else {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        }
        assertThat(batches.subList(1, batches.size())).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4));
        assertThat(batches.subList(1, batches.size())).flatMap(batch -> batch).hasSize(WAITING);
    }

    /**
     * Calls {@code group} for key "a" with 0, then, while that first batch is held, with each of
     * {@code items} on a thread of its own, until they all wait. The answers: the first's, then theirs.
     */
    private List<CompletableFuture<Integer>> whileTheFirstBatchIsHeld(GroupCommit<String, Integer, Integer> group,
            List<Integer> items) throws InterruptedException {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        answers.add(callOnThread(group, "a", 0, new ArrayList<>()));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> waiting = new ArrayList<>();
        for (int item : items) {
            answers.add(callOnThread(group, "a", item, waiting));
        }
        awaitParked(waiting);
        return answers;
    }

    private void holdFirstBatchOf(String key, List<GroupCommit.Call<Integer, Integer>> batch) {
        batches.add(batch.stream().map(GroupCommit.Call::item).toList());
        if (key.equals("a") && firstRunning.getCount() == 1) {
            firstRunning.countDown();
            try {
                assertThat(gate.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static CompletableFuture<Integer> callOnThread(GroupCommit<String, Integer, Integer> group, String key, int item,
            List<Thread> threads) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                answer.complete(group.call(key, item));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        threads.add(thread);
        thread.start();
        return answer;
    }

    /** Waits until every thread waits for the running batch (parked on its key's lock). */
    static void awaitParked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING)) {
            assertThat(System.nanoTime()).as("threads parked in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
