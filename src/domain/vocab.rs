//! The closed word lists of the domain (categories, flags, statuses ...).
//!
//! Each list is declared once with, for every item, its code (the identifier of
//! `spec/domain.md`), its Chinese name as the users write it, its English label,
//! and the other spellings found on real sheets. Parsing accepts all of them.

/// Declares a vocabulary enum with its codes, names, labels and aliases.
macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident {
        $($var:ident = $code:literal, $zh:literal, $en:literal $(, [$($alias:literal),*])?;)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),* }

        impl $name {
            /// Every item, in the order of the spec's table.
            pub const ALL: &'static [$name] = &[$($name::$var),*];

            /// The identifier used in code, the database and JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),* }
            }

            /// The full Chinese name, as the users and the national forms write it.
            pub fn zh(self) -> &'static str {
                match self { $($name::$var => $zh),* }
            }

            /// The English label.
            pub fn en(self) -> &'static str {
                match self { $($name::$var => $en),* }
            }

            /// The label in the interface language.
            pub fn label(self) -> &'static str {
                match $crate::i18n::lang() {
                    $crate::i18n::Lang::Zh => self.zh(),
                    $crate::i18n::Lang::En => self.en(),
                }
            }

            /// The item's other spellings.
            pub fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$var => &[$($($alias),*)?]),* }
            }

            /// Reads a code, a Chinese name, an English label or an alias.
            pub fn parse(text: &str) -> Option<$name> {
                let key = $crate::domain::vocab::fold(text);
                if key.is_empty() {
                    return None;
                }
                $name::ALL.iter().copied().find(|v| {
                    $crate::domain::vocab::fold(v.code()) == key
                        || $crate::domain::vocab::fold(v.zh()) == key
                        || $crate::domain::vocab::fold(v.en()) == key
                        || v.aliases().iter().any(|a| $crate::domain::vocab::fold(a) == key)
                })
            }

            /// Reads a code from the database (strict).
            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }

            /// The position in `ALL` (for sorting in the spec's order).
            #[allow(dead_code)]
            pub fn index(self) -> usize {
                $name::ALL.iter().position(|v| *v == self).unwrap_or(usize::MAX)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown {}: {text}", stringify!($name)))
                })
            }
        }
    };
}
pub(crate) use vocab;

/// Folds a word for matching: no spaces, ASCII lower case, full-width brackets
/// made half-width.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Splits a cell holding several items: `、` `，` `,` `;` `；` `/` and spaces.
pub fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(['、', '，', ',', ';', '；', '/', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}
