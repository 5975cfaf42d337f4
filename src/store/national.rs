//! When each child was last entered in the national children's welfare
//! system, and what changed since (seed 003: keep the system current).

use anyhow::Result;
use rusqlite::params;

use super::Store;

impl Store {
    /// The children changed since they were last entered in the national
    /// system (or never entered).
    pub fn changed_since_national(&self) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id FROM children c LEFT JOIN national_marks m ON m.child_id = c.id
              WHERE m.at IS NULL OR c.updated_at > m.at",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl super::Writer<'_> {
    /// Records that these children were entered in the national system at
    /// `at` (UTC, as `updated_at`); audited once for them all.
    pub fn mark_national(&self, children: &[i64], at: &str) -> Result<usize> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO national_marks (child_id, uuid, at, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (child_id) DO UPDATE SET at = excluded.at, updated_at = excluded.updated_at",
        )?;
        for id in children {
            stmt.execute(params![id, super::new_uuid(), at, self.now])?;
        }
        self.audit(
            "set",
            "national_marks",
            None,
            &format!("{} {at}", children.len()),
        )?;
        Ok(children.len())
    }
}
