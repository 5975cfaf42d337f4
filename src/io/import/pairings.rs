//! Importing the pairings of the ledger (`import pairings`): each row pairs a
//! registered child (by ID number, or name and village) with a registered
//! helper (by name and unit) from a start date; the same pairing again is
//! updated, never duplicated.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;

use super::check::{Mapped, RowCheck, Sorted};
use super::{Options, Outcome, Problem, finish};
use crate::domain::date;
use crate::i18n::{M, t, tf};
use crate::io::columns;
use crate::io::sheet;
use crate::store::Store;
use crate::store::pairing::NewPairing;

/// The child a row names: by ID number, else by name and village.
pub(super) fn child_of(rc: &mut RowCheck, store: &Store) -> Result<Option<i64>> {
    let id = match rc.id_number("child_id_number") {
        Ok(id) => id,
        Err(()) => return Ok(None),
    };
    if let Some(id) = id {
        let found = store.find_child(&id.text, "", None, "")?;
        if found.is_none() {
            rc.fail("child_id_number", t(M::NoChild).into());
        }
        return Ok(found);
    }
    let name = rc.text("child_name");
    let village = rc.text("village");
    if name.is_empty() || village.is_empty() {
        rc.fail("child_id_number", t(M::NeedIdOrName).into());
        return Ok(None);
    }
    Ok(match store.children_named(&name, &village)?.as_slice() {
        [one] => Some(*one),
        [] => {
            rc.fail("child_name", t(M::NoChild).into());
            None
        }
        _ => {
            rc.fail("child_name", tf(M::AmbiguousChild, &[&village]));
            None
        }
    })
}

/// Whether a sheet of the ledger can name its children (an ID number column,
/// or name and village); if not, the import is refused, said in `out`.
pub(super) fn child_columns(map: &Mapped, out: &mut Outcome) -> bool {
    if !(map.has("child_id_number") || (map.has("child_name") && map.has("village"))) {
        out.problems.push(Problem {
            row: 0,
            column: String::new(),
            reason: tf(
                M::ImportMissingColumn,
                &[&"儿童身份证号 / 儿童姓名 + 村（社区）"],
            ),
        });
    }
    out.refused = !out.problems.is_empty();
    !out.refused
}

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
        rc.fail("helper", tf(M::NoHelper, &[&name, &unit]));
    }
    (helper, name)
}

/// Imports a sheet of pairings.
pub fn import_pairings(store: &mut Store, path: &Path, opts: Options) -> Result<Outcome> {
    let sheet = sheet::read(path)?;
    let mut out = Outcome::default();
    let map = Mapped::new(&sheet, columns::PAIRINGS, &mut out);
    if !child_columns(&map, &mut out) {
        return Ok(out);
    }
    let helpers = helpers_by_name(store)?;
    let mut rows = Sorted::new();
    for row in sheet.rows.iter().filter(|r| !map.blank(r)) {
        let mut rc = RowCheck::new(&map, row);
        let child = child_of(&mut rc, store)?;
        let (helper, _) = helper_of(&mut rc, &helpers);
        let start = rc.date("start", opts.today);
        rc.required("start");
        let end = rc.date("end", opts.today);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            rc.fail(
                "end",
                tf(M::EndBeforeStart, &[&date::iso(e), &date::iso(s)]),
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
