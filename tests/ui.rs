//! The terminal UI as a user sees it: screens drawn on ratatui's TestBackend
//! (snapshots at 80x24 and 120x40) and key sequences over an in-memory registry.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shouhu::store::Store;
use shouhu::tui::app::{App, Popup};
use shouhu::tui::keymap::{self, Screen};
use shouhu::tui::theme::Theme;
use shouhu::tui::view;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo_store(n: usize) -> Store {
    shouhu::store::fix_clock("2026-11-23T08:00:00Z");
    let mut s = Store::open_in_memory().unwrap();
    shouhu::demo::generate(&mut s, n, 7, today()).unwrap();
    s
}

fn app(n: usize) -> App {
    let mut a = App::new(demo_store(n), today(), Theme::default_theme()).unwrap();
    a.open_files = false;
    a.out_dir = std::env::temp_dir().join(format!("shouhu-ui-out-{}", std::process::id()));
    a
}

/// The screen as text, one line per row; a wide character's second cell is skipped.
fn render(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = shouhu::domain::text::width(sym).saturating_sub(1);
            out.push_str(if sym.is_empty() { " " } else { sym });
        }
        out.push('\n');
    }
    out
}

/// Presses keys: plain characters, or `<Enter>`, `<Esc>`, `<Tab>`, `<Down>`,
/// `<Up>`, `<BS>`, `<C-s>`, `<C-z>`.
fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while !rest.is_empty() {
        let (ev, len) = if let Some(end) = rest.strip_prefix('<').and_then(|r| r.find('>')) {
            let name = &rest[1..=end];
            let ev = match name {
                "Enter" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                "Tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
                "Down" => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
                "Right" => KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
                "Up" => KeyEvent::new(KeyCode::Up, KeyModifiers::NONE),
                "BS" => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                "C-s" => KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
                "C-z" => KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
                other => panic!("unknown key {other}"),
            };
            (ev, end + 2)
        } else {
            let c = rest.chars().next().unwrap();
            (
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                c.len_utf8(),
            )
        };
        let done = app.key(ev);
        app.report(done);
        let done = app.run_pending();
        app.report(done);
        rest = &rest[len..];
    }
}

#[test]
fn every_screen_at_80x24_and_120x40() {
    let mut a = app(60);
    for (i, screen) in Screen::ALL.iter().enumerate() {
        press(&mut a, &(i + 1).to_string());
        assert_eq!(a.screen, *screen);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("screen_{}_{w}x{h}", i + 1), render(&a, w, h));
        }
    }
    press(&mut a, "1?");
    insta::assert_snapshot!("help_today_80x24", render(&a, 80, 24));
    press(&mut a, "<Esc>2v");
    insta::assert_snapshot!("visit_form_80x24", render(&a, 80, 24));
}

#[test]
fn every_screen_shows_its_keys() {
    let mut a = app(20);
    for (i, screen) in Screen::ALL.iter().enumerate() {
        press(&mut a, &(i + 1).to_string());
        let text = render(&a, 80, 24);
        let hints = text.lines().nth(22).unwrap();
        for b in keymap::screen_bindings(*screen)
            .iter()
            .chain(keymap::GLOBAL)
            .filter(|b| b.hint)
        {
            assert!(
                hints.contains(&b.keys[0].label()),
                "{screen:?}: {} missing from {hints:?}",
                b.keys[0].label()
            );
        }
        // And the help screen lists every key of the screen, even at 80x24.
        press(&mut a, "?");
        let help = render(&a, 80, 24);
        for b in keymap::GLOBAL
            .iter()
            .filter(|b| !matches!(b.action, keymap::Action::GoTo(_)))
        {
            assert!(
                help.contains(&b.keys[0].label()),
                "{screen:?} help lacks {}",
                b.keys[0].label()
            );
        }
        for b in keymap::screen_bindings(*screen) {
            assert!(
                help.contains(&b.keys[0].label()),
                "{screen:?} help lacks {}",
                b.keys[0].label()
            );
        }
        press(&mut a, "<Esc>");
    }
}

#[test]
fn a_tiny_terminal_gets_a_notice_not_a_panic() {
    let a = app(10);
    let text = render(&a, 30, 8);
    assert!(text.contains("窗口太小"), "{text}");
    let text = render(&a, 79, 24);
    assert!(text.contains("80"), "{text}");
}

#[test]
fn typing_a_child_with_an_id_number_fills_birth_date_and_gender() {
    let mut a = app(20);
    press(&mut a, "n张小明<Enter>511304201312248181");
    let text = render(&a, 80, 24);
    assert!(text.contains("2013-12-24"), "{text}");
    // Gender and birth date were filled; go on to the village and categories.
    press(
        &mut a,
        "<Enter><Enter><Enter><Enter><Enter>白果村<Enter><Enter><Enter>孤儿<Enter><C-s>",
    );
    assert!(
        a.popups.is_empty(),
        "saved and closed: {}",
        render(&a, 80, 24)
    );
    let id = a
        .store
        .find_child("511304201312248181", "", None, "")
        .unwrap()
        .expect("the child is registered");
    let c = a.store.child(id).unwrap().unwrap();
    assert_eq!(c.birth_date, NaiveDate::from_ymd_opt(2013, 12, 24));
    assert_eq!(c.gender, Some(shouhu::domain::Gender::Female));
    assert_eq!(c.village, "白果村");
    assert_eq!(c.categories, vec![shouhu::domain::Category::Orphan]);
    // The case file is shown, and pinyin initials find her.
    assert_eq!(a.screen, Screen::Cases);
    press(&mut a, "/zxm<Enter>");
    let text = render(&a, 80, 24);
    assert!(text.contains("张小明"), "{text}");
    assert_eq!(a.current_child(), Some(id));
}

#[test]
fn a_wrong_id_number_refuses_the_save_and_keeps_everything() {
    let mut a = app(10);
    press(&mut a, "n李四<Enter>511304201312248182<C-s>");
    let text = render(&a, 80, 24);
    assert!(text.contains("校验位"), "{text}");
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))),
        "still in the form"
    );
    assert!(text.contains("511304201312248182"), "nothing typed is lost");
}

#[test]
fn recording_a_visit_takes_the_child_off_the_overdue_list() {
    let mut a = app(60);
    let first = a.today_list[0];
    let child = a.triage[first].child_id;
    assert!(
        a.triage[first].due.overdue_days > 0,
        "the top of the triage is overdue"
    );
    press(&mut a, "v");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
    press(&mut a, "<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let row = &a.triage[a.due_at[&child]];
    assert_eq!(row.due.last_visit, Some(today()));
    assert!(row.due.overdue_days < 0);
    let overdue_now: Vec<i64> = a
        .today_list
        .iter()
        .filter(|&&i| a.triage[i].due.overdue_days > 0)
        .map(|&i| a.triage[i].child_id)
        .collect();
    assert!(!overdue_now.contains(&child));
    assert!(render(&a, 80, 24).contains("走访已保存"));
    // Ctrl-Z takes the visit back.
    press(&mut a, "<C-z>");
    assert!(a.triage[a.due_at[&child]].due.overdue_days > 0);
}

#[test]
fn visit_form_takes_date_shortcuts_and_refuses_the_future() {
    let mut a = app(20);
    let child = a.triage[a.today_list[0]].child_id;
    press(&mut a, "v");
    for _ in 0..10 {
        press(&mut a, "<BS>");
    }
    press(&mut a, "1231<C-s>");
    let text = render(&a, 80, 24);
    assert!(text.contains("晚于今天"), "{text}");
    // The refused date was written out in full (2026-12-31): clear it.
    for _ in 0..10 {
        press(&mut a, "<BS>");
    }
    press(&mut a, "-3<C-s>");
    assert!(a.popups.is_empty());
    let visits = a.store.visits_of(child).unwrap();
    assert_eq!(
        visits[0].date,
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    );
}

#[test]
fn esc_on_a_changed_form_asks_and_drafts_survive_a_crash() {
    let mut a = app(10);
    press(&mut a, "n王五");
    press(&mut a, "<Esc>");
    assert!(matches!(a.popups.last(), Some(Popup::Ask { .. })));
    press(&mut a, "n");
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))),
        "n keeps the form"
    );
    press(&mut a, "<Tab>51130420");
    // The program dies here: nothing is saved but the draft.
    let store = a.store;
    let mut b = App::new(store, today(), Theme::default_theme()).unwrap();
    assert!(
        matches!(b.popups.last(), Some(Popup::Ask { .. })),
        "the draft is offered back"
    );
    press(&mut b, "y");
    let text = render(&b, 80, 24);
    assert!(text.contains("王五") && text.contains("51130420"), "{text}");
    press(&mut b, "<Esc>y");
    assert!(b.popups.is_empty());
    assert!(
        b.store.drafts().unwrap().is_empty(),
        "a discarded form leaves no draft"
    );
}

#[test]
fn search_keystroke_by_initials_full_pinyin_and_id() {
    let mut a = app(60);
    let target = a.cases[7].clone();
    press(&mut a, "2/");
    press(&mut a, &target.name_initials);
    assert!(a.shown.iter().any(|&i| a.cases[i].id == target.id));
    assert!(
        a.shown
            .iter()
            .all(|&i| a.cases[i].name_initials.contains(&target.name_initials))
    );
    press(&mut a, "<Esc>/");
    press(&mut a, &target.name_full);
    assert!(a.shown.iter().any(|&i| a.cases[i].id == target.id));
    if target.id_number.len() == 18 {
        press(&mut a, "<Esc>/");
        press(&mut a, &target.id_number[10..16]);
        assert_eq!(a.shown.len(), 1);
    }
}

#[test]
fn a_broken_theme_is_reported_and_the_default_used() {
    let dir = std::env::temp_dir().join(format!("shouhu-ui-theme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.toml"), "[text\nfg = ").unwrap();
    let (theme, warning) = Theme::load("broken", Some(&dir));
    assert_eq!(theme, Theme::default_theme());
    assert!(warning.is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_first_run_asks_for_the_officer_and_township() {
    shouhu::store::fix_clock("2026-11-23T08:00:00Z");
    let store = Store::open_in_memory().unwrap();
    let mut a = App::new(store, today(), Theme::default_theme()).unwrap();
    let text = render(&a, 80, 24);
    assert!(text.contains("欢迎使用守护"), "{text}");
    press(&mut a, "王主任<Enter><C-s>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))),
        "the township is required"
    );
    assert!(render(&a, 80, 24).contains("必填"));
    press(&mut a, "石门镇<Enter>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert_eq!(
        a.store.setting("officer").unwrap().as_deref(),
        Some("王主任")
    );
    assert!(render(&a, 80, 24).contains("石门镇 王主任"));
}

#[test]
fn a_new_village_is_typed_in_full() {
    let mut a = app(10);
    // The gender is one keystroke (1 = 男) and moves on by itself.
    press(
        &mut a,
        "n赵六<Enter><Enter>120150301<Enter><Enter><Enter>新建村<Enter><Enter><Enter>1<Enter><C-s>",
    );
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let c = a.detail.as_ref().map(|(c, _, _)| c.clone()).unwrap();
    assert_eq!((c.name.as_str(), c.village.as_str()), ("赵六", "新建村"));
    assert_eq!(c.gender, Some(shouhu::domain::Gender::Male));
    assert!(a.store.villages().unwrap().contains(&"新建村".to_string()));
}

#[test]
fn print_a_worklist_then_type_the_returned_sheet_back_in_printed_order() {
    let mut a = app(80);
    press(&mut a, "6");
    let text = render(&a, 80, 24);
    assert!(text.contains("2026-W48"), "{text}");
    let preview_rows = a.rep_doc.as_ref().unwrap().row_count();
    assert!(preview_rows > 3);
    press(&mut a, "p");
    let printed = a.store.printed_worklists().unwrap();
    assert_eq!(printed.len(), 1);
    let rows = a.store.worklist_rows(printed[0].id).unwrap();
    assert_eq!(rows.len(), preview_rows);
    let html = std::fs::read_dir(&a.out_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with(".html"))
        .expect("the html worklist was written");
    let page = std::fs::read_to_string(html.path()).unwrap();
    assert!(page.contains("2026-W48"));
    assert!(render(&a, 80, 24).contains("已写入"));

    // The sheet comes back: first visited, second not, third visited.
    press(&mut a, "3b");
    assert!(matches!(a.popups.last(), Some(Popup::Pick(_))));
    press(&mut a, "<Enter>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Batch)),
        "{}",
        render(&a, 80, 24)
    );
    let card = render(&a, 80, 24);
    let first_name = a.store.child(rows[0]).unwrap().unwrap().name;
    assert!(
        card.contains(&first_name) && card.contains("第 1/"),
        "{card}"
    );
    press(&mut a, "<Enter>");
    assert!(render(&a, 80, 24).contains(&first_name));
    press(&mut a, "<C-s>s<Enter><C-s><Esc>");
    let summary = render(&a, 80, 24);
    assert!(summary.contains("录入走访 2 名，跳过 1 名"), "{summary}");
    press(&mut a, "<Enter>");
    assert!(a.popups.is_empty() && a.batch.is_none());
    let visited = |id: i64| {
        a.store
            .visits_of(id)
            .unwrap()
            .iter()
            .any(|v| v.date == today())
    };
    assert!(visited(rows[0]));
    assert!(!visited(rows[1]));
    assert!(visited(rows[2]));
    // Opened again, the sheet goes on at the first child not yet entered, and
    // the same visit cannot be typed twice.
    press(&mut a, "b<Enter>");
    assert_eq!(a.batch.as_ref().map(|b| b.pos), Some(1));
    assert!(!render(&a, 80, 24).contains("本周已有走访"));
    press(&mut a, "s");
    assert!(
        render(&a, 80, 24).contains("本周已有走访"),
        "the third child was entered before"
    );
    press(&mut a, "<Esc><Enter>");
    a.open_case(rows[0]);
    press(&mut a, "v<C-s>");
    let text = render(&a, 80, 24);
    assert!(text.contains("已有一条"), "{text}");
    let _ = std::fs::remove_dir_all(&a.out_dir);
}

#[test]
fn the_report_preview_moves_by_quarter_and_exports_are_masked() {
    let mut a = app(40);
    press(&mut a, "6r");
    assert!(render(&a, 80, 24).contains("2026Q4"));
    press(&mut a, "[");
    assert!(render(&a, 80, 24).contains("2026Q3"));
    press(&mut a, "]]");
    assert!(render(&a, 80, 24).contains("2027Q1"));
    let before = render(&a, 80, 24);
    press(&mut a, "<Right><Right>");
    assert_ne!(render(&a, 80, 24), before, "the columns scrolled");
    press(&mut a, "r");
    assert!(render(&a, 80, 24).contains("2027H1"));
    press(&mut a, "r");
    assert!(render(&a, 80, 24).contains("报表 2027"));
    press(&mut a, "r");
    assert!(
        render(&a, 80, 24).contains("2026-W48"),
        "back to the worklist"
    );
    press(&mut a, "r");
    press(&mut a, "x");
    let csv = std::fs::read_dir(&a.out_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("children-"))
        .expect("the export was written");
    let text = std::fs::read_to_string(csv.path()).unwrap();
    assert!(text.contains("********"), "ID numbers are masked");
    press(&mut a, "b");
    let text = render(&a, 80, 24);
    assert!(text.contains("已备份到"), "{text}");
    let _ = std::fs::remove_dir_all(&a.out_dir);
}

#[test]
fn tab_moves_to_the_case_file_and_arrows_scroll_it() {
    let mut a = app(30);
    press(&mut a, "2");
    let name = a.detail.as_ref().unwrap().0.name.clone();
    let sel = a.case_sel;
    press(&mut a, "<Tab><Down><Down>");
    assert_eq!(a.case_sel, sel, "the list stays");
    let text = render(&a, 80, 24);
    let file_top = text.lines().nth(2).unwrap();
    assert!(!file_top.contains(&format!("│{name}  ")), "{text}");
    press(&mut a, "<Tab><Down>");
    assert_eq!(a.case_sel, sel + 1);
    assert_eq!(a.detail_scroll, 0, "a new child's file starts at the top");
}

#[test]
fn pop_up_lists_take_arrows_and_enter() {
    let mut a = app(60);
    let villages = a.store.villages().unwrap();
    press(&mut a, "2f<Down><Down><Enter>");
    assert!(a.popups.is_empty());
    assert_eq!(
        a.filters.village.as_ref(),
        Some(&villages[1]),
        "the second village (after 全部)"
    );
    assert!(a.shown.iter().all(|&i| a.cases[i].village == villages[1]));
    press(&mut a, "x");
    assert_eq!(a.filters.village, None);
}

#[test]
fn a_locked_database_is_said_plainly_and_typing_goes_on() {
    shouhu::store::fix_clock("2026-11-23T08:00:00Z");
    let dir = std::env::temp_dir().join(format!("shouhu-ui-lock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("lock.db");
    let mut store = Store::open(&db).unwrap();
    shouhu::demo::generate(&mut store, 10, 1, today()).unwrap();
    let mut a = App::new(store, today(), Theme::default_theme()).unwrap();
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;")
        .unwrap();
    press(&mut a, "n周");
    let text = render(&a, 80, 24);
    assert!(text.contains("正被另一个程序使用"), "{text}");
    assert!(text.contains("周"), "what was typed stays in the form");
    holder.execute_batch("ROLLBACK").unwrap();
    press(&mut a, "一");
    assert!(
        a.store.drafts().unwrap().len() == 1,
        "the draft is written once the lock is gone"
    );
    drop(a);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_child_leaves_the_register_from_the_edit_form() {
    let mut a = app(20);
    press(&mut a, "2");
    let id = a.current_child().unwrap();
    press(&mut a, "e");
    for _ in 0..35 {
        press(&mut a, "<Tab>");
    }
    press(&mut a, "2t<Enter>年满18岁<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let c = a.store.child(id).unwrap().unwrap();
    assert_eq!(c.status, shouhu::domain::ChildStatus::Exited);
    assert_eq!(c.exit_date, Some(today()));
    assert_eq!(c.exit_reason, "年满18岁");
    assert!(!a.due_at.contains_key(&id), "an exited child is never due");
    // The saved file stays in view: the list now shows every status.
    assert_eq!(a.current_child(), Some(id));
    assert_eq!(a.filters.status, None);
    assert!(render(&a, 80, 24).contains("已退出"));
}
