//! `shouhu pairing check` and `shouhu pairing review`: the checks of the
//! pairing ledger, one row per finding.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;

use crate::domain::idnum;
use crate::domain::pairing;
use crate::i18n::{M, P, t};
use crate::io::format::Format;
use crate::io::table::{Column, Doc, Group, csv_cell};
use crate::store::Store;

/// The header of `--format csv`, exactly as `interface.md` writes it.
pub const CSV_HEADER: &str = "check,name,id_number,village,helper,detail";

/// A finding as the officer reads it: the check, the child (name, masked ID,
/// village), the helper, and what to do.
pub struct Row {
    pub check: &'static str,
    pub name: String,
    pub id_number: String,
    pub village: String,
    pub helper: String,
    pub detail: String,
}

/// Every finding of the ledger on `today`.
pub fn rows(store: &Store, today: NaiveDate) -> Result<Vec<Row>> {
    let helpers = store.helpers()?;
    let findings = pairing::checks(
        &store.pairing_facts()?,
        &helpers,
        &store.pairings()?,
        &store.helper_activities()?,
        store.roster_reviewed()?,
        today,
    );
    let cases: std::collections::HashMap<i64, crate::store::children::CaseRow> =
        store.case_rows()?.into_iter().map(|c| (c.id, c)).collect();
    Ok(findings
        .iter()
        .map(|f| {
            let child = f.child.and_then(|id| cases.get(&id));
            let helper = f
                .helper
                .and_then(|id| helpers.iter().find(|h| h.id == id))
                .map(|h| format!("{}（{}）", h.name, h.unit))
                .unwrap_or_default();
            Row {
                check: f.check.code(),
                name: child.map(|c| c.name.clone()).unwrap_or_default(),
                id_number: child
                    .filter(|c| !c.id_number.is_empty())
                    .map(|c| idnum::mask(&c.id_number))
                    .unwrap_or_default(),
                village: child.map(|c| c.village.clone()).unwrap_or_default(),
                helper,
                detail: crate::i18n::pairing_words::detail(f),
            }
        })
        .collect())
}

pub fn run(store: &Store, today: NaiveDate, format: Format) -> Result<()> {
    let rows = rows(store, today)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut out);
            w.write_record(CSV_HEADER.split(','))?;
            for r in &rows {
                w.write_record([
                    r.check,
                    &csv_cell(&r.name),
                    &r.id_number,
                    &csv_cell(&r.village),
                    &csv_cell(&r.helper),
                    &r.detail,
                ])?;
            }
            w.flush()?;
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "check": r.check, "name": r.name, "id_number": r.id_number,
                        "village": r.village, "helper": r.helper, "detail": r.detail,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        _ => {
            let doc = Doc {
                columns: [
                    t(P::PcCheck),
                    t(M::ColName),
                    t(M::ColId),
                    t(M::ColVillage),
                    t(P::PcHelper),
                    t(P::PcDetail),
                ]
                .iter()
                .map(|m| Column::text(m, 10))
                .collect(),
                groups: vec![Group {
                    rows: rows
                        .iter()
                        .map(|r| {
                            vec![
                                r.check.to_string(),
                                r.name.clone(),
                                r.id_number.clone(),
                                r.village.clone(),
                                r.helper.clone(),
                                r.detail.clone(),
                            ]
                        })
                        .collect(),
                    ..Group::default()
                }],
                ..Doc::default()
            };
            write!(out, "{}", crate::io::plain::terminal(&doc))?;
        }
    }
    out.flush()?;
    Ok(())
}
