//! Values as clerks write them on the national forms: the village inside an
//! address, 「小学一年级」, 「智力残疾四级」, 是 / √, 「—」 for a relative who died,
//! and the one block of a child's notes an import writes.

use crate::domain::{DisabilityType, SchoolStatus};

/// The village in an address: 「…荷香桥镇石桥村5组」 → 石桥村, 「七星关区 / 亮岩镇 /
/// 新华村」 → 新华村, 「……街道新华社区3栋」 → 新华社区; a 村民委员会 or 居民委员会
/// → its village.
pub fn village_in(text: &str) -> Option<String> {
    let t = text
        .replace("村民委员会", "村")
        .replace("村委会", "村")
        .replace("居民委员会", "社区")
        .replace("居委会", "社区");
    let chars: Vec<char> = t.chars().collect();
    // The last 村 or 社区 that ends a place name.
    let mut end = None;
    for i in 0..chars.len() {
        if chars[i] == '村' || (chars[i] == '区' && i > 0 && chars[i - 1] == '社') {
            end = Some(i + 1);
        }
    }
    let end = end?;
    let stops = [
        '省', '市', '县', '区', '镇', '乡', '道', '/', '／', '、', ' ', '　', '：', ':', '（', '(',
        ',', '，',
    ];
    let mut start = end - 1;
    while start > 0 && !stops.contains(&chars[start - 1]) {
        start -= 1;
    }
    // A 社区 stops at its own 区 only, not the 区 of 社区.
    let name: String = chars[start..end].iter().collect();
    let name = name.trim().to_string();
    (name.chars().count() >= 2 && !name.starts_with(['村', '社'])).then_some(name)
}

/// 「小学一年级」「初中」「幼儿园」「辍学」「不在学」 as status and grade.
pub fn schooling(text: &str) -> Option<(SchoolStatus, String)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(s) = SchoolStatus::parse(t) {
        return Some((s, String::new()));
    }
    for pre in ["幼儿园", "未入园", "学龄前", "未入学", "托儿所"] {
        if t.contains(pre) {
            return Some((SchoolStatus::Preschool, String::new()));
        }
    }
    if t.contains("辍学") {
        return Some((SchoolStatus::DroppedOut, String::new()));
    }
    if t.contains("不在学") || t.contains("未在学") || t.contains("失学") {
        return Some((SchoolStatus::OutOfSchool, String::new()));
    }
    for school in [
        "小学", "初中", "高中", "中职", "职高", "中专", "技校", "在读", "在校", "年级",
    ] {
        if t.contains(school) {
            return Some((SchoolStatus::InSchool, t.to_string()));
        }
    }
    None
}

/// 「智力残疾四级」「肢体 二级」 as type and grade.
pub fn disability(text: &str) -> (Option<DisabilityType>, Option<String>) {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let kind = DisabilityType::ALL.iter().copied().find(|d| {
        let zh = d.zh().trim_end_matches("残疾");
        !zh.is_empty() && t.contains(zh)
    });
    let grade = ["一", "二", "三", "四", "1", "2", "3", "4"]
        .iter()
        .find(|g| t.contains(&format!("{g}级")))
        .map(|g| g.to_string());
    (kind, grade)
}

/// A cell that says yes: 是, √, 有 …
pub(super) fn yes(text: &str) -> bool {
    matches!(
        text.trim(),
        "是" | "√" | "✓" | "有" | "1" | "Y" | "y" | "yes"
    )
}

/// A cell that stands for a relative who died (the form's own rule).
pub(super) fn dash(text: &str) -> bool {
    matches!(text.trim(), "—" | "——" | "-" | "--" | "－")
}

/// The mark that begins the block of the notes an import writes.
const BLOCK: &str = "【表格附记】";

/// The notes with their import block replaced by `block` (removed when empty):
/// an import says again what it said, it never appends twice.
pub fn with_block(notes: &str, block: &str) -> String {
    let own = notes.split(BLOCK).next().unwrap_or("").trim_end();
    match (own.is_empty(), block.trim().is_empty()) {
        (_, true) => own.to_string(),
        (true, false) => format!("{BLOCK}{}", block.trim()),
        (false, false) => format!("{own}\n{BLOCK}{}", block.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_village_is_read_from_an_address_or_a_committee() {
        assert_eq!(
            village_in("湖南省某县荷香桥镇石桥村5组").as_deref(),
            Some("石桥村")
        );
        assert_eq!(
            village_in("七星关区 / 亮岩镇 / 新华村").as_deref(),
            Some("新华村")
        );
        assert_eq!(
            village_in("城关街道新华社区3栋2单元").as_deref(),
            Some("新华社区")
        );
        assert_eq!(village_in("：石桥村民委员会").as_deref(), Some("石桥村"));
        assert_eq!(village_in("县城建设路12号"), None);
    }

    #[test]
    fn an_import_replaces_its_block_of_the_notes_and_keeps_the_rest() {
        let once = with_block("祖母腿脚不便", "祖父姓名：张某");
        assert_eq!(once, "祖母腿脚不便\n【表格附记】祖父姓名：张某");
        assert_eq!(with_block(&once, "祖父姓名：张某"), once);
        assert_eq!(
            with_block(&once, "祖父姓名：李某"),
            "祖母腿脚不便\n【表格附记】祖父姓名：李某"
        );
        assert_eq!(with_block(&once, ""), "祖母腿脚不便");
        assert_eq!(with_block("", "x"), "【表格附记】x");
    }

    #[test]
    fn schooling_and_disability_as_clerks_write_them() {
        assert_eq!(
            schooling("小学一年级"),
            Some((SchoolStatus::InSchool, "小学一年级".into()))
        );
        assert_eq!(
            schooling("幼儿园").map(|s| s.0),
            Some(SchoolStatus::Preschool)
        );
        assert_eq!(
            schooling("未入园").map(|s| s.0),
            Some(SchoolStatus::Preschool)
        );
        assert_eq!(
            schooling("辍学").map(|s| s.0),
            Some(SchoolStatus::DroppedOut)
        );
        assert_eq!(
            schooling("不在学").map(|s| s.0),
            Some(SchoolStatus::OutOfSchool)
        );
        assert_eq!(
            schooling("在读初中").map(|s| s.0),
            Some(SchoolStatus::InSchool)
        );
        let (k, g) = disability("智力残疾四级");
        assert!(k.is_some());
        assert_eq!(g.as_deref(), Some("四"));
    }
}
