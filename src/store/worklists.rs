//! Printed worklists: what a sheet held, in its printed order, and the
//! contact details a sheet prints.

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

use super::{Store, new_uuid};
use crate::domain::date;

/// A worklist as it was printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedWorklist {
    pub id: i64,
    pub uuid: String,
    /// The ISO week, `2026-W48`.
    pub week: String,
    /// Empty for the whole township.
    pub village: String,
    pub officer: String,
    pub printed_on: NaiveDate,
    pub created_at: String,
    /// How many children it listed.
    pub rows: usize,
}

/// What a worklist prints beside the triage: where the child lives, who to ask for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub address: String,
    pub guardian: String,
    pub phone: String,
}

impl Store {
    /// The address and the guardian's name and phone of every active child,
    /// in one scan (a worklist of a whole township prints thousands).
    pub fn contacts(&self) -> Result<HashMap<i64, Contact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.address, COALESCE(g.name, ''), COALESCE(g.phone, '')
             FROM children c LEFT JOIN caregivers g ON g.child_id = c.id AND g.role = 'guardian'
             WHERE c.status = 'active'",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Contact {
                    address: r.get(1)?,
                    guardian: r.get(2)?,
                    phone: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Records a printed worklist and its rows in printed order, in one
    /// transaction, and writes it to the audit log. Returns its id.
    pub fn record_worklist(
        &mut self,
        week: &str,
        village: &str,
        officer: &str,
        printed_on: NaiveDate,
        rows: &[(i64, NaiveDate)],
        what: &str,
    ) -> Result<i64> {
        self.write(|w| {
            let uuid = new_uuid();
            w.tx.prepare_cached(
                &format!("INSERT INTO worklists (id, uuid, week, village, officer, printed_on, created_at, updated_at)
                 VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?6)", next = w.next_id("worklists")),
            )?
            .execute(params![uuid, week, village, officer, date::iso(printed_on), w.now])?;
            let id = w.tx.last_insert_rowid();
            let mut insert = w.tx.prepare_cached(
                &format!("INSERT INTO worklist_rows (id, uuid, worklist_id, position, child_id, next_due, updated_at)
                 VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6)", next = w.next_id("worklist_rows")),
            )?;
            for (i, (child, due)) in rows.iter().enumerate() {
                insert.execute(params![
                    new_uuid(),
                    id,
                    i as i64 + 1,
                    child,
                    date::iso(*due),
                    w.now
                ])?;
            }
            let changes = serde_json::json!({
                "week": week,
                "village": village,
                "officer": officer,
                "rows": rows.len(),
                "printed": what,
            });
            w.audit("print", "worklists", Some(&uuid), &changes.to_string())?;
            Ok(id)
        })
    }

    /// The worklists printed so far, newest first.
    pub fn printed_worklists(&self) -> Result<Vec<PrintedWorklist>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT w.id, w.uuid, w.week, w.village, w.officer, w.printed_on, w.created_at,
                    (SELECT count(*) FROM worklist_rows r WHERE r.worklist_id = w.id)
             FROM worklists w ORDER BY w.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PrintedWorklist {
                id: r.get(0)?,
                uuid: r.get(1)?,
                week: r.get(2)?,
                village: r.get(3)?,
                officer: r.get(4)?,
                printed_on: date::from_iso(&r.get::<_, String>(5)?).unwrap_or_default(),
                created_at: r.get(6)?,
                rows: r.get::<_, i64>(7)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The children of a printed worklist, in printed order.
    pub fn worklist_rows(&self, worklist_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT child_id FROM worklist_rows WHERE worklist_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([worklist_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Child;
    use rusqlite::Connection;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_printed_worklist_keeps_its_order_and_is_audited() {
        let mut store = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for name in ["甲", "乙", "丙"] {
            let mut c = Child::new(d(2026, 1, 1));
            c.name = name.into();
            c.village = "白果村".into();
            store.save_child(&mut c).unwrap();
            ids.push(c.id);
        }
        let rows: Vec<(i64, NaiveDate)> = [ids[2], ids[0], ids[1]]
            .iter()
            .map(|&i| (i, d(2026, 11, 20)))
            .collect();
        let id = store
            .record_worklist(
                "2026-W48",
                "白果村",
                "李主任",
                d(2026, 11, 23),
                &rows,
                "html",
            )
            .unwrap();
        assert_eq!(
            store.worklist_rows(id).unwrap(),
            vec![ids[2], ids[0], ids[1]]
        );
        let printed = store.printed_worklists().unwrap();
        assert_eq!(printed.len(), 1);
        assert_eq!(printed[0].week, "2026-W48");
        assert_eq!(printed[0].rows, 3);
        let log = store.audit_of(&printed[0].uuid).unwrap();
        assert_eq!(log[0].action, "print");
        assert!(log[0].changes.contains("\"rows\":3"), "{}", log[0].changes);
    }

    #[test]
    fn a_version_1_file_is_migrated_with_a_backup() {
        let dir = std::env::temp_dir().join(format!("shouhu-v1-{}", new_uuid()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("old.db");
        {
            let conn = Connection::open(&db).unwrap();
            conn.execute_batch(include_str!("schema.sql")).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(store.count("worklists").unwrap(), 0);
        assert_eq!(store.count("worklist_rows").unwrap(), 0);
        assert!(dir.join("old.db.v1.bak").exists());
        drop(store);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
