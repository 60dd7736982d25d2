-- The state that lets several servers act as one towards the browser: sessions, single-use
-- sign-in tokens and rate-limit buckets. A session id or token is never stored, only its SHA-256,
-- so a copy of the database signs nobody in.

-- Sessions (kind 'session': owner and value are the user) and single-use tokens (OAuth state to
-- PKCE verifier per client address, sign-in link to user), each kept under its kind's caps.
CREATE TABLE token_entry (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL,
    token_sha256 bytea       NOT NULL,
    owner        text        NOT NULL,
    value        text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    CONSTRAINT token_entry_token UNIQUE (kind, token_sha256)
);
CREATE INDEX token_entry_by_owner ON token_entry (kind, owner, seq);
CREATE INDEX token_entry_by_age ON token_entry (kind, seq);
CREATE INDEX token_entry_by_expiry ON token_entry (kind, expires_at);

-- One token bucket per user: permits left and when they were counted; version for compare-and-set.
CREATE TABLE rate_bucket (
    bucket_key text             PRIMARY KEY,
    tokens     double precision NOT NULL,
    counted_at timestamptz      NOT NULL,
    version    bigint           NOT NULL
);
CREATE INDEX rate_bucket_by_age ON rate_bucket (counted_at);
