package dev.chatactions.core.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * A token or client secret. It never shows itself: {@code toString} is a fixed mask and equality is
 * identity, so a secret cannot end up in a log line, an exception message or a recorded response by
 * accident. {@link #reveal()} is for the one place that builds an {@code Authorization} header or a
 * token request.
 *
 * <p>Every secret this process holds is remembered (weakly), so that {@link #redact} can hide each
 * of them from any text that came back from outside, whichever upstream echoed it.
 */
public final class Secret {

    /** What a hidden secret reads as. */
    public static final String HIDDEN = "[hidden]";
    /**
     * Shorter values are not searched for in text: hiding every "t" would wreck every message, and
     * no credential the upstreams issue is that short.
     */
    static final int MIN_REDACTED_LENGTH = 6;
    /** A base64 run shorter than this could occur by chance; longer secrets always give longer runs. */
    private static final int MIN_BASE64_FORM = 8;

    private static final Map<Secret, Boolean> HELD = Collections.synchronizedMap(new WeakHashMap<>());

    private final String value;
    /** What {@link #redact} searches for as it is: the value, and its base64 runs; empty when too short. */
    private final List<String> literalForms;
    /** The value's UTF-8 bytes, one char each, as a percent-decoded text shows them. */
    private final String decodedForm;

    private Secret(String value) {
        this.value = value;
        boolean searched = value.length() >= MIN_REDACTED_LENGTH;
        this.literalForms = searched ? literalForms(value) : List.of();
        this.decodedForm = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * Wraps a secret read from a setting, without the surrounding whitespace.
     *
     * @param value the secret as configured
     * @param setting the configuration name, used only in the error message (e.g. {@code FORGE_TOKEN})
     * @return the secret
     * @throws IllegalArgumentException when the value is missing, blank or not a single header-safe line
     */
    public static Secret of(String value, String setting) {
        Objects.requireNonNull(setting, "setting");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " must be set (it is missing or blank)");
        }
        String trimmed = value.strip();
        if (trimmed.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException(setting + " must be one token without spaces or control characters");
        }
        Secret secret = new Secret(trimmed);
        HELD.put(secret, Boolean.TRUE);
        return secret;
    }

    /**
     * The secret itself; only for the request that must carry it.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /**
     * {@code text} with every secret this process holds shown as {@value #HIDDEN}: as it is, with any
     * of its characters percent-encoded (either case, once or more), and base64-encoded (standard or
     * URL alphabet, at any offset in a longer base64 run, e.g. {@code Basic} credentials). Linear in
     * the text's length for each secret held.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Secret> held = new ArrayList<>();
        synchronized (HELD) {
            HELD.keySet().stream().filter(secret -> !secret.literalForms.isEmpty()).forEach(held::add);
        }
        String redacted = text;
        for (Secret secret : held) {
            for (String form : secret.literalForms) {
                if (redacted.contains(form)) {
                    redacted = redacted.replace(form, HIDDEN);
                }
            }
        }
        return redacted.indexOf('%') < 0 ? redacted : hidePercentEncoded(redacted, held);
    }

    /** Finds the secrets in the percent-decoded view of {@code text} and hides the original characters they came from. */
    private static String hidePercentEncoded(String text, List<Secret> held) {
        StringBuilder decoded = new StringBuilder(text.length());
        int[] from = new int[text.length() + 1]; // where in text each decoded char begins; one more for the end
        for (int i = 0; i < text.length(); ) {
            from[decoded.length()] = i;
            int escape = escapeEnd(text, i);
            if (escape > i) {
                decoded.append((char) Integer.parseInt(text.substring(escape - 2, escape), 16));
                i = escape;
            } else {
                decoded.append(text.charAt(i++));
            }
        }
        from[decoded.length()] = text.length();
        List<int[]> spans = new ArrayList<>();
        for (Secret secret : held) {
            String form = secret.decodedForm;
            for (int at = decoded.indexOf(form); at >= 0; at = decoded.indexOf(form, at + form.length())) {
                spans.add(new int[] {from[at], from[at + form.length()]});
            }
        }
        if (spans.isEmpty()) {
            return text;
        }
        spans.sort(Comparator.comparingInt(span -> span[0]));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int[] span : spans) {
            if (span[0] >= copied) {
                out.append(text, copied, span[0]).append(HIDDEN);
            }
            copied = Math.max(copied, span[1]);
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** The end of the escape at {@code i} ({@code %XX}, or {@code %25...25XX} for an escape escaped again), else {@code i}. */
    private static int escapeEnd(String text, int i) {
        if (text.charAt(i) != '%') {
            return i;
        }
        int hex = i + 1;
        while (isHexPair(text, hex) && text.startsWith("25", hex) && isHexPair(text, hex + 2)) {
            hex += 2;
        }
        return isHexPair(text, hex) ? hex + 2 : i;
    }

    private static boolean isHexPair(String text, int at) {
        return at + 2 <= text.length() && Character.digit(text.charAt(at), 16) >= 0 && Character.digit(text.charAt(at + 1), 16) >= 0;
    }

    private static List<String> literalForms(String value) {
        List<String> forms = new ArrayList<>(List.of(value));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            for (int offset = 0; offset < 3; offset++) {
                String core = base64Core(encoder, bytes, offset);
                if (core.length() >= MIN_BASE64_FORM && !forms.contains(core)) {
                    forms.add(core);
                }
            }
        }
        forms.sort(Comparator.comparingInt(String::length).reversed()); // a longer form may hold a shorter one
        return List.copyOf(forms);
    }

    /**
     * The base64 characters that depend on {@code bytes} alone when they start {@code offset} bytes
     * into a 3-byte group: whatever surrounds the secret in a longer encoded text, these appear in it.
     */
    private static String base64Core(Base64.Encoder encoder, byte[] bytes, int offset) {
        byte[] shifted = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, shifted, offset, bytes.length);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        // Each character holds 6 bits: keep those whose bits all lie within the secret's bytes.
        int from = (8 * offset + 5) / 6;
        int end = 8 * (offset + bytes.length) / 6;
        return from < end ? encoded.substring(from, end) : "";
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
