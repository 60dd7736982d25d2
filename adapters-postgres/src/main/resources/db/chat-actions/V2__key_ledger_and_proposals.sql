-- The state several servers share: which idempotency keys have run (and how each ended), and the
-- proposals shown as buttons. Claiming a key is one INSERT ... ON CONFLICT DO NOTHING. Outcomes and
-- proposals are kept as lines in the history's own format; times as Instant text, exact to the
-- nanosecond, since a replay takes a key only while its state is exactly as it saw it.
CREATE TABLE action_key (
    user_name       TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_digest  TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    -- NULL while running; how it ended once settled (an action line: done, failed, unknown).
    outcome         TEXT,
    -- The instance running it and until when its lease holds. The instance renews the lease while
    -- the run lasts; a running key whose lease ran out reads as settled "unknown" (its instance
    -- died mid-run), so a replay reconciles it before anything is tried again.
    instance        TEXT,
    lease_until     TIMESTAMPTZ,
    PRIMARY KEY (user_name, idempotency_key)
);

CREATE INDEX action_key_running ON action_key (instance) WHERE outcome IS NULL;

CREATE TABLE proposal (
    user_name TEXT NOT NULL,
    id        TEXT NOT NULL,
    -- The proposal line as the history holds it (without seq and prev).
    line      TEXT NOT NULL,
    PRIMARY KEY (user_name, id)
);

-- V3 onwards are reserved for the server's sessions, CSRF tokens, sign-in tokens and rate limits.
