//! A child's whole file as one printable document (一人一档, 000 002): the
//! basic information, the care plan with its measures, the visits with the
//! problems found and what was done, reports and referrals, the pairings,
//! and the work log of the file. Printed through the worklist's route.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::columns;
use super::table::{Column, Doc, Group};
use crate::domain::{Domain, date, idnum, text};
use crate::i18n::{M, t};
use crate::store::Store;

fn group(title: &str, rows: Vec<Vec<String>>) -> Group {
    Group {
        title: title.into(),
        key: title.into(),
        rows,
        footer: String::new(),
    }
}

/// The file of `child` on `today`; the ID number and phones masked unless `full`.
pub fn doc(store: &Store, child: i64, today: NaiveDate, full: bool) -> Result<Doc> {
    let Some(c) = store.child(child)? else {
        bail!(t(M::NoChild));
    };
    let label = |key: &str| {
        columns::CHILDREN
            .iter()
            .find(|col| col.key == key)
            .map_or(key.to_string(), |col| col.zh.to_string())
    };
    let basics: Vec<Vec<String>> = c
        .fields()
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| {
            let v = match k {
                "id_number" if !full => idnum::mask(&v),
                k if k.ends_with("_phone") && !full => text::mask_phone(&v),
                _ => v,
            };
            vec![label(k), v]
        })
        .collect();
    let mut groups = vec![group("基本情况", basics)];
    let plan: Vec<Vec<String>> = store
        .measures_of(child)?
        .into_iter()
        .map(|m| {
            let state = match m.done_on {
                Some(d) => format!("{} 已完成", date::iso(d)),
                None if m.overdue(today) => "逾期未完成".into(),
                None => "进行中".into(),
            };
            vec![
                m.problem.zh().into(),
                format!(
                    "{}；责任人：{}；期限：{}；{}",
                    m.measure,
                    m.responsible,
                    m.due_on.map(date::iso).unwrap_or_default(),
                    state
                ),
            ]
        })
        .collect();
    groups.push(group("帮扶计划与措施", plan));
    let care: Vec<Vec<String>> = store
        .care_history(&c.uuid)?
        .into_iter()
        .map(|h| vec![h.on, format!("{}：{} → {}", h.what, h.from, h.to)])
        .collect();
    groups.push(group("照护与安置变更", care));
    let visits: Vec<Vec<String>> = store
        .visits_of(child)?
        .into_iter()
        .map(|v| {
            let found: Vec<String> = Domain::ALL
                .iter()
                .filter(|d| v.finding(**d).ok == Some(false))
                .map(|d| format!("{}：{}", d.zh(), v.finding(*d).note))
                .collect();
            let mut what = vec![format!("{} {}", v.kind.zh(), v.visitor)];
            if !found.is_empty() {
                what.push(format!("发现问题：{}", found.join("；")));
            }
            for (k, x) in [
                ("问题", &v.problems),
                ("措施", &v.actions),
                ("下一步", &v.next_step),
                ("备注", &v.notes),
            ] {
                if !x.trim().is_empty() {
                    what.push(format!("{k}：{}", x.trim()));
                }
            }
            vec![date::iso(v.date), what.join("　")]
        })
        .collect();
    groups.push(group("走访记录与问题解决", visits));
    let items: Vec<Vec<String>> = store
        .referrals_of(child)?
        .into_iter()
        .map(|r| {
            vec![
                format!("第{}号", r.no),
                format!(
                    "{} {} → {}；{}；{}{}",
                    r.kind.zh(),
                    r.reason.zh(),
                    r.target,
                    r.what,
                    r.state.zh(),
                    if r.outcome.is_empty() {
                        String::new()
                    } else {
                        format!("；结果：{}", r.outcome)
                    }
                ),
            ]
        })
        .collect();
    groups.push(group("强制报告与转介", items));
    let helpers = store.helpers()?;
    let pairings: Vec<Vec<String>> = store
        .pairings()?
        .into_iter()
        .filter(|p| p.child == child)
        .map(|p| {
            let helper = helpers
                .iter()
                .find(|h| h.id == p.helper)
                .map(|h| format!("{}（{}）", h.name, h.unit))
                .unwrap_or_default();
            let end = p.end.map(date::iso).unwrap_or_default();
            vec![helper, format!("{}～{end}", date::iso(p.start))]
        })
        .collect();
    groups.push(group("结对帮扶", pairings));
    let log: Vec<Vec<String>> = store
        .audit_of(&c.uuid)?
        .into_iter()
        .map(|e| {
            vec![
                e.at.chars().take(10).collect(),
                format!("{} {}", e.officer, e.action),
            ]
        })
        .collect();
    groups.push(group("工作日志", log));
    let township = store.setting("township")?.unwrap_or_default();
    Ok(Doc {
        title: format!("儿童档案 · {}", c.name),
        meta: vec![format!(
            "{township} {}　打印日期 {}",
            c.village,
            date::iso(today)
        )],
        group_header: "部分".into(),
        columns: vec![Column::text("项目", 14), Column::text("内容", 60)],
        groups,
        notes: vec!["经办人（签名）：　　　　　　审核人（签名）：".into()],
    })
}
