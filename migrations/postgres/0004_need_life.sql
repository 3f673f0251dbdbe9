-- A need's life: who posted it, what it requires, the review note, its helpers (with
-- waitlist and logged time) and its message thread. Times are UTC epoch seconds.

ALTER TABLE needs ADD COLUMN posted_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE needs ADD COLUMN on_behalf BIGINT NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1));
ALTER TABLE needs ADD COLUMN rough_place TEXT NOT NULL DEFAULT '';
ALTER TABLE needs ADD COLUMN weekly BIGINT NOT NULL DEFAULT 0 CHECK (weekly IN (0, 1));
ALTER TABLE needs ADD COLUMN language TEXT;
ALTER TABLE needs ADD COLUMN same_gender BIGINT NOT NULL DEFAULT 0 CHECK (same_gender IN (0, 1));
ALTER TABLE needs ADD COLUMN step_free BIGINT NOT NULL DEFAULT 0 CHECK (step_free IN (0, 1));
ALTER TABLE needs ADD COLUMN needs_car BIGINT NOT NULL DEFAULT 0 CHECK (needs_car IN (0, 1));
ALTER TABLE needs ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE needs ADD COLUMN feedback TEXT NOT NULL DEFAULT '';
ALTER TABLE needs ADD COLUMN closed_at BIGINT;
CREATE INDEX needs_posted_by ON needs (posted_by);

-- How the neighbour agreed to the posting (on-behalf intake) and how to reach them.
ALTER TABLE need_private ADD COLUMN consent TEXT NOT NULL DEFAULT '';

-- Helpers of a need. `signed_up` and `confirmed` hold a place; `waitlisted` waits for
-- one; `withdrawn` gave it back.
CREATE TABLE need_helpers (
    need_id       BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state         TEXT    NOT NULL CHECK (state IN ('signed_up', 'confirmed', 'waitlisted', 'withdrawn')),
    joined_at     BIGINT NOT NULL,
    confirmed_at  BIGINT,
    minutes       BIGINT NOT NULL DEFAULT 0 CHECK (minutes >= 0 AND minutes <= 100000),
    PRIMARY KEY (need_id, user_id)
);
CREATE INDEX need_helpers_user ON need_helpers (user_id, state);

CREATE TABLE need_messages (
    id          BIGSERIAL PRIMARY KEY,
    need_id     BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    author_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body        TEXT    NOT NULL,
    held_back   BIGINT NOT NULL DEFAULT 0 CHECK (held_back IN (0, 1)),
    created_at  BIGINT NOT NULL
);
CREATE INDEX need_messages_need ON need_messages (need_id, id);

-- Organisations may trust a neighbour: their needs open without review.
CREATE TABLE trusted_neighbours (
    organisation_id  BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at       BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
