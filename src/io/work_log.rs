//! The work log (工作日志, 002 003) as officers keep it: what shouhu recorded
//! as it was done (visits, reports, prints, every change) in the officer's
//! words, and the entries typed by hand (notes, coordination meetings, the
//! 儿童之家's activities), a month on one printable sheet.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::table::{Column, Doc, Group};
use crate::domain::{date, text};
use crate::i18n::{M, t};
use crate::store::{AuditEntry, Store};

/// An entry in the officer's words: `11-23 08:00 李芳 修改档案 监护人电话 138… → 139…`.
pub fn words(e: &AuditEntry) -> String {
    let at = e.at.replace('T', " ");
    let at = at.get(5..16).unwrap_or(&at);
    let action = match e.action.as_str() {
        "insert" => t(M::LogInsert),
        "update" => t(M::LogUpdate),
        "delete" => t(M::LogDelete),
        "export" => t(M::LogExport),
        "print" => t(M::LogPrint),
        "set" => t(M::LogSet),
        other => other,
    };
    let what = match e.table.as_str() {
        "children" => t(M::LogChild),
        "visits" => t(M::LogVisit),
        "worklists" => t(M::LogWorklist),
        "settings" => t(M::LogSettings),
        other => other,
    };
    let sep = if crate::i18n::lang() == crate::i18n::Lang::En {
        " "
    } else {
        ""
    };
    format!(
        "{at} {} {action}{sep}{what} {}",
        e.officer,
        changes(&e.changes)
    )
}

/// A value cut short for one line.
fn short(v: &serde_json::Value) -> String {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    if text.is_empty() {
        return "（空）".into();
    }
    if text::width(&text) > 12 {
        format!("{}…", text::truncate(&text, 11).trim_end_matches('…'))
    } else {
        text
    }
}

/// What changed, as words: each field by its name on the paper form, old → new.
fn changes(raw: &str) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(raw) else {
        return raw.to_string();
    };
    // An export or a print: what, how many rows, ID numbers how, which file.
    if let (Some(rows), Some(file)) = (map.get("rows"), map.get("file").and_then(|f| f.as_str())) {
        let ids = match map.get("ids").and_then(|i| i.as_str()) {
            Some("full") => t(M::ExportFull),
            Some(_) => t(M::ExportMasked),
            None => "",
        };
        let what = map.get("what").and_then(|w| w.as_str()).unwrap_or("");
        return format!("{what} {rows} {} {ids} → {file}", t(M::LogRows));
    }
    let label = |key: &str| {
        crate::io::columns::CHILDREN
            .iter()
            .chain(crate::io::columns::VISITS)
            .find(|c| c.key == key)
            .map_or_else(|| key.to_string(), |c| c.zh.to_string())
    };
    map.iter()
        .map(|(k, v)| match v {
            serde_json::Value::Array(pair) if pair.len() == 2 => {
                format!("{} {} → {}", label(k), short(&pair[0]), short(&pair[1]))
            }
            other => format!("{} {}", label(k), short(other)),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The work log of the month `day` falls in: each day's entries, the hand
/// entries first.
pub fn month(store: &Store, day: NaiveDate) -> Result<Doc> {
    let first = day.with_day(1).unwrap_or(day);
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(day);
    let mut rows: Vec<(NaiveDate, u8, Vec<String>)> = Vec::new();
    for n in store.work_notes(first, last)? {
        let mut what = vec![n.text.clone()];
        if !n.bodies.is_empty() {
            what.push(format!("参会单位：{}", n.bodies));
        }
        if !n.decisions.is_empty() {
            what.push(format!("议定事项：{}", n.decisions));
        }
        let place = if n.village.is_empty() {
            String::new()
        } else {
            format!("{} ", n.village)
        };
        rows.push((
            n.day,
            0,
            vec![
                date::iso(n.day),
                n.kind.zh().into(),
                format!("{place}{}", what.join("；")),
                n.officer,
            ],
        ));
    }
    for e in store.audit_between(first, last)? {
        let on = date::from_iso(e.at.get(..10).unwrap_or("")).unwrap_or(first);
        let line = words(&e);
        let line = line.get(12..).unwrap_or(&line).to_string();
        rows.push((
            on,
            1,
            vec![date::iso(on), "系统记录".into(), line, e.officer],
        ));
    }
    rows.sort_by_key(|(d, k, _)| (*d, *k));
    let township = store.setting("township")?.unwrap_or_default();
    Ok(Doc {
        title: format!("工作日志 · {}年{}月", first.year(), first.month()),
        meta: vec![township],
        group_header: String::new(),
        columns: vec![
            Column::text("日期", 10),
            Column::text("类别", 8),
            Column::text("工作内容", 56),
            Column::text("经办人", 8),
        ],
        groups: vec![Group {
            rows: rows.into_iter().map(|(_, _, r)| r).collect(),
            ..Group::default()
        }],
        notes: vec!["负责人（签名）：".into()],
    })
}
