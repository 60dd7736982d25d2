package dev.chatactions.core.testing;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Fuzz inputs made by damaging valid ones: bit flips, cuts, repeated and deleted ranges, splices of
 * two inputs, deep nesting, huge numbers, and characters that parsers trip on (lone surrogates,
 * controls, quotes and brackets); as bytes, invalid UTF-8 too.
 */
public final class Mutator {

    private static final String[] TRICKY = {
        "{", "}", "[", "]", "\"", "\\", "'", ":", ",", "<", ">", "/", "`", "~", "\n", "\r", "\u0000", "\f",
        "\ud800", "\udfff", "😀", "é", "e", "E", "-", "+", ".", "0", "\\u", "\\ud800", "NaN", "null", "</action>", "<action type=\"a\">"
    };
    /** Byte sequences that are not UTF-8: a lone continuation, an overlong form, an encoded surrogate, a cut 4-byte form, bytes never used. */
    private static final byte[][] BAD_UTF8 = {
        {(byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf0, (byte) 0x9f}, {(byte) 0xff}, {(byte) 0xf8}
    };

    private Mutator() {}

    /** Inputs made from one of {@code seeds} by one to four mutations. */
    public static Generator<String> strings(List<String> seeds) {
        return random -> {
            String text = seeds.get(random.nextInt(seeds.size()));
            for (int i = random.nextInt(1, 5); i > 0; i--) {
                text = mutate(text, seeds.get(random.nextInt(seeds.size())), random);
            }
            return text;
        };
    }

    /** Byte inputs made from one of {@code seeds} by one to four mutations, invalid UTF-8 among them. */
    public static Generator<byte[]> bytes(List<byte[]> seeds) {
        return random -> {
            byte[] bytes = seeds.get(random.nextInt(seeds.size()));
            for (int i = random.nextInt(1, 5); i > 0; i--) {
                bytes = mutate(bytes, seeds.get(random.nextInt(seeds.size())), random);
            }
            return bytes;
        };
    }

    static String mutate(String text, String other, RandomGenerator random) {
        int at = random.nextInt(text.length() + 1);
        int to = at + random.nextInt(text.length() - at + 1);
        switch (random.nextInt(8)) {
            case 0:
                if (at == text.length()) {
                    return text;
                }
                char flipped = (char) (text.charAt(at) ^ (1 << random.nextInt(16)));
                return text.substring(0, at) + flipped + text.substring(at + 1);
            case 1:
                return text.substring(0, at) + text.substring(to);
            case 2:
                return text.substring(0, to) + text.substring(at, to).repeat(random.nextInt(1, 4)) + text.substring(to);
            case 3:
                return text.substring(0, at) + TRICKY[random.nextInt(TRICKY.length)] + text.substring(at);
            case 4:
                return text.substring(0, at);
            case 5:
                return text.substring(0, at) + other.substring(random.nextInt(other.length() + 1));
            case 6:
                String opener = random.nextBoolean() ? "[" : "{\"a\":";
                return text.substring(0, at) + opener.repeat(random.nextInt(1, 3000)) + text.substring(at);
            default:
                return text.substring(0, at) + hugeNumber(random) + text.substring(at);
        }
    }

    private static String hugeNumber(RandomGenerator random) {
        String digits = "9".repeat(random.nextInt(1, 2000));
        switch (random.nextInt(4)) {
            case 0:
                return digits;
            case 1:
                return "-0." + digits + "e-" + digits;
            case 2:
                return "1e" + digits;
            default:
                return digits + "." + digits;
        }
    }

    static byte[] mutate(byte[] bytes, byte[] other, RandomGenerator random) {
        int at = random.nextInt(bytes.length + 1);
        int to = at + random.nextInt(bytes.length - at + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        switch (random.nextInt(6)) {
            case 0:
                if (at < bytes.length) {
                    out.write(bytes[at] ^ (1 << random.nextInt(8)));
                    at++;
                }
                break;
            case 1:
                at = to; // delete [at, to)
                break;
            case 2:
                out.write(bytes, at, to - at); // repeat [at, to)
                break;
            case 3:
                out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
                break;
            case 4:
                return out.toByteArray(); // cut
            default:
                int from = random.nextInt(other.length + 1);
                out.write(other, from, other.length - from);
                return out.toByteArray();
        }
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }
}
