//! Sheets as villages keep them: the 2016 national survey form
//! (《农村留守儿童基本情况登记表》) typed into Excel row by row, its 花名册, and
//! sheets laid out like the national welfare system's entry screens. Before
//! the survey import reads a sheet, this pass gives each column the name
//! shouhu knows, the repeated ones to the person whose name stands before
//! them, and fills what the forms say another way: the village from the
//! address or the 填报单位, the category from 父母双方同时外出, the parents'
//! statuses from where they work or a 「—」, schooling from 「小学一年级」,
//! 「同上」 from the cell it points to. What the case file has no place for
//! goes to one block of the child's notes.

use std::collections::HashMap;

use super::clerks::{dash, disability, schooling, village_in, yes};
use super::{Outcome, Problem};
use crate::domain::vocab::fold;
use crate::domain::{Category, SchoolStatus};
use crate::i18n::{M, tf};
use crate::io::columns::{self, PERSON_FIELDS};
use crate::io::sheet::{Cell, Sheet};

/// What the options give a sheet that does not say it itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Defaults<'a> {
    pub village: Option<&'a str>,
    pub category: Option<Category>,
}

/// The national forms' names for fields of the case file.
const RENAMES: &[(&str, &str)] = &[
    ("公民身份证号码", "身份证号"),
    ("证件号码", "身份证号"),
    ("是否登记户口", "户籍"),
    ("身体情况", "健康状况"),
    ("是否学校寄宿", "寄宿"),
    ("父亲当前务工地点", "父亲外出地点"),
    ("母亲当前务工地点", "母亲外出地点"),
    ("委托监护人姓名", "委托照护人"),
    ("受委托监护人姓名", "委托照护人"),
    ("受委托照料人姓名", "委托照护人"),
    ("受委托监护人电话", "照护人电话"),
    ("委托监护人电话", "照护人电话"),
    ("委托监护人联系电话", "照护人电话"),
    ("委托监护人与被监护人关系", "照护人关系"),
    ("受委托监护人与被监护人关系", "照护人关系"),
    ("受委托照料人与儿童关系", "照护人关系"),
    ("受委托监护人与儿童关系", "照护人关系"),
    ("受委托照料人联系电话", "照护人电话"),
    ("受委托监护人联系电话", "照护人电话"),
    ("退出时间", "退出日期"),
    ("父亲特殊情况", "父亲状况"),
    ("母亲特殊情况", "母亲状况"),
    ("父亲现居住地址", "父亲外出地点"),
    ("母亲现居住地址", "母亲外出地点"),
    ("家庭经济来源", "家庭经济来源"),
];

/// Columns the pass reads to fill others, by their names on the forms.
const SCHOOLING: &[&str] = &["就学情况", "学业状况", "就学状况"];
const DISABILITY: &[&str] = &["残疾类别及等级", "残疾类别和等级"];
const NOW_ADDRESS: &[&str] = &["现居住地", "儿童现住址", "现住址", "行政区域", "居住地址"];
const HUKOU_PLACE: &[&str] = &["户籍所在地", "户口所在地"];
const BOTH_AWAY: &[&str] = &["父母双方同时外出", "父母双方外出"];
/// The national system's 委托照料原因: its words say whether parents are away.
const CARE_REASON: &[&str] = &["委托照料原因"];
/// The national system's 户口分类: 「无户口」 is a child without registration.
const HUKOU_CLASS: &[&str] = &["户口分类"];
const ONE_AWAY: &[&str] = &[
    "父母一方外出、另一方无监护能力",
    "父母一方外出另一方无监护能力",
];
const UNABLE: &[&str] = &["无监护能力"];

/// The person whose fields follow a name column: 祖父 for 祖父姓名.
fn person_of(header: &str) -> Option<&str> {
    let p = header.strip_suffix("姓名")?;
    (!p.is_empty() && p != "儿童").then_some(p)
}

fn is_any(header: &str, names: &[&str]) -> bool {
    let h = fold(header);
    names.iter().any(|n| fold(n) == h)
}

/// Gives the fields repeated after a name column to that person: 出生日期
/// after 祖父姓名 is 祖父出生日期; 公民身份证号码 after 委托监护人姓名 is the
/// guardian's, never the child's.
pub fn own_headers(headers: &[String]) -> Vec<String> {
    let mut person: Option<String> = None;
    let mut place: Option<String> = None;
    headers
        .iter()
        .map(|h| {
            let h = h.trim();
            if let Some(p) = person_of(h) {
                person = Some(p.to_string());
                return h.to_string();
            }
            if h == "姓名" {
                person = None;
                return h.to_string();
            }
            // 详细地址 after an address picker is that address's detail.
            if h == "详细地址"
                && let Some(p) = &place
            {
                return format!("{p}{h}");
            }
            place = (h.contains("住址") || h.contains("所在地") || h.contains("居住地"))
                .then(|| h.to_string());
            match &person {
                Some(p) if PERSON_FIELDS.contains(&h) => format!("{p}{h}"),
                // 受委托监护人电话 after 委托监护人姓名: the same person, named in full.
                Some(p) if h.contains(p.as_str()) => h.to_string(),
                _ => {
                    if !PERSON_FIELDS.contains(&h) {
                        person = None;
                    }
                    h.to_string()
                }
            }
        })
        .collect()
}

/// The text of a column of the row, if the sheet has it.
fn get(cells: &[String], i: Option<usize>) -> String {
    i.and_then(|i| cells.get(i))
        .map_or(String::new(), |c| c.trim().to_string())
}

/// Whether a sheet is laid out like the national forms (it names a column
/// only they have); a sheet of shouhu's own passes untouched.
fn national(headers: &[String]) -> bool {
    let known: Vec<&str> = RENAMES
        .iter()
        .map(|(from, _)| *from)
        .chain(SCHOOLING.iter().copied())
        .chain(DISABILITY.iter().copied())
        .chain(NOW_ADDRESS.iter().copied())
        .chain(BOTH_AWAY.iter().copied())
        .chain(ONE_AWAY.iter().copied())
        .chain(CARE_REASON.iter().copied())
        .chain(HUKOU_CLASS.iter().copied())
        .collect();
    let village: Vec<columns::Column> = columns::CHILDREN
        .iter()
        .filter(|c| c.key == "village")
        .copied()
        .collect();
    let villageless = !headers
        .iter()
        .any(|h| columns::match_headers(&village, std::slice::from_ref(h))[0].is_some());
    villageless
        || headers
            .iter()
            .any(|h| is_any(h, &known) || person_of(h).is_some_and(|p| p != "父亲" && p != "母亲"))
}

/// Rewrites a national-layout sheet into the survey sheet's columns; says in
/// `out` what it could not place (a row without a village, a 「同上」 with
/// nothing above it) and, once, what went to the notes.
pub fn normalize(mut sheet: Sheet, defaults: Defaults, out: &mut Outcome) -> Sheet {
    if !national(&sheet.headers) {
        return sheet;
    }
    let headers = own_headers(&sheet.headers);
    let renamed: Vec<String> = headers
        .iter()
        .map(|h| {
            RENAMES
                .iter()
                .find(|(from, _)| fold(from) == fold(h))
                .map_or_else(|| h.clone(), |(_, to)| to.to_string())
        })
        .collect();
    // Two columns that both become the child's ID number (身份证号 beside
    // 公民身份证号码): said in the sheet's own words; the second is not read.
    let mut renamed = renamed;
    let ids: Vec<usize> = (0..renamed.len())
        .filter(|&i| fold(&renamed[i]) == fold("身份证号"))
        .collect();
    if ids.len() > 1 {
        let said: Vec<&str> = ids.iter().map(|&i| sheet.headers[i].as_str()).collect();
        out.problems.push(Problem {
            row: 0,
            column: "身份证号".into(),
            reason: tf(M::ImportTwoColumns, &[&"身份证号", &said.join("」「")]),
        });
        for &i in &ids[1..] {
            renamed[i].clear();
        }
    }
    let renamed = renamed;
    let find = |names: &[&str]| renamed.iter().position(|h| is_any(h, names));
    let at_name = |name: &str| renamed.iter().position(|h| fold(h) == fold(name));
    // The 填报单位 above the header names the village committee.
    let unit_village = sheet
        .preamble
        .iter()
        .find_map(|line| line.split("填报单位").nth(1).and_then(village_in));
    // What shouhu reads itself, and what goes to the notes.
    let understood = |h: &str| {
        columns::match_headers(columns::CHILDREN, &[h.to_string()])[0].is_some()
            || is_any(h, SCHOOLING)
            || is_any(h, DISABILITY)
            || is_any(h, BOTH_AWAY)
            || is_any(h, ONE_AWAY)
            || is_any(h, UNABLE)
            || is_any(h, CARE_REASON)
            || is_any(h, HUKOU_CLASS)
    };
    let to_notes: Vec<usize> = (0..renamed.len())
        .filter(|&i| !renamed[i].is_empty() && !understood(&renamed[i]))
        .collect();
    let has_village = at_name("村（社区）").is_some() || at_name("村").is_some();
    let has_category = at_name("儿童类别").is_some() || at_name("类别").is_some();
    // 学业状况 (在读) and 就学情况 (小学) may both be there: all are read.
    let schools: Vec<usize> = (0..renamed.len())
        .filter(|&i| is_any(&renamed[i], SCHOOLING))
        .collect();
    let disab = find(DISABILITY);
    let now = find(NOW_ADDRESS);
    let place = find(HUKOU_PLACE);
    let both = find(BOTH_AWAY);
    let one = find(ONE_AWAY);
    let unable = find(UNABLE);
    let care_reason = find(CARE_REASON);
    let hukou_class = find(HUKOU_CLASS);
    let has_hukou = at_name("户籍").is_some();
    let now_detail = renamed
        .iter()
        .position(|h| now.is_some_and(|n| *h == format!("{}详细地址", renamed[n])));
    let (father, mother) = (at_name("父亲姓名"), at_name("母亲姓名"));
    let (father_work, mother_work) = (at_name("父亲外出地点"), at_name("母亲外出地点"));
    let address = at_name("家庭住址");
    // The columns added at the end of each row.
    let added = [
        "村（社区）",
        "儿童类别",
        "就学状态",
        "年级",
        "残疾类别",
        "残疾等级",
        "父亲状况",
        "母亲状况",
        "家庭住址",
        "表格附记",
        "户籍",
    ];
    let base = renamed.len();
    let mut headers = renamed.clone();
    // An added column the sheet has already is left unnamed: not read twice.
    let fields = columns::match_headers(columns::CHILDREN, &renamed);
    let sheet_has = |zh: &str| {
        fields
            .iter()
            .flatten()
            .any(|&i| columns::CHILDREN[i].zh == zh)
    };
    headers.extend(added.iter().map(|a| {
        let own = match *a {
            "户籍" => has_hukou || hukou_class.is_none(),
            "表格附记" => false,
            other => sheet_has(other),
        };
        if own { String::new() } else { a.to_string() }
    }));
    let mut noted = false;
    let mut above: HashMap<usize, String> = HashMap::new();
    for row in &mut sheet.rows {
        let mut cells: Vec<String> = (0..base)
            .map(|i| row.cells.get(i).map_or(String::new(), |c| c.text.clone()))
            .collect();
        // 「同上」: the field above on the paper form (现居住地 under 户籍所在地),
        // elsewhere the cell above in the same column.
        for i in 0..base {
            if cells[i].trim() != "同上" {
                continue;
            }
            let from = if Some(i) == now && place.is_some() {
                place.map(|p| cells[p].clone())
            } else {
                above.get(&i).cloned()
            };
            match from.filter(|v| !v.is_empty() && v != "同上") {
                Some(v) => cells[i] = v,
                None => {
                    out.problems.push(Problem {
                        row: row.number,
                        column: headers[i].clone(),
                        reason: tf(M::ImportSameAsNothing, &[]),
                    });
                }
            }
        }
        for (i, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                above.insert(i, v.clone());
            }
        }
        // A masked number (510411********1234, 138****5678) never overwrites.
        for v in cells.iter_mut() {
            if v.contains('*') && v.chars().filter(|c| c.is_ascii_digit()).count() >= 4 {
                v.clear();
            }
        }

        // The village: the address where the child lives, the registration's,
        // the 填报单位, then --village.
        let village = [now, place, address]
            .into_iter()
            .find_map(|i| village_in(&get(&cells, i)))
            .or_else(|| unit_village.clone())
            .or_else(|| defaults.village.map(str::to_string))
            .unwrap_or_default();
        if !has_village && village.is_empty() {
            out.problems.push(Problem {
                row: row.number,
                column: "村（社区）".into(),
                reason: tf(M::ImportNoVillage, &[]),
            });
        }
        // The category from what the form says of the parents.
        let reason = get(&cells, care_reason);
        let left_behind = yes(&get(&cells, both))
            || yes(&get(&cells, one))
            || (reason.contains("外出") && !reason.contains("无监护能力")
                || reason.contains("一方外出"));
        let category = if left_behind {
            Category::LeftBehind.zh().to_string()
        } else {
            defaults
                .category
                .map(|c| c.zh().to_string())
                .unwrap_or_default()
        };
        if !has_category && category.is_empty() {
            out.problems.push(Problem {
                row: row.number,
                column: "儿童类别".into(),
                reason: tf(M::ImportNoCategory, &[]),
            });
        }
        // A status word said plainly (学业状况 在读 / 辍学) wins; a grade comes
        // from whichever column names one (就学情况 小学二年级).
        let read: Vec<(SchoolStatus, String)> = schools
            .iter()
            .filter_map(|&i| schooling(&cells[i]))
            .collect();
        let plain = schools
            .iter()
            .find_map(|&i| SchoolStatus::parse(cells[i].trim()));
        let status = plain
            .or(read.first().map(|(s, _)| *s))
            .map_or(String::new(), |s| s.zh().to_string());
        let grade = read
            .iter()
            .map(|(_, g)| g.clone())
            .find(|g| !g.is_empty())
            .unwrap_or_default();
        let (dkind, dgrade) = disability(&get(&cells, disab));
        // The parents: a 「—」 for one who died, a place of work for a migrant,
        // 无监护能力 for the one at home who cannot guard.
        let unable_who = get(&cells, unable);
        let parent =
            |name: Option<usize>, work: Option<usize>, who: &str, cells: &mut Vec<String>| {
                if let Some(n) = name
                    && dash(&cells[n])
                {
                    cells[n].clear();
                    return crate::domain::ParentStatus::Deceased.zh().to_string();
                }
                if work.is_some_and(|w| !cells[w].trim().is_empty() && !dash(&cells[w])) {
                    return crate::domain::ParentStatus::Migrant.zh().to_string();
                }
                if unable_who.contains(who) {
                    return crate::domain::ParentStatus::SeriousIllness.zh().to_string();
                }
                String::new()
            };
        let fs = parent(father, father_work, "父", &mut cells);
        let ms = parent(mother, mother_work, "母", &mut cells);
        // The address: where the child lives now, with its detail.
        // The picker names the region (the village is read from it); the
        // detail is the address.
        let detail = get(&cells, now_detail);
        let live = if detail.is_empty() {
            get(&cells, now)
        } else {
            detail
        };
        let class = get(&cells, hukou_class);
        let hukou = if class.is_empty() {
            String::new()
        } else if class.contains("无户口") {
            "否".to_string()
        } else {
            "是".to_string()
        };
        // What has no place in the case file.
        let extra: Vec<String> = to_notes
            .iter()
            .filter(|&&i| {
                Some(i) != now
                    && Some(i) != now_detail
                    && !cells[i].trim().is_empty()
                    && !dash(&cells[i])
            })
            .map(|&i| format!("{}：{}", renamed[i], cells[i].trim()))
            .collect();
        if !extra.is_empty() {
            noted = true;
        }
        cells.extend([
            village,
            category,
            status,
            grade,
            dkind.map(|d| d.zh().to_string()).unwrap_or_default(),
            dgrade.unwrap_or_default(),
            fs,
            ms,
            live,
            extra.join("；"),
            hukou,
        ]);
        row.cells = cells
            .into_iter()
            .map(|text| Cell {
                text,
                numeric: false,
            })
            .collect();
    }
    if noted {
        out.warnings.push(tf(M::ImportToNotes, &[]));
    }
    // The columns this pass read for the others are not read again, nor named
    // as ignored.
    let consumed = [
        disab,
        now,
        now_detail,
        both,
        one,
        unable,
        care_reason,
        hukou_class,
    ]
    .into_iter()
    .flatten()
    .chain(schools.iter().copied())
    .chain(to_notes.iter().copied());
    for i in consumed {
        headers[i].clear();
    }
    sheet.headers = headers;
    sheet
}

/// For a preview: the field each column of a national-layout sheet goes to
/// through this pass (`None` for a sheet of shouhu's own, or a column the
/// pass leaves to the survey import or to nothing).
pub fn read_by_pass(headers: &[String]) -> Vec<Option<&'static str>> {
    if !national(headers) {
        return vec![None; headers.len()];
    }
    own_headers(headers)
        .iter()
        .map(|h| {
            let h = RENAMES
                .iter()
                .find(|(from, _)| fold(from) == fold(h))
                .map_or(h.as_str(), |(_, to)| to);
            let known = columns::match_headers(columns::CHILDREN, &[h.to_string()])[0];
            if let Some(i) = known {
                return Some(columns::CHILDREN[i].zh);
            }
            Some(if is_any(h, SCHOOLING) {
                "就学状态"
            } else if is_any(h, DISABILITY) {
                "残疾类别"
            } else if is_any(h, NOW_ADDRESS) || h.ends_with("住址详细地址") {
                "家庭住址"
            } else if is_any(h, BOTH_AWAY) || is_any(h, ONE_AWAY) || is_any(h, CARE_REASON) {
                "儿童类别"
            } else if is_any(h, UNABLE) {
                "父亲状况"
            } else if is_any(h, HUKOU_CLASS) {
                "户籍"
            } else if h.is_empty() {
                return None;
            } else {
                "表格附记"
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_headers_belong_to_the_person_named_before_them() {
        let h: Vec<String> = [
            "姓名",
            "出生日期",
            "公民身份证号码",
            "祖父姓名",
            "出生日期",
            "父亲姓名",
            "出生日期",
            "当前务工地点",
            "联系电话",
            "委托监护人姓名",
            "受委托监护人电话",
            "公民身份证号码",
            "与被监护人关系",
            "家庭经济来源",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            own_headers(&h),
            [
                "姓名",
                "出生日期",
                "公民身份证号码",
                "祖父姓名",
                "祖父出生日期",
                "父亲姓名",
                "父亲出生日期",
                "父亲当前务工地点",
                "父亲联系电话",
                "委托监护人姓名",
                "受委托监护人电话",
                "委托监护人公民身份证号码",
                "委托监护人与被监护人关系",
                "家庭经济来源",
            ]
        );
    }
}
