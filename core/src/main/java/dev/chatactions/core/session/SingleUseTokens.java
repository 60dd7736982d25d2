package dev.chatactions.core.session;

import java.time.Duration;
import java.util.Optional;

/**
 * Random tokens that each stand for a value, can be redeemed once, and expire: the OAuth
 * {@code state} (standing for the PKCE verifier, owned by the client that started the sign-in) and
 * the dry-run one-time sign-in link (standing for the user, issued by the server itself). Issuing
 * never fails: over a cap the oldest pending token goes (see {@link Retention}).
 */
public interface SingleUseTokens {

    /** Unredeemed tokens kept at most, so that a flood of sign-in starts cannot fill the memory. */
    int CAPACITY = 10_000;
    /** Unredeemed tokens one client may hold: a person needs one or two tabs, not more. */
    int PER_CLIENT = 16;
    /** The owner of tokens the server issues on its own (the dry-run sign-in link). */
    String SERVER = "server";

    /** OAuth sign-ins under way ({@code state} to PKCE verifier), per client address. */
    Retention PENDING_SIGN_INS = new Retention(Duration.ofMinutes(10), PER_CLIENT, CAPACITY);
    /** One-time sign-in links (token to user), all issued by the server. */
    Retention SIGN_IN_LINKS = new Retention(Duration.ofMinutes(30), CAPACITY, CAPACITY);

    /** A new token for {@code value}, issued by the server itself. */
    default String issue(String value) {
        return issue(SERVER, value);
    }

    /** A new token standing for {@code value}, held by {@code owner} (a client address). */
    String issue(String owner, String value);

    /**
     * The value of {@code token} if it was issued, not yet redeemed and not expired; it cannot be
     * redeemed again. Of any number of concurrent redeems of one token, exactly one gets the value.
     */
    Optional<String> redeem(String token);
}
