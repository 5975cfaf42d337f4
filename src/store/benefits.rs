//! Benefits in the store, and the cases the gap rules read.

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use crate::domain::benefits::{Benefit, BenefitKind, Case, Condition, Gap, Rules, fen, gaps};
use crate::domain::{Category, DisabilityType, Health, Placement, RiskLevel, date};

/// A benefit as a sheet gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBenefit {
    pub child: i64,
    pub kind: BenefitKind,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub amount: String,
}

impl super::Writer<'_> {
    /// Adds a benefit, or updates the one of the same child, kind and start
    /// (audited). True when added.
    pub fn save_benefit(&self, b: &NewBenefit) -> Result<bool> {
        let since = b.since.map(date::iso);
        let known: Option<String> = self
            .tx
            .query_row(
                "SELECT uuid FROM benefits WHERE child_id = ?1 AND kind = ?2 AND since IS ?3",
                params![b.child, b.kind.code(), since],
                |r| r.get(0),
            )
            .ok();
        let until = b.until.map(date::iso);
        let (uuid, added) = match known {
            Some(uuid) => {
                self.tx.execute(
                    "UPDATE benefits SET \"until\" = ?2, amount = ?3, updated_at = ?4 WHERE uuid = ?1",
                    params![uuid, until, b.amount, self.now],
                )?;
                (uuid, false)
            }
            None => {
                let uuid = super::new_uuid();
                self.tx.execute(
                    &format!("INSERT INTO benefits (id, uuid, child_id, kind, since, \"until\", amount, updated_at)
                     VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", next = self.next_id("benefits")),
                    params![uuid, b.child, b.kind.code(), since, until, b.amount, self.now],
                )?;
                (uuid, true)
            }
        };
        let action = if added { "insert" } else { "update" };
        self.audit(action, "benefits", Some(&uuid), b.kind.code())?;
        Ok(added)
    }
}

impl Store {
    /// The benefits of a child, its household's 低保 included (one child's
    /// worth of reading: for the case file).
    pub fn benefits_of(&self, child: i64) -> Result<Vec<Benefit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, since, \"until\", amount, child_id FROM benefits
              WHERE child_id = ?1
                 OR (kind = 'dibao' AND child_id IN (
                        SELECT id FROM children WHERE household_id IS NOT NULL
                           AND household_id = (SELECT household_id FROM children WHERE id = ?1)))",
        )?;
        let rows = stmt.query_map([child], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, since, until, amount, of) = row?;
            if let Some(kind) = BenefitKind::from_code(&kind) {
                out.push(Benefit {
                    kind,
                    since: since.as_deref().and_then(date::from_iso),
                    until: until.as_deref().and_then(date::from_iso),
                    amount_fen: fen(&amount),
                    of_household: of != child,
                });
            }
        }
        Ok(out)
    }

    /// The gap rules in effect: the setting `gap_rules` (a preset's name or
    /// the township's own rules), `default` unless set.
    pub fn gap_rules(&self) -> Result<Rules> {
        let text = self.setting("gap_rules")?.unwrap_or_default();
        if text.trim().is_empty() {
            return Ok(Rules::preset("default").unwrap_or_default());
        }
        Rules::preset(&text)
            .map(Ok)
            .unwrap_or_else(|| Rules::from_text(&text))
            .map_err(|e| anyhow::anyhow!(crate::i18n::tf(crate::i18n::M::BadGapRules, &[&e])))
    }

    /// The local 低保 standard a month, in fen (setting `dibao_standard`, in yuan).
    pub fn dibao_standard(&self) -> Result<Option<i64>> {
        Ok(self.setting("dibao_standard")?.as_deref().and_then(fen))
    }

    /// Every benefit gap of the register on `today`, with the rules that found them.
    pub fn register_gaps(&self, today: NaiveDate) -> Result<(Vec<Gap>, Rules)> {
        let rules = self.gap_rules()?;
        let found = gaps(
            &self.gap_cases()?,
            &rules.rule,
            today,
            self.dibao_standard()?,
        );
        Ok((found, rules))
    }

    /// The benefit gaps of one child on `today`, each with what to tell the officer.
    pub fn gaps_of(
        &self,
        c: &crate::domain::Child,
        today: NaiveDate,
    ) -> Result<Vec<(Gap, String)>> {
        let case = Case {
            id: c.id,
            categories: c.categories.clone(),
            birth_date: c.birth_date,
            risk: c.risk,
            placement: c.placement,
            health: c.health,
            disability_type: c.disability_type,
            disability_grade: c.disability_grade,
            conditions: c.conditions.clone(),
            benefits: self.benefits_of(c.id)?,
        };
        let rules = self.gap_rules()?;
        Ok(gaps(&[case], &rules.rule, today, self.dibao_standard()?)
            .into_iter()
            .map(|g| {
                let detail = g.detail(&rules.rule);
                (g, detail)
            })
            .collect())
    }

    /// What the gap rules read of every active child: categories, health,
    /// the disability grade, and the benefits it receives (低保 from any child
    /// of its household).
    pub fn gap_cases(&self) -> Result<Vec<Case>> {
        gap_cases(&self.conn)
    }
}

impl Store {
    /// Every active case file with the day it was last seen: the latest of
    /// its last change, its last confirmation and its last visit.
    pub fn seen_files(&self) -> Result<Vec<(crate::domain::Child, Option<NaiveDate>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, substr(c.updated_at, 1, 10), c.confirmed_on,
                    (SELECT max(v.date) FROM visits v WHERE v.child_id = c.id)
               FROM children c WHERE c.status = 'active' ORDER BY c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut seen = Vec::new();
        for row in rows {
            let (id, a, b, c) = row?;
            let last = [a, b, c]
                .into_iter()
                .flatten()
                .filter_map(|d| date::from_iso(&d))
                .max();
            seen.push((id, last));
        }
        let mut out = Vec::with_capacity(seen.len());
        for (id, last) in seen {
            if let Some(c) = self.child(id)? {
                out.push((c, last));
            }
        }
        Ok(out)
    }

    /// The reviews declined: (child, review code) → what they rested on.
    pub fn declined_reviews(&self) -> Result<HashMap<(i64, String), String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT child_id, review, basis FROM review_decisions")?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl super::Writer<'_> {
    /// The officer confirmed the case file as it is (000: every quarter).
    pub fn confirm_file(&self, child: i64, day: NaiveDate) -> Result<()> {
        self.tx.execute(
            "UPDATE children SET confirmed_on = ?2 WHERE id = ?1",
            params![child, date::iso(day)],
        )?;
        self.audit(
            "set",
            "children",
            None,
            &format!("confirmed {child} {}", date::iso(day)),
        )
    }

    /// The day of a child's latest visit, if any.
    pub fn last_visit_on(&self, child: i64) -> Result<Option<NaiveDate>> {
        let day: Option<String> = self.tx.query_row(
            "SELECT max(date) FROM visits WHERE child_id = ?1",
            [child],
            |r| r.get(0),
        )?;
        Ok(day.as_deref().and_then(date::from_iso))
    }

    /// Dates the last change of a case file `at` (the demo township's files
    /// left untouched since summer).
    pub fn backdate_child(&self, child: i64, at: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE children SET updated_at = ?2 WHERE id = ?1",
            params![child, at],
        )?;
        Ok(())
    }

    /// The officer declined a review: not proposed again while `basis` holds.
    pub fn decline_review(
        &self,
        child: i64,
        review: &str,
        basis: &str,
        day: NaiveDate,
    ) -> Result<()> {
        self.tx.execute(
            &format!("INSERT INTO review_decisions (id, uuid, child_id, review, basis, day, updated_at)
             VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (child_id, review) DO UPDATE SET basis = excluded.basis, day = excluded.day,
                    updated_at = excluded.updated_at", next = self.next_id("review_decisions")),
            params![super::new_uuid(), child, review, basis, date::iso(day), self.now],
        )?;
        self.audit(
            "set",
            "review_decisions",
            None,
            &format!("{child} {review} declined"),
        )
    }
}

/// The gap cases read on any connection (the store's, or a transaction's).
/// What the gap rules read of every active child: categories, health,
/// the disability grade, and the benefits it receives (低保 from any child
/// of its household).
pub fn gap_cases(conn: &rusqlite::Connection) -> Result<Vec<Case>> {
    let mut by_child: HashMap<i64, Vec<Benefit>> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT child_id, kind, since, \"until\", amount FROM benefits")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (child, kind, since, until, amount) = row?;
        if let Some(kind) = BenefitKind::from_code(&kind) {
            by_child.entry(child).or_default().push(Benefit {
                kind,
                since: since.as_deref().and_then(date::from_iso),
                until: until.as_deref().and_then(date::from_iso),
                amount_fen: fen(&amount),
                of_household: false,
            });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, category_codes, health, disability_grade, household_id, birth_date, risk,
                placement, disability_type, conditions
           FROM children WHERE status = 'active' ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let text = |i: usize| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
        Ok((
            (
                r.get::<_, i64>(0)?,
                r.get::<_, Option<u8>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ),
            [
                text(1)?,
                text(2)?,
                text(5)?,
                text(6)?,
                text(7)?,
                text(8)?,
                text(9)?,
            ],
        ))
    })?;
    let mut cases = Vec::new();
    let mut family: HashMap<i64, Vec<Benefit>> = HashMap::new();
    let mut households: Vec<Option<i64>> = Vec::new();
    for row in rows {
        let ((id, grade, household), [cats, health, birth, risk, placement, kind, conditions]) =
            row?;
        let benefits = by_child.remove(&id).unwrap_or_default();
        if let Some(h) = household {
            family
                .entry(h)
                .or_default()
                .extend(benefits.iter().filter(|b| b.kind.of_family()).cloned());
        }
        households.push(household);
        cases.push(Case {
            id,
            categories: cats.split(',').filter_map(Category::from_code).collect(),
            birth_date: date::from_iso(&birth),
            risk: RiskLevel::from_code(&risk),
            placement: Placement::from_code(&placement),
            health: Health::from_code(&health),
            disability_type: DisabilityType::from_code(&kind),
            disability_grade: grade,
            conditions: conditions
                .split(',')
                .filter_map(Condition::from_code)
                .collect(),
            benefits,
        });
    }
    // 低保 recorded for any child of the household counts for all.
    for (c, h) in cases.iter_mut().zip(households) {
        if let Some(shared) = h.and_then(|h| family.get(&h)) {
            for b in shared {
                if !c.benefits.contains(b) {
                    c.benefits.push(Benefit {
                        of_household: true,
                        ..b.clone()
                    });
                }
            }
        }
    }
    Ok(cases)
}
