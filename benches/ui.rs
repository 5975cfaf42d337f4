//! The terminal UI at county scale (20,000 children): drawing Today and Cases,
//! and one search keystroke, each against one frame at 60 Hz (16 ms).
//!
//! `cargo bench --bench ui` (the township is made by `cargo bench --bench engine`
//! first, or here if missing).

use std::time::Instant;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shouhu::store::Store;
use shouhu::tui::app::App;
use shouhu::tui::theme::Theme;
use shouhu::tui::view;

mod common;
use common::measure;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!(
        "township-20000-v{}.db",
        shouhu::store::SCHEMA_VERSION
    ));
    if !db.exists() {
        let mut s = Store::open(&db).unwrap();
        shouhu::demo::generate(&mut s, 20_000, 1, today()).unwrap();
    }
    // Work on a copy: the UI writes drafts and settings.
    let copy = dir.join("ui-bench.db");
    let _ = std::fs::remove_file(&copy);
    Store::open(&db).unwrap().backup_to(&copy).unwrap();
    let store = Store::open(&copy).unwrap();
    store.keep_in_memory(32).unwrap();
    let t = Instant::now();
    let mut app = App::new(store, today(), Theme::default_theme()).unwrap();
    println!(
        "start-up (triage, case list, alerts) {:.1} ms; {} children, {} due this week",
        t.elapsed().as_secs_f64() * 1e3,
        app.ctx.reg.cases.len(),
        app.screens.today.list.len()
    );
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    measure("draw Today (80x24)", 200, || {
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    app.key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE))
        .unwrap();
    measure("draw Cases with case file (80x24)", 200, || {
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    let mut big = Terminal::new(TestBackend::new(200, 60)).unwrap();
    measure("draw Cases (200x60)", 100, || {
        big.draw(|f| view::draw(f, &app)).unwrap();
    });
    app.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE))
        .unwrap();
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let bs = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
    measure("search keystroke 'z' + frame (20,000)", 100, || {
        app.key(key('z')).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
        app.key(bs).unwrap();
    });
    app.key(key('z')).unwrap();
    measure("search keystroke 'zx' after 'z' + frame", 100, || {
        app.key(key('x')).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
        app.key(bs).unwrap();
    });
    // Point 5 of the fast-typing work: a save shows at once, and so do undo,
    // the week of the worklist and the quarterly report.
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
        .unwrap();
    app.key(key('1')).unwrap();
    let f2 = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let mut back = 0;
    measure("save a visit + updated lists + frame", 20, || {
        // A visit on another past day each time (the same one twice is refused).
        back += 1;
        app.key(key('v')).unwrap();
        app.key(key('-')).unwrap();
        for c in back.to_string().chars() {
            app.key(key(c)).unwrap();
        }
        app.key(f2).unwrap();
        app.key(enter).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    let ctrl = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    measure("undo a save + redo it + frames", 20, || {
        app.key(ctrl('z')).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
        app.key(ctrl('y')).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    app.key(key('6')).unwrap();
    measure("worklist: the next week + frame", 20, || {
        app.key(key(']')).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    app.key(key('r')).unwrap();
    measure("quarterly report: the next quarter + frame", 10, || {
        app.key(key(']')).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    // The pairing ledger: read after every save of it (checks, the week's
    // care visits, what each pairing did), the screen, and a pairing made
    // from the suggestions and taken back.
    println!(
        "pairing ledger: {} helpers, {} pairings, {} findings",
        app.ctx.book.helpers.len(),
        app.ctx.book.pairings.len(),
        app.ctx.book.findings.len()
    );
    measure("read the pairing ledger and its checks", 10, || {
        app.ctx.reread_book().unwrap();
    });
    // Keeping the register true: what the reviews and the guardianship
    // checks read of every active child (part of the read above), and the
    // gaps with the 004 rules.
    println!(
        "register: {} gaps, {} reviews, {} guardianship findings",
        app.ctx.checks.gaps.len(),
        app.ctx.checks.reviews.len(),
        app.ctx.checks.guards.len()
    );
    measure("reviews and guardianship checks of every child", 10, || {
        let limits = app.ctx.store.register_limits().unwrap();
        let files = app.ctx.store.register_files().unwrap();
        let n: usize = files.iter().map(|f| f.checks(limits, today()).len()).sum();
        assert!(n > 0);
    });
    measure("benefit gaps with the 004 rules", 10, || {
        let rules = shouhu::domain::benefits::Rules::preset("004").unwrap();
        let cases = app.ctx.store.gap_cases().unwrap();
        let found = shouhu::domain::benefits::gaps(&cases, &rules.rule, today(), Some(64000));
        assert!(!found.is_empty());
    });
    app.key(key('4')).unwrap();
    measure("draw 结对 (80x24)", 200, || {
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    measure("p: the suggested helpers + frame", 20, || {
        app.key(key('p')).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
        app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
            .unwrap();
    });
    measure("pair with the first suggestion + undo + frames", 10, || {
        app.key(key('p')).unwrap();
        app.key(enter).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
        app.key(ctrl('z')).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    // Reports and referrals: the screen, and the alarm of the status line
    // drawn on every frame.
    println!("reports and referrals: {}", app.ctx.referrals.len());
    app.key(key('5')).unwrap();
    measure("draw 转介 (80x24)", 200, || {
        term.draw(|f| view::draw(f, &app)).unwrap();
    });
    let _ = std::fs::remove_file(&copy);
}
