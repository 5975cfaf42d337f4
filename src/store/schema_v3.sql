-- shouhu schema, version 3: the pairing ledger (结对帮扶台账, seed 003): helpers,
-- their trainings, pairings of children with helpers, and what helpers did.

CREATE TABLE helpers (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    gender         TEXT,                        -- male | female
    kind           TEXT NOT NULL DEFAULT 'family', -- family | department | volunteer | organisation
    unit           TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    linked_village TEXT NOT NULL DEFAULT '',    -- the village its unit is linked with
    handout        INTEGER NOT NULL DEFAULT 0,  -- 政策明白书 received
    updated_at     TEXT NOT NULL,
    UNIQUE (name, unit)
);

CREATE TABLE helper_trainings (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    helper_id  INTEGER NOT NULL REFERENCES helpers(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX helper_trainings_helper ON helper_trainings(helper_id);

CREATE TABLE pairings (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    helper_id  INTEGER NOT NULL REFERENCES helpers(id) ON DELETE CASCADE,
    start      TEXT NOT NULL,
    "end"      TEXT,
    end_reason TEXT NOT NULL DEFAULT '',
    intended   INTEGER NOT NULL DEFAULT 0,     -- a second pairing meant to be
    updated_at TEXT NOT NULL
);
CREATE INDEX pairings_child ON pairings(child_id);
CREATE INDEX pairings_helper ON pairings(helper_id);

CREATE TABLE helper_activities (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    helper_id  INTEGER NOT NULL REFERENCES helpers(id) ON DELETE CASCADE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    kind       TEXT NOT NULL,                  -- visit | care | wish | problem
    notes      TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX helper_activities_pair ON helper_activities(helper_id, child_id, date);

-- Where an orphan is brought up: '' (in the community, 散居) or 'institution' (机构养育).
ALTER TABLE children ADD COLUMN placement TEXT NOT NULL DEFAULT '';
