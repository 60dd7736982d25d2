package dev.chatactions.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AbsolutePathTest {

    @ParameterizedTest
    @CsvSource({
        "/,                 /",
        "/a/b/,             /a/b",
        "//a//b,            /a/b",
        "/a/./b,            /a/b",
        "/a/b/../c,         /a/c",
        "/a/../../..,       /",
        "/a/b/..,           /a",
    })
    void dotsAndRepeatedSlashesAreRemovedLexically(String written, String normalised) {
        assertThat(AbsolutePath.of(written).value()).isEqualTo(normalised);
    }

    @Test
    void aRelativePathIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> AbsolutePath.of("a/b")).withMessageContaining("\"a/b\"");
    }

    @Test
    void insideMeansBelowOrEqualByWholeNamesOnly() {
        AbsolutePath shared = AbsolutePath.of("/var/shared");

        assertThat(AbsolutePath.of("/var/shared").isSameOrInside(shared)).isTrue();
        assertThat(AbsolutePath.of("/var/shared/x").isSameOrInside(shared)).isTrue();
        assertThat(AbsolutePath.of("/var/shared-not").isSameOrInside(shared)).isFalse();
        assertThat(AbsolutePath.of("/var").isSameOrInside(shared)).isFalse();
        assertThat(shared.isSameOrInside(AbsolutePath.ROOT)).isTrue();
    }
}
