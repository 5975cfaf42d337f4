//! Visits.

use anyhow::Result;
use rusqlite::{OptionalExtension, Row, params};

use super::children::Saved;
use super::{Store, Writer, new_uuid};
use crate::domain::child::Finding;
use crate::domain::register::ContactWay;
use crate::domain::{SafetyTopic, Visit, VisitKind, date};

const SELECT: &str = "SELECT id, uuid, child_id, date, kind, visitor, met,
    guardianship_ok, guardianship_note, safety_ok, safety_note, schooling_ok, schooling_note,
    health_ok, health_note, mental_ok, mental_note, living_ok, living_note,
    safety_education, problems, actions, report_raised, next_step, notes, parent_contact,
    parent_contact_on FROM visits";

/// How many columns `SELECT` reads: a column added after them is at this index.
const VISIT_COLUMNS: usize = 27;

fn visit_row(r: &Row) -> rusqlite::Result<Visit> {
    let finding = |i: usize| -> rusqlite::Result<Finding> {
        Ok(Finding {
            ok: r.get(i)?,
            note: r.get(i + 1)?,
        })
    };
    Ok(Visit {
        id: r.get(0)?,
        uuid: r.get(1)?,
        child_id: r.get(2)?,
        date: date::from_iso(&r.get::<_, String>(3)?).unwrap_or_default(),
        kind: VisitKind::from_code(&r.get::<_, String>(4)?).unwrap_or(VisitKind::Home),
        visitor: r.get(5)?,
        met: r.get(6)?,
        findings: [
            finding(7)?,
            finding(9)?,
            finding(11)?,
            finding(13)?,
            finding(15)?,
            finding(17)?,
        ],
        safety: r
            .get::<_, String>(19)?
            .split(',')
            .filter_map(SafetyTopic::from_code)
            .collect(),
        problems: r.get(20)?,
        actions: r.get(21)?,
        report_raised: r.get(22)?,
        next_step: r.get(23)?,
        notes: r.get(24)?,
        parent_contact: ContactWay::from_code(&r.get::<_, String>(25)?),
        parent_contact_on: r
            .get::<_, Option<String>>(26)?
            .and_then(|d| date::from_iso(&d)),
    })
}

fn visit_by_id(conn: &rusqlite::Connection, id: i64) -> Result<Option<Visit>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], visit_row)
        .optional()?)
}

fn find_visit(
    conn: &rusqlite::Connection,
    child_id: i64,
    day: chrono::NaiveDate,
    kind: VisitKind,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM visits WHERE child_id = ?1 AND date = ?2 AND kind = ?3 ORDER BY id LIMIT 1",
        )?
        .query_row(params![child_id, date::iso(day), kind.code()], |r| r.get(0))
        .optional()?)
}

impl Store {
    /// A child's visits, newest first.
    pub fn visits_of(&self, child_id: i64) -> Result<Vec<Visit>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE child_id = ?1 ORDER BY date DESC, id DESC"
        ))?;
        let rows = stmt.query_map([child_id], visit_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn visit(&self, id: i64) -> Result<Option<Visit>> {
        visit_by_id(&self.conn, id)
    }

    /// The latest visits, newest first, with the child's name and village:
    /// of some children, or whose date or visitor holds `text`, when a search
    /// is given (the search of the visits screen); of the children of one
    /// place (a village, or a township of a county file) when given.
    pub fn recent_visits(
        &self,
        search: Option<(&[i64], &str)>,
        place: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(Visit, String, String)>> {
        // Ids are numbers: written into the statement, they cannot inject.
        let (found, text) = match search {
            Some((children, text)) => {
                let ids: Vec<String> = children.iter().take(2000).map(i64::to_string).collect();
                (
                    format!(
                        "AND (child_id IN ({}) OR (?1 <> '' AND (date LIKE ?2 OR visitor LIKE ?2)))",
                        ids.join(",")
                    ),
                    text,
                )
            }
            None => (String::new(), ""),
        };
        let sql = format!(
            "{},
               (SELECT name FROM children c WHERE c.id = visits.child_id),
               (SELECT v.name FROM children c JOIN villages v ON v.id = c.village_id
                 WHERE c.id = visits.child_id)
             FROM visits
             WHERE (?3 = '' OR child_id IN (
                 SELECT c.id FROM children c JOIN villages v ON v.id = c.village_id
                  WHERE v.name = ?3 OR substr(v.name, 1, length(?3) + 1) = ?3 || '·')) {found}
             ORDER BY date DESC, id DESC LIMIT ?4",
            SELECT.trim_end_matches(" FROM visits")
        );
        let like = format!("%{}%", text.replace(['%', '_'], ""));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![text, like, place.unwrap_or(""), limit as i64],
            |r| {
                Ok((
                    visit_row(r)?,
                    r.get(VISIT_COLUMNS)?,
                    r.get(VISIT_COLUMNS + 1)?,
                ))
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn save_visit(&mut self, visit: &mut Visit) -> Result<Saved> {
        self.write(|w| w.save_visit(visit))
    }

    /// The visit of a child on a day of a kind, if one is recorded.
    pub fn find_visit(
        &self,
        child_id: i64,
        day: chrono::NaiveDate,
        kind: VisitKind,
    ) -> Result<Option<i64>> {
        find_visit(&self.conn, child_id, day, kind)
    }

    /// Removes a visit (the undo of a save), audited.
    pub fn delete_visit(&mut self, id: i64) -> Result<()> {
        self.write(|w| {
            let uuid = w.uuid_of("visits", id).optional()?;
            w.tx.execute("DELETE FROM visits WHERE id = ?1", [id])?;
            w.audit("delete", "visits", uuid.as_deref(), "")
        })
    }
}

impl Writer<'_> {
    pub fn visit(&self, id: i64) -> Result<Option<Visit>> {
        visit_by_id(&self.tx, id)
    }

    /// The visit of a child on a day of a kind, if recorded (imports update it).
    pub fn find_visit(
        &self,
        child_id: i64,
        day: chrono::NaiveDate,
        kind: VisitKind,
    ) -> Result<Option<i64>> {
        find_visit(&self.tx, child_id, day, kind)
    }

    /// Inserts or updates a visit; `visit.id` and `visit.uuid` are set on return.
    pub fn save_visit(&self, visit: &mut Visit) -> Result<Saved> {
        let f = &visit.findings;
        let safety: Vec<&str> = visit.safety.iter().map(|s| s.code()).collect();
        let safety = safety.join(",");
        let old = if visit.id > 0 {
            self.visit(visit.id)?
        } else {
            None
        };
        if let Some(old) = &old {
            visit.uuid.clone_from(&old.uuid);
            if old == visit {
                return Ok(Saved::Unchanged);
            }
        } else {
            visit.uuid = new_uuid();
        }
        self.tx
            .prepare_cached(
                &format!("INSERT INTO visits (id, uuid, child_id, date, kind, visitor, met,
                    guardianship_ok, guardianship_note, safety_ok, safety_note,
                    schooling_ok, schooling_note, health_ok, health_note, mental_ok, mental_note,
                    living_ok, living_note, safety_education, problems, actions, report_raised,
                    next_step, notes, created_at, updated_at, parent_contact, parent_contact_on)
                 VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?25, ?26, ?27)
                 ON CONFLICT (uuid) DO UPDATE SET child_id = excluded.child_id, date = excluded.date,
                    kind = excluded.kind, visitor = excluded.visitor, met = excluded.met,
                    guardianship_ok = excluded.guardianship_ok, guardianship_note = excluded.guardianship_note,
                    safety_ok = excluded.safety_ok, safety_note = excluded.safety_note,
                    schooling_ok = excluded.schooling_ok, schooling_note = excluded.schooling_note,
                    health_ok = excluded.health_ok, health_note = excluded.health_note,
                    mental_ok = excluded.mental_ok, mental_note = excluded.mental_note,
                    living_ok = excluded.living_ok, living_note = excluded.living_note,
                    safety_education = excluded.safety_education, problems = excluded.problems,
                    actions = excluded.actions, report_raised = excluded.report_raised,
                    next_step = excluded.next_step, notes = excluded.notes,
                    parent_contact = excluded.parent_contact,
                    parent_contact_on = excluded.parent_contact_on,
                    updated_at = excluded.updated_at", next = self.next_id("visits")),
            )?
            .execute(params![
                visit.uuid,
                visit.child_id,
                date::iso(visit.date),
                visit.kind.code(),
                visit.visitor,
                visit.met,
                f[0].ok,
                f[0].note,
                f[1].ok,
                f[1].note,
                f[2].ok,
                f[2].note,
                f[3].ok,
                f[3].note,
                f[4].ok,
                f[4].note,
                f[5].ok,
                f[5].note,
                safety,
                visit.problems,
                visit.actions,
                visit.report_raised,
                visit.next_step,
                visit.notes,
                self.now,
                visit.parent_contact.map_or("", ContactWay::code),
                visit.parent_contact_on.map(date::iso),
            ])?;
        if old.is_none() {
            visit.id = self.tx.last_insert_rowid();
        }
        let action = if old.is_some() { "update" } else { "insert" };
        self.audit(
            action,
            "visits",
            Some(&visit.uuid),
            &format!("{} {}", date::iso(visit.date), visit.kind.code()),
        )?;
        Ok(if old.is_some() {
            Saved::Updated
        } else {
            Saved::Added
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Domain;
    use chrono::NaiveDate;

    #[test]
    fn visits_round_trip_and_undo() {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = crate::domain::Child::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        c.name = "甲".into();
        c.village = "村".into();
        store.save_child(&mut c).unwrap();
        let mut v = Visit::new(
            c.id,
            NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
            VisitKind::Home,
        );
        v.findings[Domain::Safety.index()] = Finding {
            ok: Some(false),
            note: "河边无护栏".into(),
        };
        v.safety = vec![SafetyTopic::Drowning, SafetyTopic::Road];
        v.notes = "第一行\n第二行".into();
        assert_eq!(store.save_visit(&mut v).unwrap(), Saved::Added);
        assert_eq!(store.visits_of(c.id).unwrap(), vec![v.clone()]);
        assert_eq!(store.save_visit(&mut v).unwrap(), Saved::Unchanged);
        v.problems = "无".into();
        assert_eq!(store.save_visit(&mut v).unwrap(), Saved::Updated);
        assert_eq!(store.visit(v.id).unwrap().unwrap().problems, "无");
        store.delete_visit(v.id).unwrap();
        assert!(store.visits_of(c.id).unwrap().is_empty());
    }
}
