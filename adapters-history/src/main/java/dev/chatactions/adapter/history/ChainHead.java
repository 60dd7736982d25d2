package dev.chatactions.adapter.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The head of a file's chain: how many lines it had and the {@code prev} a line appended after them
 * would carry (the hash of its last lines, see {@link ChainSpan}). A hash chain cannot show lines cut
 * off its end; the head can, because it lives elsewhere: in the file's lock file, which every append
 * already holds.
 *
 * <p>Crash safety: the head is written after the batch's lines (and their force), so it never runs
 * ahead of what the file holds, only behind, after a crash between the two; {@code verify} reads lines
 * after the head as such a lag, never as tampering. The head is written to two slots in turn, each with
 * its own checksum, so a head write torn by a crash leaves the other slot whole.
 */
record ChainHead(long lines, String prev) {

    /** The slots lie this far apart, in different disk sectors. */
    static final int SLOT_SPACING = 512;
    private static final Pattern SLOT =
            Pattern.compile("chat-actions-head lines=([0-9]{1,18}) prev=([0-9a-f]{0,64}) crc=([0-9a-f]{8})\n");

    /** Writes this head to {@code slot} (0 or 1) of {@code lockFile}, an open channel of the lock file. */
    void writeTo(FileChannel lockFile, int slot) throws IOException {
        String body = "chat-actions-head lines=" + lines + " prev=" + prev;
        ByteBuffer bytes = ByteBuffer.wrap((body + " crc=" + crc(body) + "\n").getBytes(StandardCharsets.US_ASCII));
        long position = (long) slot * SLOT_SPACING;
        while (bytes.hasRemaining()) {
            position += lockFile.write(bytes, position);
        }
    }

    /** The newest whole head in {@code lockFile}; empty when it is missing or holds none (written before heads existed). */
    static Optional<ChainHead> read(Path lockFile) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(lockFile)) {
            bytes = in.readNBytes(2 * SLOT_SPACING); // whatever else the file holds is not ours to read
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Optional<ChainHead> newest = Optional.empty();
        for (int start = 0; start < bytes.length; start += SLOT_SPACING) {
            Optional<ChainHead> head = parse(Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + SLOT_SPACING)));
            if (head.isPresent() && (newest.isEmpty() || head.get().lines() > newest.get().lines())) {
                newest = head;
            }
        }
        return newest;
    }

    private static Optional<ChainHead> parse(byte[] slot) {
        Matcher matcher = SLOT.matcher(new String(slot, StandardCharsets.US_ASCII));
        if (!matcher.lookingAt()) {
            return Optional.empty();
        }
        String body = "chat-actions-head lines=" + matcher.group(1) + " prev=" + matcher.group(2);
        return crc(body).equals(matcher.group(3))
                ? Optional.of(new ChainHead(Long.parseLong(matcher.group(1)), matcher.group(2)))
                : Optional.empty();
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return String.format("%08x", crc.getValue());
    }
}
