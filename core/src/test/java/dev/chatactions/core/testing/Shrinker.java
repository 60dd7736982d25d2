package dev.chatactions.core.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Proposes smaller versions of a failing input, most promising first; {@link Property} keeps the
 * first that still fails and asks again, until none does.
 */
@FunctionalInterface
public interface Shrinker<T> {

    List<T> smaller(T value);

    /** For inputs that have no useful smaller form. */
    static <T> Shrinker<T> none() {
        return value -> List.of();
    }

    /** Removes a run of items: halves first, then quarters, down to single items. */
    static <T> Shrinker<List<T>> lists() {
        return list -> {
            List<List<T>> candidates = new ArrayList<>();
            for (int[] cut : cuts(list.size())) {
                List<T> shorter = new ArrayList<>(list.subList(0, cut[0]));
                shorter.addAll(list.subList(cut[1], list.size()));
                candidates.add(shorter);
            }
            return candidates;
        };
    }

    /** Removes a run of characters, as {@link #lists()} removes items. */
    static Shrinker<String> strings() {
        return text -> cuts(text.length()).stream().map(cut -> text.substring(0, cut[0]) + text.substring(cut[1])).toList();
    }

    /** The runs {@code [from, to)} to try removing from a sequence of {@code length}: long runs first. */
    private static List<int[]> cuts(int length) {
        List<int[]> cuts = new ArrayList<>();
        for (int size = Math.max(1, length / 2); size <= length; size /= 2) {
            for (int from = 0; from + size <= length; from += size) {
                cuts.add(new int[] {from, from + size});
            }
            if (size == 1) {
                break;
            }
        }
        return cuts;
    }
}
