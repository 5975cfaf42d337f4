//! The county file: the townships' changes merged into one database, where a
//! village is known by township and name (新华村 is in many townships). Each
//! change is written as it stands, in the order it was made; a change held
//! already (by site and number) is skipped, so a township's newer file
//! updates the county file.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::PathBuf;

use anyhow::Result;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::Store;
use super::changeset_bytes::{Row, each};
use super::session::Op;
use super::session_insert::Insert;
use super::sync::{Shape, value_text};
use crate::i18n::{W, tf};

impl Store {
    /// Merges the townships' changes files into this county file, all in one
    /// transaction (a broken file merges none). Returns, for each file, the
    /// township's name and how many writes were merged.
    pub fn county_merge(&mut self, files: &[PathBuf]) -> Result<Vec<(String, usize)>> {
        self.county_merge_telling(files, &|_| {})
    }

    /// As [`Store::county_merge`], saying what it is at as it goes (a merge
    /// of twenty townships takes minutes).
    pub fn county_merge_telling(
        &mut self,
        files: &[PathBuf],
        tell: &dyn Fn(String),
    ) -> Result<Vec<(String, usize)>> {
        // Big files (a township's first carries everything it holds) are
        // written with the secondary indexes and the triggers set aside and
        // built again after: one sort each instead of millions of scattered
        // inserts.
        let size: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        self.merge(files, tell, size > BULK_BYTES)
    }

    /// As [`Store::county_merge`], written in bulk whatever the files' size,
    /// the way twenty townships' first files are: for the tests of that way.
    pub fn county_merge_in_bulk(&mut self, files: &[PathBuf]) -> Result<Vec<(String, usize)>> {
        self.merge(files, &|_| {}, true)
    }

    fn merge(
        &mut self,
        files: &[PathBuf],
        tell: &dyn Fn(String),
        bulk: bool,
    ) -> Result<Vec<(String, usize)>> {
        // A township's own file given as the county file would become
        // read-only: refused, with nothing written.
        if !self.county() && !super::sync_prune::holds_nothing(&self.conn)? {
            anyhow::bail!(tf(W::CountyNotTownship, &[&self.path_label()]));
        }
        let shapes = self.shapes()?;
        let now = super::now();
        if bulk && !self.county() {
            // A new county file: each uuid's index made one the merge can
            // set aside (no other index costs the merge as much).
            super::county_uuid::apart(&self.conn)?;
        }
        // (A cache four times as big was tried on 20 townships: no faster.)
        self.conn.pragma_update(None, "cache_size", CACHE_KB)?;
        // The index builds sort with a second thread (the PC's other core).
        self.conn.pragma_update(None, "threads", 2)?;
        if bulk {
            // Mostly new pages, which a rollback journal need not copy and a
            // WAL would write twice (the next open goes back to WAL).
            let _mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            // The index builds' sorts in runs on disk, sorted on the other
            // core (kept in memory, SQLite sorts them in one run on this one:
            // the visits' uuid index 10 s instead of 4). Set outside the
            // transaction, which SQLite requires.
            self.conn.pragma_update(None, "temp_store", "FILE")?;
        }
        let mut township = String::new();
        let merged = self.write_recorded(false, |w| {
            // The changes come in the order they were made; keys are checked
            // as a whole, at the commit (SQLite counts what is left broken).
            w.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            // A county file: its township records are read, not written.
            w.set_setting("county", "1")?;
            let set_aside = if bulk { set_aside(&w.tx)? } else { Vec::new() };
            let mut done = Vec::new();
            // Twins found by earlier merges, and by this one as it goes.
            let mut twins = Twins::new();
            for row in
                w.tx.prepare("SELECT table_name, theirs, ours FROM id_map")?
                    .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
            {
                let (table, theirs, ours) = row?;
                twins.entry(table).or_default().insert(theirs, ours);
            }
            // Read and checked on a second thread while this one writes.
            std::thread::scope(|scope| -> Result<()> {
                let mut inserts: HashMap<String, Insert<'_>> = HashMap::new();
                for (i, read) in super::county_read::feed(scope, files)
                    .into_iter()
                    .enumerate()
                {
                    let (header, entries) = read?;
                    tell(tf(
                        W::CountyMerging,
                        &[&header.township, &(i + 1), &files.len()],
                    ));
                    township.clone_from(&header.township);
                    let mut merged = 0;
                    for e in &entries {
                        if super::sync_prune::held(&w.tx, e.site, e.seq)? {
                            continue;
                        }
                        each(&e.changes, |c| {
                            let Some(shape) = shapes.get(c.table) else {
                                return Ok(());
                            };
                            if plain(c, shape, &twins) {
                                let insert = match inserts.entry(c.table.to_string()) {
                                    Entry::Occupied(o) => o.into_mut(),
                                    Entry::Vacant(v) => {
                                        v.insert(Insert::new(&w.tx, &shape.insert)?)
                                    }
                                };
                                if insert.write(c)? {
                                    return Ok(());
                                }
                            }
                            let c = c.change();
                            write_change(
                                &w.tx, &c.table, shape, c.op, &c.old, c.new, &township, &mut twins,
                            )
                        })?;
                        // Only that it is held: the county passes no changes on.
                        w.tx.execute(
                            "INSERT INTO outbox (site, seq, changes, at) VALUES (?1, ?2, x'', ?3)",
                            rusqlite::params![e.site, e.seq, now],
                        )?;
                        merged += 1;
                    }
                    w.audit(
                        "import",
                        "outbox",
                        None,
                        &format!("county merge {township} ({}): {merged}", header.site),
                    )?;
                    done.push((township.clone(), merged));
                }
                Ok(())
            })?;
            if bulk {
                tell(crate::i18n::t(W::CountyIndexing).to_string());
                // The registry's indexes first; the last visits and the due
                // dates are then worked out whole, their own indexes built
                // after them, and the triggers (which would have marked every
                // child as touched on the way) last.
                let (triggers, indexes): (Vec<&String>, Vec<&String>) = set_aside
                    .iter()
                    .partition(|sql| sql.starts_with("CREATE TRIGGER"));
                let (derived, registry): (Vec<&String>, Vec<&String>) = indexes
                    .into_iter()
                    .partition(|sql| DERIVED.iter().any(|t| sql.contains(t)));
                // SQLite sorts an index's keys in memory in one run on this
                // thread while they fit in the page cache; a smaller cache
                // has them sorted in runs on the other core as they are read.
                w.tx.pragma_update(None, "cache_size", SORT_RUN_KB)?;
                for sql in registry {
                    // A uuid kept unique by an index of its own (a county
                    // file made in bulk): a record that came under two ids is
                    // made one as the index is built.
                    match super::county_uuid::table_of(sql) {
                        Some(table) => super::county_uuid::build(&w.tx, sql, table, &now)?,
                        None => w.tx.execute_batch(sql)?,
                    }
                }
                w.tx.pragma_update(None, "cache_size", CACHE_KB)?;
                super::site::last_visits_again(&w.tx)?;
                super::due_kept::refresh(&w.tx, true)?;
                for sql in derived.into_iter().chain(triggers) {
                    w.tx.execute_batch(sql)?;
                }
            }
            // After the indexes are back: what points at a twin is found by them.
            super::sync_map::point_to_ours(&w.tx, super::sync::TABLES, 0, &now)?;
            Ok(done)
        });
        if merged.is_ok() {
            self.county = true;
        }
        // Back as the screens have it; a failure here is no merge's failure.
        let _ = self.conn.pragma_update(None, "temp_store", "MEMORY");
        merged.map_err(|e| match e.downcast_ref::<rusqlite::Error>() {
            Some(s) if s.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                anyhow::anyhow!(tf(W::CountyBroken, &[&township]))
            }
            _ => e,
        })
    }
}

/// A referral's number in a county file: another township's number `n` is
/// kept after its site, so that both townships' number 1 stand.
fn county_number(site: i64, n: i64) -> i64 {
    site * PAPER + n
}

/// The number a county file's referral bears on its township's paper form.
pub fn paper_number(kept: i64) -> i64 {
    kept % PAPER
}

const PAPER: i64 = 1_000_000;

/// The page cache of a merge (512 MB), and while the indexes are built
/// (the size of each run of keys sorted on the other core): negative, in KB.
const CACHE_KB: i64 = -512 * 1024;
const SORT_RUN_KB: i64 = -32 * 1024;

/// The tables kept from the others (by triggers, in a township), whose
/// indexes a bulk merge builds after filling them.
const DERIVED: [&str; 2] = [" ON child_last_visit(", " ON child_due("];

/// Changes files larger than this are merged in bulk.
const BULK_BYTES: u64 = 4 << 20;

/// Drops the secondary indexes and the triggers, returning the statements
/// that make them again (in this transaction: a failed merge keeps them).
fn set_aside(tx: &rusqlite::Transaction<'_>) -> Result<Vec<String>> {
    let found: Vec<(String, String, String)> = tx
        .prepare(
            "SELECT type, name, sql FROM sqlite_master
             WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, name, _) in &found {
        tx.execute_batch(&format!("DROP {kind} {name}"))?;
    }
    Ok(found.into_iter().map(|(_, _, sql)| sql).collect())
}

/// Whether a change is written as it stands, straight from the changeset:
/// an insert that no twin, village name or referral number touches.
fn plain(c: &Row<'_>, shape: &Shape, twins: &Twins) -> bool {
    c.op == Op::Insert
        && !matches!(c.table, "villages" | "referrals")
        && (twins.is_empty()
            || shape.refs.iter().all(|(i, to)| {
                twins
                    .get(to)
                    .is_none_or(|map| c.new_integer(*i).is_none_or(|id| !map.contains_key(&id)))
            }))
}

/// The records of another township that are one of ours (a child
/// registered in two townships), by table: their id → ours.
type Twins = HashMap<String, HashMap<i64, i64>>;

/// Writes one change as it stands; a village's name is given its township,
/// and what points at a twin points at ours (so that no reference is left
/// hanging while the merge goes on).
#[allow(clippy::too_many_arguments)]
fn write_change(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    shape: &Shape,
    op: Op,
    old: &[Option<Value>],
    mut new: Vec<Option<Value>>,
    township: &str,
    twins: &mut Twins,
) -> Result<()> {
    if !twins.is_empty() {
        for (i, to) in &shape.refs {
            if let Some(map) = twins.get(to)
                && let Some(Some(Value::Integer(id))) = new.get(*i)
                && let Some(ours) = map.get(id)
            {
                new[*i] = Some(Value::Integer(*ours));
            }
        }
    }
    if table == "villages"
        && let Some(i) = shape.columns.iter().position(|c| c == "name")
        && let Some(Some(Value::Text(name))) = new.get(i).cloned()
        && !township.is_empty()
        && !name.starts_with(&format!("{township}·"))
    {
        new[i] = Some(Value::Text(format!("{township}·{name}")));
    }
    let key_of = |row: &[Option<Value>]| -> Vec<Value> {
        shape
            .key
            .iter()
            .map(|i| row.get(*i).cloned().flatten().unwrap_or(Value::Null))
            .collect()
    };
    let key_sql = &shape.key_sql;
    match op {
        Op::Insert => {
            let values: Vec<Value> = new.into_iter().map(|v| v.unwrap_or(Value::Null)).collect();
            // A file from an older shouhu has fewer columns (they are only
            // ever added at the end): the rest take their defaults.
            let insert = if values.len() < shape.columns.len() {
                let cols = &shape.columns[..values.len()];
                format!(
                    "INSERT INTO {table} ({}) VALUES ({})",
                    cols.join(", "),
                    vec!["?"; cols.len()].join(", ")
                )
            } else {
                shape.insert.clone()
            };
            let inserted = tx
                .prepare_cached(&insert)?
                .execute(params_from_iter(values.iter()));
            if let Err(e) = inserted {
                if e.sqlite_error_code() != Some(rusqlite::ErrorCode::ConstraintViolation) {
                    return Err(e.into());
                }
                // The row's own columns (an older file's fewer), in every
                // statement below as in the insert above.
                let cols: Vec<&str> = shape.columns[..values.len().min(shape.columns.len())]
                    .iter()
                    .map(String::as_str)
                    .collect();
                let key: Vec<Value> = shape.key.iter().map(|i| values[*i].clone()).collect();
                // Here with this key: the same record (by uuid) again, or
                // another township's record that happens to share the key.
                let uuid_at = cols.iter().position(|c| *c == "uuid");
                let here_uuid: Option<String> = match uuid_at {
                    Some(_) => tx
                        .query_row(
                            &format!("SELECT uuid FROM {table} WHERE {key_sql}"),
                            params_from_iter(key.iter()),
                            |r| r.get(0),
                        )
                        .ok(),
                    None => None,
                };
                let same = match (uuid_at, &here_uuid) {
                    (Some(i), Some(u)) => value_text(&values[i]) == *u,
                    (None, _) => tx.query_row(
                        &format!("SELECT count(*) > 0 FROM {table} WHERE {key_sql}"),
                        params_from_iter(key.iter()),
                        |r| r.get(0),
                    )?,
                    (Some(_), None) => false,
                };
                let here = same;
                let no = cols.iter().position(|c| *c == "no");
                if !here
                    && table == "referrals"
                    && let Some(i) = no
                {
                    // A referral's number is its township's: another township's
                    // number 1 is in the county file already. Numbered after
                    // its site there, so that both stand.
                    let mut values = values.clone();
                    if let (Value::Integer(id), Value::Integer(n)) = (&values[0], &values[i]) {
                        values[i] = Value::Integer(county_number(super::site::site_of(*id), *n));
                    }
                    tx.prepare_cached(&insert)?
                        .execute(params_from_iter(values))?;
                    return Ok(());
                }
                if here {
                    // The same record again: it stands as the change says.
                    let sets: Vec<String> = cols.iter().map(|c| format!("{c} = ?")).collect();
                    let mut all = values.clone();
                    all.extend(key);
                    tx.prepare_cached(&format!(
                        "UPDATE {table} SET {} WHERE {key_sql}",
                        sets.join(", ")
                    ))?
                    .execute(params_from_iter(all))?;
                } else {
                    // Another record holds what must be unique (one ID number
                    // registered in two townships): listed, never dropped, and
                    // what points at it (the child's visits) pointed at ours.
                    let row: Vec<Option<Value>> = values.iter().cloned().map(Some).collect();
                    let columns: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
                    if let Some((theirs, ours)) = super::sync_map::twin(tx, table, &columns, &row)?
                    {
                        twins
                            .entry(table.to_string())
                            .or_default()
                            .insert(theirs, ours);
                    }
                    let there: Vec<String> = cols
                        .iter()
                        .zip(&values)
                        .map(|(c, v)| format!("{c}={}", value_text(v)))
                        .collect();
                    let uuid = cols
                        .iter()
                        .position(|c| *c == "uuid")
                        .map(|i| value_text(&values[i]))
                        .unwrap_or_default();
                    tx.execute(
                        "INSERT INTO sync_conflicts (table_name, record, field, here, there,
                            from_site, kind, at) VALUES (?1, ?2, '*', ?3, ?4, 0, 'constraint', ?5)",
                        rusqlite::params![table, uuid, e.to_string(), there.join("; "), township],
                    )?;
                }
            }
        }
        Op::Update => {
            let (mut sets, mut values) = (Vec::new(), Vec::new());
            for (i, v) in new.into_iter().enumerate() {
                if let Some(v) = v {
                    sets.push(format!("{} = ?", shape.columns[i]));
                    values.push(v);
                }
            }
            if sets.is_empty() {
                return Ok(());
            }
            values.extend(key_of(old));
            tx.prepare_cached(&format!(
                "UPDATE {table} SET {} WHERE {key_sql}",
                sets.join(", ")
            ))?
            .execute(params_from_iter(values))?;
        }
        Op::Delete => {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE {key_sql}"))?
                .execute(params_from_iter(key_of(old)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// A child's row as a file from before the later columns carries it:
    /// written, then the same record again, then another township's with the
    /// same ID number; each names only the row's own columns.
    #[test]
    fn a_short_row_from_an_older_file_names_its_own_columns_in_every_statement() {
        let mut township = Store::open_in_memory().unwrap();
        let mut c = crate::domain::Child::new(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        c.name = "测试甲".into();
        c.village = "白果村".into();
        c.id_number = "990101201503020019".into();
        township.save_child(&mut c).unwrap();
        let shapes = township.shapes().unwrap();
        let shape = &shapes["children"];
        let short = shape
            .columns
            .iter()
            .position(|c| c == "updated_at")
            .unwrap()
            + 1;
        assert!(short < shape.columns.len(), "children gained columns since");
        let row: Vec<Option<Value>> = township
            .conn
            .query_row(
                &format!(
                    "SELECT {} FROM children WHERE id = ?1",
                    shape.columns[..short].join(", ")
                ),
                [c.id],
                |r| (0..short).map(|i| r.get(i).map(Some)).collect(),
            )
            .unwrap();
        let mut county = Store::open_in_memory().unwrap();
        county
            .conn
            .execute_batch("PRAGMA foreign_keys = OFF")
            .unwrap();
        let tx = county.conn.transaction().unwrap();
        let name = shape.columns.iter().position(|c| c == "name").unwrap();
        let uuid = shape.columns.iter().position(|c| c == "uuid").unwrap();
        let mut twins = Twins::new();
        let mut write = |row: &[Option<Value>]| {
            write_change(
                &tx,
                "children",
                shape,
                Op::Insert,
                &[],
                row.to_vec(),
                "清溪镇",
                &mut twins,
            )
        };
        write(&row).unwrap();
        let mut again = row.clone();
        again[name] = Some(Value::Text("测试乙".into()));
        write(&again).unwrap();
        let mut other = again.clone();
        other[0] = Some(Value::Integer(7 << 43));
        other[uuid] = Some(Value::Text("another-township".into()));
        write(&other).unwrap();
        let (names, listed): (String, i64) = tx
            .query_row(
                "SELECT (SELECT group_concat(name) FROM children),
                        (SELECT count(*) FROM sync_conflicts)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((names.as_str(), listed), ("测试乙", 1));
    }
}
