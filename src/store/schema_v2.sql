-- shouhu schema, version 2: the worklists as printed, so that a returned sheet
-- can be typed back in the printed order even if the data changed since.

CREATE TABLE worklists (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    week       TEXT NOT NULL,               -- ISO week, 2026-W48
    village    TEXT NOT NULL DEFAULT '',    -- '' for the whole township
    officer    TEXT NOT NULL DEFAULT '',
    printed_on TEXT NOT NULL,               -- the day it was printed (--today)
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE worklist_rows (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    worklist_id INTEGER NOT NULL REFERENCES worklists(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,           -- 1, 2, ... in printed order
    child_id    INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    next_due    TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (worklist_id, position)
);
CREATE INDEX worklist_rows_child ON worklist_rows(child_id);

-- The triage reads the latest visit of the counting kinds only: an index by
-- kind lets it skip the others.
CREATE INDEX child_last_visit_kind ON child_last_visit(kind, child_id, date);

-- The triage reads the active children in pinyin order (the order of its ties)
-- from this index alone, without sorting names itself.
CREATE INDEX children_triage ON children(name_key, id_number, id, status, village_id,
    gender, birth_date, risk, registered_on, category_codes, flag_codes, name);
