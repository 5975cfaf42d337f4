//! Keeping the register true in the store: temporary guardianship episodes,
//! the days the checks allow, and one read of what the reviews and the
//! guardianship checks need of every active child.

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

use super::{Store, Writer};
use chrono::Datelike;

use crate::domain::register::{
    GuardFacts, Guardianship, Limits, Review, basis, guardianship, reviews,
};
use crate::domain::{Category, Child, ParentStatus, date};
use crate::i18n::{M, t, tf};

/// A temporary guardianship (临时监护, 004).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Temporary {
    pub id: i64,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// With whom: relatives, the village committee, ...
    pub place: String,
    pub note: String,
}

/// What the reviews and the guardianship checks read of one active child.
#[derive(Debug, Clone)]
pub struct RegisterFile {
    /// The case file with the fields the rules read: name, ID number,
    /// village, birth date, categories, parents' status, guardian and
    /// caregiver, the care agreement. Not a whole file: never saved back.
    pub child: Child,
    /// The latest of its last change, its last confirmation, its last visit.
    pub last_seen: Option<NaiveDate>,
    /// Its last visit of any kind.
    pub last_visit: Option<NaiveDate>,
    /// Its focus flags (重点关注), manual and derived, as saved.
    pub flags: Vec<crate::domain::Flag>,
    pub facts: GuardFacts,
}

impl RegisterFile {
    /// The reviews of the file on `today` that the officer has not declined
    /// as things stand (`declined`: child and review → what it rested on).
    pub fn open_reviews(
        &self,
        declined: &HashMap<(i64, String), String>,
        today: NaiveDate,
    ) -> Vec<Review> {
        reviews(&self.child, self.last_seen, today)
            .into_iter()
            .filter(|r| {
                declined.get(&(self.child.id, r.code().to_string()))
                    != Some(&basis(&self.child, *r, self.last_seen))
            })
            .collect()
    }

    /// The guardianship checks the file fails on `today`.
    pub fn checks(&self, limits: Limits, today: NaiveDate) -> Vec<Guardianship> {
        guardianship(&self.child, &self.facts, limits, today)
    }

    /// What a review asks of the officer.
    pub fn review_detail(&self, r: Review) -> String {
        match r {
            Review::Age18 => {
                let day = self
                    .child
                    .birth_date
                    .and_then(|b| b.with_year(b.year() + 18))
                    .map(date::iso)
                    .unwrap_or_default();
                tf(M::ReviewAge18, &[&day])
            }
            Review::LeftBehind16 => t(M::ReviewLeftBehind16).to_string(),
            Review::ParentsHome => t(M::ReviewParentsHome).to_string(),
            Review::StaleQuarter => tf(
                M::ReviewStale,
                &[&self.last_seen.map(date::iso).unwrap_or_default()],
            ),
        }
    }

    /// What a guardianship check asks of the officer.
    pub fn guard_detail(&self, g: Guardianship, limits: Limits) -> String {
        let day = |d: Option<NaiveDate>| d.map(date::iso).unwrap_or_default();
        match g {
            Guardianship::NoCaregiver => t(M::GuardNoCaregiver).to_string(),
            Guardianship::CaregiverUnable => t(M::GuardUnable).to_string(),
            Guardianship::NoAgreement => t(M::GuardNoAgreement).to_string(),
            Guardianship::TemporaryOpen => tf(
                M::GuardTemporary,
                &[&day(self.facts.temporary_since), &limits.temporary_days],
            ),
            Guardianship::NoParentContact => match self.facts.last_contact {
                Some(d) => tf(M::GuardNoContact, &[&limits.contact_days, &day(Some(d))]),
                None => tf(M::GuardNeverContact, &[&limits.contact_days]),
            },
        }
    }
}

impl Store {
    /// The days the guardianship checks allow (settings `temporary_days`,
    /// 30 unless set, and `contact_days`, 90 unless set).
    pub fn register_limits(&self) -> Result<Limits> {
        let mut limits = Limits::default();
        if let Some(n) = self.setting("temporary_days")?.and_then(|v| v.parse().ok()) {
            limits.temporary_days = n;
        }
        if let Some(n) = self.setting("contact_days")?.and_then(|v| v.parse().ok()) {
            limits.contact_days = n;
        }
        Ok(limits)
    }

    /// `(temporary_days, contact_days)` as the settings form shows them.
    pub fn register_days(&self) -> Result<(u32, u32)> {
        let l = self.register_limits()?;
        Ok((l.temporary_days, l.contact_days))
    }

    /// A child's temporary guardianships, the latest first.
    pub fn temporaries_of(&self, child: i64) -> Result<Vec<Temporary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, started_on, ended_on, place, note FROM temporary_care
              WHERE child_id = ?1 ORDER BY started_on DESC, id DESC",
        )?;
        let rows = stmt.query_map([child], |r| {
            Ok(Temporary {
                id: r.get(0)?,
                started_on: date::from_iso(&r.get::<_, String>(1)?).unwrap_or_default(),
                ended_on: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|d| date::from_iso(&d)),
                place: r.get(3)?,
                note: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every active child as the reviews and the guardianship checks read it,
    /// in a handful of whole-table reads (not a case file at a time).
    pub fn register_files(&self) -> Result<Vec<RegisterFile>> {
        self.files(None)
    }

    /// One active child as the reviews and the guardianship checks read it.
    pub fn register_file(&self, child: i64) -> Result<Option<RegisterFile>> {
        Ok(self.files(Some(child))?.pop())
    }

    fn files(&self, only: Option<i64>) -> Result<Vec<RegisterFile>> {
        // The same reads for one child or all: `only` narrows each.
        let and = if only.is_some() {
            " AND child_id = ?1"
        } else {
            ""
        };
        let args: Vec<i64> = only.into_iter().collect();
        let args = rusqlite::params_from_iter(args.iter());
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.id, c.name, COALESCE(c.id_number, ''), v.name, c.birth_date, c.category_codes,
                    c.care_agreement, substr(c.updated_at, 1, 10), c.confirmed_on, c.flag_codes
               FROM children c JOIN villages v ON v.id = c.village_id
              WHERE c.status = 'active'{} ORDER BY c.id",
            and.replace("child_id", "c.id")
        ))?;
        let rows = stmt.query_map(args.clone(), |r| {
            let mut c = Child::new(NaiveDate::MIN);
            c.id = r.get(0)?;
            c.name = r.get(1)?;
            c.id_number = r.get(2)?;
            c.village = r.get(3)?;
            c.birth_date = r
                .get::<_, Option<String>>(4)?
                .and_then(|d| date::from_iso(&d));
            c.categories = r
                .get::<_, String>(5)?
                .split(',')
                .filter_map(Category::from_code)
                .collect();
            c.care_agreement = r.get(6)?;
            let seen = [r.get::<_, Option<String>>(7)?, r.get(8)?]
                .into_iter()
                .flatten()
                .filter_map(|d| date::from_iso(&d))
                .max();
            Ok(RegisterFile {
                child: c,
                last_seen: seen,
                last_visit: None,
                flags: r
                    .get::<_, String>(9)?
                    .split(',')
                    .filter_map(crate::domain::Flag::from_code)
                    .collect(),
                facts: GuardFacts::default(),
            })
        })?;
        let mut files: Vec<RegisterFile> = rows.collect::<rusqlite::Result<_>>()?;
        let at: HashMap<i64, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.child.id, i))
            .collect();
        // The parents, then the guardian and the caregiver, by role.
        type Fill = fn(&mut Child, &rusqlite::Row) -> rusqlite::Result<()>;
        let people: [(&str, Fill); 2] = [
            (
                "SELECT child_id, role, name, status FROM parents",
                |c, r| {
                    let p = if r.get_ref(1)?.as_str()? == "father" {
                        &mut c.father
                    } else {
                        &mut c.mother
                    };
                    p.name = r.get(2)?;
                    p.status = r
                        .get::<_, Option<String>>(3)?
                        .and_then(|s| ParentStatus::from_code(&s));
                    Ok(())
                },
            ),
            (
                "SELECT child_id, role, name, relation, able FROM caregivers",
                |c, r| {
                    let p = if r.get_ref(1)?.as_str()? == "guardian" {
                        &mut c.guardian
                    } else {
                        &mut c.caregiver
                    };
                    p.name = r.get(2)?;
                    p.relation = r.get(3)?;
                    p.able = r.get(4)?;
                    Ok(())
                },
            ),
        ];
        for (sql, fill) in people {
            let mut stmt = self
                .conn
                .prepare_cached(&format!("{sql} WHERE 1 = 1{and}"))?;
            let mut rows = stmt.query(args.clone())?;
            while let Some(r) = rows.next()? {
                if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
                    fill(&mut files[i].child, r)?;
                }
            }
        }
        // The last visit of each child; the last contact the visits found;
        // the temporary guardianship still open.
        type Put = fn(&mut RegisterFile, NaiveDate);
        let per_child: [(&str, Put); 3] = [
            (
                "SELECT child_id, max(date) FROM child_last_visit WHERE 1 = 1{and} GROUP BY child_id",
                |f, d| {
                    f.last_seen = f.last_seen.max(Some(d));
                    f.last_visit = Some(d);
                },
            ),
            (
                "SELECT child_id, max(parent_contact_on) FROM visits
                  WHERE parent_contact IN ('call', 'video', 'home'){and} GROUP BY child_id",
                |f, d| f.facts.last_contact = Some(d),
            ),
            (
                "SELECT child_id, min(started_on) FROM temporary_care
                  WHERE ended_on IS NULL{and} GROUP BY child_id",
                |f, d| f.facts.temporary_since = Some(d),
            ),
        ];
        for (sql, put) in per_child {
            let mut stmt = self.conn.prepare_cached(&sql.replace("{and}", and))?;
            let mut rows = stmt.query(args.clone())?;
            while let Some(r) = rows.next()? {
                let (Some(&i), Some(d)) = (
                    at.get(&r.get::<_, i64>(0)?),
                    r.get::<_, Option<String>>(1)?
                        .and_then(|d| date::from_iso(&d)),
                ) else {
                    continue;
                };
                put(&mut files[i], d);
            }
        }
        Ok(files)
    }
}

/// A change of a child's caregiver or placement, as the audit log recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareChange {
    /// The day it was recorded.
    pub on: String,
    /// 委托照护人 or 安置方式.
    pub what: &'static str,
    pub from: String,
    pub to: String,
}

impl Store {
    /// The history of a child's caregiver and placement, oldest first, read
    /// from the audit log (every change of a file is there with its day).
    pub fn care_history(&self, uuid: &str) -> Result<Vec<CareChange>> {
        let mut out = Vec::new();
        let mut log = self.audit_of(uuid)?;
        log.reverse();
        for e in log.iter().filter(|e| e.action == "update") {
            let Ok(serde_json::Value::Object(map)) = serde_json::from_str(&e.changes) else {
                continue;
            };
            for (key, what) in [("caregiver_name", "委托照护人"), ("placement", "安置方式")]
            {
                if let Some(serde_json::Value::Array(pair)) = map.get(key)
                    && let [a, b] = pair.as_slice()
                {
                    out.push(CareChange {
                        on: e.at.chars().take(10).collect(),
                        what,
                        from: a.as_str().unwrap_or_default().to_string(),
                        to: b.as_str().unwrap_or_default().to_string(),
                    });
                }
            }
        }
        Ok(out)
    }
}

impl Writer<'_> {
    /// A temporary guardianship begins (audited).
    pub fn open_temporary(
        &self,
        child: i64,
        started_on: NaiveDate,
        place: &str,
        note: &str,
    ) -> Result<i64> {
        let uuid = super::new_uuid();
        self.tx.execute(
            &format!("INSERT INTO temporary_care (id, uuid, child_id, started_on, place, note, updated_at)
             VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6)", next = self.next_id("temporary_care")),
            params![uuid, child, date::iso(started_on), place, note, self.now],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit(
            "insert",
            "temporary_care",
            Some(&uuid),
            &format!("{child} {} {place}", date::iso(started_on)),
        )?;
        Ok(id)
    }

    /// Ends a temporary guardianship (audited).
    pub fn end_temporary(&self, id: i64, ended_on: NaiveDate) -> Result<()> {
        self.tx.execute(
            "UPDATE temporary_care SET ended_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, date::iso(ended_on), self.now],
        )?;
        let uuid = self.uuid_of("temporary_care", id)?;
        self.audit(
            "update",
            "temporary_care",
            Some(&uuid),
            &format!("ended {}", date::iso(ended_on)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Visit, VisitKind};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_register_read_finds_temporary_care_and_the_last_contact() {
        let mut s = Store::open_in_memory().unwrap();
        let mut c = Child::new(d(2026, 1, 5));
        c.name = "测试甲".into();
        c.village = "石桥村".into();
        c.birth_date = Some(d(2016, 3, 1));
        c.categories = vec![Category::LeftBehind];
        c.father.status = Some(ParentStatus::Migrant);
        c.mother.status = Some(ParentStatus::Migrant);
        c.caregiver.name = "王某".into();
        c.caregiver.relation = "祖母".into();
        let id = s.write(|w| w.save_child(&mut c).map(|_| c.id)).unwrap();
        let today = d(2026, 11, 23);
        let checks = |s: &Store| {
            let f = &s.register_files().unwrap()[0];
            f.checks(s.register_limits().unwrap(), today)
        };
        assert_eq!(checks(&s), [Guardianship::NoParentContact]);
        // A visit that found a call on 1 October.
        let mut v = Visit::new(id, d(2026, 11, 2), VisitKind::Home);
        v.parent_contact = Some(crate::domain::register::ContactWay::Call);
        v.parent_contact_on = Some(d(2026, 10, 1));
        s.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
        assert!(checks(&s).is_empty());
        let f = &s.register_files().unwrap()[0];
        assert!(
            f.last_seen >= Some(d(2026, 11, 2)),
            "the visit counts as seen"
        );
        // A temporary guardianship since September, then ended.
        let t = s
            .write(|w| w.open_temporary(id, d(2026, 9, 1), "村委会", ""))
            .unwrap();
        assert_eq!(checks(&s), [Guardianship::TemporaryOpen]);
        s.set_setting("temporary_days", "120").unwrap();
        assert!(checks(&s).is_empty(), "the township allows 120 days");
        s.write(|w| w.end_temporary(t, d(2026, 11, 20))).unwrap();
        s.set_setting("temporary_days", "30").unwrap();
        assert!(checks(&s).is_empty());
        assert_eq!(
            s.temporaries_of(id).unwrap()[0].ended_on,
            Some(d(2026, 11, 20))
        );
    }

    #[test]
    fn the_caregivers_and_placements_of_a_child_over_time() {
        use crate::domain::Placement;
        let mut s = Store::open_in_memory().unwrap();
        let mut c = Child::new(d(2026, 1, 5));
        c.name = "测试乙".into();
        c.village = "石桥村".into();
        c.categories = vec![Category::LeftBehind];
        c.caregiver.name = "王某".into();
        c.placement = Some(Placement::Kinship);
        s.write(|w| w.save_child(&mut c).map(|_| ())).unwrap();
        c.caregiver.name = "李某".into();
        s.write(|w| w.save_child(&mut c).map(|_| ())).unwrap();
        c.placement = Placement::parse("家庭寄养");
        assert_eq!(c.placement, Some(Placement::Foster));
        s.write(|w| w.save_child(&mut c).map(|_| ())).unwrap();
        let h = s.care_history(&c.uuid).unwrap();
        let said: Vec<(&str, &str, &str)> = h
            .iter()
            .map(|x| (x.what, x.from.as_str(), x.to.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                ("委托照护人", "王某", "李某"),
                ("安置方式", "亲属抚养", "家庭寄养")
            ]
        );
    }
}
