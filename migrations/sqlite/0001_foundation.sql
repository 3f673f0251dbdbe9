-- Organisations of the alliance, the Quartiere and villages they serve, meeting places,
-- help needs (public part and private part stored apart), volunteers and accounts.
-- Times are UTC epoch seconds; flags are 0/1 integers.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    phone       TEXT,
    email       TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE quartiere (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    slug          TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('quartier', 'dorf')),
    municipality  TEXT    NOT NULL,
    centre_lat    REAL    NOT NULL CHECK (centre_lat BETWEEN -90 AND 90),
    centre_lon    REAL    NOT NULL CHECK (centre_lon BETWEEN -180 AND 180),
    created_at    INTEGER NOT NULL
);

CREATE TABLE organisation_quartiere (
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    quartier_id      INTEGER NOT NULL REFERENCES quartiere (id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, quartier_id)
);

CREATE TABLE meeting_places (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    quartier_id      INTEGER NOT NULL REFERENCES quartiere (id),
    organisation_id  INTEGER REFERENCES organisations (id),
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    street_address   TEXT    NOT NULL,
    opening_hours    TEXT    NOT NULL,
    step_free        INTEGER NOT NULL DEFAULT 0 CHECK (step_free IN (0, 1)),
    description      TEXT    NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL
);
CREATE INDEX meeting_places_quartier ON meeting_places (quartier_id);

CREATE TABLE volunteers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    quartier_id   INTEGER NOT NULL REFERENCES quartiere (id),
    display_name  TEXT    NOT NULL,
    home_lat      REAL    NOT NULL,
    home_lon      REAL    NOT NULL,
    radius_km     REAL    NOT NULL CHECK (radius_km > 0 AND radius_km <= 100),
    languages     TEXT    NOT NULL DEFAULT 'de',
    skills        TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE INDEX volunteers_quartier ON volunteers (quartier_id);

-- The public part of a need: what any visitor may see as a teaser.
CREATE TABLE needs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    quartier_id      INTEGER NOT NULL REFERENCES quartiere (id),
    category         TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    description      TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL CHECK (status IN ('draft', 'pending_review', 'open', 'filled', 'done', 'cancelled', 'expired')),
    helpers_needed   INTEGER NOT NULL CHECK (helpers_needed BETWEEN 1 AND 20),
    helpers_filled   INTEGER NOT NULL DEFAULT 0 CHECK (helpers_filled >= 0 AND helpers_filled <= helpers_needed),
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL CHECK (ends_at > starts_at),
    created_at       INTEGER NOT NULL
);
CREATE INDEX needs_status_start ON needs (status, starts_at);
CREATE INDEX needs_quartier_status ON needs (quartier_id, status, starts_at);

-- The private part, stored apart: only for confirmed helpers and coordinators.
CREATE TABLE need_private (
    need_id         INTEGER PRIMARY KEY REFERENCES needs (id) ON DELETE CASCADE,
    contact_name    TEXT NOT NULL,
    street_address  TEXT NOT NULL,
    phone           TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    email              TEXT    NOT NULL UNIQUE,
    password_hash      TEXT    NOT NULL,
    display_name       TEXT    NOT NULL,
    is_platform_admin  INTEGER NOT NULL DEFAULT 0 CHECK (is_platform_admin IN (0, 1)),
    created_at         INTEGER NOT NULL
);
