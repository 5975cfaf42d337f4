//! The county file: the townships' changes merged into one database, where a
//! village is known by township and name (新华村 is in many townships). Each
//! change is written as it stands, in the order it was made; a change held
//! already (by site and number) is skipped, so a township's newer file
//! updates the county file.

use anyhow::Result;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::Store;
use super::session::{Op, changes};
use super::sync::{Shape, decode, value_text};

impl Store {
    /// Merges a township's changes file into this county file. Returns the
    /// township's name and how many writes were merged.
    pub fn county_merge(&mut self, bytes: &[u8]) -> Result<(String, usize)> {
        let (header, entries) = decode(bytes)?;
        let shapes = self.shapes()?;
        let township = header.township.clone();
        let now = super::now();
        let merged = self.write_recorded(false, |w| {
            // The changes come in the order they were made; keys are checked
            // as a whole, not row by row.
            w.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            let mut merged = 0;
            for e in &entries {
                let held: bool = w.tx.query_row(
                    "SELECT count(*) > 0 FROM outbox WHERE site = ?1 AND seq = ?2",
                    rusqlite::params![e.site, e.seq],
                    |r| r.get(0),
                )?;
                if held {
                    continue;
                }
                for c in changes(&e.changes)? {
                    let Some(shape) = shapes.get(&c.table) else {
                        continue;
                    };
                    write_change(&w.tx, &c.table, shape, c.op, &c.old, c.new, &township)?;
                }
                w.tx.execute(
                    "INSERT INTO outbox (site, seq, changes, at) VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![e.site, e.seq, e.changes, now],
                )?;
                merged += 1;
            }
            let broken: Vec<(String, String)> =
                w.tx.prepare("PRAGMA foreign_key_check")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(2)?)))?
                    .collect::<rusqlite::Result<_>>()?;
            if let Some((table, parent)) = broken.first() {
                anyhow::bail!("county merge: {table} → {parent} ({} rows)", broken.len());
            }
            w.audit(
                "import",
                "outbox",
                None,
                &format!("county merge {township} ({}): {merged}", header.site),
            )?;
            Ok(merged)
        })?;
        Ok((township, merged))
    }
}

/// Writes one change as it stands; a village's name is given its township.
fn write_change(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    shape: &Shape,
    op: Op,
    old: &[Option<Value>],
    mut new: Vec<Option<Value>>,
    township: &str,
) -> Result<()> {
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
    let key_sql = shape
        .key
        .iter()
        .map(|i| format!("{} = ?", shape.columns[*i]))
        .collect::<Vec<_>>()
        .join(" AND ");
    match op {
        Op::Insert => {
            let cols: Vec<&str> = shape.columns.iter().map(String::as_str).collect();
            let marks = vec!["?"; cols.len()].join(", ");
            let values: Vec<Value> = new.into_iter().map(|v| v.unwrap_or(Value::Null)).collect();
            let inserted = tx
                .prepare_cached(&format!(
                    "INSERT INTO {table} ({}) VALUES ({marks})",
                    cols.join(", ")
                ))?
                .execute(params_from_iter(values.iter()));
            if let Err(e) = inserted {
                if e.sqlite_error_code() != Some(rusqlite::ErrorCode::ConstraintViolation) {
                    return Err(e.into());
                }
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
                        values[i] = Value::Integer(super::site::site_of(*id) * 1_000_000 + n);
                    }
                    tx.prepare_cached(&format!(
                        "INSERT INTO {table} ({}) VALUES ({marks})",
                        cols.join(", ")
                    ))?
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
                    // registered in two townships): listed, never dropped.
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
