package dev.chatactions.core.config;

/** A missing or malformed setting; the message is one line that names the variable and never shows a secret. */
public final class ConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for one bad setting.
     *
     * @param oneLine the message: names the variable, never shows a secret
     */
    public ConfigurationException(String oneLine) {
        super(oneLine);
    }
}
