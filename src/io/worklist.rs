//! The weekly worklist (domain.md, "Worklist"): for an ISO week and a village,
//! an officer or the whole township, every active child due on or before the
//! week's Sunday (overdue ones included), grouped by village, in triage order,
//! with empty columns to fill in by hand.

use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::{IsoWeek, NaiveDate};

use super::table::{Column, Doc, Group};
use crate::domain::child::age_between;
use crate::domain::{Category, Flag, date, idnum};
use crate::i18n::{M, t, tf};
use crate::store::Store;
use crate::store::triage::DueRow;

/// What to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub week: IsoWeek,
    /// `None`: every village.
    pub village: Option<String>,
    /// Printed in the header; filters nothing yet (children have no officer).
    pub officer: Option<String>,
    pub today: NaiveDate,
}

/// A worklist ready to write: the table, and its children in printed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worklist {
    pub doc: Doc,
    /// `(child id, next due)` in printed order; row `i` is numbered `i + 1`.
    pub rows: Vec<(i64, NaiveDate)>,
    pub week: String,
    pub village: String,
    pub officer: String,
}

/// The columns, with their widths in cells on a fixed-width page.
fn columns() -> Vec<Column> {
    vec![
        Column::number(t(M::ColNo), 5),
        Column::text(t(M::ColName), 8),
        Column::text(t(M::ColId), 18),
        Column::text(t(M::ColGender), 5),
        Column::number(t(M::ColAge), 5),
        Column::text(t(M::ColCategories), 12),
        Column::text(t(M::ColFlags), 10),
        Column::text(t(M::ColGuardian), 18),
        // At 80 columns a child takes two lines: these go on the second.
        Column::text(t(M::ColAddress), 16).second(),
        Column::text(t(M::ColLastVisit), 10).second(),
        Column::text(t(M::ColNextDue), 10).second(),
        Column::number(t(M::ColOverdue), 8).second(),
        Column::blank(t(M::ColVisitDate), 10).second(),
        Column::blank(t(M::ColNotes), 26).second(),
        Column::blank(t(M::ColSignature), 8).second(),
    ]
}

fn labels<T: Copy>(items: &[T], label: fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|i| label(*i))
        .collect::<Vec<_>>()
        .join("、")
}

/// Builds the worklist; an unknown village is an error that names it.
pub fn build(store: &Store, req: &Request) -> Result<Worklist> {
    build_from(store, req, None, None)
}

/// What the screen keeps between previews: the contacts of every child.
pub type Contacts = std::collections::HashMap<i64, crate::store::worklists::Contact>;

/// The worklist, from a triage already read for `req.today` and contacts
/// already read (the screen keeps both) or, without, from the store.
pub fn build_from(
    store: &Store,
    req: &Request,
    triage: Option<&[DueRow]>,
    contacts: Option<&Contacts>,
) -> Result<Worklist> {
    let villages = store.villages()?;
    if let Some(v) = &req.village
        && !villages.iter().any(|n| crate::domain::text::in_place(n, v))
    {
        bail!(tf(M::NoVillage, &[v]));
    }
    let (monday, sunday) = date::week_bounds(req.week);
    let village = req.village.as_deref();
    let keep = |d: &crate::domain::cadence::Due, v: &str| {
        d.next_due <= sunday && village.is_none_or(|want| crate::domain::text::in_place(v, want))
    };
    let read;
    let due: Vec<&DueRow> = match triage {
        Some(rows) => rows.iter().filter(|r| keep(&r.due, &r.village)).collect(),
        None => {
            read = store.triage_where(&store.policy()?, req.today, keep)?;
            read.iter().collect()
        }
    };
    // The children due, by village, in triage order within each.
    let mut by_village: std::collections::HashMap<&str, Vec<&DueRow>> =
        std::collections::HashMap::new();
    for r in &due {
        by_village.entry(r.village.as_str()).or_default().push(r);
    }
    let read_contacts;
    let contacts = match contacts {
        Some(c) => c,
        None => {
            read_contacts = store.contacts()?;
            &read_contacts
        }
    };
    let officer = match &req.officer {
        Some(o) => o.clone(),
        None => store.setting("officer")?.unwrap_or_default(),
    };
    let township = store.setting("township")?.unwrap_or_default();
    let week = date::week_label(req.week);
    let mut rows = Vec::with_capacity(due.len());
    let mut groups = Vec::new();
    let mut overdue_total = 0;
    for name in villages.iter().filter(|n| village.is_none_or(|v| v == *n)) {
        let mut group = Group {
            title: tf(M::WlVillage, &[name]),
            key: name.clone(),
            ..Group::default()
        };
        let mut overdue = 0;
        for r in by_village.get(name.as_str()).into_iter().flatten() {
            rows.push((r.child_id, r.due.next_due));
            let contact = contacts.get(&r.child_id).cloned().unwrap_or_default();
            let guardian = [contact.guardian.as_str(), contact.phone.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            if r.due.overdue_days > 0 {
                overdue += 1;
            }
            group.rows.push(vec![
                rows.len().to_string(),
                r.name.clone(),
                if r.id_number.is_empty() {
                    String::new()
                } else {
                    idnum::mask(&r.id_number)
                },
                r.gender.map(|g| g.label()).unwrap_or_default().to_string(),
                r.birth_date
                    .map(|b| age_between(b, req.today).to_string())
                    .unwrap_or_default(),
                labels::<Category>(&r.categories, Category::label),
                labels::<Flag>(&r.flags, Flag::label),
                guardian,
                contact.address,
                r.due.last_visit.map(date::iso).unwrap_or_default(),
                date::iso(r.due.next_due),
                if r.due.overdue_days > 0 {
                    r.due.overdue_days.to_string()
                } else {
                    String::new()
                },
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        // A village with nobody due gets no page, unless it was asked for.
        if group.rows.is_empty() && village.is_none() {
            continue;
        }
        group.footer = tf(M::WlGroupTotal, &[name, &group.rows.len(), &overdue]);
        overdue_total += overdue;
        groups.push(group);
    }
    let mut notes = Vec::new();
    if rows.is_empty() {
        notes.push(t(M::WlEmpty).to_string());
    }
    notes.push(tf(
        M::WlTotal,
        &[&groups.len(), &rows.len(), &overdue_total],
    ));
    let doc = Doc {
        title: t(M::WlTitle).to_string(),
        meta: vec![
            tf(M::WlTownship, &[&township]),
            tf(M::WlOfficer, &[&officer]),
            tf(M::WlWeek, &[&week, &date::iso(monday), &date::iso(sunday)]),
            tf(M::WlPrintedOn, &[&date::iso(req.today)]),
        ],
        group_header: t(M::ColVillage).to_string(),
        columns: columns(),
        groups,
        notes,
    };
    Ok(Worklist {
        doc,
        rows,
        week,
        village: req.village.clone().unwrap_or_default(),
        officer,
    })
}

/// The default file name: `worklist-2026-W48-白果村.html` (the village, or
/// else the officer named on the command line, or only the week).
pub fn default_file(
    week: &str,
    village: Option<&str>,
    officer: Option<&str>,
    ext: &str,
) -> PathBuf {
    let mut name = format!("worklist-{week}");
    if let Some(who) = village.or(officer).filter(|s| !s.is_empty()) {
        name.push('-');
        name.extend(who.chars().map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        }));
    }
    PathBuf::from(format!("{name}.{ext}"))
}
