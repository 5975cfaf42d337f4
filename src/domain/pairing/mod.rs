//! The pairing ledger (结对帮扶台账, seed 003; 001 代理妈妈; 002 执委妈妈): helpers,
//! pairings, helper activities, and the checks of `spec/domain.md`, "Pairing
//! ledger", as pure rules.

mod care;
mod checks;
mod ledger;
mod suggest;

pub use care::{CareWeek, care_week};
pub use checks::{Check, Finding, Occasion, What, checks};
pub use ledger::{LEDGER, LedgerField, Wish};
pub use suggest::{Reason, Suggestion, suggest};

use chrono::{Datelike, NaiveDate};

use super::date::add_months;
use super::vocab::vocab;
use super::{Category, Gender};

vocab! {
    /// Who helps: a cadre family (代理妈妈, 执委妈妈 are of this kind), a
    /// department covering an area, a volunteer, a social organisation.
    HelperKind {
        Family = "family", "家庭", "family", ["爱心家庭", "干部职工家庭", "爱心干部职工家庭", "代理妈妈", "执委妈妈"];
        Department = "department", "部门", "department", ["部门包片", "包片"];
        Volunteer = "volunteer", "志愿者", "volunteer";
        Organisation = "organisation", "社会组织", "social organisation";
    }
}

vocab! {
    /// What a helper did: a patrol visit (巡查走访), a care visit (慰问), a wish
    /// fulfilled, a problem passed on.
    ActivityKind {
        Visit = "visit", "走访", "visit", ["巡查走访"];
        Care = "care", "慰问", "care visit";
        Wish = "wish", "心愿", "wish fulfilled", ["心愿实现"];
        Problem = "problem", "转交问题", "problem passed on", ["转交"];
    }
}

/// A helper of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Helper {
    pub id: i64,
    pub name: String,
    pub gender: Option<Gender>,
    pub kind: HelperKind,
    pub unit: String,
    /// The village the helper's unit is linked with (挂钩村), if any.
    pub linked_village: String,
    /// The days of the policy trainings attended.
    pub trainings: Vec<NaiveDate>,
}

/// A child paired with a helper from `start` through `end` (both included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairing {
    pub id: i64,
    pub child: i64,
    pub helper: i64,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// A second pairing meant to be (not a duplicate).
    pub intended: bool,
}

impl Pairing {
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|e| day <= e)
    }
}

/// Something a helper did for a child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub helper: i64,
    pub child: i64,
    pub date: NaiveDate,
    pub kind: ActivityKind,
}

/// What the checks need of a child.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChildFacts {
    pub id: i64,
    pub village: String,
    pub gender: Option<Gender>,
    pub birth: Option<NaiveDate>,
    pub categories: Vec<Category>,
    /// The household (its row in the store), if recorded.
    pub household: Option<i64>,
    /// An orphan brought up in an institution (机构养育), not in the community.
    pub in_institution: bool,
}

/// The categories whose children must be paired with a family (003).
pub const PRIORITY: [Category; 3] = [
    Category::Orphan,
    Category::DeFactoUnsupported,
    Category::DibaoSevere,
];

/// The categories whose children must have a helper of any kind (003).
pub const OTHERS: [Category; 3] = [
    Category::DibaoOther,
    Category::OtherDifficulty,
    Category::LeftBehind,
];

impl ChildFacts {
    fn priority(&self) -> bool {
        self.categories.iter().any(|k| PRIORITY.contains(k))
    }

    /// A child of a priority category who must have a family: an orphan
    /// brought up in an institution is not paired (003).
    pub fn needs_family(&self) -> bool {
        self.priority() && !(self.categories.contains(&Category::Orphan) && self.in_institution)
    }

    /// A child of the other categories (and none of the priority ones), who
    /// must have a helper of any kind.
    pub fn needs_helper(&self) -> bool {
        !self.priority() && self.categories.iter().any(|k| OTHERS.contains(k))
    }

    /// A girl aged 8 or more on `today`, who must have a female helper.
    pub fn girl_of_8(&self, today: NaiveDate) -> bool {
        self.gender == Some(Gender::Female)
            && self
                .birth
                .is_some_and(|b| super::child::age_between(b, today) >= 8)
    }
}

/// How many days around an occasion a care visit counts for it.
pub const CARE_WINDOW_DAYS: i64 = 15;

/// Spring Festival (正月初一) by year: the lunar new year has no rule of the
/// Gregorian calendar, so it is a table.
pub fn spring_festival(year: i32) -> Option<NaiveDate> {
    const DAYS: [(u32, u32); 21] = [
        (1, 25),
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 29),
        (2, 17),
        (2, 6),
        (1, 26),
        (2, 13),
        (2, 3),
        (1, 23),
        (2, 11),
        (1, 31),
        (2, 19),
        (2, 8),
        (1, 28),
        (2, 15),
        (2, 4),
        (1, 24),
        (2, 12),
    ];
    let (m, d) = *DAYS.get(usize::try_from(year - 2020).ok()?)?;
    NaiveDate::from_ymd_opt(year, m, d)
}

/// The whole months that fit between `from` and `to` (the due dates' month
/// arithmetic, clamping to a month's last day).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    // The calendar months between them, less one if the last does not fit.
    let m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let m = m.max(0) as u32;
    if add_months(from, m) <= to {
        m
    } else {
        m.saturating_sub(1)
    }
}

/// The patrol visits due by `today` this year for a pairing started `start`:
/// floor(6 × m / 12), m counted from the later of January 1 and the start.
pub fn visits_due(start: NaiveDate, today: NaiveDate) -> usize {
    let jan1 = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    (6 * whole_months(start.max(jan1), today) / 12) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_months_agrees_with_adding_one_month_at_a_time() {
        let slow = |from: NaiveDate, to: NaiveDate| {
            let mut m = 0;
            while add_months(from, m + 1) <= to {
                m += 1;
            }
            m
        };
        let start = NaiveDate::from_ymd_opt(2023, 12, 25).unwrap();
        for a in 0..130 {
            let from = start + chrono::Days::new(a * 3);
            for b in 0..160 {
                let to = from + chrono::Days::new(b * 5);
                assert_eq!(whole_months(from, to), slow(from, to), "{from} {to}");
            }
            let earlier = from - chrono::Days::new(1);
            assert_eq!(whole_months(from, earlier), 0);
        }
    }
}
