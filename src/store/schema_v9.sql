-- shouhu schema, version 9: the work log's own entries and the village offices.

-- The work log (工作日志, 002 003) beside what the audit log records: notes
-- typed by hand, coordination meetings (003: who came, what was decided),
-- the activities of a village's 儿童之家 (000).
CREATE TABLE work_notes (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    day        TEXT NOT NULL,
    kind       TEXT NOT NULL,
    village    TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL DEFAULT '',
    bodies     TEXT NOT NULL DEFAULT '',
    decisions  TEXT NOT NULL DEFAULT '',
    officer    TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX work_notes_day ON work_notes(day);

-- The child directors' register (儿童主任台账, 002): one per village and a
-- second where needed, trainings and background checks; the village's 儿童之家.
CREATE TABLE village_offices (
    village_id        INTEGER PRIMARY KEY REFERENCES villages(id) ON DELETE CASCADE,
    uuid              TEXT NOT NULL UNIQUE,
    director          TEXT NOT NULL DEFAULT '',
    director_phone    TEXT NOT NULL DEFAULT '',
    director_trained  TEXT,
    director_checked  TEXT,
    deputy            TEXT NOT NULL DEFAULT '',
    deputy_phone      TEXT NOT NULL DEFAULT '',
    deputy_trained    TEXT,
    deputy_checked    TEXT,
    home              TEXT NOT NULL DEFAULT '',
    updated_at        TEXT NOT NULL
);
