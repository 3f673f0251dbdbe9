-- When a helper was reminded of a need (once, the day before), and when a volunteer
-- last got the digest of new needs in their Quartiere.
ALTER TABLE need_helpers ADD COLUMN reminded_at INTEGER;

CREATE TABLE need_digests (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    last_sent_at  INTEGER NOT NULL
);
