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
            if f.free && !typed.is_empty() && f.matches().is_empty() {
                // A free pick-list keeps a new value typed in full.
                f.picked = vec![typed];
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
mod tests {
    use super::*;

    fn k(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    impl Form {
        /// A key with the action of the default form table.
        fn press(&mut self, ev: KeyEvent) -> Outcome {
            let (keys, _) = crate::tui::keymap::Keymap::load(
                &[("form", crate::tui::popups::form::KEYS.to_vec())],
                vec![vec!["form"]],
                None,
            );
            let action = keys.lookup(&["form"], &ev);
            self.key(ev, action)
        }
    }

    fn type_text(form: &mut Form, s: &str) {
        for c in s.chars() {
            form.press(k(KeyCode::Char(c)));
        }
    }

    fn form() -> Form {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let opts = vec![Opt::new("male", "男"), Opt::new("female", "女")];
        let cats = vec![
            Opt::new("orphan", "孤儿"),
            Opt::new("left_behind", "农村留守儿童"),
            Opt::new("single_parent", "单亲家庭儿童"),
        ];
        Form::new(
            "t".into(),
            vec![
                Field::new("name", "姓名", Kind::Text).required(),
                Field::new("id_number", "身份证号", Kind::IdNumber),
                Field::new("gender", "性别", Kind::Choice(opts)),
                Field::new("birth_date", "出生日期", Kind::Date { future: false }),
                Field::new("categories", "类别", Kind::Multi(cats)),
                Field::notes("notes", "备注"),
            ],
            today,
        )
    }

    #[test]
    fn an_id_number_fills_birth_date_and_gender_as_it_is_typed() {
        let mut f = form();
        type_text(&mut f, "张小明");
        f.press(k(KeyCode::Enter));
        type_text(&mut f, "51130420131224818");
        assert!(f.fields[1].note.as_deref().unwrap().contains('1'));
        type_text(&mut f, "1");
        assert_eq!(f.get("birth_date"), "2013-12-24");
        assert_eq!(f.get("gender"), "female");
        assert!(f.fields[1].note.as_deref().unwrap().contains("12"));
        f.press(k(KeyCode::Backspace));
        type_text(&mut f, "2");
        assert!(f.fields[1].error.as_deref().unwrap().contains("校验位"));
    }

    #[test]
    fn pick_lists_take_a_single_match_at_once() {
        let mut f = form();
        f.focus = 2;
        type_text(&mut f, "2");
        assert_eq!(f.get("gender"), "female", "number 2 is the only match");
        assert_eq!(f.focus, 3, "and the form moved on");
        f.focus = 4;
        type_text(&mut f, "ls");
        assert_eq!(f.get("categories"), "", "several choices wait for Enter");
        f.press(k(KeyCode::Enter));
        assert_eq!(
            f.get("categories"),
            "left_behind",
            "ls (留守) is the only match"
        );
        assert_eq!(f.focus, 4, "and the list stays for more");
        type_text(&mut f, "1");
        f.press(k(KeyCode::Enter));
        assert_eq!(f.get("categories"), "left_behind,orphan");
        type_text(&mut f, "1");
        f.press(k(KeyCode::Enter));
        assert_eq!(
            f.get("categories"),
            "left_behind",
            "a second pick toggles off"
        );
        type_text(&mut f, "儿童");
        assert_eq!(f.fields[4].matches().len(), 2);
        f.press(k(KeyCode::Down));
        f.press(k(KeyCode::Enter));
        assert_eq!(
            f.get("categories"),
            "left_behind,single_parent",
            "the highlighted one toggled on"
        );
    }

    #[test]
    fn text_typed_into_a_list_is_kept_and_refused() {
        let mut f = form();
        f.focus = 4;
        type_text(&mut f, "穿着单薄");
        f.press(k(KeyCode::Tab));
        assert_eq!(f.fields[4].text, "穿着单薄", "kept");
        assert!(f.fields[4].error.as_deref().unwrap().contains("穿着单薄"));
        assert!(!f.validate());
        assert_eq!(f.fields[4].text, "穿着单薄");
    }

    #[test]
    fn dates_take_shortcuts_and_refuse_the_future() {
        let mut f = form();
        f.focus = 3;
        type_text(&mut f, "-3");
        assert_eq!(f.fields[3].note.as_deref(), Some("2026-11-20"));
        f.press(k(KeyCode::Tab));
        assert_eq!(f.get("birth_date"), "2026-11-20");
        f.focus = 3;
        for _ in 0..10 {
            f.press(k(KeyCode::Backspace));
        }
        type_text(&mut f, "1231");
        assert!(
            f.fields[3].error.is_some(),
            "Dec 31 this year is after today"
        );
    }

    #[test]
    fn saving_is_refused_until_fixed_and_nothing_is_lost() {
        let mut f = form();
        f.focus = 1;
        type_text(&mut f, "123");
        assert!(!f.validate());
        assert_eq!(
            f.focus, 0,
            "the first field with a problem: the missing name"
        );
        assert_eq!(f.get("id_number"), "123", "what was typed stays");
        let snap = f.snapshot();
        let mut g = form();
        g.restore(&snap);
        assert_eq!(g.get("id_number"), "123");
    }

    #[test]
    fn notes_take_several_lines_and_paste_and_enter_moves_on() {
        let mut f = form();
        f.focus = 5;
        type_text(&mut f, "第一行");
        f.press(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
        f.paste("第二行");
        assert_eq!(f.get("notes"), "第一行\n第二行");
        assert_eq!(
            f.press(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Outcome::Save
        );
        // Enter in the last field, a note, saves; in an earlier one it moves on.
        assert_eq!(f.press(k(KeyCode::Enter)), Outcome::Save);
        let mut g = form();
        g.fields.push(Field::new("after", "后", Kind::Text));
        g.focus = 5;
        g.press(k(KeyCode::Enter));
        assert_eq!(g.focus, 6);
    }

    #[test]
    fn typing_replaces_a_value_put_there_and_ctrl_u_clears() {
        let mut f = form();
        f.set("birth_date", "2026-11-23");
        f.focus = 2;
        f.press(k(KeyCode::Enter));
        assert_eq!(f.focus, 3);
        type_text(&mut f, "1120");
        assert_eq!(f.fields[3].text, "1120", "replaced, not appended");
        f.press(k(KeyCode::Tab));
        assert_eq!(f.get("birth_date"), "2026-11-20");
        // Back on it: an arrow first means editing.
        f.press(KeyEvent::new(KeyCode::BackTab, KeyModifiers::NONE));
        f.press(KeyEvent::new(KeyCode::BackTab, KeyModifiers::NONE));
        f.press(k(KeyCode::Tab));
        f.press(k(KeyCode::End));
        f.press(k(KeyCode::Backspace));
        assert_eq!(f.fields[3].text, "2026-11-2");
        f.press(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(f.fields[3].text, "");
        type_text(&mut f, "t");
        assert_eq!(f.fields[3].note.as_deref(), Some("2026-11-23"));
    }

    #[test]
    fn the_id_number_fills_birth_and_gender_early_and_enter_passes_them() {
        let mut f = form();
        type_text(&mut f, "张小明");
        f.press(k(KeyCode::Enter));
        type_text(&mut f, "51130420131224");
        assert_eq!(f.get("birth_date"), "2013-12-24", "at 14 digits");
        type_text(&mut f, "818");
        assert_eq!(f.get("gender"), "female", "at 17 digits");
        type_text(&mut f, "1");
        f.press(k(KeyCode::Enter));
        assert_eq!(
            f.focus, 4,
            "gender and birth date were filled: Enter passes them"
        );
    }
}
