//! A conflict met on importing another PC's changes: which version is kept
//! (the later `updated_at`, this side's on a tie), and the other listed,
//! field by field, in `sync_conflicts`.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::Writer;
use super::session::{Conflict, ConflictKind, Op, Resolution};
use super::sync::value_text;
use crate::i18n::{W, t, tf};

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

/// How the officer settles a conflict listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settle {
    /// This PC's value stays.
    Here,
    /// The other PC's value is taken.
    There,
    /// Neither: the value typed (the two were both out of date, say).
    Value(String),
}

/// A value typed for a field: shaped like the values the two PCs had (a
/// date stays a date, a number a number), trimmed. `None` when it is not.
fn typed_like(value: &str, here: &str, there: &str, today: NaiveDate) -> Option<String> {
    let value = value.trim();
    let dated = |v: &str| NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok();
    let number = |v: &str| v.parse::<i64>().is_ok();
    let was = |like: &dyn Fn(&str) -> bool| {
        [here, there].iter().any(|v| !v.is_empty())
            && [here, there].iter().all(|v| v.is_empty() || like(v))
    };
    if was(&dated) {
        return crate::domain::date::parse(value, today)
            .ok()
            .map(|d| d.to_string());
    }
    if was(&number) && !value.is_empty() {
        return number(value).then(|| value.to_string());
    }
    Some(value.to_string())
}

impl super::Store {
    /// The name of the child a conflicting record is of: the child itself,
    /// or the child its row points at; `None` for a record of no child.
    pub fn conflict_child(&self, table: &str, uuid: &str) -> Result<Option<String>> {
        let columns = self.columns_of_synced()?;
        let Some(cols) = columns.get(table) else {
            return Ok(None);
        };
        // Table names from the schema itself, never from the file.
        let sql = if table == "children" {
            "SELECT name FROM children WHERE uuid = ?1".to_string()
        } else if cols.iter().any(|c| c == "child_id") {
            format!(
                "SELECT c.name FROM {table} t JOIN children c ON c.id = t.child_id
                  WHERE t.uuid = ?1"
            )
        } else {
            return Ok(None);
        };
        Ok(self.conn.query_row(&sql, [uuid], |r| r.get(0)).optional()?)
    }

    /// Settles a conflict: this PC's value kept, the other PC's taken, or
    /// another typed (then a change of its own, which travels on). Audited.
    /// Returns what was done (采用对方, 改为 …); a value not shaped like the field's
    /// is refused, with nothing written.
    pub fn resolve_conflict(&mut self, id: i64, how: Settle, today: NaiveDate) -> Result<String> {
        let Some(c) = self.sync_conflicts()?.into_iter().find(|c| c.id == id) else {
            return Ok(String::new());
        };
        let columns = self.columns_of_synced()?;
        let known = columns
            .get(&c.table)
            .is_some_and(|cols| cols.contains(&c.field) && cols.iter().any(|n| n == "uuid"));
        // Only a field of a synced table, by name from the schema itself.
        let writable = known && c.field != "updated_at";
        let (value, words, mark) = match how {
            Settle::There if writable => (
                Some(c.there.clone()),
                t(W::SyncTookThere).to_string(),
                "there",
            ),
            Settle::Value(v) if writable => {
                let Some(v) = typed_like(&v, &c.here, &c.there, today) else {
                    anyhow::bail!(tf(W::SyncValueBad, &[&v.trim(), &c.here]));
                };
                (Some(v.clone()), tf(W::SyncTyped, &[&v]), "typed")
            }
            Settle::Value(_) | Settle::There => anyhow::bail!(t(W::SyncWholeRow)),
            _ => (None, t(W::SyncKeptHere).to_string(), "here"),
        };
        let (table, field) = (c.table.clone(), c.field.clone());
        self.write(|w| {
            if let Some(v) = &value {
                w.tx.execute(
                    &format!("UPDATE {table} SET {field} = ?1, updated_at = ?2 WHERE uuid = ?3"),
                    params![v, w.now, c.record],
                )?;
            }
            w.tx.execute(
                "UPDATE sync_conflicts SET resolved = ?2 WHERE id = ?1",
                params![id, mark],
            )?;
            w.audit(
                "set",
                "sync_conflicts",
                None,
                &format!("{table} {} {field}: {words}", c.record),
            )
        })?;
        Ok(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_typed_is_shaped_like_the_fields_values() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let like = |v, here, there| typed_like(v, here, there, today);
        // A date as officers write it, kept as the file keeps dates.
        assert_eq!(
            like("2026.11.15", "2026-11-01", "2026-11-03").as_deref(),
            Some("2026-11-15")
        );
        assert_eq!(like("上周", "2026-11-01", ""), None);
        // A number stays a number.
        assert_eq!(like(" 3 ", "2", "4").as_deref(), Some("3"));
        assert_eq!(like("三", "2", "4"), None);
        // Text is text; both sides empty says nothing about the shape.
        assert_eq!(like(" 奶奶 ", "爷爷", "外婆").as_deref(), Some("奶奶"));
        assert_eq!(like("abc", "", "").as_deref(), Some("abc"));
    }
}
