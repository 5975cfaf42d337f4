//! A believable synthetic township: no real name, no real ID number.
//!
//! ID numbers are valid by GB 11643 but use the region code 99xxxx, which no
//! real place has, so that no generated number can be a real child's.
//! The same seed gives the same township.

use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate};

use crate::domain::child::Finding;
use crate::domain::{
    Category, Child, Domain, Flag, Gender, Health, ParentStatus, Person, RiskLevel, SafetyTopic,
    SchoolStatus, Visit, VisitKind, idnum,
};
use crate::store::Store;

mod benefits;
pub mod ledger;
mod paperwork;
mod referrals;

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `pct`/100.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "潘", "袁", "蒋", "蔡", "余", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任",
    "龙", "向", "石", "姚", "谭", "廖", "邹", "熊", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱",
];
const GIVEN: &[&str] = &[
    "子", "梓", "浩", "宇", "轩", "欣", "怡", "雨", "涵", "诗", "佳", "俊", "杰", "思", "博", "文",
    "晨", "琪", "瑶", "嘉", "天", "一", "可", "明", "乐", "安", "芳", "丽", "婷", "磊", "鑫", "悦",
    "辰", "航", "然", "彤", "萱", "睿", "泽", "昊", "阳", "洋", "春", "秋", "兰", "桐", "楠", "静",
];
const VILLAGE_FIRST: &[&str] = &[
    "白果", "柳湾", "青石", "松林", "河坝", "桃花", "杨柳", "石桥", "龙潭", "凤凰", "高坪", "新华",
    "红岩", "黄桷", "竹园", "长岭", "金鸡", "银杏", "梨树", "清水", "马鞍", "狮子", "太平", "和平",
];
const PLACES: &[&str] = &[
    "广东东莞",
    "浙江宁波",
    "福建晋江",
    "江苏苏州",
    "新疆",
    "重庆",
    "成都",
    "上海",
];
const RELATIONS: &[&str] = &["祖父", "祖母", "外祖父", "外祖母", "伯父", "姑姑", "舅舅"];
const OFFICERS: &[&str] = &["李主任", "王主任", "张督导", "陈主任"];
const INCOME: &[&str] = &["务农", "务工收入", "低保金", "亲属接济", "零工"];
const ETHNIC: &[&str] = &[
    "汉族",
    "汉族",
    "汉族",
    "汉族",
    "汉族",
    "彝族",
    "土家族",
    "苗族",
];

fn name(rng: &mut Rng, surname: &str) -> String {
    let mut n = surname.to_string();
    for _ in 0..(1 + rng.below(2)) {
        let given = *rng.pick(GIVEN);
        n.push_str(given);
    }
    n
}

fn any_name(rng: &mut Rng) -> String {
    let surname = *rng.pick(SURNAMES);
    name(rng, surname)
}

fn phone(rng: &mut Rng) -> String {
    format!("13{}{:08}", rng.below(10), rng.below(100_000_000))
}

/// A valid ID number in the fictional region 99xxxx.
fn id_number(rng: &mut Rng, region: u32, birth: NaiveDate, gender: Gender) -> String {
    let mut serial = rng.below(500) as u32 * 2;
    if gender == Gender::Male {
        serial += 1;
    }
    let body = format!(
        "99{region:04}{:04}{:02}{:02}{:03}",
        birth.year(),
        birth.month(),
        birth.day(),
        serial % 1000
    );
    let check = idnum::check_char(&body).unwrap_or('0');
    format!("{body}{check}")
}

/// The family situation that makes the category true.
fn parents_for(rng: &mut Rng, cat: Category) -> (ParentStatus, ParentStatus) {
    use ParentStatus::*;
    match cat {
        Category::Orphan => (Deceased, Deceased),
        Category::DeFactoUnsupported => *rng.pick(&[
            (Prison, OutOfContact),
            (Deceased, SevereDisability),
            (SeriousIllness, OutOfContact),
            (Missing, Prison),
            (DrugRehab, SevereDisability),
        ]),
        Category::LeftBehind => *rng.pick(&[
            (Migrant, Migrant),
            (Migrant, SeriousIllness),
            (SevereDisability, Migrant),
        ]),
        Category::SingleParent => {
            *rng.pick(&[(Deceased, AtHome), (AtHome, Unknown), (Migrant, Deceased)])
        }
        _ => *rng.pick(&[
            (AtHome, AtHome),
            (AtHome, Migrant),
            (SeriousIllness, AtHome),
            (SevereDisability, AtHome),
        ]),
    }
}

/// What was made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Made {
    pub children: usize,
    pub villages: usize,
    pub visits: usize,
    pub ledger: ledger::Made,
    pub referrals: usize,
    pub benefits: usize,
}

/// Fills the store with `n` children and their visit histories up to `today`.
pub fn generate(store: &mut Store, n: usize, seed: u64, today: NaiveDate) -> Result<Made> {
    generate_within(store, n, seed, today, 5)
}

/// As [`generate`], the children registered within the last `years` years
/// (so their histories are no longer than that).
pub fn generate_within(
    store: &mut Store,
    n: usize,
    seed: u64,
    today: NaiveDate,
    years: u64,
) -> Result<Made> {
    let mut rng = Rng::new(seed);
    let village_count = (n / 40).clamp(3, 400);
    let villages: Vec<String> = (0..village_count)
        .map(|i| {
            let first = VILLAGE_FIRST[i % VILLAGE_FIRST.len()];
            let round = i / VILLAGE_FIRST.len();
            let suffix = if i % 7 == 3 { "社区" } else { "村" };
            if round == 0 {
                format!("{first}{suffix}")
            } else {
                format!(
                    "{first}{}{suffix}",
                    ["", "二", "三", "四", "五", "六", "七", "八", "九"][round.min(8)]
                )
            }
        })
        .collect();
    if store.setting("township")?.is_none() {
        store.set_setting("township", "清溪镇")?;
    }
    if store.setting("officer")?.is_none() {
        store.set_setting("officer", "李主任")?;
    }
    let mut made = Made {
        villages: village_count,
        ..Made::default()
    };
    let policy = store.policy()?;
    let mut used_ids = std::collections::HashSet::new();
    store.write(|w| {
        let mut household = 0usize;
        while made.children < n {
            household += 1;
            let village = &villages[rng.below(village_count as u64) as usize];
            let surname = *rng.pick(SURNAMES);
            let siblings = 1 + rng.below(10).saturating_sub(6).min(2) as usize;
            let cat = *rng.pick(&[
                Category::LeftBehind,
                Category::LeftBehind,
                Category::LeftBehind,
                Category::LeftBehind,
                Category::Orphan,
                Category::DeFactoUnsupported,
                Category::DeFactoUnsupported,
                Category::DibaoSevere,
                Category::DibaoOther,
                Category::DibaoOther,
                Category::OtherDifficulty,
                Category::OtherDifficulty,
                Category::Street,
                Category::SingleParent,
                Category::SingleParent,
            ]);
            let (fs, ms) = parents_for(&mut rng, cat);
            let guardian = Person {
                name: name(&mut rng, surname),
                relation: rng.pick(RELATIONS).to_string(),
                phone: phone(&mut rng),
                able: None,
            };
            let address = format!("{village}{}组{}号", 1 + rng.below(9), 1 + rng.below(60));
            let income = rng.pick(INCOME).to_string();
            for _ in 0..siblings.min(n - made.children) {
                let max_age = if cat == Category::LeftBehind { 15 } else { 17 };
                let age_days = 200 + rng.below(max_age * 365);
                let birth = today - Days::new(age_days);
                let gender = if rng.chance(50) {
                    Gender::Male
                } else {
                    Gender::Female
                };
                let mut c = Child::new(today);
                c.name = name(&mut rng, surname);
                c.gender = Some(gender);
                c.birth_date = Some(birth);
                c.ethnicity = rng.pick(ETHNIC).to_string();
                if !rng.chance(4) {
                    let region = 1000 + (household % 9000) as u32 / 100;
                    // Two children never share a number: draw again on a clash.
                    let mut id = id_number(&mut rng, region, birth, gender);
                    while !used_ids.insert(id.clone()) {
                        id = id_number(&mut rng, region, birth, gender);
                    }
                    c.id_number = id;
                } else if cat != Category::LeftBehind && rng.chance(50) {
                    c.hukou = false;
                }
                c.village = village.clone();
                c.address = address.clone();
                c.household = format!("H{household:05}");
                c.categories = vec![cat];
                if cat == Category::OtherDifficulty && rng.chance(20) {
                    c.categories.push(Category::SingleParent);
                }
                c.risk = Some(*rng.pick(&[
                    RiskLevel::One,
                    RiskLevel::Two,
                    RiskLevel::Three,
                    RiskLevel::Nil,
                    RiskLevel::Nil,
                ]));
                let age = crate::domain::child::age_between(birth, today);
                c.school_status = Some(match age {
                    0..=5 => SchoolStatus::Preschool,
                    _ if rng.chance(4) => {
                        *rng.pick(&[SchoolStatus::DroppedOut, SchoolStatus::OutOfSchool])
                    }
                    _ => SchoolStatus::InSchool,
                });
                if c.school_status == Some(SchoolStatus::InSchool) {
                    c.school = format!("{}小学", &village[..village.len().min(6)]);
                    c.grade = format!("{}年级", (age.saturating_sub(5)).clamp(1, 9));
                    c.boarding = Some(age >= 12 && rng.chance(40));
                }
                c.health = Some(if cat == Category::DibaoSevere {
                    *rng.pick(&[Health::Disabled, Health::SeriouslyIll])
                } else if rng.chance(5) {
                    Health::SeriouslyIll
                } else {
                    Health::Healthy
                });
                if c.health == Some(Health::Disabled) {
                    c.disability_type = Some(*rng.pick(crate::domain::DisabilityType::ALL));
                    c.disability_grade = Some(1 + rng.below(2) as u8);
                }
                for (flag, pct) in [
                    (Flag::PoorGuardianship, 6),
                    (Flag::PsychOrBehaviour, 4),
                    (Flag::LivingAlone, 2),
                ] {
                    if rng.chance(pct) {
                        c.manual_flags.push(flag);
                    }
                }
                c.father.status = Some(fs);
                c.mother.status = Some(ms);
                if fs == ParentStatus::Migrant {
                    c.father.work_place = rng.pick(PLACES).to_string();
                }
                if ms == ParentStatus::Migrant {
                    c.mother.work_place = rng.pick(PLACES).to_string();
                }
                c.father.name = name(&mut rng, surname);
                c.mother.name = any_name(&mut rng);
                c.guardian = guardian.clone();
                if cat == Category::LeftBehind && rng.chance(30) {
                    c.caregiver = Person {
                        name: any_name(&mut rng),
                        relation: "邻居".into(),
                        phone: phone(&mut rng),
                        able: Some(true),
                    };
                    c.care_agreement = Some(rng.chance(80));
                }
                c.income_source = income.clone();
                c.village_contact = format!("{}（村委会）", any_name(&mut rng));
                // Registered up to five years ago, never before birth.
                let reg_days = rng
                    .below(years.max(1) * 365)
                    .min(age_days.saturating_sub(30));
                c.registered_on = today - Days::new(reg_days);
                w.save_child(&mut c)?;
                made.children += 1;
                made.visits += visits_for(w, &mut rng, &c, &policy, today)?;
            }
        }
        made.ledger = ledger::generate(w, &villages, seed, today)?;
        let mut children: Vec<i64> = crate::store::pairing::facts(&w.tx)?
            .iter()
            .map(|c| c.id)
            .collect();
        children.sort_unstable();
        made.referrals = referrals::generate(w, &children, seed, today)?;
        made.benefits = benefits::generate(w, seed, today)?;
        benefits::register_cases(w, seed, today)?;
        paperwork::generate(w, &children, seed, today)?;
        Ok(())
    })?;
    Ok(made)
}

/// A row's number in its site's range: what the demo's generators key on,
/// the same whatever site the township was made on.
fn row(id: i64) -> u64 {
    crate::store::site::row_of(id) as u64
}

/// A left-behind child with a parent working away: the visits ask after
/// the parents' contact.
fn keeps_in_touch(c: &Child) -> bool {
    use crate::domain::{Category, ParentStatus};
    c.categories.contains(&Category::LeftBehind)
        && [&c.father, &c.mother]
            .iter()
            .any(|p| p.status == Some(ParentStatus::Migrant))
}

/// A visit history from registration to about today: mostly kept, some late,
/// some children never visited.
fn visits_for(
    w: &crate::store::Writer<'_>,
    rng: &mut Rng,
    c: &Child,
    policy: &crate::domain::cadence::Policy,
    today: NaiveDate,
) -> Result<usize> {
    // A few children registered lately and never visited yet.
    if rng.chance(2) && today - c.registered_on < chrono::Duration::days(90) {
        return Ok(0);
    }
    let Some(rule) = policy.rule_for(&c.flag_set(), &c.categories) else {
        return Ok(0);
    };
    // A child who will end up late stops being visited some weeks ago.
    let stop = if rng.chance(12) {
        today - Days::new(20 + rng.below(90))
    } else {
        today
    };
    let mut day = c.registered_on + Days::new(rng.below(10));
    let mut count = 0;
    while day <= stop {
        // The cadence is kept by home visits; a school visit now and then.
        let kind = if rng.chance(8) {
            VisitKind::School
        } else {
            VisitKind::Home
        };
        let mut v = Visit::new(c.id, day, kind);
        v.visitor = rng.pick(OFFICERS).to_string();
        v.met = c.guardian.name.clone();
        for d in Domain::ALL {
            v.findings[d.index()] = if rng.chance(6) {
                Finding {
                    ok: Some(false),
                    note: match d {
                        Domain::Guardianship => "祖辈年老，照料吃力",
                        Domain::Safety => "房前有水塘，未设护栏",
                        Domain::Schooling => "近期成绩下滑",
                        Domain::HealthD => "感冒未就医",
                        Domain::Mental => "情绪低落，少言",
                        Domain::Living => "房屋漏雨",
                    }
                    .into(),
                }
            } else {
                Finding {
                    ok: Some(true),
                    note: String::new(),
                }
            };
        }
        if rng.chance(40) {
            v.safety = vec![*rng.pick(SafetyTopic::ALL)];
        }
        v.notes = "情况正常".into();
        // Parents away: most visits ask when they last called or came home
        // (from a generator of the child's own, the others' histories unchanged).
        if keeps_in_touch(c) {
            let mut own = Rng::new(row(c.id) * 7919 + u64::from(day.ordinal()));
            // Some parents have gone quiet: the visits find no contact.
            if Rng::new(row(c.id) * 31).chance(12) {
                v.parent_contact = Some(crate::domain::register::ContactWay::Nil);
            } else if own.chance(80) {
                use crate::domain::register::ContactWay;
                v.parent_contact = Some(*own.pick(&[
                    ContactWay::Call,
                    ContactWay::Call,
                    ContactWay::Video,
                    ContactWay::Home,
                ]));
                v.parent_contact_on = Some(day - Days::new(own.below(40)));
            }
        }
        w.save_visit(&mut v)?;
        count += 1;
        // Between home visits, a phone call or a holiday care visit.
        if rng.chance(25) {
            let extra = *rng.pick(&[
                VisitKind::Phone,
                VisitKind::Phone,
                VisitKind::Care,
                VisitKind::Video,
            ]);
            let on = day + Days::new(3 + rng.below(10));
            if on <= today {
                let mut e = Visit::new(c.id, on, extra);
                e.visitor = v.visitor.clone();
                e.notes = "情况正常".into();
                w.save_visit(&mut e)?;
                count += 1;
            }
        }
        let base = rule.every.after(day);
        // Officers mostly visit a little early, sometimes a few days late.
        let jitter = rng.below(9) as i64 - 6;
        day = base
            .checked_add_signed(chrono::Duration::days(jitter))
            .unwrap_or(base)
            .max(day + Days::new(1));
    }
    Ok(count)
}

/// The demo database of `shouhu --demo`: a new file in the temporary directory.
pub fn throwaway_path() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("shouhu-demo-{}.db", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_makes_the_same_township() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let make = |seed| {
            let mut s = Store::open_in_memory().unwrap();
            generate(&mut s, 60, seed, today).unwrap();
            let rows: Vec<(String, String, String)> = s
                .case_rows()
                .unwrap()
                .into_iter()
                .map(|c| (c.name, c.id_number, c.village))
                .collect();
            let visits = s.count("visits").unwrap();
            (rows, visits)
        };
        let a = make(7);
        assert_eq!(a, make(7));
        assert_ne!(a, make(8));
        assert_eq!(a.0.len(), 60);
    }

    #[test]
    fn demo_children_are_valid_and_some_are_overdue() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut s = Store::open_in_memory().unwrap();
        generate(&mut s, 300, 1, today).unwrap();
        let rows = s.triage(&s.policy().unwrap(), today).unwrap();
        assert_eq!(rows.len(), 300);
        let overdue = rows.iter().filter(|r| r.due.overdue_days > 0).count();
        let fine = rows.iter().filter(|r| r.due.overdue_days < -7).count();
        assert!(
            overdue > 20 && fine > 20,
            "overdue {overdue}, not yet due {fine}"
        );
        for r in &rows {
            if !r.id_number.is_empty() {
                let id = idnum::parse(&r.id_number).unwrap();
                assert!(r.id_number.starts_with("99"));
                assert_eq!(Some(id.birth_date), r.birth_date);
                assert_eq!(Some(id.gender), r.gender);
            }
            let child = s.child(r.child_id).unwrap().unwrap();
            // Parent statuses agree with the categories they imply, but for the
            // left-behind children whose parents came home (the demo's cases of
            // the parents_home review).
            let home = child.father.status == Some(crate::domain::ParentStatus::AtHome)
                && child.mother.status == Some(crate::domain::ParentStatus::AtHome);
            for cat in [
                Category::LeftBehind,
                Category::DeFactoUnsupported,
                Category::Orphan,
            ] {
                if child.categories.contains(&cat) && !(home && cat == Category::LeftBehind) {
                    let implied = crate::domain::child::suggest_categories(
                        child.father.status,
                        child.mother.status,
                        child.hukou,
                    );
                    assert!(
                        implied.contains(&cat),
                        "{cat:?} {:?} {:?}",
                        child.father,
                        child.mother
                    );
                }
            }
        }
        let cases = s.case_rows().unwrap();
        for flag in Flag::ALL {
            let n = cases.iter().filter(|c| c.flags.contains(flag)).count();
            assert!(n > 0, "{flag:?}");
        }
        for cat in Category::ALL {
            let n = cases.iter().filter(|c| c.categories.contains(cat)).count();
            assert!(n > 0, "{cat:?}");
        }
        let mut households = std::collections::HashMap::new();
        for c in &cases {
            let child = s.child(c.id).unwrap().unwrap();
            *households
                .entry((child.village, child.household))
                .or_insert(0) += 1;
        }
        let households_with_siblings = households.values().filter(|&&n| n > 1).count();
        assert!(households_with_siblings > 5);
    }
}
