//! Exports: children and visits as sheets that `import` reads back, ID and
//! phone numbers masked unless asked for in full; every export is audited.

use std::path::Path;

use anyhow::{Result, bail};

use super::columns::{self, Column as SheetColumn};
use super::format::{ExportKind, Format};
use super::table::{Column, Doc, Group};
use crate::domain::{idnum, text};
use crate::i18n::{M, tf};
use crate::store::Store;

/// The Chinese header of a column key, as the importer reads it.
fn header(cols: &[SheetColumn], key: &str) -> String {
    cols.iter()
        .find(|c| c.key == key)
        .map_or_else(|| key.to_string(), |c| c.zh.to_string())
}

fn mask_id(id: &str, full: bool) -> String {
    if full || id.is_empty() {
        id.to_string()
    } else {
        idnum::mask(id)
    }
}

/// The sheet of every child, one column per field of the case file.
pub fn children(
    store: &Store,
    full: bool,
    only: Option<&std::collections::HashSet<i64>>,
) -> Result<Doc> {
    let mut keys: Vec<&'static str> = Vec::new();
    let mut rows = Vec::new();
    for id in store.child_ids_in_order()? {
        if only.is_some_and(|o| !o.contains(&id)) {
            continue;
        }
        // A child listed but not readable is a damaged file: no short export.
        let Some(child) = store.child(id)? else {
            bail!(tf(M::DbCorrupt, &[&store.path_label()]));
        };
        let fields = child.fields();
        if keys.is_empty() {
            keys = fields.iter().map(|(k, _)| *k).collect();
        }
        rows.push(
            fields
                .into_iter()
                .map(|(key, value)| match key {
                    "id_number" => mask_id(&value, full),
                    k if k.ends_with("_phone") && !full => text::mask_phone(&value),
                    _ => value,
                })
                .collect(),
        );
    }
    if keys.is_empty() {
        keys = crate::domain::Child::new(chrono::NaiveDate::MIN)
            .fields()
            .iter()
            .map(|(k, _)| *k)
            .collect();
    }
    Ok(sheet(
        keys.iter().map(|k| header(columns::CHILDREN, k)).collect(),
        rows,
    ))
}

/// The children in the columns and words of the national system's 留守儿童
/// entry screen, in its order, so that a clerk can copy rows across; the
/// 儿童类别 of the screen's header comes first, and a sheet of these columns
/// imports back unchanged.
pub fn children_national(
    store: &Store,
    full: bool,
    only: Option<&std::collections::HashSet<i64>>,
) -> Result<Doc> {
    let headers = [
        "儿童编号",
        "儿童类别",
        "姓名",
        "性别",
        "出生日期",
        "身份证号",
        "民族",
        "户口分类",
        "户籍性质",
        "户籍所在地",
        "儿童现住址",
        "详细地址",
        "健康状况",
        "残疾类型",
        "残疾等级",
        "学业状况",
        "就学情况",
        "是否学校寄宿",
        "父亲姓名",
        "父亲特殊情况",
        "父亲现居住地址",
        "母亲姓名",
        "母亲特殊情况",
        "母亲现居住地址",
        "委托照料原因",
        "受委托照料人姓名",
        "受委托照料人联系电话",
        "受委托照料人与儿童关系",
        "退出时间",
        "退出原因",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    for id in store.child_ids_in_order()? {
        if only.is_some_and(|o| !o.contains(&id)) {
            continue;
        }
        let Some(c) = store.child(id)? else {
            bail!(tf(M::DbCorrupt, &[&store.path_label()]));
        };
        let zh = |v: Option<&'static str>| v.unwrap_or("").to_string();
        let phone = |p: &str| {
            if full {
                p.to_string()
            } else {
                text::mask_phone(p)
            }
        };
        let left_behind = c.categories.contains(&crate::domain::Category::LeftBehind);
        let away = |p: &crate::domain::child::Parent| {
            p.status == Some(crate::domain::ParentStatus::Migrant)
        };
        let reason = if !left_behind {
            ""
        } else if away(&c.father) && away(&c.mother) {
            "父母双方同时外出"
        } else {
            "父母一方外出，另一方无监护能力"
        };
        rows.push(vec![
            String::new(),
            crate::domain::Category::join_zh(&c.categories),
            c.name.clone(),
            zh(c.gender.map(|g| g.zh())),
            c.birth_date
                .map(crate::domain::date::iso)
                .unwrap_or_default(),
            mask_id(&c.id_number, full),
            c.ethnicity.clone(),
            if c.hukou {
                "本辖区户口"
            } else {
                "无户口"
            }
            .to_string(),
            c.hukou_nature
                .map(|n| match n {
                    crate::domain::HukouNature::Rural => "农村居民户口",
                    crate::domain::HukouNature::Urban => "城镇居民户口",
                })
                .unwrap_or("")
                .to_string(),
            c.hukou_place.clone(),
            c.village.clone(),
            c.address.clone(),
            zh(c.health.map(|h| h.zh())),
            zh(c.disability_type.map(|d| d.zh())),
            c.disability_grade
                .map(|g| format!("{g}级"))
                .unwrap_or_default(),
            zh(c.school_status.map(|s| s.zh())),
            c.grade.clone(),
            match c.boarding {
                Some(true) => "是",
                Some(false) => "否",
                None => "",
            }
            .to_string(),
            c.father.name.clone(),
            zh(c.father.status.map(|s| s.zh())),
            c.father.work_place.clone(),
            c.mother.name.clone(),
            zh(c.mother.status.map(|s| s.zh())),
            c.mother.work_place.clone(),
            reason.to_string(),
            c.caregiver.name.clone(),
            phone(&c.caregiver.phone),
            c.caregiver.relation.clone(),
            c.exit_date
                .map(crate::domain::date::iso)
                .unwrap_or_default(),
            c.exit_reason.clone(),
        ]);
    }
    Ok(sheet(headers, rows))
}

/// The sheet of every visit, in the columns of `import visits`.
pub fn visits(store: &Store, full: bool) -> Result<Doc> {
    let keys = [
        "id_number",
        "name",
        "village",
        "date",
        "kind",
        "visitor",
        "notes",
    ];
    let rows = store
        .visit_lines()?
        .into_iter()
        .map(|v| {
            vec![
                mask_id(&v.id_number, full),
                v.name,
                v.village,
                v.date,
                v.kind.map(|k| k.zh()).unwrap_or_default().to_string(),
                v.visitor,
                v.notes,
            ]
        })
        .collect();
    Ok(sheet(
        keys.iter().map(|k| header(columns::VISITS, k)).collect(),
        rows,
    ))
}

/// The pairing ledger as the township hands it upward: one row per pairing,
/// the columns of `import pairings` first (so that it reads back), then the
/// helper, what was done during the pairing, and the ledger in paper order.
pub fn pairings(store: &Store, full: bool) -> Result<Doc> {
    use crate::domain::Gender;
    use crate::domain::pairing::{HelperKind, LEDGER};
    let mut headers: Vec<String> = [
        "child_id_number",
        "child_name",
        "village",
        "helper",
        "helper_unit",
        "start",
        "end",
        "intended",
    ]
    .iter()
    .map(|k| header(columns::PAIRINGS, k))
    .collect();
    headers.extend(
        [
            "结束原因",
            "帮扶人类型",
            "帮扶人性别",
            "帮扶人电话",
            "巡查走访次数",
            "慰问次数",
            "心愿（已实现/提出）",
            "转交问题",
        ]
        .map(String::from),
    );
    headers.extend(LEDGER.iter().map(|f| f.zh.to_string()));
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
    let rows = store
        .pairing_lines()?
        .into_iter()
        .map(|p| {
            let mut row = vec![
                mask_id(&p.id_number, full),
                p.name,
                p.village,
                p.helper,
                p.unit,
                p.start,
                p.end.unwrap_or_default(),
                yes_no(p.intended),
                p.end_reason,
                HelperKind::from_code(&p.kind).map_or(p.kind.clone(), |k| k.zh().to_string()),
                p.gender
                    .as_deref()
                    .and_then(Gender::from_code)
                    .map(|g| g.zh().to_string())
                    .unwrap_or_default(),
                if full {
                    p.phone
                } else {
                    text::mask_phone(&p.phone)
                },
                p.visits.to_string(),
                p.care.to_string(),
                format!("{}/{}", p.wishes_done, p.wishes),
                p.problems.to_string(),
            ];
            row.extend(p.fields);
            row
        })
        .collect();
    Ok(sheet(headers, rows))
}

/// Every report, referral and notice, one row each, by number; the child's
/// ID number masked unless asked for in full.
pub fn referrals(store: &Store, full: bool) -> Result<Doc> {
    let headers = [
        "编号",
        "类型",
        "状态",
        "儿童姓名",
        "儿童身份证号",
        "村（社区）",
        "事由",
        "严重程度",
        "接收单位",
        "发生了什么",
        "发现日期",
        "提出时间",
        "提出人",
        "发送日期",
        "对方答复",
        "办理结果",
        "来文单位",
        "来文日期",
    ]
    .map(String::from)
    .to_vec();
    let cases: std::collections::HashMap<i64, crate::store::children::CaseRow> =
        store.case_rows()?.into_iter().map(|c| (c.id, c)).collect();
    let day = |d: Option<chrono::NaiveDate>| d.map(crate::domain::date::iso).unwrap_or_default();
    let mut items = store.referrals()?;
    items.sort_by_key(|r| r.no);
    let rows = items
        .into_iter()
        .map(|r| {
            let c = cases.get(&r.child);
            vec![
                r.no.to_string(),
                r.kind.zh().to_string(),
                r.state.zh().to_string(),
                c.map(|c| c.name.clone()).unwrap_or_default(),
                c.map(|c| mask_id(&c.id_number, full)).unwrap_or_default(),
                c.map(|c| c.village.clone()).unwrap_or_default(),
                r.reason.zh().to_string(),
                r.severity.zh().to_string(),
                r.target,
                r.what,
                day(r.found_on),
                r.raised_at.format("%Y-%m-%d %H:%M").to_string(),
                r.raised_by,
                day(r.sent_on),
                r.answer,
                r.outcome,
                r.sender,
                day(r.arrived_on),
            ]
        })
        .collect();
    Ok(sheet(headers, rows))
}

/// A plain sheet: headers in the first row, nothing above them.
fn sheet(headers: Vec<String>, rows: Vec<Vec<String>>) -> Doc {
    Doc {
        columns: headers.iter().map(|h| Column::text(h, 12)).collect(),
        groups: vec![Group {
            rows,
            ..Group::default()
        }],
        ..Doc::default()
    }
}

/// Writes an export and its line in the audit log; returns the rows written.
/// The line is written before the file appears, and a failed export leaves
/// no file behind (full ID numbers included).
pub fn export(
    store: &mut Store,
    what: ExportKind,
    format: Format,
    (full, only): (bool, Option<&std::collections::HashSet<i64>>),
    output: &Path,
) -> Result<usize> {
    let doc = match what {
        ExportKind::Children => children(store, full, only)?,
        ExportKind::ChildrenNational => children_national(store, full, only)?,
        ExportKind::Visits => visits(store, full)?,
        ExportKind::Pairings => pairings(store, full)?,
        ExportKind::Referrals => referrals(store, full)?,
    };
    let rows = doc.row_count();
    let changes = serde_json::json!({
        "what": what.code(),
        "rows": rows,
        "ids": if full { "full" } else { "masked" },
        "format": if format == Format::Xlsx { "xlsx" } else { "csv" },
        "file": output.display().to_string(),
    });
    crate::files::write_via(output, |tmp| {
        super::output::render(&doc, format, tmp)?;
        store.write(|w| w.audit("export", what.code(), None, &changes.to_string()))
    })?;
    Ok(rows)
}
