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
        ExportKind::Pairings | ExportKind::Referrals => bail!(tf(M::ExportNotYet, &[&what.code()])),
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
