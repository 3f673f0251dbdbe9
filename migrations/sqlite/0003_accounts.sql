-- Accounts grow: e-mail verification, roles per organisation and per Quartier,
-- one-time links (verification, password reset, e-mail change), coordinator
-- invitations, the e-mail outbox and the audit log. Times are UTC epoch seconds.

ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'de';

-- Coordinators and org admins act for an organisation (in its Quartiere).
CREATE TABLE organisation_members (
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role             TEXT    NOT NULL CHECK (role IN ('coordinator', 'org_admin')),
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (user_id, organisation_id, role)
);
CREATE INDEX organisation_members_org ON organisation_members (organisation_id);

-- Neighbours and volunteers live in a Quartier.
CREATE TABLE quartier_members (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    quartier_id  INTEGER NOT NULL REFERENCES quartiere (id) ON DELETE CASCADE,
    role         TEXT    NOT NULL CHECK (role IN ('neighbour', 'volunteer')),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, quartier_id, role)
);

-- One-time links sent by e-mail. Only a SHA-256 of the token is stored, so a copy of
-- the database cannot be used to take over accounts.
CREATE TABLE account_tokens (
    token_hash  TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
    new_email   TEXT,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

CREATE TABLE invitations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash       TEXT    NOT NULL UNIQUE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    email            TEXT    NOT NULL,
    role             TEXT    NOT NULL CHECK (role IN ('coordinator', 'org_admin')),
    invited_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    accepted_at      INTEGER,
    revoked_at       INTEGER
);
CREATE INDEX invitations_org ON invitations (organisation_id, created_at);

-- Written in the same transaction as the event; a background worker delivers.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient        TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    sent_at          INTEGER,
    failed_at        INTEGER,
    last_error       TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- Security-relevant events. No passwords, tokens or message text; the account ids
-- are set to NULL when an account is deleted, the event stays.
CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at               INTEGER NOT NULL,
    action           TEXT    NOT NULL,
    actor_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    subject_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    detail           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_org ON audit_log (organisation_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

-- Accounts made before verification existed were made by an operator.
UPDATE users SET email_verified_at = created_at;
