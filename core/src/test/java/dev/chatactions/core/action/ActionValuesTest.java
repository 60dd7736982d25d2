package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values the parser and the policy hand on: payload copies, actions, repository names, spans. */
class ActionValuesTest {

    @Test
    void a_payload_copies_deeply_and_normalises_numbers() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("n", 7);
        List<Object> list = new ArrayList<>(Arrays.asList(1L, 2.5, (short) 3, (byte) 4, 1.5f, null, "x", true));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("nested", nested);
        source.put("list", list);
        source.put("big", new BigDecimal("1e400"));

        Payload payload = Payload.of(source);
        nested.put("n", 8);
        list.clear();

        assertThat(payload.get("nested")).isEqualTo(Map.of("n", BigInteger.valueOf(7)));
        assertThat(payload.get("list")).isEqualTo(Arrays.asList(BigInteger.ONE, new BigDecimal("2.5"), BigInteger.valueOf(3),
                BigInteger.valueOf(4), new BigDecimal("1.5"), null, "x", true));
        assertThat(payload.get("big")).isEqualTo(new BigDecimal("1e400"));
        assertThatThrownBy(() -> ((Map<?, ?>) payload.get("nested")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_payload_refuses_what_json_cannot_hold() {
        assertThatThrownBy(() -> Payload.of(Map.of("x", Double.NaN))).hasMessage("JSON has no NaN or infinity");
        assertThatThrownBy(() -> Payload.of(Map.of("x", Float.NEGATIVE_INFINITY))).hasMessage("JSON has no NaN or infinity");
        assertThatThrownBy(() -> Payload.of(Map.of("x", Map.of(1, "one")))).hasMessage("JSON object keys are strings, got 1");
        assertThatThrownBy(() -> Payload.of(Map.of("x", 'c'))).hasMessage("not a JSON value: java.lang.Character");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put(null, 1);
        assertThatThrownBy(() -> Payload.of(nullName)).isInstanceOf(NullPointerException.class).hasMessage("field name");
    }

    @Test
    void payloads_are_equal_by_their_fields() {
        Payload one = Payload.of(Map.of("title", "x", "n", 1));
        Payload same = Payload.of(Map.of("n", BigInteger.ONE, "title", "x"));
        Payload other = Payload.of(Map.of("title", "y"));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other).isNotEqualTo("x");
        assertThat(one.hashCode()).isEqualTo(Map.of("title", "x", "n", BigInteger.ONE).hashCode());
        assertThat(other).hasToString("Payload{title=y}");
        assertThat(Payload.empty().isEmpty()).isTrue();
        assertThat(other.isEmpty()).isFalse();
        assertThat(other.string("title")).contains("y");
        assertThat(one.string("n")).isEmpty();
    }

    @Test
    void actions_name_their_type_and_fill_in_what_may_be_left_out() {
        RepoRef repo = new RepoRef("factory", "app");

        assertThat(new IssueCreate(repo, "t", null, null)).isEqualTo(new IssueCreate(repo, "t", "", List.of()));
        assertThat(new IssueCreate(repo, "t", "b", List.of("bug")).labels()).containsExactly("bug");
        assertThat(new IssueCreate(repo, "t", "b", null).type()).isEqualTo(ActionType.ISSUE_CREATE);
        assertThat(new PrCreate(repo, "h", "main", "t", null)).extracting(PrCreate::body, PrCreate::type)
                .containsExactly("", ActionType.PR_CREATE);
        assertThat(new CiRun(repo, "main").type()).isEqualTo(ActionType.CI_RUN);
        assertThat(ActionType.PR_CREATE).hasToString("pr-create");
    }

    @Test
    void repository_names_are_owner_slash_name() {
        assertThat(RepoRef.parse("factory/app")).isEqualTo(new RepoRef("factory", "app"));
        assertThat(RepoRef.isValid("factory/app")).isTrue();
        assertThat(List.of("factory", "./app", "factory/..", "a b/app", "a/b/c", "/app", "factory/")).noneMatch(RepoRef::isValid);
        assertThatThrownBy(() -> RepoRef.parse("/app")).hasMessage("not a repository name: /app");
        assertThatThrownBy(() -> RepoRef.parse("app")).hasMessage("repository must be owner/name, got \"app\"");
        assertThatThrownBy(() -> RepoRef.parse("a/b/c")).hasMessage("repository must be owner/name, got \"a/b/c\"");
    }

    @Test
    void a_marker_spans_at_least_one_character_from_offset_zero_on() {
        assertThat(new Marker(0, 1, "ci-run", Payload.empty()).start()).isZero();
        assertThat(new InvalidMarker(0, 1, null, "broken").end()).isEqualTo(1);
        assertThatThrownBy(() -> new Marker(3, 3, "ci-run", Payload.empty())).hasMessage("bad span [3, 3)");
        assertThatThrownBy(() -> new InvalidMarker(3, 3, null, "broken")).hasMessage("bad span [3, 3)");
        assertThatThrownBy(() -> new Marker(-1, 3, "ci-run", Payload.empty())).hasMessage("bad span [-1, 3)");
    }
}
