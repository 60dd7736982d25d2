package dev.chatactions.app.http;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** Reads request bodies as UTF-8 text, refusing more than {@link HttpSettings#MAX_BODY_BYTES} (413) before and while reading. */
final class RequestBodies {

    private RequestBodies() {}

    static String utf8(ServerRequest req) {
        long max = HttpSettings.MAX_BODY_BYTES;
        if (req.headers().contentLength().orElse(0) > max) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw tooLarge();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw HttpProblem.badRequest("the body is not UTF-8 text");
        }
    }

    private static HttpProblem tooLarge() {
        return new HttpProblem(413, "too-large", "Body too large",
                "the body is larger than " + HttpSettings.MAX_BODY_BYTES / 1024 + " KiB");
    }
}
