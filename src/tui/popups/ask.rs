//! A yes/no question; Enter takes the safe answer (keep what was typed).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Reply, boxed, centered, clear};
use crate::i18n::{M, t};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{Decl, hint, normalize, quiet};

pub const KEYS: &[Decl] = &[
    hint(Action::Yes),
    hint(Action::No),
    quiet(Action::SafeAnswer),
];

/// What a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Leave a changed form without saving (its draft is dropped).
    DiscardForm,
    /// Put a kept draft back into the form just opened.
    RestoreDraft,
    /// Save a home visit with nothing written as 情况正常 (all findings 正常).
    EmptyVisit,
    /// Undo the adding of a child: its case file is deleted.
    UndoChild,
    /// The ID number typed is this child's: open their case file?
    OpenTaken(i64),
    /// A review confirmed: a child who turned 18 leaves the register, dated
    /// the 18th birthday; one who turned 16 or whose parents came home
    /// leaves the left-behind category (and the register, with no other).
    ConfirmReview(i64, crate::domain::register::Review),
}

#[derive(Debug)]
pub struct Ask {
    pub question: Question,
    /// What the question is about (a child's name), where it says.
    pub about: String,
}

impl Ask {
    pub fn new(question: Question) -> Ask {
        Ask {
            question,
            about: String::new(),
        }
    }

    pub fn about(question: Question, about: String) -> Ask {
        Ask { question, about }
    }

    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        // The safe answer keeps what was typed.
        let safe = !matches!(
            self.question,
            Question::DiscardForm
                | Question::UndoChild
                | Question::OpenTaken(_)
                | Question::ConfirmReview(..)
        );
        match ctx.keys.lookup(&["ask"], &normalize(*ev)) {
            Some(Action::Yes) => Reply::Answered(self.question, true),
            Some(Action::No) => Reply::Answered(self.question, false),
            Some(Action::SafeAnswer) => Reply::Answered(self.question, safe),
            _ => Reply::Consumed,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let rect = centered(area, 64, 6);
        clear(frame, rect);
        let (text, keys) = match self.question {
            Question::DiscardForm => (M::AskDiscard, M::AskKeysDiscard),
            Question::RestoreDraft => (M::AskRestoreDraft, M::AskKeys),
            Question::EmptyVisit => (M::AskEmptyVisit, M::AskKeysEmptyVisit),
            Question::UndoChild => (M::AskUndoChild, M::AskKeysUndo),
            Question::OpenTaken(_) => (M::AskOpenTaken, M::AskKeysOpenTaken),
            Question::ConfirmReview(_, crate::domain::register::Review::Age18) => {
                (M::AskConfirmExit, M::AskKeysExit)
            }
            Question::ConfirmReview(..) => (M::AskConfirmCategory, M::AskKeysExit),
        };
        let question = if self.about.is_empty() {
            t(text).to_string()
        } else {
            crate::i18n::tf(text, &[&self.about])
        };
        let lines = vec![
            Line::from(Span::styled(question, ctx.theme.text)),
            Line::from(Span::styled(t(keys), ctx.theme.key)),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .block(boxed(t(M::AskTitle), ctx))
                .wrap(Wrap { trim: false }),
            rect,
        );
    }
}
