package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.identity.AbsolutePath;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemPathResolverTest {

    @TempDir
    Path tempDir;

    private Path temp;

    @BeforeEach
    void resolveTempDir() throws java.io.IOException {
        temp = tempDir.toRealPath();
    }

    private final FileSystemPathResolver resolver = new FileSystemPathResolver();

    private AbsolutePath resolve(Path path) {
        return resolver.realPath(AbsolutePath.of(path.toString()));
    }

    private static AbsolutePath absolute(Path path) {
        return AbsolutePath.of(path.toString());
    }

    @Test
    void aPathWithoutLinksStaysAsItIsEvenWhenMissing() {
        assertThat(resolve(temp.resolve("missing/deeper"))).isEqualTo(absolute(temp.resolve("missing/deeper")));
    }

    @Test
    void aLinkedParentIsFollowedBelowTheLastExistingDir() throws Exception {
        Path target = Files.createDirectories(temp.resolve("real"));
        Files.createSymbolicLink(temp.resolve("link"), target);

        assertThat(resolve(temp.resolve("link/not/yet"))).isEqualTo(absolute(target.resolve("not/yet")));
    }

    @Test
    void aDanglingLinkIsFollowedToWhereItPoints() throws Exception {
        Files.createSymbolicLink(temp.resolve("dangling"), temp.resolve("shared/chat"));

        assertThat(resolve(temp.resolve("dangling"))).isEqualTo(absolute(temp.resolve("shared/chat")));
    }

    @Test
    void aRelativeLinkWithDotDotIsResolvedFromTheLinksDir() throws Exception {
        Files.createDirectories(temp.resolve("a/b"));
        Files.createDirectories(temp.resolve("shared"));
        Files.createSymbolicLink(temp.resolve("a/b/up"), Path.of("../../shared"));

        assertThat(resolve(temp.resolve("a/b/up/x"))).isEqualTo(absolute(temp.resolve("shared/x")));
    }

    @Test
    void aLinkLoopIsAnErrorNotAHang() throws Exception {
        Files.createSymbolicLink(temp.resolve("one"), temp.resolve("two"));
        Files.createSymbolicLink(temp.resolve("two"), temp.resolve("one"));

        assertThatThrownBy(() -> resolve(temp.resolve("one"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("too many symbolic links");
    }
}
