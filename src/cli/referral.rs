//! `shouhu referral new`, `shouhu referral move` and `shouhu referrals`:
//! reports, referrals and notices from the command line.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::domain::referral::{Kind, Reason, Severity, State, age_hours};
use crate::domain::{date, idnum};
use crate::i18n::{M, R, t, tf};
use crate::io::format::Format;
use crate::io::table::{Column, Doc, Group, csv_cell};
use crate::store::Store;
use crate::store::referrals::{Referral, local_now};

/// The header of `referrals --format csv`, exactly as `interface.md` writes it.
pub const CSV_HEADER: &str = "no,kind,state,name,id_number,village,reason,target,found_on,raised_on,sent_on,age_hours,awaiting_feedback";

/// What `referral new` was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct New {
    pub child: Option<String>,
    pub kind: String,
    pub reason: Option<String>,
    pub target: Option<String>,
    pub what: String,
    pub found: Option<String>,
    pub severity: Option<String>,
}

/// What `referral move` was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Move {
    pub no: i64,
    pub to: String,
    pub note: String,
    pub outcome: Option<String>,
    pub answer: Option<String>,
}

/// The child of `ID_NUMBER` or `NAME@VILLAGE`.
pub fn child_of(store: &Store, spec: &str) -> Result<i64> {
    let spec = spec.trim();
    if let Some((name, village)) = spec.split_once(['@', '＠']) {
        return match store
            .children_named(name.trim(), village.trim())?
            .as_slice()
        {
            [one] => Ok(*one),
            [] => bail!(t(M::NoChild)),
            _ => bail!(tf(M::AmbiguousChild, &[&village.trim()])),
        };
    }
    let id = idnum::normalize(spec);
    match store.find_child(&id, "", None, "")? {
        Some(c) => Ok(c),
        None => bail!(t(M::NoChild)),
    }
}

/// Raises an item; prints its number alone.
pub fn new(store: &mut Store, today: NaiveDate, a: &New) -> Result<()> {
    let Some(child) = a.child.as_deref().filter(|c| !c.trim().is_empty()) else {
        bail!(t(R::NeedChild));
    };
    let child = child_of(store, child)?;
    let Some(kind) = Kind::parse(&a.kind) else {
        bail!(tf(R::BadKind, &[&a.kind]));
    };
    let Some(reason) = a.reason.as_deref().filter(|r| !r.trim().is_empty()) else {
        bail!(t(R::NeedReason));
    };
    let Some(reason) = Reason::parse(reason) else {
        bail!(tf(R::BadReason, &[&reason]));
    };
    let Some(target) = a.target.as_deref().map(str::trim).filter(|b| !b.is_empty()) else {
        bail!(t(R::NeedBody));
    };
    let severity = match a.severity.as_deref() {
        None => Severity::Normal,
        Some(s) => match Severity::parse(s) {
            Some(s) => s,
            None => bail!(tf(R::BadSeverity, &[&s])),
        },
    };
    let officer = store.officer().to_string();
    let mut r = Referral::new(child, kind, local_now(today), &officer);
    r.reason = reason;
    r.target = target.to_string();
    r.what = a.what.trim().to_string();
    r.severity = severity;
    if let Some(found) = &a.found {
        match date::parse(found, today) {
            Ok(d) => r.found_on = Some(d),
            Err(_) => bail!(tf(M::ErrBadValue, &[&"--found", found])),
        }
    }
    if kind == Kind::Notice {
        r.sender = r.target.clone();
        r.arrived_on = Some(today);
    }
    if let Some(why) = store.refusal(&r, today)? {
        bail!(why);
    }
    store.write(|w| w.save_referral(&mut r))?;
    println!("{}", r.no);
    Ok(())
}

/// Moves an item to another state, with a note and perhaps the answer and the outcome.
pub fn move_to(store: &mut Store, today: NaiveDate, m: &Move) -> Result<()> {
    let Some(mut r) = store.referral_no(m.no)? else {
        bail!(tf(R::NoSuchItem, &[&m.no]));
    };
    let Some(to) = State::parse(&m.to) else {
        bail!(tf(R::BadState, &[&m.to]));
    };
    if let Some(o) = &m.outcome {
        r.outcome = o.trim().to_string();
    }
    if let Some(a) = &m.answer {
        r.answer = a.trim().to_string();
    }
    let from = r.state;
    let at = local_now(today);
    match store.write(|w| w.move_referral(&mut r, to, at, m.note.trim()))? {
        Ok(()) => {
            println!("{}", tf(R::Moved, &[&r.no, &from.label(), &to.label()]));
            Ok(())
        }
        Err(e) => bail!(crate::i18n::referral_words::refused(e, r.no, from, to)),
    }
}

/// An item as the list and the csv give it.
pub struct Row {
    pub r: Referral,
    pub name: String,
    pub id_number: String,
    pub village: String,
    pub age_hours: i64,
    pub awaiting: bool,
}

/// Every item (of one state, if given), by number.
pub fn rows(store: &Store, today: NaiveDate, state: Option<State>) -> Result<Vec<Row>> {
    let days = store.feedback_days()?;
    let now = local_now(today);
    let cases: std::collections::HashMap<i64, crate::store::children::CaseRow> =
        store.case_rows()?.into_iter().map(|c| (c.id, c)).collect();
    let mut items = store.referrals()?;
    items.retain(|r| state.is_none_or(|s| r.state == s));
    items.sort_by_key(|r| r.no);
    Ok(items
        .into_iter()
        .map(|r| {
            let c = cases.get(&r.child);
            Row {
                name: c.map(|c| c.name.clone()).unwrap_or_default(),
                id_number: c
                    .filter(|c| !c.id_number.is_empty())
                    .map(|c| idnum::mask(&c.id_number))
                    .unwrap_or_default(),
                village: c.map(|c| c.village.clone()).unwrap_or_default(),
                age_hours: age_hours(r.raised_at, now),
                awaiting: r.awaiting(today, days),
                r,
            }
        })
        .collect())
}

pub fn list(store: &Store, today: NaiveDate, state: Option<&str>, format: Format) -> Result<()> {
    let state = match state {
        None => None,
        Some(s) => match State::parse(s) {
            Some(s) => Some(s),
            None => bail!(tf(R::BadState, &[&s])),
        },
    };
    let rows = rows(store, today, state)?;
    let day = |d: Option<NaiveDate>| d.map(date::iso).unwrap_or_default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut out);
            w.write_record(CSV_HEADER.split(','))?;
            for x in &rows {
                let r = &x.r;
                w.write_record([
                    r.no.to_string().as_str(),
                    r.kind.code(),
                    r.state.code(),
                    &csv_cell(&x.name),
                    &x.id_number,
                    &csv_cell(&x.village),
                    r.reason.code(),
                    &csv_cell(&r.target),
                    &day(r.found_on),
                    &date::iso(r.raised_at.date()),
                    &day(r.sent_on),
                    &x.age_hours.to_string(),
                    yes_no(x.awaiting),
                ])?;
            }
            w.flush()?;
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|x| {
                    let r = &x.r;
                    serde_json::json!({
                        "no": r.no, "kind": r.kind.code(), "state": r.state.code(),
                        "name": x.name, "id_number": x.id_number, "village": x.village,
                        "reason": r.reason.code(), "target": r.target,
                        "found_on": r.found_on.map(date::iso), "raised_on": date::iso(r.raised_at.date()),
                        "sent_on": r.sent_on.map(date::iso), "age_hours": x.age_hours,
                        "awaiting_feedback": x.awaiting, "what": r.what, "outcome": r.outcome,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        _ => {
            let columns = [
                (t(R::ColNo), 4),
                (t(R::ColKind), 8),
                (t(R::ColState), 6),
                (t(M::ColName), 8),
                (t(M::ColVillage), 8),
                (t(R::ColReason), 12),
                (t(R::ColTarget), 4),
                (t(R::ColRaised), 10),
                (t(R::ColSent), 10),
                (t(R::ColAge), 5),
                (t(R::ColAwaiting), 4),
            ];
            let doc = Doc {
                columns: columns.iter().map(|(h, w)| Column::text(h, *w)).collect(),
                groups: vec![Group {
                    rows: rows
                        .iter()
                        .map(|x| {
                            let r = &x.r;
                            vec![
                                r.no.to_string(),
                                r.kind.label().to_string(),
                                r.state.label().to_string(),
                                x.name.clone(),
                                x.village.clone(),
                                r.reason.label().to_string(),
                                r.target.clone(),
                                date::iso(r.raised_at.date()),
                                day(r.sent_on),
                                x.age_hours.to_string(),
                                if x.awaiting { t(M::Yes) } else { "" }.to_string(),
                            ]
                        })
                        .collect(),
                    ..Group::default()
                }],
                ..Doc::default()
            };
            write!(out, "{}", crate::io::plain::terminal(&doc))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Prints the paper form of an item (the full ID number on it; audited).
pub fn print(
    store: &mut Store,
    no: i64,
    format: Format,
    font: Option<&std::path::Path>,
    path: &std::path::Path,
) -> Result<()> {
    let Some(r) = store.referral_no(no)? else {
        bail!(tf(R::NoSuchItem, &[&no]));
    };
    let font = match format {
        Format::Pdf => {
            if let Some(named) = font.filter(|f| !f.is_file()) {
                bail!(tf(M::FileMissing, &[&named.display()]));
            }
            Some(
                crate::io::pdf::find_cjk_font(font)
                    .ok_or_else(|| anyhow::anyhow!(tf(M::PdfUnavailable, &[&t(M::PdfNoFont)])))?,
            )
        }
        _ => None,
    };
    crate::io::referral_form::print(store, &r, format, font.as_deref(), path)?;
    println!("{}", tf(R::Printed, &[&r.no, &path.display()]));
    Ok(())
}
