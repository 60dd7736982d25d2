package dev.chatactions.adapter.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.InvalidJsonException;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import dev.chatactions.core.port.UpstreamResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One history record to one JSON line and back. Chat lines are {@code {"ts","user","role","content"}}
 * (our own turns add {@code turn}, {@code model_session}, {@code cut_short} and are chained);
 * proposal and action lines add their fields in a fixed order, and the appender adds {@code seq} and
 * {@code prev} at the end. Payloads are written in PayloadJson's canonical form.
 */
final class HistoryLineCodec {

    static final String PROPOSAL = "proposal";
    static final String ACTION = "action";
    static final String SEQ = "seq";
    static final String PREV = "prev";
    private static final String TURN = "turn";
    private static final String MODEL_SESSION = "model_session";
    private static final String CUT_SHORT = "cut_short";

    /** Buffers from Jackson's shared bounded pool: every append runs on a (virtual) thread of its own. */
    private static final JsonFactory JSON =
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build();
    private static final UpstreamResponse NO_RESPONSE = new UpstreamResponse(0, Payload.empty());

    private HistoryLineCodec() {}

    /** A record as JSON, without newline; {@code chained} lines still need {@code seq} and {@code prev}. */
    record EncodedLine(byte[] json, boolean chained) {}

    /** Where a line was read: for locations, and for the fields chat lines leave out. */
    record Origin(String file, String user, String conversation) {
        String location(long line) {
            return file + ":" + line;
        }
    }

    static EncodedLine encode(HistoryRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            if (record instanceof ChatLine chat) {
                writeChat(gen, chat);
            } else if (record instanceof ProposalLine proposal) {
                writeProposal(gen, proposal);
            } else if (record instanceof ActionLine action) {
                writeAction(gen, action);
            } else {
                throw new IllegalArgumentException("an unreadable line cannot be appended");
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Our own turns' chat lines are chained too, so verify covers the whole conversation.
        return new EncodedLine(utf8(out.toString()), !(record instanceof ChatLine chat) || chat.turn() != null);
    }

    /** What a chained line adds before its closing brace: {@code ,"seq":N,"prev":"hex"}. */
    static byte[] chainFields(long seq, String prev) {
        return (",\"" + SEQ + "\":" + seq + ",\"" + PREV + "\":\"" + prev + "\"").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The UTF-8 of generated JSON. A lone surrogate (model text may hold one, from a JSON escape)
     * has no UTF-8 form, and Jackson's byte generator refuses some; it can only stand inside a
     * string, where its backslash-u escape reads back as the same char.
     */
    private static byte[] utf8(String json) {
        StringBuilder text = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                text.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeChat(JsonGenerator gen, ChatLine chat) throws IOException {
        writeHead(gen, chat.ts(), chat.user(), chat.role(), null);
        gen.writeStringField("content", chat.content());
        ChatLine.Turn turn = chat.turn();
        if (turn != null) {
            gen.writeStringField(TURN, turn.id());
            writeIfPresent(gen, MODEL_SESSION, turn.modelSession());
            writeIfPresent(gen, CUT_SHORT, turn.cutShort());
        }
    }

    private static void writeProposal(JsonGenerator gen, ProposalLine proposal) throws IOException {
        writeHead(gen, proposal.ts(), proposal.user(), PROPOSAL, proposal.conversation());
        gen.writeStringField("id", proposal.id());
        gen.writeStringField("type", proposal.type());
        writePayload(gen, "payload", proposal.payload());
        gen.writeStringField("digest", proposal.digest());
    }

    private static void writeAction(JsonGenerator gen, ActionLine action) throws IOException {
        writeHead(gen, action.ts(), action.user(), ACTION, action.conversation());
        gen.writeStringField("type", action.type());
        gen.writeStringField("key", action.key());
        gen.writeStringField("proposal", action.proposal());
        writePayload(gen, "request", action.request());
        gen.writeStringField("status", action.status().wireName());
        ActionResult result = action.result();
        Failure failure = action.failure();
        UpstreamResponse response = result != null ? result.response() : failure != null ? failure.response() : null;
        if (response != null) {
            writeResponse(gen, "response", response);
        }
        if (result != null) {
            gen.writeFieldName("result");
            writeResult(gen, result, false);
        }
        if (failure != null) {
            // The top-level response is the result's when there is one; the failure then keeps its own.
            writeFailure(gen, failure, result != null && failure.response() != null);
        }
        writeStrings(gen, "reasons", action.reasons());
        writeIfPresent(gen, "replay_of", action.replayOf());
    }

    /** Chat lines leave out the conversation: their file name says it, as in the existing chat history. */
    private static void writeHead(JsonGenerator gen, Instant ts, String user, String role, String conversation)
            throws IOException {
        gen.writeStringField("ts", ts.toString());
        gen.writeStringField("user", user);
        gen.writeStringField("role", role);
        writeIfPresent(gen, "conversation", conversation);
    }

    private static void writeResult(JsonGenerator gen, ActionResult result, boolean withResponse) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("kind", result.kind());
        gen.writeNumberField("id", result.id());
        gen.writeNumberField("number", result.number());
        gen.writeStringField("url", result.url());
        gen.writeStringField("state", result.state());
        if (result.dryRun()) {
            gen.writeBooleanField("dry_run", true);
        }
        if (withResponse && !result.response().equals(NO_RESPONSE)) {
            writeResponse(gen, "response", result.response());
        }
        gen.writeEndObject();
    }

    private static void writeFailure(JsonGenerator gen, Failure failure, boolean withResponse) throws IOException {
        gen.writeObjectFieldStart("failure");
        gen.writeStringField("kind", failure.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        gen.writeNumberField("status", failure.status());
        gen.writeBooleanField("retryable", failure.retryable());
        gen.writeStringField("message", failure.message());
        writeStrings(gen, "details", failure.details());
        if (failure.existing() != null) {
            gen.writeFieldName("existing");
            writeResult(gen, failure.existing(), true);
        }
        if (withResponse) {
            writeResponse(gen, "response", failure.response());
        }
        gen.writeEndObject();
    }

    private static void writeResponse(JsonGenerator gen, String name, UpstreamResponse response) throws IOException {
        gen.writeObjectFieldStart(name);
        gen.writeNumberField("status", response.status());
        writePayload(gen, "body", response.body());
        gen.writeEndObject();
    }

    private static void writePayload(JsonGenerator gen, String name, Payload payload) throws IOException {
        gen.writeFieldName(name);
        gen.writeRawValue(PayloadJson.canonical(payload));
    }

    private static void writeStrings(JsonGenerator gen, String name, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            gen.writeArrayFieldStart(name);
            for (String value : values) {
                gen.writeString(value);
            }
            gen.writeEndArray();
        }
    }

    private static void writeIfPresent(JsonGenerator gen, String name, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(name, value);
        }
    }

    /**
     * The record a line holds: empty for lines of other programs that are not chat messages, an
     * {@link UnreadableLine} for a line that is not JSON or lacks a field its role needs.
     */
    static Optional<HistoryRecord> decode(String line, long number, Origin origin) {
        try {
            Fields fields = new Fields(PayloadJson.readStored(line).fields());
            Object role = fields.raw("role");
            if (PROPOSAL.equals(role)) {
                return Optional.of(readProposal(fields, origin));
            }
            if (ACTION.equals(role)) {
                return Optional.of(readAction(fields, origin));
            }
            if (role instanceof String chatRole && fields.raw("content") instanceof String content) {
                ChatLine.Turn turn = fields.has(TURN) ? new ChatLine.Turn(fields.string(TURN),
                        fields.optionalString(MODEL_SESSION), fields.optionalString(CUT_SHORT)) : null;
                return Optional.of(new ChatLine(
                        fields.instant("ts"), fields.stringOr("user", origin.user()), origin.conversation(),
                        chatRole, content, turn));
            }
            return Optional.empty();
        } catch (InvalidJsonException | BadLine | ArithmeticException e) {
            // A reason may quote the line's own text: its line breaks must not split the report.
            String problem = String.valueOf(e.getMessage()).replace("\r", "\\r").replace("\n", "\\n");
            return Optional.of(new UnreadableLine(origin.location(number), problem));
        }
    }

    private static ProposalLine readProposal(Fields f, Origin origin) {
        return new ProposalLine(
                f.instant("ts"), f.stringOr("user", origin.user()), f.optionalStringOr("conversation", origin.conversation()),
                f.string("id"), f.string("type"), f.payload("payload"), f.string("digest"));
    }

    private static ActionLine readAction(Fields f, Origin origin) {
        String status = f.string("status");
        UpstreamResponse response = f.has("response") ? readResponse(f.object("response")) : null;
        ActionResult result = f.has("result") ? readResult(f.object("result"), response) : null;
        Failure failure = f.has("failure") ? readFailure(f.object("failure"), result == null ? response : null) : null;
        return new ActionLine(
                f.instant("ts"), f.stringOr("user", origin.user()), f.optionalStringOr("conversation", origin.conversation()),
                f.string("type"), f.string("key"), f.optionalString("proposal"), f.payload("request"),
                ActionStatus.fromWireName(status).orElseThrow(() -> new BadLine("unknown action status \"" + status + "\"")),
                f.strings("reasons"), result, failure, f.optionalString("replay_of"));
    }

    private static UpstreamResponse readResponse(Fields f) {
        return new UpstreamResponse(f.integer("status").intValueExact(), f.payload("body"));
    }

    private static ActionResult readResult(Fields f, UpstreamResponse response) {
        UpstreamResponse own = f.has("response") ? readResponse(f.object("response")) : response;
        return new ActionResult(
                f.string("kind"), f.integer("id").longValueExact(), f.integer("number").longValueExact(),
                f.string("url"), f.optionalString("state"), own != null ? own : NO_RESPONSE, f.has("dry_run") && f.bool("dry_run"));
    }

    private static Failure readFailure(Fields f, UpstreamResponse response) {
        String kind = f.string("kind");
        Failure.Kind parsedKind;
        try {
            parsedKind = Failure.Kind.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadLine("unknown failure kind \"" + kind + "\"");
        }
        return new Failure(
                parsedKind, f.integer("status").intValueExact(), f.bool("retryable"), f.string("message"),
                f.strings("details"), f.has("existing") ? readResult(f.object("existing"), null) : null,
                f.has("response") ? readResponse(f.object("response")) : response);
    }

    /** A line that is JSON but not a record its role promises. */
    private static final class BadLine extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    /** Typed access to a parsed line, failing with a one-line reason naming the field. */
    private record Fields(Map<String, Object> map) {

        boolean has(String name) {
            return map.get(name) != null;
        }

        Object raw(String name) {
            return map.get(name);
        }

        String string(String name) {
            return typed(name, String.class, "a string");
        }

        String optionalString(String name) {
            return has(name) ? string(name) : null;
        }

        /** The field, else {@code fallback}; missing both is an error. */
        String stringOr(String name, String fallback) {
            return has(name) || fallback == null ? string(name) : fallback;
        }

        String optionalStringOr(String name, String fallback) {
            return has(name) ? string(name) : fallback;
        }

        BigInteger integer(String name) {
            return typed(name, BigInteger.class, "an integer");
        }

        boolean bool(String name) {
            return typed(name, Boolean.class, "true or false");
        }

        Fields object(String name) {
            return new Fields(mapField(name));
        }

        Payload payload(String name) {
            return Payload.of(mapField(name));
        }

        List<String> strings(String name) {
            if (!has(name)) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (Object item : typed(name, List.class, "an array")) {
                if (!(item instanceof String s)) {
                    throw new BadLine("\"" + name + "\" must hold strings");
                }
                values.add(s);
            }
            return values;
        }

        Instant instant(String name) {
            String text = string(name);
            try {
                return Instant.parse(text);
            } catch (DateTimeException notAnInstant) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeException notOffset) {
                    try {
                        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                    } catch (DateTimeException e) {
                        throw new BadLine("\"" + name + "\" is not a timestamp: " + text);
                    }
                }
            }
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> mapField(String name) {
            return typed(name, Map.class, "an object");
        }

        private <T> T typed(String name, Class<T> type, String description) {
            Object value = map.get(name);
            if (value == null) {
                throw new BadLine("missing \"" + name + "\"");
            }
            if (!type.isInstance(value)) {
                throw new BadLine("\"" + name + "\" must be " + description);
            }
            return type.cast(value);
        }
    }
}
