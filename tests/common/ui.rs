//! Helpers of the screen tests: an app on a demo township on a fixed day,
//! keys pressed as the terminal sends them, the screen read back as text.

#![allow(dead_code)]

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shouhu::store::Store;
use shouhu::tui::app::App;
use shouhu::tui::popups::Popup;
use shouhu::tui::theme::Theme;
use shouhu::tui::view;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn demo_store(n: usize) -> Store {
    shouhu::store::fix_clock("2026-11-23T08:00:00Z");
    let mut s = Store::open_in_memory().unwrap();
    shouhu::demo::generate(&mut s, n, 7, today()).unwrap();
    s
}

pub fn app(n: usize) -> App {
    let mut a = App::new(demo_store(n), today(), Theme::default_theme()).unwrap();
    a.ctx.open_files = false;
    // Each app its own folder: tests run side by side and clear theirs.
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    a.ctx.out_dir = std::env::temp_dir().join(format!("shouhu-ui-out-{}-{n}", std::process::id()));
    a
}

/// The screen as text, one line per row; a wide character's second cell is skipped.
pub fn render(app: &App, w: u16, h: u16) -> String {
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
pub fn press(app: &mut App, keys: &str) {
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
                "C-y" => KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL),
                "C-u" => KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
                f if f.starts_with('F') => {
                    KeyEvent::new(KeyCode::F(f[1..].parse().unwrap()), KeyModifiers::NONE)
                }
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

/// Tabs through the open form to the field `key` (back up from below it).
pub fn tab_to(a: &mut App, key: &str) {
    let (at, focus) = match a.popups.last() {
        Some(Popup::Form(fp)) => (
            fp.form.fields.iter().position(|f| f.key == key),
            fp.form.focus,
        ),
        _ => (None, 0),
    };
    let at = at.expect("a form with that field is open");
    for _ in focus..at {
        press(a, "<Tab>");
    }
    for _ in at..focus {
        press(a, "<Up>");
    }
}
