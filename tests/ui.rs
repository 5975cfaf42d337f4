//! The terminal UI as a user sees it: screens drawn on ratatui's TestBackend
//! (snapshots at 80x24 and 120x40) and key sequences over an in-memory registry.

#[path = "common/ui.rs"]
mod ui_common;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shouhu::store::Store;
use shouhu::tui::action::Action;
use shouhu::tui::app::App;
use shouhu::tui::popups::Popup;
use shouhu::tui::screens::ScreenId;
use shouhu::tui::theme::Theme;
use ui_common::{app, demo_store, press, render, tab_to, today};

#[test]
fn every_screen_at_80x24_and_120x40() {
    let mut a = app(60);
    for (i, screen) in ScreenId::ALL.iter().enumerate() {
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
    for (i, screen) in ScreenId::ALL.iter().enumerate() {
        press(&mut a, &(i + 1).to_string());
        let text = render(&a, 80, 24);
        let hints = text.lines().nth(22).unwrap();
        for (key, _) in a.ctx.keys.hints(&screen.chain()) {
            assert!(
                hints.contains(&key),
                "{screen:?}: {key} missing from {hints:?}"
            );
        }
        // And the help screen lists every key of the screen, even at 80x24.
        press(&mut a, "?");
        let help = render(&a, 80, 24);
        let global = a.ctx.keys.table("global");
        let own = a.ctx.keys.table(screen.name());
        for b in global
            .iter()
            .filter(|b| !matches!(b.action, Action::GoTo(_)))
            .chain(own)
        {
            assert!(
                help.contains(&b.label()),
                "{screen:?} help lacks {}",
                b.label()
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
    // Gender and birth date were filled: Enter passes them on the way to the
    // village and the categories.
    press(
        &mut a,
        "<Enter><Enter><Enter>白果村<Enter><Enter><Enter>孤儿<Enter><C-s>",
    );
    assert!(
        a.popups.is_empty(),
        "saved and closed: {}",
        render(&a, 80, 24)
    );
    let id = a
        .ctx
        .store
        .find_child("511304201312248181", "", None, "")
        .unwrap()
        .expect("the child is registered");
    let c = a.ctx.store.child(id).unwrap().unwrap();
    assert_eq!(c.birth_date, NaiveDate::from_ymd_opt(2013, 12, 24));
    assert_eq!(c.gender, Some(shouhu::domain::Gender::Female));
    assert_eq!(c.village, "白果村");
    assert_eq!(c.categories, vec![shouhu::domain::Category::Orphan]);
    // The case file is shown, and pinyin initials find her.
    assert_eq!(a.screen, ScreenId::Cases);
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
    let first = a.screens.today.list[0];
    let child = a.ctx.reg.triage[first].child_id;
    assert!(
        a.ctx.reg.triage[first].due.overdue_days > 0,
        "the top of the triage is overdue"
    );
    press(&mut a, "v");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
    press(&mut a, "<C-s>");
    // Nothing written on a home visit: asked once, Enter says 情况正常.
    assert!(render(&a, 80, 24).contains("情况正常"));
    press(&mut a, "<Enter>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let saved = &a.ctx.store.visits_of(child).unwrap()[0];
    assert!(
        saved.findings.iter().all(|f| f.ok == Some(true)),
        "all six 正常"
    );
    let row = &a.ctx.reg.triage[a.ctx.reg.due_at[&child]];
    assert_eq!(row.due.last_visit, Some(today()));
    assert!(row.due.overdue_days < 0);
    let overdue_now: Vec<i64> = a
        .screens
        .today
        .list
        .iter()
        .filter(|&&i| a.ctx.reg.triage[i].due.overdue_days > 0)
        .map(|&i| a.ctx.reg.triage[i].child_id)
        .collect();
    assert!(!overdue_now.contains(&child));
    assert!(render(&a, 80, 24).contains("走访已保存"));
    // Ctrl-Z takes the visit back.
    press(&mut a, "<C-z>");
    assert!(a.ctx.reg.triage[a.ctx.reg.due_at[&child]].due.overdue_days > 0);
}

#[test]
fn visit_form_takes_date_shortcuts_and_refuses_the_future() {
    let mut a = app(20);
    let child = a.ctx.reg.triage[a.screens.today.list[0]].child_id;
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
    press(&mut a, "-3<C-s>n");
    assert!(a.popups.is_empty(), "n saves the empty visit as it is");
    let visits = a.ctx.store.visits_of(child).unwrap();
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
    assert!(matches!(a.popups.last(), Some(Popup::Ask(_))));
    press(&mut a, "n");
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))),
        "n keeps the form"
    );
    press(&mut a, "<Tab>51130420");
    // The program dies here: nothing is saved but the draft.
    let store = a.ctx.store;
    let mut b = App::new(store, today(), Theme::default_theme()).unwrap();
    assert!(
        matches!(b.popups.last(), Some(Popup::Ask(_))),
        "the draft is offered back"
    );
    press(&mut b, "y");
    let text = render(&b, 80, 24);
    assert!(text.contains("王五") && text.contains("51130420"), "{text}");
    press(&mut b, "<Esc>y");
    assert!(b.popups.is_empty());
    assert!(
        b.ctx.store.drafts().unwrap().is_empty(),
        "a discarded form leaves no draft"
    );
}

#[test]
fn search_keystroke_by_initials_full_pinyin_and_id() {
    let mut a = app(60);
    let target = a.ctx.reg.cases[7].clone();
    press(&mut a, "2/");
    press(&mut a, &target.name_initials);
    assert!(
        a.screens
            .cases
            .shown
            .iter()
            .any(|&i| a.ctx.reg.cases[i].id == target.id)
    );
    assert!(a.screens.cases.shown.iter().all(|&i| {
        a.ctx.reg.cases[i]
            .name_initials
            .contains(&target.name_initials)
    }));
    press(&mut a, "<Esc>/");
    press(&mut a, &target.name_full);
    assert!(
        a.screens
            .cases
            .shown
            .iter()
            .any(|&i| a.ctx.reg.cases[i].id == target.id)
    );
    if target.id_number.len() == 18 {
        press(&mut a, "<Esc>/");
        press(&mut a, &target.id_number[10..16]);
        assert_eq!(a.screens.cases.shown.len(), 1);
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
        a.ctx.store.setting("officer").unwrap().as_deref(),
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
    let c = a
        .screens
        .cases
        .detail
        .as_ref()
        .map(|d| d.child.clone())
        .unwrap();
    assert_eq!((c.name.as_str(), c.village.as_str()), ("赵六", "新建村"));
    assert_eq!(c.gender, Some(shouhu::domain::Gender::Male));
    assert!(
        a.ctx
            .store
            .villages()
            .unwrap()
            .contains(&"新建村".to_string())
    );
}

#[test]
fn print_a_worklist_then_type_the_returned_sheet_back_in_printed_order() {
    let mut a = app(80);
    // Nothing printed yet: batch entry says where to print, and opens nothing.
    press(&mut a, "3b");
    assert!(a.popups.is_empty());
    assert!(render(&a, 80, 24).contains("还没有打印过走访清单"));
    press(&mut a, "6");
    let text = render(&a, 80, 24);
    assert!(text.contains("2026-W48"), "{text}");
    let preview_rows = a.screens.reports.doc.as_ref().unwrap().row_count();
    assert!(preview_rows > 3);
    press(&mut a, "p");
    let printed = a.ctx.store.printed_worklists().unwrap();
    assert_eq!(printed.len(), 1);
    let rows = a.ctx.store.worklist_rows(printed[0].id).unwrap();
    assert_eq!(rows.len(), preview_rows);
    let html = std::fs::read_dir(&a.ctx.out_dir)
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
        matches!(a.popups.last(), Some(Popup::Batch(_))),
        "{}",
        render(&a, 80, 24)
    );
    let card = render(&a, 80, 24);
    let first_name = a.ctx.store.child(rows[0]).unwrap().unwrap().name;
    assert!(
        card.contains(&first_name) && card.contains("第 1/"),
        "{card}"
    );
    press(&mut a, "<Enter>");
    assert!(render(&a, 80, 24).contains(&first_name));
    press(&mut a, "<C-s><Enter>s<Enter><C-s><Enter><Esc>");
    let summary = render(&a, 80, 24);
    assert!(summary.contains("录入走访 2 名，跳过 1 名"), "{summary}");
    press(&mut a, "<Enter>");
    assert!(a.popups.is_empty());
    let visited = |id: i64| {
        a.ctx
            .store
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
    let pos = a.popups.iter().find_map(|p| match p {
        Popup::Batch(b) => Some(b.pos),
        _ => None,
    });
    assert_eq!(pos, Some(1));
    assert!(!render(&a, 80, 24).contains("本周已有走访"));
    press(&mut a, "s");
    assert!(
        render(&a, 80, 24).contains("本周已有走访"),
        "the third child was entered before"
    );
    press(&mut a, "<Esc><Enter>");
    a.open_case(rows[0]).unwrap();
    press(&mut a, "v<C-s><Enter>");
    let text = render(&a, 80, 24);
    assert!(text.contains("已有一条"), "{text}");
    let _ = std::fs::remove_dir_all(&a.ctx.out_dir);
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
    let text = render(&a, 80, 24);
    assert!(
        text.contains("结对帮扶统计 2026Q4") && text.contains("帮扶单位"),
        "{text}"
    );
    press(&mut a, "r");
    assert!(
        render(&a, 80, 24).contains("2026-W48"),
        "back to the worklist"
    );
    press(&mut a, "r");
    press(&mut a, "x");
    let csv = std::fs::read_dir(&a.ctx.out_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("children-"))
        .expect("the export was written");
    let text = std::fs::read_to_string(csv.path()).unwrap();
    assert!(text.contains("********"), "ID numbers are masked");
    press(&mut a, "b");
    let text = render(&a, 80, 24);
    assert!(text.contains("已备份到"), "{text}");
    let _ = std::fs::remove_dir_all(&a.ctx.out_dir);
}

#[test]
fn tab_moves_to_the_case_file_and_arrows_scroll_it() {
    let mut a = app(30);
    press(&mut a, "2");
    let name = a.screens.cases.detail.as_ref().unwrap().child.name.clone();
    let sel = a.screens.cases.sel;
    press(&mut a, "<Tab><Down><Down>");
    assert_eq!(a.screens.cases.sel, sel, "the list stays");
    let text = render(&a, 80, 24);
    let file_top = text.lines().nth(2).unwrap();
    assert!(!file_top.contains(&format!("│{name}  ")), "{text}");
    press(&mut a, "<Tab><Down>");
    assert_eq!(a.screens.cases.sel, sel + 1);
    assert_eq!(
        a.screens.cases.detail_scroll, 0,
        "a new child's file starts at the top"
    );
}

#[test]
fn pop_up_lists_take_arrows_and_enter() {
    let mut a = app(60);
    let villages = a.ctx.store.villages().unwrap();
    press(&mut a, "2f<Down><Down><Enter>");
    assert!(a.popups.is_empty());
    assert_eq!(
        a.screens.cases.filters.village.as_ref(),
        Some(&villages[1]),
        "the second village (after 全部)"
    );
    assert!(
        a.screens
            .cases
            .shown
            .iter()
            .all(|&i| a.ctx.reg.cases[i].village == villages[1])
    );
    press(&mut a, "x");
    assert_eq!(a.screens.cases.filters.village, None);
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
        a.ctx.store.drafts().unwrap().len() == 1,
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
    tab_to(&mut a, "status");
    press(&mut a, "2t<Enter>年满18岁<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let c = a.ctx.store.child(id).unwrap().unwrap();
    assert_eq!(c.status, shouhu::domain::ChildStatus::Exited);
    assert_eq!(c.exit_date, Some(today()));
    assert_eq!(c.exit_reason, "年满18岁");
    assert!(
        !a.ctx.reg.due_at.contains_key(&id),
        "an exited child is never due"
    );
    // The saved file stays in view: the list now shows every status.
    assert_eq!(a.current_child(), Some(id));
    assert_eq!(a.screens.cases.filters.status, None);
    assert!(render(&a, 80, 24).contains("已退出"));
}

#[test]
fn a_users_keymap_rebinds_v_to_w() {
    let store = demo_store(20);
    let user = "[today]\nnew_visit = [\"w\"]\n";
    let mut a = App::with_keys(
        store,
        today(),
        Theme::default_theme(),
        Some((user, "keymap.toml")),
    )
    .unwrap();
    assert_eq!(a.ctx.status, None, "no warning for a good file");
    press(&mut a, "v");
    assert!(a.popups.is_empty(), "v no longer records a visit on 今日");
    press(&mut a, "w");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))), "w does");
    press(&mut a, "<Esc>");
    assert!(
        render(&a, 80, 24).contains(" w 记走访"),
        "the hint line says so"
    );
    press(&mut a, "?");
    let help = render(&a, 80, 24);
    assert!(
        help.lines()
            .any(|l| l.contains("记走访") && l.contains(" w ")),
        "and the help: {help}"
    );
    // A conflicting or broken file is said on the status line; the defaults stay.
    let store = demo_store(5);
    let broken = "[today]\nnew_visit = [\"q\"]\n";
    let mut b = App::with_keys(
        store,
        today(),
        Theme::default_theme(),
        Some((broken, "keymap.toml")),
    )
    .unwrap();
    assert!(
        render(&b, 80, 24).contains("已有他用"),
        "{}",
        render(&b, 80, 24)
    );
    press(&mut b, "v");
    assert!(matches!(b.popups.last(), Some(Popup::Form(_))));
}

#[test]
fn an_input_methods_full_width_keys_work_on_every_screen() {
    let mut a = app(30);
    for (i, screen) in ScreenId::ALL.iter().enumerate() {
        let go = (i + 1).to_string();
        let wide_go: String = char::from_u32('0' as u32 + 0xfee0 + i as u32 + 1)
            .unwrap()
            .to_string();
        // ２ (full width) switches screens as 2 does.
        press(&mut a, "1");
        press(&mut a, &wide_go);
        assert_eq!(a.screen, *screen, "{wide_go}");
        // ？ opens the help as ? does.
        press(&mut a, "？");
        assert!(
            matches!(a.popups.last(), Some(Popup::Help(_))),
            "{screen:?}"
        );
        press(&mut a, "<Esc>");
        // ！ does what ! does, whatever that is here.
        press(&mut a, &go);
        press(&mut a, "!");
        let ascii = render(&a, 80, 24);
        // (On a child it opens the report form: closed again, untouched.)
        press(&mut a, "<Esc>");
        press(&mut a, &go);
        press(&mut a, "！");
        assert_eq!(render(&a, 80, 24), ascii, "{screen:?}");
        press(&mut a, "<Esc>");
        // 、 starts the search as / does.
        press(&mut a, "<Esc>");
        press(&mut a, &go);
        press(&mut a, "、");
        assert_eq!(a.screen, ScreenId::Cases);
        assert!(a.screens.cases.searching, "{screen:?}");
        press(&mut a, "<Esc>");
    }
    // In a text field the same characters are text.
    press(&mut a, "2/");
    press(&mut a, "？");
    assert_eq!(a.screens.cases.query, "？");
}

#[test]
fn function_keys_work_where_an_input_method_swallows_letters() {
    let mut a = app(20);
    let child = a.ctx.reg.triage[a.screens.today.list[0]].child_id;
    press(&mut a, "<F4>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))),
        "F4 new visit"
    );
    press(&mut a, "<F2><Enter>");
    assert!(a.popups.is_empty(), "F2 saves");
    assert_eq!(a.ctx.reg.due(child).unwrap().due.last_visit, Some(today()));
    press(&mut a, "<F1>");
    assert!(matches!(a.popups.last(), Some(Popup::Help(_))), "F1 help");
    press(&mut a, "<F1><F3>");
    assert!(
        a.screen == ScreenId::Cases && a.screens.cases.searching,
        "F3 search"
    );
    press(&mut a, "<Esc><F10>");
    assert!(a.quit, "F10 quits");
}

#[test]
fn the_work_log_is_read_from_the_case_file_and_from_reports() {
    let mut a = app(20);
    press(&mut a, "2e");
    // Change the address: the log of this child says so.
    for _ in 0..8 {
        press(&mut a, "<Tab>");
    }
    press(&mut a, "东头<C-s>");
    press(&mut a, "l");
    assert!(matches!(a.popups.last(), Some(Popup::Log(_))));
    let text = render(&a, 80, 24);
    assert!(
        text.contains("工作日志") && text.contains("修改档案"),
        "{text}"
    );
    press(&mut a, "<Esc>6x");
    press(&mut a, "l");
    let text = render(&a, 80, 24);
    assert!(
        text.contains("导出档案") && text.contains("children-"),
        "{text}"
    );
    press(&mut a, "<Esc>");
    assert!(a.popups.is_empty());
    let _ = std::fs::remove_dir_all(&a.ctx.out_dir);
}

#[test]
fn a_pin_locks_the_screen_at_start_and_when_idle() {
    let mut a = app(20);
    press(&mut a, "6L");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
    press(&mut a, "2580<Tab>2581<C-s>");
    assert!(render(&a, 80, 24).contains("两次输入不一样"));
    assert!(
        !render(&a, 80, 24).contains("2580"),
        "a PIN is shown as dots"
    );
    press(&mut a, "<BS><BS><BS><BS>2580<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert!(
        a.ctx.store.drafts().unwrap().is_empty(),
        "a PIN is never drafted"
    );
    // The PIN just set locks this session too after ten idle minutes.
    a.idle_since = std::time::Instant::now() - std::time::Duration::from_secs(601);
    a.tick(std::time::Instant::now()).unwrap();
    assert!(matches!(a.popups.last(), Some(Popup::Lock(_))));
    // Started again on the same file: locked, and nothing of the children shows.
    let names: Vec<String> = a.ctx.reg.cases.iter().map(|c| c.name.clone()).collect();
    let store = a.ctx.store;
    let mut b = App::new(store, today(), Theme::default_theme()).unwrap();
    assert!(matches!(b.popups.last(), Some(Popup::Lock(_))));
    let screen = render(&b, 80, 24);
    assert!(
        names.iter().all(|n| !screen.contains(n.as_str())),
        "{screen}"
    );
    press(&mut b, "1111<Enter>");
    assert!(render(&b, 80, 24).contains("密码不对"));
    press(&mut b, "2580<Enter>");
    assert!(b.popups.is_empty());
    // Ten minutes without a key: locked again.
    b.idle_since = std::time::Instant::now() - std::time::Duration::from_secs(601);
    b.tick(std::time::Instant::now()).unwrap();
    assert!(matches!(b.popups.last(), Some(Popup::Lock(_))));
}

/// Presses keys and returns how many keys that was.
fn counted(app: &mut App, keys: &str) -> usize {
    press(app, keys);
    let mut n = 0;
    let mut rest = keys;
    while !rest.is_empty() {
        let len = match rest.strip_prefix('<').and_then(|r| r.find('>')) {
            Some(end) => end + 2,
            None => rest.chars().next().unwrap().len_utf8(),
        };
        n += 1;
        rest = &rest[len..];
    }
    n
}

#[test]
fn a_paper_visit_form_takes_at_most_25_keys_beyond_its_free_text() {
    let mut a = app(30);
    let child = a.ctx.reg.triage[a.screens.today.list[0]].child_id;
    let mut keys = 0;
    // Back-dated to Nov 20; kind and visitor as filled; who was met (free text).
    keys += counted(&mut a, "v1120<Enter><Enter><Enter>");
    press(&mut a, "祖母");
    keys += counted(&mut a, "<Enter>");
    // Guardianship 正常; safety: a concern, with its note (free text); the rest 正常.
    keys += counted(&mut a, "12");
    press(&mut a, "电线裸露");
    keys += counted(&mut a, "<Enter>1111");
    // One safety-education item, then save.
    keys += counted(&mut a, "1<Enter><C-s>");
    assert!(keys <= 25, "{keys} keys");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let v = &a.ctx.store.visits_of(child).unwrap()[0];
    assert_eq!(v.date, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    assert_eq!(v.met, "祖母");
    let oks: Vec<Option<bool>> = v.findings.iter().map(|f| f.ok).collect();
    assert_eq!(
        oks,
        vec![
            Some(true),
            Some(false),
            Some(true),
            Some(true),
            Some(true),
            Some(true)
        ]
    );
    assert_eq!(v.findings[1].note, "电线裸露");
    assert_eq!(v.safety.len(), 1);
    eprintln!("a paper visit form: {keys} keys beyond its free text");
}

#[test]
fn a_returned_worklist_child_visited_on_another_day_takes_at_most_12_keys() {
    let mut a = app(80);
    press(&mut a, "6p3b<Enter>");
    assert!(matches!(a.popups.last(), Some(Popup::Batch(_))));
    let child = match a.popups.last() {
        Some(Popup::Batch(b)) => b.child().unwrap(),
        _ => unreachable!(),
    };
    let keys = counted(&mut a, "<Enter>1120<C-s><Enter>");
    assert!(keys <= 12, "{keys} keys");
    let v = &a.ctx.store.visits_of(child).unwrap()[0];
    assert_eq!(v.date, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    assert!(
        matches!(a.popups.last(), Some(Popup::Batch(_))),
        "the next card"
    );
    eprintln!("a returned-worklist child on another day: {keys} keys");
    let _ = std::fs::remove_dir_all(&a.ctx.out_dir);
}

#[test]
fn v_t_ctrl_s_enter_records_todays_visit_on_any_overdue_child() {
    let mut a = app(30);
    let child = a.ctx.reg.triage[a.screens.today.list[0]].child_id;
    assert!(a.ctx.reg.due(child).unwrap().due.overdue_days > 0);
    press(&mut a, "vt<C-s><Enter>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let due = &a.ctx.reg.due(child).unwrap().due;
    assert_eq!(due.last_visit, Some(today()));
}

#[test]
fn a_filter_list_waits_for_enter_so_fast_typing_never_spills() {
    let mut a = app(40);
    // "f" then a village's initials and more letters at speed: nothing leaks
    // out of the list into the case screen's keys.
    press(&mut a, "2fqx");
    assert!(
        matches!(a.popups.last(), Some(Popup::Pick(_))),
        "still choosing"
    );
    press(&mut a, "<Esc>");
    assert!(a.popups.is_empty() && !a.quit);
}

#[test]
fn a_burst_of_keys_is_text_never_a_save_or_a_move() {
    let mut a = app(20);
    // A paste sent as keys into a form's field: the lines are joined, the
    // form neither moves on nor saves.
    press(&mut a, "n");
    for c in "王\n小\n雨\n".chars() {
        let ev = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        let done = a.burst_key(ev);
        a.report(done);
    }
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
    match a.popups.last() {
        Some(Popup::Form(fp)) => {
            assert_eq!(fp.form.focus, 0, "still in the name");
            assert_eq!(fp.form.fields[0].text, "王 小 雨 ");
        }
        _ => unreachable!(),
    }
}

#[test]
fn undo_names_what_it_takes_back_asks_before_deleting_a_child_and_redo_does_it_again() {
    let mut a = app(20);
    let child = a.ctx.reg.triage[a.screens.today.list[0]].child_id;
    let name = a.ctx.store.child(child).unwrap().unwrap().name;
    press(&mut a, "vt<C-s><Enter>");
    let visits = a.ctx.store.visits_of(child).unwrap().len();
    press(&mut a, "<C-z>");
    let text = render(&a, 80, 24);
    assert!(
        text.contains(&format!("已撤销：新增走访 {name} 2026-11-23")),
        "{text}"
    );
    assert_eq!(a.ctx.store.visits_of(child).unwrap().len(), visits - 1);
    press(&mut a, "<C-y>");
    assert!(render(&a, 80, 24).contains("已恢复：新增走访"));
    assert_eq!(a.ctx.store.visits_of(child).unwrap().len(), visits);
    // A new child: undo asks before deleting the case file.
    press(
        &mut a,
        "n王小雨<Enter><Enter>120150301<Enter><Enter><Enter>新建村<Enter><Enter><Enter>1<Enter><C-s>",
    );
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let added = a
        .ctx
        .store
        .find_child("", "王小雨", NaiveDate::from_ymd_opt(2015, 3, 1), "新建村")
        .unwrap();
    assert!(added.is_some());
    press(&mut a, "<C-z>");
    assert!(
        render(&a, 80, 24).contains("王小雨"),
        "the question names the child"
    );
    press(&mut a, "<Enter>");
    assert!(
        a.ctx.store.child(added.unwrap()).unwrap().is_some(),
        "Enter keeps it"
    );
    press(&mut a, "<C-z>y");
    assert!(render(&a, 80, 24).contains("已撤销：新增儿童 王小雨"));
    assert!(
        a.ctx
            .store
            .find_child("", "王小雨", NaiveDate::from_ymd_opt(2015, 3, 1), "新建村")
            .unwrap()
            .is_none()
    );
    press(&mut a, "<C-y>");
    assert!(
        a.ctx
            .store
            .find_child("", "王小雨", NaiveDate::from_ymd_opt(2015, 3, 1), "新建村")
            .unwrap()
            .is_some()
    );
}

#[test]
fn every_visit_of_a_child_opens_from_the_case_file_and_is_corrected() {
    let mut a = app(30);
    press(&mut a, "2");
    let child = a.current_child().unwrap();
    let visits = a.ctx.store.visits_of(child).unwrap();
    assert!(visits.len() > 2);
    let oldest = visits.last().unwrap().clone();
    // The list of its visits; the last is the oldest.
    press(&mut a, "w");
    assert!(matches!(a.popups.last(), Some(Popup::Pick(_))));
    for _ in 0..visits.len() {
        press(&mut a, "<Down>");
    }
    press(&mut a, "<Enter>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))),
        "{}",
        render(&a, 80, 24)
    );
    // The visitor: typed over.
    press(&mut a, "<Tab><Tab>张干事<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let again = a.ctx.store.visit(oldest.id).unwrap().unwrap();
    assert_eq!(again.visitor, "张干事");
    assert_eq!(again.date, oldest.date);
}

#[test]
fn a_taken_id_number_names_the_child_and_offers_to_open_them() {
    let mut a = app(20);
    let (id, other) = a
        .ctx
        .reg
        .cases
        .iter()
        .find(|c| c.id_number.len() == 18)
        .map(|c| (c.id_number.clone(), c.clone()))
        .unwrap();
    press(&mut a, &format!("n某某<Enter>{id}<C-s>"));
    let text = render(&a, 80, 24);
    assert!(
        text.contains(&other.name),
        "the child who has it is named: {text}"
    );
    press(&mut a, "y");
    assert!(a.popups.is_empty());
    assert_eq!(a.screen, ScreenId::Cases);
    assert_eq!(a.current_child(), Some(other.id));
    assert_eq!(
        a.ctx.store.drafts().unwrap().len(),
        1,
        "the form was kept as a draft"
    );
}

#[test]
fn a_wrong_phone_number_is_refused_at_the_field() {
    let mut a = app(10);
    press(&mut a, "2e");
    // The guardian's phone is field 22 (after the parents and the guardian's name, relation).
    tab_to(&mut a, "guardian_phone");
    press(&mut a, "1380000<C-s>");
    assert!(
        render(&a, 80, 24).contains("电话号码不对"),
        "{}",
        render(&a, 80, 24)
    );
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
}

#[test]
fn a_save_updates_one_child_and_the_lists_read_as_a_full_read_would() {
    let mut a = app(80);
    let full = |a: &App| {
        shouhu::tui::ctx::Registry::read(&a.ctx.store, &a.ctx.policy, a.ctx.today).unwrap()
    };
    // A visit to the most overdue child moves them far down the triage.
    press(&mut a, "vt<C-s><Enter>");
    let fresh = full(&a);
    assert_eq!(a.ctx.reg.triage, fresh.triage);
    assert_eq!(a.ctx.reg.cases, fresh.cases);
    assert!(
        fresh
            .triage
            .iter()
            .all(|r| a.ctx.reg.due(r.child_id) == Some(r))
    );
    // A new child, and an edit that renames one: both in their places.
    press(
        &mut a,
        "n安宁<Enter><Enter>120150301<Enter><Enter><Enter>新建村<Enter><Enter><Enter>1<Enter><C-s>",
    );
    press(&mut a, "e<C-u>阿宝<C-s>");
    let fresh = full(&a);
    assert_eq!(a.ctx.reg.triage, fresh.triage);
    assert_eq!(a.ctx.reg.cases, fresh.cases);
    assert!(
        fresh
            .triage
            .iter()
            .all(|r| a.ctx.reg.due(r.child_id) == Some(r))
    );
    press(&mut a, "<C-z>");
    let fresh = full(&a);
    assert_eq!(a.ctx.reg.triage, fresh.triage);
    assert_eq!(a.ctx.reg.cases, fresh.cases);
    assert!(
        fresh
            .triage
            .iter()
            .all(|r| a.ctx.reg.due(r.child_id) == Some(r))
    );
}

#[test]
fn small_screen_helps_back_from_a_case_filters_on_today_and_the_due_order() {
    let mut a = app(60);
    // While the window is too small, keys do nothing.
    a.resize(ratatui::layout::Rect::new(0, 0, 60, 20));
    press(&mut a, "2n");
    assert!(a.screen == ScreenId::Today && a.popups.is_empty());
    a.resize(ratatui::layout::Rect::new(0, 0, 80, 24));
    // Enter on 今日 opens the case; Esc goes back to 今日.
    press(&mut a, "<Enter>");
    assert_eq!(a.screen, ScreenId::Cases);
    press(&mut a, "<Esc>");
    assert_eq!(a.screen, ScreenId::Today);
    // 今日: one village, then focus children only.
    let village = a.ctx.store.villages().unwrap()[0].clone();
    press(&mut a, "f<Down><Enter>");
    assert!(
        a.screens
            .today
            .list
            .iter()
            .all(|&i| a.ctx.reg.triage[i].village == village)
    );
    press(&mut a, "t");
    assert!(
        a.screens
            .today
            .list
            .iter()
            .all(|&i| !a.ctx.reg.triage[i].flags.is_empty())
    );
    assert!(render(&a, 80, 24).contains(&format!("· {village} · ◆")));
    // 儿童 by due date: the most overdue first.
    press(&mut a, "2o");
    let first = a.ctx.reg.cases[a.screens.cases.shown[0]].id;
    assert_eq!(first, a.ctx.reg.triage[0].child_id);
}

#[test]
fn a_call_says_the_child_is_still_overdue() {
    let mut a = app(30);
    let child = a.ctx.reg.triage[a.screens.today.list[0]].child_id;
    let late = a.ctx.reg.due(child).unwrap().due.overdue_days;
    // A phone call (kind 3) with a word noted: it does not count.
    press(&mut a, "v<Enter>3<Enter>奶奶接电话<C-s>");
    let text = render(&a, 80, 24);
    assert!(text.contains(&format!("仍逾期 {late} 天")), "{text}");
}

#[test]
fn f1_in_a_form_shows_its_keys_and_what_marks_mean() {
    let mut a = app(10);
    press(&mut a, "v<F1>");
    assert!(matches!(a.popups.last(), Some(Popup::Help(_))));
    let text = render(&a, 80, 24);
    assert!(
        text.contains("表单的按键") && text.contains("C-U") && text.contains("F5"),
        "{text}"
    );
    assert!(
        !text.contains("1-6"),
        "a form's help does not offer the screens"
    );
    press(&mut a, "<Esc>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))),
        "back in the form"
    );
}

#[test]
fn leaving_the_register_asks_why_and_the_case_file_says_when_and_why() {
    let mut a = app(20);
    press(&mut a, "2");
    press(&mut a, "e");
    tab_to(&mut a, "status");
    press(&mut a, "2<C-s>");
    assert!(
        render(&a, 80, 24).contains("退出要写明原因"),
        "{}",
        render(&a, 80, 24)
    );
    // The refusal put the focus on the reason.
    press(&mut a, "父母返乡<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert!(render(&a, 80, 24).contains("已退出 2026-11-23 · 父母返乡"));
}

#[test]
fn the_visits_screen_finds_visits_by_child_pinyin_date_and_visitor() {
    let mut a = app(60);
    let target = a.ctx.reg.cases[3].clone();
    press(&mut a, "3f");
    press(&mut a, &target.name_initials);
    assert!(!a.screens.visits.recent.is_empty());
    assert!(a.screens.visits.recent.iter().all(|(_, name, _)| {
        a.ctx
            .reg
            .cases
            .iter()
            .any(|c| &c.name == name && c.name_initials.contains(&target.name_initials))
    }));
    press(&mut a, "<Esc>f2026-10");
    assert!(!a.screens.visits.recent.is_empty());
    assert!(
        a.screens
            .visits
            .recent
            .iter()
            .all(|(v, ..)| shouhu::domain::date::iso(v.date).starts_with("2026-10"))
    );
    // Enter leaves the search with the list kept; e opens the visit found.
    press(&mut a, "<Enter>e");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
}

#[test]
fn report_headers_are_not_cut_and_the_worklist_keeps_its_names_when_scrolled() {
    let mut a = app(40);
    press(&mut a, "6r<Right><Right><Right>");
    let text = render(&a, 120, 40);
    assert!(text.contains("事实无人抚养儿童"), "{text}");
    press(&mut a, "r<Right>");
    press(&mut a, "r");
    press(&mut a, "r");
    press(&mut a, "r");
    // Back on the worklist, scrolled right: the number and the name stay.
    press(&mut a, "<Right><Right><Right>");
    let text = render(&a, 80, 24);
    let header = text.lines().find(|l| l.contains("序号")).unwrap_or("");
    assert!(header.contains("姓名"), "{text}");
    assert!(
        !header.contains("身份证号"),
        "the ID column scrolled away: {header}"
    );
}

#[test]
fn choice_numbers_are_the_same_in_filters_and_forms() {
    let mut a = app(40);
    // In the child form, category 1 is 孤儿; in the filter it is 1 too (全部 is 0).
    press(&mut a, "2c1<Enter>");
    assert_eq!(
        a.screens.cases.filters.category,
        Some(shouhu::domain::Category::Orphan)
    );
    press(&mut a, "c0<Enter>");
    assert_eq!(a.screens.cases.filters.category, None);
}

#[test]
fn settings_are_changed_on_the_screen() {
    let mut a = app(10);
    press(&mut a, "6S");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
    // The officer typed over; the township kept; a phone for the paper
    // forms; the mono theme; Chinese kept.
    press(
        &mut a,
        "王芳<Enter><Enter>13800001234<Enter>mono<Enter><C-s>",
    );
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert_eq!(
        a.ctx.store.setting("officer_phone").unwrap().as_deref(),
        Some("13800001234")
    );
    assert_eq!(a.ctx.officer, "王芳");
    assert_eq!(a.ctx.theme.name, "mono");
    assert_eq!(
        a.ctx.store.setting("theme").unwrap().as_deref(),
        Some("mono")
    );
    press(&mut a, "1");
    assert!(
        render(&a, 80, 24).contains("王芳"),
        "the status line names the officer"
    );
}

#[test]
fn the_help_scrolls_to_its_last_line() {
    let mut a = app(10);
    press(&mut a, "2?");
    let top = render(&a, 80, 24);
    for _ in 0..40 {
        press(&mut a, "<Down>");
    }
    let bottom = render(&a, 80, 24);
    assert_ne!(top, bottom, "it moved");
    assert!(bottom.contains("◆"), "the last lines explain ◆: {bottom}");
    press(&mut a, "<Esc>");
    assert!(a.popups.is_empty());
}
