package dev.chatactions.core.text;

/**
 * The one decision on text that is not well-formed Unicode, i.e. holds a lone UTF-16 surrogate (a
 * JSON escape such as {@code \ud800} makes one): a request holding it is refused ({@link
 * #firstLoneSurrogate}), stored or upstream text has it replaced by U+FFFD ({@link #repaired}), so it
 * can always be written as UTF-8 and shown.
 */
public final class UnicodeText {

    /** What a lone surrogate is shown as. */
    public static final char REPLACEMENT = '\uFFFD';

    private UnicodeText() {}

    /** The index of the first surrogate that is not half of a pair, or -1 when {@code text} is well-formed. */
    public static int firstLoneSurrogate(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} with every lone surrogate replaced by U+FFFD; the same instance when there is none. */
    public static String repaired(String text) {
        int first = firstLoneSurrogate(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /** {@code \uD800}: how a refusal names the character without printing it. */
    public static String escaped(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
