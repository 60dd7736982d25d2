package dev.chatactions.adapter.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Joins concurrent calls for one key in this process (a conversation's chain, a rate-limit bucket)
 * into one piece of database work, so that between them they lock the key's row, and commit, once.
 * A caller waits while the batch before runs, then runs every call queued by then as the next batch,
 * unless that batch held its call already. Each call returns only when its batch has committed, and
 * gets the batch's failure if it failed. Calls for other keys are neither held up nor joined.
 *
 * @param <K> the key
 * @param <I> what one call asks
 * @param <R> what one call gets
 */
final class GroupCommit<K, I, R> {

    /** One batch for one key: completes each call once its transaction has committed (or refuses it). */
    interface Work<K, I, R> {
        void run(K key, List<Call<I, R>> batch);
    }

    /** One caller's request in a batch, and its answer once there is one. */
    static final class Call<I, R> {
        private final I item;
        private boolean answered;
        private R result;
        private RuntimeException failure;

        private Call(I item) {
            this.item = item;
        }

        I item() {
            return item;
        }

        void complete(R value) {
            if (!answered) {
                answered = true;
                result = value;
            }
        }

        void fail(RuntimeException cause) {
            if (!answered) {
                answered = true;
                failure = cause;
            }
        }

        private R answer() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /** One key's calls: those waiting, and the lock of the batch that runs. */
    private static final class Line<I, R> {
        final ReentrantLock running = new ReentrantLock();
        final Queue<Call<I, R>> waiting = new ConcurrentLinkedQueue<>();
        /** Callers in this line; changed only inside the map's compute, which is atomic per key. */
        int callers;
    }

    private final ConcurrentHashMap<K, Line<I, R>> lines = new ConcurrentHashMap<>();
    private final int maxBatch;
    private final Work<K, I, R> work;

    /**
     * @param maxBatch the most calls one batch takes
     * @param work runs one batch
     */
    GroupCommit(int maxBatch, Work<K, I, R> work) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one call");
        }
        this.maxBatch = maxBatch;
        this.work = Objects.requireNonNull(work, "work");
    }

    /**
     * Runs {@code item} in a batch for {@code key} and returns once that batch committed.
     *
     * @throws RuntimeException the batch's failure (the same exception for every call in it), or this call's refusal
     */
    R call(K key, I item) {
        Line<I, R> line = lines.compute(key, (k, existing) -> {
            Line<I, R> joined = existing == null ? new Line<>() : existing;
            joined.callers++;
            return joined;
        });
        Call<I, R> call = new Call<>(item);
        try {
            line.waiting.add(call);
            line.running.lock();
            try {
                // The lock orders the batches and makes the answers written by the one that ran ours visible here.
                while (!call.answered) {
                    runBatch(key, line);
                }
            } finally {
                line.running.unlock();
            }
        } finally {
            lines.computeIfPresent(key, (k, existing) -> --existing.callers == 0 ? null : existing);
        }
        return call.answer();
    }

    private void runBatch(K key, Line<I, R> line) {
        List<Call<I, R>> batch = new ArrayList<>();
        for (Call<I, R> next = line.waiting.poll(); next != null; next = batch.size() < maxBatch ? line.waiting.poll() : null) {
            batch.add(next);
        }
        try {
            work.run(key, List.copyOf(batch));
        } catch (RuntimeException e) {
            batch.forEach(call -> call.fail(e));
        } finally {
            batch.forEach(call -> call.fail(new IllegalStateException("the batch ended without answering this call")));
        }
    }
}
