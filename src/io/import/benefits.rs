//! Importing what children receive (`import benefits`): a registered child
//! (by ID number, or name and village), the kind of benefit, from when to
//! when, the amount where known; the same benefit again is updated.

use std::path::Path;

use anyhow::Result;

use super::check::{Mapped, RowCheck, Sorted};
use super::visits::{child_columns, child_of};
use super::{Options, Outcome, finish};
use crate::domain::benefits::BenefitKind;
use crate::domain::date;
use crate::i18n::{P, tf};
use crate::io::columns;
use crate::io::sheet;
use crate::store::Store;
use crate::store::benefits::NewBenefit;

/// Imports a sheet of benefits.
pub fn import_benefits(store: &mut Store, path: &Path, opts: Options) -> Result<Outcome> {
    let sheet = sheet::read(path)?;
    let mut out = Outcome::default();
    let map = Mapped::new(&sheet, columns::BENEFITS, &mut out);
    if !child_columns(&map, &mut out, ["id_number", "name"]) {
        return Ok(out);
    }
    let mut rows = Sorted::new();
    for row in sheet.rows.iter().filter(|r| !map.blank(r)) {
        let mut rc = RowCheck::new(&map, row);
        let child = child_of(&mut rc, store, ["id_number", "name"])?;
        let kind = rc.word(
            "kind",
            BenefitKind::parse,
            BenefitKind::ALL,
            BenefitKind::zh,
        );
        rc.required("kind");
        let since = rc.date("since", opts.today);
        // A benefit may run on past today: its end is not held to today.
        let far = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(opts.today);
        let until = rc.date("until", far);
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            rc.fail(
                "until",
                tf(P::EndBeforeStart, &[&date::iso(u), &date::iso(s)]),
            );
        }
        let amount = rc.text("amount");
        let benefit = match (child, kind) {
            (Some(child), Some(kind)) => Some(NewBenefit {
                child,
                kind,
                since,
                until,
                amount,
            }),
            _ => None,
        };
        rows.keep(rc, benefit);
    }
    finish(
        store,
        (&sheet, path, opts),
        out,
        &rows,
        |o| o.updated += 1,
        |w, row| w.save_benefit(row),
    )
}
