-- The state several servers share: which idempotency keys have run (and how each ended), and the
-- proposals shown as buttons. Claiming a key is one INSERT ... ON CONFLICT DO NOTHING.
CREATE TABLE action_key (
    user_name      TEXT        NOT NULL,
    idempotency_key TEXT       NOT NULL,
    request_digest TEXT        NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    -- NULL while running; how it ended once settled.
    outcome        TEXT,
    -- The instance running it and until when its lease holds: a running key whose lease ran out
    -- reads as settled "unknown" (its instance died mid-run).
    instance       TEXT,
    lease_until    TIMESTAMPTZ,
    PRIMARY KEY (user_name, idempotency_key)
);

CREATE TABLE proposal (
    user_name    TEXT        NOT NULL,
    id           TEXT        NOT NULL,
    conversation TEXT,
    type         TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    digest       TEXT        NOT NULL,
    proposed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_name, id)
);

-- V3 onwards are reserved for the server's sessions, CSRF tokens, sign-in tokens and rate limits.
