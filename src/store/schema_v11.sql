-- shouhu schema, version 11: each child's place in the visit cadence, kept.
--
-- The triage of a county file (400,000 children) cannot be worked out child
-- by child at each start: each active child's due date is kept here, indexed,
-- and worked out again for the children a write touched (marked in
-- due_dirty by the triggers below, at the end of the same transaction).
-- `due_stamp` names the cadence it was worked out under; a change of
-- cadence works it all out again. Derived: never synced.
CREATE TABLE child_due (
    child_id   INTEGER PRIMARY KEY,
    village_id INTEGER NOT NULL,
    rule       TEXT NOT NULL,
    last_visit TEXT,
    next_due   TEXT NOT NULL
);
-- Covering the counts of the triage by village (and so by township).
CREATE INDEX child_due_next ON child_due(next_due, village_id);

CREATE TABLE due_stamp (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    policy TEXT NOT NULL
);

-- (A trigger's INSERT OR IGNORE takes the outer statement's conflict rule:
-- the triggers look before they insert.)
CREATE TABLE due_dirty (child_id INTEGER PRIMARY KEY);

CREATE TRIGGER children_due_insert AFTER INSERT ON children BEGIN
    INSERT INTO due_dirty (child_id) SELECT NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE child_id = NEW.id);
END;

CREATE TRIGGER children_due_update AFTER UPDATE OF status, category_codes, flag_codes,
    registered_on, reopened_on, village_id ON children BEGIN
    INSERT INTO due_dirty (child_id) SELECT NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE child_id = NEW.id);
END;

CREATE TRIGGER children_due_delete AFTER DELETE ON children BEGIN
    DELETE FROM child_due WHERE child_id = OLD.id;
    DELETE FROM due_dirty WHERE child_id = OLD.id;
END;

-- A child's latest visit of a kind (kept by the visits' triggers) moved.
CREATE TRIGGER last_visit_due_insert AFTER INSERT ON child_last_visit BEGIN
    INSERT INTO due_dirty (child_id) SELECT NEW.child_id
        WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE child_id = NEW.child_id);
END;

CREATE TRIGGER last_visit_due_update AFTER UPDATE ON child_last_visit BEGIN
    INSERT INTO due_dirty (child_id) SELECT NEW.child_id
        WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE child_id = NEW.child_id);
END;

CREATE TRIGGER last_visit_due_delete AFTER DELETE ON child_last_visit BEGIN
    INSERT INTO due_dirty (child_id) SELECT OLD.child_id
        WHERE NOT EXISTS (SELECT 1 FROM due_dirty WHERE child_id = OLD.child_id);
END;

-- A PC started from a snapshot holds every change of `site` up to `upto`
-- (the outbox it came from was pruned of them).
CREATE TABLE sync_held (
    site INTEGER PRIMARY KEY,
    upto INTEGER NOT NULL
);

-- A record the other PC made that is one of ours by what must be unique (a
-- village by its name, a child by the ID number): their id, and ours. Their
-- rows that point at it are pointed at ours after every import. Local: each
-- PC keeps its own.
CREATE TABLE id_map (
    table_name TEXT NOT NULL,
    theirs     INTEGER NOT NULL,
    ours       INTEGER NOT NULL,
    PRIMARY KEY (table_name, theirs)
) WITHOUT ROWID;
