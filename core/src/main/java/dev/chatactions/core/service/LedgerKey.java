package dev.chatactions.core.service;

/**
 * Keys are scoped per user: one person's key never answers for another's.
 *
 * @param user the person who asked (a user name)
 * @param key the idempotency key (the key rule)
 */
public record LedgerKey(String user, String key) {

    /** Checks the user name and the key rule. */
    public LedgerKey {
        Names.requireUser(user);
        Names.requireKey(key);
    }
}
