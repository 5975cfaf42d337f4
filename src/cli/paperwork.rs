//! The township's paperwork on the command line: the yearly survey's
//! progress, the files the county's inspection would find lacking, and the
//! deadlines of the year.

use std::io::Write;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::register::{finding, print};
use crate::domain::paperwork::{Deadlines, Missing};
use crate::i18n::{M, W, t, tf};
use crate::io::format::Format;
use crate::store::Store;

/// The header of `survey status --format csv`.
pub const SURVEY_HEADER: &str = "village,children,done,confirmed,corrected,new,exited,left";

/// The header of `inspection --format csv`.
pub const INSPECTION_HEADER: &str = "check,name,id_number,village,detail";

/// Each village's progress in this year's survey.
pub fn survey_status(
    store: &Store,
    today: NaiveDate,
    village: Option<&str>,
    format: Format,
) -> Result<()> {
    let rows = store.survey_progress(today.year(), village)?;
    if rows.is_empty()
        && let Some(v) = village
    {
        anyhow::bail!(tf(W::NoSuchVillage, &[&v]));
    }
    let mut out = std::io::stdout().lock();
    let cells = |p: &crate::store::paperwork::Progress| {
        [
            p.children,
            p.done(),
            p.confirmed,
            p.corrected,
            p.new,
            p.exited,
            p.children - p.done(),
        ]
        .map(|n| n.to_string())
    };
    match format {
        Format::Csv => {
            writeln!(out, "{SURVEY_HEADER}")?;
            for p in &rows {
                let c = cells(p);
                writeln!(
                    out,
                    "{},{}",
                    crate::io::table::csv_cell(&p.village),
                    c.join(",")
                )?;
            }
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "village": p.village, "children": p.children, "done": p.done(),
                        "confirmed": p.confirmed, "corrected": p.corrected, "new": p.new,
                        "exited": p.exited, "left": p.children - p.done(),
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        _ => {
            writeln!(out, "{}", tf(W::SurveyHead, &[&today.year()]))?;
            for p in &rows {
                writeln!(out, "{}", p.line())?;
            }
        }
    }
    Ok(())
}

/// What a missing part asks of the officer.
pub fn missing_detail(m: Missing) -> &'static str {
    t(match m {
        Missing::NoVisitThisQuarter => W::MissingVisit,
        Missing::NoCarePlan => W::MissingPlan,
        Missing::NoGuardian => W::MissingGuardian,
        Missing::NoAgreement => W::MissingAgreement,
    })
}

/// The files the county's inspection would find lacking, a line per part.
pub fn inspection(store: &Store, today: NaiveDate, format: Format) -> Result<()> {
    let mut found = Vec::new();
    for (f, missing) in store.inspection(today)? {
        for m in missing {
            found.push(finding(&f.child, m.code(), missing_detail(m).to_string()));
        }
    }
    print(&found, INSPECTION_HEADER, format)
}

/// `shouhu deadlines`: sets the township's own (a file, checked first), then
/// prints those in effect with their next day.
pub fn deadlines(store: &mut Store, today: NaiveDate, set: Option<&std::path::Path>) -> Result<()> {
    if let Some(path) = set {
        let bytes = std::fs::read(path)
            .map_err(|e| anyhow::anyhow!(tf(M::ImportCannotRead, &[&path.display(), &e])))?;
        let text = crate::io::sheet::decode_text(&bytes).unwrap_or_default();
        let d =
            Deadlines::from_text(&text).map_err(|e| anyhow::anyhow!(tf(W::BadDeadlines, &[&e])))?;
        store.set_setting("deadlines", &d.to_toml())?;
    }
    let all = store.deadlines()?;
    let mut out = std::io::stdout().lock();
    for (day, d) in all.upcoming(today, 366) {
        writeln!(
            out,
            "# {} {}：{}",
            crate::domain::date::iso(day),
            d.name,
            d.needs
        )?;
    }
    write!(out, "{}", all.to_toml())?;
    Ok(())
}

/// `shouhu site`: this database's site id, the range its rows are numbered
/// in, and whether it is a copy (which takes a new id before it syncs).
pub fn site(store: &Store) -> Result<()> {
    let (site, copied) = store.site()?;
    let (lo, hi) = crate::store::site::range(site);
    println!("{}", tf(W::SiteLine, &[&site, &(lo + 1), &hi]));
    if copied {
        println!("{}", t(W::SiteCopied));
    }
    Ok(())
}
