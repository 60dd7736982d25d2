package dev.chatactions.core.action;

import java.util.Objects;
import java.util.regex.Pattern;

/** A repository on the forge, {@code owner/name}. */
public record RepoRef(String owner, String name) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    public RepoRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        if (!isValidPart(owner) || !isValidPart(name)) {
            throw new IllegalArgumentException("not a repository name: " + owner + "/" + name);
        }
    }

    /** Parses {@code owner/name}; throws IllegalArgumentException with a readable message otherwise. */
    public static RepoRef parse(String fullName) {
        Objects.requireNonNull(fullName, "fullName");
        int slash = fullName.indexOf('/');
        if (slash < 0 || slash != fullName.lastIndexOf('/')) {
            throw new IllegalArgumentException("repository must be owner/name, got \"" + fullName + "\"");
        }
        return new RepoRef(fullName.substring(0, slash), fullName.substring(slash + 1));
    }

    /** True when {@code text} is a well-formed {@code owner/name}. */
    public static boolean isValid(String text) {
        int slash = text.indexOf('/');
        return slash > 0
                && slash == text.lastIndexOf('/')
                && isValidPart(text.substring(0, slash))
                && isValidPart(text.substring(slash + 1));
    }

    private static boolean isValidPart(String part) {
        return PART.matcher(part).matches() && !part.equals(".") && !part.equals("..");
    }

    public String fullName() {
        return owner + "/" + name;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
