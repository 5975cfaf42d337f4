//! The lock screen of a shared PC: it hides everything below it until the
//! PIN is typed. What was typed in a form below stays as it was.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Reply, boxed, clear};
use crate::i18n::{M, t};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{Decl, hint};

pub const KEYS: &[Decl] = &[hint(Action::Unlock)];

#[derive(Debug, Default)]
pub struct Lock {
    pub typed: String,
    pub wrong: bool,
}

impl Lock {
    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        if ctx.keys.lookup(&["lock"], ev) == Some(Action::Unlock) {
            return Reply::Unlock(std::mem::take(&mut self.typed));
        }
        match ev.code {
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => self.typed.push(c),
            _ => {}
        }
        Reply::Consumed
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        clear(frame, area);
        let block = boxed(t(M::LockTitle), ctx);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let dots = "•".repeat(self.typed.chars().count());
        let mut lines = vec![
            Line::from(""),
            Line::from(Span::styled(t(M::LockPrompt), th.text)),
            Line::from(Span::styled(format!("  {dots}"), th.input)),
        ];
        if self.wrong {
            lines.push(Line::from(Span::styled(t(M::LockWrong), th.danger)));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        let x = inner.x + 2 + dots.chars().count() as u16;
        frame.set_cursor_position(Position::new(x.min(inner.right()), inner.y + 2));
    }
}
