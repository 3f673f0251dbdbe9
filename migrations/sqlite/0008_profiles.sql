-- Volunteer profiles belong to an account; availability slots; verification records
-- kept by coordinators (never the document itself); invitations to a need with a
-- deadline; the gender a same-gender need asks for. Times are UTC epoch seconds.

ALTER TABLE volunteers ADD COLUMN user_id INTEGER REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE volunteers ADD COLUMN skills_other TEXT NOT NULL DEFAULT '';
ALTER TABLE volunteers ADD COLUMN mobility TEXT NOT NULL DEFAULT '';
ALTER TABLE volunteers ADD COLUMN gender TEXT CHECK (gender IN ('female', 'male', 'diverse'));
ALTER TABLE volunteers ADD COLUMN max_minutes_per_week INTEGER NOT NULL DEFAULT 240 CHECK (max_minutes_per_week BETWEEN 30 AND 2400);
ALTER TABLE volunteers ADD COLUMN paused_until INTEGER;
ALTER TABLE volunteers ADD COLUMN last_active_at INTEGER;
CREATE UNIQUE INDEX volunteers_user ON volunteers (user_id);
CREATE INDEX volunteers_home ON volunteers (home_lat, home_lon);

-- Weekly availability in local time: weekday 0 = Monday, minutes since midnight.
CREATE TABLE volunteer_slots (
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute    INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440 AND end_minute > start_minute),
    PRIMARY KEY (volunteer_id, weekday, start_minute)
);

-- Police-certificate inspection (§72a SGB VIII) or basic course (§45a SGB XI).
CREATE TABLE verifications (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL CHECK (kind IN ('inspection', 'course')),
    checked_on       INTEGER NOT NULL,
    recorded_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    result_ok        INTEGER NOT NULL CHECK (result_ok IN (0, 1)),
    valid_until      INTEGER,
    reminded_at      INTEGER,
    recorded_at      INTEGER NOT NULL
);
CREATE INDEX verifications_user ON verifications (user_id, kind);

-- A coordinator invites a matched volunteer, who accepts or declines before the deadline.
CREATE TABLE need_invitations (
    need_id      INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    state        TEXT    NOT NULL CHECK (state IN ('invited', 'accepted', 'declined', 'expired', 'too_late')),
    invited_at   INTEGER NOT NULL,
    respond_by   INTEGER NOT NULL,
    answered_at  INTEGER,
    PRIMARY KEY (need_id, user_id)
);
CREATE INDEX need_invitations_user ON need_invitations (user_id, state);

ALTER TABLE needs ADD COLUMN helper_gender TEXT CHECK (helper_gender IN ('female', 'male', 'diverse'));
