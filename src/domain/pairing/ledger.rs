//! The ledger a helper keeps of a paired child, in the paper ledger's order
//! (seed 003, 结对帮扶台账), and the child's wish list (心愿清单).

use chrono::NaiveDate;

/// A field of the ledger: its column, its words on the paper ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerField {
    /// The column in the store and the key in forms and exports.
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Of the family (家庭情况), not of the child (儿童情况).
    pub family: bool,
}

impl LedgerField {
    pub fn label(self) -> &'static str {
        match crate::i18n::lang() {
            crate::i18n::Lang::Zh => self.zh,
            crate::i18n::Lang::En => self.en,
        }
    }
}

const fn field(key: &'static str, zh: &'static str, en: &'static str, family: bool) -> LedgerField {
    LedgerField {
        key,
        zh,
        en,
        family,
    }
}

/// The ledger's fields, the child first, then the family.
pub const LEDGER: [LedgerField; 12] = [
    field("body", "身体状况", "health of body", false),
    field("study", "学习情况", "study", false),
    field("hobbies", "兴趣爱好", "hobbies", false),
    field(
        "parent_relation",
        "亲子关系",
        "relation with parents",
        false,
    ),
    field("social_life", "社会交往", "social life", false),
    field("mental_health", "心理健康", "mental health", false),
    field("family_situation", "家庭基本情况", "family situation", true),
    field("family_benefits", "享受政策情况", "benefits received", true),
    field("living_conditions", "居住条件", "living conditions", true),
    field(
        "family_health",
        "家庭成员健康状况",
        "health of the family",
        true,
    ),
    field(
        "guardianship",
        "监护履责情况",
        "how guardianship is fulfilled",
        true,
    ),
    field("neighbours", "邻里关系", "neighbours", true),
];

/// A wish of the child's wish list: open until it is fulfilled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wish {
    pub id: i64,
    pub pairing: i64,
    pub wish: String,
    pub made_on: NaiveDate,
    pub fulfilled_on: Option<NaiveDate>,
}

impl Wish {
    pub fn open(&self) -> bool {
        self.fulfilled_on.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_keys_are_distinct_and_the_child_comes_first() {
        let mut keys: Vec<&str> = LEDGER.iter().map(|f| f.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), LEDGER.len());
        let first_family = LEDGER.iter().position(|f| f.family).unwrap();
        assert!(LEDGER[..first_family].iter().all(|f| !f.family));
        assert!(LEDGER[first_family..].iter().all(|f| f.family));
    }
}
