//! The quarterly, half-yearly or yearly report (domain.md, "Reports"), per
//! village and for the township.
//!
//! Left out, because their registers do not exist yet: mandatory reports and
//! referrals (raised, answered, closed), and benefit gaps. The report says so
//! in a note.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use chrono::NaiveDate;

use super::table::{Column, Doc, Group};
use crate::domain::date::{self, Period};
use crate::domain::pairing::{ChildFacts, HelperKind};
use crate::domain::{Category, ChildStatus, Gender, VisitKind};
use crate::i18n::{M, t, tf};
use crate::store::Store;
use crate::store::report::RegisterEntry;

/// The figures of one village, or of the whole township.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub village: String,
    /// On the register at `as_of` (see [`on_register`]).
    pub active: usize,
    pub male: usize,
    pub female: usize,
    /// By category, in the order of [`Category::ALL`]; a child of two
    /// categories counts in both.
    pub by_category: Vec<usize>,
    /// Registered within the period.
    pub new: usize,
    /// Exited within the period (by exit date).
    pub exited: usize,
    /// Visits of kind `home` dated within the period.
    pub home_visits: usize,
    /// The children the coverage counts: on the register at `as_of` and given
    /// a cadence by the policy.
    pub counted: usize,
    /// Of those, the ones whose cadence was kept at `as_of`.
    pub kept: usize,
    /// Active children overdue today.
    pub overdue_now: usize,
    /// On the register at `as_of` and of a category that must have a family
    /// (孤儿 in the community, 事实无人抚养, 低保家庭重残重病; 003).
    pub priority: usize,
    /// Of those, the ones in a pairing with a family at `as_of`.
    pub priority_paired: usize,
}

impl Figures {
    /// Visit coverage as a share, `None` when no child is counted.
    pub fn coverage(&self) -> Option<f64> {
        (self.counted > 0).then(|| self.kept as f64 / self.counted as f64)
    }

    /// Pairing coverage of the priority categories, `None` when there are none.
    pub fn pairing_coverage(&self) -> Option<f64> {
        (self.priority > 0).then(|| self.priority_paired as f64 / self.priority as f64)
    }

    fn add(&mut self, o: &Figures) {
        self.active += o.active;
        self.male += o.male;
        self.female += o.female;
        for (a, b) in self.by_category.iter_mut().zip(&o.by_category) {
            *a += b;
        }
        self.new += o.new;
        self.exited += o.exited;
        self.home_visits += o.home_visits;
        self.counted += o.counted;
        self.kept += o.kept;
        self.overdue_now += o.overdue_now;
        self.priority += o.priority;
        self.priority_paired += o.priority_paired;
    }
}

/// The day the register is looked at: the period's last day, or today if
/// the period has not ended yet.
pub fn as_of(period: Period, today: NaiveDate) -> NaiveDate {
    period.bounds().1.min(today)
}

/// On the register on `day`: registered on or before it, and not exited on or
/// before it (an exited child without an exit date counts as exited).
pub fn on_register(c: &RegisterEntry, day: NaiveDate) -> bool {
    c.registered_on <= day
        && match c.status {
            ChildStatus::Active => true,
            ChildStatus::Exited => c.exit_date.is_some_and(|d| d > day),
        }
}

/// The figures of every village, by name in pinyin order, then the township's.
///
/// **Visit coverage**, exactly: with `as_of` the period's last day or today if
/// earlier, the children counted are those on the register at `as_of` (see
/// [`on_register`]) to whom the policy gives a cadence (judged by their
/// current categories and flags: the register keeps no history of them). A
/// counted child's cadence **was kept** when its next due date, computed by the
/// policy from the latest counting visit (kinds `home` and `historic` by
/// default) made on or before `as_of`, or from the day of registration if there
/// is none, is not before `as_of`, i.e. it was not overdue at `as_of`.
/// Coverage is kept / counted.
pub fn figures(store: &Store, period: Period, today: NaiveDate) -> Result<Vec<Figures>> {
    let (start, end) = period.bounds();
    let day = as_of(period, today);
    let policy = store.policy()?;
    let register = store.register()?;
    let last = store.last_counting_visits(&policy, day)?;
    let home = store.visit_counts(VisitKind::Home, start, end)?;
    let overdue: HashMap<i64, ()> = store
        .triage_where(&policy, today, |d, _| d.overdue_days > 0)?
        .into_iter()
        .map(|r| (r.child_id, ()))
        .collect();
    // The children with a family at `as_of`, and the orphans of institutions.
    let helpers: HashMap<i64, HelperKind> = store
        .helpers()?
        .into_iter()
        .map(|h| (h.id, h.kind))
        .collect();
    let with_family: HashSet<i64> = store
        .pairings()?
        .into_iter()
        .filter(|p| p.active_on(day) && helpers.get(&p.helper) == Some(&HelperKind::Family))
        .map(|p| p.child)
        .collect();
    let institution = store.in_institution()?;
    let blank = || Figures {
        by_category: vec![0; Category::ALL.len()],
        ..Figures::default()
    };
    let mut per: HashMap<String, Figures> = HashMap::new();
    for c in &register {
        let f = per.entry(c.village.clone()).or_insert_with(blank);
        if on_register(c, day) {
            f.active += 1;
            match c.gender {
                Some(Gender::Male) => f.male += 1,
                Some(Gender::Female) => f.female += 1,
                None => {}
            }
            for cat in &c.categories {
                f.by_category[cat.index()] += 1;
            }
            let facts = ChildFacts {
                categories: c.categories.clone(),
                in_institution: institution.contains(&c.id),
                ..ChildFacts::default()
            };
            if facts.needs_family() {
                f.priority += 1;
                if with_family.contains(&c.id) {
                    f.priority_paired += 1;
                }
            }
            if let Some(due) = policy.due(
                &c.flags,
                &c.categories,
                last.get(&c.id).copied(),
                c.registered_on,
                day,
            ) {
                f.counted += 1;
                if due.overdue_days <= 0 {
                    f.kept += 1;
                }
            }
        }
        if (start..=end).contains(&c.registered_on) {
            f.new += 1;
        }
        if c.status == ChildStatus::Exited
            && c.exit_date.is_some_and(|d| (start..=end).contains(&d))
        {
            f.exited += 1;
        }
        f.home_visits += home.get(&c.id).copied().unwrap_or(0);
        if overdue.contains_key(&c.id) {
            f.overdue_now += 1;
        }
    }
    let mut out = Vec::new();
    // A county file: each township's villages, then the township's total;
    // at the end the county's.
    let county = store.county();
    let mut total = Figures {
        village: if county {
            crate::i18n::t(crate::i18n::W::CountyTotal).to_string()
        } else {
            t(M::RpTownship).to_string()
        },
        ..blank()
    };
    let mut town: Option<(String, Figures)> = None;
    let subtotal = |(name, mut f): (String, Figures)| {
        f.village = tf(crate::i18n::W::TownshipTotal, &[&name]);
        f
    };
    for v in store.villages()? {
        let mut f = per.remove(&v).unwrap_or_else(blank);
        f.village.clone_from(&v);
        total.add(&f);
        if county && let Some((name, _)) = v.split_once('·') {
            if town.as_ref().is_some_and(|(t, _)| t != name) {
                out.extend(town.take().map(subtotal));
            }
            town.get_or_insert_with(|| (name.to_string(), blank()))
                .1
                .add(&f);
        }
        out.push(f);
    }
    out.extend(town.take().map(subtotal));
    out.push(total);
    Ok(out)
}

/// A share as the report prints it: 「87.5%」, or 「—」 when nothing is counted.
pub fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), |c| format!("{:.1}%", c * 100.0))
}

/// The report as a printable table.
pub fn doc(store: &Store, period: Period, today: NaiveDate) -> Result<Doc> {
    let figures = figures(store, period, today)?;
    let (start, end) = period.bounds();
    // A county file's villages are 「镇·村」: a wider first column.
    let county = store.county();
    let mut columns = vec![
        Column::text(t(M::ColVillage), if county { 18 } else { 12 }),
        Column::number(t(M::RpActive), 6),
        Column::number(Gender::Male.label(), 4),
        Column::number(Gender::Female.label(), 4),
    ];
    columns.extend(Category::ALL.iter().map(|c| Column::number(c.label(), 6)));
    columns.extend([
        Column::number(t(M::RpNew), 4),
        Column::number(t(M::RpExited), 4),
        Column::number(t(M::RpHomeVisits), 6),
        Column::number(t(M::RpCovered), 6),
        Column::number(t(M::RpCoverage), 7),
        Column::number(t(M::RpOverdue), 6),
        Column::number(t(M::RpPriority), 6),
        Column::number(t(M::RpPriorityPaired), 6),
        Column::number(t(M::RpPairingCoverage), 7),
    ]);
    let rows = figures
        .iter()
        .map(|f| {
            let mut r = vec![
                f.village.clone(),
                f.active.to_string(),
                f.male.to_string(),
                f.female.to_string(),
            ];
            r.extend(f.by_category.iter().map(usize::to_string));
            r.extend([
                f.new.to_string(),
                f.exited.to_string(),
                f.home_visits.to_string(),
                f.kept.to_string(),
                percent(f.coverage()),
                f.overdue_now.to_string(),
                f.priority.to_string(),
                f.priority_paired.to_string(),
                percent(f.pairing_coverage()),
            ]);
            r
        })
        .collect();
    let township = match county {
        true => crate::i18n::t(crate::i18n::W::CountyFile).to_string(),
        false => store.setting("township")?.unwrap_or_default(),
    };
    Ok(Doc {
        title: t(M::RpTitle).to_string(),
        meta: vec![
            tf(M::WlTownship, &[&township]),
            tf(
                M::RpPeriod,
                &[&period.label(), &date::iso(start), &date::iso(end)],
            ),
            tf(
                M::RpAsOf,
                &[&date::iso(as_of(period, today)), &date::iso(today)],
            ),
        ],
        group_header: String::new(),
        columns,
        groups: vec![Group {
            title: String::new(),
            key: String::new(),
            rows,
            footer: String::new(),
        }],
        notes: vec![t(M::RpNotYet).to_string()],
    })
}
