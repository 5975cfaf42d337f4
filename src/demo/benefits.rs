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
