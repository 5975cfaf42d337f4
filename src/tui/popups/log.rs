//! The audit log as a pop-up: a child's work log from the case file, or the
//! whole log (prints, exports, settings, every change) from 报表.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Reply, boxed, clear};
use crate::domain::text;
use crate::i18n::{M, t, tf};
use crate::store::AuditEntry;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{Decl, hint, normalize, quiet};
use crate::tui::table::{self, Scroll};

pub const KEYS: &[Decl] = &[
    hint(Action::Up),
    hint(Action::Down),
    quiet(Action::PageUp),
    quiet(Action::PageDown),
    hint(Action::Close),
];

#[derive(Debug)]
pub struct Log {
    pub title: String,
    pub entries: Vec<AuditEntry>,
    pub sel: usize,
    scroll: Scroll,
}

/// An entry in the officer's words.
pub fn words(e: &AuditEntry) -> String {
    let at = e.at.replace('T', " ");
    let at = at.get(..16).unwrap_or(&at);
    let action = match e.action.as_str() {
        "insert" => t(M::LogInsert),
        "update" => t(M::LogUpdate),
        "delete" => t(M::LogDelete),
        "export" => t(M::LogExport),
        "print" => t(M::LogPrint),
        "set" => t(M::LogSet),
        other => other,
    };
    let what = match e.table.as_str() {
        "children" => t(M::LogChild),
        "visits" => t(M::LogVisit),
        "worklists" => t(M::LogWorklist),
        "settings" => t(M::LogSettings),
        other => other,
    };
    let sep = if crate::i18n::lang() == crate::i18n::Lang::En {
        " "
    } else {
        ""
    };
    format!("{at} {} {action}{sep}{what} {}", e.officer, e.changes)
}

impl Log {
    pub fn new(title: String, entries: Vec<AuditEntry>) -> Log {
        Log {
            title,
            entries,
            sel: 0,
            scroll: Scroll::default(),
        }
    }

    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        let action = ctx.keys.lookup(&["log"], &normalize(*ev));
        if action == Some(Action::Close) {
            return Reply::Close;
        }
        if let Some(by) = action.and_then(table::step_of) {
            self.sel = table::moved(self.sel, by, self.entries.len());
            // The list's rows: the body less the border, the title row and
            // the two lines of the whole entry.
            let rows = ctx.body.height.saturating_sub(5) as usize;
            self.scroll.follow(self.sel, rows, self.entries.len());
        }
        Reply::Consumed
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        clear(frame, area);
        let title = tf(M::LogTitle, &[&self.title, &self.entries.len()]);
        let block = boxed(&title, ctx);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.entries.is_empty() {
            let none = t(M::LogNone);
            frame
                .buffer_mut()
                .set_stringn(inner.x, inner.y, none, inner.width as usize, th.muted);
            return;
        }
        let list = Rect::new(
            inner.x,
            inner.y,
            inner.width,
            inner.height.saturating_sub(2),
        );
        let cols = [table::Column::new(t(M::WorkLog), 0)];
        let len = self.entries.len();
        table::draw(
            frame.buffer_mut(),
            list,
            th,
            &cols,
            len,
            Some(self.sel),
            self.scroll,
            |i| (vec![words(&self.entries[i])], th.text),
        );
        // The selected entry whole, on the last two lines.
        if let Some(e) = self.entries.get(self.sel) {
            let width = inner.width as usize;
            for (n, line) in text::wrap(&words(e), width).into_iter().take(2).enumerate() {
                let y = inner.bottom().saturating_sub(2) + n as u16;
                frame
                    .buffer_mut()
                    .set_stringn(inner.x, y, line, width, th.accent);
            }
        }
    }
}
