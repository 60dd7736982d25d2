package dev.chatactions.core.policy;

import java.util.Optional;

/** git's {@code check-ref-format --branch} rules, as a value check returning the first broken rule. */
final class GitRefNames {

    static final int MAX_LENGTH = 255;

    private GitRefNames() {}

    /** Empty when {@code name} is a valid branch name, else why it is not. */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        if (name.startsWith("-")) {
            return Optional.of("starts with '-'");
        }
        if (name.equals("@")) {
            return Optional.of("is '@'");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return Optional.of("has an empty path component");
        }
        if (name.endsWith(".")) {
            return Optional.of("ends with '.'");
        }
        if (name.contains("..")) {
            return Optional.of("contains '..'");
        }
        if (name.contains("@{")) {
            return Optional.of("contains '@{'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ') {
                return Optional.of("contains a space or control character");
            }
            if ("~^:?*[\\".indexOf(c) >= 0) {
                return Optional.of("contains '" + c + "'");
            }
        }
        for (String component : name.split("/", -1)) {
            if (component.startsWith(".")) {
                return Optional.of("has a component starting with '.'");
            }
            if (component.endsWith(".lock")) {
                return Optional.of("has a component ending with '.lock'");
            }
        }
        return Optional.empty();
    }
}
