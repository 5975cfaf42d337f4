//! Importing visit records: each names its child by ID number, or by name and
//! village; the same visit again updates its visitor and notes.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::check::{Mapped, RowCheck, Sorted};
use super::{Options, Outcome, Problem, Progress, settle};
use crate::domain::{Visit, VisitKind, date};
use crate::i18n::{M, t, tf};
use crate::io::columns;
use crate::io::sheet;
use crate::store::Store;
use crate::store::children::Saved;

/// A valid row of visit records.
struct VisitRow {
    visit: Visit,
}

/// Whether a sheet can name its children (an ID number column, or name and
/// village, under the keys given); if not, or when the header had other
/// problems, the import is refused, said in `out`.
pub(super) fn child_columns(map: &Mapped, out: &mut Outcome, [id, name]: [&str; 2]) -> bool {
    if !(map.has(id) || (map.has(name) && map.has("village"))) {
        let said = |key: &str| {
            map.columns
                .get(map.index(key))
                .map_or(key.to_string(), |c| c.zh.to_string())
        };
        let columns = format!("{} / {} + 村（社区）", said(id), said(name));
        out.problems.push(Problem {
            row: 0,
            column: String::new(),
            reason: tf(M::ImportMissingColumn, &[&columns]),
        });
    }
    out.refused = !out.problems.is_empty();
    !out.refused
}

/// Imports visit records; each names its child by ID number, or name and village.
pub fn import_visits(store: &mut Store, path: &Path, opts: Options) -> Result<Outcome> {
    let sheet = sheet::read(path)?;
    let mut out = Outcome::default();
    let map = Mapped::new(&sheet, columns::VISITS, &mut out);
    if !child_columns(&map, &mut out, ["id_number", "name"]) {
        return Ok(out);
    }
    let mut rows = Sorted::new();
    let mut seen: HashMap<(i64, NaiveDate, VisitKind), usize> = HashMap::new();
    let mut births: HashMap<i64, Option<NaiveDate>> = HashMap::new();
    for row in sheet.rows.iter().filter(|r| !map.blank(r)) {
        let mut rc = RowCheck::new(&map, row);
        let child_id = child_of(&mut rc, store, ["id_number", "name"])?;
        let day = rc.date("date", opts.today);
        rc.required("date");
        let kind = rc.word(
            "kind",
            VisitKind::parse,
            &VisitKind::ALL[..5],
            VisitKind::zh,
        );
        rc.required("kind");
        if let (Some(child_id), Some(day), Some(kind)) = (child_id, day, kind) {
            let birth = match births.get(&child_id) {
                Some(b) => *b,
                None => {
                    let b = store.child(child_id)?.and_then(|c| c.birth_date);
                    births.insert(child_id, b);
                    b
                }
            };
            if birth.is_some_and(|b| day < b) {
                rc.fail("date", tf(M::DateBeforeBirth, &[&date::iso(day)]));
            }
            match seen.get(&(child_id, day, kind)) {
                Some(first) => rc.fail("date", tf(M::DuplicateRow, &[first])),
                None => {
                    seen.insert((child_id, day, kind), row.number);
                }
            }
            let mut visit = Visit::new(child_id, day, kind);
            visit.visitor = rc.text("visitor");
            visit.notes = rc.lines("notes");
            rows.keep(rc, Some(VisitRow { visit }));
        } else {
            rows.keep(rc, None);
        }
    }
    if settle(&mut out, &rows.bad, path, &sheet, opts)? {
        return Ok(out);
    }
    let valid = rows.valid;
    let total = valid.len();
    let mut bar = Progress::new(opts.progress, total);
    store.keep_in_memory(64)?;
    store.write(|w| {
        for (i, VisitRow { mut visit }) in valid.into_iter().enumerate() {
            bar.tick(i);
            if let Some(id) = w.find_visit(visit.child_id, visit.date, visit.kind)? {
                // The same visit again: its visitor and notes are updated.
                let mut old = w.visit(id)?.unwrap_or_else(|| visit.clone());
                old.visitor = visit.visitor;
                old.notes = visit.notes;
                match w.save_visit(&mut old)? {
                    Saved::Updated => out.updated += 1,
                    _ => out.unchanged += 1,
                }
            } else {
                w.save_visit(&mut visit)?;
                out.added += 1;
            }
        }
        Ok(())
    })?;
    bar.done();
    Ok(out)
}

/// The child a row names: by ID number (the name beside it, if any, must be
/// that child's), else by name and village. `keys` are the row's ID number
/// and name columns.
pub(super) fn child_of(
    rc: &mut RowCheck,
    store: &Store,
    [id_key, name_key]: [&str; 2],
) -> Result<Option<i64>> {
    let name = rc.text(name_key);
    let village = rc.text("village");
    // A sheet exported masked (as shouhu exports by default) names the child
    // by name and village; the masked number must agree with theirs.
    let raw = rc.text(id_key);
    if raw.contains('*') && !name.is_empty() && !village.is_empty() {
        let found = store.children_named(&name, &village)?;
        for id in found {
            let number = store.child(id)?.map(|c| c.id_number).unwrap_or_default();
            if !number.is_empty() && crate::domain::idnum::mask(&number) == raw {
                return Ok(Some(id));
            }
        }
        rc.fail(id_key, t(M::IdMasked).into());
        return Ok(None);
    }
    let id = match rc.id_number(id_key) {
        Ok(id) => id,
        Err(()) => return Ok(None),
    };
    if let Some(id) = id {
        let Some(child) = store.find_child(&id.text, "", None, "")? else {
            rc.fail(id_key, t(M::NoChild).into());
            return Ok(None);
        };
        // An ID number of one child beside the name of another: a row typed
        // against the wrong line of the paper. Neither is taken.
        if !name.is_empty()
            && let Some(registered) = store.child(child)?
            && registered.name != name
        {
            rc.fail(name_key, tf(M::IdNameDisagree, &[&registered.name, &name]));
            return Ok(None);
        }
        return Ok(Some(child));
    }
    if name.is_empty() || village.is_empty() {
        rc.fail(id_key, t(M::NeedIdOrName).into());
        return Ok(None);
    }
    let found = store.children_named(&name, &village)?;
    Ok(match found.as_slice() {
        [one] => Some(*one),
        [] => {
            rc.fail(name_key, t(M::NoChild).into());
            None
        }
        _ => {
            rc.fail(name_key, tf(M::AmbiguousChild, &[&village]));
            None
        }
    })
}
