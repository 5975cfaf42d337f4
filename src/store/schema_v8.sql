-- shouhu schema, version 8: the township's paperwork.

-- A care plan (一人一策, 002; 关爱帮扶计划, 000): measures against the problems
-- found (003: 经济困难, 亲情缺失, 教育缺位, 安全缺保), each with who and by when.
CREATE TABLE care_measures (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    child_id    INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    problem     TEXT NOT NULL,
    measure     TEXT NOT NULL,
    responsible TEXT NOT NULL DEFAULT '',
    due_on      TEXT,
    done_on     TEXT,
    -- The visit that found it done, if one did.
    done_visit  INTEGER,
    updated_at  TEXT NOT NULL
);
CREATE INDEX care_measures_child ON care_measures(child_id);
CREATE INDEX care_measures_open ON care_measures(due_on) WHERE done_on IS NULL;

-- The yearly survey (摸底排查, 002): each child gone over in a year's survey,
-- and how (confirmed, corrected, newly found, exited).
CREATE TABLE survey_marks (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    outcome    TEXT NOT NULL,
    day        TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (child_id, year)
);

-- The township's own care rounds (000: 春节慰问, 六一慰问): who is to be
-- reached, and what each child received, signed for.
CREATE TABLE care_rounds (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    day        TEXT NOT NULL,
    categories TEXT NOT NULL DEFAULT '',
    village    TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE TABLE care_gifts (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    round_id   INTEGER NOT NULL REFERENCES care_rounds(id) ON DELETE CASCADE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    received   TEXT NOT NULL DEFAULT '',
    amount     TEXT NOT NULL DEFAULT '',
    signed     INTEGER NOT NULL DEFAULT 0,
    day        TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (round_id, child_id)
);
