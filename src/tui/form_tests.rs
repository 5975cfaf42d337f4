//! The form's own tests: typing, moving, checking, drafts.

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
