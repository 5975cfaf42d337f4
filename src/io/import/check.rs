//! Reading one row of a sheet: its headers matched to the known columns, and
//! each cell checked, with the problems of the row collected in the officer's words.

use chrono::NaiveDate;

use super::{Outcome, Problem};
use crate::domain::date::{self, DateError};
use crate::domain::idnum;
use crate::i18n::{M, t, tf};
use crate::io::columns::{self, Column};
use crate::io::sheet::{self, Row, Sheet};

/// A sheet whose headers are matched to the known columns.
pub(super) struct Mapped<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) columns: &'static [Column],
    /// Column index of the sheet for each known column.
    pub(super) at: Vec<Option<usize>>,
}

impl<'a> Mapped<'a> {
    pub(super) fn new(
        sheet: &'a Sheet,
        columns: &'static [Column],
        out: &mut Outcome,
    ) -> Mapped<'a> {
        let of_header = columns::match_headers(columns, &sheet.headers);
        let mut at = vec![None; columns.len()];
        let mut unknown: Vec<&str> = Vec::new();
        for (i, m) in of_header.iter().enumerate() {
            match m {
                Some(k) => at[*k] = Some(i),
                None if !sheet.headers[i].is_empty() => unknown.push(&sheet.headers[i]),
                None => {}
            }
        }
        // Two columns that both claim the child's ID number (or name): which
        // is the child's cannot be guessed.
        for c in columns
            .iter()
            .filter(|c| matches!(c.key, "id_number" | "name"))
        {
            let claims: Vec<&str> = sheet
                .headers
                .iter()
                .filter(|h| {
                    columns::match_headers(std::slice::from_ref(c), std::slice::from_ref(h))[0]
                        .is_some()
                })
                .map(String::as_str)
                .collect();
            if claims.len() > 1 {
                out.problems.push(Problem {
                    row: 0,
                    column: c.zh.into(),
                    reason: tf(M::ImportTwoColumns, &[&c.zh, &claims.join("」「")]),
                });
            }
        }
        // One line for all the columns set aside, not a line for each.
        if !unknown.is_empty() {
            out.warnings
                .push(tf(M::ImportUnknownColumn, &[&unknown.join("、")]));
        }
        for (k, c) in columns.iter().enumerate() {
            if c.required && at[k].is_none() {
                out.problems.push(Problem {
                    row: 0,
                    column: c.zh.into(),
                    reason: tf(M::ImportMissingColumn, &[&c.zh]),
                });
            }
        }
        Mapped { sheet, columns, at }
    }

    pub(super) fn index(&self, key: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c.key == key)
            .unwrap_or(usize::MAX)
    }

    /// A row with nothing in the known columns (a note far to the right, a
    /// stray cell): no child, and no problem either.
    pub(super) fn blank(&self, row: &Row) -> bool {
        self.at
            .iter()
            .flatten()
            .all(|&i| row.cells.get(i).is_none_or(|c| c.text.is_empty()))
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.at.get(self.index(key)).copied().flatten().is_some()
    }

    /// The cell of `key` in `row` ("" when the column is absent).
    pub(super) fn get<'r>(&self, row: &'r Row, key: &str) -> &'r str {
        self.cell(row, key).map_or("", |c| c.text.as_str())
    }

    pub(super) fn cell<'r>(&self, row: &'r Row, key: &str) -> Option<&'r sheet::Cell> {
        let i = self.at.get(self.index(key)).copied().flatten()?;
        row.cells.get(i)
    }

    /// The header the file uses for `key`.
    pub(super) fn header(&self, key: &str) -> String {
        let k = self.index(key);
        match self.at.get(k).copied().flatten() {
            Some(i) => self.sheet.headers[i].clone(),
            None => self.columns.get(k).map_or(key, |c| c.zh).to_string(),
        }
    }
}

/// Collects the problems of one row.
pub(super) struct RowCheck<'m, 'a> {
    pub(super) map: &'m Mapped<'a>,
    pub(super) row: &'m Row,
    pub(super) problems: Vec<Problem>,
}

impl<'m, 'a> RowCheck<'m, 'a> {
    pub(super) fn new(map: &'m Mapped<'a>, row: &'m Row) -> Self {
        RowCheck {
            map,
            row,
            problems: Vec::new(),
        }
    }

    /// Fails `key` when its cell is empty.
    pub(super) fn required(&mut self, key: &str) {
        if self.map.get(self.row, key).is_empty() {
            self.fail(key, t(M::Required).into());
        }
    }

    pub(super) fn fail(&mut self, key: &str, reason: String) {
        self.problems.push(Problem {
            row: self.row.number,
            column: self.map.header(key),
            reason,
        });
    }

    /// A short field: line breaks become spaces, control characters go.
    pub(super) fn text(&self, key: &str) -> String {
        crate::domain::text::clean_short(self.map.get(self.row, key))
    }

    /// A free text of several lines, as it stands.
    pub(super) fn lines(&self, key: &str) -> String {
        self.map.get(self.row, key).to_string()
    }

    /// A word of a vocabulary, or `None` for an empty cell.
    pub(super) fn word<T: Copy>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Option<T>,
        all: &[T],
        zh: fn(T) -> &'static str,
    ) -> Option<T> {
        let v = self.map.get(self.row, key);
        if v.is_empty() {
            return None;
        }
        let found = parse(v);
        if found.is_none() {
            let choices: Vec<&str> = all.iter().map(|x| zh(*x)).collect();
            self.fail(key, tf(M::UnknownValue, &[&v, &choices.join(" / ")]));
        }
        found
    }

    pub(super) fn yes_no(&mut self, key: &str) -> Option<bool> {
        let v = self.map.get(self.row, key);
        match v {
            "" => None,
            "是" | "有" | "y" | "Y" | "yes" | "Yes" | "1" | "true" | "TRUE" | "√" => Some(true),
            "否" | "无" | "n" | "N" | "no" | "No" | "0" | "false" | "FALSE" | "×" => Some(false),
            _ => {
                self.fail(key, tf(M::UnknownValue, &[&v, &"是 / 否"]));
                None
            }
        }
    }

    /// A date that is not after today.
    pub(super) fn date(&mut self, key: &str, today: NaiveDate) -> Option<NaiveDate> {
        let v = self.map.get(self.row, key);
        if v.is_empty() {
            return None;
        }
        match date::parse(v, today) {
            Ok(d) if d > today => {
                self.fail(key, tf(M::DateFuture, &[&date::iso(d)]));
                None
            }
            Ok(d) => Some(d),
            Err(DateError::NoSuchDay) => {
                self.fail(key, tf(M::DateNoSuchDay, &[&v]));
                None
            }
            Err(DateError::Unreadable) => {
                self.fail(key, tf(M::DateUnreadable, &[&v]));
                None
            }
        }
    }

    /// An ID number, checked; `Err` when given but wrong.
    pub(super) fn id_number(&mut self, key: &str) -> Result<Option<idnum::IdNumber>, ()> {
        let raw = self.map.get(self.row, key);
        if raw.is_empty() {
            return Ok(None);
        }
        match idnum::parse(raw) {
            Ok(id) => Ok(Some(id)),
            Err(e) => {
                let numeric = self.map.cell(self.row, key).is_some_and(|c| c.numeric);
                let reason = match e {
                    _ if numeric => t(M::IdFromNumber).to_string(),
                    _ if raw.contains('*') => t(M::IdMasked).to_string(),
                    e => e.message(),
                };
                self.fail(key, reason);
                Err(())
            }
        }
    }
}

/// The rows of a sheet sorted: what to save, and the rows with problems.
pub(super) struct Sorted<'r, T> {
    pub(super) valid: Vec<T>,
    pub(super) bad: Vec<(&'r Row, Vec<Problem>)>,
}

impl<'r, T> Sorted<'r, T> {
    pub(super) fn new() -> Self {
        Sorted {
            valid: Vec::new(),
            bad: Vec::new(),
        }
    }

    /// Keeps `value` when its row has no problem; otherwise the row's problems.
    pub(super) fn keep(&mut self, rc: RowCheck<'r, '_>, value: Option<T>) {
        match value {
            Some(v) if rc.problems.is_empty() => self.valid.push(v),
            _ => self.bad.push((rc.row, rc.problems)),
        }
    }
}
