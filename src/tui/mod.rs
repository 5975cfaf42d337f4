//! The terminal UI: screens over the engine; no SQL here.
//!
//! `app` routes keys and holds what the screens share (`ctx`); `screens/` has
//! one unit per tab, `popups/` the forms and lists above them, `keymap/` the
//! binding tables (from an embedded TOML file a user's file overrides).

pub mod action;
pub mod app;
pub mod book;
pub mod checks;
pub mod ctx;
pub mod desk_forms;
pub mod field;
pub mod form;
pub mod forms;
pub mod jobs;
pub mod keymap;
pub mod ledger_forms;
pub mod office_forms;
pub mod popups;
pub mod referral_forms;
mod register_acts;
pub mod register_forms;
mod saving;
pub mod screens;
pub mod sync_screen;
pub mod table;
pub mod target;
pub mod theme;
mod undo;
pub mod view;
pub mod visit_form;

use std::io::stdout;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use anyhow::Result;
use chrono::NaiveDate;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use crate::i18n::{M, tf};
use crate::store::Store;
use app::App;
use ctx::Tone;
use theme::Theme;

/// Asks for the passphrase of an encrypted registry on the terminal, the
/// typing shown as stars. `None` when the officer leaves with Esc.
pub fn ask_passphrase() -> Result<Option<String>> {
    use ratatui::crossterm::terminal;
    use std::io::Write;
    let mut out = stdout();
    write!(out, "{}", crate::i18n::t(M::CipherAsk))?;
    out.flush()?;
    terminal::enable_raw_mode()?;
    let mut typed = String::new();
    let answer = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Some(typed),
                KeyCode::Esc => break None,
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => break None,
                KeyCode::Backspace if typed.pop().is_some() => {
                    let _ = write!(out, "\u{8} \u{8}");
                }
                KeyCode::Char(c) => {
                    typed.push(c);
                    let _ = write!(out, "*");
                }
                _ => {}
            },
            Ok(_) => {}
            Err(_) => break None,
        }
        let _ = out.flush();
    };
    terminal::disable_raw_mode()?;
    writeln!(out)?;
    Ok(answer)
}

/// The user's config directory (`keymap.toml`, `themes/`).
fn config_dir() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "shouhu").map(|d| d.config_dir().to_path_buf())
}

/// The theme asked for (`--theme`, else the one in settings, else the default),
/// with a warning when it could not be used.
pub fn load_theme(store: &Store, asked: Option<&str>) -> (Theme, Option<String>) {
    let name = asked
        .map(str::to_string)
        .or_else(|| store.setting("theme").ok().flatten())
        .unwrap_or_else(|| "default".into());
    let config = config_dir().map(|d| d.join("themes"));
    Theme::load(&name, config.as_deref())
}

/// Runs the UI until the officer quits. The terminal is restored on every way
/// out, a panic included (ratatui's init installs that hook).
///
/// `keep_copies`: make the day's backup (not for the throwaway demo file).
pub fn run(store: Store, today: NaiveDate, theme: Option<&str>, keep_copies: bool) -> Result<()> {
    let (theme, warning) = load_theme(&store, theme);
    store.keep_in_memory(32)?;
    let keymap_file = config_dir().map(|d| d.join("keymap.toml"));
    let user_keys = keymap_file.as_ref().and_then(|f| {
        std::fs::read_to_string(f)
            .ok()
            .map(|text| (text, f.display().to_string()))
    });
    let mut app = App::with_keys(
        store,
        today,
        theme,
        user_keys
            .as_ref()
            .map(|(text, name)| (text.as_str(), name.as_str())),
    )?;
    if let Some(w) = warning {
        app.say(tf(M::ThemeBroken, &[&w]), Tone::Bad);
    }
    let backup = if keep_copies {
        daily_backup(&app.ctx.store)
    } else {
        None
    };
    let mut terminal = ratatui::init();
    let _ = execute!(stdout(), EnableBracketedPaste);
    if let Ok(size) = terminal.size() {
        app.resize(Rect::new(0, 0, size.width, size.height));
    }
    let result = event_loop(&mut terminal, &mut app, backup);
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// The copy of the day (by the real clock, not `--today`), made on a
/// connection of its own in the background: a county-sized file takes
/// seconds, and the officer should not wait for it. If the program ends
/// first, the next start makes it.
fn daily_backup(store: &Store) -> Option<Receiver<String>> {
    // A county file is made again from the townships' files at any time.
    if store.read_only() || store.county() {
        return None;
    }
    let path = store.path()?.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let today = chrono::Local::now().date_naive();
        let made = Store::open(&path).and_then(|s| s.daily_backup(today));
        if let Err(e) = made {
            let _ = tx.send(tf(M::DailyBackupFailed, &[&e]));
        }
    });
    Some(rx)
}

/// Keys that were already waiting, this many in a row, while the ones before
/// were handled are a burst (a paste sent as keys), not typing.
const BURST_RUN: usize = 3;

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    backup: Option<Receiver<String>>,
) -> Result<()> {
    // Whether a key was already waiting when the last one had been handled,
    // and how many keys in a row came that way.
    let mut waiting = false;
    let mut run = 0;
    loop {
        let read = app.take_reads();
        app.report(read);
        terminal.draw(|f| view::draw(f, app))?;
        if app.pending.is_some() {
            let done = app.run_pending();
            app.report(done);
            continue;
        }
        if !event::poll(Duration::from_millis(500))? {
            if let Some(failed) = backup.as_ref().and_then(|rx| rx.try_recv().ok()) {
                app.say(failed, Tone::Bad);
            }
            let locked = app.tick(std::time::Instant::now());
            app.report(locked);
            continue;
        }
        let outcome = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
                    // Drafts are already on disk: leaving loses nothing.
                    return Ok(());
                }
                let done = if waiting && run >= BURST_RUN {
                    app.burst_key(k)
                } else {
                    app.key(k)
                };
                run = if waiting { run + 1 } else { 0 };
                waiting = event::poll(Duration::ZERO).unwrap_or(false);
                done
            }
            Event::Paste(text) => app.paste(&text),
            Event::Resize(w, h) => {
                app.resize(Rect::new(0, 0, w, h));
                Ok(())
            }
            _ => Ok(()),
        };
        // A failure of one action (a locked database, a full disk) is shown,
        // not fatal: what was typed stays in the form and its draft.
        app.report(outcome);
        if app.quit {
            return Ok(());
        }
    }
}
