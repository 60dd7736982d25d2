package dev.chatactions.core.config;

import dev.chatactions.core.service.UserName;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lookups in a map of environment variables that turn every problem into one
 * {@link ConfigurationException} naming the variable; a secret's value never appears. Pure: it reads
 * the map it is given. Each settings type reads its own variables through it.
 */
public final class EnvironmentVariables {

    private final Map<String, String> env;

    /**
     * Lookups in {@code env}.
     *
     * @param env variable names to values (typically {@code System.getenv()})
     */
    public EnvironmentVariables(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * The trimmed value.
     *
     * @param name the variable
     * @return the value; empty when unset or blank
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * The variable as a secret.
     *
     * @param name the variable
     * @return the secret
     * @throws ConfigurationException when it is missing, blank or not one header-safe line (see {@link Secret#of})
     */
    public Secret secret(String name) {
        return oneLine(() -> Secret.of(env.get(name), name));
    }

    /**
     * A port number 1-65535.
     *
     * @param name the variable
     * @param fallback the port when it is unset
     * @return the port
     */
    public int port(String name, int fallback) {
        return get(name).map(text -> {
            // Not 0: browsers and the OAuth redirect need the real port in CHAT_PUBLIC_URL.
            if (text.matches("[0-9]{1,5}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 65535) {
                return Integer.parseInt(text);
            }
            throw new ConfigurationException(name + " must be a port number 1-65535, got \"" + shorten(text) + "\"");
        }).orElse(fallback);
    }

    /**
     * A positive number.
     *
     * @param name the variable
     * @return the number; empty when unset
     */
    public Optional<Long> positiveLong(String name) {
        return get(name).map(text -> {
            if (text.matches("[0-9]{1,18}") && Long.parseLong(text) > 0) {
                return Long.parseLong(text);
            }
            throw new ConfigurationException(name + " must be a positive number, got \"" + shorten(text) + "\"");
        });
    }

    /**
     * An absolute http(s) URL, checked by {@link SettingChecks#baseUrl}.
     *
     * @param name the variable
     * @return the URL without a trailing slash; empty when unset
     */
    public Optional<URI> url(String name) {
        return get(name).map(text -> {
            try {
                URI url = new URI(text);
                return oneLine(() -> SettingChecks.baseUrl(url, name));
            } catch (URISyntaxException e) {
                throw new ConfigurationException(name + " must be an absolute http(s) URL, like https://forge.example");
            }
        });
    }

    /**
     * A comma-separated list of user names.
     *
     * @param name the variable
     * @return the names, in order, without blanks; empty when unset
     */
    public Set<String> users(String name) {
        Set<String> users = new LinkedHashSet<>();
        get(name).ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip).filter(u -> !u.isEmpty())
                .forEach(user -> {
                    try {
                        users.add(new UserName(user).value());
                    } catch (IllegalArgumentException e) {
                        throw new ConfigurationException(name + " lists \"" + shorten(user)
                                + "\", which is not a user name (1-64 of A-Z a-z 0-9 . _ -)");
                    }
                }));
        return users;
    }

    /**
     * Fails when {@code dependent} is set although {@code required} is not.
     *
     * @param dependent the variable that only means something with the other one
     * @param required the variable it needs
     */
    public void requireWith(String dependent, String required) {
        if (get(dependent).isPresent() && get(required).isEmpty()) {
            throw new ConfigurationException(dependent + " is set but " + required + " is not");
        }
    }

    /** The shared checks' refusals, whose messages already name the variable, as configuration errors. */
    private static <T> T oneLine(Supplier<T> checked) {
        try {
            return checked.get();
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /**
     * A value as an error message may quote it: at most 60 characters.
     *
     * @param text a value that is not a secret
     * @return the value, cut short with "..." when longer
     */
    public static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
