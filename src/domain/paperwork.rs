//! The township's paperwork as pure rules: care plans and their measures,
//! the recurring deadlines of the year, and what the county's yearly file
//! inspection looks for (002 「每年要开展一次档案管理抽检」).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::child::Child;
use super::date::Period;
use super::vocab::vocab;

vocab! {
    /// The problems a care plan answers (003).
    Problem {
        Economic = "economic", "经济困难", "economic hardship", ["经济"];
        Affection = "affection", "亲情缺失", "missing family affection", ["亲情"];
        Education = "education", "教育缺位", "missing education", ["教育"];
        Safety = "safety", "安全缺保", "missing safety", ["安全"];
    }
}

vocab! {
    /// What a hand entry of the work log is.
    NoteKind {
        Note = "note", "工作记录", "note", ["记录"];
        Meeting = "meeting", "协调会议", "coordination meeting", ["会议", "联席会议"];
        HomeActivity = "home_activity", "儿童之家活动", "children's home activity", ["儿童之家"];
    }
}

/// An entry of the work log typed by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkNote {
    pub id: i64,
    pub day: NaiveDate,
    pub kind: NoteKind,
    pub village: String,
    pub text: String,
    /// A meeting's bodies present (民政, 教育, 公安 …).
    pub bodies: String,
    /// A meeting's decisions.
    pub decisions: String,
    pub officer: String,
}

/// A village's child directors (儿童主任台账, 002) and its 儿童之家 (000).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Office {
    pub director: String,
    pub director_phone: String,
    pub director_trained: Option<NaiveDate>,
    pub director_checked: Option<NaiveDate>,
    pub deputy: String,
    pub deputy_phone: String,
    pub deputy_trained: Option<NaiveDate>,
    pub deputy_checked: Option<NaiveDate>,
    /// The 儿童之家's name; empty: the village has none.
    pub home: String,
}

/// The children a village's directors look after, by 002's count: the
/// left-behind and difficult children, a child of 单亲 or 流浪 alone not counted.
pub fn counts_for_directors(categories: &[super::Category]) -> bool {
    use super::Category::{SingleParent, Street};
    categories
        .iter()
        .any(|c| !matches!(c, SingleParent | Street))
}

/// 002 「根据实际需要增配」: more than 30 such children and one director.
pub fn needs_deputy(children: usize, office: &Office) -> bool {
    children > 30 && office.deputy.trim().is_empty()
}

/// One measure of a child's care plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub id: i64,
    pub child: i64,
    pub problem: Problem,
    pub measure: String,
    pub responsible: String,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

impl Measure {
    /// Not done, and its day has passed.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.done_on.is_none() && self.due_on.is_some_and(|d| d < today)
    }
}

/// When a deadline falls, every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum When {
    /// On this day of the last month of every quarter (003: before the 10th).
    QuarterLastMonth { day: u32 },
    /// The last day of every quarter.
    QuarterEnd,
    /// On this day every year.
    Yearly { month: u32, day: u32 },
}

/// A recurring deadline and what it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub name: String,
    pub needs: String,
    pub when: When,
}

/// The deadlines as a township's file writes them (`[[deadline]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    pub deadline: Vec<Deadline>,
}

impl Deadlines {
    /// The recurring deadlines of `spec/domain.md`.
    pub fn defaults() -> Deadlines {
        let d = |name: &str, needs: &str, when| Deadline {
            name: name.into(),
            needs: needs.into(),
            when,
        };
        Deadlines {
            deadline: vec![
                d(
                    "结对帮扶情况季度报送",
                    "报表 r 结对帮扶报表（shouhu report --pairings）",
                    When::QuarterLastMonth { day: 10 },
                ),
                d(
                    "儿童档案季度更新",
                    "本季度每名儿童至少走访一次，档案核实（儿童 C）",
                    When::QuarterEnd,
                ),
                d(
                    "结对帮扶名单年度复核",
                    "结对 R 记录复核",
                    When::Yearly { month: 3, day: 31 },
                ),
                d(
                    "帮扶人年度培训",
                    "帮扶人培训记录（帮扶人 e）",
                    When::Yearly { month: 11, day: 30 },
                ),
                d(
                    "儿童主任年度培训",
                    "儿童主任培训记录",
                    When::Yearly { month: 11, day: 30 },
                ),
                d(
                    "年度摸底排查",
                    "各村逐一核实（儿童 M），shouhu survey status",
                    When::Yearly { month: 12, day: 31 },
                ),
            ],
        }
    }

    /// Reads deadlines written as TOML (or JSON, as stored in settings).
    pub fn from_text(text: &str) -> Result<Deadlines, String> {
        if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| e.to_string())
        } else {
            toml::from_str(text).map_err(|e| e.to_string())
        }
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// The deadlines falling from `today` through `within` days later, the
    /// nearest first, each with its day.
    pub fn upcoming(&self, today: NaiveDate, within: i64) -> Vec<(NaiveDate, &Deadline)> {
        let mut out: Vec<(NaiveDate, &Deadline)> = self
            .deadline
            .iter()
            .filter_map(|d| Some((next_on(d.when, today)?, d)))
            .filter(|(day, _)| (*day - today).num_days() <= within)
            .collect();
        out.sort_by_key(|(day, d)| (*day, d.name.clone()));
        out
    }
}

/// The first day on or after `today` that `when` falls on.
pub fn next_on(when: When, today: NaiveDate) -> Option<NaiveDate> {
    let y = today.year();
    let days: Vec<NaiveDate> = match when {
        When::Yearly { month, day } => (y..=y + 1)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .collect(),
        When::QuarterLastMonth { day } => (y..=y + 1)
            .flat_map(|y| [3, 6, 9, 12].map(|m| NaiveDate::from_ymd_opt(y, m, day)))
            .flatten()
            .collect(),
        When::QuarterEnd => (y..=y + 1)
            .flat_map(|y| {
                [(3, 31), (6, 30), (9, 30), (12, 31)].map(|(m, d)| NaiveDate::from_ymd_opt(y, m, d))
            })
            .flatten()
            .collect(),
    };
    days.into_iter().find(|d| *d >= today)
}

/// A part the county's inspection looks for and a file lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Missing {
    /// No visit of any kind since the quarter began.
    NoVisitThisQuarter,
    /// A focus child (重点关注) without a care plan (002).
    NoCarePlan,
    /// Neither a guardian nor an entrusted caregiver recorded.
    NoGuardian,
    /// An entrusted caregiver who is not a direct relative, no agreement recorded.
    NoAgreement,
}

impl Missing {
    pub fn code(self) -> &'static str {
        match self {
            Missing::NoVisitThisQuarter => "no_visit_quarter",
            Missing::NoCarePlan => "no_care_plan",
            Missing::NoGuardian => "no_guardian",
            Missing::NoAgreement => "no_agreement",
        }
    }
}

/// What an active child's file lacks for the inspection on `today`: `focus`
/// a child with a focus flag (重点关注), `last_visit` of any kind, `measures`
/// its care plan's measures.
pub fn inspection(
    c: &Child,
    focus: bool,
    last_visit: Option<NaiveDate>,
    measures: usize,
    today: NaiveDate,
) -> Vec<Missing> {
    let mut out = Vec::new();
    let (quarter_start, _) = Period::quarter_of(today).bounds();
    if last_visit.is_none_or(|d| d < quarter_start) {
        out.push(Missing::NoVisitThisQuarter);
    }
    if focus && measures == 0 {
        out.push(Missing::NoCarePlan);
    }
    let named = |p: &super::Person| !p.name.trim().is_empty();
    if !named(&c.guardian) && !named(&c.caregiver) {
        out.push(Missing::NoGuardian);
    }
    if super::register::needs_agreement(c) {
        out.push(Missing::NoAgreement);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Flag, Person};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_measure_is_overdue_once_its_day_has_passed_undone() {
        let mut m = Measure {
            id: 1,
            child: 1,
            problem: Problem::Education,
            measure: "联系学校补课".into(),
            responsible: "村儿童主任".into(),
            due_on: Some(d(2026, 11, 22)),
            done_on: None,
        };
        assert!(m.overdue(d(2026, 11, 23)));
        assert!(!m.overdue(d(2026, 11, 22)), "due today is not late");
        m.done_on = Some(d(2026, 11, 23));
        assert!(!m.overdue(d(2026, 11, 30)));
        m.due_on = None;
        m.done_on = None;
        assert!(!m.overdue(d(2026, 11, 30)), "no day set: never late");
    }

    #[test]
    fn the_deadlines_of_the_year_fall_where_the_seeds_put_them() {
        let all = Deadlines::defaults();
        let today = d(2026, 11, 23);
        // The quarterly pairing report before 10 December, the quarter's
        // files by 31 December, trainings by 30 November.
        let near: Vec<(NaiveDate, &str)> = all
            .upcoming(today, 30)
            .into_iter()
            .map(|(day, x)| (day, x.name.as_str()))
            .collect();
        assert_eq!(near[0], (d(2026, 11, 30), "儿童主任年度培训"));
        assert!(near.contains(&(d(2026, 12, 10), "结对帮扶情况季度报送")));
        assert!(
            !near.iter().any(|(_, n)| *n == "儿童档案季度更新"),
            "31 Dec is 38 days off"
        );
        assert!(
            all.upcoming(today, 40)
                .iter()
                .any(|(day, x)| *day == d(2026, 12, 31) && x.name == "儿童档案季度更新")
        );
        // After the day, the next one.
        assert_eq!(
            next_on(When::QuarterLastMonth { day: 10 }, d(2026, 12, 11)),
            Some(d(2027, 3, 10))
        );
        assert_eq!(
            next_on(When::Yearly { month: 3, day: 31 }, d(2026, 4, 1)),
            Some(d(2027, 3, 31))
        );
        assert_eq!(
            next_on(When::QuarterEnd, d(2026, 6, 30)),
            Some(d(2026, 6, 30))
        );
        // A township's own file, read back as written.
        let text = all.to_toml();
        assert_eq!(Deadlines::from_text(&text).unwrap(), all);
        assert!(
            Deadlines::from_text("[[deadline]]\nname = \"x\"\nneeds = \"\"\nwhen = \"sometime\"\n")
                .is_err()
        );
    }

    #[test]
    fn a_village_of_more_than_thirty_children_and_one_director_needs_a_second() {
        use crate::domain::Category;
        assert!(counts_for_directors(&[Category::LeftBehind]));
        assert!(counts_for_directors(&[
            Category::SingleParent,
            Category::Orphan
        ]));
        assert!(!counts_for_directors(&[Category::SingleParent]));
        assert!(!counts_for_directors(&[
            Category::Street,
            Category::SingleParent
        ]));
        let mut office = Office {
            director: "张某".into(),
            ..Office::default()
        };
        assert!(!needs_deputy(30, &office), "30 is not more than 30");
        assert!(needs_deputy(31, &office));
        office.deputy = "李某".into();
        assert!(!needs_deputy(31, &office));
    }

    #[test]
    fn the_inspection_finds_each_missing_part() {
        let today = d(2026, 11, 23);
        let mut c = Child::new(d(2025, 1, 1));
        c.guardian = Person {
            name: "王某".into(),
            relation: "祖母".into(),
            phone: String::new(),
            able: None,
        };
        assert!(
            inspection(&c, !c.flag_set().is_empty(), Some(d(2026, 10, 1)), 0, today).is_empty()
        );
        assert_eq!(
            inspection(&c, !c.flag_set().is_empty(), Some(d(2026, 9, 30)), 0, today),
            [Missing::NoVisitThisQuarter]
        );
        assert_eq!(
            inspection(&c, !c.flag_set().is_empty(), None, 0, today),
            [Missing::NoVisitThisQuarter]
        );
        c.manual_flags = vec![Flag::PoorGuardianship];
        assert_eq!(
            inspection(&c, !c.flag_set().is_empty(), Some(today), 0, today),
            [Missing::NoCarePlan]
        );
        assert!(inspection(&c, !c.flag_set().is_empty(), Some(today), 2, today).is_empty());
        c.guardian = Person::default();
        assert_eq!(
            inspection(&c, !c.flag_set().is_empty(), Some(today), 2, today),
            [Missing::NoGuardian]
        );
        c.caregiver = Person {
            name: "李某".into(),
            relation: "邻居".into(),
            phone: String::new(),
            able: Some(true),
        };
        assert_eq!(
            inspection(&c, !c.flag_set().is_empty(), Some(today), 2, today),
            [Missing::NoAgreement]
        );
        c.care_agreement = Some(true);
        assert!(inspection(&c, !c.flag_set().is_empty(), Some(today), 2, today).is_empty());
    }
}
