//! `shouhu report`: the figures of a quarter, half year or year, per village
//! and for the township.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;

use crate::domain::date::Period;
use crate::i18n::{M, tf};
use crate::io::format::Format;
use crate::io::{report, table};
use crate::store::Store;

/// The file a report goes to when no `-o` is given (and it is not printed).
pub fn default_path(period: Period, format: Format, pairings: bool) -> PathBuf {
    let what = if pairings { "pairings" } else { "report" };
    PathBuf::from(format!("{what}-{}.{}", period.label(), format.extension()))
}

/// Prints the report (table or CSV without `path`) or writes it to `path`:
/// the register's figures, or with `pairings` the pairing report.
pub fn run(
    store: &Store,
    today: NaiveDate,
    (period, pairings): (Period, bool),
    format: Format,
    path: Option<PathBuf>,
) -> Result<()> {
    let doc = if pairings {
        crate::io::pairing_report::doc(store, period, today)?
    } else {
        report::doc(store, period, today)?
    };
    let Some(path) = path else {
        if format == Format::Csv {
            table::write_csv(&doc, &mut std::io::stdout().lock())?;
        } else {
            print!("{}", crate::io::plain::terminal(&doc));
        }
        return Ok(());
    };
    crate::io::output::write(&doc, format, &path)?;
    println!("{}", tf(M::Written, &[&path.display(), &doc.row_count()]));
    Ok(())
}
