//! Importing what helpers did (`import activities`): a patrol visit (走访), a
//! care visit (慰问), a wish fulfilled (心愿), a problem passed on (转交问题) —
//! by a registered helper for a child they are paired with, on a day of the
//! pairing and not in the future.

use std::path::Path;

use anyhow::Result;

use super::check::{Mapped, RowCheck};
use super::pairings::{child_columns, child_of, helpers_by_name};
use super::{Options, Outcome, Problem, finish};
use crate::domain::pairing::ActivityKind;
use crate::i18n::{M, t, tf};
use crate::io::columns;
use crate::io::sheet::{self, Row};
use crate::store::Store;
use crate::store::pairing::NewActivity;

/// Imports a sheet of helper activities.
pub fn import_activities(store: &mut Store, path: &Path, opts: Options) -> Result<Outcome> {
    let sheet = sheet::read(path)?;
    let mut out = Outcome::default();
    let map = Mapped::new(&sheet, columns::ACTIVITIES, &mut out);
    if !child_columns(&map, &mut out) {
        return Ok(out);
    }
    let helpers = helpers_by_name(store)?;
    let pairings = store.pairings()?;
    let mut valid: Vec<NewActivity> = Vec::new();
    let mut bad: Vec<(&Row, Vec<Problem>)> = Vec::new();
    for row in sheet.rows.iter().filter(|r| !map.blank(r)) {
        let mut rc = RowCheck {
            map: &map,
            row,
            problems: Vec::new(),
        };
        let child = child_of(&mut rc, store)?;
        let helper_name = rc.text("helper");
        let unit = rc.text("helper_unit");
        let helper = helpers.get(&(helper_name.clone(), unit.clone())).copied();
        if helper.is_none() {
            rc.fail("helper", tf(M::NoHelper, &[&helper_name, &unit]));
        }
        let day = rc.date("date", opts.today);
        if map.get(row, "date").is_empty() {
            rc.fail("date", t(M::Required).into());
        }
        let kind = rc.word(
            "kind",
            ActivityKind::parse,
            ActivityKind::ALL,
            ActivityKind::zh,
        );
        if map.get(row, "kind").is_empty() {
            rc.fail("kind", t(M::Required).into());
        }
        // Done within a pairing of this helper and child.
        if let (Some(c), Some(h), Some(d)) = (child, helper, day)
            && !pairings
                .iter()
                .any(|p| p.child == c && p.helper == h && p.active_on(d))
        {
            rc.fail("date", tf(M::OutsidePairing, &[&helper_name]));
        }
        let notes = rc.lines("notes");
        if rc.problems.is_empty()
            && let (Some(child), Some(helper), Some(date), Some(kind)) = (child, helper, day, kind)
        {
            valid.push(NewActivity {
                child,
                helper,
                date,
                kind,
                notes,
            });
        } else {
            bad.push((row, rc.problems));
        }
    }
    finish(
        store,
        (&sheet, path, opts),
        out,
        (&bad, &valid),
        |o| o.unchanged += 1,
        |w, row| w.save_activity(row),
    )
}
