package dev.chatactions.adapter.claude;

import dev.chatactions.core.identity.AbsolutePath;
import dev.chatactions.core.identity.PathResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Resolves symbolic links name by name, like realpath(3), but also through links whose target does
 * not exist yet and below the last existing directory: {@code toRealPath} alone would stop at a
 * dangling link and so miss one that points into a protected dir.
 */
public final class FileSystemPathResolver implements PathResolver {

    /** As Linux's ELOOP limit: more links than this in one path is a loop. */
    private static final int MAX_LINKS = 40;

    @Override
    public AbsolutePath realPath(AbsolutePath path) {
        Deque<String> unresolved = new ArrayDeque<>(names(path.value()));
        Path resolved = Path.of("/");
        int links = 0;
        while (!unresolved.isEmpty()) {
            String name = unresolved.pop();
            if (name.equals("..")) {
                resolved = resolved.getParent() == null ? resolved : resolved.getParent();
                continue;
            }
            Path next = resolved.resolve(name);
            if (!Files.isSymbolicLink(next)) {
                resolved = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new UncheckedIOException(new IOException("too many symbolic links in " + path));
            }
            String target = readLink(next);
            List<String> targetNames = names(target);
            for (int i = targetNames.size() - 1; i >= 0; i--) {
                unresolved.push(targetNames.get(i));
            }
            if (target.startsWith("/")) {
                resolved = Path.of("/");
            }
        }
        return AbsolutePath.of(resolved.toString());
    }

    private static List<String> names(String path) {
        return List.of(path.split("/")).stream().filter(name -> !name.isEmpty() && !name.equals(".")).toList();
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read symbolic link " + link + ": " + e.getMessage(), e);
        }
    }
}
