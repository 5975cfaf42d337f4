-- shouhu schema, version 7: keeping the register true, the rest of it.

-- What the 004 benefit rules read beyond the categories: 符合低保条件,
-- 遭受虐待遗弃, 无劳动能力无生活来源无抚养能力, 感染艾滋病病毒 (codes joined with ',').
ALTER TABLE children ADD COLUMN conditions TEXT NOT NULL DEFAULT '';
-- A child taken back onto the register: when and why (due on that day).
ALTER TABLE children ADD COLUMN reopened_on TEXT;
ALTER TABLE children ADD COLUMN reopen_reason TEXT NOT NULL DEFAULT '';

-- The parents' last contact with a left-behind child, as the visit found it
-- (000 002 004: 电话, 视频 or 回家探望) and when.
ALTER TABLE visits ADD COLUMN parent_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN parent_contact_on TEXT;
-- The latest contact of each child, read from the few visits that found one.
CREATE INDEX visits_contact ON visits(child_id, parent_contact_on)
    WHERE parent_contact IN ('call', 'video', 'home');

-- Temporary guardianship (临时监护, 004): the child taken to relatives or the
-- village while the parents are told to come back; open until ended_on.
CREATE TABLE temporary_care (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    started_on TEXT NOT NULL,
    ended_on   TEXT,
    place      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX temporary_care_child ON temporary_care(child_id, started_on);

-- The triage reads the day of reopening beside the rest, from its index alone.
DROP INDEX children_triage;
CREATE INDEX children_triage ON children(name_key, id_number, id, status, village_id,
    gender, birth_date, risk, registered_on, category_codes, flag_codes, name, reopened_on);
