//! Importing what helpers did (`import activities`): a patrol visit (走访), a
//! care visit (慰问), a wish fulfilled (心愿), a problem passed on (转交问题) —
//! by a registered helper for a child they are paired with, on a day of the
//! pairing and not in the future.

use std::path::Path;

use anyhow::Result;

use super::check::{Mapped, RowCheck, Sorted};
use super::pairings::{CHILD_KEYS, helper_of, helpers_by_name};
use super::visits::{child_columns, child_of};
use super::{Options, Outcome, finish};
use crate::domain::pairing::ActivityKind;
use crate::i18n::{P, tf};
use crate::io::columns;
use crate::io::sheet;
use crate::store::Store;
use crate::store::pairing::NewActivity;

/// Imports a sheet of helper activities.
pub fn import_activities(store: &mut Store, path: &Path, opts: Options) -> Result<Outcome> {
    let sheet = sheet::read(path)?;
    let mut out = Outcome::default();
    let map = Mapped::new(&sheet, columns::ACTIVITIES, &mut out);
    if !child_columns(&map, &mut out, CHILD_KEYS) {
        return Ok(out);
    }
    let helpers = helpers_by_name(store)?;
    let pairings = store.pairings()?;
    let mut rows = Sorted::new();
    for row in sheet.rows.iter().filter(|r| !map.blank(r)) {
        let mut rc = RowCheck::new(&map, row);
        let child = child_of(&mut rc, store, CHILD_KEYS)?;
        let (helper, helper_name) = helper_of(&mut rc, &helpers);
        let day = rc.date("date", opts.today);
        rc.required("date");
        let kind = rc.word(
            "kind",
            ActivityKind::parse,
            ActivityKind::ALL,
            ActivityKind::zh,
        );
        rc.required("kind");
        // Done within a pairing of this helper and child.
        if let (Some(c), Some(h), Some(d)) = (child, helper, day)
            && !pairings
                .iter()
                .any(|p| p.child == c && p.helper == h && p.active_on(d))
        {
            rc.fail("date", tf(P::OutsidePairing, &[&helper_name]));
        }
        let notes = rc.lines("notes");
        let activity = match (child, helper, day, kind) {
            (Some(child), Some(helper), Some(date), Some(kind)) => Some(NewActivity {
                child,
                helper,
                date,
                kind,
                notes,
            }),
            _ => None,
        };
        rows.keep(rc, activity);
    }
    finish(
        store,
        (&sheet, path, opts),
        out,
        &rows,
        |o| o.unchanged += 1,
        |w, row| w.save_activity(row),
    )
}
