//! A conflict met on importing another PC's changes: which version is kept
//! (the later `updated_at`, this side's on a tie), and the other listed,
//! field by field, in `sync_conflicts`.

use std::collections::BTreeMap;

use anyhow::Result;
use rusqlite::params;
use rusqlite::types::Value;

use super::Writer;
use super::session::{Conflict, ConflictKind, Op, Resolution};
use super::sync::value_text;

fn text(v: &Option<Value>) -> String {
    v.as_ref().map(value_text).unwrap_or_default()
}

/// The value of a column of a row, by name.
fn col<'a>(row: &'a [Option<Value>], cols: &[String], name: &str) -> Option<&'a Option<Value>> {
    cols.iter().position(|c| c == name).and_then(|i| row.get(i))
}

/// Keeps the later version by `updated_at` (this side's on a tie); returns
/// what to do and whether the other side's version is the one not kept.
pub(super) fn decide(c: &Conflict, columns: &BTreeMap<String, Vec<String>>) -> (Resolution, bool) {
    let Some(cols) = columns.get(&c.table) else {
        return (Resolution::Omit, true);
    };
    match c.kind {
        ConflictKind::Data | ConflictKind::Conflict => {
            let stamp = |row: &[Option<Value>]| col(row, cols, "updated_at").map(text);
            let there = stamp(&c.new)
                .filter(|s| !s.is_empty())
                .or_else(|| stamp(&c.old));
            let here = stamp(&c.here);
            if there > here {
                (Resolution::Replace, false)
            } else {
                (Resolution::Omit, true)
            }
        }
        _ => (Resolution::Omit, true),
    }
}

/// Lists the version not kept, a row per field that differs (or the whole
/// row where there is nothing to compare with). Returns how many rows.
pub(super) fn record_conflict(
    w: &Writer<'_>,
    c: &Conflict,
    theirs_lost: bool,
    columns: &BTreeMap<String, Vec<String>>,
    from_site: i64,
    at: &str,
) -> Result<usize> {
    let empty = Vec::new();
    let cols = columns.get(&c.table).unwrap_or(&empty);
    let record = {
        let pick =
            |row: &[Option<Value>]| col(row, cols, "uuid").map(text).filter(|s| !s.is_empty());
        pick(&c.here)
            .or_else(|| pick(&c.old))
            .or_else(|| pick(&c.new))
            .unwrap_or_else(|| text(c.old.first().or(c.new.first()).unwrap_or(&None)))
    };
    let kind = format!("{:?}", c.kind).to_lowercase();
    let mut rows: Vec<(String, String, String)> = Vec::new();
    if matches!(c.kind, ConflictKind::Data | ConflictKind::Conflict) {
        for (i, name) in cols.iter().enumerate() {
            if name == "updated_at" {
                continue;
            }
            let there = c.new.get(i).cloned().flatten().map(Some).unwrap_or(None);
            let Some(there) = there else { continue };
            let here = c.here.get(i).cloned().flatten();
            if here.as_ref() != Some(&there) {
                rows.push((name.clone(), text(&here), text(&Some(there))));
            }
        }
    }
    if rows.is_empty() {
        // Deleted here, a constraint, a key: the other version whole.
        let whole = if c.op == Op::Delete { &c.old } else { &c.new };
        let there: Vec<String> = cols
            .iter()
            .zip(whole)
            .filter_map(|(n, v)| {
                v.as_ref()
                    .map(|v| format!("{n}={}", text(&Some(v.clone()))))
            })
            .collect();
        rows.push(("*".into(), kind.clone(), there.join("; ")));
    }
    for (field, here, there) in &rows {
        // The version not kept goes in its column: `there` when theirs lost.
        let (here, there) = if theirs_lost {
            (here.clone(), there.clone())
        } else {
            (there.clone(), here.clone())
        };
        w.tx.execute(
            "INSERT INTO sync_conflicts (table_name, record, field, here, there, from_site, kind, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![c.table, record, field, here, there, from_site, kind, at],
        )?;
    }
    Ok(rows.len())
}
