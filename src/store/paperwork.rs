//! The township's paperwork in the store: care plans, the yearly survey,
//! care rounds, the deadlines the township keeps, and the inspection's read.

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Store, Writer, new_uuid};
use crate::domain::paperwork::{Deadlines, Measure, Missing, Problem, inspection};
use crate::domain::{Category, date};

/// How a child was gone over in the yearly survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Confirmed,
    Corrected,
    New,
    Exited,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Confirmed => "confirmed",
            Outcome::Corrected => "corrected",
            Outcome::New => "new",
            Outcome::Exited => "exited",
        }
    }
}

/// A village's progress in a year's survey.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub village: String,
    /// Children to go over: active now, or gone over this year.
    pub children: usize,
    pub confirmed: usize,
    pub corrected: usize,
    pub new: usize,
    pub exited: usize,
}

impl Progress {
    pub fn done(&self) -> usize {
        self.confirmed + self.corrected + self.new + self.exited
    }

    /// The village's progress as a line: gone over of all, and how.
    pub fn line(&self) -> String {
        crate::i18n::tf(
            crate::i18n::W::SurveyLine,
            &[
                &self.village,
                &self.done(),
                &self.children,
                &self.confirmed,
                &self.corrected,
                &self.new,
                &self.exited,
            ],
        )
    }
}

/// A care round: an occasion, its day, and who is to be reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: i64,
    pub name: String,
    pub day: NaiveDate,
    /// Any of these categories (empty: every active child).
    pub categories: Vec<Category>,
    /// One village, or the whole township (empty).
    pub village: String,
}

impl Round {
    /// Whether the round is to reach a child of the case list.
    pub fn reaches(&self, c: &super::children::CaseRow) -> bool {
        c.status == crate::domain::ChildStatus::Active
            && (self.village.is_empty() || c.village == self.village)
            && (self.categories.is_empty()
                || c.categories.iter().any(|k| self.categories.contains(k)))
    }
}

/// What a child received in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gift {
    pub child: i64,
    pub received: String,
    pub amount: String,
    pub signed: bool,
    pub day: NaiveDate,
}

fn measure_row(r: &rusqlite::Row) -> rusqlite::Result<Measure> {
    let day = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|d| date::from_iso(&d)))
    };
    Ok(Measure {
        id: r.get(0)?,
        child: r.get(1)?,
        problem: Problem::from_code(&r.get::<_, String>(2)?).unwrap_or(Problem::Safety),
        measure: r.get(3)?,
        responsible: r.get(4)?,
        due_on: day(5)?,
        done_on: day(6)?,
    })
}

const MEASURES: &str =
    "SELECT id, child_id, problem, measure, responsible, due_on, done_on FROM care_measures";

impl Store {
    /// A child's care plan: its measures, the open ones first by day.
    pub fn measures_of(&self, child: i64) -> Result<Vec<Measure>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{MEASURES} WHERE child_id = ?1
              ORDER BY done_on IS NOT NULL, due_on IS NULL, due_on, id"
        ))?;
        let rows = stmt.query_map([child], measure_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every measure not yet done, by child.
    pub fn open_measures(&self) -> Result<Vec<Measure>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{MEASURES} WHERE done_on IS NULL ORDER BY child_id, due_on"
        ))?;
        let rows = stmt.query_map([], measure_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many measures each child's plan has (done or not).
    pub fn plan_sizes(&self) -> Result<HashMap<i64, usize>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT child_id, count(*) FROM care_measures GROUP BY child_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What each active file lacks for the county's inspection on `today`.
    pub fn inspection(
        &self,
        today: NaiveDate,
    ) -> Result<Vec<(super::register::RegisterFile, Vec<Missing>)>> {
        let sizes = self.plan_sizes()?;
        Ok(self
            .register_files()?
            .into_iter()
            .filter_map(|f| {
                let size = sizes.get(&f.child.id).copied().unwrap_or(0);
                let missing = inspection(&f.child, !f.flags.is_empty(), f.last_visit, size, today);
                (!missing.is_empty()).then_some((f, missing))
            })
            .collect())
    }

    /// The deadlines the township keeps (setting `deadlines`, the defaults
    /// unless set).
    pub fn deadlines(&self) -> Result<Deadlines> {
        match self.setting("deadlines")? {
            Some(text) if !text.trim().is_empty() => Deadlines::from_text(&text)
                .map_err(|e| anyhow::anyhow!(crate::i18n::tf(crate::i18n::W::BadDeadlines, &[&e]))),
            _ => Ok(Deadlines::defaults()),
        }
    }

    /// Each village's progress in `year`'s survey (`village`: that one only).
    pub fn survey_progress(&self, year: i32, village: Option<&str>) -> Result<Vec<Progress>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.name, c.status, m.outcome
               FROM children c JOIN villages v ON v.id = c.village_id
               LEFT JOIN survey_marks m ON m.child_id = c.id AND m.year = ?1
              WHERE c.status = 'active' OR m.outcome IS NOT NULL
              ORDER BY v.name",
        )?;
        let mut rows = stmt.query([year])?;
        let mut out: Vec<Progress> = Vec::new();
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            if village.is_some_and(|v| v != name) {
                continue;
            }
            if out.last().is_none_or(|p| p.village != name) {
                out.push(Progress {
                    village: name,
                    ..Progress::default()
                });
            }
            let Some(p) = out.last_mut() else { continue };
            p.children += 1;
            match r.get::<_, Option<String>>(2)?.as_deref() {
                Some("confirmed") => p.confirmed += 1,
                Some("corrected") => p.corrected += 1,
                Some("new") => p.new += 1,
                Some("exited") => p.exited += 1,
                _ => {}
            }
        }
        Ok(out)
    }

    /// Whether a child has been gone over in `year`'s survey.
    pub fn surveyed(&self, child: i64, year: i32) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM survey_marks WHERE child_id = ?1 AND year = ?2")?
            .query_row(params![child, year], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Every care round, the latest first.
    pub fn rounds(&self) -> Result<Vec<Round>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, day, categories, village FROM care_rounds ORDER BY day DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Round {
                id: r.get(0)?,
                name: r.get(1)?,
                day: date::from_iso(&r.get::<_, String>(2)?).unwrap_or_default(),
                categories: r
                    .get::<_, String>(3)?
                    .split(',')
                    .filter_map(Category::from_code)
                    .collect(),
                village: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What each child received in a round.
    pub fn gifts(&self, round: i64) -> Result<Vec<Gift>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT child_id, received, amount, signed, day FROM care_gifts WHERE round_id = ?1",
        )?;
        let rows = stmt.query_map([round], |r| {
            Ok(Gift {
                child: r.get(0)?,
                received: r.get(1)?,
                amount: r.get(2)?,
                signed: r.get(3)?,
                day: date::from_iso(&r.get::<_, String>(4)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Writer<'_> {
    /// Adds a measure to a child's care plan, or changes one (audited).
    pub fn save_measure(&self, m: &Measure) -> Result<i64> {
        let values = params![
            m.child,
            m.problem.code(),
            m.measure,
            m.responsible,
            m.due_on.map(date::iso),
            m.done_on.map(date::iso),
            self.now
        ];
        let id = if m.id == 0 {
            let uuid = new_uuid();
            let mut v = values.to_vec();
            v.push(&uuid);
            self.tx.execute(
                &format!("INSERT INTO care_measures (id, child_id, problem, measure, responsible, due_on,
                    done_on, updated_at, uuid) VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", next = self.next_id("care_measures")),
                v.as_slice(),
            )?;
            let id = self.tx.last_insert_rowid();
            self.audit("insert", "care_measures", Some(&uuid), &m.measure)?;
            id
        } else {
            let mut v = values.to_vec();
            v.push(&m.id);
            self.tx.execute(
                "UPDATE care_measures SET child_id = ?1, problem = ?2, measure = ?3,
                    responsible = ?4, due_on = ?5, done_on = ?6, updated_at = ?7 WHERE id = ?8",
                v.as_slice(),
            )?;
            let uuid = self.uuid_of("care_measures", m.id)?;
            self.audit("update", "care_measures", Some(&uuid), &m.measure)?;
            m.id
        };
        Ok(id)
    }

    /// Measures found done at a visit (audited).
    pub fn measures_done(&self, ids: &[i64], day: NaiveDate, visit: i64) -> Result<()> {
        for id in ids {
            self.tx.execute(
                "UPDATE care_measures SET done_on = ?2, done_visit = ?3, updated_at = ?4
                  WHERE id = ?1 AND done_on IS NULL",
                params![id, date::iso(day), visit, self.now],
            )?;
            let uuid = self.uuid_of("care_measures", *id)?;
            self.audit(
                "update",
                "care_measures",
                Some(&uuid),
                &format!("done {}", date::iso(day)),
            )?;
        }
        Ok(())
    }

    /// A child gone over in `year`'s survey, and how (audited). The file
    /// counts as confirmed that day.
    pub fn mark_survey(
        &self,
        child: i64,
        year: i32,
        outcome: Outcome,
        day: NaiveDate,
    ) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO survey_marks (id, uuid, child_id, year, outcome, day, updated_at)
             VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (child_id, year) DO UPDATE SET outcome = excluded.outcome,
                day = excluded.day, updated_at = excluded.updated_at",
                next = self.next_id("survey_marks")
            ),
            params![
                new_uuid(),
                child,
                year,
                outcome.code(),
                date::iso(day),
                self.now
            ],
        )?;
        self.audit(
            "set",
            "survey_marks",
            None,
            &format!("{child} {year} {}", outcome.code()),
        )?;
        self.confirm_file(child, day)
    }

    /// A new care round (audited).
    pub fn new_round(&self, r: &Round) -> Result<i64> {
        let uuid = new_uuid();
        let cats: Vec<&str> = r.categories.iter().map(|c| c.code()).collect();
        self.tx.execute(
            &format!(
                "INSERT INTO care_rounds (id, uuid, name, day, categories, village, updated_at)
             VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6)",
                next = self.next_id("care_rounds")
            ),
            params![
                uuid,
                r.name,
                date::iso(r.day),
                cats.join(","),
                r.village,
                self.now
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit("insert", "care_rounds", Some(&uuid), &r.name)?;
        Ok(id)
    }

    /// What a child received in a round, signed for or not (audited).
    pub fn save_gift(&self, round: i64, g: &Gift) -> Result<()> {
        self.tx.execute(
            &format!("INSERT INTO care_gifts (id, uuid, round_id, child_id, received, amount, signed, day, updated_at)
             VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (round_id, child_id) DO UPDATE SET received = excluded.received,
                amount = excluded.amount, signed = excluded.signed, day = excluded.day,
                updated_at = excluded.updated_at", next = self.next_id("care_gifts")),
            params![
                new_uuid(),
                round,
                g.child,
                g.received,
                g.amount,
                g.signed,
                date::iso(g.day),
                self.now
            ],
        )?;
        self.audit(
            "set",
            "care_gifts",
            None,
            &format!("{round} {} {}", g.child, g.received),
        )
    }
}
