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

pub fn run(
    store: &Store,
    today: NaiveDate,
    period: Option<Period>,
    format: Format,
    output: Option<PathBuf>,
) -> Result<()> {
    let period = period.unwrap_or_else(|| Period::quarter_of(today));
    let doc = report::doc(store, period, today)?;
    let path = match (output, format) {
        (Some(p), _) => p,
        (None, Format::Table) => {
            print!("{}", crate::io::plain::terminal(&doc));
            return Ok(());
        }
        (None, Format::Csv) => {
            table::write_csv(&doc, &mut std::io::stdout().lock())?;
            return Ok(());
        }
        (None, Format::Xlsx) => PathBuf::from(format!("report-{}.xlsx", period.label())),
        (None, _) => PathBuf::from(format!("report-{}.html", period.label())),
    };
    crate::io::output::write(&doc, format, &path)?;
    println!("{}", tf(M::Written, &[&path.display(), &doc.row_count()]));
    Ok(())
}
