package dev.chatactions.core.testing;

import dev.chatactions.core.session.InMemoryRateLimiter;
import dev.chatactions.core.session.InMemorySessionStore;
import dev.chatactions.core.session.InMemorySingleUseTokens;
import dev.chatactions.core.session.RateLimiter;
import dev.chatactions.core.session.Retention;
import dev.chatactions.core.session.SessionStore;
import dev.chatactions.core.session.SingleUseTokens;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The in-memory defaults keep the contracts of sessions, single-use tokens and rate limits. */
class InMemorySessionsContractTest {

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore store(Clock clock, Retention retention) {
            return new InMemorySessionStore(clock, retention);
        }
    }

    @Nested
    class Tokens extends SingleUseTokensContract {
        @Override
        protected SingleUseTokens tokens(Clock clock, Retention retention) {
            return new InMemorySingleUseTokens(clock, retention);
        }
    }

    @Nested
    class RateLimits extends RateLimiterContract {
        @Override
        protected RateLimiter limiter(Clock clock, int perMinute) {
            return new InMemoryRateLimiter(clock, perMinute);
        }
    }
}
