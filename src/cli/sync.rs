//! `shouhu sync`: changes between the PCs of a township, through files.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::i18n::{W, tf};
use crate::io::format::Format;
use crate::io::table::csv_cell;
use crate::store::Store;

/// The header of `sync conflicts --format csv`, exactly as the issue writes it.
pub const CONFLICTS_HEADER: &str = "table,record,field,here,there,from_site,at";

pub fn export(store: &mut Store, peer: Option<i64>, path: &Path) -> Result<()> {
    let (bytes, n) = store.sync_export(peer)?;
    crate::files::write_via(path, |tmp| Ok(std::fs::write(tmp, &bytes)?))?;
    println!("{}", tf(W::SyncExported, &[&n, &path.display()]));
    Ok(())
}

pub fn import(store: &mut Store, path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow::anyhow!(tf(crate::i18n::M::ImportCannotRead, &[&path.display(), &e]))
    })?;
    let done = store.sync_import(&bytes)?;
    println!(
        "{}",
        tf(
            W::SyncImported,
            &[&done.applied, &done.skipped, &done.conflicts]
        )
    );
    Ok(())
}

pub fn conflicts(store: &Store, format: Format) -> Result<()> {
    let rows = store.sync_conflicts()?;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|c| {
                    serde_json::json!({"table": c.table, "record": c.record, "field": c.field,
                        "here": c.here, "there": c.there, "from_site": c.from_site, "at": c.at})
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        Format::Csv => {
            writeln!(out, "{CONFLICTS_HEADER}")?;
            for c in &rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{}",
                    c.table,
                    csv_cell(&c.record),
                    csv_cell(&c.field),
                    csv_cell(&c.here),
                    csv_cell(&c.there),
                    c.from_site,
                    c.at
                )?;
            }
        }
        _ => {
            for c in &rows {
                writeln!(
                    out,
                    "{}  {} {}  {} | {}  ({} {})",
                    c.table, c.record, c.field, c.here, c.there, c.from_site, c.at
                )?;
            }
        }
    }
    Ok(())
}

/// `shouhu county merge FILE... -o COUNTY.db`: the county file built, or
/// brought up to date, from the townships' changes files.
pub fn county(files: &[std::path::PathBuf], output: &Path) -> Result<()> {
    let mut county = Store::open(output)?;
    // What it is at goes to standard error: the results to standard output.
    let tell = |what: String| eprintln!("{what}");
    for (township, n) in county.county_merge_telling(files, &tell)? {
        println!("{}", tf(W::CountyMerged, &[&township, &n]));
    }
    Ok(())
}
