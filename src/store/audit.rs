//! Reading the audit log: the entries about one record or one child, the
//! newest of the whole log, a period's (the work log's).

use anyhow::Result;
use chrono::NaiveDate;

use super::Store;
use crate::domain::date;

impl Store {
    /// The audit entries about one record, newest first.
    pub fn audit_of(&self, record_uuid: &str) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, officer, action, changes, table_name FROM audit
              WHERE record_uuid = ?1 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([record_uuid], AuditEntry::of_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A child's whole work log: its case file and its visits, newest first.
    pub fn audit_of_child(&self, child_id: i64) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, officer, action, changes, table_name FROM audit
              WHERE record_uuid IN (SELECT uuid FROM children WHERE id = ?1
                                    UNION ALL SELECT uuid FROM visits WHERE child_id = ?1)
              ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([child_id], AuditEntry::of_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The newest lines of the whole audit log (prints, exports, settings
    /// and every change), newest first.
    pub fn audit_recent(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, officer, action, changes, table_name FROM audit ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], AuditEntry::of_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// What the audit log recorded from `from` through `to` (the work done:
    /// visits, reports, prints, settings), oldest first.
    pub fn audit_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AuditEntry>> {
        let next = to.succ_opt().unwrap_or(to);
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, officer, action, changes, table_name FROM audit
              WHERE at >= ?1 AND at < ?2 ORDER BY id",
        )?;
        let (from, next) = (date::iso(from), date::iso(next));
        let rows = stmt.query_map([from, next], AuditEntry::of_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub officer: String,
    pub action: String,
    pub changes: String,
    /// What it was done to: `children`, `visits`, `worklists`, an export's kind.
    pub table: String,
}

impl AuditEntry {
    fn of_row(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
        Ok(AuditEntry {
            at: r.get(0)?,
            officer: r.get(1)?,
            action: r.get(2)?,
            changes: r.get(3)?,
            table: r.get(4)?,
        })
    }
}
