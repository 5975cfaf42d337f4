//! The demo township's pairing ledger: helpers, pairings, their ledgers,
//! wishes and helper activities, with cases for every check of the ledger.
//! It draws from its own generator, so the children stay as they were.

use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate};

use super::{Rng, any_name, phone};
use crate::domain::pairing::{
    ActivityKind, ChildFacts, HelperKind, LEDGER, Pairing, Wish, spring_festival, visits_due,
};
use crate::domain::{Category, Gender};
use crate::store::Writer;
use crate::store::ledger::Ledger;
use crate::store::pairing::{NewActivity, NewHelper};

const UNITS: &[&str] = &[
    "镇政府",
    "镇中心小学",
    "镇卫生院",
    "镇财政所",
    "镇派出所",
    "镇中学",
    "镇农业服务中心",
    "县民政局",
];
const DEPARTMENTS: &[&str] = &["镇司法所", "镇妇联", "镇团委", "镇社会事务办"];
const ORGANISATIONS: &[&str] = &["县青少年服务社", "县阳光社工中心"];
const HOBBIES: &[&str] = &["画画", "跑步", "看书", "唱歌", "打篮球", "下象棋"];
const WISHES: &[&str] = &[
    "一个新书包",
    "一套课外书",
    "一双运动鞋",
    "去县城动物园",
    "一盒彩笔",
    "一件羽绒服",
    "和爸爸妈妈视频通话",
];
const ENDED: &[&str] = &["家庭情况好转", "儿童随父母外出", "帮扶人工作调动"];

/// A day in `from..=to` (or `from` when the span is empty).
fn between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as u64;
    from + Days::new(rng.below(span + 1))
}

/// What the ledger made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Made {
    pub helpers: usize,
    pub pairings: usize,
    pub activities: usize,
}

/// Fills the ledger for the children already written by `w`.
pub fn generate(w: &Writer<'_>, villages: &[String], seed: u64, today: NaiveDate) -> Result<Made> {
    let mut rng = Rng::new(seed ^ 0x1ed6_e75e_ed00);
    let mut children = crate::store::pairing::facts(&w.tx)?;
    // A fifth of the orphans are brought up in an institution.
    for c in children.iter_mut() {
        if c.categories.contains(&Category::Orphan) {
            c.in_institution = rng.chance(20);
            let placement = if c.in_institution {
                crate::domain::Placement::Institution
            } else {
                crate::domain::Placement::Community
            };
            w.set_placement(c.id, placement)?;
        }
    }
    let mut made = Made::default();
    let jan1 = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    // Helpers: most of them cadre families, mostly women (代理妈妈).
    let n_helpers = (children.len() / 5).max(8);
    let mut helpers: Vec<(i64, HelperKind, Option<Gender>, String)> = Vec::new();
    // A helper is known by name and unit: no two alike, nor like one already there.
    let mut taken = w.helper_keys()?;
    for i in 0..n_helpers {
        let kind = match rng.below(20) {
            0..=14 => HelperKind::Family,
            15 | 16 => HelperKind::Department,
            17 | 18 => HelperKind::Volunteer,
            _ => HelperKind::Organisation,
        };
        let (mut name, unit, gender) = match kind {
            HelperKind::Department => {
                let d = DEPARTMENTS[i % DEPARTMENTS.len()].to_string();
                (format!("{d}包片组{}", i / DEPARTMENTS.len() + 1), d, None)
            }
            HelperKind::Organisation => {
                let o = *rng.pick(ORGANISATIONS);
                (format!("{o}{}组", i + 1), o.to_string(), None)
            }
            _ => {
                let g = if rng.chance(70) {
                    Gender::Female
                } else {
                    Gender::Male
                };
                (any_name(&mut rng), rng.pick(UNITS).to_string(), Some(g))
            }
        };
        while !taken.insert((name.clone(), unit.clone())) {
            name.push(*rng.pick(&['甲', '乙', '丙', '丁']));
        }
        // Four in five trained this year; the rest last year only.
        let training = if rng.chance(80) {
            between(&mut rng, jan1, today)
        } else {
            between(&mut rng, jan1 - Days::new(365), jan1 - Days::new(1))
        };
        let h = NewHelper {
            name,
            gender,
            kind,
            unit,
            phone: phone(&mut rng),
            linked_village: if rng.chance(70) {
                rng.pick(villages).clone()
            } else {
                String::new()
            },
            training: Some(training),
        };
        let id = w.save_helper_file(None, &h, rng.chance(80))?;
        helpers.push((id, kind, gender, h.linked_village));
        made.helpers += 1;
    }
    let families: Vec<usize> = (0..helpers.len())
        .filter(|&i| helpers[i].1 == HelperKind::Family)
        .collect();
    let women: Vec<usize> = families
        .iter()
        .copied()
        .filter(|&i| helpers[i].2 == Some(Gender::Female))
        .collect();
    // The helper of the first paired child of each household.
    let mut household_helper: std::collections::HashMap<i64, usize> = Default::default();
    for c in &children {
        let pct = if c.needs_family() {
            85
        } else if c.needs_helper() {
            60
        } else {
            0
        };
        if !rng.chance(pct) {
            continue;
        }
        let sibling = c.household.and_then(|k| household_helper.get(&k).copied());
        let pool = if c.girl_of_8(today) && !rng.chance(8) {
            &women
        } else if c.needs_family() || rng.chance(70) {
            &families
        } else {
            &(0..helpers.len()).collect::<Vec<_>>()
        };
        // Mostly a helper whose unit is linked with the child's village.
        let near: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&i| helpers[i].3 == c.village)
            .collect();
        let h = match sibling {
            Some(h) if rng.chance(85) => h,
            _ if !near.is_empty() && rng.chance(80) => *rng.pick(&near),
            _ => *rng.pick(pool),
        };
        if let Some(k) = c.household {
            household_helper.entry(k).or_insert(h);
        }
        pair(w, &mut rng, c, helpers[h].0, today, &mut made)?;
        // A few children are paired twice: half of them meant to be.
        if rng.chance(3) {
            let other = *rng.pick(&families);
            if other != h {
                let p = pair(w, &mut rng, c, helpers[other].0, today, &mut made)?;
                if rng.chance(50) {
                    w.set_intended(p)?;
                }
            }
        }
    }
    Ok(made)
}

/// One pairing with its ledger, wishes and the helper's activities; returns its id.
fn pair(
    w: &Writer<'_>,
    rng: &mut Rng,
    c: &ChildFacts,
    helper: i64,
    today: NaiveDate,
    made: &mut Made,
) -> Result<i64> {
    let born = c.birth.unwrap_or(today - Days::new(3650));
    let earliest = (today - Days::new(3 * 365)).max(born);
    let start = between(rng, earliest, today - Days::new(20));
    // One in thirty has ended.
    let end = rng
        .chance(3)
        .then(|| between(rng, start, today - Days::new(1)));
    let mut fields = vec![String::new(); LEDGER.len()];
    if rng.chance(70) {
        let texts = [
            "身体健康",
            "成绩中等，语文较好",
            *rng.pick(HOBBIES),
            "每周与父母通电话",
            "与同学相处融洽",
            "性格内向，需多鼓励",
            "祖孙同住",
            "享受低保",
            "砖混房，安全",
            "祖父有慢性病",
            "监护基本到位",
            "邻里和睦",
        ];
        for (f, t) in fields.iter_mut().zip(texts) {
            *f = t.to_string();
        }
    }
    let ledger = Ledger {
        pairing: Pairing {
            id: 0,
            child: c.id,
            helper,
            start,
            end,
            intended: false,
        },
        end_reason: end.map(|_| rng.pick(ENDED).to_string()).unwrap_or_default(),
        fields,
    };
    let id = w.save_ledger(&ledger)?;
    made.pairings += 1;
    let last = end.unwrap_or(today);
    let mut act = |kind, day: NaiveDate, notes: &str| -> Result<()> {
        if day < start || day > last {
            return Ok(());
        }
        let a = NewActivity {
            child: c.id,
            helper,
            date: day,
            kind,
            notes: notes.to_string(),
        };
        if w.save_activity(&a)? {
            made.activities += 1;
        }
        Ok(())
    };
    // Patrol visits: most keep to floor(6m/12), some fall behind.
    let jan1 = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let due = visits_due(start, last);
    let visits = if rng.chance(80) {
        due + rng.below(2) as usize
    } else {
        due.saturating_sub(1 + rng.below(2) as usize)
    };
    let from = start.max(jan1);
    for _ in 0..visits {
        let day = between(rng, from, last);
        act(ActivityKind::Visit, day, "入户走访，了解学习生活情况")?;
    }
    // Care visits on the occasions of this year, most of them kept.
    let year = today.year();
    let birthday = NaiveDate::from_ymd_opt(year, born.month(), born.day().min(28));
    let occasions = [
        spring_festival(year),
        NaiveDate::from_ymd_opt(year, 6, 1),
        birthday,
    ];
    for day in occasions.into_iter().flatten() {
        if rng.chance(85) {
            act(ActivityKind::Care, day, "节日慰问")?;
        }
    }
    if rng.chance(3) {
        let day = between(rng, from, last);
        act(ActivityKind::Problem, day, "家庭困难，已转交民政办")?;
    }
    // Wishes: half the children made one or two; half of those came true.
    if rng.chance(50) {
        for _ in 0..1 + rng.below(2) {
            let made_on = between(rng, start, last);
            let fulfilled_on = rng.chance(50).then(|| between(rng, made_on, last));
            let wish = Wish {
                id: 0,
                pairing: id,
                wish: rng.pick(WISHES).to_string(),
                made_on,
                fulfilled_on,
            };
            w.save_wish(&wish)?;
            if let Some(day) = fulfilled_on {
                act(ActivityKind::Wish, day, &wish.wish)?;
            }
        }
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use crate::domain::pairing::{Check, checks};
    use crate::store::Store;
    use chrono::NaiveDate;

    #[test]
    fn the_demo_ledger_has_a_case_of_every_check_and_keeps_its_own_rules() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut s = Store::open_in_memory().unwrap();
        let made = super::super::generate(&mut s, 300, 1, today).unwrap();
        assert!(made.ledger.helpers >= 8 && made.ledger.pairings > 50);
        let found = checks(
            &s.pairing_facts().unwrap(),
            &s.helpers().unwrap(),
            &s.pairings().unwrap(),
            &s.helper_activities().unwrap(),
            s.roster_reviewed().unwrap(),
            today,
        );
        for check in Check::ALL {
            assert!(found.iter().any(|f| f.check == check), "{check:?}");
        }
        // Every activity falls inside a pairing of its helper and child, never in the future.
        let pairings = s.pairings().unwrap();
        for a in s.helper_activities().unwrap() {
            assert!(a.date <= today);
            assert!(
                pairings
                    .iter()
                    .any(|p| p.helper == a.helper && p.child == a.child && p.active_on(a.date)),
                "{a:?}"
            );
        }
        // Some orphans are in an institution, and they are not counted unpaired.
        let facts = s.pairing_facts().unwrap();
        assert!(facts.iter().any(|c| c.in_institution));
    }
}
