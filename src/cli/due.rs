//! `shouhu due`: the triage list as a table, CSV or JSON.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::{Days, NaiveDate};

use crate::domain::{Category, date, idnum, text};
use crate::i18n::{M, t, tf};
use crate::io::format::Format;
use crate::io::table::csv_cell;
use crate::store::Store;
use crate::store::triage::DueRow;

/// The header of `--format csv`, exactly as `interface.md` writes it.
pub const CSV_HEADER: &str =
    "name,id_number,village,categories,rule,last_visit,next_due,overdue_days";

pub fn run(
    store: &Store,
    today: NaiveDate,
    within: i64,
    village: Option<&str>,
    format: Format,
) -> Result<()> {
    if let Some(v) = village
        && !store
            .villages()?
            .iter()
            .any(|n| crate::domain::text::in_place(n, v))
    {
        bail!(tf(M::NoVillage, &[&v]));
    }
    let until = today
        .checked_add_days(Days::new(within.max(0) as u64))
        .unwrap_or(NaiveDate::MAX);
    let rows = store.due_until(&store.policy()?, today, until, village)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Csv => write_csv(&mut out, &rows)?,
        Format::Json => write_json(&mut out, &rows)?,
        _ => write_table(&mut out, &rows, within)?,
    }
    out.flush()?;
    // The process ends here: freeing tens of thousands of rows one by one
    // would cost more than the formatting did.
    std::mem::forget(rows);
    Ok(())
}

/// The header of `due --summary --format csv`.
pub const SUMMARY_HEADER: &str = "place,overdue,due_soon";

/// `due --summary`: how many children are overdue and how many more are due
/// within `within` days, by village — in a county file by township — and in
/// all.
pub fn sums(store: &Store, today: NaiveDate, within: i64, format: Format) -> Result<()> {
    let until = today
        .checked_add_days(Days::new(within.max(0) as u64))
        .unwrap_or(NaiveDate::MAX);
    let county = store.county();
    let mut per: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for (village, overdue, soon) in store.due_counts(&store.policy()?, today, until)? {
        let place = match village.split_once('·') {
            Some((town, _)) if county => town.to_string(),
            _ => village,
        };
        let e = per.entry(place).or_default();
        e.0 += overdue;
        e.1 += soon;
    }
    let mut rows: Vec<(String, usize, usize)> =
        per.into_iter().map(|(p, (a, b))| (p, a, b)).collect();
    rows.sort_by_key(|(p, _, _)| text::sort_key(p));
    let total = (
        match county {
            true => crate::i18n::t(crate::i18n::W::CountyTotal).to_string(),
            false => t(M::RpTownship).to_string(),
        },
        rows.iter().map(|r| r.1).sum::<usize>(),
        rows.iter().map(|r| r.2).sum::<usize>(),
    );
    let mut out = std::io::stdout().lock();
    match format {
        Format::Csv => {
            writeln!(out, "{SUMMARY_HEADER}")?;
            for (p, a, b) in rows.iter().chain([&total]) {
                writeln!(out, "{},{a},{b}", csv_cell(p))?;
            }
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .chain([&total])
                .map(|(p, a, b)| serde_json::json!({"place": p, "overdue": a, "due_soon": b}))
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        _ => {
            let place = match county {
                true => crate::i18n::t(crate::i18n::W::ColTownship),
                false => t(M::ColVillage),
            };
            let width = rows
                .iter()
                .map(|r| text::width(&r.0))
                .chain([text::width(place), text::width(&total.0)])
                .max()
                .unwrap_or(4);
            writeln!(
                out,
                "{}  {}  {}",
                text::pad(place, width),
                t(M::ColOverdueCount),
                tf(M::DueWithinDays, &[&within])
            )?;
            for (p, a, b) in rows.iter().chain([&total]) {
                writeln!(out, "{}  {a:>6}  {b:>6}", text::pad(p, width))?;
            }
        }
    }
    Ok(())
}

fn masked(row: &DueRow) -> String {
    if row.id_number.is_empty() {
        String::new()
    } else {
        idnum::mask(&row.id_number)
    }
}

fn categories(row: &DueRow) -> String {
    Category::join_zh(&row.categories)
}

pub fn write_csv(out: &mut impl Write, rows: &[DueRow]) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(CSV_HEADER.split(','))?;
    for r in rows {
        w.write_record([
            &*csv_cell(&r.name),
            &masked(r),
            &*csv_cell(&r.village),
            &categories(r),
            &r.due.rule,
            &r.due.last_visit.map(date::iso).unwrap_or_default(),
            &date::iso(r.due.next_due),
            &r.due.overdue_days.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

pub fn write_json(out: &mut impl Write, rows: &[DueRow]) -> Result<()> {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "name": r.name,
                "id_number": masked(r),
                "village": r.village,
                "categories": r.categories.iter().map(|c| c.zh()).collect::<Vec<_>>(),
                "rule": r.due.rule,
                "last_visit": r.due.last_visit.map(date::iso),
                "next_due": date::iso(r.due.next_due),
                "overdue_days": r.due.overdue_days,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)?;
    Ok(())
}

/// Aligned columns for people; Chinese is measured as two cells.
pub fn write_table(out: &mut impl Write, rows: &[DueRow], within: i64) -> Result<()> {
    if rows.is_empty() {
        writeln!(out, "{}", t(M::DueNone))?;
        return Ok(());
    }
    let header = [
        t(M::ColName),
        t(M::ColId),
        t(M::ColVillage),
        t(M::ColCategories),
        t(M::ColRule),
        t(M::ColLastVisit),
        t(M::ColNextDue),
        t(M::ColOverdue),
    ];
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            let cats: Vec<&str> = r.categories.iter().map(|c| c.label()).collect();
            [
                r.name.clone(),
                masked(r),
                r.village.clone(),
                cats.join("、"),
                r.due.rule.clone(),
                r.due
                    .last_visit
                    .map(date::iso)
                    .unwrap_or_else(|| "—".into()),
                date::iso(r.due.next_due),
                r.due.overdue_days.to_string(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| text::width(h)).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(text::width(c));
        }
    }
    let line = |cols: &[&str]| -> String {
        let last = cols.len() - 1;
        cols.iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    // Numbers right-aligned.
                    format!("{}{}", " ".repeat(widths[i] - text::width(c)), c)
                } else {
                    text::pad(c, widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(&header))?;
    for row in &cells {
        let refs: Vec<&str> = row.iter().map(String::as_str).collect();
        writeln!(out, "{}", line(&refs))?;
    }
    let overdue = rows.iter().filter(|r| r.due.overdue_days > 0).count();
    writeln!(
        out,
        "{}",
        tf(
            M::DueSummary,
            &[&rows.len(), &overdue, &within, &(rows.len() - overdue)]
        )
    )?;
    Ok(())
}
