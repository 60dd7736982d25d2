package dev.chatactions.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds recorded HTTP exchanges against an official Swagger 2.0 document from
 * {@code ../shared/api-specs}: the operation exists (method and path template under {@code basePath}),
 * query parameters are declared and typed, required headers are sent, the JSON body has the required
 * fields and only declared fields of the declared types ({@code $ref} and {@code allOf} followed), and
 * every stubbed response is a valid instance of the schema the operation declares for that status.
 *
 * <p>A status the document does not declare is a problem unless the test names it as one the
 * upstream really sends (CONTRACTS.md lists them), as {@code "POST /repos/{repo_id}/pipelines 204"}.
 * Fields are stricter than Swagger's default: an undeclared field is reported, so a misspelt stub or
 * request cannot pass. JSON {@code null} is accepted for fields that are not required (Go encodes
 * empty pointers that way).
 */
public final class SwaggerContract {

    /** Overrides where the specs are; by default {@code ../shared/api-specs} beside the project root. */
    public static final String SPECS_PROPERTY = "chatactions.api-specs";

    /** Routes whose last parameter takes the rest of the path, slashes included (CONTRACTS.md: Woodpecker lookup). */
    private static final Set<String> WILDCARD_ROUTES = Set.of("/repos/lookup/{repo_full_name}");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, SwaggerContract> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final JsonNode spec;
    private final String basePath;

    private SwaggerContract(String name, JsonNode spec) {
        this.name = name;
        this.spec = spec;
        this.basePath = spec.path("basePath").asText("");
    }

    /** Loads (once per JVM) a spec such as {@code forgejo-swagger.v1.json}; fails when it is missing. */
    public static SwaggerContract load(String fileName) {
        return LOADED.computeIfAbsent(fileName, f -> {
            Path file = specsFolder().resolve(f);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("API spec " + file + " is missing");
            }
            try {
                return new SwaggerContract(f, MAPPER.readTree(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }

    /** {@code ../shared/api-specs} from the project root (the folder with {@code mvnw}), or {@value #SPECS_PROPERTY}. */
    public static Path specsFolder() {
        String configured = System.getProperty(SPECS_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("core"))) {
                Path specs = dir.resolveSibling("shared").resolve("api-specs");
                if (!Files.isDirectory(specs)) {
                    throw new IllegalStateException("API specs folder " + specs + " is missing (set -D" + SPECS_PROPERTY + ")");
                }
                return specs;
            }
        }
        throw new IllegalStateException("project root (folder with mvnw and core/) not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Throws an AssertionError listing every problem of {@code events}.
     *
     * @param undeclaredStatuses {@code "METHOD /template STATUS"} entries the spec lacks but the upstream sends
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
        String method = request.getMethod().getName().toLowerCase();
        URI url = URI.create(request.getUrl());
        String where = request.getMethod().getName() + " " + url.getRawPath();
        if (!event.getWasMatched()) {
            problems.add(where + ": no stub matched (the test did not expect this request)");
        }
        if (!url.getRawPath().startsWith(basePath + "/")) {
            problems.add(where + ": not under basePath " + basePath);
            return;
        }
        List<String> segments = List.of(url.getRawPath().substring(basePath.length() + 1).split("/", -1));
        Map.Entry<String, Map<String, String>> template = matchTemplate(segments);
        if (template == null) {
            problems.add(where + ": no such path in " + name);
            return;
        }
        JsonNode operation = spec.path("paths").path(template.getKey()).path(method);
        if (operation.isMissingNode()) {
            problems.add(where + ": " + template.getKey() + " has no " + method.toUpperCase() + " operation");
            return;
        }
        String opName = method.toUpperCase() + " " + template.getKey();
        checkParameters(opName, operation, template.getValue(), url, request, problems);
        checkResponse(opName, operation, event.getResponse(), undeclaredStatuses, problems);
    }

    /** The path template the segments match, preferring the most literal segments. */
    private Map.Entry<String, Map<String, String>> matchTemplate(List<String> segments) {
        Map.Entry<String, Map<String, String>> best = null;
        int bestScore = -1;
        for (Iterator<String> it = spec.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
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
            String op, JsonNode operation, Map<String, String> pathValues, URI url, LoggedRequest request, List<String> problems) {
        Map<String, String> query = parseQuery(url.getRawQuery());
        Map<String, JsonNode> declaredQuery = new LinkedHashMap<>();
        boolean bodyDeclared = false;
        for (JsonNode parameter : parameters(operation)) {
            String in = parameter.path("in").asText();
            String pname = parameter.path("name").asText();
            boolean required = parameter.path("required").asBoolean(false);
            switch (in) {
                case "path" -> checkScalar(op + " path " + pname, parameter, pathValues.get(pname), problems);
                case "query" -> {
                    declaredQuery.put(pname, parameter);
                    if (query.containsKey(pname)) {
                        checkScalar(op + " query " + pname, parameter, query.get(pname), problems);
                    } else if (required) {
                        problems.add(op + ": required query parameter " + pname + " missing");
                    }
                }
                case "header" -> {
                    String value = request.getHeader(pname);
                    if (required && (value == null || value.isBlank())) {
                        problems.add(op + ": required header " + pname + " missing");
                    }
                }
                case "body" -> {
                    bodyDeclared = true;
                    String body = request.getBodyAsString();
                    if (body == null || body.isEmpty()) {
                        if (required) {
                            problems.add(op + ": required body missing");
                        }
                    } else {
                        validateJson(op + " request body", body, parameter.path("schema"), problems);
                    }
                }
                default -> problems.add(op + ": parameters in " + in + " are not checked by this checker");
            }
        }
        for (String sent : query.keySet()) {
            if (!declaredQuery.containsKey(sent)) {
                problems.add(op + ": query parameter " + sent + " is not declared");
            }
        }
        String body = request.getBodyAsString();
        if (!bodyDeclared && body != null && !body.isEmpty()) {
            problems.add(op + ": sends a body but the operation declares none");
        }
    }

    private List<JsonNode> parameters(JsonNode operation) {
        List<JsonNode> all = new ArrayList<>();
        operation.path("parameters").forEach(p -> all.add(resolve(p)));
        return all;
    }

    private void checkScalar(String where, JsonNode parameter, String value, List<String> problems) {
        if (value == null) {
            problems.add(where + ": missing");
            return;
        }
        String type = parameter.path("type").asText("string");
        if (type.equals("integer") && !value.matches("-?\\d+")) {
            problems.add(where + ": \"" + value + "\" is not an integer");
        }
        if (type.equals("boolean") && !value.equals("true") && !value.equals("false")) {
            problems.add(where + ": \"" + value + "\" is not a boolean");
        }
        checkEnum(where, parameter, value, problems);
        if ("date-time".equals(parameter.path("format").asText())) {
            checkDateTime(where, value, problems);
        }
    }

    private void checkResponse(
            String op, JsonNode operation, LoggedResponse response, Set<String> undeclaredStatuses, List<String> problems) {
        if (response == null || response.getFault() != null) {
            return; // no answer was sent: a fault or the client gave up
        }
        String status = Integer.toString(response.getStatus());
        JsonNode declared = operation.path("responses").path(status);
        if (declared.isMissingNode()) {
            declared = operation.path("responses").path("default");
        }
        if (declared.isMissingNode()) {
            if (!undeclaredStatuses.contains(op + " " + status)) {
                problems.add(op + ": status " + status + " is not declared (name it if the upstream really sends it)");
            }
            return;
        }
        JsonNode schema = resolve(declared).path("schema");
        if (!schema.isMissingNode()) {
            validateJson(op + " response " + status, response.getBodyAsString(), schema, problems);
        }
    }

    private void validateJson(String where, String text, JsonNode schema, List<String> problems) {
        JsonNode value;
        try {
            value = MAPPER.readTree(text);
        } catch (IOException e) {
            problems.add(where + ": not JSON");
            return;
        }
        if (value == null || value.isMissingNode()) {
            problems.add(where + ": empty, but a schema is declared");
            return;
        }
        validate(where, value, schema, problems);
    }

    private void validate(String where, JsonNode value, JsonNode schemaOrRef, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        if (value.isNull()) {
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            validate(where, value, part, problems);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> validateObject(where, value, schema, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": expected an array, got " + value.getNodeType());
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        validate(where + "[" + i + "]", value.get(i), schema.path("items"), problems);
                    }
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": expected a string, got " + value.getNodeType());
                } else if ("date-time".equals(schema.path("format").asText())) {
                    checkDateTime(where, value.asText(), problems);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": expected an integer, got " + value.getNodeType());
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": expected a number, got " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected a boolean, got " + value.getNodeType());
                }
            }
            default -> { } // no type: any value
        }
        if (value.isValueNode()) {
            checkEnum(where, schema, value.asText(), problems);
        }
    }

    private void validateObject(String where, JsonNode value, JsonNode schema, List<String> problems) {
        if (!value.isObject()) {
            problems.add(where + ": expected an object, got " + value.getNodeType());
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(where + ": required field " + required.asText() + " missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = where + "." + field.getKey();
            if (properties.has(field.getKey())) {
                validate(path, field.getValue(), properties.get(field.getKey()), problems);
            } else if (additional.isObject()) {
                validate(path, field.getValue(), additional, problems);
            } else if (properties.size() > 0 && !additional.asBoolean(false) && !declaredInAllOf(schema, field.getKey())) {
                problems.add(path + ": field not declared by the schema");
            }
        }
    }

    private boolean declaredInAllOf(JsonNode schema, String field) {
        for (JsonNode part : schema.path("allOf")) {
            JsonNode resolved = resolve(part);
            if (resolved.path("properties").has(field) || declaredInAllOf(resolved, field)) {
                return true;
            }
        }
        return false;
    }

    private void checkEnum(String where, JsonNode schema, String value, List<String> problems) {
        JsonNode values = resolve(schema).path("enum");
        if (values.isArray() && values.size() > 0) {
            for (JsonNode allowed : values) {
                if (allowed.asText().equals(value)) {
                    return;
                }
            }
            problems.add(where + ": \"" + value + "\" is not one of " + values);
        }
    }

    private static void checkDateTime(String where, String value, List<String> problems) {
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(where + ": \"" + value + "\" is not an RFC 3339 date-time");
        }
    }

    /** Follows {@code $ref}s ({@code #/definitions/...}, {@code #/responses/...}, {@code #/parameters/...}). */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref") && depth < 20; depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException(name + ": external $ref " + ref + " is not supported");
            }
            current = spec.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException(name + ": $ref " + ref + " points nowhere");
            }
        }
        return current;
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
        return "SwaggerContract[" + name + "]";
    }
}
