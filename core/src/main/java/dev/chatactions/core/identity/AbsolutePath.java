package dev.chatactions.core.identity;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * An absolute Unix path with {@code .}, {@code ..} and repeated slashes removed (lexically: symbolic
 * links are the job of a {@link PathResolver}). {@code /..} stays {@code /}.
 */
public record AbsolutePath(String value) {

    public static final AbsolutePath ROOT = new AbsolutePath("/");

    public AbsolutePath {
        Objects.requireNonNull(value, "value");
        if (!isAbsolute(value)) {
            throw new IllegalArgumentException("not an absolute path: \"" + value + "\"");
        }
        value = normalise(value);
    }

    public static AbsolutePath of(String path) {
        return new AbsolutePath(path);
    }

    public static boolean isAbsolute(String path) {
        return path.startsWith("/");
    }

    /** This path with {@code relative} (slash-separated, may contain {@code ..}) appended. */
    public AbsolutePath resolve(String relative) {
        return new AbsolutePath(value + "/" + relative);
    }

    /** True when this path is {@code ancestor} or lies below it. */
    public boolean isSameOrInside(AbsolutePath ancestor) {
        return value.equals(ancestor.value)
                || ancestor.value.equals("/")
                || value.startsWith(ancestor.value + "/");
    }

    @Override
    public String toString() {
        return value;
    }

    private static String normalise(String path) {
        Deque<String> names = new ArrayDeque<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                names.pollLast();
            } else {
                names.addLast(name);
            }
        }
        return "/" + String.join("/", names);
    }
}
