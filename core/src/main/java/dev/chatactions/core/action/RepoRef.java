package dev.chatactions.core.action;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repository on the forge, {@code owner/name}.
 *
 * @param owner the user or organisation
 * @param name the repository's name
 */
public record RepoRef(String owner, String name) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    /** Checks that both parts are forge-safe names (letters, digits, {@code _.-}, at most 100). */
    public RepoRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        if (!isValidPart(owner) || !isValidPart(name)) {
            throw new IllegalArgumentException("not a repository name: " + owner + "/" + name);
        }
    }

    /**
     * Parses {@code owner/name}.
     *
     * @param fullName the text to parse
     * @return the repository
     * @throws IllegalArgumentException with a readable message when it is not {@code owner/name}
     */
    public static RepoRef parse(String fullName) {
        Objects.requireNonNull(fullName, "fullName");
        int slash = fullName.indexOf('/');
        if (slash < 0 || slash != fullName.lastIndexOf('/')) {
            throw new IllegalArgumentException("repository must be owner/name, got \"" + fullName + "\"");
        }
        return new RepoRef(fullName.substring(0, slash), fullName.substring(slash + 1));
    }

    /**
     * Whether {@code text} is a well-formed {@code owner/name}.
     *
     * @param text the text to check
     * @return true when {@link #parse} would accept it
     */
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

    /** {@return {@code owner/name}} */
    public String fullName() {
        return owner + "/" + name;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
