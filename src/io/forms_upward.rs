//! The township's papers upward, in the national forms: the village rosters
//! (农村留守儿童花名册; the 失学辍学儿童花名册 for the education office, seed 000)
//! and the 2016 登记表 of one child (一人一表), which carries the full ID
//! number as the official form does.

use anyhow::{Result, bail};

use super::table::{Column, Doc, Group};
use crate::domain::{Category, SchoolStatus, date, idnum, text};
use crate::i18n::{M, t, tf};
use crate::store::Store;

/// Which roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roster {
    LeftBehind,
    Dropout,
}

impl Roster {
    pub fn parse(s: &str) -> Option<Roster> {
        match s {
            "left_behind" | "留守" | "留守儿童" => Some(Roster::LeftBehind),
            "dropout" | "辍学" | "失学辍学" => Some(Roster::Dropout),
            _ => None,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Roster::LeftBehind => "农村留守儿童花名册",
            Roster::Dropout => "失学辍学儿童花名册",
        }
    }
}

/// A roster of the active children it covers, a group per village.
pub fn roster(store: &Store, which: Roster, village: Option<&str>, full: bool) -> Result<Doc> {
    let headers: &[&str] = match which {
        Roster::LeftBehind => &[
            "序号",
            "姓名",
            "性别",
            "出生日期",
            "身份证号",
            "就学情况",
            "家庭住址",
            "父亲外出地点",
            "母亲外出地点",
            "委托照料人",
            "与儿童关系",
            "联系电话",
        ],
        Roster::Dropout => &[
            "序号",
            "姓名",
            "性别",
            "出生日期",
            "身份证号",
            "就学状态",
            "学校",
            "年级",
            "家庭住址",
            "监护人",
            "联系电话",
        ],
    };
    let mut groups: Vec<Group> = Vec::new();
    for id in store.child_ids_in_order()? {
        let Some(c) = store.child(id)? else {
            bail!(tf(M::DbCorrupt, &[&store.path_label()]));
        };
        let covered = c.status == crate::domain::ChildStatus::Active
            && match which {
                Roster::LeftBehind => c.categories.contains(&Category::LeftBehind),
                Roster::Dropout => matches!(
                    c.school_status,
                    Some(SchoolStatus::DroppedOut | SchoolStatus::OutOfSchool)
                ),
            };
        if !covered || village.is_some_and(|v| v != c.village) {
            continue;
        }
        if groups.last().is_none_or(|g| g.key != c.village) {
            groups.push(Group {
                title: tf(M::WlVillage, &[&c.village]),
                key: c.village.clone(),
                ..Group::default()
            });
        }
        let Some(g) = groups.last_mut() else { continue };
        let id = if full || c.id_number.is_empty() {
            c.id_number.clone()
        } else {
            idnum::mask(&c.id_number)
        };
        let phone = |p: &str| {
            if full {
                p.to_string()
            } else {
                text::mask_phone(p)
            }
        };
        let school = c.school_status.map(|s| s.zh()).unwrap_or("");
        let n = (g.rows.len() + 1).to_string();
        let gender = c.gender.map(|x| x.zh()).unwrap_or("").to_string();
        let born = c.birth_date.map(date::iso).unwrap_or_default();
        g.rows.push(match which {
            Roster::LeftBehind => vec![
                n,
                c.name.clone(),
                gender,
                born,
                id,
                if c.grade.is_empty() {
                    school.to_string()
                } else {
                    c.grade.clone()
                },
                c.address.clone(),
                c.father.work_place.clone(),
                c.mother.work_place.clone(),
                c.caregiver.name.clone(),
                c.caregiver.relation.clone(),
                phone(&c.caregiver.phone),
            ],
            Roster::Dropout => vec![
                n,
                c.name.clone(),
                gender,
                born,
                id,
                school.to_string(),
                c.school.clone(),
                c.grade.clone(),
                c.address.clone(),
                c.guardian.name.clone(),
                phone(&c.guardian.phone),
            ],
        });
    }
    let township = store.setting("township")?.unwrap_or_default();
    Ok(Doc {
        title: which.title().to_string(),
        meta: vec![tf(M::WlTownship, &[&township])],
        group_header: t(M::ColVillage).to_string(),
        columns: headers.iter().map(|h| Column::text(h, 8)).collect(),
        groups,
        notes: Vec::new(),
    })
}

/// The 2016 登记表 of one child: the form's fields in its order, with the
/// full ID number (the caller audits the print).
pub fn dengjibiao(store: &Store, child: i64) -> Result<Doc> {
    let Some(c) = store.child(child)? else {
        bail!(t(M::NoChild));
    };
    let yes_no = |b: Option<bool>| match b {
        Some(true) => "是",
        Some(false) => "否",
        None => "",
    };
    let parent = |p: &crate::domain::child::Parent| {
        format!(
            "{}　{}　{}",
            p.name,
            p.status.map(|s| s.zh()).unwrap_or(""),
            p.work_place
        )
    };
    let both_away = c.father.status == Some(crate::domain::ParentStatus::Migrant)
        && c.mother.status == Some(crate::domain::ParentStatus::Migrant);
    let row = |k: &str, v: String| vec![k.to_string(), v];
    let rows = vec![
        row("姓名", c.name.clone()),
        row("性别", c.gender.map(|g| g.zh()).unwrap_or("").into()),
        row("民族", c.ethnicity.clone()),
        row("出生日期", c.birth_date.map(date::iso).unwrap_or_default()),
        row("公民身份证号码", idnum::normalize(&c.id_number)),
        row("是否登记户口", if c.hukou { "是" } else { "否" }.into()),
        row("现居住地", format!("{} {}", c.village, c.address)),
        row(
            "身体情况",
            c.health.map(|h| h.zh()).unwrap_or("").to_string(),
        ),
        row(
            "残疾类别及等级",
            format!(
                "{}{}",
                c.disability_type.map(|d| d.zh()).unwrap_or(""),
                c.disability_grade
                    .map(|g| format!("{g}级"))
                    .unwrap_or_default()
            ),
        ),
        row("是否学校寄宿", yes_no(c.boarding).into()),
        row(
            "就学情况",
            format!(
                "{} {} {}",
                c.school_status.map(|s| s.zh()).unwrap_or(""),
                c.school,
                c.grade
            ),
        ),
        row("父亲", parent(&c.father)),
        row("母亲", parent(&c.mother)),
        row(
            "父母双方同时外出",
            if both_away { "是" } else { "否" }.into(),
        ),
        row(
            "委托监护人",
            format!(
                "{}　{}　{}",
                c.caregiver.name, c.caregiver.relation, c.caregiver.phone
            ),
        ),
        row("家庭经济来源", c.income_source.clone()),
        row("村（居）委会联系人", c.village_contact.clone()),
    ];
    let township = store.setting("township")?.unwrap_or_default();
    Ok(Doc {
        title: "农村留守儿童基本情况登记表".into(),
        meta: vec![format!("填报单位：{township} {}", c.village)],
        group_header: String::new(),
        columns: vec![Column::text("项目", 14), Column::text("内容", 60)],
        groups: vec![Group {
            rows,
            ..Group::default()
        }],
        notes: vec!["单位负责人（签名）：　　　　复核人（签名）：　　　　填表人（签名）：".into()],
    })
}

/// The care agreement (委托照护协议书, 002 004) between the parents and the
/// entrusted caregiver, prefilled from the case file, to be signed.
pub fn care_agreement(store: &Store, child: i64) -> Result<Doc> {
    let Some(c) = store.child(child)? else {
        bail!(t(M::NoChild));
    };
    let row = |k: &str, v: String| vec![k.to_string(), v];
    let parents = format!(
        "父亲 {}（{}）　母亲 {}（{}）",
        c.father.name, c.father.work_place, c.mother.name, c.mother.work_place
    );
    let rows = vec![
        row("委托人（父母）", parents),
        row(
            "受委托照护人",
            format!(
                "{}　与儿童关系：{}　电话：{}",
                c.caregiver.name, c.caregiver.relation, c.caregiver.phone
            ),
        ),
        row(
            "被照护儿童",
            format!(
                "{}　{}　{}",
                c.name,
                c.birth_date.map(date::iso).unwrap_or_default(),
                idnum::normalize(&c.id_number)
            ),
        ),
        row("住址", format!("{} {}", c.village, c.address)),
        row(
            "照护责任",
            "照料儿童的日常生活、安全和学习，发现异常及时告知父母和村（居）民委员会；父母应定期与儿童联系，每年回家探望。".into(),
        ),
        row("委托期限", "自　　年　　月　　日至　　年　　月　　日".into()),
    ];
    let township = store.setting("township")?.unwrap_or_default();
    Ok(Doc {
        title: "委托照护协议书".into(),
        meta: vec![format!("{township} {}", c.village)],
        group_header: String::new(),
        columns: vec![Column::text("项目", 14), Column::text("内容", 60)],
        groups: vec![Group {
            rows,
            ..Group::default()
        }],
        notes: vec![
            "委托人（签名）：　　　　　受委托人（签名）：　　　　　村（居）委会见证（盖章）："
                .into(),
            "日期：　　年　　月　　日".into(),
        ],
    })
}
