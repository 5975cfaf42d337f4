//! Importing survey sheets and visit records: every row validated, then all of
//! it written in one transaction (or, with `skip_invalid`, the valid rows).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::NaiveDate;

mod activities;
mod benefits;
mod check;
mod children;
mod clerks;
mod helpers;
pub mod national;
mod pairings;
pub mod templates;
mod visits;

pub use activities::import_activities;
pub use benefits::import_benefits;
pub use children::{Preview, import_children, preview_children};
pub use helpers::import_helpers;
pub use pairings::import_pairings;
pub use visits::import_visits;

use super::sheet::{Row, Sheet};
use crate::i18n::{M, t, tf};
use crate::store::Store;
use check::Sorted;

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Spreadsheet row number (header = 1); 0 for the file as a whole.
    pub row: usize,
    /// The column's header as the file writes it.
    pub column: String,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.row == 0 {
            f.write_str(&self.reason)
        } else {
            f.write_str(&tf(
                M::ImportRowError,
                &[&self.row, &self.column, &self.reason],
            ))
        }
    }
}

/// What an import did (or, refused, would have had to fix).
#[derive(Debug, Default)]
pub struct Outcome {
    pub added: usize,
    pub updated: usize,
    /// Rows that matched a record and changed nothing in it.
    pub unchanged: usize,
    pub rejected: usize,
    pub problems: Vec<Problem>,
    pub warnings: Vec<String>,
    /// Where the rejected rows went (with `skip_invalid`).
    pub rejected_file: Option<PathBuf>,
    /// Nothing was written because of problems.
    pub refused: bool,
}

/// Told how far an import has got: rows written, rows in all.
pub type ProgressFn<'a> = &'a dyn Fn(usize, usize);

/// Options of an import.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    pub today: NaiveDate,
    pub skip_invalid: bool,
    /// Told of the progress of a long import (500 rows or more).
    pub progress: Option<ProgressFn<'a>>,
    /// The village and category of a sheet that does not say them.
    pub defaults: national::Defaults<'a>,
    /// The mapping of the columns shouhu does not understand by itself.
    pub template: Option<&'a templates::Template>,
}

/// Reports the invalid rows: refuses the import, or writes them aside.
/// Returns true when nothing is to be written.
fn settle(
    out: &mut Outcome,
    bad: &[(&Row, Vec<Problem>)],
    path: &Path,
    sheet: &Sheet,
    opts: Options,
) -> Result<bool> {
    for (_, problems) in bad {
        out.problems.extend(problems.iter().cloned());
    }
    out.rejected = bad.len();
    if bad.is_empty() {
        return Ok(false);
    }
    if !opts.skip_invalid {
        out.refused = true;
        return Ok(true);
    }
    let dest = PathBuf::from(format!("{}.rejected.csv", path.display()));
    let dest = crate::files::target(&dest, crate::files::Existing::Number, None)?;
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    let mut w = csv::Writer::from_writer(&mut bytes);
    let mut header = sheet.headers.clone();
    header.push(t(M::ReasonColumn).into());
    w.write_record(&header)?;
    for (row, problems) in bad {
        let mut record: Vec<String> = (0..sheet.headers.len())
            .map(|i| row.cells.get(i).map(|c| c.text.clone()).unwrap_or_default())
            .collect();
        let reasons: Vec<String> = problems.iter().map(ToString::to_string).collect();
        record.push(reasons.join("；"));
        let record: Vec<String> = record
            .iter()
            .map(|c| crate::io::table::csv_cell(c).into_owned())
            .collect();
        w.write_record(&record)?;
    }
    w.flush()?;
    drop(w);
    crate::files::write_bytes(&dest, &bytes)?;
    out.rejected_file = Some(dest);
    Ok(false)
}

/// The end of an import of the ledger's sheets: the invalid rows refuse it (or
/// go aside), then the valid ones are written in one transaction; `save` says
/// whether a row was added (else it updated or changed nothing: `again`).
fn finish<T>(
    store: &mut Store,
    (sheet, path, opts): (&Sheet, &Path, Options),
    mut out: Outcome,
    rows: &Sorted<T>,
    again: fn(&mut Outcome),
    save: impl Fn(&crate::store::Writer, &T) -> Result<bool>,
) -> Result<Outcome> {
    if settle(&mut out, &rows.bad, path, sheet, opts)? {
        return Ok(out);
    }
    let mut bar = Progress::new(opts.progress, rows.valid.len());
    store.write(|w| {
        for (i, row) in rows.valid.iter().enumerate() {
            bar.tick(i);
            if save(w, row)? {
                out.added += 1;
            } else {
                again(&mut out);
            }
        }
        Ok(())
    })?;
    bar.done();
    Ok(out)
}

/// Progress told to the caller's callback, once per row written and once at the end.
struct Progress<'a> {
    tell: Option<ProgressFn<'a>>,
    total: usize,
}

impl<'a> Progress<'a> {
    fn new(tell: Option<ProgressFn<'a>>, total: usize) -> Progress<'a> {
        Progress {
            tell: tell.filter(|_| total >= 500),
            total,
        }
    }

    fn tick(&mut self, done: usize) {
        if let Some(tell) = self.tell {
            tell(done, self.total);
        }
    }

    fn done(&mut self) {
        self.tick(self.total);
    }
}

/// Checks that every problem of a refused import names a row, for the caller's
/// exit code. Used by the command line.
pub fn fail_if_refused(out: &Outcome) -> Result<()> {
    if out.refused {
        bail!(tf(M::ImportRefused, &[&out.problems.len()]));
    }
    Ok(())
}
