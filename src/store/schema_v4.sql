-- shouhu schema, version 4: the ledger a helper keeps of a pairing (结对帮扶台账,
-- seed 003), in the paper ledger's order, and the child's wish list (心愿清单).

-- The child.
ALTER TABLE pairings ADD COLUMN body TEXT NOT NULL DEFAULT '';            -- 身体状况
ALTER TABLE pairings ADD COLUMN study TEXT NOT NULL DEFAULT '';           -- 学习情况
ALTER TABLE pairings ADD COLUMN hobbies TEXT NOT NULL DEFAULT '';         -- 兴趣爱好
ALTER TABLE pairings ADD COLUMN parent_relation TEXT NOT NULL DEFAULT ''; -- 亲子关系
ALTER TABLE pairings ADD COLUMN social_life TEXT NOT NULL DEFAULT '';     -- 社会交往
ALTER TABLE pairings ADD COLUMN mental_health TEXT NOT NULL DEFAULT '';   -- 心理健康
-- The family.
ALTER TABLE pairings ADD COLUMN family_situation TEXT NOT NULL DEFAULT ''; -- 家庭基本情况
ALTER TABLE pairings ADD COLUMN family_benefits TEXT NOT NULL DEFAULT '';  -- 享受政策情况
ALTER TABLE pairings ADD COLUMN living_conditions TEXT NOT NULL DEFAULT ''; -- 居住条件
ALTER TABLE pairings ADD COLUMN family_health TEXT NOT NULL DEFAULT '';    -- 家庭成员健康状况
ALTER TABLE pairings ADD COLUMN guardianship TEXT NOT NULL DEFAULT '';     -- 监护履责情况
ALTER TABLE pairings ADD COLUMN neighbours TEXT NOT NULL DEFAULT '';       -- 邻里关系

CREATE TABLE wishes (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    pairing_id   INTEGER NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
    wish         TEXT NOT NULL,
    made_on      TEXT NOT NULL,
    fulfilled_on TEXT,                        -- NULL while the wish is open
    updated_at   TEXT NOT NULL
);
CREATE INDEX wishes_pairing ON wishes(pairing_id);

-- What the pairing checks read of every child, and of every helper activity,
-- each from one narrow index rather than the wide rows (20,000 children,
-- 70,000 activities at county scale).
CREATE INDEX children_pairing ON children(status, id, village_id, gender, birth_date,
    category_codes, household_id, placement);
DROP INDEX helper_activities_pair;
CREATE INDEX helper_activities_pair ON helper_activities(helper_id, child_id, date, kind);
