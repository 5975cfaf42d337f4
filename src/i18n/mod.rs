//! The one message catalogue: every string shown to a user, in Chinese and English.

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the interface language for the whole program.
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == 1 {
        Lang::En
    } else {
        Lang::Zh
    }
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "cn" | "zh-cn" | "zh_cn" | "中文" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A message of a catalogue, in either language.
pub trait Msg: Copy {
    fn text(self, lang: Lang) -> &'static str;
}

/// A catalogue: an enum of messages, each in Chinese and English; `{}` marks
/// where arguments go. One catalogue per part of the program.
macro_rules! messages {
    ($name:ident; $($id:ident => $zh:literal, $en:literal;)*) => {
        /// A message of the catalogue; `{}` marks where arguments go.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum $name { $($id),* }

        impl $crate::i18n::Msg for $name {
            fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                use $crate::i18n::Lang;
                match (self, lang) {
                    $(($name::$id, Lang::Zh) => $zh, ($name::$id, Lang::En) => $en,)*
                }
            }
        }

        #[cfg(test)]
        pub(super) const ALL: &[$name] = &[$($name::$id),*];
    };
}

mod general;
mod pairing;
mod paper;
mod referral;

pub use general::M;
pub use pairing::P;
pub use pairing::words as pairing_words;
pub use paper::W;
pub use referral::R;
pub use referral::words as referral_words;

/// The message in the interface language.
pub fn t(m: impl Msg) -> &'static str {
    m.text(lang())
}

/// The message with its `{}` filled in order.
pub fn tf(m: impl Msg, args: &[&dyn Display]) -> String {
    fill(t(m), args)
}

fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut args = args.iter();
    while let Some(pos) = rest.find("{}") {
        out.push_str(&rest[..pos]);
        if let Some(a) = args.next() {
            out.push_str(&a.to_string());
        }
        rest = &rest[pos + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both_languages_with_the_same_slots<T: Msg + std::fmt::Debug>(all: &[T]) {
        for m in all {
            let zh = m.text(Lang::Zh);
            let en = m.text(Lang::En);
            assert!(!zh.is_empty() && !en.is_empty(), "{m:?}");
            assert_eq!(zh.matches("{}").count(), en.matches("{}").count(), "{m:?}");
        }
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_slots() {
        both_languages_with_the_same_slots(general::ALL);
        both_languages_with_the_same_slots(pairing::ALL);
        both_languages_with_the_same_slots(referral::ALL);
        both_languages_with_the_same_slots(paper::ALL);
    }

    #[test]
    fn arguments_fill_in_order() {
        assert_eq!(fill("第 {} 行，{} 列", &[&3, &"姓名"]), "第 3 行，姓名 列");
        assert_eq!(fill("no slot", &[&1]), "no slot");
    }
}
