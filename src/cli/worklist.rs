//! `shouhu worklist`: the weekly worklist as HTML, text, CSV, xlsx or PDF,
//! recorded as printed so that the returned sheet can be typed back in its order.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{Datelike, IsoWeek, NaiveDate};

use crate::i18n::{M, t, tf};
use crate::io::format::Format;
use crate::io::output;
use crate::io::pdf;
use crate::io::worklist::{self, Request};
use crate::store::Store;

/// What to print: the week (that of `--today` by default) and village.
pub fn request(
    today: NaiveDate,
    week: Option<IsoWeek>,
    village: Option<String>,
    officer: Option<String>,
) -> Request {
    Request {
        week: week.unwrap_or_else(|| today.iso_week()),
        village,
        officer,
        today,
    }
}

/// The file a worklist goes to when no `-o` is given.
pub fn default_path(req: &Request, format: Format) -> PathBuf {
    worklist::default_file(
        &crate::domain::date::week_label(req.week),
        req.village.as_deref(),
        req.officer.as_deref(),
        format.extension(),
    )
}

/// Prints a worklist to `path` and records it.
pub fn run(
    store: &mut Store,
    req: &Request,
    format: Format,
    path: &Path,
    font: Option<&Path>,
    width: usize,
) -> Result<()> {
    // A PDF needs a CJK font on the machine; without one, say so before anything is done.
    let font = match format {
        Format::Pdf => {
            if let Some(named) = font.filter(|f| !f.is_file()) {
                return Err(anyhow::anyhow!(tf(M::FileMissing, &[&named.display()])));
            }
            Some(
                pdf::find_cjk_font(font)
                    .ok_or_else(|| anyhow::anyhow!(tf(M::PdfUnavailable, &[&t(M::PdfNoFont)])))?,
            )
        }
        _ => None,
    };
    if req.officer.is_some() {
        eprintln!("{}{}", t(M::WarnPrefix), t(M::OfficerNotAssigned));
    }
    let list = worklist::build(store, req)?;
    let rows = output::print_worklist(
        store,
        (&list, req.today),
        format,
        font.as_deref(),
        path,
        width,
    )?;
    println!("{}", tf(M::Written, &[&path.display(), &rows]));
    Ok(())
}
