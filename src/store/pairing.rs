//! The pairing ledger in the store: what its checks read.

use anyhow::Result;
use chrono::NaiveDate;

use super::Store;
use crate::domain::pairing::{Activity, ActivityKind, ChildFacts, Helper, HelperKind, Pairing};
use crate::domain::{Category, Gender, date};

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.as_deref().and_then(date::from_iso)
}

/// A helper as a sheet gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHelper {
    pub name: String,
    pub gender: Option<Gender>,
    pub kind: HelperKind,
    pub unit: String,
    pub phone: String,
    pub linked_village: String,
    /// The latest training, if the sheet says.
    pub training: Option<NaiveDate>,
}

/// A pairing as a sheet gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPairing {
    pub child: i64,
    pub helper: i64,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub intended: bool,
    /// Blank when the sheet says nothing: what is there is kept.
    pub end_reason: String,
    /// The ledger's cells the sheet fills, as (position in `LEDGER`, text).
    pub ledger: Vec<(usize, String)>,
}

/// What a helper did, as a sheet gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    pub child: i64,
    pub helper: i64,
    pub date: NaiveDate,
    pub kind: ActivityKind,
    pub notes: String,
}

impl super::Writer<'_> {
    /// Records a helper activity; the same one (helper, child, day, kind)
    /// again is not doubled. True when added.
    pub fn save_activity(&self, a: &NewActivity) -> Result<bool> {
        let day = date::iso(a.date);
        let known: i64 = self.tx.query_row(
            "SELECT count(*) FROM helper_activities
              WHERE helper_id = ?1 AND child_id = ?2 AND date = ?3 AND kind = ?4",
            rusqlite::params![a.helper, a.child, day, a.kind.code()],
            |r| r.get(0),
        )?;
        if known > 0 {
            return Ok(false);
        }
        let uuid = super::new_uuid();
        self.tx.execute(
            &format!("INSERT INTO helper_activities (id, uuid, helper_id, child_id, date, kind, notes, updated_at)
             VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", next = self.next_id("helper_activities")),
            rusqlite::params![uuid, a.helper, a.child, day, a.kind.code(), a.notes, self.now],
        )?;
        self.audit(
            "insert",
            "helper_activities",
            Some(&uuid),
            &format!("{day} {}", a.kind.code()),
        )?;
        Ok(true)
    }

    /// Records where an orphan is brought up (散居 / 机构养育).
    pub fn set_placement(&self, child: i64, placement: crate::domain::Placement) -> Result<()> {
        self.tx.execute(
            "UPDATE children SET placement = ?2 WHERE id = ?1",
            rusqlite::params![child, placement.code()],
        )?;
        Ok(())
    }

    /// Marks a pairing as an intended second one.
    pub fn set_intended(&self, pairing: i64) -> Result<()> {
        self.tx
            .execute("UPDATE pairings SET intended = 1 WHERE id = ?1", [pairing])?;
        Ok(())
    }

    /// The helpers' names and units (a helper is known by them).
    pub fn helper_keys(&self) -> Result<std::collections::HashSet<(String, String)>> {
        let mut stmt = self.tx.prepare_cached("SELECT name, unit FROM helpers")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a pairing, or updates the one of the same child, helper and start.
    /// True when added.
    pub fn save_pairing(&self, p: &NewPairing) -> Result<bool> {
        use rusqlite::OptionalExtension;
        let start = date::iso(p.start);
        let end = p.end.map(date::iso);
        let existing: Option<(i64, String)> = self
            .tx
            .prepare_cached(
                "SELECT id, uuid FROM pairings WHERE child_id = ?1 AND helper_id = ?2 AND start = ?3",
            )?
            .query_row(rusqlite::params![p.child, p.helper, start], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (uuid, added) = match existing {
            Some((id, uuid)) => {
                self.tx.execute(
                    "UPDATE pairings SET \"end\" = ?2, intended = ?3, updated_at = ?4 WHERE id = ?1",
                    rusqlite::params![id, end, p.intended, self.now],
                )?;
                (uuid, false)
            }
            None => {
                let uuid = super::new_uuid();
                self.tx.execute(
                    &format!("INSERT INTO pairings (id, uuid, child_id, helper_id, start, \"end\", intended, updated_at)
                     VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", next = self.next_id("pairings")),
                    rusqlite::params![uuid, p.child, p.helper, start, end, p.intended, self.now],
                )?;
                (uuid, true)
            }
        };
        if !p.end_reason.is_empty() {
            self.tx.execute(
                "UPDATE pairings SET end_reason = ?2 WHERE uuid = ?1",
                rusqlite::params![uuid, p.end_reason],
            )?;
        }
        for (i, text) in &p.ledger {
            if let Some(f) = crate::domain::pairing::LEDGER.get(*i) {
                // The column name comes from the ledger's own list, never from the sheet.
                self.tx.execute(
                    &format!("UPDATE pairings SET {} = ?2 WHERE uuid = ?1", f.key),
                    rusqlite::params![uuid, text],
                )?;
            }
        }
        let action = if added { "insert" } else { "update" };
        self.audit(action, "pairings", Some(&uuid), &start)?;
        Ok(added)
    }

    /// Adds a helper, or updates the one of the same name and unit (blank
    /// cells keep what is there); a training day is added once. True when added.
    pub fn save_helper(&self, h: &NewHelper) -> Result<bool> {
        use rusqlite::OptionalExtension;
        let existing: Option<(i64, String)> = self
            .tx
            .prepare_cached("SELECT id, uuid FROM helpers WHERE name = ?1 AND unit = ?2")?
            .query_row(rusqlite::params![h.name, h.unit], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let gender = h.gender.map(|g| g.code());
        let (id, uuid, added) = match existing {
            Some((id, uuid)) => {
                self.tx.execute(
                    "UPDATE helpers SET gender = COALESCE(?2, gender), kind = ?3,
                            phone = CASE WHEN ?4 = '' THEN phone ELSE ?4 END,
                            linked_village = CASE WHEN ?5 = '' THEN linked_village ELSE ?5 END,
                            updated_at = ?6 WHERE id = ?1",
                    rusqlite::params![
                        id,
                        gender,
                        h.kind.code(),
                        h.phone,
                        h.linked_village,
                        self.now
                    ],
                )?;
                (id, uuid, false)
            }
            None => {
                let uuid = super::new_uuid();
                self.tx.execute(
                    &format!("INSERT INTO helpers (id, uuid, name, gender, kind, unit, phone, linked_village, updated_at)
                     VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", next = self.next_id("helpers")),
                    rusqlite::params![uuid, h.name, gender, h.kind.code(), h.unit, h.phone, h.linked_village, self.now],
                )?;
                (self.tx.last_insert_rowid(), uuid, true)
            }
        };
        if let Some(day) = h.training {
            self.add_training(id, day)?;
        }
        let action = if added { "insert" } else { "update" };
        self.audit(action, "helpers", Some(&uuid), &h.name)?;
        Ok(added)
    }
}

impl Store {
    /// Every helper, with the days of their trainings.
    pub fn helpers(&self) -> Result<Vec<Helper>> {
        let mut trainings: std::collections::HashMap<i64, Vec<NaiveDate>> = Default::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT helper_id, day FROM helper_trainings")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, d) = row?;
            if let Some(d) = date::from_iso(&d) {
                trainings.entry(id).or_default().push(d);
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, gender, kind, unit, linked_village FROM helpers ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let id: i64 = r.get(0)?;
            Ok(Helper {
                id,
                name: r.get(1)?,
                gender: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|g| Gender::from_code(&g)),
                kind: HelperKind::from_code(&r.get::<_, String>(3)?).unwrap_or(HelperKind::Family),
                unit: r.get(4)?,
                linked_village: r.get(5)?,
                trainings: Vec::new(),
            })
        })?;
        let mut out = rows.collect::<rusqlite::Result<Vec<Helper>>>()?;
        for h in &mut out {
            h.trainings = trainings.remove(&h.id).unwrap_or_default();
        }
        Ok(out)
    }

    /// Every pairing.
    pub fn pairings(&self) -> Result<Vec<Pairing>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, child_id, helper_id, start, \"end\", intended FROM pairings ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, bool>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, child, helper, start, end, intended) = row?;
            let Some(start) = date::from_iso(&start) else {
                continue;
            };
            out.push(Pairing {
                id,
                child,
                helper,
                start,
                end: day(end),
                intended,
            });
        }
        Ok(out)
    }

    /// Every helper activity, by helper, child and day (read from the index
    /// `helper_activities_pair`, the text never copied).
    pub fn helper_activities(&self) -> Result<Vec<Activity>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT helper_id, child_id, date, kind FROM helper_activities
              ORDER BY helper_id, child_id, date",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let day = date::from_iso(r.get_ref(2)?.as_str()?);
            let kind = ActivityKind::from_code(r.get_ref(3)?.as_str()?);
            if let (Some(date), Some(kind)) = (day, kind) {
                out.push(Activity {
                    helper: r.get(0)?,
                    child: r.get(1)?,
                    date,
                    kind,
                });
            }
        }
        Ok(out)
    }

    /// What the checks need of every active child.
    pub fn pairing_facts(&self) -> Result<Vec<ChildFacts>> {
        facts(&self.conn)
    }

    /// The children brought up in an institution (机构养育), who are not paired.
    pub fn in_institution(&self) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM children WHERE placement = 'institution'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The day the yearly pairing roster review was last recorded.
    pub fn roster_reviewed(&self) -> Result<Option<NaiveDate>> {
        Ok(self
            .setting("roster_reviewed")?
            .as_deref()
            .and_then(date::from_iso))
    }

    /// Records the yearly pairing roster review (audited as a setting).
    pub fn record_roster_review(&mut self, day: NaiveDate) -> Result<()> {
        self.set_setting("roster_reviewed", &date::iso(day))
    }
}

/// What the checks need of every active child, read on any connection (the
/// store's, or a transaction's).
pub fn facts(conn: &rusqlite::Connection) -> Result<Vec<ChildFacts>> {
    let villages: std::collections::HashMap<i64, String> = conn
        .prepare_cached("SELECT id, name FROM villages")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Read from the index `children_pairing`, not the children's wide rows.
    let mut stmt = conn.prepare_cached(
        "SELECT id, village_id, gender, birth_date, category_codes, household_id, placement
           FROM children WHERE status = 'active'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ChildFacts {
            id: r.get(0)?,
            village: villages
                .get(&r.get::<_, i64>(1)?)
                .cloned()
                .unwrap_or_default(),
            gender: r
                .get::<_, Option<String>>(2)?
                .and_then(|g| Gender::from_code(&g)),
            birth: day(r.get(3)?),
            categories: r
                .get::<_, String>(4)?
                .split(',')
                .filter_map(Category::from_code)
                .collect(),
            household: r.get(5)?,
            in_institution: r.get::<_, String>(6)? == "institution",
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
