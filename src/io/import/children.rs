//! Importing a survey sheet of children (摸底排查表, or a national form as
//! villages keep it): every row checked against the registry, then all of it
//! written in one transaction (or, with `skip_invalid`, the valid rows).

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::check::{Mapped, RowCheck, Sorted};
use super::{Options, Outcome, Progress, national, settle};
use crate::domain::benefits::Condition;
use crate::domain::date;
use crate::domain::vocab::split_list;
use crate::domain::{
    Category, Child, ChildStatus, DisabilityType, Flag, Gender, Health, HukouNature, ParentStatus,
    Placement, RiskLevel, SchoolStatus, Visit, VisitKind,
};
use crate::i18n::{M, t, tf};
use crate::io::columns;
use crate::io::sheet;
use crate::store::Store;
use crate::store::children::Saved;

/// A valid row of a survey sheet.
struct ChildRow {
    number: usize,
    child: Child,
    last_visit: Option<NaiveDate>,
}

/// Applies the cells present in the sheet onto `child`, checking each one.
/// On an update (`update`), a blank cell keeps what the registry holds: survey
/// sheets leave cells empty that an earlier sheet or the officer filled.
fn apply_child(
    rc: &mut RowCheck,
    child: &mut Child,
    today: NaiveDate,
    update: bool,
) -> Option<NaiveDate> {
    let row = rc.row;
    let map = rc.map;
    let has = |k: &str| map.has(k) && !(update && map.get(row, k).is_empty());
    if has("name") {
        child.name = rc.text("name");
        if child.name.is_empty() {
            rc.fail("name", t(M::Required).into());
        } else if let Some(problem) = crate::domain::text::name_problem(&child.name) {
            rc.fail("name", problem);
        }
    }
    let id = rc.id_number("id_number");
    let gender = rc.word("gender", Gender::parse, Gender::ALL, Gender::zh);
    let birth = rc.date("birth_date", today);
    match &id {
        Ok(Some(id)) => {
            if let Some(b) = birth
                && b != id.birth_date
            {
                rc.fail(
                    "birth_date",
                    tf(
                        M::IdBirthMismatch,
                        &[&date::iso(b), &date::iso(id.birth_date)],
                    ),
                );
            }
            if let Some(g) = gender
                && g != id.gender
            {
                rc.fail("gender", tf(M::IdGenderMismatch, &[&g.zh()]));
            }
            if id.birth_date > today {
                rc.fail("id_number", tf(M::DateFuture, &[&date::iso(id.birth_date)]));
            }
            child.id_number = id.text.clone();
            child.birth_date = Some(id.birth_date);
            child.gender = Some(id.gender);
        }
        Ok(None) => {
            if has("id_number") {
                child.id_number.clear();
            }
            if let Some(g) = gender {
                child.gender = Some(g);
            }
            if let Some(b) = birth {
                child.birth_date = Some(b);
            }
            let raw_gender = rc.map.get(rc.row, "gender").is_empty();
            let raw_birth = rc.map.get(rc.row, "birth_date").is_empty();
            if raw_gender && child.gender.is_none() {
                rc.fail("gender", t(M::RequiredUnlessId).into());
            }
            if raw_birth && child.birth_date.is_none() {
                rc.fail("birth_date", t(M::RequiredUnlessId).into());
            }
        }
        Err(()) => {}
    }
    if has("hukou") {
        child.hukou = rc.yes_no("hukou").unwrap_or(true);
    }
    if has("village") {
        child.village = rc.text("village");
        if child.village.is_empty() {
            rc.fail("village", t(M::Required).into());
        }
    }
    if has("categories") {
        let raw = rc.text("categories");
        let mut cats = Vec::new();
        for item in split_list(&raw) {
            match Category::parse(item) {
                Some(c) if !cats.contains(&c) => cats.push(c),
                Some(_) => {}
                None => rc.fail("categories", tf(M::UnknownCategory, &[&item])),
            }
        }
        if raw.trim().is_empty() {
            rc.fail("categories", t(M::Required).into());
        }
        cats.sort();
        child.categories = cats;
    }
    // Lists where 「无」 says none: each item known, or refused by name.
    macro_rules! list {
        ($key:literal, $ty:ident, $field:expr, $unknown:expr) => {
            if has($key) {
                let raw = rc.text($key);
                let mut items = Vec::new();
                for item in split_list(&raw) {
                    match $ty::parse(item) {
                        Some(f) if !items.contains(&f) => items.push(f),
                        Some(_) => {}
                        None if item == "无" => {}
                        None => rc.fail($key, tf($unknown, &[&item])),
                    }
                }
                items.sort();
                $field = items;
            }
        };
    }
    list!("flags", Flag, child.manual_flags, M::UnknownFlag);
    list!(
        "conditions",
        Condition,
        child.conditions,
        M::UnknownCondition
    );
    if has("reopened_on") {
        child.reopened_on = rc.date("reopened_on", today);
    }
    macro_rules! word {
        ($key:literal, $ty:ident, $field:expr) => {
            if has($key) {
                $field = rc.word($key, $ty::parse, $ty::ALL, $ty::zh);
            }
        };
    }
    word!("risk_level", RiskLevel, child.risk);
    word!("placement", Placement, child.placement);
    word!("hukou_nature", HukouNature, child.hukou_nature);
    if has("hukou_verified_on") {
        child.hukou_verified_on = rc.date("hukou_verified_on", today);
    }
    word!("school_status", SchoolStatus, child.school_status);
    word!("health", Health, child.health);
    word!("disability_type", DisabilityType, child.disability_type);
    word!("father_status", ParentStatus, child.father.status);
    word!("mother_status", ParentStatus, child.mother.status);
    if has("disability_grade") {
        let v = rc.text("disability_grade");
        child.disability_grade = match v.trim_end_matches('级') {
            "" => None,
            "1" | "一" => Some(1),
            "2" | "二" => Some(2),
            "3" | "三" => Some(3),
            "4" | "四" => Some(4),
            _ => {
                rc.fail("disability_grade", t(M::BadGrade).into());
                None
            }
        };
    }
    if has("boarding") {
        child.boarding = rc.yes_no("boarding");
    }
    if has("care_agreement") {
        child.care_agreement = rc.yes_no("care_agreement");
    }
    if has("caregiver_able") {
        child.caregiver.able = rc.yes_no("caregiver_able");
    }
    if has("status") {
        child.status = match rc.word(
            "status",
            ChildStatus::parse,
            ChildStatus::ALL,
            ChildStatus::zh,
        ) {
            Some(s) => s,
            None => ChildStatus::Active,
        };
    }
    if has("exit_date") {
        child.exit_date = rc.date("exit_date", today);
    }
    macro_rules! text {
        ($($key:literal => $field:expr),* $(,)?) => {
            $(if has($key) { $field = rc.text($key); })*
        };
    }
    text!(
        "ethnicity" => child.ethnicity,
        "address" => child.address,
        "hukou_place" => child.hukou_place,
        "household" => child.household,
        "school" => child.school,
        "grade" => child.grade,
        "father_name" => child.father.name,
        "father_work_place" => child.father.work_place,
        "mother_name" => child.mother.name,
        "mother_work_place" => child.mother.work_place,
        "guardian_name" => child.guardian.name,
        "guardian_relation" => child.guardian.relation,
        "guardian_phone" => child.guardian.phone,
        "caregiver_name" => child.caregiver.name,
        "caregiver_relation" => child.caregiver.relation,
        "caregiver_phone" => child.caregiver.phone,
        "income_source" => child.income_source,
        "village_contact" => child.village_contact,
        "exit_reason" => child.exit_reason,
        "reopen_reason" => child.reopen_reason,
    );
    if has("notes") {
        child.notes = rc.lines("notes");
    }
    if map.has("import_notes") {
        child.notes = super::clerks::with_block(&child.notes, &rc.lines("import_notes"));
    }
    for (key, phone) in [
        ("guardian_phone", &child.guardian.phone),
        ("caregiver_phone", &child.caregiver.phone),
    ] {
        if has(key)
            && let Some(problem) = crate::domain::text::phone_problem(phone)
        {
            rc.fail(key, problem);
        }
    }
    if has("registered_on")
        && let Some(d) = rc.date("registered_on", today)
    {
        child.registered_on = d;
    }
    let last_visit = rc.date("last_visit", today);
    if let Some(birth) = child.birth_date {
        if !rc.map.get(rc.row, "registered_on").is_empty() && child.registered_on < birth {
            rc.fail(
                "registered_on",
                tf(M::DateBeforeBirth, &[&date::iso(child.registered_on)]),
            );
        }
        if let Some(v) = last_visit
            && v < birth
        {
            rc.fail("last_visit", tf(M::DateBeforeBirth, &[&date::iso(v)]));
        }
    }
    last_visit
}

/// The key by which two rows (or a row and the registry) are the same child.
fn child_key(c: &Child) -> String {
    if c.id_number.is_empty() {
        format!(
            "{}|{}|{}",
            c.name,
            c.birth_date.map(date::iso).unwrap_or_default(),
            c.village
        )
    } else {
        c.id_number.clone()
    }
}

/// A row whose name, birth date and village are a registered child's but
/// whose ID number is another: shown to the officer, never a silent change of
/// the registered number.
fn id_conflict(rc: &mut RowCheck, store: &Store, child: &Child) -> Result<()> {
    if child.id_number.is_empty() || store.find_child(&child.id_number, "", None, "")?.is_some() {
        return Ok(());
    }
    let same = store.find_child("", &child.name, child.birth_date, &child.village)?;
    if let Some(id) = same
        && let Some(registered) = store.child(id)?
        && !registered.id_number.is_empty()
    {
        let masked = crate::domain::idnum::mask(&registered.id_number);
        rc.fail("id_number", tf(M::IdConflict, &[&registered.name, &masked]));
    }
    Ok(())
}

/// A household code groups the children of one sheet only: where a code of
/// this sheet is already a household of its village made by another sheet
/// (none of its children are in this one), this sheet's group gets a code of
/// its own (`code-2`, `code-3`).
fn scope_households(w: &crate::store::Writer, rows: &mut [ChildRow]) -> Result<()> {
    let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let c = &row.child;
        if !c.household.is_empty() {
            groups
                .entry((c.village.clone(), c.household.clone()))
                .or_default()
                .push(i);
        }
    }
    for ((village, code), members) in groups {
        let registered = w.household_members(&village, &code)?;
        if registered.is_empty() {
            continue;
        }
        let mut ours = false;
        for &i in &members {
            let c = &rows[i].child;
            if let Some(id) = w.find_child(&c.id_number, &c.name, c.birth_date, &c.village)? {
                ours |= registered.contains(&id);
            }
        }
        if ours {
            continue;
        }
        let mut n = 2;
        let free = loop {
            let candidate = format!("{code}-{n}");
            if w.household_members(&village, &candidate)?.is_empty() {
                break candidate;
            }
            n += 1;
        };
        for &i in &members {
            rows[i].child.household.clone_from(&free);
        }
    }
    Ok(())
}

/// A sheet read, mapped and given the names shouhu knows.
fn prepared(path: &Path, opts: &Options, out: &mut Outcome) -> Result<sheet::Sheet> {
    let mut raw = sheet::read(path)?;
    if let Some(t) = opts.template {
        t.apply(&mut raw);
    }
    Ok(national::normalize(raw, opts.defaults, out))
}

/// Every row checked, in the sheet's order: the valid children, and the rows
/// with their problems.
fn sorted<'s>(
    store: &Store,
    sheet: &'s sheet::Sheet,
    map: &'s Mapped<'s>,
    today: NaiveDate,
) -> Result<Sorted<'s, ChildRow>> {
    let mut rows = Sorted::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in sheet.rows.iter().filter(|r| !map.blank(r)) {
        let mut rc = RowCheck::new(map, row);
        let mut child = Child::new(today);
        let last_visit = apply_child(&mut rc, &mut child, today, false);
        if rc.problems.is_empty() {
            match seen.get(&child_key(&child)) {
                Some(first) => {
                    let column = if child.id_number.is_empty() {
                        "name"
                    } else {
                        "id_number"
                    };
                    rc.fail(column, tf(M::DuplicateRow, &[first]));
                }
                None => {
                    seen.insert(child_key(&child), row.number);
                }
            }
        }
        if rc.problems.is_empty() {
            id_conflict(&mut rc, store, &child)?;
        }
        let number = row.number;
        rows.keep(
            rc,
            Some(ChildRow {
                number,
                child,
                last_visit,
            }),
        );
    }
    Ok(rows)
}

/// What an import of a sheet would do, written nowhere: each column and the
/// field it goes to, the first children as they would be saved, the problems.
#[derive(Debug, Default)]
pub struct Preview {
    /// The sheet's headers as read (before any mapping), each with the field
    /// it goes to (its Chinese name), or `None` when left out.
    pub columns: Vec<(String, Option<&'static str>)>,
    pub first: Vec<Child>,
    pub valid: usize,
    pub outcome: Outcome,
}

/// The preview of an import of children.
pub fn preview_children(store: &Store, path: &Path, opts: Options) -> Result<Preview> {
    let mut out = Outcome::default();
    let raw = sheet::read(path)?.headers;
    let sheet = prepared(path, &opts, &mut out)?;
    let map = Mapped::new(&sheet, columns::CHILDREN, &mut out);
    // A column read by the national pass counts as read (its field is in the
    // columns it filled); one left out has no field.
    let mut mapped = raw.clone();
    if let Some(t) = opts.template {
        let mut s = sheet::Sheet {
            headers: mapped,
            rows: Vec::new(),
            preamble: Vec::new(),
            header_row: 0,
        };
        t.apply(&mut s);
        mapped = s.headers;
    }
    let fields = columns::match_headers(columns::CHILDREN, &mapped);
    let national = national::read_by_pass(&mapped);
    let columns = raw
        .iter()
        .zip(fields)
        .zip(national)
        .map(|((h, f), by_pass)| {
            let field = f.map(|i| columns::CHILDREN[i].zh).or(by_pass);
            (h.clone(), field)
        })
        .collect();
    let mut preview = Preview {
        columns,
        ..Preview::default()
    };
    if out.problems.is_empty() {
        let rows = sorted(store, &sheet, &map, opts.today)?;
        for (_, problems) in &rows.bad {
            out.problems.extend(problems.iter().cloned());
        }
        out.rejected = rows.bad.len();
        preview.valid = rows.valid.len();
        preview.first = rows.valid.iter().take(8).map(|r| r.child.clone()).collect();
    }
    preview.outcome = out;
    Ok(preview)
}

/// Imports a survey sheet of children.
pub fn import_children(store: &mut Store, path: &Path, opts: Options) -> Result<Outcome> {
    let mut out = Outcome::default();
    let sheet = prepared(path, &opts, &mut out)?;
    let map = Mapped::new(&sheet, columns::CHILDREN, &mut out);
    if !out.problems.is_empty() {
        out.refused = true;
        return Ok(out);
    }
    let rows = sorted(store, &sheet, &map, opts.today)?;
    if settle(&mut out, &rows.bad, path, &sheet, opts)? {
        return Ok(out);
    }
    let mut valid = rows.valid;
    let total = valid.len();
    let mut bar = Progress::new(opts.progress, total);
    // One big transaction: a cache that holds it avoids spilling mid-way.
    store.keep_in_memory(64)?;
    store.write(|w| {
        scope_households(w, &mut valid)?;
        for (i, row) in valid.into_iter().enumerate() {
            bar.tick(i);
            let ChildRow {
                number,
                child: parsed,
                last_visit,
            } = row;
            let existing = w.find_child(
                &parsed.id_number,
                &parsed.name,
                parsed.birth_date,
                &parsed.village,
            )?;
            let mut child = match existing.map(|id| w.child(id)).transpose()?.flatten() {
                Some(mut old) => {
                    // Only the columns of this sheet change an existing file.
                    let source_row = sheet.rows.iter().find(|r| r.number == number);
                    if let Some(r) = source_row {
                        let mut rc = RowCheck::new(&map, r);
                        apply_child(&mut rc, &mut old, opts.today, true);
                    }
                    old
                }
                None => parsed,
            };
            match w.save_child(&mut child)? {
                Saved::Added => out.added += 1,
                Saved::Updated => out.updated += 1,
                Saved::Unchanged => out.unchanged += 1,
            }
            if let Some(day) = last_visit
                && w.find_visit(child.id, day, VisitKind::Historic)?.is_none()
            {
                let mut v = Visit::new(child.id, day, VisitKind::Historic);
                w.save_visit(&mut v)?;
            }
        }
        Ok(())
    })?;
    bar.done();
    Ok(out)
}
