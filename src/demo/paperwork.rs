//! The demo township's paperwork: care plans for most focus children (a few
//! measures late, some done), and the Spring Festival care round, most
//! children reached. From its own generator.

use anyhow::Result;
use chrono::{Days, NaiveDate};

use super::Rng;
use crate::domain::paperwork::{Measure, Problem};
use crate::domain::{Category, Flag};
use crate::store::Writer;
use crate::store::paperwork::{Gift, Round};

/// What a focus flag calls for in a care plan (003's four problems).
fn measure_for(flag: Flag) -> (Problem, &'static str, &'static str) {
    match flag {
        Flag::OutOfSchool => (Problem::Education, "联系学校劝返复学", "村儿童主任、学校"),
        Flag::DisabledOrIll => (
            Problem::Economic,
            "协助申请医疗救助和残疾人补贴",
            "村儿童主任",
        ),
        Flag::PoorGuardianship | Flag::LivingAlone => (
            Problem::Safety,
            "督促父母落实委托照护，每周电话了解",
            "村儿童主任",
        ),
        Flag::PsychOrBehaviour => (
            Problem::Affection,
            "联系学校心理老师谈心，父母每周视频",
            "学校、父母",
        ),
        _ => (
            Problem::Economic,
            "了解家庭收入，符合条件的申请救助",
            "村儿童主任",
        ),
    }
}

pub fn generate(w: &Writer<'_>, children: &[i64], seed: u64, today: NaiveDate) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x9a9e_4e0c);
    let mut spring = Vec::new();
    for &id in children {
        let Some(c) = w.child(id)? else { continue };
        let flags = c.flag_set();
        if let Some(&flag) = flags.first()
            && rng.chance(85)
        {
            let (problem, measure, responsible) = measure_for(flag);
            let due = today + Days::new(60) - Days::new(rng.below(90));
            let done = (due < today && rng.chance(70)).then(|| due - Days::new(rng.below(10)));
            w.save_measure(&Measure {
                id: 0,
                child: id,
                problem,
                measure: measure.into(),
                responsible: responsible.into(),
                due_on: Some(due),
                done_on: done,
            })?;
        }
        let priority = [
            Category::Orphan,
            Category::DeFactoUnsupported,
            Category::DibaoSevere,
        ];
        if c.categories.iter().any(|k| priority.contains(k)) {
            spring.push(id);
        }
    }
    // A child director in every village (trained this year, checked), a
    // second in the first, a 儿童之家 in every other one.
    let villages: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for &id in children {
            if let Some(c) = w.child(id)?
                && !v.contains(&c.village)
            {
                v.push(c.village);
            }
        }
        v.sort();
        v
    };
    const DIRECTORS: &[&str] = &[
        "刘芳", "陈静", "杨梅", "黄丽", "周敏", "吴霞", "徐燕", "孙洁",
    ];
    for (i, village) in villages.iter().enumerate() {
        let trained = NaiveDate::from_ymd_opt(2026, 3, 15);
        let office = crate::domain::paperwork::Office {
            director: DIRECTORS[i % DIRECTORS.len()].into(),
            director_phone: format!("1390000{:04}", 1000 + i),
            director_trained: trained,
            director_checked: trained,
            deputy: if i == 0 {
                "郑红".into()
            } else {
                String::new()
            },
            home: if i % 2 == 0 {
                format!("{village}儿童之家")
            } else {
                String::new()
            },
            ..Default::default()
        };
        w.save_office(village, &office)?;
    }
    // The Spring Festival round for the priority children, most reached.
    let day = NaiveDate::from_ymd_opt(2026, 2, 12)
        .unwrap_or(today)
        .min(today);
    let round = Round {
        id: 0,
        name: "春节慰问".into(),
        day,
        categories: vec![
            Category::Orphan,
            Category::DeFactoUnsupported,
            Category::DibaoSevere,
        ],
        village: String::new(),
    };
    let rid = w.new_round(&round)?;
    for id in spring {
        if rng.chance(90) {
            w.save_gift(
                rid,
                &Gift {
                    child: id,
                    received: "米、油、慰问金".into(),
                    amount: "500".into(),
                    signed: true,
                    day,
                },
            )?;
        }
    }
    Ok(())
}
