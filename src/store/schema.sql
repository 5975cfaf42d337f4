-- shouhu schema, version 1. Every row has a stable uuid and an updated_at time,
-- so that township files can later be merged at county level.

CREATE TABLE villages (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL UNIQUE,
    updated_at TEXT NOT NULL
);

CREATE TABLE households (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    village_id INTEGER NOT NULL REFERENCES villages(id),
    code       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (village_id, code)
);

CREATE TABLE children (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,          -- pinyin sort key
    name_full        TEXT NOT NULL,          -- full pinyin, for search
    name_initials    TEXT NOT NULL,          -- pinyin initials, for search
    gender           TEXT,
    ethnicity        TEXT NOT NULL DEFAULT '',
    birth_date       TEXT,
    id_number        TEXT UNIQUE,            -- NULL when the child has none
    hukou            INTEGER NOT NULL DEFAULT 1,
    village_id       INTEGER NOT NULL REFERENCES villages(id),
    household_id     INTEGER REFERENCES households(id),
    address          TEXT NOT NULL DEFAULT '',
    school           TEXT NOT NULL DEFAULT '',
    grade            TEXT NOT NULL DEFAULT '',
    boarding         INTEGER,
    school_status    TEXT,
    health           TEXT,
    disability_type  TEXT,
    disability_grade INTEGER,
    risk             TEXT,
    status           TEXT NOT NULL DEFAULT 'active',
    exit_date        TEXT,
    exit_reason      TEXT NOT NULL DEFAULT '',
    registered_on    TEXT NOT NULL,
    care_agreement   INTEGER,
    income_source    TEXT NOT NULL DEFAULT '',
    village_contact  TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    -- Copies of child_categories and child_flags (codes joined by ','), written
    -- with them on every save, so that the triage reads one table.
    category_codes   TEXT NOT NULL DEFAULT '',
    flag_codes       TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL
);
CREATE INDEX children_status_village ON children(status, village_id);
CREATE INDEX children_lookup ON children(name, birth_date, village_id);
CREATE INDEX children_household ON children(household_id);

CREATE TABLE child_categories (
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    category   TEXT NOT NULL,
    uuid       TEXT NOT NULL UNIQUE,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (child_id, category)
) WITHOUT ROWID;

-- Focus flags: set by hand (source 'manual') or derived by the rules and
-- written again on every save (source 'school', 'health', ...).
CREATE TABLE child_flags (
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    flag       TEXT NOT NULL,
    source     TEXT NOT NULL,
    uuid       TEXT NOT NULL UNIQUE,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (child_id, flag)
) WITHOUT ROWID;

CREATE TABLE parents (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('father', 'mother')),
    name       TEXT NOT NULL DEFAULT '',
    status     TEXT,
    work_place TEXT NOT NULL DEFAULT '',
    since      TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (child_id, role)
);

-- The guardian and the entrusted caregiver.
CREATE TABLE caregivers (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('guardian', 'caregiver')),
    name       TEXT NOT NULL DEFAULT '',
    relation   TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    able       INTEGER,
    updated_at TEXT NOT NULL,
    UNIQUE (child_id, role)
);

CREATE TABLE visits (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    child_id        INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    visitor         TEXT NOT NULL DEFAULT '',
    met             TEXT NOT NULL DEFAULT '',
    guardianship_ok INTEGER, guardianship_note TEXT NOT NULL DEFAULT '',
    safety_ok       INTEGER, safety_note       TEXT NOT NULL DEFAULT '',
    schooling_ok    INTEGER, schooling_note    TEXT NOT NULL DEFAULT '',
    health_ok       INTEGER, health_note       TEXT NOT NULL DEFAULT '',
    mental_ok       INTEGER, mental_note       TEXT NOT NULL DEFAULT '',
    living_ok       INTEGER, living_note       TEXT NOT NULL DEFAULT '',
    safety_education TEXT NOT NULL DEFAULT '',  -- codes joined with ','
    problems        TEXT NOT NULL DEFAULT '',
    actions         TEXT NOT NULL DEFAULT '',
    report_raised   INTEGER NOT NULL DEFAULT 0,
    next_step       TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- Newest first per child, kind included: the triage reads one entry per child.
CREATE INDEX visits_child_date ON visits(child_id, date DESC, kind);
CREATE INDEX visits_date ON visits(date);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    uuid       TEXT NOT NULL UNIQUE,
    updated_at TEXT NOT NULL
);

-- Forms kept as they are typed.
CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    form       TEXT NOT NULL,
    key        TEXT NOT NULL,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (form, key)
);

-- Who changed what, when: every change and every export.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    at          TEXT NOT NULL,
    officer     TEXT NOT NULL,
    action      TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    record_uuid TEXT,
    changes     TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);
CREATE INDEX audit_record ON audit(record_uuid);

-- Derived, not a record: the latest visit of each kind per child, kept by the
-- triggers below, so that the triage reads one small table instead of
-- searching every child's visits. Rebuilt from `visits` at any time.
CREATE TABLE child_last_visit (
    child_id INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    date     TEXT NOT NULL,
    PRIMARY KEY (child_id, kind)
) WITHOUT ROWID;

CREATE TRIGGER visits_last_insert AFTER INSERT ON visits BEGIN
    INSERT INTO child_last_visit (child_id, kind, date) VALUES (NEW.child_id, NEW.kind, NEW.date)
    ON CONFLICT (child_id, kind) DO UPDATE SET date = excluded.date WHERE excluded.date > date;
END;

CREATE TRIGGER visits_last_delete AFTER DELETE ON visits BEGIN
    DELETE FROM child_last_visit WHERE child_id = OLD.child_id AND kind = OLD.kind;
    INSERT INTO child_last_visit (child_id, kind, date)
        SELECT child_id, kind, max(date) FROM visits
        WHERE child_id = OLD.child_id AND kind = OLD.kind GROUP BY child_id, kind;
END;

CREATE TRIGGER visits_last_update AFTER UPDATE OF child_id, kind, date ON visits BEGIN
    DELETE FROM child_last_visit WHERE child_id = OLD.child_id AND kind = OLD.kind;
    INSERT INTO child_last_visit (child_id, kind, date)
        SELECT child_id, kind, max(date) FROM visits
        WHERE child_id = OLD.child_id AND kind = OLD.kind GROUP BY child_id, kind;
    INSERT INTO child_last_visit (child_id, kind, date) VALUES (NEW.child_id, NEW.kind, NEW.date)
    ON CONFLICT (child_id, kind) DO UPDATE SET date = excluded.date WHERE excluded.date > date;
END;

CREATE TRIGGER children_last_delete AFTER DELETE ON children BEGIN
    DELETE FROM child_last_visit WHERE child_id = OLD.id;
END;
