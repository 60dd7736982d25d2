-- The audit history: one row per NDJSON line, in the file adapter's exact bytes, so that an export
-- is byte-identical to the file and "history verify" runs the same check. A conversation's row in
-- history_file is its head: appends lock it (SELECT ... FOR UPDATE), so the chain is extended by one
-- transaction at a time, whichever instance appends.
CREATE TABLE history_file (
    id           BIGSERIAL PRIMARY KEY,
    user_name    TEXT   NOT NULL,
    -- '' for the user's records outside any conversation (the file adapter's actions.ndjson).
    conversation TEXT   NOT NULL,
    -- Lines held, and the number of the last chained line (0: none yet): a new chained line's prev
    -- covers the lines from that one on.
    lines        BIGINT NOT NULL DEFAULT 0,
    last_chained BIGINT NOT NULL DEFAULT 0,
    -- The chain's head after the last line (what the next chained line's prev would be): lines
    -- edited or cut off the end show against it, as against the lock file's head beside a file.
    head_prev    TEXT   NOT NULL DEFAULT '',
    -- Orders conversations by their last append without trusting any clock.
    appended     BIGINT NOT NULL,
    CONSTRAINT history_file_name UNIQUE (user_name, conversation),
    CONSTRAINT history_file_user CHECK (user_name ~ '^[A-Za-z0-9._-]{1,64}$' AND user_name NOT IN ('.', '..')),
    CONSTRAINT history_file_conversation CHECK (conversation = '' OR conversation ~ '^[0-9a-f]{12}$')
);

CREATE SEQUENCE history_append;

CREATE INDEX history_file_newest ON history_file (user_name, appended DESC);

CREATE TABLE history_line (
    file_id BIGINT NOT NULL REFERENCES history_file (id),
    -- 1-based, as in the file; equal to "seq" on chained lines.
    line_no BIGINT NOT NULL,
    -- The line's exact bytes (UTF-8 JSON, no newline).
    line    BYTEA  NOT NULL,
    PRIMARY KEY (file_id, line_no)
);
