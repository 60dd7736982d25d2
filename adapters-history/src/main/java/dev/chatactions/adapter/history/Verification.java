package dev.chatactions.adapter.history;

import java.util.Locale;
import java.util.Objects;

/** The result of checking one history file's hash chain: intact, or the first line that breaks it. */
public sealed interface Verification permits Verification.Intact, Verification.Broken {

    boolean intact();

    /** What is wrong with the first bad line. */
    enum Defect {
        /** A line's bytes changed (or a line was inserted): the next chained line's {@code prev} does not match. */
        EDITED,
        /** Lines are missing: a chained line's {@code seq} is ahead of its line number. */
        REMOVED,
        /** Lines are out of order: a {@code seq} appears before a smaller one. */
        REORDERED,
        /** The last line has no newline (a crash mid-write). */
        TORN_TAIL,
        /** A line is not a JSON object. */
        UNPARSEABLE
    }

    /** Every line is whole and every chained line links to the line before it. */
    record Intact(long lines) implements Verification {
        @Override
        public boolean intact() {
            return true;
        }

        @Override
        public String toString() {
            return "intact (" + lines + " lines)";
        }
    }

    /** {@code line} is 1-based; {@code explanation} is one readable line. */
    record Broken(long line, Defect defect, String explanation) implements Verification {
        public Broken {
            Objects.requireNonNull(defect, "defect");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public boolean intact() {
            return false;
        }

        @Override
        public String toString() {
            return "line " + line + ": " + defect.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ": " + explanation;
        }
    }
}
