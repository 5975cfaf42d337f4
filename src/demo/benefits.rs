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
    let ids: Vec<(i64, String, Option<String>, Option<u8>)> = w
        .tx
        .prepare("SELECT id, category_codes, health, disability_grade FROM children WHERE status = 'active' ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let cases: Vec<crate::domain::benefits::Case> = ids
        .into_iter()
        .map(|(id, cats, health, grade)| crate::domain::benefits::Case {
            id,
            categories: cats
                .split(',')
                .filter_map(crate::domain::Category::from_code)
                .collect(),
            health: health.as_deref().and_then(crate::domain::Health::from_code),
            disability_grade: grade,
            benefits: Vec::new(),
        })
        .collect();
    let mut made = 0;
    for g in gaps(&cases, &default_rules(), today) {
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
/// children with nobody entrusted, one caregiver unable to care.
pub fn register_cases(w: &Writer<'_>, seed: u64, today: NaiveDate) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x7e91_57e7);
    let pick = |sql: &str, n: usize, rng: &mut Rng| -> Result<Vec<i64>> {
        let mut ids: Vec<i64> =
            w.tx.prepare(sql)?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        while out.len() < n && !ids.is_empty() {
            let i = rng.below(ids.len() as u64) as usize;
            out.push(ids.swap_remove(i));
        }
        Ok(out)
    };
    let no_id = "SELECT id FROM children WHERE status = 'active' AND id_number IS NULL";
    let left = "AND ',' || category_codes || ',' LIKE '%,left_behind,%'";
    for (years, which) in [
        (16, format!("{no_id} {left}")),
        (
            18,
            format!("{no_id} AND category_codes NOT LIKE '%left_behind%'"),
        ),
    ] {
        for id in pick(&which, 2, &mut rng)? {
            let born = today - Days::new(years * 365 + 5 + rng.below(60));
            change(w, id, |c| c.birth_date = Some(born))?;
        }
    }
    let lb =
        format!("SELECT id FROM children WHERE status = 'active' {left} AND id_number IS NOT NULL");
    for id in pick(&lb, 2, &mut rng)? {
        change(w, id, |c| {
            for p in [&mut c.father, &mut c.mother] {
                p.status = Some(crate::domain::ParentStatus::AtHome);
                p.work_place.clear();
            }
        })?;
    }
    let away = format!(
        "SELECT c.id FROM children c WHERE c.status = 'active' {left}
           AND (SELECT count(*) FROM parents p WHERE p.child_id = c.id AND p.status = 'migrant') = 2
           AND NOT EXISTS (SELECT 1 FROM caregivers g WHERE g.child_id = c.id AND g.role = 'caregiver' AND g.name <> '')"
    );
    for id in pick(&away, 2, &mut rng)? {
        change(w, id, |c| {
            c.guardian.name.clear();
            c.guardian.relation = "母亲".into();
        })?;
    }
    for id in pick(
        "SELECT child_id FROM caregivers WHERE role = 'caregiver' AND name <> ''",
        1,
        &mut rng,
    )? {
        change(w, id, |c| c.caregiver.able = Some(false))?;
    }
    let stale: Vec<i64> =
        w.tx.prepare(
            "SELECT c.id FROM children c WHERE c.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.child_id = c.id AND v.date >= ?1)
             ORDER BY c.id LIMIT 3",
        )?
        .query_map([crate::domain::date::iso(today - Days::new(120))], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    for id in &stale {
        w.tx.execute(
            "UPDATE children SET updated_at = ?2 WHERE id = ?1",
            rusqlite::params![
                id,
                format!(
                    "{}T08:00:00Z",
                    crate::domain::date::iso(today - Days::new(130))
                )
            ],
        )?;
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
