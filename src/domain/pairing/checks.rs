//! The checks of the pairing ledger (`spec/domain.md`, "Pairing ledger"):
//! each a pure rule over the children, helpers, pairings and activities.

use chrono::{Datelike, NaiveDate};

use super::{
    Activity, ActivityKind, CARE_WINDOW_DAYS, ChildFacts, Helper, HelperKind, Pairing,
    spring_festival, visits_due,
};
use crate::domain::Gender;

/// The checks, in the order of the spec's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    PriorityUnpaired,
    Unpaired,
    GirlMaleHelper,
    SiblingsSplit,
    Duplicate,
    HelperNotLinked,
    Behind,
    CareMissing,
    HelperUntrained,
    RosterReview,
}

impl Check {
    pub const ALL: [Check; 10] = [
        Check::PriorityUnpaired,
        Check::Unpaired,
        Check::GirlMaleHelper,
        Check::SiblingsSplit,
        Check::Duplicate,
        Check::HelperNotLinked,
        Check::Behind,
        Check::CareMissing,
        Check::HelperUntrained,
        Check::RosterReview,
    ];

    pub fn from_code(code: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The code of the csv and json.
    pub fn code(self) -> &'static str {
        match self {
            Check::PriorityUnpaired => "priority_unpaired",
            Check::Unpaired => "unpaired",
            Check::GirlMaleHelper => "girl_male_helper",
            Check::SiblingsSplit => "siblings_split",
            Check::Duplicate => "duplicate",
            Check::HelperNotLinked => "helper_not_linked",
            Check::Behind => "behind",
            Check::CareMissing => "care_missing",
            Check::HelperUntrained => "helper_untrained",
            Check::RosterReview => "roster_review",
        }
    }
}

/// The occasions of a care visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    SpringFestival,
    ChildrensDay,
    Birthday,
}

/// What a check found, with what the screen needs to say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub check: Check,
    pub child: Option<i64>,
    pub helper: Option<i64>,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    Nothing,
    /// Patrol visits made this year, and how many are due by now.
    Visits {
        made: usize,
        due: usize,
    },
    /// An occasion passed on a day without a care visit.
    Care {
        occasion: Occasion,
        day: NaiveDate,
    },
    /// The roster review is overdue (after March 31).
    Overdue,
}

/// Every check of the ledger on `today`; `reviewed` is the day the roster
/// review was last recorded.
pub fn checks(
    children: &[ChildFacts],
    helpers: &[Helper],
    pairings: &[Pairing],
    activities: &[Activity],
    reviewed: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Finding> {
    use std::collections::{BTreeMap, HashMap, HashSet};
    // Indexes: a township has thousands of pairings and tens of thousands of
    // activities, and each check looks them up by id.
    let by_id: HashMap<i64, &Helper> = helpers.iter().map(|h| (h.id, h)).collect();
    let helper = |id: i64| by_id.get(&id).copied();
    let child_of: HashMap<i64, &ChildFacts> = children.iter().map(|c| (c.id, c)).collect();
    // The activities by helper and child (the store reads them in that order,
    // which makes this sort a single pass).
    let mut by_pair: Vec<&Activity> = activities.iter().collect();
    by_pair.sort_by_key(|a| (a.helper, a.child));
    let of_pair = |helper: i64, child: i64| -> &[&Activity] {
        let from = by_pair.partition_point(|a| (a.helper, a.child) < (helper, child));
        let to = by_pair.partition_point(|a| (a.helper, a.child) <= (helper, child));
        &by_pair[from..to]
    };
    let mut active: HashMap<i64, Vec<&Pairing>> = HashMap::new();
    for p in pairings.iter().filter(|p| p.active_on(today)) {
        active.entry(p.child).or_default().push(p);
    }
    let none = Vec::new();
    let mut out = Vec::new();
    let mut push = |check, child, helper, what| {
        out.push(Finding {
            check,
            child,
            helper,
            what,
        })
    };
    for c in children {
        let mine = active.get(&c.id).unwrap_or(&none);
        if c.needs_family() {
            let family = mine
                .iter()
                .any(|p| helper(p.helper).is_some_and(|h| h.kind == HelperKind::Family));
            if !family {
                push(Check::PriorityUnpaired, Some(c.id), None, What::Nothing);
            }
        } else if c.needs_helper() && mine.is_empty() {
            push(Check::Unpaired, Some(c.id), None, What::Nothing);
        }
        if c.girl_of_8(today)
            && let Some(p) = mine
                .iter()
                .find(|p| helper(p.helper).is_some_and(|h| h.gender == Some(Gender::Male)))
        {
            push(
                Check::GirlMaleHelper,
                Some(c.id),
                Some(p.helper),
                What::Nothing,
            );
        }
        if mine.len() >= 2 && mine.iter().all(|p| !p.intended) {
            push(Check::Duplicate, Some(c.id), None, What::Nothing);
        }
        let far = mine.iter().find(|p| {
            helper(p.helper)
                .is_some_and(|h| !h.linked_village.is_empty() && h.linked_village != c.village)
        });
        if let Some(p) = far {
            push(
                Check::HelperNotLinked,
                Some(c.id),
                Some(p.helper),
                What::Nothing,
            );
        }
    }
    // Siblings: the children of one household in pairings, not all with the same helpers.
    let mut households: BTreeMap<i64, Vec<&ChildFacts>> = BTreeMap::new();
    for c in children {
        if let Some(h) = c.household {
            households.entry(h).or_default().push(c);
        }
    }
    for members in households.values() {
        let paired: Vec<(&ChildFacts, Vec<i64>)> = members
            .iter()
            .filter_map(|c| {
                let mut hs: Vec<i64> = active.get(&c.id)?.iter().map(|p| p.helper).collect();
                hs.sort_unstable();
                Some((*c, hs))
            })
            .collect();
        if paired.len() >= 2 && paired.iter().any(|(_, hs)| *hs != paired[0].1) {
            for (c, _) in &paired {
                push(Check::SiblingsSplit, Some(c.id), None, What::Nothing);
            }
        }
    }
    let jan1 = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    for p in pairings.iter().filter(|p| p.active_on(today)) {
        let mine = of_pair(p.helper, p.child);
        let done = |kind: ActivityKind, from: NaiveDate, to: NaiveDate| {
            mine.iter()
                .filter(move |a| a.kind == kind && a.date >= from && a.date <= to)
        };
        let made = done(ActivityKind::Visit, jan1, today).count();
        let due = visits_due(p.start, today);
        if made < due {
            push(
                Check::Behind,
                Some(p.child),
                Some(p.helper),
                What::Visits { made, due },
            );
        }
        let birth = child_of.get(&p.child).and_then(|c| c.birth);
        let birthday = birth.and_then(|b| {
            NaiveDate::from_ymd_opt(today.year(), b.month(), b.day())
                .or_else(|| NaiveDate::from_ymd_opt(today.year(), 2, 28))
        });
        let occasions = [
            (Occasion::SpringFestival, spring_festival(today.year())),
            (
                Occasion::ChildrensDay,
                NaiveDate::from_ymd_opt(today.year(), 6, 1),
            ),
            (Occasion::Birthday, birthday),
        ];
        for (occasion, day) in occasions {
            let Some(day) = day else { continue };
            // Passed (its window closed), and the pairing ran on that day.
            let window = chrono::Duration::days(CARE_WINDOW_DAYS);
            if day + window > today || !p.active_on(day) {
                continue;
            }
            if done(ActivityKind::Care, day - window, day + window)
                .next()
                .is_none()
            {
                push(
                    Check::CareMissing,
                    Some(p.child),
                    Some(p.helper),
                    What::Care { occasion, day },
                );
            }
        }
    }
    let mut untrained = HashSet::new();
    for p in pairings.iter().filter(|p| p.active_on(today)) {
        if let Some(h) = helper(p.helper)
            && matches!(h.kind, HelperKind::Family | HelperKind::Volunteer)
            && !h.trainings.iter().any(|t| t.year() == today.year())
            && untrained.insert(h.id)
        {
            push(Check::HelperUntrained, None, Some(h.id), What::Nothing);
        }
    }
    if reviewed.is_none_or(|r| r.year() != today.year()) {
        let due = NaiveDate::from_ymd_opt(today.year(), 3, 31).unwrap_or(today);
        let what = if today > due {
            What::Overdue
        } else {
            What::Nothing
        };
        push(Check::RosterReview, None, None, what);
    }
    out.sort_by_key(|f| f.check);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Category;
    use crate::domain::pairing::whole_months;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn child(id: i64, cats: &[Category], gender: Gender, birth: NaiveDate) -> ChildFacts {
        ChildFacts {
            id,
            village: "石桥村".into(),
            gender: Some(gender),
            birth: Some(birth),
            categories: cats.to_vec(),
            household: None,
            in_institution: false,
        }
    }

    fn helper(id: i64, kind: HelperKind, gender: Gender) -> Helper {
        Helper {
            id,
            name: format!("帮扶人{id}"),
            gender: Some(gender),
            kind,
            unit: "镇政府".into(),
            linked_village: String::new(),
            trainings: vec![d(2026, 3, 1)],
        }
    }

    fn pairing(id: i64, child: i64, helper: i64, start: NaiveDate) -> Pairing {
        Pairing {
            id,
            child,
            helper,
            start,
            end: None,
            intended: false,
        }
    }

    fn codes(f: &[Finding]) -> Vec<(&'static str, Option<i64>)> {
        f.iter().map(|f| (f.check.code(), f.child)).collect()
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 23);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn priority_children_need_a_family_and_the_others_any_helper() {
        let kids = vec![
            child(1, &[Category::Orphan], Gender::Male, d(2015, 1, 1)),
            child(2, &[Category::LeftBehind], Gender::Male, d(2015, 1, 1)),
            child(
                3,
                &[Category::DeFactoUnsupported],
                Gender::Male,
                d(2015, 1, 1),
            ),
            ChildFacts {
                in_institution: true,
                ..child(4, &[Category::Orphan], Gender::Male, d(2015, 1, 1))
            },
        ];
        let helpers = vec![helper(10, HelperKind::Department, Gender::Male)];
        // Child 3 is covered by a department only: not enough for a priority child.
        let pairs = vec![pairing(1, 3, 10, d(2026, 1, 1))];
        let f = checks(&kids, &helpers, &pairs, &[], Some(d(2026, 3, 1)), today());
        let found = codes(&f);
        assert!(found.contains(&("priority_unpaired", Some(1))));
        assert!(found.contains(&("priority_unpaired", Some(3))));
        assert!(found.contains(&("unpaired", Some(2))));
        assert!(
            !found.iter().any(|(_, c)| *c == Some(4)),
            "an orphan of an institution is not paired"
        );
    }

    #[test]
    fn girls_of_eight_siblings_duplicates_and_far_helpers() {
        let mut a = child(1, &[Category::LeftBehind], Gender::Female, d(2018, 11, 23));
        let mut b = child(2, &[Category::LeftBehind], Gender::Male, d(2016, 1, 1));
        a.household = Some(1);
        b.household = Some(1);
        let c = child(3, &[Category::LeftBehind], Gender::Female, d(2019, 1, 1));
        let mut far = helper(11, HelperKind::Family, Gender::Female);
        far.linked_village = "松林村".into();
        let helpers = vec![helper(10, HelperKind::Family, Gender::Male), far];
        let pairs = vec![
            pairing(1, 1, 10, d(2026, 1, 1)),
            pairing(2, 2, 11, d(2026, 1, 1)),
            pairing(3, 3, 10, d(2026, 1, 1)),
            pairing(4, 3, 11, d(2026, 1, 1)),
        ];
        let f = checks(
            &[a, b, c],
            &helpers,
            &pairs,
            &[],
            Some(d(2026, 3, 1)),
            today(),
        );
        let found = codes(&f);
        // Turned 8 today: a male helper is flagged; child 3 is 7.
        assert!(found.contains(&("girl_male_helper", Some(1))));
        assert!(!found.contains(&("girl_male_helper", Some(3))));
        assert!(
            found.contains(&("siblings_split", Some(1)))
                && found.contains(&("siblings_split", Some(2)))
        );
        assert!(found.contains(&("duplicate", Some(3))));
        assert!(found.contains(&("helper_not_linked", Some(2))));
        let mut intended = pairs.clone();
        intended[3].intended = true;
        let kids = vec![child(
            3,
            &[Category::LeftBehind],
            Gender::Female,
            d(2019, 1, 1),
        )];
        let f = checks(
            &kids,
            &helpers,
            &intended,
            &[],
            Some(d(2026, 3, 1)),
            today(),
        );
        assert!(
            !codes(&f).contains(&("duplicate", Some(3))),
            "an intended second pairing"
        );
    }

    #[test]
    fn behind_counts_patrol_visits_against_six_a_year_so_far() {
        // From Jan 1 to Nov 23: 10 whole months, 5 visits due.
        assert_eq!(visits_due(d(2025, 5, 1), today()), 5);
        // Started Aug 31: Sep 30, Oct 31 (clamped), Nov 23 not yet: 2 months, 1 due.
        assert_eq!(whole_months(d(2026, 8, 31), today()), 2);
        assert_eq!(visits_due(d(2026, 8, 31), today()), 1);
        let kids = vec![child(
            1,
            &[Category::LeftBehind],
            Gender::Male,
            d(2015, 1, 1),
        )];
        let helpers = vec![helper(10, HelperKind::Family, Gender::Male)];
        let pairs = vec![pairing(1, 1, 10, d(2025, 5, 1))];
        let visit = |m| Activity {
            helper: 10,
            child: 1,
            date: d(2026, m, 10),
            kind: ActivityKind::Visit,
        };
        let care = |m| Activity {
            helper: 10,
            child: 1,
            date: d(2026, m, 10),
            kind: ActivityKind::Care,
        };
        let acts = vec![visit(2), visit(4), visit(6), visit(8), care(9)];
        let f = checks(&kids, &helpers, &pairs, &acts, Some(d(2026, 3, 1)), today());
        let behind: Vec<&Finding> = f.iter().filter(|f| f.check == Check::Behind).collect();
        assert_eq!(behind.len(), 1);
        assert_eq!(
            behind[0].what,
            What::Visits { made: 4, due: 5 },
            "a care visit does not count"
        );
        let mut acts = acts;
        acts.push(visit(10));
        let f = checks(&kids, &helpers, &pairs, &acts, Some(d(2026, 3, 1)), today());
        assert!(!f.iter().any(|f| f.check == Check::Behind));
    }

    #[test]
    fn care_visits_on_the_occasions_training_and_the_yearly_review() {
        let kids = vec![child(
            1,
            &[Category::LeftBehind],
            Gender::Male,
            d(2015, 7, 20),
        )];
        let mut h = helper(10, HelperKind::Volunteer, Gender::Male);
        h.trainings = vec![d(2025, 5, 1)];
        let pairs = vec![pairing(1, 1, 10, d(2026, 3, 1))];
        let acts = vec![Activity {
            helper: 10,
            child: 1,
            date: d(2026, 6, 3),
            kind: ActivityKind::Care,
        }];
        let f = checks(&kids, &[h], &pairs, &acts, None, today());
        let care: Vec<&What> = f
            .iter()
            .filter(|f| f.check == Check::CareMissing)
            .map(|f| &f.what)
            .collect();
        // Spring Festival (Feb 17) was before the pairing; Children's Day had its
        // visit; the birthday (Jul 20) had none.
        assert_eq!(
            care,
            vec![&What::Care {
                occasion: Occasion::Birthday,
                day: d(2026, 7, 20)
            }]
        );
        assert!(
            f.iter()
                .any(|f| f.check == Check::HelperUntrained && f.helper == Some(10))
        );
        let review = f.iter().find(|f| f.check == Check::RosterReview).unwrap();
        assert_eq!(review.what, What::Overdue);
        let early = checks(&kids, &[], &[], &[], None, d(2026, 2, 1));
        assert_eq!(
            early
                .iter()
                .find(|f| f.check == Check::RosterReview)
                .unwrap()
                .what,
            What::Nothing
        );
        let done = checks(&kids, &[], &[], &[], Some(d(2026, 3, 2)), today());
        assert!(!done.iter().any(|f| f.check == Check::RosterReview));
        assert_eq!(spring_festival(2026), Some(d(2026, 2, 17)));
        assert_eq!(spring_festival(2019), None);
    }
}
