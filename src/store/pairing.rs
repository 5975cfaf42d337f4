//! The pairing ledger in the store: what its checks read.

use anyhow::Result;
use chrono::NaiveDate;

use super::Store;
use crate::domain::pairing::{Activity, ActivityKind, ChildFacts, Helper, HelperKind, Pairing};
use crate::domain::{Category, Gender, date};

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.as_deref().and_then(date::from_iso)
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

    /// Every helper activity.
    pub fn helper_activities(&self) -> Result<Vec<Activity>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT helper_id, child_id, date, kind FROM helper_activities")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (helper, child, d, kind) = row?;
            if let (Some(date), Some(kind)) = (date::from_iso(&d), ActivityKind::from_code(&kind)) {
                out.push(Activity {
                    helper,
                    child,
                    date,
                    kind,
                });
            }
        }
        Ok(out)
    }

    /// What the checks need of every active child.
    pub fn pairing_facts(&self) -> Result<Vec<ChildFacts>> {
        let villages = self.village_names()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.village_id, c.gender, c.birth_date, c.category_codes,
                    COALESCE(h.code, ''), c.placement
               FROM children c LEFT JOIN households h ON h.id = c.household_id
              WHERE c.status = 'active'",
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
