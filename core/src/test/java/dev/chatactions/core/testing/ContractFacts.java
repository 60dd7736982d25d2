package dev.chatactions.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds recorded HTTP exchanges against contract facts taken from an official Swagger 2.0 document
 * by {@code tools/contract-facts} and committed as a test resource (format: docs/contracts.md): the
 * endpoint is in the facts (method and path template under {@code base}), query parameters are
 * declared and typed, required headers are sent, the JSON body has the required fields and only
 * declared fields of the declared types, and every stubbed response is a valid instance of the type
 * the facts give for that status.
 *
 * <p>A status the facts do not declare is a problem unless the test names it as one the upstream
 * really sends (CONTRACTS.md lists them), as {@code "POST /repos/{repo_id}/pipelines 204"}. Fields
 * are stricter than Swagger's default: an undeclared field is reported, so a misspelt stub or request
 * cannot pass. JSON {@code null} is accepted for fields that are not required (Go encodes empty
 * pointers that way).
 */
public final class ContractFacts {

    /** Routes whose last parameter takes the rest of the path, slashes included (CONTRACTS.md: Woodpecker lookup). */
    private static final Set<String> WILDCARD_ROUTES = Set.of("/repos/lookup/{repo_full_name}");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, ContractFacts> LOADED = new ConcurrentHashMap<>();

    /** A type expression of the facts format. */
    sealed interface Shape {
    }

    /** {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code any}, with an optional format and enum. */
    record Scalar(String kind, boolean dateTime, List<String> values) implements Shape {
    }

    record ArrayOf(Shape items) implements Shape {
    }

    record MapOf(Shape values) implements Shape {
    }

    /** An object type defined by a {@code type} block. */
    record Named(String name) implements Shape {
    }

    /** {@code object}: any JSON object, its fields unchecked. */
    record AnyObject() implements Shape {
    }

    /** {@code extra} is null when only the listed fields are allowed. */
    record ObjectType(Map<String, Shape> fields, Set<String> required, Shape extra) {
    }

    record Parameter(String in, String name, Shape shape, boolean required) {
    }

    /** {@code body} is null when the endpoint takes none; a status maps to null when its answer has no body. */
    record Endpoint(List<Parameter> parameters, Shape body, boolean bodyRequired, Map<String, Shape> statuses) {
    }

    private final String name;
    private final String basePath;
    /** Path template, then method. */
    private final Map<String, Map<String, Endpoint>> endpoints;
    private final Map<String, ObjectType> types;

    private ContractFacts(String name, String basePath, Map<String, Map<String, Endpoint>> endpoints, Map<String, ObjectType> types) {
        this.name = name;
        this.basePath = basePath;
        this.endpoints = endpoints;
        this.types = types;
    }

    /** Loads (once per JVM) facts such as {@code contracts/forgejo-v1.facts} from the test class path. */
    public static ContractFacts load(String resource) {
        return LOADED.computeIfAbsent(resource, r -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("contract facts " + r + " not on the test class path");
                }
                return parse(r, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r, e);
            }
        });
    }

    /** Reads the facts format; {@code source} names the text in messages. */
    public static ContractFacts parse(String source, String text) {
        return new FactsReader(source).read(text);
    }

    /**
     * Throws an AssertionError listing every problem of {@code events}.
     *
     * @param undeclaredStatuses {@code "METHOD /template STATUS"} entries the facts lack but the upstream sends
     */
    public void assertConforms(List<ServeEvent> events, Set<String> undeclaredStatuses) {
        List<String> problems = problems(events, undeclaredStatuses);
        if (!problems.isEmpty()) {
            throw new AssertionError(name + ": " + problems.size() + " contract problem(s):\n  " + String.join("\n  ", problems));
        }
    }

    public List<String> problems(List<ServeEvent> events, Set<String> undeclaredStatuses) {
        List<String> problems = new ArrayList<>();
        for (ServeEvent event : events) {
            checkExchange(event, undeclaredStatuses, problems);
        }
        return problems;
    }

    private void checkExchange(ServeEvent event, Set<String> undeclaredStatuses, List<String> problems) {
        LoggedRequest request = event.getRequest();
        String method = request.getMethod().getName();
        URI url = URI.create(request.getUrl());
        String where = method + " " + url.getRawPath();
        if (!event.getWasMatched()) {
            problems.add(where + ": no stub matched (the test did not expect this request)");
        }
        if (!url.getRawPath().startsWith(basePath + "/")) {
            problems.add(where + ": not under base " + basePath);
            return;
        }
        List<String> segments = List.of(url.getRawPath().substring(basePath.length() + 1).split("/", -1));
        Map.Entry<String, Map<String, String>> template = matchTemplate(segments);
        if (template == null) {
            problems.add(where + ": no such path in " + name);
            return;
        }
        Endpoint endpoint = endpoints.get(template.getKey()).get(method);
        if (endpoint == null) {
            problems.add(where + ": " + template.getKey() + " has no " + method + " endpoint in " + name);
            return;
        }
        String op = method + " " + template.getKey();
        checkParameters(op, endpoint, template.getValue(), url, request, problems);
        checkResponse(op, endpoint, event.getResponse(), undeclaredStatuses, problems);
    }

    /** The path template the segments match, preferring the most literal segments. */
    private Map.Entry<String, Map<String, String>> matchTemplate(List<String> segments) {
        Map.Entry<String, Map<String, String>> best = null;
        int bestScore = -1;
        for (String template : endpoints.keySet()) {
            List<String> parts = List.of(template.substring(1).split("/", -1));
            Map<String, String> params = new LinkedHashMap<>();
            int score = match(parts, segments, WILDCARD_ROUTES.contains(template), params);
            if (score > bestScore) {
                bestScore = score;
                best = Map.entry(template, params);
            }
        }
        return best;
    }

    private static int match(List<String> parts, List<String> segments, boolean wildcard, Map<String, String> params) {
        boolean exact = parts.size() == segments.size();
        if (!exact && !(wildcard && segments.size() > parts.size())) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (isParam(part)) {
                String value = i == parts.size() - 1 ? String.join("/", segments.subList(i, segments.size())) : segments.get(i);
                if (value.isEmpty()) {
                    return -1;
                }
                params.put(part.substring(1, part.length() - 1), decode(value));
            } else if (part.equals(segments.get(i))) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals * 2 + (exact ? 1 : 0);
    }

    private static boolean isParam(String part) {
        return part.startsWith("{") && part.endsWith("}");
    }

    private void checkParameters(
            String op, Endpoint endpoint, Map<String, String> pathValues, URI url, LoggedRequest request, List<String> problems) {
        Map<String, String> query = parseQuery(url.getRawQuery());
        Set<String> declaredQuery = new LinkedHashSet<>();
        for (Parameter parameter : endpoint.parameters()) {
            switch (parameter.in()) {
                case "path" -> checkScalar(op + " path " + parameter.name(), parameter.shape(), pathValues.get(parameter.name()), problems);
                case "query" -> {
                    declaredQuery.add(parameter.name());
                    if (query.containsKey(parameter.name())) {
                        checkScalar(op + " query " + parameter.name(), parameter.shape(), query.get(parameter.name()), problems);
                    } else if (parameter.required()) {
                        problems.add(op + ": required query parameter " + parameter.name() + " missing");
                    }
                }
                case "header" -> {
                    String value = request.getHeader(parameter.name());
                    if (parameter.required() && (value == null || value.isBlank())) {
                        problems.add(op + ": required header " + parameter.name() + " missing");
                    }
                }
                default -> problems.add(op + ": parameters in " + parameter.in() + " are not checked by this checker");
            }
        }
        for (String sent : query.keySet()) {
            if (!declaredQuery.contains(sent)) {
                problems.add(op + ": query parameter " + sent + " is not declared");
            }
        }
        String body = request.getBodyAsString();
        boolean sent = body != null && !body.isEmpty();
        if (endpoint.body() == null) {
            if (sent) {
                problems.add(op + ": sends a body but the endpoint declares none");
            }
        } else if (sent) {
            validateJson(op + " request body", body, endpoint.body(), problems);
        } else if (endpoint.bodyRequired()) {
            problems.add(op + ": required body missing");
        }
    }

    private static void checkScalar(String where, Shape shape, String value, List<String> problems) {
        if (value == null) {
            problems.add(where + ": missing");
            return;
        }
        if (!(shape instanceof Scalar scalar)) {
            return; // arrays in the query are sent as the upstream's collection format: not checked
        }
        if (scalar.kind().equals("integer") && !value.matches("-?\\d+")) {
            problems.add(where + ": \"" + value + "\" is not an integer");
        }
        if (scalar.kind().equals("boolean") && !value.equals("true") && !value.equals("false")) {
            problems.add(where + ": \"" + value + "\" is not a boolean");
        }
        checkValue(where, scalar, value, problems);
    }

    private void checkResponse(
            String op, Endpoint endpoint, LoggedResponse response, Set<String> undeclaredStatuses, List<String> problems) {
        if (response == null || response.getFault() != null) {
            return; // no answer was sent: a fault or the client gave up
        }
        String status = Integer.toString(response.getStatus());
        String declared = endpoint.statuses().containsKey(status) ? status : "default";
        if (!endpoint.statuses().containsKey(declared)) {
            if (!undeclaredStatuses.contains(op + " " + status)) {
                problems.add(op + ": status " + status + " is not declared (name it if the upstream really sends it)");
            }
            return;
        }
        Shape shape = endpoint.statuses().get(declared);
        if (shape != null) {
            validateJson(op + " response " + status, response.getBodyAsString(), shape, problems);
        }
    }

    private void validateJson(String where, String text, Shape shape, List<String> problems) {
        JsonNode value;
        try {
            value = MAPPER.readTree(text);
        } catch (IOException e) {
            problems.add(where + ": not JSON");
            return;
        }
        if (value == null || value.isMissingNode()) {
            problems.add(where + ": empty, but a type is declared");
            return;
        }
        validate(where, value, shape, problems);
    }

    private void validate(String where, JsonNode value, Shape shape, List<String> problems) {
        if (value.isNull()) {
            return;
        }
        if (shape instanceof Named named) {
            validateObject(where, value, types.get(named.name()), problems);
        } else if (shape instanceof AnyObject) {
            expect(where, value, value.isObject(), "an object", problems);
        } else if (shape instanceof MapOf map) {
            if (expect(where, value, value.isObject(), "an object", problems)) {
                value.fields().forEachRemaining(f -> validate(where + "." + f.getKey(), f.getValue(), map.values(), problems));
            }
        } else if (shape instanceof ArrayOf array) {
            if (expect(where, value, value.isArray(), "an array", problems)) {
                for (int i = 0; i < value.size(); i++) {
                    validate(where + "[" + i + "]", value.get(i), array.items(), problems);
                }
            }
        } else {
            validateScalar(where, value, (Scalar) shape, problems);
        }
    }

    private static void validateScalar(String where, JsonNode value, Scalar scalar, List<String> problems) {
        boolean fits = switch (scalar.kind()) {
            case "string" -> expect(where, value, value.isTextual(), "a string", problems);
            case "integer" -> expect(where, value, value.isIntegralNumber(), "an integer", problems);
            case "number" -> expect(where, value, value.isNumber(), "a number", problems);
            case "boolean" -> expect(where, value, value.isBoolean(), "a boolean", problems);
            default -> true; // any
        };
        if (fits && value.isValueNode()) {
            checkValue(where, scalar, value.asText(), problems);
        }
    }

    private static boolean expect(String where, JsonNode value, boolean fits, String expected, List<String> problems) {
        if (!fits) {
            problems.add(where + ": expected " + expected + ", got " + value.getNodeType());
        }
        return fits;
    }

    private void validateObject(String where, JsonNode value, ObjectType type, List<String> problems) {
        if (!expect(where, value, value.isObject(), "an object", problems)) {
            return;
        }
        for (String required : type.required()) {
            if (!value.has(required)) {
                problems.add(where + ": required field " + required + " missing");
            }
        }
        value.fields().forEachRemaining(field -> {
            String path = where + "." + field.getKey();
            Shape declared = type.fields().getOrDefault(field.getKey(), type.extra());
            if (declared != null) {
                validate(path, field.getValue(), declared, problems);
            } else {
                problems.add(path + ": field not declared by the facts");
            }
        });
    }

    /** The enum and date-time format of a scalar, on its text. */
    private static void checkValue(String where, Scalar scalar, String value, List<String> problems) {
        if (!scalar.values().isEmpty() && !scalar.values().contains(value)) {
            problems.add(where + ": \"" + value + "\" is not one of " + scalar.values());
        }
        if (scalar.dateTime()) {
            try {
                OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                problems.add(where + ": \"" + value + "\" is not an RFC 3339 date-time");
            }
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ContractFacts[" + name + "]";
    }

    /** Reads the line format written by {@code tools/contract-facts}; every mistake names its line. */
    private static final class FactsReader {
        private final String source;
        private final Map<String, String> header = new HashMap<>();
        private final Map<String, Map<String, Endpoint>> endpoints = new LinkedHashMap<>();
        private final Map<String, ObjectType> types = new LinkedHashMap<>();
        private final Set<String> referenced = new LinkedHashSet<>();
        private int lineNumber;

        /** The open endpoint block: its method and template, or nulls. */
        private String method;
        private String template;
        private List<Parameter> parameters;
        private Shape body;
        private boolean bodyRequired;
        private Map<String, Shape> statuses;

        /** The open type block: its name, or null. */
        private String typeName;
        private Map<String, Shape> fields;
        private Set<String> required;
        private Shape extra;

        FactsReader(String source) {
            this.source = source;
        }

        ContractFacts read(String text) {
            for (String line : text.split("\n", -1)) {
                lineNumber++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    readLine(line);
                }
            }
            closeBlock();
            for (String needed : List.of("spec", "version", "base")) {
                if (!header.containsKey(needed)) {
                    throw new IllegalStateException(source + ": no \"" + needed + "\" line");
                }
            }
            for (String type : referenced) {
                if (!types.containsKey(type)) {
                    throw new IllegalStateException(source + ": type " + type + " is used but not defined");
                }
            }
            String name = source + " (" + header.get("spec") + ", version " + header.get("version") + ")";
            return new ContractFacts(name, header.get("base"), endpoints, types);
        }

        private void readLine(String line) {
            List<String> words = List.of(line.strip().split(" "));
            boolean indented = line.startsWith("  ");
            if (!indented) {
                closeBlock();
            }
            switch ((indented ? "  " : "") + words.get(0)) {
                case "spec", "title", "version", "base" -> header.put(words.get(0), line.substring(words.get(0).length()).strip());
                case "endpoint" -> {
                    arity(words, 3, 3);
                    method = words.get(1);
                    template = words.get(2);
                    parameters = new ArrayList<>();
                    statuses = new LinkedHashMap<>();
                }
                case "type" -> {
                    arity(words, 2, 2);
                    typeName = words.get(1);
                    fields = new LinkedHashMap<>();
                    required = new LinkedHashSet<>();
                }
                case "  path", "  query", "  header" -> {
                    arity(words, 3, 4);
                    insideEndpoint(words);
                    parameters.add(new Parameter(words.get(0), words.get(1), shape(words.get(2)), flag(words, 3)));
                }
                case "  body" -> {
                    arity(words, 2, 3);
                    insideEndpoint(words);
                    body = shape(words.get(1));
                    bodyRequired = flag(words, 2);
                }
                case "  status" -> {
                    arity(words, 2, 3);
                    insideEndpoint(words);
                    statuses.put(words.get(1), words.size() == 3 ? shape(words.get(2)) : null);
                }
                case "  field" -> {
                    arity(words, 3, 4);
                    insideType(words);
                    fields.put(words.get(1), shape(words.get(2)));
                    if (flag(words, 3)) {
                        required.add(words.get(1));
                    }
                }
                case "  extra" -> {
                    arity(words, 2, 2);
                    insideType(words);
                    extra = shape(words.get(1));
                }
                default -> throw error("unknown line \"" + line.strip() + "\"");
            }
        }

        private void closeBlock() {
            if (template != null) {
                endpoints.computeIfAbsent(template, t -> new LinkedHashMap<>())
                        .put(method, new Endpoint(List.copyOf(parameters), body, bodyRequired, statuses));
            }
            if (typeName != null) {
                types.put(typeName, new ObjectType(fields, required, extra));
            }
            method = template = typeName = null;
            parameters = null;
            body = extra = null;
            bodyRequired = false;
            statuses = fields = null;
            required = null;
        }

        private Shape shape(String text) {
            if (text.startsWith("[") && text.endsWith("]")) {
                return new ArrayOf(shape(text.substring(1, text.length() - 1)));
            }
            if (text.startsWith("map<") && text.endsWith(">")) {
                return new MapOf(shape(text.substring(4, text.length() - 1)));
            }
            if (text.startsWith("#") && text.length() > 1) {
                referenced.add(text.substring(1));
                return new Named(text.substring(1));
            }
            if (text.equals("object")) {
                return new AnyObject();
            }
            String rest = text;
            List<String> values = List.of();
            if (rest.endsWith("}") && rest.contains("{")) {
                values = List.of(rest.substring(rest.indexOf('{') + 1, rest.length() - 1).split("\\|"));
                rest = rest.substring(0, rest.indexOf('{'));
            }
            boolean dateTime = rest.endsWith("(date-time)");
            rest = dateTime ? rest.substring(0, rest.length() - "(date-time)".length()) : rest;
            if (!Set.of("string", "integer", "number", "boolean", "any").contains(rest)) {
                throw error("unknown type \"" + text + "\"");
            }
            return new Scalar(rest, dateTime, values);
        }

        private boolean flag(List<String> words, int index) {
            if (words.size() <= index) {
                return false;
            }
            if (!words.get(index).equals("required")) {
                throw error("expected \"required\", got \"" + words.get(index) + "\"");
            }
            return true;
        }

        private void arity(List<String> words, int min, int max) {
            if (words.size() < min || words.size() > max) {
                throw error("\"" + words.get(0) + "\" takes " + (min - 1) + (max > min ? " or " + (max - 1) : "") + " words");
            }
        }

        private void insideEndpoint(List<String> words) {
            if (template == null) {
                throw error("\"" + words.get(0) + "\" outside an endpoint block");
            }
        }

        private void insideType(List<String> words) {
            if (typeName == null) {
                throw error("\"" + words.get(0) + "\" outside a type block");
            }
        }

        private IllegalStateException error(String message) {
            return new IllegalStateException(source + ":" + lineNumber + ": " + message);
        }
    }
}
