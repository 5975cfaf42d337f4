//! Exports: children and visits as sheets that `import` reads back, ID and
//! phone numbers masked unless asked for in full; every export is audited.

use std::path::Path;

use anyhow::{Result, bail};

use super::columns::{self, Column as SheetColumn};
use super::format::{ExportKind, Format};
use super::table::{Column, Doc, Group};
use crate::domain::{idnum, text};
use crate::i18n::{M, tf};
use crate::store::Store;

/// The Chinese header of a column key, as the importer reads it.
fn header(cols: &[SheetColumn], key: &str) -> String {
    cols.iter()
        .find(|c| c.key == key)
        .map_or_else(|| key.to_string(), |c| c.zh.to_string())
}

fn mask_id(id: &str, full: bool) -> String {
    if full || id.is_empty() {
        id.to_string()
    } else {
        idnum::mask(id)
    }
}

/// The sheet of every child, one column per field of the case file.
pub fn children(store: &Store, full: bool) -> Result<Doc> {
    let mut keys: Vec<&'static str> = Vec::new();
    let mut rows = Vec::new();
    for id in store.child_ids_in_order()? {
        // A child listed but not readable is a damaged file: no short export.
        let Some(child) = store.child(id)? else {
            bail!(tf(M::DbCorrupt, &[&store.path_label()]));
        };
        let fields = child.fields();
        if keys.is_empty() {
            keys = fields.iter().map(|(k, _)| *k).collect();
        }
        rows.push(
            fields
                .into_iter()
                .map(|(key, value)| match key {
                    "id_number" => mask_id(&value, full),
                    k if k.ends_with("_phone") && !full => text::mask_phone(&value),
                    _ => value,
                })
                .collect(),
        );
    }
    if keys.is_empty() {
        keys = crate::domain::Child::new(chrono::NaiveDate::MIN)
            .fields()
            .iter()
            .map(|(k, _)| *k)
            .collect();
    }
    Ok(sheet(
        keys.iter().map(|k| header(columns::CHILDREN, k)).collect(),
        rows,
    ))
}

/// The sheet of every visit, in the columns of `import visits`.
pub fn visits(store: &Store, full: bool) -> Result<Doc> {
    let keys = [
        "id_number",
        "name",
        "village",
        "date",
        "kind",
        "visitor",
        "notes",
    ];
    let rows = store
        .visit_lines()?
        .into_iter()
        .map(|v| {
            vec![
                mask_id(&v.id_number, full),
                v.name,
                v.village,
                v.date,
                v.kind.map(|k| k.zh()).unwrap_or_default().to_string(),
                v.visitor,
                v.notes,
            ]
        })
        .collect();
    Ok(sheet(
        keys.iter().map(|k| header(columns::VISITS, k)).collect(),
        rows,
    ))
}

/// The pairing ledger as the township hands it upward: one row per pairing,
/// the columns of `import pairings` first (so that it reads back), then the
/// helper, what was done during the pairing, and the ledger in paper order.
pub fn pairings(store: &Store, full: bool) -> Result<Doc> {
    use crate::domain::Gender;
    use crate::domain::pairing::{HelperKind, LEDGER};
    let mut headers: Vec<String> = [
        "child_id_number",
        "child_name",
        "village",
        "helper",
        "helper_unit",
        "start",
        "end",
        "intended",
    ]
    .iter()
    .map(|k| header(columns::PAIRINGS, k))
    .collect();
    headers.extend(
        [
            "结束原因",
            "帮扶人类型",
            "帮扶人性别",
            "帮扶人电话",
            "巡查走访次数",
            "慰问次数",
            "心愿（已实现/提出）",
            "转交问题",
        ]
        .map(String::from),
    );
    headers.extend(LEDGER.iter().map(|f| f.zh.to_string()));
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
    let rows = store
        .pairing_lines()?
        .into_iter()
        .map(|p| {
            let mut row = vec![
                mask_id(&p.id_number, full),
                p.name,
                p.village,
                p.helper,
                p.unit,
                p.start,
                p.end.unwrap_or_default(),
                yes_no(p.intended),
                p.end_reason,
                HelperKind::from_code(&p.kind).map_or(p.kind.clone(), |k| k.zh().to_string()),
                p.gender
                    .as_deref()
                    .and_then(Gender::from_code)
                    .map(|g| g.zh().to_string())
                    .unwrap_or_default(),
                if full {
                    p.phone
                } else {
                    text::mask_phone(&p.phone)
                },
                p.visits.to_string(),
                p.care.to_string(),
                format!("{}/{}", p.wishes_done, p.wishes),
                p.problems.to_string(),
            ];
            row.extend(p.fields);
            row
        })
        .collect();
    Ok(sheet(headers, rows))
}

/// A plain sheet: headers in the first row, nothing above them.
fn sheet(headers: Vec<String>, rows: Vec<Vec<String>>) -> Doc {
    Doc {
        columns: headers.iter().map(|h| Column::text(h, 12)).collect(),
        groups: vec![Group {
            rows,
            ..Group::default()
        }],
        ..Doc::default()
    }
}

/// Writes an export and its line in the audit log; returns the rows written.
/// The line is written before the file appears, and a failed export leaves
/// no file behind (full ID numbers included).
pub fn export(
    store: &mut Store,
    what: ExportKind,
    format: Format,
    full: bool,
    output: &Path,
) -> Result<usize> {
    let doc = match what {
        ExportKind::Children => children(store, full)?,
        ExportKind::Visits => visits(store, full)?,
        ExportKind::Pairings => pairings(store, full)?,
        ExportKind::Referrals => bail!(tf(M::ExportNotYet, &[&what.code()])),
    };
    let rows = doc.row_count();
    let changes = serde_json::json!({
        "what": what.code(),
        "rows": rows,
        "ids": if full { "full" } else { "masked" },
        "format": if format == Format::Xlsx { "xlsx" } else { "csv" },
        "file": output.display().to_string(),
    });
    crate::files::write_via(output, |tmp| {
        super::output::render(&doc, format, tmp)?;
        store.write(|w| w.audit("export", what.code(), None, &changes.to_string()))
    })?;
    Ok(rows)
}
