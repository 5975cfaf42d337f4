//! The papers upward from the command line: the rosters, the 2016 登记表 of
//! one child, and the marks of what was entered in the national system.

use std::path::Path;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::domain::date;
use crate::i18n::{M, t, tf};
use crate::io::format::Format;
use crate::io::forms_upward::{self, Roster};
use crate::store::Store;

/// Writes a roster (audited, as every export).
pub fn roster(
    store: &mut Store,
    (which, village, full_id): (Roster, Option<&str>, bool),
    format: Format,
    path: &Path,
) -> Result<()> {
    let doc = forms_upward::roster(store, which, village, full_id)?;
    let rows = doc.row_count();
    let how = if full_id { "full" } else { "masked" };
    let note = format!("{} {how} {}", doc.title, path.display());
    crate::files::write_via(path, |tmp| {
        crate::io::output::render(&doc, format, tmp)?;
        store.write(|w| w.audit("export", "roster", None, &note))
    })?;
    println!("{}", tf(M::Written, &[&path.display(), &rows]));
    Ok(())
}

/// Prints the 登记表 of one child: the full ID number, so the print is audited.
/// Prints one child's paper (the 登记表, the whole file), audited.
pub fn print_paper(
    store: &mut Store,
    (paper, id, today): (&str, i64, chrono::NaiveDate),
    (format, font): (Format, Option<&Path>),
    path: &Path,
) -> Result<()> {
    let (doc, paper) = if paper == "file" {
        (
            crate::io::child_file::doc(store, id, today, false)?,
            "一人一档",
        )
    } else {
        (forms_upward::dengjibiao(store, id)?, "登记表")
    };
    let doc = &doc;
    let font = match format {
        Format::Pdf => Some(
            crate::io::pdf::find_cjk_font(font)
                .ok_or_else(|| anyhow::anyhow!(tf(M::PdfUnavailable, &[&t(M::PdfNoFont)])))?,
        ),
        _ => None,
    };
    let note = format!("{paper} {id} {} {}", format.extension(), path.display());
    crate::files::write_via(path, |tmp| {
        match &font {
            Some(f) => crate::io::pdf::write_pdf(doc, f, tmp)?,
            None => crate::io::output::render(doc, format, tmp)?,
        }
        store.write(|w| w.audit("print", "children", None, &note))
    })?;
    println!("{}", tf(M::Written, &[&path.display(), &1]));
    Ok(())
}

/// Records that the active children (of a village) were entered in the
/// national system now, or at the end of a day given (not in the future).
pub fn national_mark(
    store: &mut Store,
    today: NaiveDate,
    village: Option<&str>,
    day: Option<&str>,
) -> Result<()> {
    let at = match day {
        None => crate::store::now(),
        Some(d) => match date::parse(d, today) {
            Ok(day) if day <= today => format!("{}T23:59:59Z", date::iso(day)),
            Ok(day) => bail!(tf(M::DateFuture, &[&date::iso(day)])),
            Err(_) => bail!(tf(M::ErrBadValue, &[&"--date", &d])),
        },
    };
    let children: Vec<i64> = store
        .case_rows()?
        .into_iter()
        .filter(|c| c.status == crate::domain::ChildStatus::Active)
        .filter(|c| village.is_none_or(|v| crate::domain::text::in_place(&c.village, v)))
        .map(|c| c.id)
        .collect();
    let n = store.write(|w| w.mark_national(&children, &at))?;
    println!(
        "{}",
        tf(M::NationalMarked, &[&n, &at.get(..10).unwrap_or("")])
    );
    Ok(())
}
