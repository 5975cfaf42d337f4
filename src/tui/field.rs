//! The fields of a form: text, ID number, date, pick-lists and multi-line
//! notes, each with its value, its cursor and what is wrong with it.

use ratatui_textarea::TextArea;

use crate::domain::text;

/// One choice of a pick-list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    pub code: String,
    pub label: String,
    full: String,
    initials: String,
}

impl Opt {
    pub fn new(code: impl Into<String>, label: impl Into<String>) -> Opt {
        let label = label.into();
        let (full, initials) = text::word_keys(&label);
        Opt {
            code: code.into(),
            label,
            full,
            initials,
        }
    }
}

/// What a field holds and how it is typed.
#[derive(Debug)]
pub enum Kind {
    Text,
    /// A date in any form the officer writes; `future` allows days after today.
    Date {
        future: bool,
    },
    IdNumber,
    /// One of a list.
    Choice(Vec<Opt>),
    /// Several of a list.
    Multi(Vec<Opt>),
    /// Several lines of free text.
    Notes(Box<TextArea<'static>>),
    /// A PIN: shown as dots, never kept in a draft.
    Secret,
}

#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub label: String,
    pub kind: Kind,
    pub required: bool,
    /// Typed text (the value of text-like fields; the filter of pick-lists).
    pub text: String,
    /// Cursor position in `text`, in characters.
    pub cursor: usize,
    /// Codes picked in a pick-list.
    pub picked: Vec<String>,
    /// The highlighted match of a pick-list.
    pub highlight: usize,
    pub error: Option<String>,
    /// A pick-list that also takes a new value typed in full (a new village).
    pub free: bool,
    /// A remark shown beside the value (the age an ID number gives, a date read).
    pub note: Option<String>,
    /// The value was put there (prefilled, saved, filled from the ID number)
    /// and not touched since: the first character typed replaces it, as in a
    /// spreadsheet cell.
    pub fresh: bool,
    /// Filled from the ID number: Enter passes over it (going back reaches it).
    pub filled: bool,
    /// Enter passes over this field while another field holds a code (the
    /// note of a finding marked 正常).
    pub skip_when: Option<(&'static str, &'static str)>,
    /// The number of the first option: 1, or 0 where a list begins with
    /// 「全部」, so that every other option has the number it has in the forms.
    pub first_number: usize,
}

impl Field {
    pub fn new(key: &'static str, label: impl Into<String>, kind: Kind) -> Field {
        Field {
            key,
            label: label.into(),
            kind,
            required: false,
            text: String::new(),
            cursor: 0,
            picked: Vec::new(),
            highlight: 0,
            error: None,
            free: false,
            note: None,
            fresh: false,
            filled: false,
            skip_when: None,
            first_number: 1,
        }
    }

    /// Passed over by Enter while field `key` holds `code`.
    pub fn skip_when(mut self, key: &'static str, code: &'static str) -> Field {
        self.skip_when = Some((key, code));
        self
    }

    /// A pick-list that also takes what is typed when nothing matches.
    pub fn free(mut self) -> Field {
        self.free = true;
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn notes(key: &'static str, label: impl Into<String>) -> Field {
        let mut area = TextArea::default();
        area.set_cursor_line_style(ratatui::style::Style::default());
        Field::new(key, label, Kind::Notes(Box::new(area)))
    }

    pub fn is_pick(&self) -> bool {
        matches!(self.kind, Kind::Choice(_) | Kind::Multi(_))
    }

    /// The options of a pick-list that match what is typed: by Chinese text,
    /// pinyin initials, full pinyin or number (1-based), in list order.
    pub fn matches(&self) -> Vec<(usize, &Opt)> {
        let opts = match &self.kind {
            Kind::Choice(o) | Kind::Multi(o) => o,
            _ => return Vec::new(),
        };
        let q = self.text.trim().to_lowercase();
        opts.iter()
            .enumerate()
            .filter(|(i, o)| {
                q.is_empty()
                    || o.label.contains(&q)
                    || o.initials.contains(&q)
                    || o.full.starts_with(&q)
                    || o.code.to_lowercase().starts_with(&q) && q.len() > 1
                    || (q.bytes().all(|b| b.is_ascii_digit())
                        && (i + self.first_number).to_string().starts_with(&q))
            })
            .collect()
    }

    /// Does what is typed begin the option (its text, pinyin, initials or number)?
    pub(super) fn starts(&self, n: usize, o: &Opt) -> bool {
        let q = self.text.trim().to_lowercase();
        o.label.starts_with(&q)
            || o.initials.starts_with(&q)
            || o.full.starts_with(&q)
            || (n + self.first_number).to_string().starts_with(&q)
    }

    /// The field's value as one line of text (pick-lists: labels joined by 、).
    pub fn display(&self) -> String {
        match &self.kind {
            Kind::Choice(opts) | Kind::Multi(opts) => self
                .picked
                .iter()
                .map(|c| {
                    opts.iter()
                        .find(|o| &o.code == c)
                        .map_or(c.clone(), |o| o.label.clone())
                })
                .collect::<Vec<_>>()
                .join("、"),
            Kind::Notes(area) => area.lines().join(" ⏎ "),
            _ => self.typed(),
        }
    }

    /// The typed text as the screen shows it (a PIN as dots).
    pub fn typed(&self) -> String {
        match self.kind {
            Kind::Secret => "•".repeat(self.text.chars().count()),
            _ => self.text.clone(),
        }
    }

    /// The text of a notes field (lines joined by newlines) or the typed text.
    pub fn value(&self) -> String {
        match &self.kind {
            Kind::Notes(area) => area.lines().join("\n").trim_end().to_string(),
            _ => self.text.trim().to_string(),
        }
    }

    /// Sets the value (pick-lists by code; notes by text).
    pub fn set(&mut self, value: &str) {
        match &mut self.kind {
            Kind::Choice(_) => {
                self.picked = if value.is_empty() {
                    vec![]
                } else {
                    vec![value.to_string()]
                };
                self.text.clear();
            }
            Kind::Multi(_) => {
                self.picked = value
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                self.text.clear();
            }
            Kind::Notes(area) => {
                let mut fresh = TextArea::new(value.lines().map(String::from).collect());
                fresh.set_cursor_line_style(area.cursor_line_style());
                **area = fresh;
            }
            _ => {
                self.text = value.to_string();
                self.cursor = self.text.chars().count();
                self.fresh = !self.text.is_empty();
            }
        }
    }

    /// The picked code(s) joined by ',' (pick-lists), or the value.
    pub fn code(&self) -> String {
        if self.is_pick() {
            self.picked.join(",")
        } else {
            self.value()
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        if self.is_pick() {
            self.picked.is_empty()
        } else {
            self.value().is_empty()
        }
    }

    pub(super) fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub(super) fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// The cursor's column in cells from the start of the value.
    pub fn cursor_cells(&self) -> usize {
        text::width(&self.text[..self.byte_at(self.cursor)])
    }
}
