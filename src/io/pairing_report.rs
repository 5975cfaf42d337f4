//! The pairing report of a period (seed 003: the township reports its
//! pairing work every quarter): per village and helper unit, the children
//! paired, the patrol visits and care visits made, the wishes fulfilled and
//! the problems passed on.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::Result;
use chrono::NaiveDate;

use super::report::as_of;
use super::table::{Column, Doc, Group};
use crate::domain::date::{self, Period};
use crate::domain::pairing::ActivityKind;
use crate::domain::text;
use crate::i18n::{M, t, tf};
use crate::store::Store;

/// The figures of one unit in one village.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitFigures {
    pub children: usize,
    pub visits: usize,
    pub care: usize,
    pub wishes: usize,
    pub problems: usize,
}

impl UnitFigures {
    fn add(&mut self, o: &UnitFigures) {
        self.children += o.children;
        self.visits += o.visits;
        self.care += o.care;
        self.wishes += o.wishes;
        self.problems += o.problems;
    }

    fn cells(&self) -> [String; 5] {
        [
            self.children.to_string(),
            self.visits.to_string(),
            self.care.to_string(),
            self.wishes.to_string(),
            self.problems.to_string(),
        ]
    }
}

/// Per village (of the child) and unit (of the helper; a helper without a
/// unit under their own name): the children in a pairing on some day of the
/// period, and what the helpers did for the children of that village in it.
pub fn figures(
    store: &Store,
    period: Period,
    today: NaiveDate,
) -> Result<BTreeMap<(String, String), UnitFigures>> {
    let (start, _) = period.bounds();
    let end = as_of(period, today);
    let village: HashMap<i64, String> = store
        .register()?
        .into_iter()
        .map(|c| (c.id, c.village))
        .collect();
    let unit: HashMap<i64, String> = store
        .helpers()?
        .into_iter()
        .map(|h| {
            let u = if h.unit.is_empty() { h.name } else { h.unit };
            (h.id, u)
        })
        .collect();
    let key =
        |child: i64, helper: i64| Some((village.get(&child)?.clone(), unit.get(&helper)?.clone()));
    let mut out: BTreeMap<(String, String), UnitFigures> = BTreeMap::new();
    let mut paired: HashSet<(String, String, i64)> = HashSet::new();
    for p in store.pairings()? {
        let ran = p.start <= end && p.end.is_none_or(|e| e >= start);
        if let (true, Some(k)) = (ran, key(p.child, p.helper))
            && paired.insert((k.0.clone(), k.1.clone(), p.child))
        {
            out.entry(k).or_default().children += 1;
        }
    }
    for a in store.helper_activities()? {
        if a.date < start || a.date > end {
            continue;
        }
        let Some(k) = key(a.child, a.helper) else {
            continue;
        };
        let f = out.entry(k).or_default();
        match a.kind {
            ActivityKind::Visit => f.visits += 1,
            ActivityKind::Care => f.care += 1,
            ActivityKind::Wish => f.wishes += 1,
            ActivityKind::Problem => f.problems += 1,
        }
    }
    Ok(out)
}

/// The pairing report as a printable table: a group per village, a row per unit.
pub fn doc(store: &Store, period: Period, today: NaiveDate) -> Result<Doc> {
    let figures = figures(store, period, today)?;
    let (start, end) = period.bounds();
    let columns = vec![
        Column::text(t(M::RpUnit), 16),
        Column::number(t(M::RpPairedChildren), 6),
        Column::number(t(M::RpPatrolVisits), 6),
        Column::number(t(M::RpCareVisits), 6),
        Column::number(t(M::RpWishes), 6),
        Column::number(t(M::RpProblems), 6),
    ];
    let totals = |f: &UnitFigures| {
        let [c, v, k, w, p] = f.cells();
        tf(M::RpPairingTotals, &[&c, &v, &k, &w, &p])
    };
    let mut township = UnitFigures::default();
    let mut groups = Vec::new();
    for v in store.villages()? {
        let mut rows: Vec<(&String, &UnitFigures)> = figures
            .iter()
            .filter(|((village, _), _)| *village == v)
            .map(|((_, unit), f)| (unit, f))
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by_cached_key(|(unit, _)| text::sort_key(unit));
        let mut sum = UnitFigures::default();
        for (_, f) in &rows {
            sum.add(f);
        }
        township.add(&sum);
        groups.push(Group {
            title: tf(M::WlVillage, &[&v]),
            key: v.clone(),
            rows: rows
                .into_iter()
                .map(|(unit, f)| {
                    let mut r = vec![unit.clone()];
                    r.extend(f.cells());
                    r
                })
                .collect(),
            footer: totals(&sum),
        });
    }
    let name = store.setting("township")?.unwrap_or_default();
    Ok(Doc {
        title: t(M::RpPairingTitle).to_string(),
        meta: vec![
            tf(M::WlTownship, &[&name]),
            tf(
                M::RpPeriod,
                &[&period.label(), &date::iso(start), &date::iso(end)],
            ),
        ],
        group_header: t(M::ColVillage).to_string(),
        columns,
        groups,
        notes: vec![format!("{}：{}", t(M::RpTownship), totals(&township))],
    })
}
