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
        /** Lines are missing: a chained line's {@code seq} is ahead of its line number, or the file ends before its head. */
        REMOVED,
        /** Lines are out of order: a {@code seq} appears before a smaller one. */
        REORDERED,
        /** The last line has no newline (a crash mid-write). */
        TORN_TAIL,
        /** A line is not a JSON object. */
        UNPARSEABLE
    }

    /**
     * Every line is whole, every chained line links to the line before it, and the first {@code
     * anchoredLines} end where the file's head (in its lock file) says, so none were cut off after them.
     * Lines after those came after the last recorded head (a crash between a write and its head, or
     * another program's lines): a cut among them could not be seen.
     */
    record Intact(long lines, long anchoredLines) implements Verification {

        /** Intact with every line covered by the head. */
        public Intact(long lines) {
            this(lines, lines);
        }

        @Override
        public boolean intact() {
            return true;
        }

        @Override
        public String toString() {
            if (anchoredLines == lines) {
                return "intact (" + lines + " lines)";
            }
            return "intact (" + lines + " lines" + (anchoredLines == 0
                    ? "; no head in its lock file, so lines cut off the end could not be seen)"
                    : "; the head in its lock file covers " + anchoredLines + ", so a cut after line " + anchoredLines
                            + " could not be seen)");
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
