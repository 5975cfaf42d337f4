//! A report or referral on paper: one page to hand to the receiving body,
//! with the child's full ID number (only here; every print is audited), what
//! happened, when it was found and reported, who reports and how to reach
//! them, and a line for the body's signature. Made as a table, so that it
//! prints as html, text or PDF by the worklists' route.

use std::path::Path;

use anyhow::{Result, bail};

use super::format::Format;
use super::table::{Column, Doc, Group};
use crate::domain::{date, idnum};
use crate::i18n::{M, R, t, tf};
use crate::store::Store;
use crate::store::referrals::Referral;

/// The form of one item.
pub fn doc(store: &Store, r: &Referral) -> Result<Doc> {
    let Some(c) = store.child(r.child)? else {
        bail!(t(M::NoChild));
    };
    let township = store.setting("township")?.unwrap_or_default();
    let officer = if r.raised_by.is_empty() {
        store.officer().to_string()
    } else {
        r.raised_by.clone()
    };
    let phone = store.setting("officer_phone")?.unwrap_or_default();
    let row = |k: &str, v: String| vec![k.to_string(), v];
    let found = r.found_on.map(date::iso).unwrap_or_default();
    let raised = r.raised_at.format("%Y-%m-%d %H:%M").to_string();
    let mut when = tf(R::PaperFoundRaised, &[&found, &raised]);
    if let Some(f) = r.found_on {
        let late = (r.raised_at.date() - f).num_days();
        if late > 0 {
            when.push_str(&tf(R::PaperDelay, &[&late]));
        }
    }
    let guardian = format!(
        "{} {} {}",
        c.guardian.name, c.guardian.relation, c.guardian.phone
    );
    let rows = vec![
        row(t(M::ColName), c.name.clone()),
        row(
            t(M::ColId),
            if c.id_number.is_empty() {
                t(M::NoIdNumber).to_string()
            } else {
                idnum::normalize(&c.id_number)
            },
        ),
        row(
            t(R::PaperBorn),
            format!(
                "{} {}",
                c.gender.map(|g| g.label()).unwrap_or(""),
                c.birth_date.map(date::iso).unwrap_or_default()
            ),
        ),
        row(t(M::ColVillage), format!("{} {}", c.village, c.address)),
        row(t(M::Guardian), guardian),
        row(t(R::FReason), r.reason.label().to_string()),
        row(t(R::FSeverity), r.severity.label().to_string()),
        row(t(R::FWhat), r.what.clone()),
        row(t(R::PaperWhen), when),
        row(t(R::FTarget), r.target.clone()),
        row(t(R::ColState), r.state.label().to_string()),
    ];
    Ok(Doc {
        title: tf(R::PaperTitle, &[&r.kind.label()]),
        meta: vec![tf(R::PaperTownship, &[&township]), tf(R::PaperNo, &[&r.no])],
        group_header: String::new(),
        columns: vec![
            Column::text(t(R::PaperField), 14),
            Column::text(t(R::PaperValue), 60),
        ],
        groups: vec![Group {
            rows,
            ..Group::default()
        }],
        notes: vec![
            tf(R::PaperBy, &[&officer, &phone]),
            String::new(),
            t(R::PaperReceipt).to_string(),
        ],
    })
}

/// Writes the form of an item to `path` and records the print (the full ID
/// number left the program) in the audit log, in one go.
pub fn print(
    store: &mut Store,
    r: &Referral,
    format: Format,
    font: Option<&Path>,
    path: &Path,
) -> Result<()> {
    let doc = doc(store, r)?;
    crate::files::write_via(path, |tmp| {
        match font {
            Some(font) if format == Format::Pdf => super::pdf::write_pdf(&doc, font, tmp)?,
            _ => super::output::render(&doc, format, tmp)?,
        }
        let note = format!("#{} {} {}", r.no, format.extension(), path.display());
        store.write(|w| w.audit("print", "referrals", None, &note))
    })
}
