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

/// Keeps the later version by `updated_at` (this side's on a tie).
pub(super) fn decide(c: &Conflict, columns: &BTreeMap<String, Vec<String>>) -> Resolution {
    let Some(cols) = columns.get(&c.table) else {
        return Resolution::Omit;
    };
    match c.kind {
        ConflictKind::Data | ConflictKind::Conflict => {
            let stamp = |row: &[Option<Value>]| col(row, cols, "updated_at").map(text);
            let there = stamp(&c.new)
                .filter(|s| !s.is_empty())
                .or_else(|| stamp(&c.old));
            let here = stamp(&c.here);
            if there > here {
                Resolution::Replace
            } else {
                Resolution::Omit
            }
        }
        _ => Resolution::Omit,
    }
}

/// Lists a conflict, a row per field that differs (or the other version
/// whole where there is nothing to compare with): `here` is this PC's value
/// as it was, `there` the other PC's, whichever was kept. Returns how many rows.
pub(super) fn record_conflict(
    w: &Writer<'_>,
    c: &Conflict,
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

/// What a value typed for a conflicting field is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    Text,
    Date,
    Phone,
}

/// Whether a field may be typed when settling, and as what. Only free text
/// (a phone, an address, a note) and dates are typed; a code (a status, a
/// relation, a category), a number, a child's name or ID number (whose
/// pinyin, birth date and gender follow from it) is taken from one side or
/// the other and corrected in its form.
fn typed_as(table: &str, field: &str) -> Option<Typed> {
    const TEXT: &[&str] = &[
        "address",
        "school",
        "grade",
        "notes",
        "note",
        "visitor",
        "met",
        "work_place",
        "unit",
        "problems",
        "actions",
        "next_step",
        "what",
        "answer",
        "measure",
        "problem",
        "responsible",
        "wish",
        "text",
        "bodies",
        "decisions",
        "village_contact",
        "director",
        "deputy",
        "home",
        "place",
        "parent_contact",
        "hukou_place",
        "exit_reason",
        "reopen_reason",
        "safety_education",
    ];
    const PAIRING: &[&str] = &[
        "body",
        "study",
        "hobbies",
        "parent_relation",
        "social_life",
        "mental_health",
        "family_situation",
        "family_benefits",
        "living_conditions",
        "family_health",
        "guardianship",
        "neighbours",
    ];
    let dated = ["date", "day", "since", "until", "start", "end"].contains(&field)
        || ["_on", "_date", "_trained", "_checked"]
            .iter()
            .any(|end| field.ends_with(end));
    if dated {
        Some(Typed::Date)
    } else if field == "phone" || field.ends_with("_phone") {
        Some(Typed::Phone)
    } else if TEXT.contains(&field)
        || field.ends_with("_note")
        || (field == "name" && table != "children")
        || (table == "pairings" && PAIRING.contains(&field))
    {
        Some(Typed::Text)
    } else {
        None
    }
}

/// Whether the officer may type a value for this field (else only take one
/// side or the other).
pub fn typeable(table: &str, field: &str) -> bool {
    typed_as(table, field).is_some()
}

/// A value typed for a field, as it is kept: a date as the file keeps dates,
/// a phone as the forms take phones, text trimmed; empty is empty, but for a
/// date the record must have (`required`). The officer's words for what is
/// wrong when it does not read as the field's.
fn typed_value(
    value: &str,
    typed: Typed,
    required: bool,
    today: NaiveDate,
) -> Result<String, String> {
    let value = value.trim();
    match typed {
        _ if value.is_empty() && !(required && typed == Typed::Date) => Ok(String::new()),
        Typed::Date => crate::domain::date::parse(value, today)
            .map(|d| d.to_string())
            .map_err(|_| tf(W::SyncValueBad, &[&value, &"2026-11-15"])),
        Typed::Phone => match crate::domain::text::phone_problem(value) {
            Some(problem) => Err(problem),
            None => Ok(value.to_string()),
        },
        Typed::Text => Ok(value.to_string()),
    }
}

/// A value as its column keeps it, by the column's declared type: empty is
/// NULL where the column allows it, a number a number. `None` when it cannot be.
fn stored(value: &str, declared: &str, not_null: bool) -> Option<Value> {
    let declared = declared.to_ascii_uppercase();
    let text = declared.is_empty() || declared.contains("TEXT") || declared.contains("CHAR");
    match value {
        "" if !not_null => Some(Value::Null),
        "" if text => Some(Value::Text(String::new())),
        "" => None,
        v if declared.contains("INT") => v.parse().ok().map(Value::Integer),
        v if declared.contains("REAL") => v.parse().ok().map(Value::Real),
        v => Some(Value::Text(v.to_string())),
    }
}

impl super::Store {
    /// The name of the child a conflicting record is of: the child itself,
    /// or the child its row points at; `None` for a record of no child.
    pub fn conflict_child(&self, table: &str, uuid: &str) -> Result<Option<String>> {
        // Table names from the schema itself, never from the file.
        let sql = if table == "children" {
            "SELECT name FROM children WHERE uuid = ?1".to_string()
        } else if self.synced_column(table, "child_id")?.is_some() {
            format!(
                "SELECT c.name FROM {table} t JOIN children c ON c.id = t.child_id
                  WHERE t.uuid = ?1"
            )
        } else {
            return Ok(None);
        };
        Ok(self.conn.query_row(&sql, [uuid], |r| r.get(0)).optional()?)
    }

    /// A synced table's column `field`: its declared type and whether it must
    /// have a value (a name from a file is used in SQL only once found here).
    fn synced_column(&self, table: &str, field: &str) -> Result<Option<(String, bool)>> {
        if !super::sync::TABLES.contains(&table) || field == "*" {
            return Ok(None);
        }
        Ok(self
            .conn
            .prepare_cached("SELECT type, \"notnull\" FROM pragma_table_info(?1) WHERE name = ?2")?
            .query_row([table, field], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The value a conflicting field holds now, as listed (`None` when the
    /// record or the field is not there).
    pub fn conflict_now(&self, table: &str, field: &str, uuid: &str) -> Result<Option<String>> {
        if self.synced_column(table, field)?.is_none()
            || self.synced_column(table, "uuid")?.is_none()
        {
            return Ok(None);
        }
        // Table and field by name from the schema itself, never from the file.
        let sql = format!("SELECT {field} FROM {table} WHERE uuid = ?1");
        let now: Option<Value> = self.conn.query_row(&sql, [uuid], |r| r.get(0)).optional()?;
        Ok(now.map(|v| value_text(&v)))
    }

    /// Settles a conflict: this PC's value, the other PC's, or another typed
    /// (a change of its own, which travels on; nothing written when the record
    /// holds it already). Audited. Returns what was done (采用对方, 改为 …); a
    /// value that is not the field's is refused, with nothing written.
    pub fn resolve_conflict(&mut self, id: i64, how: Settle, today: NaiveDate) -> Result<String> {
        let Some(c) = self.sync_conflicts()?.into_iter().find(|c| c.id == id) else {
            return Ok(String::new());
        };
        let (table, field) = (c.table.clone(), c.field.clone());
        // Only a field of a synced table with uuids, by name from the schema.
        let column = match field.as_str() {
            "updated_at" => None,
            _ if self.synced_column(&table, "uuid")?.is_none() => None,
            _ => self.synced_column(&table, &field)?,
        };
        let (value, words, mark) = match (how, &column) {
            (Settle::Here, None) => (None, t(W::SyncKeptHere).to_string(), "here"),
            (_, None) => anyhow::bail!(t(W::SyncWholeRow)),
            (Settle::Here, Some(_)) => {
                (Some(c.here.clone()), t(W::SyncKeptHere).to_string(), "here")
            }
            (Settle::There, Some(_)) => (
                Some(c.there.clone()),
                t(W::SyncTookThere).to_string(),
                "there",
            ),
            (Settle::Value(v), Some(_)) => {
                let Some(typed) = typed_as(&table, &field) else {
                    anyhow::bail!(t(W::SyncNotTyped));
                };
                let required = column.as_ref().is_some_and(|c| c.1);
                let v = typed_value(&v, typed, required, today).map_err(anyhow::Error::msg)?;
                let words = tf(W::SyncTyped, &[&v]);
                (Some(v), words, "typed")
            }
        };
        let value = match (&column, value) {
            (Some((declared, not_null)), Some(value)) => {
                match stored(&value, declared, *not_null) {
                    Some(v) => Some(v),
                    None => anyhow::bail!(tf(W::SyncValueCannot, &[&value])),
                }
            }
            _ => None,
        };
        let now = self.conflict_now(&table, &field, &c.record)?;
        let held = value.as_ref().map(value_text) == now;
        self.write(|w| {
            if let Some(v) = value.as_ref().filter(|_| !held) {
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
    fn only_free_text_and_dates_are_typed_and_read_as_such() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let typed = |table, field, v| {
            typed_as(table, field).and_then(|k| typed_value(v, k, false, today).ok())
        };
        // A date as officers write it, kept as the file keeps dates.
        assert_eq!(
            typed("visits", "date", "2026.11.15").as_deref(),
            Some("2026-11-15")
        );
        assert_eq!(typed("children", "exit_date", "上周"), None);
        assert_eq!(typed("children", "exit_date", " ").as_deref(), Some(""));
        // A phone as the forms take it, text trimmed.
        assert_eq!(
            typed("caregivers", "phone", " 13800000001 ").as_deref(),
            Some("13800000001")
        );
        assert_eq!(typed("caregivers", "phone", "无人接听"), None);
        assert_eq!(
            typed("caregivers", "name", " 奶奶 ").as_deref(),
            Some("奶奶")
        );
        // Codes, numbers, and what other fields follow from are never typed.
        for (table, field) in [
            ("children", "status"),
            ("caregivers", "relation"),
            ("caregivers", "able"),
            ("children", "name"),
            ("children", "id_number"),
            ("visits", "updated_at"),
            ("referrals", "state"),
        ] {
            assert!(!typeable(table, field), "{table}.{field}");
        }
    }

    #[test]
    fn a_value_is_kept_as_its_column_declares() {
        assert_eq!(stored("", "INTEGER", false), Some(Value::Null));
        assert_eq!(stored("", "TEXT", false), Some(Value::Null));
        assert_eq!(stored("", "TEXT", true), Some(Value::Text(String::new())));
        assert_eq!(stored("", "INTEGER", true), None);
        assert_eq!(stored("3", "INTEGER", false), Some(Value::Integer(3)));
        assert_eq!(stored("三", "INTEGER", false), None);
        assert_eq!(
            stored("51130420160718123X", "TEXT", false),
            Some(Value::Text("51130420160718123X".into()))
        );
    }
}
