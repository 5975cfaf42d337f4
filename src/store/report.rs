//! The facts reports count and exports print: every child on the register
//! (active or exited) and their visits. The counting itself is `io::report`'s.

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;

use super::Store;
use crate::domain::cadence::Policy;
use crate::domain::{Category, ChildStatus, Flag, Gender, VisitKind, date, text};

/// One visit as an export prints it (the columns of `import visits`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitLine {
    pub id_number: String,
    pub name: String,
    pub village: String,
    pub date: String,
    pub kind: Option<VisitKind>,
    pub visitor: String,
    pub notes: String,
}

/// One child as a report sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterEntry {
    pub id: i64,
    pub village: String,
    pub gender: Option<Gender>,
    pub categories: Vec<Category>,
    pub flags: Vec<Flag>,
    pub registered_on: NaiveDate,
    pub status: ChildStatus,
    pub exit_date: Option<NaiveDate>,
}

fn codes<T: Ord>(text: &str, parse: fn(&str) -> Option<T>) -> Vec<T> {
    let mut v: Vec<T> = text.split(',').filter_map(parse).collect();
    v.sort();
    v
}

impl Store {
    /// Every child ever registered, with village, categories and flags.
    pub fn register(&self) -> Result<Vec<RegisterEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, v.name, c.gender, c.category_codes, c.flag_codes, c.registered_on,
                    c.status, c.exit_date
             FROM children c JOIN villages v ON v.id = c.village_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RegisterEntry {
                id: r.get(0)?,
                village: r.get(1)?,
                gender: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|g| Gender::from_code(&g)),
                categories: codes(&r.get::<_, String>(3)?, Category::from_code),
                flags: codes(&r.get::<_, String>(4)?, Flag::from_code),
                registered_on: date::from_iso(&r.get::<_, String>(5)?).unwrap_or(NaiveDate::MIN),
                status: ChildStatus::from_code(&r.get::<_, String>(6)?)
                    .unwrap_or(ChildStatus::Active),
                exit_date: r
                    .get::<_, Option<String>>(7)?
                    .and_then(|d| date::from_iso(&d)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The latest visit of each child that counts toward the cadence, among
    /// those made on or before `until`.
    pub fn last_counting_visits(
        &self,
        policy: &Policy,
        until: NaiveDate,
    ) -> Result<HashMap<i64, NaiveDate>> {
        let kinds: Vec<String> = policy
            .counting_kinds
            .iter()
            .map(|k| format!("'{}'", k.code()))
            .collect();
        // One seek per child in (child_id, date DESC, kind): the first visit
        // on or before `until` of a counting kind; not a scan of every visit.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id, (SELECT v.date FROM visits v
                            WHERE v.child_id = c.id AND v.date <= ?1 AND v.kind IN ({})
                            ORDER BY v.date DESC LIMIT 1)
               FROM children c",
            kinds.join(", ")
        ))?;
        let rows = stmt.query_map([date::iso(until)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, day) = row?;
            if let Some(day) = day.as_deref().and_then(date::from_iso) {
                out.insert(id, day);
            }
        }
        Ok(out)
    }

    /// How many visits of a kind each child had from `from` to `to`, both included.
    pub fn visit_counts(
        &self,
        kind: VisitKind,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<HashMap<i64, usize>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT child_id, count(*) FROM visits WHERE kind = ?1 AND date BETWEEN ?2 AND ?3
             GROUP BY child_id",
        )?;
        let rows = stmt.query_map(
            [kind.code().to_string(), date::iso(from), date::iso(to)],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize)),
        )?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Every child's id, by village then name, both in pinyin order.
    pub fn child_ids_in_order(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, v.name, c.name_key FROM children c JOIN villages v ON v.id = c.village_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                text::sort_key(&r.get::<_, String>(1)?),
                r.get::<_, String>(2)?,
                r.get::<_, i64>(0)?,
            ))
        })?;
        let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.sort();
        Ok(rows.into_iter().map(|(_, _, id)| id).collect())
    }

    /// Every visit with the child it is about, by village, child and date.
    pub fn visit_lines(&self) -> Result<Vec<VisitLine>> {
        // Each child's place in the order of the children's export: one
        // number per visit to sort by, not a pinyin key per visit.
        let place: HashMap<i64, usize> = self
            .child_ids_in_order()?
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT COALESCE(c.id_number, ''), c.name, v.name, x.date, x.kind, x.visitor, x.notes, c.id
             FROM visits x JOIN children c ON c.id = x.child_id
             JOIN villages v ON v.id = c.village_id
             ORDER BY x.date, x.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let line = VisitLine {
                id_number: r.get(0)?,
                name: r.get(1)?,
                village: r.get(2)?,
                date: r.get(3)?,
                kind: VisitKind::from_code(&r.get::<_, String>(4)?),
                visitor: r.get(5)?,
                notes: r.get(6)?,
            };
            Ok((
                place
                    .get(&r.get::<_, i64>(7)?)
                    .copied()
                    .unwrap_or(usize::MAX),
                line,
            ))
        })?;
        let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        // Stable: each child's visits stay by date.
        rows.sort_by_key(|(place, _)| *place);
        Ok(rows.into_iter().map(|(_, line)| line).collect())
    }
}
