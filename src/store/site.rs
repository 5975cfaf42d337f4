//! Sites: each database has a site id (20 random bits, kept in settings) and
//! numbers its rows inside that site's range — the site id in the top bits,
//! the row in the 43 below — so that rows made on several PCs never share
//! an id when their changes meet. A database copied to another place (a file
//! copy, a restored backup) takes a new site id before it syncs.

use anyhow::Result;

use super::{Store, Writer};

/// The bits of a row number below the site id.
pub const ROW_BITS: u32 = 43;

/// The first and last id of a site's range (the first is never used).
pub fn range(site: i64) -> (i64, i64) {
    (site << ROW_BITS, ((site + 1) << ROW_BITS) - 1)
}

/// The site a row id was made on (0: before sites, or by hand).
pub fn site_of(id: i64) -> i64 {
    id >> ROW_BITS
}

/// A row's number within its site's range.
pub fn row_of(id: i64) -> i64 {
    id & ((1 << ROW_BITS) - 1)
}

/// A new site id: 20 random bits, never 0.
fn fresh() -> i64 {
    let bytes = super::new_uuid();
    let v = u64::from_str_radix(&bytes.replace('-', "")[..8], 16).unwrap_or(1);
    ((v & 0xF_FFFF) as i64).max(1)
}

impl Store {
    /// Makes a file from before sites ready to sync (at its first sync): its
    /// rows move into the site's range (keys, references, drafts and sources
    /// with them), and what it holds becomes its first change, so that the PC
    /// that starts from its file gets all of it. From then on every write is
    /// recorded.
    pub fn ready_to_sync(&mut self) -> Result<()> {
        if self.recording || self.read_only {
            return Ok(());
        }
        let site = self.site;
        shift_ids(&mut self.conn, (0, (1 << ROW_BITS) - 1), range(site).0)?;
        let all = super::session::everything(&self.conn, super::sync::TABLES)?;
        self.write(|w| {
            if !all.is_empty() {
                w.tx.execute(
                    "INSERT INTO outbox (site, seq, changes, at)
                     VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM outbox WHERE site = ?1), ?2, ?3)",
                    rusqlite::params![site, all, w.now],
                )?;
            }
            w.set_setting("sync_ready", "1")
        })?;
        self.recording = true;
        Ok(())
    }

    /// This database's site id, made on first use (and recorded with the
    /// place of the file, to see a copy).
    pub(super) fn load_site(&mut self) -> Result<()> {
        if self.read_only {
            self.site = self
                .setting("site_id")?
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            return Ok(());
        }
        self.site = match self.setting("site_id")?.and_then(|s| s.parse().ok()) {
            Some(site) => site,
            None => {
                let site = fresh();
                // A file that already holds rows (from before sites) is made
                // ready for syncing at its first sync: moving its rows can take
                // a minute, which opening must not.
                let empty = super::sync_prune::holds_nothing(&self.conn)?;
                let here = self.path_label();
                self.write(|w| {
                    w.set_setting("site_id", &site.to_string())?;
                    w.set_setting("site_path", &here)?;
                    w.set_setting("sync_ready", if empty { "1" } else { "0" })
                })?;
                site
            }
        };
        self.recording = self.setting("sync_ready")?.as_deref() != Some("0");
        Ok(())
    }

    /// The site id, and whether the file was copied or moved here since
    /// the site was made (then it takes a new one with [`Store::renew_site`]).
    pub fn site(&self) -> Result<(i64, bool)> {
        let here = self.path_label();
        let made = self.setting("site_path")?.unwrap_or_default();
        Ok((self.site, !made.is_empty() && made != here))
    }

    /// A copy takes a new site id: its rows from now on are its own; those
    /// it holds keep the ids they were made with. Returns the new id.
    pub fn renew_site(&mut self) -> Result<i64> {
        let old = self.site;
        let mut site = fresh();
        while site == old {
            site = fresh();
        }
        let here = self.path_label();
        self.write(|w| {
            w.set_setting("site_id", &site.to_string())?;
            w.set_setting("site_path", &here)?;
            w.audit("set", "settings", None, &format!("site {old} → {site}"))
        })?;
        self.site = site;
        Ok(site)
    }
}

/// Moves the ids in `from` (lo..=hi) by `by`, in every synced table with an
/// integer id, every column that refers to one, the visit a care measure was
/// done at, a referral's source, and the drafts' keys; in one transaction,
/// foreign keys checked at the end. Returns how many rows moved.
pub fn shift_ids(conn: &mut rusqlite::Connection, (lo, hi): (i64, i64), by: i64) -> Result<usize> {
    use super::sync::TABLES;
    let has_id = |conn: &rusqlite::Connection, t: &str| -> Result<bool> {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({t})"))?;
        let pk: Vec<(String, String, i64)> = stmt
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(pk
            .iter()
            .any(|(n, ty, k)| n == "id" && ty == "INTEGER" && *k == 1))
    };
    let mut moved = 0;
    let any: i64 = {
        let mut n = 0;
        for t in TABLES {
            if has_id(conn, t)? {
                n += conn.query_row(
                    &format!("SELECT count(*) FROM {t} WHERE id BETWEEN ?1 AND ?2"),
                    [lo, hi],
                    |r| r.get::<_, i64>(0),
                )?;
            }
        }
        n
    };
    if any == 0 {
        return Ok(0);
    }
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let done = (|| -> Result<usize> {
        let tx = conn.transaction()?;
        for t in TABLES {
            if has_id(&tx, t)? {
                moved += tx.execute(
                    &format!("UPDATE {t} SET id = id + ?3 WHERE id BETWEEN ?1 AND ?2"),
                    [lo, hi, by],
                )?;
            }
            // Every column of this table that refers to a row of another.
            let refs: Vec<String> = tx
                .prepare(&format!("PRAGMA foreign_key_list({t})"))?
                .query_map([], |r| r.get::<_, String>(3))?
                .collect::<rusqlite::Result<_>>()?;
            for col in refs {
                tx.execute(
                    &format!("UPDATE {t} SET {col} = {col} + ?3 WHERE {col} BETWEEN ?1 AND ?2"),
                    [lo, hi, by],
                )?;
            }
        }
        tx.execute(
            "UPDATE care_measures SET done_visit = done_visit + ?3
              WHERE done_visit BETWEEN ?1 AND ?2",
            [lo, hi, by],
        )?;
        // Text that names a row: a referral's source, a draft's key.
        let renamed = |text: &str| -> String {
            text.split(':')
                .map(|part| match part.parse::<i64>() {
                    Ok(n) if (lo..=hi).contains(&n) => (n + by).to_string(),
                    _ => part.to_string(),
                })
                .collect::<Vec<_>>()
                .join(":")
        };
        for (table, column) in [("referrals", "source"), ("drafts", "key")] {
            let rows: Vec<(i64, String)> = tx
                .prepare(&format!("SELECT rowid, {column} FROM {table}"))?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (rowid, text) in rows {
                let new = renamed(&text);
                if new != text {
                    tx.execute(
                        &format!("UPDATE {table} SET {column} = ?1 WHERE rowid = ?2"),
                        rusqlite::params![new, rowid],
                    )?;
                }
            }
        }
        last_visits_again(&tx)?;
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            anyhow::bail!("renumbering would break {broken} references");
        }
        tx.commit()?;
        Ok(moved)
    })();
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    done
}

impl Writer<'_> {
    /// The SQL of the next id of `table` in this site's range: the largest
    /// id of the range plus one, read from the primary key (never SQLite's
    /// max(rowid) + 1, which after an import would go on in another site's
    /// range). `table` is a table of the schema, never user text.
    pub fn next_id(&self, table: &str) -> String {
        let (lo, hi) = range(self.site);
        format!("(SELECT coalesce(max(id), {lo}) + 1 FROM {table} WHERE id BETWEEN {lo} AND {hi})")
    }
}

/// The last visits (kept by triggers) read again from the visits.
pub(super) fn last_visits_again(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM child_last_visit;
         INSERT INTO child_last_visit (child_id, kind, date)
            SELECT child_id, kind, max(date) FROM visits GROUP BY child_id, kind;",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Child, Visit, VisitKind};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn rows_are_numbered_inside_the_sites_range_even_after_another_sites_rows() {
        let mut s = Store::open_in_memory().unwrap();
        let (site, copied) = s.site().unwrap();
        assert!((1..1 << 20).contains(&site));
        assert!(!copied);
        let (lo, hi) = range(site);
        let mut c = Child::new(d(2026, 1, 5));
        c.name = "测试丙".into();
        c.village = "石桥村".into();
        let id = s.write(|w| w.save_child(&mut c).map(|_| c.id)).unwrap();
        assert!(id > lo && id <= hi, "{id} in {lo}..{hi}");
        assert_eq!(site_of(id), site);
        // A row of a site numbered higher arrives (as an import would bring it).
        let other = range(site + 1).0 + 7;
        s.write(|w| {
            w.tx.execute(
                "INSERT INTO visits (id, uuid, child_id, date, kind, created_at, updated_at)
                 VALUES (?1, 'x', ?2, '2026-02-01', 'home', 'n', 'n')",
                rusqlite::params![other, id],
            )?;
            Ok(())
        })
        .unwrap();
        let mut v = Visit::new(id, d(2026, 3, 1), VisitKind::Home);
        s.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
        assert_eq!(v.id, lo + 1, "not after the other site's row");
        let mut v2 = Visit::new(id, d(2026, 4, 1), VisitKind::Home);
        s.write(|w| w.save_visit(&mut v2).map(|_| ())).unwrap();
        assert_eq!(v2.id, lo + 2);
    }

    #[test]
    fn a_copied_file_is_seen_and_takes_a_new_site() {
        let dir = std::env::temp_dir().join(format!("shouhu-site-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let a = dir.join("a.db");
        let b = dir.join("b.db");
        let site = {
            let s = Store::open(&a).unwrap();
            let (site, copied) = s.site().unwrap();
            assert!(!copied);
            s.backup_to(&b).unwrap();
            site
        };
        let mut copy = Store::open(&b).unwrap();
        let (same, copied) = copy.site().unwrap();
        assert_eq!(same, site);
        assert!(copied, "the copy knows it is one");
        let new = copy.renew_site().unwrap();
        assert_ne!(new, site);
        assert_eq!(copy.site().unwrap(), (new, false));
        drop(copy);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
