//! Copies of the registry: backups made in one read transaction (never
//! starved by another program's writes) and checked before they count; a
//! daily copy when the screen opens, kept 7 days and 4 weeks; restores that
//! refuse a damaged copy and wait for a lock no longer than a deadline.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::{BUSY_TIMEOUT, SCHEMA_VERSION, Store, explain};
use crate::i18n::{M, tf};

/// What a copy of the registry holds, for saying before it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyInfo {
    pub children: i64,
    pub visits: i64,
    /// The newest change in it (an update time, `YYYY-MM-DD hh:mm`).
    pub newest: String,
}

/// The folder of the automatic copies, beside the database.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.with_file_name("backups")
}

/// SQLite's integrity and foreign-key checks on a connection; empty when sound.
fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let row = row?;
        if row != "ok" {
            out.push(row);
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{} rowid {} → {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
            r.get::<_, String>(2)?
        ))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

/// Checks a copy made or about to be used: sound, and shouhu's. It is opened
/// writable and set to a single file (no -wal or -shm stays beside it).
pub fn check_copy(path: &Path) -> Result<CopyInfo> {
    let shown = path.display().to_string();
    let not_ours = || anyhow!(tf(M::RestoreNotDb, &[&shown]));
    let conn = Connection::open(path).map_err(|e| explain(e, &shown))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    super::cipher::unlock(&conn, super::cipher::key().as_deref(), &shown)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| not_ours())?;
    let _: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|e| explain(e, &shown))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
               AND name IN ('children', 'visits', 'villages')",
            [],
            |r| r.get(0),
        )
        .map_err(|_| not_ours())?;
    if !(1..=SCHEMA_VERSION).contains(&version) || tables != 3 {
        bail!(not_ours());
    }
    let found = problems(&conn).map_err(|e| explain(e, &shown))?;
    if !found.is_empty() {
        bail!(tf(M::CopyDamaged, &[&shown, &found.join("; ")]));
    }
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let newest: Option<String> = conn.query_row(
        "SELECT max(m) FROM (SELECT max(updated_at) AS m FROM children
                             UNION ALL SELECT max(updated_at) FROM visits)",
        [],
        |r| r.get(0),
    )?;
    let newest = newest.unwrap_or_default().replace('T', " ");
    Ok(CopyInfo {
        children: count("children")?,
        visits: count("visits")?,
        newest: newest.get(..16).unwrap_or(&newest).to_string(),
    })
}

impl Store {
    /// Copies the whole registry to `dest`, a file that does not exist yet:
    /// in one read transaction (`VACUUM INTO`), so that another program
    /// writing all the while cannot starve it, then checked.
    pub fn backup_to(&self, dest: &Path) -> Result<CopyInfo> {
        let shown = dest.display().to_string();
        let target = dest.to_string_lossy().into_owned();
        self.conn
            .execute("VACUUM INTO ?1", [&target])
            .map_err(|e| explain(e, &shown))?;
        check_copy(dest)
    }

    /// SQLite's integrity and foreign-key checks; empty when all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        Ok(problems(&self.conn)?)
    }

    /// The copy of the day when the screen opens (by the real clock), in
    /// `backups/` beside the database; 7 daily and 4 weekly copies are kept.
    /// Returns the copy made, if one was.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let Some(db) = self.path() else {
            return Ok(None);
        };
        let dir = backups_dir(db);
        std::fs::create_dir_all(&dir)?;
        // A copy cut short by the program ending leaves its temporary file.
        for e in std::fs::read_dir(&dir)?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(".shouhu-") && name.ends_with(".part") {
                let _ = std::fs::remove_file(e.path());
            }
        }
        let name = dir.join(format!("shouhu-{today}.db"));
        if name.exists() {
            return Ok(None);
        }
        crate::files::write_via(&name, |tmp| self.backup_to(tmp).map(|_| ()))?;
        prune(&dir, today)?;
        Ok(Some(name))
    }
}

/// The daily copies in a folder by their date, newest first.
fn daily_copies(dir: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let mut found: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let day = name.strip_prefix("shouhu-")?.strip_suffix(".db")?;
            let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
            Some((day, e.path()))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found
}

/// Keeps the 7 newest daily copies, and the newest copy of each of the 4
/// weeks before them; removes the other daily copies.
fn prune(dir: &Path, today: NaiveDate) -> Result<()> {
    let copies = daily_copies(dir);
    // The weeks the daily copies already cover need no weekly one.
    let mut covered: Vec<_> = copies.iter().take(7).map(|(d, _)| d.iso_week()).collect();
    let mut weekly = 0;
    for (day, path) in copies.iter().skip(7) {
        if *day > today {
            continue;
        }
        let week = day.iso_week();
        if weekly < 4 && !covered.contains(&week) {
            covered.push(week);
            weekly += 1;
            continue;
        }
        std::fs::remove_file(path)?;
    }
    Ok(())
}

/// The newest sound-looking copy for a damaged or lost database: the daily
/// copies first, then backups made by hand beside it.
pub fn newest_backup(db: &Path) -> Option<PathBuf> {
    if let Some((_, p)) = daily_copies(&backups_dir(db)).into_iter().next() {
        return Some(p);
    }
    let dir = db.parent().filter(|p| !p.as_os_str().is_empty())?;
    let mut hand: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("shouhu-backup-")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    hand.sort();
    hand.pop().map(|(_, p)| p)
}

/// Writes the checked copy `source` over the database at `dest`, waiting at
/// most `deadline` for another program to let go of it.
pub fn restore_over(source: &Path, dest: &Path, deadline: Duration) -> Result<()> {
    let shown = dest.display().to_string();
    let src = Connection::open_with_flags(source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| explain(e, &source.display().to_string()))?;
    let key = super::cipher::key();
    super::cipher::unlock(&src, key.as_deref(), &source.display().to_string())?;
    let mut out = Connection::open(dest).map_err(|e| explain(e, &shown))?;
    super::cipher::unlock(&out, key.as_deref(), &shown)?;
    out.busy_timeout(Duration::from_millis(100))?;
    let started = Instant::now();
    {
        let backup = rusqlite::backup::Backup::new(&src, &mut out)?;
        loop {
            match backup.step(-1) {
                Ok(rusqlite::backup::StepResult::Done) => break,
                Ok(_) if started.elapsed() < deadline => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                Ok(_) => bail!(tf(M::DbLocked, &[&shown])),
                Err(e) => return Err(explain(e, &shown)),
            }
        }
    }
    let _: String = out.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    out.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn seven_days_and_four_weeks_are_kept() {
        let dir = std::env::temp_dir().join(format!("shouhu-prune-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let today = d("2026-11-23");
        for back in 0..60 {
            let day = today - chrono::Days::new(back);
            std::fs::write(dir.join(format!("shouhu-{day}.db")), b"").unwrap();
        }
        std::fs::write(dir.join("notes.txt"), b"").unwrap();
        prune(&dir, today).unwrap();
        let kept: Vec<NaiveDate> = daily_copies(&dir).into_iter().map(|(d, _)| d).collect();
        assert_eq!(kept.len(), 11, "{kept:?}");
        assert_eq!(kept[0], today);
        assert_eq!(kept[6], d("2026-11-17"));
        // Then the newest of each of the four weeks before: the Sundays.
        assert_eq!(
            &kept[7..],
            &[
                d("2026-11-15"),
                d("2026-11-08"),
                d("2026-11-01"),
                d("2026-10-25")
            ]
        );
        assert!(dir.join("notes.txt").exists(), "other files are left alone");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
