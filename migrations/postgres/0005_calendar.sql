-- A personal calendar feed of one's assignments, behind a secret link. The link is
-- shown again on /me, so the token is kept; a new link replaces it, revoking the old.
CREATE TABLE calendar_feeds (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token       TEXT    NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
