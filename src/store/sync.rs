//! Changes between the PCs of a township: what is synced, the outbox each
//! write fills, and the files that carry changes from one database to
//! another (`shouhu sync export`, `shouhu sync import`).

use anyhow::Result;
use rusqlite::params;

use super::Writer;
pub use super::sync_conflict::{Settle, typeable};

/// The registry's tables whose changes travel. Drafts, settings, the audit
/// log, derived tables (kept by triggers) and the sync tables stay here.
pub const TABLES: &[&str] = &[
    "villages",
    "households",
    "children",
    "child_categories",
    "child_flags",
    "parents",
    "caregivers",
    "visits",
    "worklists",
    "worklist_rows",
    "helpers",
    "helper_trainings",
    "pairings",
    "helper_activities",
    "wishes",
    "referrals",
    "referral_moves",
    "referral_followups",
    "national_marks",
    "benefits",
    "review_decisions",
    "temporary_care",
    "care_measures",
    "survey_marks",
    "care_rounds",
    "care_gifts",
    "work_notes",
    "village_offices",
];

impl Writer<'_> {
    /// Keeps a write's changes in the outbox, numbered after this site's last.
    pub(super) fn keep_changes(&self, changes: &[u8]) -> Result<()> {
        self.tx.execute(
            "INSERT INTO outbox (site, seq, changes, at)
             VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM outbox WHERE site = ?1), ?2, ?3)",
            params![self.site, changes, self.now],
        )?;
        Ok(())
    }
}

use std::borrow::Cow;
use std::collections::BTreeMap;

use anyhow::bail;
use rusqlite::types::Value;

use super::Store;
use super::session::{self, Conflict, ConflictKind, Op};
use super::sync_conflict::{decide, record_conflict};
use crate::i18n::{W, tf};

/// The first line of a changes file.
const MAGIC: &str = "SHOUHU-SYNC 1";

/// What a changes file says of itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    pub format: u32,
    pub schema: i64,
    pub township: String,
    /// The site that wrote the file.
    pub site: i64,
    /// What the writer holds of every site: the last sequence number.
    pub have: BTreeMap<i64, i64>,
    /// The entries in the file: site → first and last sequence number.
    pub ranges: BTreeMap<i64, (i64, i64)>,
    /// FNV-1a of the entries, in hex.
    pub checksum: String,
}

/// One write's changes, from a site, numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub site: i64,
    pub seq: i64,
    pub changes: Vec<u8>,
}

fn fnv(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The file: the magic line, the header as one line of JSON, the entries.
pub fn encode(header: &mut Header, entries: &[Entry]) -> Vec<u8> {
    let mut body = Vec::new();
    for e in entries {
        body.extend_from_slice(&e.site.to_le_bytes());
        body.extend_from_slice(&e.seq.to_le_bytes());
        body.extend_from_slice(&(e.changes.len() as u64).to_le_bytes());
        body.extend_from_slice(&e.changes);
    }
    header.checksum = fnv(&body);
    let mut out = format!("{MAGIC}\n").into_bytes();
    out.extend_from_slice(serde_json::to_string(header).unwrap_or_default().as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&body);
    out
}

/// Reads a file; a damaged one, or one from a newer shouhu, is refused.
/// `read_through`: each entry's changes are also read to their end (a reader
/// that writes as it reads, in one transaction, can leave that to itself).
pub fn decode(bytes: Cow<'_, [u8]>, read_through: bool) -> Result<(Header, Vec<Entry>)> {
    let damaged = || anyhow::anyhow!(crate::i18n::t(W::SyncDamaged));
    let bytes = super::seal::unseal(bytes)?;
    let rest = bytes
        .strip_prefix(format!("{MAGIC}\n").as_bytes())
        .ok_or_else(damaged)?;
    let nl = rest.iter().position(|b| *b == b'\n').ok_or_else(damaged)?;
    let header: Header = serde_json::from_slice(&rest[..nl]).map_err(|_| damaged())?;
    if header.schema > super::SCHEMA_VERSION {
        bail!(tf(W::SyncNewer, &[&header.schema]));
    }
    let body = &rest[nl + 1..];
    if fnv(body) != header.checksum {
        return Err(damaged());
    }
    let mut entries = Vec::new();
    let mut at = 0;
    while at < body.len() {
        let num = |from: usize| -> Result<u64> {
            let b: [u8; 8] = body
                .get(from..from + 8)
                .and_then(|s| s.try_into().ok())
                .ok_or_else(damaged)?;
            Ok(u64::from_le_bytes(b))
        };
        let (site, seq) = (num(at)? as i64, num(at + 8)? as i64);
        // A length no file could have is damage, not a reason to stop.
        let len = usize::try_from(num(at + 16)?).map_err(|_| damaged())?;
        let end = (at + 24).checked_add(len).ok_or_else(damaged)?;
        let changes = body.get(at + 24..end).ok_or_else(damaged)?.to_vec();
        if read_through && !session::readable(&changes) {
            return Err(damaged());
        }
        entries.push(Entry { site, seq, changes });
        at = end;
    }
    Ok((header, entries))
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub applied: usize,
    pub skipped: usize,
    pub conflicts: usize,
}

/// A conflict as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    pub id: i64,
    pub table: String,
    pub record: String,
    pub field: String,
    pub here: String,
    pub there: String,
    pub from_site: i64,
    pub at: String,
}

/// A table's columns, which of them form its primary key, and which point
/// at which table.
pub(super) struct Shape {
    pub columns: Vec<String>,
    pub key: Vec<usize>,
    pub refs: Vec<(usize, String)>,
    /// `INSERT INTO t (every column) VALUES (?, ...)`, made once.
    pub insert: String,
    /// `id = ? AND ...`: the primary key, made once.
    pub key_sql: String,
}

/// A value as the conflicts list shows it.
pub(super) fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => format!("<{} bytes>", b.len()),
    }
}

impl Store {
    /// A write, its changes kept in the outbox when `record` (an import of
    /// another site's changes is not: they are kept under that site).
    pub(super) fn write_recorded<T>(
        &mut self,
        record: bool,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        // SAFETY: the session is dropped at the end of this call, before the
        // connection it records can be.
        let session = if record {
            Some(unsafe { session::Session::attach_handle(self.conn.handle(), TABLES)? })
        } else {
            None
        };
        // IMMEDIATE: wait for another writer here, not fail half-way through.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut w = super::Writer {
            tx,
            officer: &self.officer,
            now: super::now(),
            // A file from before sites numbers its new rows as it always did,
            // below every site's range (site 0), until its first sync moves
            // them all into its range together.
            site: if self.recording { self.site } else { 0 },
        };
        let out = f(&mut w)?;
        // The due dates of the children this write touched, worked out again.
        super::due_kept::refresh(&w.tx, false)?;
        if let Some(s) = &session
            && !s.is_empty()
        {
            w.keep_changes(&s.changeset()?)?;
        }
        w.tx.commit()?;
        drop(session);
        Ok(out)
    }

    /// What this database holds of every site: the number up to which it
    /// holds every change.
    pub fn have(&self) -> Result<BTreeMap<i64, i64>> {
        super::sync_prune::have(&self.conn)
    }

    /// The changes file of this database: every change it holds, or only
    /// those `peer` has not acknowledged. A copy takes a new site first.
    pub fn sync_export(&mut self, peer: Option<i64>) -> Result<(Vec<u8>, usize)> {
        if self.county() {
            bail!(tf(W::CountyNoSync, &[]));
        }
        if self.site()?.1 {
            self.renew_site()?;
        }
        self.ready_to_sync()?;
        let acked: BTreeMap<i64, i64> = match peer {
            Some(p) => {
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT of_site, seq FROM peers WHERE site = ?1")?;
                let rows = stmt.query_map([p], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            None => BTreeMap::new(),
        };
        let all: Vec<Entry> = self
            .conn
            .prepare_cached("SELECT site, seq, changes FROM outbox ORDER BY id")?
            .query_map([], |r| {
                Ok(Entry {
                    site: r.get(0)?,
                    seq: r.get(1)?,
                    changes: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut entries: Vec<Entry> = all
            .into_iter()
            .filter(|e| !e.changes.is_empty() && acked.get(&e.site).is_none_or(|a| e.seq > *a))
            .collect();
        // The whole file of a pruned outbox starts with every record as it
        // stands (numbered 0): what a new PC needs, the pruned changes in it.
        if peer.is_none() && super::sync_prune::pruned(&self.conn)? {
            let all = session::everything(&self.conn, TABLES)?;
            entries.insert(
                0,
                Entry {
                    site: self.site,
                    seq: 0,
                    changes: all,
                },
            );
        }
        let mut ranges: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
        for e in &entries {
            let r = ranges.entry(e.site).or_insert((e.seq, e.seq));
            r.0 = r.0.min(e.seq);
            r.1 = r.1.max(e.seq);
        }
        let mut header = Header {
            format: 1,
            schema: super::SCHEMA_VERSION,
            township: self.setting("township")?.unwrap_or_default(),
            site: self.site,
            have: self.have()?,
            ranges,
            checksum: String::new(),
        };
        let n = entries.len();
        let bytes = super::seal::seal(encode(&mut header, &entries))?;
        let sealed = if super::seal::is_sealed(&bytes) {
            " sealed"
        } else {
            ""
        };
        let note = format!("sync export {n} {:?}{sealed}", peer);
        self.write_recorded(false, |w| w.audit("export", "outbox", None, &note))?;
        Ok((bytes, n))
    }

    /// Applies a changes file in one transaction: each entry not yet held is
    /// applied and kept (to pass on); a conflict keeps the later version (by
    /// `updated_at`, this side's on a tie) and lists the other, never dropped.
    pub fn sync_import(&mut self, bytes: &[u8]) -> Result<Imported> {
        if self.county() {
            bail!(tf(W::CountyNoSync, &[]));
        }
        let (header, entries) = decode(Cow::Borrowed(bytes), true)?;
        if self.site()?.1 {
            self.renew_site()?;
        }
        self.ready_to_sync()?;
        let columns = self.columns_of_synced()?;
        let now = super::now();
        self.write_recorded(false, |w| {
            let mut done = Imported::default();
            // A PC starting out from a snapshot: every record as it stood,
            // and the changes it covers held (kept to pass on, not applied).
            let snapshot = entries.iter().find(|e| e.seq == 0);
            let starting = snapshot.is_some() && super::sync_prune::holds_nothing(&w.tx)?;
            if let Some(s) = snapshot.filter(|_| starting) {
                session::apply(&w.tx, &s.changes, TABLES, |c| decide(c, &columns))?;
                for (site, upto) in &header.have {
                    w.tx.execute(
                        "INSERT INTO sync_held (site, upto) VALUES (?1, ?2)
                         ON CONFLICT (site) DO UPDATE SET upto = max(upto, excluded.upto)",
                        params![site, upto],
                    )?;
                }
            }
            for e in &entries {
                if e.seq == 0 {
                    done.skipped += usize::from(!starting);
                    continue;
                }
                if starting {
                    w.tx.execute(
                        "INSERT OR IGNORE INTO outbox (site, seq, changes, at) VALUES (?1, ?2, ?3, ?4)",
                        params![e.site, e.seq, e.changes, now],
                    )?;
                    done.applied += 1;
                    continue;
                }
                if super::sync_prune::held(&w.tx, e.site, e.seq)? || e.site == w.site {
                    done.skipped += 1;
                    continue;
                }
                let mut met: Vec<Conflict> = Vec::new();
                session::apply(&w.tx, &e.changes, TABLES, |c| {
                    met.push(c.clone());
                    decide(c, &columns)
                })?;
                for c in &met {
                    // Pointing at a record not written: mended just below, or
                    // the commit refuses the whole file.
                    if c.kind == ConflictKind::ForeignKey {
                        continue;
                    }
                    if c.kind == ConflictKind::Constraint
                        && c.op == Op::Insert
                        && let Some(cols) = columns.get(&c.table)
                        && super::sync_map::twin(&w.tx, &c.table, cols, &c.new)?.is_some()
                        && c.table == "villages"
                    {
                        // The same village made on both PCs: nothing lost.
                        continue;
                    }
                    done.conflicts += record_conflict(w, c, &columns, e.site, &now)?;
                }
                w.tx.execute(
                    "INSERT INTO outbox (site, seq, changes, at) VALUES (?1, ?2, ?3, ?4)",
                    params![e.site, e.seq, e.changes, now],
                )?;
                done.applied += 1;
            }
            for (of, seq) in &header.have {
                w.tx.execute(
                    "INSERT INTO peers (site, of_site, seq, last_met) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (site, of_site) DO UPDATE SET seq = max(seq, excluded.seq),
                        last_met = excluded.last_met",
                    params![header.site, of, seq, now],
                )?;
            }
            // What points at the other PC's twin of a record, at ours (once
            // for the file: keys are checked at the commit).
            done.conflicts += super::sync_map::point_to_ours(&w.tx, TABLES, header.site, &now)?;
            // What every PC met has now, this one needs no longer keep.
            super::sync_prune::prune(&w.tx)?;
            w.audit(
                "import",
                "outbox",
                None,
                &format!(
                    "sync import from {}: {} applied, {} held, {} conflicts",
                    header.site, done.applied, done.skipped, done.conflicts
                ),
            )?;
            Ok(done)
        })
    }

    /// The column names of every synced table, in order.
    pub(super) fn columns_of_synced(&self) -> Result<BTreeMap<String, Vec<String>>> {
        Ok(self
            .shapes()?
            .into_iter()
            .map(|(t, s)| (t, s.columns))
            .collect())
    }

    pub(super) fn shapes(&self) -> Result<BTreeMap<String, Shape>> {
        let mut out = BTreeMap::new();
        for t in TABLES {
            let mut stmt = self.conn.prepare(&format!("PRAGMA table_info({t})"))?;
            let rows: Vec<(String, i64)> = stmt
                .query_map([], |r| Ok((r.get(1)?, r.get(5)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut key: Vec<(i64, usize)> = rows
                .iter()
                .enumerate()
                .filter(|(_, (_, pk))| *pk > 0)
                .map(|(i, (_, pk))| (*pk, i))
                .collect();
            key.sort();
            let columns: Vec<String> = rows.into_iter().map(|(n, _)| n).collect();
            let refs: Vec<(usize, String)> = self
                .conn
                .prepare(&format!("PRAGMA foreign_key_list({t})"))?
                .query_map([], |r| Ok((r.get::<_, String>(3)?, r.get::<_, String>(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter_map(|(col, to)| columns.iter().position(|c| *c == col).map(|i| (i, to)))
                .collect();
            let key: Vec<usize> = key.into_iter().map(|(_, i)| i).collect();
            let insert = format!(
                "INSERT INTO {t} ({}) VALUES ({})",
                columns.join(", "),
                vec!["?"; columns.len()].join(", ")
            );
            let key_sql = key
                .iter()
                .map(|i| format!("{} = ?", columns[*i]))
                .collect::<Vec<_>>()
                .join(" AND ");
            out.insert(
                (*t).to_string(),
                Shape {
                    columns,
                    key,
                    refs,
                    insert,
                    key_sql,
                },
            );
        }
        Ok(out)
    }

    /// The peers met, with when each was last met, the latest first.
    pub fn peers(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT site, max(last_met) FROM peers GROUP BY site ORDER BY 2 DESC",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The conflicts not yet resolved, the latest first.
    pub fn sync_conflicts(&self) -> Result<Vec<ConflictRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, table_name, record, field, here, there, from_site, at FROM sync_conflicts
              WHERE resolved = '' ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ConflictRow {
                id: r.get(0)?,
                table: r.get(1)?,
                record: r.get(2)?,
                field: r.get(3)?,
                here: r.get(4)?,
                there: r.get(5)?,
                from_site: r.get(6)?,
                at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
