//! The demo township's benefits: most children entitled to one receive it,
//! some do not (the gaps), from its own generator.

use anyhow::Result;
use chrono::{Days, NaiveDate};

use super::Rng;
use crate::domain::benefits::{BenefitKind, default_rules, gaps};
use crate::store::Writer;
use crate::store::benefits::NewBenefit;

/// Gives most of the benefits the gap rules call for, and a few others.
pub fn generate(w: &Writer<'_>, seed: u64, today: NaiveDate) -> Result<usize> {
    let mut rng = Rng::new(seed ^ 0xbe4e_f175);
    // The cases as the store reads them, inside this transaction.
    let cases = crate::store::benefits::gap_cases(&w.tx)?;
    let mut made = 0;
    for g in gaps(&cases, &default_rules(), today, None) {
        if rng.chance(82) {
            let since = today - Days::new(30 + rng.below(900));
            w.save_benefit(&NewBenefit {
                child: g.child,
                kind: g.missing,
                since: Some(since),
                until: None,
                amount: String::new(),
            })?;
            made += 1;
        }
    }
    for c in &cases {
        if rng.chance(6) {
            let kind = *rng.pick(&[
                BenefitKind::MedicalRelief,
                BenefitKind::SchoolAid,
                BenefitKind::TempRelief,
            ]);
            w.save_benefit(&NewBenefit {
                child: c.id,
                kind,
                since: Some(today - Days::new(10 + rng.below(300))),
                until: None,
                amount: String::new(),
            })?;
            made += 1;
        }
    }
    Ok(made)
}

/// Cases for the reviews and the guardianship checks: a few children with no
/// ID number made 16 (left behind) or 18, two left-behind children whose
/// parents came home, three files untouched since summer, two left-behind
/// children with nobody entrusted, one caregiver unable to care, two
/// temporary guardianships (one open too long).
pub fn register_cases(w: &Writer<'_>, seed: u64, today: NaiveDate) -> Result<()> {
    use crate::domain::{Category, Child, ParentStatus};
    let mut rng = Rng::new(seed ^ 0x7e91_57e7);
    // The active children in an order of the demo's own; each case takes the
    // first few that fit, read through the store.
    let mut order: Vec<i64> = crate::store::pairing::facts(&w.tx)?
        .iter()
        .map(|c| c.id)
        .collect();
    order.sort_unstable();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut taken: Vec<i64> = Vec::new();
    let mut pick = |n: usize, fits: &dyn Fn(&Child) -> bool| -> Result<Vec<i64>> {
        let mut out = Vec::new();
        for &id in &order {
            if out.len() == n {
                break;
            }
            if taken.contains(&id) {
                continue;
            }
            if w.child(id)?.is_some_and(|c| fits(&c)) {
                out.push(id);
                taken.push(id);
            }
        }
        Ok(out)
    };
    let left = |c: &Child| c.categories.contains(&Category::LeftBehind);
    for (years, left_behind) in [(16, true), (18, false)] {
        for id in pick(2, &|c| c.id_number.is_empty() && left(c) == left_behind)? {
            let born = today - Days::new(years * 365 + 5 + rng.below(60));
            change(w, id, |c| c.birth_date = Some(born))?;
        }
    }
    for id in pick(2, &|c| left(c) && !c.id_number.is_empty())? {
        change(w, id, |c| {
            for p in [&mut c.father, &mut c.mother] {
                p.status = Some(ParentStatus::AtHome);
                p.work_place.clear();
            }
        })?;
    }
    let away = |c: &Child| {
        left(c)
            && c.father.status == Some(ParentStatus::Migrant)
            && c.mother.status == Some(ParentStatus::Migrant)
            && c.caregiver.name.is_empty()
    };
    for id in pick(2, &away)? {
        change(w, id, |c| {
            c.guardian.name.clear();
            c.guardian.relation = "母亲".into();
        })?;
    }
    for id in pick(1, &|c| !c.caregiver.name.is_empty())? {
        change(w, id, |c| c.caregiver.able = Some(false))?;
    }
    // Three files untouched since summer: no visit for four months, and the
    // change of the file itself dated then.
    let since = today - Days::new(120);
    let quiet = |c: &Child| {
        w.last_visit_on(c.id)
            .map(|d| d.is_none_or(|d| d < since))
            .unwrap_or(false)
    };
    let then = format!(
        "{}T08:00:00Z",
        crate::domain::date::iso(today - Days::new(130))
    );
    for id in pick(3, &quiet)? {
        w.backdate_child(id, &then)?;
    }
    // Two temporary guardianships (004): one open 45 days, past the 30
    // allowed; one begun last week.
    for (n, days, place, note) in [
        (1, 45, "村委会", "父母失联，已通知返回"),
        (1, 6, "舅舅家", "母亲住院，父亲在外务工已通知"),
    ] {
        for id in pick(n, &|c| !left(c))? {
            w.open_temporary(id, today - Days::new(days), place, note)?;
        }
    }
    Ok(())
}

/// Changes a case file through the store, so that what is derived from it
/// (flags, the triage's columns) follows.
fn change(w: &Writer<'_>, id: i64, f: impl FnOnce(&mut crate::domain::Child)) -> Result<()> {
    if let Some(mut c) = w.child(id)? {
        f(&mut c);
        w.save_child(&mut c)?;
    }
    Ok(())
}
