//! The columns of the sheets shouhu reads and writes (`interface.md`).

use crate::domain::vocab::fold;

/// A column: its key (the English alias), its Chinese header, other spellings.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub zh: &'static str,
    pub extra: &'static [&'static str],
    pub required: bool,
}

const fn col(key: &'static str, zh: &'static str, extra: &'static [&'static str]) -> Column {
    Column {
        key,
        zh,
        extra,
        required: false,
    }
}

const fn req(key: &'static str, zh: &'static str, extra: &'static [&'static str]) -> Column {
    Column {
        key,
        zh,
        extra,
        required: true,
    }
}

/// The survey sheet (摸底排查表), in the order of the paper form.
pub const CHILDREN: &[Column] = &[
    req("name", "姓名", &["儿童姓名", "姓 名"]),
    col("gender", "性别", &["sex"]),
    col(
        "birth_date",
        "出生日期",
        &["出生年月", "出生年月日", "生日", "birthday"],
    ),
    col(
        "id_number",
        "身份证号",
        &["身份证号码", "公民身份号码", "身份证", "id", "id_no"],
    ),
    col("hukou", "户籍", &["有无户籍", "户口"]),
    col("hukou_nature", "户籍性质", &["户口性质", "户口类别"]),
    col("hukou_place", "户籍所在地", &["户口所在地"]),
    col("hukou_verified_on", "户籍核实日期", &["派出所核实日期"]),
    col("ethnicity", "民族", &[]),
    req(
        "village",
        "村（社区）",
        &["村", "社区", "村/社区", "所在村", "村居"],
    ),
    col("address", "家庭住址", &["住址", "地址", "家庭地址"]),
    col("household", "户编号", &["户号", "家庭编号"]),
    req("categories", "儿童类别", &["类别", "儿童类型", "category"]),
    col("risk_level", "风险等级", &["风险", "risk"]),
    col(
        "placement",
        "养育方式",
        &["安置方式", "供养方式", "placement"],
    ),
    col("flags", "重点关注", &["重点关注情形", "关注标记"]),
    col("school_status", "就学状态", &["在校情况"]),
    col("school", "学校", &["就读学校", "所在学校"]),
    col("grade", "年级", &["班级", "年级班级"]),
    col("boarding", "寄宿", &["是否寄宿"]),
    col("health", "健康状况", &["身体状况", "健康"]),
    col("disability_type", "残疾类别", &["残疾类型"]),
    col("disability_grade", "残疾等级", &[]),
    col("father_name", "父亲姓名", &[]),
    col("father_status", "父亲状况", &["父亲情况"]),
    col("father_work_place", "父亲外出地点", &["父亲务工地点"]),
    col("mother_name", "母亲姓名", &[]),
    col("mother_status", "母亲状况", &["母亲情况"]),
    col("mother_work_place", "母亲外出地点", &["母亲务工地点"]),
    col("guardian_name", "监护人", &["监护人姓名"]),
    col(
        "guardian_relation",
        "监护人关系",
        &["与监护人关系", "监护人与儿童关系"],
    ),
    col(
        "guardian_phone",
        "监护人电话",
        &["监护人联系电话", "联系电话"],
    ),
    col(
        "caregiver_name",
        "委托照护人",
        &["委托照护人姓名", "照护人"],
    ),
    col("caregiver_relation", "照护人关系", &["委托照护人关系"]),
    col("caregiver_phone", "照护人电话", &["委托照护人电话"]),
    col("caregiver_able", "照护能力", &["是否有照护能力"]),
    col(
        "care_agreement",
        "委托照护协议",
        &["是否签订委托照护协议", "照护协议"],
    ),
    col(
        "income_source",
        "家庭经济来源",
        &["经济来源", "家庭主要经济来源"],
    ),
    col("village_contact", "村联系人", &["村委会联系人"]),
    col("registered_on", "登记日期", &["建档日期", "录入日期"]),
    col("last_visit", "最近走访日期", &["最近走访", "上次走访日期"]),
    col("status", "状态", &[]),
    col("exit_date", "退出日期", &[]),
    col("exit_reason", "退出原因", &[]),
    col("reopened_on", "重新纳入日期", &["恢复日期"]),
    col("reopen_reason", "重新纳入原因", &["恢复原因"]),
    col("conditions", "救助条件", &["符合救助条件", "保障条件"]),
    col("notes", "备注", &["情况说明"]),
    // Filled by an import of a national-layout sheet: replaces its block of the notes.
    col("import_notes", "表格附记", &[]),
];

/// The columns that name a child on the sheets of visits, pairings and
/// activities, and the helper's unit on the last two.
const VILLAGE: Column = col("village", "村（社区）", &["村", "社区", "村/社区"]);
const CHILD_ID_NUMBER: Column = col(
    "child_id_number",
    "儿童身份证号",
    &["身份证号", "身份证号码", "公民身份号码"],
);
const CHILD_NAME: Column = col("child_name", "儿童姓名", &["姓名"]);
const HELPER_UNIT: Column = col("helper_unit", "帮扶人单位", &["单位", "工作单位"]);

/// Visit records.
pub const VISITS: &[Column] = &[
    col(
        "id_number",
        "身份证号",
        &["身份证号码", "公民身份号码", "身份证"],
    ),
    col("name", "姓名", &["儿童姓名"]),
    VILLAGE,
    req("date", "走访日期", &["日期", "走访时间"]),
    req("kind", "走访方式", &["方式", "走访类型"]),
    col("visitor", "走访人", &["走访人员"]),
    col("notes", "情况记录", &["走访情况", "备注", "情况"]),
];

/// The helpers of the pairing ledger (`import helpers`).
pub const HELPERS: &[Column] = &[
    req("name", "姓名", &["帮扶人", "帮扶人姓名"]),
    col("gender", "性别", &["sex"]),
    col("kind", "类型", &["帮扶类型", "帮扶主体类型"]),
    col("unit", "单位", &["工作单位", "帮扶人单位"]),
    col("phone", "电话", &["联系电话", "手机"]),
    col("linked_village", "挂钩村", &["挂钩村（社区）", "联系村"]),
    col("last_training", "最近培训日期", &["培训日期"]),
];

/// The pairings of the ledger (`import pairings`).
pub const PAIRINGS: &[Column] = &[
    CHILD_ID_NUMBER,
    CHILD_NAME,
    VILLAGE,
    req("helper", "帮扶人", &["帮扶人姓名", "结对帮扶人"]),
    HELPER_UNIT,
    req("start", "开始日期", &["结对日期", "开始时间"]),
    col("end", "结束日期", &["结束时间"]),
    col("intended", "有意重复", &["有意重复结对"]),
    col("end_reason", "结束原因", &["退出原因", "解除原因"]),
    // The ledger, in the paper order (`domain::pairing::LEDGER`).
    col("body", "身体状况", &["身体情况"]),
    col("study", "学习情况", &["学业情况"]),
    col("hobbies", "兴趣爱好", &[]),
    col("parent_relation", "亲子关系", &[]),
    col("social_life", "社会交往", &[]),
    col("mental_health", "心理健康", &["心理状况"]),
    col("family_situation", "家庭基本情况", &["家庭情况"]),
    col("family_benefits", "享受政策情况", &["享受政策"]),
    col("living_conditions", "居住条件", &["住房情况"]),
    col("family_health", "家庭成员健康状况", &[]),
    col("guardianship", "监护履责情况", &["监护情况"]),
    col("neighbours", "邻里关系", &[]),
];

/// What children receive (`import benefits`).
pub const BENEFITS: &[Column] = &[
    col(
        "id_number",
        "身份证号",
        &["身份证号码", "公民身份号码", "公民身份证号码"],
    ),
    col("name", "姓名", &["儿童姓名"]),
    VILLAGE,
    req("kind", "救助类别", &["类别", "救助项目", "享受政策"]),
    col("since", "开始日期", &["起始日期", "享受日期"]),
    col("until", "结束日期", &["终止日期"]),
    col("amount", "金额", &["标准", "月标准"]),
];

/// What helpers did (`import activities`).
pub const ACTIVITIES: &[Column] = &[
    req("helper", "帮扶人", &["帮扶人姓名"]),
    HELPER_UNIT,
    CHILD_ID_NUMBER,
    CHILD_NAME,
    VILLAGE,
    req("date", "日期", &["活动日期", "走访日期"]),
    req("kind", "类型", &["活动类型"]),
    col("notes", "说明", &["情况", "备注"]),
];

/// The names of the fields of a person that national forms repeat after
/// each name column (the grandparents', the parents', the guardian's).
pub const PERSON_FIELDS: &[&str] = &[
    "姓名",
    "证件号码",
    "证件类型",
    "与儿童关系",
    "现居住地址",
    "健康状况",
    "出生日期",
    "性别",
    "公民身份证号码",
    "身份证号码",
    "身份证号",
    "联系电话",
    "电话",
    "当前务工地点",
    "务工地点",
    "与被监护人关系",
    "关系",
    "居住地地址",
    "地址",
];

/// Column names of the national forms (the 2016 登记表 and 花名册, the
/// national system's entry screens) that the survey sheet does not use.
pub const NATIONAL_WORDS: &[&str] = &[
    "公民身份证号码",
    "证件号码",
    "是否登记户口",
    "户籍所在地",
    "现居住地",
    "儿童现住址",
    "行政区域",
    "身体情况",
    "残疾类别及等级",
    "患病类型",
    "是否学校寄宿",
    "就学情况",
    "学业状况",
    "家庭情况",
    "实际监护情况",
    "父母双方同时外出",
    "父母一方外出、另一方无监护能力",
    "无监护能力",
    "父母外出有无委托其他监护人",
    "委托监护人姓名",
    "受委托照料人姓名",
    "受委托监护人电话",
    "监护类型",
    "救助帮扶情况",
    "退出时间",
    "儿童编号",
    "户口分类",
    "户籍性质",
    "委托照料原因",
    "父母外出有无委托照料人",
    "详细地址",
    "父亲",
    "母亲",
    "祖父姓名",
    "祖母姓名",
    "外祖父姓名",
    "外祖母姓名",
];

/// Whether a text is the name of a column shouhu knows (for finding the
/// header row below title rows).
pub fn is_header_word(text: &str) -> bool {
    let key = fold(text.trim_end_matches(['*', '＊']));
    if key.is_empty() {
        return false;
    }
    let all = [CHILDREN, VISITS, HELPERS, PAIRINGS, ACTIVITIES];
    all.iter().any(|cols| {
        cols.iter().any(|c| {
            fold(c.key) == key || fold(c.zh) == key || c.extra.iter().any(|e| fold(e) == key)
        })
    }) || PERSON_FIELDS
        .iter()
        .chain(NATIONAL_WORDS)
        .any(|f| fold(f) == key)
}

/// Which column each header of a sheet is (`None`: unknown, ignored).
pub fn match_headers(columns: &[Column], headers: &[String]) -> Vec<Option<usize>> {
    let mut taken = vec![false; columns.len()];
    headers
        .iter()
        .map(|h| {
            let key = fold(h.trim_end_matches(['*', '＊']));
            let found = columns.iter().position(|c| {
                fold(c.key) == key || fold(c.zh) == key || c.extra.iter().any(|e| fold(e) == key)
            });
            // A second column of the same meaning is ignored, not merged.
            match found {
                Some(i) if !taken[i] => {
                    taken[i] = true;
                    Some(i)
                }
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pairings_sheet_has_every_field_of_the_ledger_under_its_paper_name() {
        for f in crate::domain::pairing::LEDGER {
            let c = PAIRINGS.iter().find(|c| c.key == f.key).expect(f.key);
            assert_eq!(c.zh, f.zh);
        }
    }

    #[test]
    fn headers_match_in_chinese_english_and_variants() {
        let headers: Vec<String> = [
            "Name",
            "村(社区)",
            "儿童类别*",
            "身份证号码",
            "序号",
            "姓名",
        ]
        .map(String::from)
        .to_vec();
        let m = match_headers(CHILDREN, &headers);
        let keys: Vec<Option<&str>> = m.iter().map(|i| i.map(|i| CHILDREN[i].key)).collect();
        assert_eq!(
            keys,
            [
                Some("name"),
                Some("village"),
                Some("categories"),
                Some("id_number"),
                None,
                None
            ]
        );
    }
}
