-- Meeting places in full (point, accessibility, languages, contact, weekly hours),
-- events there and who will come, the services directory, mediation requests,
-- reports with their moderation, hidden content and suspended accounts.
-- Times are UTC epoch seconds; hours are local minutes since midnight.

ALTER TABLE meeting_places ADD COLUMN lat DOUBLE PRECISION;
ALTER TABLE meeting_places ADD COLUMN lon DOUBLE PRECISION;
ALTER TABLE meeting_places ADD COLUMN accessible_toilet BIGINT NOT NULL DEFAULT 0 CHECK (accessible_toilet IN (0, 1));
ALTER TABLE meeting_places ADD COLUMN hearing_loop BIGINT NOT NULL DEFAULT 0 CHECK (hearing_loop IN (0, 1));
ALTER TABLE meeting_places ADD COLUMN quiet_room BIGINT NOT NULL DEFAULT 0 CHECK (quiet_room IN (0, 1));
ALTER TABLE meeting_places ADD COLUMN disabled_parking BIGINT NOT NULL DEFAULT 0 CHECK (disabled_parking IN (0, 1));
ALTER TABLE meeting_places ADD COLUMN languages TEXT NOT NULL DEFAULT 'de';
ALTER TABLE meeting_places ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_places ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_places ADD COLUMN hidden_at BIGINT;
ALTER TABLE meeting_places ADD COLUMN updated_at BIGINT;

CREATE TABLE place_hours (
    place_id      BIGINT NOT NULL REFERENCES meeting_places (id) ON DELETE CASCADE,
    weekday       BIGINT NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute  BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute    BIGINT NOT NULL CHECK (end_minute BETWEEN 0 AND 1440 AND end_minute > start_minute),
    PRIMARY KEY (place_id, weekday, start_minute)
);

CREATE TABLE place_events (
    id                BIGSERIAL PRIMARY KEY,
    place_id          BIGINT NOT NULL REFERENCES meeting_places (id) ON DELETE CASCADE,
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL DEFAULT '',
    starts_at         BIGINT NOT NULL,
    duration_minutes  BIGINT NOT NULL CHECK (duration_minutes BETWEEN 15 AND 720),
    weekly            BIGINT NOT NULL DEFAULT 0 CHECK (weekly IN (0, 1)),
    created_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at        BIGINT NOT NULL
);
CREATE INDEX place_events_place ON place_events (place_id, starts_at);

CREATE TABLE event_attendance (
    event_id    BIGINT NOT NULL REFERENCES place_events (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);

CREATE TABLE services (
    id               BIGSERIAL PRIMARY KEY,
    organisation_id  BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    quartier_id      BIGINT NOT NULL REFERENCES quartiere (id) ON DELETE CASCADE,
    topic            TEXT    NOT NULL CHECK (topic IN ('debt', 'migration', 'family', 'care', 'housing', 'mediation', 'other')),
    title            TEXT    NOT NULL,
    description      TEXT    NOT NULL DEFAULT '',
    contact_phone    TEXT    NOT NULL DEFAULT '',
    contact_email    TEXT    NOT NULL DEFAULT '',
    hours            TEXT    NOT NULL DEFAULT '',
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX services_quartier ON services (quartier_id, topic);

-- A confidential request for mediation in a conflict between neighbours: read by the
-- Quartier's coordinators only.
CREATE TABLE mediation_requests (
    id            BIGSERIAL PRIMARY KEY,
    quartier_id   BIGINT NOT NULL REFERENCES quartiere (id),
    requester_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    description   TEXT    NOT NULL,
    reachable     TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'closed')),
    notes         TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX mediation_requests_quartier ON mediation_requests (quartier_id, status);

CREATE TABLE reports (
    id            BIGSERIAL PRIMARY KEY,
    target_kind   TEXT    NOT NULL CHECK (target_kind IN ('need', 'message', 'place', 'user')),
    target_id     BIGINT NOT NULL,
    quartier_id   BIGINT REFERENCES quartiere (id),
    reporter_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason        TEXT    NOT NULL CHECK (reason IN ('discrimination', 'harassment', 'threat', 'scam', 'wrong_information', 'other')),
    details       TEXT    NOT NULL DEFAULT '',
    urgent        BIGINT NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acted', 'dismissed')),
    outcome_note  TEXT    NOT NULL DEFAULT '',
    decided_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_at    BIGINT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX reports_queue ON reports (status, urgent, created_at);
-- One open report per person and thing: a second identical one is refused.
CREATE UNIQUE INDEX reports_once ON reports (reporter_id, target_kind, target_id) WHERE status = 'open';

ALTER TABLE needs ADD COLUMN hidden_at BIGINT;
ALTER TABLE need_messages ADD COLUMN hidden_at BIGINT;
ALTER TABLE users ADD COLUMN suspended_at BIGINT;
ALTER TABLE users ADD COLUMN suspended_reason TEXT NOT NULL DEFAULT '';
