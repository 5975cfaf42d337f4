-- shouhu schema, version 5: mandatory reports, referrals and the notices that
-- arrive at the township (强制报告, 转介, 来文), with every move between states.

CREATE TABLE referrals (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    no         INTEGER NOT NULL UNIQUE,        -- the number printed on the form, never changed
    child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,                  -- mandatory | referral | notice
    reason     TEXT NOT NULL,
    what       TEXT NOT NULL DEFAULT '',       -- what happened
    severity   TEXT NOT NULL DEFAULT 'normal', -- normal | serious | urgent
    target     TEXT NOT NULL,                  -- the body it goes to (or, for a notice, comes from)
    found_on   TEXT,                           -- when the problem was found
    raised_at  TEXT NOT NULL,                  -- local time, YYYY-MM-DD HH:MM:SS
    raised_by  TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT '',       -- visit:ID | activity:ID | ''
    sender     TEXT NOT NULL DEFAULT '',       -- a notice: who sent it
    arrived_on TEXT,                           -- a notice: when it arrived
    state      TEXT NOT NULL DEFAULT 'draft',
    sent_on    TEXT,
    answer     TEXT NOT NULL DEFAULT '',
    outcome    TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX referrals_child ON referrals(child_id);
CREATE INDEX referrals_state ON referrals(state);

CREATE TABLE referral_moves (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,                 -- local time of the move
    officer     TEXT NOT NULL DEFAULT '',
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);
CREATE INDEX referral_moves_referral ON referral_moves(referral_id);

-- What 004 ties to a report: the parents told to return or to name a guardian,
-- the search for a missing child, the township's assessment (调查评估: safety,
-- guardianship, health), the return to school, and the guardian interventions
-- that escalate (劝诫 → 训诫 → 家庭教育指导), each with a state of its own.
CREATE TABLE referral_followups (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    referral_id  INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    date         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'draft',
    note         TEXT NOT NULL DEFAULT '',
    safety       TEXT NOT NULL DEFAULT '',
    guardianship TEXT NOT NULL DEFAULT '',
    health       TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
);
CREATE INDEX referral_followups_referral ON referral_followups(referral_id);

-- When each child was last entered in the national children's welfare system
-- (seed 003 asks the township to keep it current): what changed since is listed.
CREATE TABLE national_marks (
    child_id   INTEGER PRIMARY KEY REFERENCES children(id) ON DELETE CASCADE,
    uuid       TEXT NOT NULL UNIQUE,
    at         TEXT NOT NULL,                 -- UTC, as updated_at
    updated_at TEXT NOT NULL
);

-- The household registration as two fields and its check: its nature (农村 /
-- 城镇; 农村留守儿童 requires a rural one, 003), its place (户籍所在地), and when
-- the police station verified it (004).
ALTER TABLE children ADD COLUMN hukou_nature TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN hukou_place TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN hukou_verified_on TEXT;
