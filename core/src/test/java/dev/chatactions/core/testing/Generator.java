package dev.chatactions.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Makes one test input from a seeded random source: the same seed gives the same input. */
@FunctionalInterface
public interface Generator<T> {

    T next(RandomGenerator random);

    /** One of {@code choices}, each equally likely. */
    @SafeVarargs
    static <T> Generator<T> oneOf(T... choices) {
        return random -> choices[random.nextInt(choices.length)];
    }

    /** Lists of 0 to {@code maxSize} items of {@code item}. */
    static <T> Generator<List<T>> listOf(Generator<? extends T> item, int maxSize) {
        return random -> {
            int size = random.nextInt(maxSize + 1);
            List<T> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(item.next(random));
            }
            return items;
        };
    }

    /**
     * Strings of 0 to {@code maxLength} UTF-16 code units from all over the range: ASCII and
     * controls, other BMP characters, surrogate pairs, and lone surrogates.
     */
    static Generator<String> anyString(int maxLength) {
        return random -> {
            int length = random.nextInt(maxLength + 1);
            StringBuilder text = new StringBuilder(length);
            while (text.length() < length) {
                switch (random.nextInt(5)) {
                    case 0 -> text.append((char) random.nextInt(0x20));
                    case 1, 2 -> text.append((char) random.nextInt(0x20, 0x7f));
                    case 3 -> text.appendCodePoint(random.nextInt(0x80, Character.MAX_CODE_POINT + 1));
                    default -> text.append((char) random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1));
                }
            }
            text.setLength(length); // a last pair may have gone one over: cutting it leaves a lone surrogate, also wanted
            return text.toString();
        };
    }
}
