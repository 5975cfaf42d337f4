//! Importing the helpers of the pairing ledger (`import helpers`): a helper is
//! known by name and unit; a second sheet updates, never duplicates.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;

use super::check::{Mapped, RowCheck, Sorted};
use super::{Options, Outcome, finish};
use crate::domain::Gender;
use crate::domain::pairing::HelperKind;
use crate::i18n::{M, t, tf};
use crate::io::columns;
use crate::io::sheet;
use crate::store::Store;
use crate::store::pairing::NewHelper;

/// Imports a sheet of helpers.
pub fn import_helpers(store: &mut Store, path: &Path, opts: Options) -> Result<Outcome> {
    let sheet = sheet::read(path)?;
    let mut out = Outcome::default();
    let map = Mapped::new(&sheet, columns::HELPERS, &mut out);
    if !out.problems.is_empty() {
        out.refused = true;
        return Ok(out);
    }
    let mut rows = Sorted::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for row in sheet.rows.iter().filter(|r| !map.blank(r)) {
        let mut rc = RowCheck::new(&map, row);
        let name = rc.text("name");
        if name.is_empty() {
            rc.fail("name", t(M::Required).into());
        } else if let Some(problem) = crate::domain::text::name_problem(&name) {
            rc.fail("name", problem);
        }
        let gender = rc.word("gender", Gender::parse, Gender::ALL, Gender::zh);
        let kind = rc
            .word("kind", HelperKind::parse, HelperKind::ALL, HelperKind::zh)
            .unwrap_or(HelperKind::Family);
        let phone = rc.text("phone");
        if let Some(problem) = crate::domain::text::phone_problem(&phone) {
            rc.fail("phone", problem);
        }
        let training = rc.date("last_training", opts.today);
        let helper = NewHelper {
            name,
            gender,
            kind,
            unit: rc.text("unit"),
            phone,
            linked_village: rc.text("linked_village"),
            training,
        };
        if rc.problems.is_empty() {
            let key = (helper.name.clone(), helper.unit.clone());
            match seen.get(&key) {
                Some(first) => rc.fail("name", tf(M::DuplicateRow, &[first])),
                None => {
                    seen.insert(key, row.number);
                }
            }
        }
        rows.keep(rc, Some(helper));
    }
    finish(
        store,
        (&sheet, path, opts),
        out,
        &rows,
        |o| o.updated += 1,
        |w, row| w.save_helper(row),
    )
}
