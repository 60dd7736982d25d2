package dev.chatactions.core.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

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
    /** Matches the secret in every form {@link #redact} hides; null when too short to search for. */
    private final Pattern echo;

    private Secret(String value) {
        this.value = value;
        this.echo = value.length() < MIN_REDACTED_LENGTH ? null : echoPattern(value);
    }

    /**
     * @param setting the configuration name, used only in the error message (e.g. {@code FORGE_TOKEN})
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

    /** The secret itself; only for the request that must carry it. */
    public String reveal() {
        return value;
    }

    /**
     * {@code text} with every secret this process holds shown as {@value #HIDDEN}: as it is, with any
     * of its characters percent-encoded (either case, once or more), and base64-encoded (standard or URL alphabet, at
     * any offset in a longer base64 run, e.g. {@code Basic} credentials).
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Pattern> echoes = new ArrayList<>();
        synchronized (HELD) {
            HELD.keySet().stream().map(secret -> secret.echo).filter(Objects::nonNull).forEach(echoes::add);
        }
        String redacted = text;
        for (Pattern echo : echoes) {
            redacted = echo.matcher(redacted).replaceAll(HIDDEN);
        }
        return redacted;
    }

    private static Pattern echoPattern(String value) {
        StringBuilder plainOrPercent = new StringBuilder();
        value.codePoints().forEach(c -> {
            StringBuilder percent = new StringBuilder();
            for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                // "%25" repeated: the escape escaped again, as a URL inside a URL's query carries it.
                percent.append("%(?:25)*(?i:").append(String.format("%02x", b & 0xff)).append(')');
            }
            plainOrPercent.append("(?:").append(Pattern.quote(new String(Character.toChars(c)))).append('|').append(percent).append(')');
        });
        List<String> alternatives = new ArrayList<>(List.of(plainOrPercent.toString()));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            for (int offset = 0; offset < 3; offset++) {
                String core = base64Core(encoder, bytes, offset);
                if (core.length() >= MIN_BASE64_FORM) {
                    alternatives.add(Pattern.quote(core));
                }
            }
        }
        return Pattern.compile(String.join("|", alternatives));
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
