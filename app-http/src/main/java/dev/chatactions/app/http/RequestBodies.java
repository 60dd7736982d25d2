package dev.chatactions.app.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Reads request bodies as UTF-8 text, refusing more than {@link HttpSettings#MAX_BODY_BYTES} (413)
 * before and while reading, a body cut short or badly chunked (400), and for JSON bodies any media
 * type but {@code application/json} in UTF-8 (415).
 */
final class RequestBodies {

    private RequestBodies() {}

    /** The body of a request that must be {@code application/json}, with no charset or {@code utf-8}. */
    static String json(ServerRequest req) {
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!isUtf8Json(contentType)) {
            throw new HttpProblem(415, "media-type", "Unsupported media type",
                    "the body must be sent as Content-Type: application/json (UTF-8)");
        }
        return utf8(req);
    }

    private static boolean isUtf8Json(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            String name = parameter[0].strip();
            if (name.isEmpty() && parameter.length == 1) {
                continue;
            }
            String value = parameter.length == 2 ? parameter[1].strip().replace("\"", "") : "";
            if (!name.equalsIgnoreCase("charset") || !value.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    static String utf8(ServerRequest req) {
        long max = HttpSettings.MAX_BODY_BYTES;
        if (req.headers().contentLength().orElse(0) > max) {
            throw tooLarge();
        }
        byte[] bytes;
        // Registered by the server's filter; a routing set up without it reads without a deadline.
        Optional<ReadDeadlines> deadline = req.context().get(ReadDeadlines.class);
        deadline.ifPresent(ReadDeadlines::arm);
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw tooLarge();
            }
        } catch (HttpProblem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Helidon reports a body cut short or badly chunked as assorted exceptions; all are the client's fault.
            throw RequestFraming.malformed("the body ended before its announced length, or a chunk is malformed");
        } finally {
            deadline.ifPresent(ReadDeadlines::disarm);
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
