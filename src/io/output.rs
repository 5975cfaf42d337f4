//! Writing a table to a file in a format, and printing a worklist: the file
//! appears only whole, and a worklist only once its print is recorded. Shared
//! by the command line and the screens.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::format::Format;
use super::worklist::Worklist;
use super::{pdf, table};
use crate::files;
use crate::i18n::{M, tf};
use crate::store::Store;

/// Lines on a page of the text worklist (A4 at 6 lines per inch, less margins).
pub const TXT_PAGE_LINES: usize = 60;
/// Columns of a wide-carriage dot-matrix printer at 10 cpi (the default).
pub const TXT_WIDTH: usize = 136;

/// Writes a worklist (a PDF with `font`), and records it as printed
/// (its rows in printed order, for typing the returned sheet back in). The
/// file appears only once its print is recorded, so a sheet on paper is always
/// one batch entry can find. `path` is where it goes (see `files::target`).
/// Returns the rows.
pub fn print_worklist(
    store: &mut Store,
    (list, today): (&Worklist, NaiveDate),
    format: Format,
    font: Option<&Path>,
    path: &Path,
    width: usize,
) -> Result<usize> {
    files::write_via(path, |tmp| {
        match font {
            Some(font) if format == Format::Pdf => pdf::write_pdf(&list.doc, font, tmp),
            _ => render_width(&list.doc, format, tmp, width),
        }
        .map_err(|e| match e.downcast_ref::<std::io::Error>() {
            Some(io) => files::explain_io(io, path),
            None => {
                let cause = e.root_cause().to_string();
                anyhow::anyhow!("{}: {cause}", tf(M::CannotWrite, &[&path.display()]))
            }
        })?;
        if !list.rows.is_empty() {
            store.record_worklist(
                &list.week,
                &list.village,
                &list.officer,
                today,
                &list.rows,
                &format!("{} {}", format.extension(), path.display()),
            )?;
        }
        Ok(list.rows.len())
    })
}

/// Writes a table to `path` in a format: whole or not at all.
pub fn write(doc: &table::Doc, format: Format, path: &Path) -> Result<()> {
    files::write_via(path, |tmp| render(doc, format, tmp))
}

/// Writes a table to a (temporary) file in a format (text for a wide printer).
pub fn render(doc: &table::Doc, format: Format, path: &Path) -> Result<()> {
    render_width(doc, format, path, TXT_WIDTH)
}

/// The same, text for a printer of `width` columns.
pub fn render_width(doc: &table::Doc, format: Format, path: &Path, width: usize) -> Result<()> {
    let io = |r: std::io::Result<()>| r.map_err(|e| files::explain_io(&e, path));
    match format {
        Format::Xlsx => {
            table::write_xlsx(doc, path).with_context(|| tf(M::CannotWrite, &[&path.display()]))?
        }
        Format::Csv => {
            let mut out = Vec::new();
            table::write_csv(doc, &mut out)?;
            io(std::fs::write(path, out))?;
        }
        Format::Txt => {
            // A byte-order mark and CRLF: Notepad on an old Windows PC shows it right.
            let text = super::plain::txt_width(doc, TXT_PAGE_LINES, width).replace('\n', "\r\n");
            io(std::fs::write(path, format!("\u{feff}{text}")))?
        }
        Format::Table => io(std::fs::write(path, super::plain::terminal(doc)))?,
        Format::Html | Format::Json | Format::Pdf => io(std::fs::write(path, table::html(doc)))?,
    }
    Ok(())
}
