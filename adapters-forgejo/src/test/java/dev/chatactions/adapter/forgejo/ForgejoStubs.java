package dev.chatactions.adapter.forgejo;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Answer bodies shaped like Forgejo's (forgejo-swagger.v1.json), for WireMock stubs. */
final class ForgejoStubs {

    private ForgejoStubs() {}

    static String label(long id, String name) {
        return """
                {"id":%d,"name":"%s","color":"ee0701","description":"","exclusive":false,"is_archived":false,\
                "url":"http://forge.test/api/v1/repos/acme/widgets/labels/%d"}""".formatted(id, name, id);
    }

    /** A JSON array of {@code count} labels named {@code prefix1..}, ids from {@code firstId}. */
    static String labels(int count, long firstId, String prefix) {
        return IntStream.range(0, count)
                .mapToObj(i -> label(firstId + i, prefix + (i + 1)))
                .collect(Collectors.joining(",", "[", "]"));
    }

    static String issue(long id, long number, String body) {
        return """
                {"id":%d,"number":%d,"title":"Flaky test","body":%s,"state":"open",\
                "html_url":"http://forge.test/acme/widgets/issues/%d","url":"http://forge.test/api/v1/repos/acme/widgets/issues/%d",\
                "labels":[],"pull_request":null,"created_at":"2026-11-23T20:00:01Z","comments":0,"is_locked":false}"""
                .formatted(id, number, quote(body), number, number);
    }

    static String pullRequest(long id, long number, String head, String base) {
        return """
                {"id":%d,"number":%d,"title":"Fix it","body":"","state":"open","draft":false,"merged":false,"mergeable":true,\
                "html_url":"http://forge.test/acme/widgets/pulls/%d","url":"http://forge.test/api/v1/repos/acme/widgets/pulls/%d",\
                "head":{"ref":"%s","sha":"0a1b2c","repo_id":3,"label":"%s"},\
                "base":{"ref":"%s","sha":"3c2b1a","repo_id":3,"label":"%s"},"labels":[]}"""
                .formatted(id, number, number, number, head, head, base, base);
    }

    static String error(String message) {
        return "{\"message\":" + quote(message) + ",\"url\":\"http://forge.test/api/swagger\"}";
    }

    static String notFound() {
        return "{\"errors\":[],\"message\":\"The target couldn't be found.\",\"url\":\"http://forge.test/api/swagger\"}";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
