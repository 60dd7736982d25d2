package dev.chatactions.adapter.postgres;

import dev.chatactions.core.session.Retention;
import dev.chatactions.core.session.SecretTokens;
import dev.chatactions.core.session.SingleUseTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Single-use tokens in PostgreSQL, shared by every server on the database: a sign-in started on one
 * can finish on another. Only the SHA-256 of a token is stored. Redeeming is one {@code DELETE ...
 * RETURNING}, so of any number of concurrent redeems exactly one gets the value; an expired token
 * redeems nothing, and expired rows are deleted whenever a token of the kind is issued.
 */
public final class PostgresSingleUseTokens implements SingleUseTokens {

    /** OAuth {@code state} to PKCE verifier. */
    public static final String PENDING_SIGN_INS = "pending-sign-in";
    /** One-time sign-in link to user. */
    public static final String SIGN_IN_LINKS = "sign-in-link";

    private final TokenTable table;
    private final Clock clock;

    /**
     * @param kind which tokens these are ({@link #PENDING_SIGN_INS}, {@link #SIGN_IN_LINKS}): each kind has its own caps
     */
    PostgresSingleUseTokens(DataSource pool, String kind, Clock clock, Retention retention) {
        if (!PENDING_SIGN_INS.equals(kind) && !SIGN_IN_LINKS.equals(kind)) {
            throw new IllegalArgumentException("unknown kind of single-use token: " + kind);
        }
        this.table = new TokenTable(pool, kind, retention);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String issue(String owner, String value) {
        Instant now = clock.instant();
        String token = SecretTokens.random256();
        table.put(token, Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(value, "value"),
                now.plus(table.retention().lifetime()), now);
        return token;
    }

    @Override
    public Optional<String> redeem(String token) {
        return token == null ? Optional.empty() : table.take(token, clock.instant()).map(TokenTable.Entry::value);
    }
}
