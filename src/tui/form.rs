//! The form: a focus over fields that validate as they are typed, in the order
//! of the paper form. Forms know nothing of children or visits; `forms.rs` says
//! which fields each form has and turns them into case files and visits.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::{Map, Value};

use super::action::Action;
use crate::domain::date::{self, DateError};
use crate::domain::{Gender, idnum};
use crate::i18n::{M, t, tf};

pub use super::field::{Field, Kind, Opt};

/// What a key did to the form, for the app to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing the app must know of.
    Nothing,
    /// A value changed (the draft is written).
    Changed,
    /// Save asked (Ctrl-S, or Enter on the last field).
    Save,
    /// Esc.
    Cancel,
}

#[derive(Debug)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub dirty: bool,
    /// A message on the form's last line (why saving was refused).
    pub message: Option<String>,
    pub today: NaiveDate,
}

impl Form {
    pub fn new(title: String, fields: Vec<Field>, today: NaiveDate) -> Form {
        Form {
            title,
            fields,
            focus: 0,
            dirty: false,
            message: None,
            today,
        }
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// The value of a field ("" when there is no such field).
    pub fn get(&self, key: &str) -> String {
        self.field(key).map(Field::code).unwrap_or_default()
    }

    /// Sets a field and checks it again.
    pub fn set(&mut self, key: &str, value: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.fields[i].set(value);
            self.check(i);
        }
    }

    /// Handles one key, with the action the form's binding table gives it:
    /// the focused field keeps the keys it edits with (a multi-line note its
    /// Enter and arrows, a filtered pick-list its arrows and Enter); the table
    /// moves between fields and saves.
    pub fn key(&mut self, ev: KeyEvent, action: Option<Action>) -> Outcome {
        match action {
            Some(Action::Save) => return Outcome::Save,
            Some(Action::Cancel) => return Outcome::Cancel,
            _ => {}
        }
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.focus + 1 == self.fields.len();
        let i = self.focus;
        let notes = matches!(self.fields[i].kind, Kind::Notes(_));
        let pick = self.fields[i].is_pick();
        let filtering = pick && !self.fields[i].text.is_empty();
        // A filtered pick-list keeps its arrows and Enter; a note its arrows.
        let kept = if notes {
            matches!(ev.code, KeyCode::Up | KeyCode::Down)
        } else {
            filtering && matches!(ev.code, KeyCode::Up | KeyCode::Down | KeyCode::Enter)
        };
        if !kept {
            match action {
                Some(Action::NextField) => return self.next(),
                Some(Action::Advance) if self.last_to_fill() || last => return Outcome::Save,
                Some(Action::Advance) => return self.advance(),
                Some(Action::PrevField) => return self.prev(),
                Some(Action::ClearField) => return self.clear(i),
                Some(Action::AllOk) => return self.all_ok(),
                _ => {}
            }
        }
        if let Kind::Notes(area) = &mut self.fields[i].kind {
            if action == Some(Action::NewLine) {
                area.insert_newline();
                self.dirty = true;
                return Outcome::Changed;
            }
            // The text widget's own undo and its Enter are not the form's.
            if ctrl && matches!(ev.code, KeyCode::Char('z' | 'm' | 'j'))
                || ev.code == KeyCode::Enter
            {
                return Outcome::Nothing;
            }
            return if area.input(ev) {
                self.dirty = true;
                Outcome::Changed
            } else {
                Outcome::Nothing
            };
        }
        // Moving the cursor first means editing the value, not replacing it.
        if matches!(
            ev.code,
            KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End
        ) {
            self.fields[i].fresh = false;
        }
        // A value put there is replaced by the first character typed.
        if self.fields[i].fresh
            && !pick
            && (matches!(ev.code, KeyCode::Char(_)) && !ctrl || ev.code == KeyCode::Backspace)
        {
            let f = &mut self.fields[i];
            f.text.clear();
            f.cursor = 0;
            f.fresh = false;
            if ev.code == KeyCode::Backspace {
                return self.edited(i);
            }
        }
        match ev.code {
            KeyCode::Down if filtering => {
                let n = self.fields[i].matches().len();
                let f = &mut self.fields[i];
                f.highlight = (f.highlight + 1).min(n.saturating_sub(1));
                Outcome::Nothing
            }
            KeyCode::Up if filtering => {
                let f = &mut self.fields[i];
                f.highlight = f.highlight.saturating_sub(1);
                Outcome::Nothing
            }
            KeyCode::Enter if filtering => {
                let code = self.fields[i]
                    .matches()
                    .get(self.fields[i].highlight)
                    .map(|(_, o)| o.code.clone());
                match code {
                    Some(code) => self.take(i, code),
                    None if self.fields[i].free => {
                        let typed = self.fields[i].text.trim().to_string();
                        self.take(i, typed)
                    }
                    None => Outcome::Nothing,
                }
            }
            KeyCode::Backspace => {
                let f = &mut self.fields[i];
                if pick && f.text.is_empty() {
                    f.picked.pop();
                } else if f.cursor > 0 {
                    f.cursor -= 1;
                    let at = f.byte_at(f.cursor);
                    f.text.remove(at);
                } else {
                    return Outcome::Nothing;
                }
                self.edited(i)
            }
            KeyCode::Delete => {
                let f = &mut self.fields[i];
                if f.cursor < f.text.chars().count() {
                    let at = f.byte_at(f.cursor);
                    f.text.remove(at);
                    self.edited(i)
                } else {
                    Outcome::Nothing
                }
            }
            KeyCode::Left => {
                let f = &mut self.fields[i];
                f.cursor = f.cursor.saturating_sub(1);
                Outcome::Nothing
            }
            KeyCode::Right => {
                let f = &mut self.fields[i];
                f.cursor = (f.cursor + 1).min(f.text.chars().count());
                Outcome::Nothing
            }
            KeyCode::Home => {
                self.fields[i].cursor = 0;
                Outcome::Nothing
            }
            KeyCode::End => {
                let f = &mut self.fields[i];
                f.cursor = f.text.chars().count();
                Outcome::Nothing
            }
            KeyCode::Char(c) if !ctrl => {
                self.fields[i].insert(c);
                self.fields[i].highlight = 0;
                // One match left, by the start of its words or its number: a
                // single choice takes it at once. Several choices wait for Enter.
                let f = &self.fields[i];
                if matches!(f.kind, Kind::Choice(_)) && !f.free {
                    let only = f.matches();
                    if let [(n, opt)] = only.as_slice()
                        && f.starts(*n, opt)
                    {
                        let code = opt.code.clone();
                        return self.take(i, code);
                    }
                }
                self.edited(i)
            }
            _ => Outcome::Nothing,
        }
    }

    /// Pastes text into the focused field.
    pub fn paste(&mut self, text: &str) -> Outcome {
        let i = self.focus;
        if let Kind::Notes(area) = &mut self.fields[i].kind {
            area.insert_str(text);
        } else {
            for c in text.chars().filter(|c| !c.is_control()) {
                self.fields[i].insert(c);
            }
        }
        self.edited(i)
    }

    /// Picks (or, in a multi-list, toggles) an option and moves on.
    fn take(&mut self, i: usize, code: String) -> Outcome {
        let f = &mut self.fields[i];
        f.text.clear();
        f.cursor = 0;
        f.highlight = 0;
        match f.kind {
            Kind::Multi(_) => {
                if let Some(at) = f.picked.iter().position(|c| *c == code) {
                    f.picked.remove(at);
                } else {
                    f.picked.push(code);
                }
                self.edited(i)
            }
            _ => {
                f.picked = vec![code];
                self.edited(i);
                self.advance();
                Outcome::Changed
            }
        }
    }

    /// Empties the focused field (Ctrl-U).
    fn clear(&mut self, i: usize) -> Outcome {
        let f = &mut self.fields[i];
        f.text.clear();
        f.cursor = 0;
        f.fresh = false;
        f.filled = false;
        if f.is_pick() {
            f.picked.clear();
        }
        if let Kind::Notes(_) = f.kind {
            f.set("");
        }
        self.edited(i)
    }

    /// Marks every finding not yet marked as 正常, the focus staying.
    pub fn mark_all_ok(&mut self) {
        let focus = self.focus;
        self.all_ok();
        self.focus = focus;
    }

    /// Marks every finding not yet marked (the choices whose key begins with
    /// `f_`) as 正常 and goes on after the last of them.
    fn all_ok(&mut self) -> Outcome {
        let findings: Vec<usize> = (0..self.fields.len())
            .filter(|&i| {
                self.fields[i].key.starts_with("f_")
                    && matches!(self.fields[i].kind, Kind::Choice(_))
            })
            .collect();
        let Some(&last) = findings.last() else {
            return Outcome::Nothing;
        };
        for &i in &findings {
            if self.fields[i].picked.is_empty() {
                self.fields[i].set("1");
                self.check(i);
            }
        }
        self.dirty = true;
        self.leave(self.focus);
        self.focus = last;
        self.advance();
        Outcome::Changed
    }

    /// Whether no field after the focused one would stop Enter: Enter saves.
    fn last_to_fill(&self) -> bool {
        (self.focus + 1..self.fields.len()).all(|i| self.passed_over(i))
    }

    /// Whether Enter passes over field `i`.
    fn passed_over(&self, i: usize) -> bool {
        let f = &self.fields[i];
        f.filled || f.skip_when.is_some_and(|(key, code)| self.get(key) == code)
    }

    /// Enter: the next field that is not passed over.
    fn advance(&mut self) -> Outcome {
        self.leave(self.focus);
        let next = (self.focus + 1..self.fields.len()).find(|&i| !self.passed_over(i));
        self.focus = next.unwrap_or(self.fields.len() - 1);
        self.arrive();
        Outcome::Nothing
    }

    /// Focus comes to a field: a value in it is ready to be replaced.
    fn arrive(&mut self) {
        let f = &mut self.fields[self.focus];
        if !f.text.is_empty() && !f.is_pick() {
            f.fresh = true;
            f.cursor = f.text.chars().count();
        }
    }

    fn edited(&mut self, i: usize) -> Outcome {
        self.dirty = true;
        self.message = None;
        self.check(i);
        Outcome::Changed
    }

    fn next(&mut self) -> Outcome {
        self.leave(self.focus);
        self.focus = (self.focus + 1).min(self.fields.len() - 1);
        self.arrive();
        Outcome::Nothing
    }

    fn prev(&mut self) -> Outcome {
        self.leave(self.focus);
        self.focus = self.focus.saturating_sub(1);
        self.arrive();
        Outcome::Nothing
    }

    /// Leaving a field: a pick-list's stray filter is dropped, a date is written out.
    fn leave(&mut self, i: usize) {
        let today = self.today;
        let f = &mut self.fields[i];
        // Text typed into a list that took nothing stays, with an error:
        // nothing typed is thrown away.
        let mut stray = None;
        if f.is_pick() {
            let typed = f.text.trim().to_string();
            if f.free && !typed.is_empty() {
                // A free pick-list takes an option written out in full, and
                // keeps any other value as typed.
                let exact = match &f.kind {
                    Kind::Choice(opts) => opts
                        .iter()
                        .find(|o| o.label == typed || o.code == typed)
                        .map(|o| o.code.clone()),
                    _ => None,
                };
                f.picked = vec![exact.unwrap_or(typed)];
                f.text.clear();
                f.cursor = 0;
            } else if !typed.is_empty() {
                stray = Some(typed);
            }
        }
        if let Kind::Date { .. } = f.kind
            && let Ok(d) = date::parse(&f.text, today)
        {
            f.text = date::iso(d);
            f.cursor = f.text.chars().count();
        }
        self.check(i);
        if let Some(typed) = stray {
            self.fields[i].error = Some(tf(M::PickUnmatched, &[&typed]));
        }
    }

    /// Checks one field; an ID number fills birth date and gender.
    pub fn check(&mut self, i: usize) {
        let today = self.today;
        let f = &mut self.fields[i];
        f.error = None;
        f.note = None;
        let value = f.value();
        match f.kind {
            Kind::Date { future } if !value.is_empty() => match date::parse(&value, today) {
                Ok(d) if d > today && !future => {
                    f.error = Some(tf(M::DateFuture, &[&date::iso(d)]));
                }
                Ok(d) => f.note = Some(date::iso(d)),
                Err(DateError::NoSuchDay) => f.error = Some(tf(M::DateNoSuchDay, &[&value])),
                Err(DateError::Unreadable) => f.error = Some(t(M::FormDateHelp).into()),
            },
            Kind::IdNumber if !value.is_empty() => {
                let n = value.chars().count();
                if n < 18 {
                    f.note = Some(tf(M::FormIdTyped, &[&n]));
                    // The birth date is in digits 7–14, the gender in the 17th:
                    // filled as soon as they are typed.
                    let digits: Vec<char> = value.chars().collect();
                    let birth: String = digits
                        .get(6..14)
                        .map(|d| d.iter().collect())
                        .unwrap_or_default();
                    if let Ok(day) = chrono::NaiveDate::parse_from_str(&birth, "%Y%m%d")
                        && day <= today
                    {
                        self.fill("birth_date", &date::iso(day));
                    }
                    if let Some(d) = digits.get(16).and_then(|c| c.to_digit(10)) {
                        let gender = if d % 2 == 1 {
                            Gender::Male
                        } else {
                            Gender::Female
                        };
                        self.fill("gender", gender.code());
                    }
                    return;
                }
                match idnum::parse(&value) {
                    Ok(id) => {
                        let age = crate::domain::child::age_between(id.birth_date, today);
                        f.note = Some(tf(
                            M::FormIdFilled,
                            &[&date::iso(id.birth_date), &id.gender.label(), &age],
                        ));
                        let birth = date::iso(id.birth_date);
                        let gender = id.gender.code();
                        self.fill("birth_date", &birth);
                        self.fill("gender", gender);
                    }
                    Err(e) => f.error = Some(e.message()),
                }
            }
            _ => {}
        }
    }

    /// Sets a field filled from another (the ID number's birth date and gender).
    fn fill(&mut self, key: &str, value: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.fields[i].set(value);
            self.fields[i].filled = true;
            self.fields[i].error = None;
            if matches!(self.fields[i].kind, Kind::Date { .. }) {
                self.fields[i].note = Some(value.to_string());
            }
        }
    }

    /// Checks every field; focuses the first with a problem. True when all is well.
    pub fn validate(&mut self) -> bool {
        for i in 0..self.fields.len() {
            self.leave(i);
            let f = &mut self.fields[i];
            if f.error.is_none() && f.required && f.is_empty() {
                f.error = Some(t(M::Required).into());
            }
            if f.error.is_none()
                && f.key == "id_number"
                && f.value().chars().count() != 18
                && !f.value().is_empty()
            {
                f.error = Some(tf(M::IdLength, &[&f.value().chars().count()]));
            }
        }
        match self.fields.iter().position(|f| f.error.is_some()) {
            Some(i) => {
                self.focus = i;
                self.message = Some(tf(M::FormRefused, &[&self.fields[i].label]));
                false
            }
            None => true,
        }
    }

    /// Adds an error to a field after a check the form cannot make itself.
    pub fn refuse(&mut self, key: &str, reason: String) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.fields[i].error = Some(reason);
            self.focus = i;
            self.message = Some(tf(M::FormRefused, &[&self.fields[i].label]));
        }
    }

    /// Everything typed, for the draft.
    pub fn snapshot(&self) -> Value {
        let mut map = Map::new();
        for f in self
            .fields
            .iter()
            .filter(|f| !matches!(f.kind, Kind::Secret))
        {
            let v = if f.is_pick() { f.code() } else { f.value() };
            map.insert(f.key.to_string(), Value::String(v));
        }
        map.insert("__focus".into(), Value::from(self.focus));
        Value::Object(map)
    }

    /// Puts a draft back.
    pub fn restore(&mut self, draft: &Value) {
        for i in 0..self.fields.len() {
            if let Some(v) = draft.get(self.fields[i].key).and_then(Value::as_str) {
                self.fields[i].set(v);
                self.check(i);
            }
        }
        if let Some(f) = draft.get("__focus").and_then(Value::as_u64) {
            self.focus = (f as usize).min(self.fields.len().saturating_sub(1));
        }
        // The officer was typing in that field: typing goes on where it stopped.
        self.fields[self.focus].fresh = false;
        self.dirty = true;
    }

    /// The gender an ID number gives, if it is complete and valid.
    pub fn id_gender(&self) -> Option<Gender> {
        idnum::parse(&self.get("id_number"))
            .ok()
            .map(|id| id.gender)
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
