//! `shouhu worklist`: the weekly worklist as HTML, text, CSV or xlsx, recorded
//! as printed so that the returned sheet can be typed back in its order.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{Datelike, IsoWeek, NaiveDate};

use super::args::Format;
use crate::i18n::{M, t, tf};
use crate::io::worklist::{self, Request};
use crate::io::{pdf, table};
use crate::store::Store;

/// Lines on a page of the text worklist (A4 at 6 lines per inch, less margins).
pub const TXT_PAGE_LINES: usize = 60;

#[allow(clippy::too_many_arguments)]
pub fn run(
    store: &mut Store,
    today: NaiveDate,
    week: Option<IsoWeek>,
    village: Option<String>,
    officer: Option<String>,
    format: Format,
    output: Option<PathBuf>,
    font: Option<&Path>,
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
    if officer.is_some() {
        eprintln!(
            "{}{}",
            crate::i18n::t(M::WarnPrefix),
            crate::i18n::t(M::OfficerNotAssigned)
        );
    }
    let req = Request {
        week: week.unwrap_or_else(|| today.iso_week()),
        village,
        officer,
        today,
    };
    let ext = extension(format);
    let path = output.unwrap_or_else(|| {
        worklist::default_file(
            &crate::domain::date::week_label(req.week),
            req.village.as_deref(),
            req.officer.as_deref(),
            ext,
        )
    });
    let rows = print(store, &req, format, font.as_deref(), &path)?;
    println!("{}", tf(M::Written, &[&path.display(), &rows]));
    Ok(())
}

/// The file extension of a format.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Txt => "txt",
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
        Format::Pdf => "pdf",
        _ => "html",
    }
}

/// Builds a worklist, writes it (a PDF with `font`), and records it as printed
/// (its rows in printed order, for typing the returned sheet back in).
/// Returns the rows.
pub fn print(
    store: &mut Store,
    req: &Request,
    format: Format,
    font: Option<&Path>,
    path: &Path,
) -> Result<usize> {
    let list = worklist::build(store, req)?;
    // Written beside the target first: the file appears only once the print
    // is recorded, so a sheet on paper is always one batch entry can find.
    let part = PathBuf::from(format!("{}.part", path.display()));
    let written = match font {
        Some(font) if format == Format::Pdf => pdf::write_pdf(&list.doc, font, &part),
        _ => write(&list.doc, format, &part),
    }
    .map_err(|e| {
        let cause = e.root_cause().to_string();
        anyhow::anyhow!("{}: {cause}", tf(M::CannotWrite, &[&path.display()]))
    });
    let recorded = written.and_then(|()| {
        if list.rows.is_empty() {
            return Ok(());
        }
        store
            .record_worklist(
                &list.week,
                &list.village,
                &list.officer,
                req.today,
                &list.rows,
                &format!("{} {}", extension(format), path.display()),
            )
            .map(|_| ())
    });
    if let Err(e) = recorded.and_then(|()| {
        std::fs::rename(&part, path).with_context(|| tf(M::CannotWrite, &[&path.display()]))
    }) {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    Ok(list.rows.len())
}

/// Writes a table to a file in a format.
pub fn write(doc: &table::Doc, format: Format, path: &Path) -> Result<()> {
    let shown = tf(M::CannotWrite, &[&path.display()]);
    let io = |r: std::io::Result<()>| r.with_context(|| shown.clone());
    match format {
        Format::Xlsx => table::write_xlsx(doc, path).with_context(|| shown.clone())?,
        Format::Csv => {
            let mut out = Vec::new();
            table::write_csv(doc, &mut out)?;
            io(std::fs::write(path, out))?;
        }
        Format::Txt => {
            // A byte-order mark and CRLF: Notepad on an old Windows PC shows it right.
            let text = table::txt(doc, TXT_PAGE_LINES).replace('\n', "\r\n");
            io(std::fs::write(path, format!("\u{feff}{text}")))?
        }
        Format::Table => io(std::fs::write(path, table::terminal(doc)))?,
        _ => io(std::fs::write(path, table::html(doc)))?,
    }
    Ok(())
}
