//! The alerts of the morning triage (ux.md, 今日): what needs the officer
//! beside the visits due. Rules only; the screen puts them in words.

use chrono::{Datelike, Days, NaiveDate};

use super::Category;
use super::cadence::{DueRow, Policy};
use super::child::age_between;
use super::date::Period;
use super::pairing::{CareWeek, Check, Finding, Occasion, What};

/// One alert, with the child it is about (Enter opens the case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub kind: AlertKind,
    pub child: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertKind {
    /// Mandatory reports not yet sent, and the hours of the oldest.
    ReportsUnsent {
        count: usize,
        hours: i64,
    },
    /// Reports and referrals sent and not answered in time.
    AwaitingFeedback {
        count: usize,
        days: u64,
    },
    /// Forms left half-typed.
    Drafts(usize),
    /// Seed 000: the case files are updated every quarter.
    QuarterEnd {
        end: NaiveDate,
        days_left: i64,
    },
    /// Children under the first (focus) rule of the policy who are overdue.
    FocusOverdue(usize),
    /// Children never visited, and the first few of them by name.
    NeverVisited(usize),
    NeverVisitedChild {
        name: String,
        village: String,
    },
    /// Past a category's age limit already, or reaching it within 30 days.
    AgedOut {
        name: String,
        limit: u32,
        category: Category,
    },
    AgeingOut {
        name: String,
        limit: u32,
        category: Category,
    },
    /// Birthdays within the coming seven days (care visits, seed 003): how
    /// many, then the first few by name.
    Birthdays(usize),
    /// A birthday within the coming seven days.
    Birthday {
        name: String,
        month: u32,
        day: u32,
    },
    /// The findings of one check of the pairing ledger (Enter shows them).
    Pairing {
        check: Check,
        count: usize,
        /// The roster review is overdue.
        overdue: bool,
    },
    /// Paired children whose birthday is this week: their helpers owe a care visit.
    CareBirthdays(usize),
    /// Children whose case calls for a benefit not recorded (应保尽保).
    BenefitGap {
        missing: super::benefits::BenefitKind,
        count: usize,
    },
    /// Case files a review asks the officer to check (父母均已在家, 三个月未核实).
    Review {
        review: super::register::Review,
        count: usize,
    },
    /// Children a guardianship check lists (无人照护, 未签协议, 临时监护超期, 父母未联系).
    /// Care measures past their day (一人一策).
    MeasuresOverdue {
        count: usize,
    },
    /// Focus children without a care plan (002).
    NoCarePlan {
        count: usize,
    },
    /// Files that would fail the county's inspection, any part missing.
    Inspection {
        count: usize,
    },
    /// The register's checks and the pairing ledger are still being read
    /// (a county file, on the other core): their lines come when they are in.
    Reading,
    /// Villages that need a second child director (002).
    Deputies {
        count: usize,
    },
    /// A deadline of the year coming up, with what it needs.
    Deadline {
        name: String,
        needs: String,
        day: NaiveDate,
        days: i64,
    },
    Guard {
        check: super::register::Guardianship,
        count: usize,
    },
    /// A holiday this week on which the pairings owe a care visit.
    CareDay {
        occasion: Occasion,
        day: NaiveDate,
        pairings: usize,
    },
}

impl AlertKind {
    /// Whether the alert asks for action (drawn in the danger colour).
    pub fn urgent(&self) -> bool {
        matches!(
            self,
            AlertKind::Drafts(_)
                | AlertKind::FocusOverdue(_)
                | AlertKind::NeverVisited(_)
                | AlertKind::ReportsUnsent { .. }
                | AlertKind::AwaitingFeedback { .. }
        ) || matches!(
            self,
            AlertKind::Pairing {
                check: Check::PriorityUnpaired | Check::GirlMaleHelper,
                ..
            }
        )
    }
}

/// Named children listed under "never visited".
pub const NEVER_VISITED_NAMED: usize = 3;
/// Days ahead in which an age limit is announced.
pub const AGEING_DAYS: u64 = 30;
/// Days before the quarter's end at which its update is announced.
pub const QUARTER_END_DAYS: i64 = 14;

/// The alerts for `today`, from the triage (active children in triage order)
/// and the number of drafts kept.
pub fn compute(triage: &[DueRow], policy: &Policy, today: NaiveDate, drafts: usize) -> Vec<Alert> {
    let mut out = Vec::new();
    let plain = |kind| Alert { kind, child: None };
    if drafts > 0 {
        out.push(plain(AlertKind::Drafts(drafts)));
    }
    let (_, end) = Period::quarter_of(today).bounds();
    let days_left = (end - today).num_days();
    if days_left <= QUARTER_END_DAYS {
        out.push(plain(AlertKind::QuarterEnd { end, days_left }));
    }
    let focus_rule = policy.rules.first().map(|r| r.id.as_str());
    let focus_overdue = triage
        .iter()
        .filter(|r| Some(r.due.rule.as_str()) == focus_rule && r.due.overdue_days > 0)
        .count();
    if focus_overdue > 0 {
        out.push(plain(AlertKind::FocusOverdue(focus_overdue)));
    }
    let never: Vec<&DueRow> = triage
        .iter()
        .filter(|r| r.due.last_visit.is_none())
        .collect();
    if !never.is_empty() {
        out.push(plain(AlertKind::NeverVisited(never.len())));
        for r in never.iter().take(NEVER_VISITED_NAMED) {
            out.push(Alert {
                kind: AlertKind::NeverVisitedChild {
                    name: r.name.clone(),
                    village: r.village.clone(),
                },
                child: Some(r.child_id),
            });
        }
    }
    let soon = today + Days::new(AGEING_DAYS);
    for r in triage {
        let Some(birth) = r.birth_date else { continue };
        for &category in &r.categories {
            let limit = category.age_limit();
            if age_between(birth, soon) < limit {
                continue;
            }
            let name = r.name.clone();
            let kind = if age_between(birth, today) >= limit {
                AlertKind::AgedOut {
                    name,
                    limit,
                    category,
                }
            } else {
                AlertKind::AgeingOut {
                    name,
                    limit,
                    category,
                }
            };
            out.push(Alert {
                kind,
                child: Some(r.child_id),
            });
        }
    }
    // Birthdays in the order they come this week.
    let week: Vec<(u32, u32)> = (0..7)
        .map(|d| {
            let day = today + Days::new(d);
            (day.month(), day.day())
        })
        .collect();
    let mut birthdays: Vec<(usize, &DueRow, NaiveDate)> = triage
        .iter()
        .filter_map(|r| {
            let b = r.birth_date?;
            let at = week.iter().position(|d| *d == (b.month(), b.day()))?;
            Some((at, r, b))
        })
        .collect();
    birthdays.sort_by_key(|(at, _, _)| *at);
    if !birthdays.is_empty() {
        out.push(plain(AlertKind::Birthdays(birthdays.len())));
    }
    for (_, r, b) in birthdays.into_iter().take(NEVER_VISITED_NAMED) {
        out.push(Alert {
            kind: AlertKind::Birthday {
                name: r.name.clone(),
                month: b.month(),
                day: b.day(),
            },
            child: Some(r.child_id),
        });
    }
    out
}

/// The alerts of the pairing ledger: one line per check with how many it
/// found (fifty birthdays do not push the rest away), then the care visits
/// of the week.
pub fn pairing(findings: &[Finding], care: &CareWeek) -> Vec<Alert> {
    let mut out: Vec<Alert> = Vec::new();
    for f in findings {
        match out.last_mut() {
            Some(Alert {
                kind: AlertKind::Pairing { check, count, .. },
                ..
            }) if *check == f.check => *count += 1,
            _ => out.push(Alert {
                kind: AlertKind::Pairing {
                    check: f.check,
                    count: 1,
                    overdue: f.what == What::Overdue,
                },
                child: None,
            }),
        }
    }
    if !care.birthdays.is_empty() {
        out.push(Alert {
            kind: AlertKind::CareBirthdays(care.birthdays.len()),
            child: None,
        });
    }
    for &(occasion, day, pairings) in &care.days {
        out.push(Alert {
            kind: AlertKind::CareDay {
                occasion,
                day,
                pairings,
            },
            child: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cadence::Due;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn row(
        id: i64,
        birth: NaiveDate,
        cats: &[Category],
        rule: &str,
        last: Option<NaiveDate>,
        overdue: i64,
    ) -> DueRow {
        DueRow {
            child_id: id,
            name: format!("儿童{id}"),
            id_number: String::new(),
            village: "石桥村".into(),
            gender: None,
            birth_date: Some(birth),
            categories: cats.to_vec(),
            flags: Vec::new(),
            risk: None,
            registered_on: d(2020, 1, 1),
            due: Due {
                rule: rule.into(),
                last_visit: last,
                next_due: d(2026, 11, 1),
                overdue_days: overdue,
            },
        }
    }

    #[test]
    fn drafts_and_the_quarters_end_come_first() {
        let policy = Policy::default();
        let today = d(2026, 12, 20);
        let alerts = compute(&[], &policy, today, 2);
        assert_eq!(alerts[0].kind, AlertKind::Drafts(2));
        assert_eq!(
            alerts[1].kind,
            AlertKind::QuarterEnd {
                end: d(2026, 12, 31),
                days_left: 11
            }
        );
        // Mid-quarter and no drafts: nothing.
        assert!(compute(&[], &policy, d(2026, 11, 10), 0).is_empty());
    }

    #[test]
    fn overdue_focus_children_and_never_visited_ones_are_counted() {
        let policy = Policy::default();
        let focus = policy.rules[0].id.clone();
        let today = d(2026, 11, 10);
        let rows: Vec<DueRow> = (1..=5)
            .map(|i| {
                row(
                    i,
                    d(2015, 3, 3),
                    &[Category::LeftBehind],
                    &focus,
                    None,
                    i - 2,
                )
            })
            .collect();
        let alerts = compute(&rows, &policy, today, 0);
        // Children 3, 4 and 5 are overdue.
        assert_eq!(alerts[0].kind, AlertKind::FocusOverdue(3));
        assert_eq!(alerts[1].kind, AlertKind::NeverVisited(5));
        let named: Vec<Option<i64>> = alerts[2..2 + NEVER_VISITED_NAMED]
            .iter()
            .map(|a| a.child)
            .collect();
        assert_eq!(named, vec![Some(1), Some(2), Some(3)]);
        assert!(alerts[0].kind.urgent() && !alerts[2].kind.urgent());
    }

    #[test]
    fn age_limits_are_announced_thirty_days_ahead() {
        let policy = Policy::default();
        let today = d(2026, 11, 10);
        let visited = Some(d(2026, 11, 1));
        // Left-behind ends at 16: one turns 16 in 20 days, one turned 16 last year,
        // one turns 16 in 40 days.
        let rows = vec![
            row(
                1,
                d(2010, 11, 30),
                &[Category::LeftBehind],
                "monthly",
                visited,
                -5,
            ),
            row(
                2,
                d(2009, 6, 1),
                &[Category::LeftBehind],
                "monthly",
                visited,
                -5,
            ),
            row(
                3,
                d(2010, 12, 20),
                &[Category::LeftBehind],
                "monthly",
                visited,
                -5,
            ),
        ];
        let alerts = compute(&rows, &policy, today, 0);
        let kinds: Vec<&AlertKind> = alerts.iter().map(|a| &a.kind).collect();
        assert_eq!(
            kinds,
            vec![
                &AlertKind::AgeingOut {
                    name: "儿童1".into(),
                    limit: 16,
                    category: Category::LeftBehind
                },
                &AlertKind::AgedOut {
                    name: "儿童2".into(),
                    limit: 16,
                    category: Category::LeftBehind
                },
            ]
        );
    }

    #[test]
    fn birthdays_come_in_the_order_of_the_week() {
        let policy = Policy::default();
        let today = d(2026, 11, 28);
        let visited = Some(d(2026, 11, 20));
        let rows = vec![
            row(
                1,
                d(2016, 12, 3),
                &[Category::LeftBehind],
                "monthly",
                visited,
                -5,
            ),
            row(
                2,
                d(2016, 11, 29),
                &[Category::LeftBehind],
                "monthly",
                visited,
                -5,
            ),
            row(
                3,
                d(2016, 12, 5),
                &[Category::LeftBehind],
                "monthly",
                visited,
                -5,
            ),
        ];
        let alerts = compute(&rows, &policy, today, 0);
        let order: Vec<Option<i64>> = alerts.iter().map(|a| a.child).collect();
        // How many, then 11-29, then 12-03 (across the month); 12-05 is beyond the week.
        assert_eq!(alerts[0].kind, AlertKind::Birthdays(2));
        assert_eq!(order, vec![None, Some(2), Some(1)]);
    }

    #[test]
    fn fifty_birthdays_take_four_lines() {
        let policy = Policy::default();
        let today = d(2026, 11, 28);
        let rows: Vec<DueRow> = (0..50)
            .map(|i| {
                row(
                    i,
                    d(2016, 11, 29),
                    &[Category::LeftBehind],
                    "monthly",
                    Some(d(2026, 11, 20)),
                    -5,
                )
            })
            .collect();
        let alerts = compute(&rows, &policy, today, 0);
        assert_eq!(alerts.len(), 1 + NEVER_VISITED_NAMED);
        assert_eq!(alerts[0].kind, AlertKind::Birthdays(50));
    }

    #[test]
    fn the_pairing_checks_take_a_line_each_with_their_count() {
        let f = |check, what| Finding {
            check,
            child: Some(1),
            helper: None,
            what,
        };
        let findings = [
            f(Check::PriorityUnpaired, What::Nothing),
            f(Check::PriorityUnpaired, What::Nothing),
            f(Check::Behind, What::Visits { made: 1, due: 3 }),
            f(Check::RosterReview, What::Overdue),
        ];
        let care = CareWeek {
            birthdays: vec![(d(2026, 6, 1), 1), (d(2026, 6, 2), 2)],
            days: vec![(Occasion::ChildrensDay, d(2026, 6, 1), 9)],
        };
        let kinds: Vec<AlertKind> = pairing(&findings, &care)
            .into_iter()
            .map(|a| a.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                AlertKind::Pairing {
                    check: Check::PriorityUnpaired,
                    count: 2,
                    overdue: false
                },
                AlertKind::Pairing {
                    check: Check::Behind,
                    count: 1,
                    overdue: false
                },
                AlertKind::Pairing {
                    check: Check::RosterReview,
                    count: 1,
                    overdue: true
                },
                AlertKind::CareBirthdays(2),
                AlertKind::CareDay {
                    occasion: Occasion::ChildrensDay,
                    day: d(2026, 6, 1),
                    pairings: 9
                },
            ]
        );
        assert!(kinds[0].urgent() && !kinds[1].urgent());
    }
}
