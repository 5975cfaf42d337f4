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
use crate::tui::forms::Target;
use crate::tui::keymap::{Decl, hint, normalize, quiet};
use crate::tui::table::{self, Scroll};

pub const KEYS: &[Decl] = &[
    hint(Action::Up),
    hint(Action::Down),
    quiet(Action::PageUp),
    quiet(Action::PageDown),
    hint(Action::Close),
    hint(Action::AddNote),
    hint(Action::AddMeeting),
    hint(Action::PrintMonth),
];

#[derive(Debug)]
pub struct Log {
    pub title: String,
    pub entries: Vec<AuditEntry>,
    pub sel: usize,
    scroll: Scroll,
}

pub use crate::io::work_log::words;

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
        use crate::domain::paperwork::NoteKind;
        match action {
            Some(Action::Close) => return Reply::Close,
            Some(Action::AddNote) => return Reply::Form(Target::Note(NoteKind::Note)),
            Some(Action::AddMeeting) => return Reply::Form(Target::Note(NoteKind::Meeting)),
            Some(Action::PrintMonth) => return Reply::PrintMonth,
            _ => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_as_a_sentence() {
        let e = AuditEntry {
            at: "2026-11-23T08:05:00Z".into(),
            officer: "李芳".into(),
            action: "update".into(),
            changes: r#"{"guardian_phone":["13800001111","13900002222"]}"#.into(),
            table: "children".into(),
        };
        let w = words(&e);
        assert!(
            w.starts_with("11-23 08:05 李芳 修改档案 监护人电话 "),
            "{w}"
        );
        assert!(w.contains(" → ") && !w.contains('{'), "{w}");
    }
}
