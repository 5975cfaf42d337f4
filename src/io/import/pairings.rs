//! Importing the pairings of the ledger (`import pairings`): each row pairs a
//! registered child (by ID number, or name and village) with a registered
//! helper (by name and unit) from a start date; the same pairing again is
//! updated, never duplicated.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;

use super::check::{Mapped, RowCheck, Sorted};
use super::visits::{child_columns, child_of};
use super::{Options, Outcome, finish};
use crate::domain::date;
use crate::domain::pairing::LEDGER;
use crate::i18n::{M, P, tf};
use crate::io::columns;
use crate::io::sheet;
use crate::store::Store;
use crate::store::pairing::NewPairing;

/// The ID number and name columns of the child on the ledger's sheets.
pub(super) const CHILD_KEYS: [&str; 2] = ["child_id_number", "child_name"];

/// The registered helpers by name and unit.
pub(super) fn helpers_by_name(store: &Store) -> Result<HashMap<(String, String), i64>> {
    Ok(store
        .helpers()?
        .into_iter()
        .map(|h| ((h.name, h.unit), h.id))
        .collect())
}

/// The helper named in the row's helper and unit columns, and the name; a
/// problem when no such helper is registered.
pub(super) fn helper_of(
    rc: &mut RowCheck,
    helpers: &HashMap<(String, String), i64>,
) -> (Option<i64>, String) {
    let name = rc.text("helper");
    let unit = rc.text("helper_unit");
    let helper = helpers.get(&(name.clone(), unit.clone())).copied();
    if helper.is_none() {
        rc.fail("helper", tf(P::NoHelper, &[&name, &unit]));
    }
    (helper, name)
}

/// Imports a sheet of pairings.
pub fn import_pairings(store: &mut Store, path: &Path, opts: Options) -> Result<Outcome> {
    let sheet = sheet::read(path)?;
    let mut out = Outcome::default();
    let map = Mapped::new(&sheet, columns::PAIRINGS, &mut out);
    if !child_columns(&map, &mut out, CHILD_KEYS) {
        return Ok(out);
    }
    let helpers = helpers_by_name(store)?;
    let mut rows = Sorted::new();
    for row in sheet.rows.iter().filter(|r| !map.blank(r)) {
        let mut rc = RowCheck::new(&map, row);
        let child = child_of(&mut rc, store, CHILD_KEYS)?;
        let (helper, _) = helper_of(&mut rc, &helpers);
        let start = rc.date("start", opts.today);
        rc.required("start");
        let end = rc.date("end", opts.today);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            rc.fail(
                "end",
                tf(P::EndBeforeStart, &[&date::iso(e), &date::iso(s)]),
            );
        }
        if let (Some(child), Some(s)) = (child, start)
            && let Some(birth) = store.child(child)?.and_then(|c| c.birth_date)
            && s < birth
        {
            rc.fail("start", tf(M::DateBeforeBirth, &[&date::iso(s)]));
        }
        let intended = rc.yes_no("intended").unwrap_or(false);
        let pairing = match (child, helper, start) {
            (Some(child), Some(helper), Some(start)) => Some(NewPairing {
                child,
                helper,
                start,
                end,
                intended,
                end_reason: rc.text("end_reason"),
                ledger: LEDGER
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (i, rc.text(f.key)))
                    .filter(|(_, text)| !text.is_empty())
                    .collect(),
            }),
            _ => None,
        };
        rows.keep(rc, pairing);
    }
    finish(
        store,
        (&sheet, path, opts),
        out,
        &rows,
        |o| o.updated += 1,
        |w, row| w.save_pairing(row),
    )
}
