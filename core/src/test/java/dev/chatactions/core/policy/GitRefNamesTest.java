package dev.chatactions.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitRefNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"main", "feature/x", "release-1.2", "fix_1", "a/b/c", "v1.0", "日本", "a.b", "@foo"})
    void accepts_valid_branch_names(String name) {
        assertThat(GitRefNames.problem(name)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" {1}")
    @CsvSource(delimiter = '|', value = {
        "-main        | starts with '-'",
        "@            | is '@'",
        "/main        | has an empty path component",
        "main/        | has an empty path component",
        "a//b         | has an empty path component",
        "main.        | ends with '.'",
        "a..b         | contains '..'",
        "a@{b         | contains '@{'",
        "a~b          | contains '~'",
        "a^b          | contains '^'",
        "a:b          | contains ':'",
        "a?b          | contains '?'",
        "a*b          | contains '*'",
        "a[b          | contains '['",
        "a\\b         | contains '\\'",
        ".hidden      | has a component starting with '.'",
        "a/.b         | has a component starting with '.'",
        "a.lock       | has a component ending with '.lock'",
        "a.lock/b     | has a component ending with '.lock'",
    })
    void names_the_broken_rule(String name, String problem) {
        assertThat(GitRefNames.problem(name)).contains(problem);
    }

    @org.junit.jupiter.api.Test
    void refuses_empty_control_characters_and_overlong_names() {
        assertThat(GitRefNames.problem("")).contains("is empty");
        assertThat(GitRefNames.problem("a\tb")).contains("contains a space or control character");
        assertThat(GitRefNames.problem("a\u007fb")).contains("contains a space or control character");
        assertThat(GitRefNames.problem("x".repeat(256))).contains("is longer than 255 characters");
    }
}
