//! The help: every key of the screen, read from its binding tables, then the
//! keys of a form.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Reply, boxed, centered, clear};
use crate::domain::text;
use crate::i18n::{M, t};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{Decl, hint, normalize, quiet};

pub const KEYS: &[Decl] = &[hint(Action::Close), hint(Action::Down), quiet(Action::Up)];

#[derive(Debug)]
pub struct Help {
    /// The screen's title and binding table.
    pub title: M,
    pub table: &'static str,
    /// Lines scrolled off the top (↑ ↓ when it is longer than the screen).
    pub offset: usize,
}

impl Help {
    pub fn new(title: M, table: &'static str) -> Help {
        Help {
            title,
            table,
            offset: 0,
        }
    }
}

impl Help {
    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        match ctx.keys.lookup(&["help"], &normalize(*ev)) {
            Some(Action::Close) => Reply::Close,
            Some(Action::Down) => {
                self.offset += 1;
                Reply::Consumed
            }
            Some(Action::Up) => {
                self.offset = self.offset.saturating_sub(1);
                Reply::Consumed
            }
            _ => Reply::Consumed,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let keys = &ctx.keys;
        let row = |keys: String, desc: &str| {
            let keys = if text::width(&keys) < 16 {
                text::pad(&keys, 16)
            } else {
                format!("{keys}  ")
            };
            Line::from(vec![
                Span::styled(format!("  {keys}"), th.key),
                Span::styled(desc.to_string(), th.text),
            ])
        };
        let mut lines = vec![Line::from(Span::styled(t(self.title), th.accent))];
        // Moving and the screen numbers take a line each, so that the whole
        // map fits in 80x24.
        let own = keys.table(self.table);
        // A screen's lists move; a form's fields are moved by its own keys.
        if !own.is_empty() && self.table != "form" {
            let moves: Vec<String> = keys
                .table("list")
                .iter()
                .flat_map(|b| b.keys.iter().map(|k| k.label()))
                .collect();
            lines.push(row(moves.join(" "), t(M::KeyMove)));
        }
        let own: Vec<&crate::tui::keymap::Binding> =
            own.iter().filter(|b| !b.keys.is_empty()).collect();
        // A long table in two columns when one would not fit the screen.
        let two = own.len() + 6 > area.height.saturating_sub(2) as usize;
        if two {
            let cell = |b: &crate::tui::keymap::Binding| {
                let keys = text::pad(&b.labels(), 7);
                let desc = text::pad(&text::truncate(t(b.action.desc()), 22), 22);
                vec![
                    Span::styled(format!("  {keys} "), th.key),
                    Span::styled(desc, th.text),
                ]
            };
            for pair in own.chunks(2) {
                let mut spans = cell(pair[0]);
                if let Some(b) = pair.get(1) {
                    spans.extend(cell(b));
                }
                lines.push(Line::from(spans));
            }
        } else {
            for b in own {
                lines.push(row(b.labels(), t(b.action.desc())));
            }
        }
        let screen = self.table != "form";
        if screen {
            let tabs = keys
                .table("global")
                .iter()
                .filter(|b| matches!(b.action, Action::GoTo(_)))
                .count();
            lines.push(row(format!("1-{tabs}"), t(M::KeyScreens)));
        }
        let rect = centered(area, 64, area.height);
        // The global keys run on in a line or two; then the forms' keys and
        // what else a form takes, in the rows that are left.
        let items = |table: &str| -> Vec<String> {
            keys.table(table)
                .iter()
                .filter(|b| !matches!(b.action, Action::GoTo(_)) && !b.keys.is_empty())
                .map(|b| format!("{} {}", b.labels(), t(b.action.desc())))
                .collect()
        };
        let width = rect.width.saturating_sub(4) as usize;
        if screen {
            for l in pack(&items("global"), width) {
                lines.push(Line::from(Span::styled(format!("  {l}"), th.key)));
            }
        }
        let mut about = pack(
            &items("form"),
            width.saturating_sub(text::width(t(M::HelpFormKeys))),
        );
        if let Some(first) = about.first_mut() {
            *first = format!("{}{first}", t(M::HelpFormKeys));
        }
        about.extend(text::wrap(t(M::HelpForms), width));
        about.extend(text::wrap(t(M::HelpMarks), width));
        // All of it: what the box cannot hold is scrolled to with ↓.
        lines.push(Line::from(""));
        lines.extend(
            about
                .into_iter()
                .map(|l| Line::from(Span::styled(format!("  {l}"), th.muted))),
        );
        clear(frame, rect);
        // Scrolled, never past its last line.
        let rows = rect.height.saturating_sub(2) as usize;
        let offset = self.offset.min(lines.len().saturating_sub(rows));
        let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
        frame.render_widget(Paragraph::new(shown).block(boxed(t(M::KeyHelp), ctx)), rect);
    }
}

/// Items in lines of `width` cells, three spaces apart, none cut in two.
fn pack(items: &[String], width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && text::width(&line) + 3 + text::width(item) > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str("   ");
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}
