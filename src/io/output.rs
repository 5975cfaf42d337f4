//! Writing a table to a file in a format, and printing a worklist: the file
//! appears only once its print is recorded. Shared by the command line and
//! the screens.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::format::Format;
use super::worklist::{self, Request};
use super::{pdf, table};
use crate::i18n::{M, tf};
use crate::store::Store;

/// Lines on a page of the text worklist (A4 at 6 lines per inch, less margins).
pub const TXT_PAGE_LINES: usize = 60;

/// Builds a worklist, writes it (a PDF with `font`), and records it as printed
/// (its rows in printed order, for typing the returned sheet back in).
/// Returns the rows.
pub fn print_worklist(
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
                &format!("{} {}", format.extension(), path.display()),
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
            let text = super::plain::txt(doc, TXT_PAGE_LINES).replace('\n', "\r\n");
            io(std::fs::write(path, format!("\u{feff}{text}")))?
        }
        Format::Table => io(std::fs::write(path, super::plain::terminal(doc)))?,
        Format::Html | Format::Json | Format::Pdf => io(std::fs::write(path, table::html(doc)))?,
    }
    Ok(())
}
