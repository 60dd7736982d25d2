package dev.chatactions.core.service;

import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a replay of recorded action lines would do now, one item per attempt: the latest line of
 * each key decides (a key that is done anywhere is done), and every denial is its own item.
 */
public final class ReplayPlan {

    /** What happens to one recorded attempt. */
    public enum Step {
        /** The key is done (in this or another line): nothing to run. */
        SKIP_DONE("skip", "already done"),
        /** A denial: never replayed. */
        SKIP_DENIED("skip", "denied: denials are never replayed"),
        /** It failed: run it again. */
        RUN_FAILED("run again", "failed"),
        /** Its answer was lost: look for what it created, run it only if nothing. */
        RECONCILE_UNKNOWN("run again", "unknown: look for what it created first");

        private final String verb;
        private final String why;

        Step(String verb, String why) {
            this.verb = verb;
            this.why = why;
        }

        /** {@return true when a replay calls the upstream for this step} */
        public boolean runs() {
            return this == RUN_FAILED || this == RECONCILE_UNKNOWN;
        }

        /** {@return e.g. {@code skip (already done)}} */
        public String describe() {
            return verb + " (" + why + ")";
        }
    }

    /**
     * One attempt: its latest line and what a replay does with it.
     *
     * @param line the attempt's latest action line
     * @param step what a replay does with it
     */
    public record Item(ActionLine line, Step step) {
        /** Checks that both components are present. */
        public Item {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(step, "step");
        }
    }

    private final List<Item> items;

    private ReplayPlan(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /**
     * Plans the replay of {@code lines} (in file order). {@code filter} selects the items to keep
     * after grouping (by type, time, step...).
     *
     * @param lines action lines in file order
     * @param filter which planned items to keep
     * @return the plan
     */
    public static ReplayPlan of(Stream<ActionLine> lines, Predicate<Item> filter) {
        Map<String, ActionLine> latestByKey = new LinkedHashMap<>();
        Map<String, Boolean> doneKeys = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        lines.forEach(line -> {
            String scopedKey = line.user() + '\n' + line.key();
            if (line.status() == ActionStatus.DENIED) {
                order.add(line);
                return;
            }
            if (!latestByKey.containsKey(scopedKey)) {
                order.add(scopedKey);
            }
            latestByKey.put(scopedKey, line);
            if (line.status() == ActionStatus.DONE) {
                doneKeys.put(scopedKey, true);
            }
        });
        List<Item> items = new ArrayList<>();
        for (Object entry : order) {
            Item item = entry instanceof ActionLine denied
                    ? new Item(denied, Step.SKIP_DENIED)
                    : new Item(latestByKey.get(entry), stepFor(latestByKey.get(entry), doneKeys.containsKey(entry)));
            if (filter.test(item)) {
                items.add(item);
            }
        }
        return new ReplayPlan(items);
    }

    private static Step stepFor(ActionLine latest, boolean doneSomewhere) {
        if (doneSomewhere) {
            return Step.SKIP_DONE;
        }
        return latest.status() == ActionStatus.FAILED ? Step.RUN_FAILED : Step.RECONCILE_UNKNOWN;
    }

    /** {@return the planned items, in the order of their first line} */
    public List<Item> items() {
        return items;
    }

    /**
     * Counts the items of one step.
     *
     * @param step a step
     * @return how many items take it
     */
    public long count(Step step) {
        return items.stream().filter(i -> i.step() == step).count();
    }
}
