-- shouhu schema, version 6: what each child (or its family) receives (应保尽保).

CREATE TABLE benefits (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    since      TEXT,
    "until"    TEXT,
    amount     TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (child_id, kind, since)
);
CREATE INDEX benefits_child ON benefits(child_id);

-- A review the officer declined: not proposed again until what it rests on changes.
CREATE TABLE review_decisions (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    review     TEXT NOT NULL,
    basis      TEXT NOT NULL,
    day        TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (child_id, review)
);

-- The day the officer last confirmed a case file as it is (000: every quarter).
ALTER TABLE children ADD COLUMN confirmed_on TEXT;

-- The gap rules read health and the disability grade beside what the pairing
-- checks read: one narrow index for both.
DROP INDEX children_pairing;
CREATE INDEX children_pairing ON children(status, id, village_id, gender, birth_date,
    category_codes, household_id, placement, health, disability_grade);
