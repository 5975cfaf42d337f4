//! The terminal UI: screens over the engine; no SQL here.

pub mod app;
pub mod form;
pub mod forms;
pub mod keymap;
pub mod screens;
pub mod table;
pub mod theme;
pub mod view;

use std::io::stdout;

use anyhow::Result;
use chrono::NaiveDate;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::execute;

use crate::i18n::{M, tf};
use crate::store::Store;
use app::{App, Tone};
use theme::Theme;

/// The theme asked for (`--theme`, else the one in settings, else the default),
/// with a warning when it could not be used.
pub fn load_theme(store: &Store, asked: Option<&str>) -> (Theme, Option<String>) {
    let name = asked
        .map(str::to_string)
        .or_else(|| store.setting("theme").ok().flatten())
        .unwrap_or_else(|| "default".into());
    let config =
        directories::ProjectDirs::from("", "", "shouhu").map(|d| d.config_dir().join("themes"));
    Theme::load(&name, config.as_deref())
}

/// Runs the UI until the officer quits. The terminal is restored on every way
/// out, a panic included (ratatui's init installs that hook).
pub fn run(store: Store, today: NaiveDate, theme: Option<&str>) -> Result<()> {
    let (theme, warning) = load_theme(&store, theme);
    store.keep_in_memory(32)?;
    let mut app = App::new(store, today, theme)?;
    if let Some(w) = warning {
        app.say(tf(M::ThemeBroken, &[&w]), Tone::Bad);
    }
    let mut terminal = ratatui::init();
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Result<()> {
    loop {
        terminal.draw(|f| view::draw(f, app))?;
        if app.pending.is_some() {
            let done = app.run_pending();
            app.report(done);
            continue;
        }
        let outcome = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
                    // Drafts are already on disk: leaving loses nothing.
                    return Ok(());
                }
                app.key(k)
            }
            Event::Paste(text) => app.paste(&text),
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
