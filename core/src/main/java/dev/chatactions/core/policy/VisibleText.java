package dev.chatactions.core.policy;

import java.util.Optional;

/**
 * What a button shows must be what runs: text that shows nothing, and characters that reorder or hide
 * what is shown (bidirectional controls, zero-width characters, odd spaces), are caught here.
 */
public final class VisibleText {

    private VisibleText() {}

    /** U+061C, U+200E/F, U+202A-E, U+2066-9: they change the order in which the text around them is shown. */
    static boolean isBidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Shows nothing on its own: spaces of every kind, controls, format characters, lone marks, blank fillers. */
    static boolean isInvisible(int c) {
        return switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL, Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                    Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> true;
            default -> Character.isWhitespace(c) || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0
                    || c == 0x2800 || c == 0x034F;
        };
    }

    /** True when a person would see no character at all (empty included). */
    static boolean showsNothing(String text) {
        return text.codePoints().allMatch(VisibleText::isInvisible);
    }

    /** For free text (titles, labels): why it could disguise what is shown, if it holds a bidirectional control. */
    static Optional<String> bidiControl(String text) {
        return text.codePoints().filter(VisibleText::isBidiControl).boxed().findFirst()
                .map(c -> "contains the bidirectional control " + codePoint(c) + ", which can disguise what is shown");
    }

    /**
     * For names (branches, repositories): names are compared by eye, so no character in them may be
     * invisible or reorder the others; an ASCII space is left to the name's own rules.
     */
    static Optional<String> hiddenCharacter(String name) {
        return name.codePoints().filter(c -> c != ' ' && (isInvisible(c) || isBidiControl(c))).boxed().findFirst()
                .map(c -> (isBidiControl(c) ? "contains the bidirectional control " : "contains the invisible character ")
                        + codePoint(c) + ", which can disguise what is shown");
    }

    /**
     * {@code text} with every invisible or bidirectional character but the ASCII space written as
     * {@code U+202E}: how a page or a reason shows text the policy did not allow, so it cannot disguise itself.
     */
    public static String shown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c != ' ' && (isInvisible(c) || isBidiControl(c))) {
                out.append(codePoint(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
