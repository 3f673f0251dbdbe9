-- Sign-in sessions (tower-sessions records): the session data as JSON, expiry as UTC
-- epoch seconds. Expired rows are deleted by a background task.
CREATE TABLE sessions (
    id          TEXT    PRIMARY KEY,
    data        TEXT    NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
