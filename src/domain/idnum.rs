//! The resident ID number of GB 11643: 17 digits and a check character.

use chrono::NaiveDate;

use super::Gender;

/// What can be wrong with an ID number, in the order it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    /// Not 18 characters.
    Length(usize),
    /// A character that is not a digit (or X in the last place).
    BadChar,
    /// Characters 7–14 are not a real date.
    BadBirthDate,
    /// The check character disagrees with the 17 digits; carries the right one.
    CheckChar(char),
}

impl IdError {
    /// The officer's words for what is wrong: one text for forms and imports.
    pub fn message(self) -> String {
        use crate::i18n::{M, t, tf};
        match self {
            IdError::Length(n) => tf(M::IdLength, &[&n]),
            IdError::BadChar => t(M::IdBadChar).into(),
            IdError::BadBirthDate => t(M::IdBadBirth).into(),
            // Not the right character: that would invite "fixing" the last digit
            // of a number mistyped elsewhere.
            IdError::CheckChar(_) => t(M::IdCheck).into(),
        }
    }
}

/// A valid ID number with what it tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber {
    pub text: String,
    pub birth_date: NaiveDate,
    pub gender: Gender,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Normalises what an officer typed or a sheet held: trims, drops inner spaces,
/// upper-cases a final x.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            // Full-width digits and X, as a Chinese input method types them.
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ｘ' | 'ｘ' => 'X',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

/// The check character for the 17 first digits (`None` if they are not 17 digits).
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(CHECK[(sum % 11) as usize])
}

/// Parses and verifies an ID number (already normalised or not).
pub fn parse(raw: &str) -> Result<IdNumber, IdError> {
    let text = normalize(raw);
    let n = text.chars().count();
    if n != 18 {
        return Err(IdError::Length(n));
    }
    let bytes = text.as_bytes();
    if !bytes[..17].iter().all(u8::is_ascii_digit)
        || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
    {
        return Err(IdError::BadChar);
    }
    let num = |a: usize, b: usize| text[a..b].parse::<u32>().unwrap_or(0);
    let birth_date = NaiveDate::from_ymd_opt(num(6, 10) as i32, num(10, 12), num(12, 14))
        .filter(|d| d.year_ce().1 >= 1900)
        .ok_or(IdError::BadBirthDate)?;
    let expected = check_char(&text[..17]).ok_or(IdError::BadChar)?;
    if char::from(bytes[17]) != expected {
        return Err(IdError::CheckChar(expected));
    }
    let gender = if (bytes[16] - b'0') % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Ok(IdNumber {
        text,
        birth_date,
        gender,
    })
}

/// Masks an ID number for print and export: the first 6 and last 4 kept.
pub fn mask(id: &str) -> String {
    if id.is_ascii() && id.len() > 10 {
        let mut out = String::with_capacity(id.len());
        out.push_str(&id[..6]);
        out.extend(std::iter::repeat_n('*', id.len() - 10));
        out.push_str(&id[id.len() - 4..]);
        return out;
    }
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..6].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 10));
    out.extend(&chars[chars.len() - 4..]);
    out
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers_give_birth_date_and_gender() {
        let id = parse("511304201312248181").unwrap();
        assert_eq!(
            id.birth_date,
            NaiveDate::from_ymd_opt(2013, 12, 24).unwrap()
        );
        assert_eq!(id.gender, Gender::Female);
        let id = parse("５１１３０４２０１３１２２４８１８１").unwrap();
        assert_eq!(id.text, "511304201312248181");
        let id = parse(" 51130420121212371x ").unwrap();
        assert_eq!(id.text, "51130420121212371X");
        assert_eq!(id.gender, Gender::Male);
    }

    #[test]
    fn every_check_character_round_trips() {
        // One body for each of the 11 residues proves the mapping table.
        let mut seen = std::collections::BTreeSet::new();
        for serial in 0..200u32 {
            let body = format!("11010120100101{serial:03}");
            let c = check_char(&body).unwrap();
            seen.insert(c);
            assert!(parse(&format!("{body}{c}")).is_ok());
        }
        assert_eq!(seen.len(), 11);
    }

    #[test]
    fn errors_are_told_apart() {
        assert_eq!(parse("5113042013122481"), Err(IdError::Length(16)));
        assert_eq!(parse("51130420131224818A"), Err(IdError::BadChar));
        assert_eq!(parse("511304201302308181"), Err(IdError::BadBirthDate));
        assert_eq!(parse("511304201312248182"), Err(IdError::CheckChar('1')));
    }

    #[test]
    fn masking_keeps_six_and_four() {
        assert_eq!(mask("511304201312248181"), "511304********8181");
    }
}
