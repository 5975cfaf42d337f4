//! The work log's hand entries (notes, coordination meetings, 儿童之家
//! activities) and the village offices (儿童主任台账, 儿童之家) in the store.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Store, Writer, new_uuid};
use crate::domain::date;
use crate::domain::paperwork::{NoteKind, Office, WorkNote, counts_for_directors};

fn day(v: Option<String>) -> Option<NaiveDate> {
    v.as_deref().and_then(date::from_iso)
}

/// A village with its office and how many children its directors look after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VillageOffice {
    pub village: String,
    pub office: Office,
    pub children: usize,
}

impl Store {
    /// The hand entries of the work log from `from` through `to`, by day.
    pub fn work_notes(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<WorkNote>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, day, kind, village, text, bodies, decisions, officer FROM work_notes
              WHERE day BETWEEN ?1 AND ?2 ORDER BY day, id",
        )?;
        let rows = stmt.query_map(params![date::iso(from), date::iso(to)], |r| {
            Ok(WorkNote {
                id: r.get(0)?,
                day: day(r.get(1)?).unwrap_or(from),
                kind: NoteKind::from_code(&r.get::<_, String>(2)?).unwrap_or(NoteKind::Note),
                village: r.get(3)?,
                text: r.get(4)?,
                bodies: r.get(5)?,
                decisions: r.get(6)?,
                officer: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every village with its office, and the children its directors look after.
    pub fn village_offices(&self) -> Result<Vec<VillageOffice>> {
        // Two narrow columns of the active children, not the whole case list.
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.name, c.category_codes FROM children c JOIN villages v ON v.id = c.village_id
              WHERE c.status = 'active'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cats: Vec<crate::domain::Category> = r
                .get_ref(1)?
                .as_str()?
                .split(',')
                .filter_map(crate::domain::Category::from_code)
                .collect();
            if counts_for_directors(&cats) {
                *counts.entry(r.get(0)?).or_default() += 1;
            }
        }
        let mut out = Vec::new();
        for village in self.villages()? {
            let office = self.office(&village)?.unwrap_or_default();
            let children = counts.get(&village).copied().unwrap_or(0);
            out.push(VillageOffice {
                village,
                office,
                children,
            });
        }
        Ok(out)
    }

    /// A village's office, if recorded.
    pub fn office(&self, village: &str) -> Result<Option<Office>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT director, director_phone, director_trained, director_checked, deputy,
                        deputy_phone, deputy_trained, deputy_checked, home
                   FROM village_offices o JOIN villages v ON v.id = o.village_id WHERE v.name = ?1",
            )?
            .query_row([village], |r| {
                Ok(Office {
                    director: r.get(0)?,
                    director_phone: r.get(1)?,
                    director_trained: day(r.get(2)?),
                    director_checked: day(r.get(3)?),
                    deputy: r.get(4)?,
                    deputy_phone: r.get(5)?,
                    deputy_trained: day(r.get(6)?),
                    deputy_checked: day(r.get(7)?),
                    home: r.get(8)?,
                })
            })
            .optional()?)
    }
}

impl Writer<'_> {
    /// Adds an entry to the work log by hand (audited).
    pub fn save_note(&self, n: &WorkNote) -> Result<i64> {
        let uuid = new_uuid();
        self.tx.execute(
            &format!("INSERT INTO work_notes (id, uuid, day, kind, village, text, bodies, decisions, officer,
                updated_at) VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", next = self.next_id("work_notes")),
            params![
                uuid,
                date::iso(n.day),
                n.kind.code(),
                n.village,
                n.text,
                n.bodies,
                n.decisions,
                n.officer,
                self.now
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit("insert", "work_notes", Some(&uuid), n.kind.code())?;
        Ok(id)
    }

    /// Records a village's office (audited).
    pub fn save_office(&self, village: &str, o: &Office) -> Result<()> {
        let village_id = self.village_id(village)?;
        let d = |x: Option<NaiveDate>| x.map(date::iso);
        self.tx.execute(
            "INSERT INTO village_offices (village_id, uuid, director, director_phone,
                director_trained, director_checked, deputy, deputy_phone, deputy_trained,
                deputy_checked, home, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (village_id) DO UPDATE SET director = excluded.director,
                director_phone = excluded.director_phone, director_trained = excluded.director_trained,
                director_checked = excluded.director_checked, deputy = excluded.deputy,
                deputy_phone = excluded.deputy_phone, deputy_trained = excluded.deputy_trained,
                deputy_checked = excluded.deputy_checked, home = excluded.home,
                updated_at = excluded.updated_at",
            params![
                village_id,
                new_uuid(),
                o.director,
                o.director_phone,
                d(o.director_trained),
                d(o.director_checked),
                o.deputy,
                o.deputy_phone,
                d(o.deputy_trained),
                d(o.deputy_checked),
                o.home,
                self.now
            ],
        )?;
        self.audit("set", "village_offices", None, village)
    }
}
