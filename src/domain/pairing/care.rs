//! The care visits (慰问) due in the coming week: the birthdays of paired
//! children, Spring Festival and Children's Day (seed 003).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};

use super::{ChildFacts, Occasion, Pairing, spring_festival};

/// What the coming seven days (today included) ask of the helpers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CareWeek {
    /// Paired children whose birthday falls this week, by day.
    pub birthdays: Vec<(NaiveDate, i64)>,
    /// A holiday this week, and how many pairings owe a care visit on it.
    pub days: Vec<(Occasion, NaiveDate, usize)>,
}

pub fn care_week(children: &[ChildFacts], pairings: &[Pairing], today: NaiveDate) -> CareWeek {
    let last = today + Days::new(6);
    let week = |d: NaiveDate| today <= d && d <= last;
    let paired: HashSet<i64> = pairings
        .iter()
        .filter(|p| p.active_on(today))
        .map(|p| p.child)
        .collect();
    let born: HashMap<i64, NaiveDate> = children
        .iter()
        .filter_map(|c| Some((c.id, c.birth?)))
        .collect();
    let mut birthdays: Vec<(NaiveDate, i64)> = paired
        .iter()
        .filter_map(|id| {
            let b = born.get(id)?;
            // This year's birthday, or next year's when the week crosses New Year.
            [today.year(), today.year() + 1]
                .into_iter()
                .filter_map(|y| {
                    NaiveDate::from_ymd_opt(y, b.month(), b.day())
                        .or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))
                })
                .find(|d| week(*d))
                .map(|d| (d, *id))
        })
        .collect();
    birthdays.sort();
    let mut days = Vec::new();
    for y in [today.year(), today.year() + 1] {
        let holidays = [
            (Occasion::SpringFestival, spring_festival(y)),
            (Occasion::ChildrensDay, NaiveDate::from_ymd_opt(y, 6, 1)),
        ];
        for (occasion, day) in holidays {
            if let Some(day) = day.filter(|d| week(*d)) {
                let n = pairings.iter().filter(|p| p.active_on(day)).count();
                days.push((occasion, day, n));
            }
        }
    }
    CareWeek { birthdays, days }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Gender;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn child(id: i64, birth: NaiveDate) -> ChildFacts {
        ChildFacts {
            id,
            village: String::new(),
            gender: Some(Gender::Male),
            birth: Some(birth),
            categories: vec![],
            household: None,
            in_institution: false,
        }
    }

    fn pairing(child: i64, end: Option<NaiveDate>) -> Pairing {
        Pairing {
            id: child,
            child,
            helper: 1,
            start: day(2025, 1, 1),
            end,
            intended: false,
        }
    }

    #[test]
    fn birthdays_of_paired_children_and_the_holidays_of_the_week() {
        let children = [
            child(1, day(2015, 5, 30)),
            child(2, day(2016, 6, 3)),
            child(3, day(2014, 6, 2)),
            child(4, day(2014, 6, 20)),
        ];
        // 3 is not paired any more; 4's birthday is not this week.
        let pairings = [
            pairing(1, None),
            pairing(2, None),
            pairing(3, Some(day(2026, 3, 1))),
            pairing(4, None),
        ];
        let w = care_week(&children, &pairings, day(2026, 5, 28));
        assert_eq!(w.birthdays, [(day(2026, 5, 30), 1), (day(2026, 6, 3), 2)]);
        assert_eq!(w.days, [(Occasion::ChildrensDay, day(2026, 6, 1), 3)]);
        // The week across New Year reaches next year's Spring Festival (2027-02-06: not yet).
        let w = care_week(&children, &pairings, day(2026, 12, 29));
        assert!(w.birthdays.is_empty() && w.days.is_empty());
        let w = care_week(&children, &pairings, day(2027, 2, 1));
        assert_eq!(w.days, [(Occasion::SpringFestival, day(2027, 2, 6), 3)]);
    }
}
