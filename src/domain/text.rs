//! Chinese text: pinyin for sorting and search, display width for alignment.

use pinyin::ToPinyin;
use unicode_width::UnicodeWidthChar;

/// Surnames whose reading differs from the character's common one.
const SURNAMES: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('查', "zha"),
    ('乐', "yue"),
    ('区', "ou"),
    ('种', "chong"),
    ('翟', "zhai"),
    ('覃', "qin"),
    ('盖', "ge"),
    ('缪', "miao"),
    ('尉', "yu"),
    ('长', "chang"),
    ('重', "chong"),
    ('万', "wan"),
    ('沈', "shen"),
];

/// The pinyin syllables of a person's name, one per character (the surname
/// read as a surname: 单 shan, 曾 zeng); a character without pinyin (a letter,
/// a digit) stands for itself, lower-cased.
pub fn syllables(name: &str) -> Vec<String> {
    read(name, true)
}

fn read(text: &str, is_name: bool) -> Vec<String> {
    text.chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace() && *c != '·')
        .map(|(i, c)| {
            if is_name
                && i == 0
                && let Some((_, s)) = SURNAMES.iter().find(|(ch, _)| *ch == c)
            {
                return (*s).to_string();
            }
            match c.to_pinyin() {
                Some(p) => p.plain().to_string(),
                None => c.to_lowercase().collect(),
            }
        })
        .collect()
}

/// The key that sorts names in pinyin order, as Excel and WPS do:
/// syllable by syllable (`li` before `lin`), then by the characters.
pub fn sort_key(name: &str) -> String {
    let mut key = syllables(name).join(" ");
    key.push('\u{1}');
    key.push_str(name);
    key
}

/// Full pinyin without spaces (`zhangxiaoming`) and initials (`zxm`) of a name.
pub fn search_keys(name: &str) -> (String, String) {
    keys(syllables(name))
}

/// The same for a word that is not a name (单亲 is dan qin, 重残 zhong can).
pub fn word_keys(word: &str) -> (String, String) {
    keys(read(word, false))
}

fn keys(syl: Vec<String>) -> (String, String) {
    let full = syl.concat();
    let initials = syl.iter().filter_map(|s| s.chars().next()).collect();
    (full, initials)
}

/// Does a search query match a name, its pinyin, or an ID number?
/// Pinyin queries are lower-case ASCII; a query of digits matches ID fragments.
pub struct Matcher {
    query: String,
    ascii: bool,
}

impl Matcher {
    pub fn new(query: &str) -> Matcher {
        let query: String = query
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        let ascii = query.is_ascii();
        Matcher { query, ascii }
    }

    pub fn is_empty(&self) -> bool {
        self.query.is_empty()
    }

    /// `full` and `initials` as made by [`search_keys`].
    pub fn matches(&self, name: &str, full: &str, initials: &str, id_number: &str) -> bool {
        if self.query.is_empty() {
            return true;
        }
        if !self.ascii {
            return name.contains(&self.query);
        }
        // Every test only narrows as the query grows, so that a longer query
        // can filter the last result instead of everyone.
        initials.contains(&self.query)
            || full.starts_with(&self.query)
            || (self.query.bytes().all(|b| b.is_ascii_digit() || b == b'x')
                && id_number.to_ascii_lowercase().contains(&self.query))
    }
}

/// Display width in terminal cells (a Chinese character is 2).
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts to at most `max` cells, never through a wide character; adds `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Pads (or cuts) to exactly `cells` cells, left-aligned.
pub fn pad(s: &str, cells: usize) -> String {
    let t = truncate(s, cells);
    let w = width(&t);
    let mut out = t;
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Breaks text into lines of at most `cells` cells each, never through a wide
/// character (Chinese has no spaces to break at, so any character boundary will do).
/// Empty text is one empty line.
pub fn wrap(s: &str, cells: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in s.chars() {
        if c == '\n' {
            lines.push(String::new());
            used = 0;
            continue;
        }
        let w = c.width().unwrap_or(0);
        if used + w > cells.max(2) && used > 0 {
            // Latin words move whole to the next line when they can.
            let carry = match lines.last_mut() {
                Some(line) if c != ' ' => match line.rfind(' ') {
                    Some(at) if at > 0 => {
                        let word = line[at + 1..].to_string();
                        line.truncate(at);
                        word
                    }
                    _ => String::new(),
                },
                _ => String::new(),
            };
            used = width(&carry);
            lines.push(carry);
            if c == ' ' {
                continue;
            }
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        used += w;
    }
    lines
}

/// Masks a phone number for exports: `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..3].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 7));
    out.extend(&chars[chars.len() - 4..]);
    out
}

/// The longest name a child may have.
pub const MAX_NAME: usize = 50;

/// Characters that change how text looks without being seen: bidirectional
/// marks, overrides and isolates, zero-width spaces and joiners, the
/// byte-order mark. "王\u{200B}九" must not pass for "王九".
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// A short field as it is kept: line breaks and tabs become spaces, other
/// control characters go, the ends are trimmed.
pub fn clean_short(s: &str) -> String {
    let spaced: String = s
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    spaced.trim().to_string()
}

/// What is wrong with a phone number, in the officer's words: a mobile has 11
/// digits and begins with 1; a landline has its area code (0 and 2–3 digits)
/// and 7–8 digits. Spaces and dashes do not count. Empty is fine.
pub fn phone_problem(phone: &str) -> Option<String> {
    use crate::i18n::{M, t};
    let digits: String = phone.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.is_empty() {
        return None;
    }
    let all_digits = digits.chars().all(|c| c.is_ascii_digit());
    let mobile = digits.len() == 11 && digits.starts_with('1') && !digits.starts_with("10");
    let landline = digits.starts_with('0') && (10..=12).contains(&digits.len());
    if all_digits && (mobile || landline) {
        None
    } else {
        Some(t(M::PhoneBad).to_string())
    }
}

/// What is wrong with a name (after `clean_short`), in the officer's words.
pub fn name_problem(name: &str) -> Option<String> {
    use crate::i18n::{M, tf};
    let n = name.chars().count();
    if n > MAX_NAME {
        return Some(tf(M::NameTooLong, &[&n, &MAX_NAME]));
    }
    name.chars()
        .find(|&c| invisible(c) || c.is_control())
        .map(|c| tf(M::NameInvisible, &[&format!("U+{:04X}", c as u32)]))
}

/// Whether a village is `place`: the village itself, or in a county file
/// (where a village is 「镇·村」) the township it is in.
pub fn in_place(village: &str, place: &str) -> bool {
    village == place
        || village
            .strip_prefix(place)
            .is_some_and(|rest| rest.starts_with('·'))
}

/// The townships of a county file's villages (「镇·村」), in their order.
pub fn townships(villages: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in villages {
        if let Some((town, _)) = v.split_once('·')
            && out.last().is_none_or(|l| l != town)
            && !out.iter().any(|o| o == town)
        {
            out.push(town.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_search_by_initials_full_and_id() {
        let (full, ini) = search_keys("张小明");
        assert_eq!((full.as_str(), ini.as_str()), ("zhangxiaoming", "zxm"));
        let m = |q: &str| Matcher::new(q).matches("张小明", &full, &ini, "51130420131224818X");
        assert!(m("zxm"));
        assert!(m("ZX"));
        assert!(m("zhangxiao"));
        assert!(m("小明"));
        assert!(m("818"));
        assert!(m("818x"));
        assert!(!m("zxh"));
        assert!(!m("李"));
    }

    #[test]
    fn words_are_not_read_as_surnames() {
        assert_eq!(search_keys("单雄").1, "sx");
        assert_eq!(word_keys("单亲家庭儿童").1, "dqjtet");
        assert_eq!(word_keys("重残").1, "zc");
    }

    #[test]
    fn names_sort_as_excel_does() {
        let mut names = vec!["朱轩花", "朱琪梅", "丁雅", "李", "林", "单雄", "安"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["安", "丁雅", "李", "林", "单雄", "朱琪梅", "朱轩花"]
        );
    }

    #[test]
    fn widths_never_split_a_wide_character() {
        assert_eq!(width("张小明ab"), 8);
        assert_eq!(truncate("张小明", 5), "张小…");
        assert_eq!(truncate("张小明", 4), "张…");
        assert_eq!(pad("张", 4), "张  ");
        assert_eq!(width(&pad("张小明王", 7)), 7);
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(wrap("张小明ab", 4), ["张小", "明ab"]);
        assert_eq!(wrap("张小明", 5), ["张小", "明"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("days overdue", 8), ["days", "overdue"]);
        assert_eq!(wrap("focus flags", 6), ["focus", "flags"]);
    }

    #[test]
    fn phones_are_mobiles_of_11_digits_or_landlines_with_their_area_code() {
        for good in [
            "",
            "13800001111",
            "138 0000 1111",
            "0838-1234567",
            "010-12345678",
            "08381234567",
        ] {
            assert_eq!(phone_problem(good), None, "{good}");
        }
        for bad in [
            "1380000111",
            "23800001111",
            "1234567",
            "138000011112",
            "13800001111转2",
            "10086",
        ] {
            assert!(phone_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn short_fields_are_cleaned_and_names_must_be_seen() {
        assert_eq!(clean_short("  石桥村\r\n5组\t "), "石桥村  5组");
        assert_eq!(clean_short("王\u{0007}九"), "王九");
        assert_eq!(name_problem("王九"), None);
        assert!(name_problem("王\u{200B}九").unwrap().contains("U+200B"));
        assert!(name_problem("\u{202E}九王").unwrap().contains("U+202E"));
        assert!(name_problem(&"张".repeat(51)).unwrap().contains("51"));
        assert_eq!(name_problem(&"张".repeat(50)), None);
    }

    #[test]
    fn a_place_is_a_village_or_in_a_county_file_its_township() {
        assert!(in_place("石桥村", "石桥村"));
        assert!(!in_place("石桥村", "石桥"));
        assert!(in_place("清溪镇·石桥村", "清溪镇"));
        assert!(in_place("清溪镇·石桥村", "清溪镇·石桥村"));
        assert!(!in_place("清溪镇·石桥村", "清溪"));
        let v: Vec<String> = ["白沙镇·新华村", "白沙镇·石桥村", "清溪镇·新华村", "石桥村"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(townships(&v), ["白沙镇", "清溪镇"]);
    }
}
