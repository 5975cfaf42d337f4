//! The pop-ups, on a stack above the screen: the top one takes every key.
//! Each has its binding table; what it decides comes back as a `Reply` for the
//! app to act on, and its hints and help come from the same table.

pub mod ask;
pub mod batch;
pub mod form;
pub mod help;
pub mod import;
pub mod lock;
pub mod log;
pub mod pick;
pub mod tour;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

use super::ctx::Ctx;
use super::keymap::Decl;
use crate::domain::text;

#[derive(Debug)]
pub enum Popup {
    Help(help::Help),
    Form(Box<form::FormPopup>),
    Pick(Box<pick::Pick>),
    Ask(ask::Ask),
    Batch(Box<batch::Batch>),
    Log(Box<log::Log>),
    Lock(lock::Lock),
    Import(Box<import::ImportPreview>),
    Tour(Box<tour::Tour>),
}

/// What a pop-up decided about a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Taken; nothing for the app to do.
    Consumed,
    /// Take the pop-up away.
    Close,
    /// A pick-list chose, for the screen that opened it.
    Picked(pick::Picking, String),
    /// A yes/no question was answered.
    Answered(ask::Question, bool),
    /// A form's value changed (its draft is written).
    FormChanged,
    FormSave,
    FormCancel,
    /// Batch entry: type the visit of this child.
    BatchVisit(i64),
    /// The lock screen: this PIN was typed.
    Unlock(String),
    /// The help of the pop-up on top (a form's).
    Help,
    /// The import preview: give the column chosen a field.
    MapColumn,
    /// The import preview: import now.
    Import(import::Import),
    /// A survey or care-round card: open what it asks for.
    Tour(tour::TourAct),
    /// Open this form above the pop-up.
    Form(crate::tui::forms::Target),
    /// Print this month's work log.
    PrintMonth,
}

/// The pop-ups' binding tables.
pub fn tables() -> Vec<(&'static str, &'static [Decl])> {
    vec![
        ("form", form::KEYS),
        ("pick", pick::KEYS),
        ("ask", ask::KEYS),
        ("batch", batch::KEYS),
        ("help", help::KEYS),
        ("log", log::KEYS),
        ("lock", lock::KEYS),
        ("import", import::KEYS),
        ("tour", tour::KEYS),
    ]
}

impl Popup {
    /// Its binding table.
    pub fn table(&self) -> &'static str {
        match self {
            Popup::Help(_) => "help",
            Popup::Form(_) => "form",
            Popup::Pick(_) => "pick",
            Popup::Ask(_) => "ask",
            Popup::Batch(_) => "batch",
            Popup::Log(_) => "log",
            Popup::Lock(_) => "lock",
            Popup::Import(_) => "import",
            Popup::Tour(_) => "tour",
        }
    }

    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        match self {
            Popup::Help(h) => h.key(ev, ctx),
            Popup::Form(f) => f.key(ev, ctx),
            Popup::Pick(p) => p.key(ev, ctx),
            Popup::Ask(a) => a.key(ev, ctx),
            Popup::Batch(b) => b.key(ev, ctx),
            Popup::Log(l) => l.key(ev, ctx),
            Popup::Lock(l) => l.key(ev, ctx),
            Popup::Import(i) => i.key(ev, ctx),
            Popup::Tour(x) => x.key(ev, ctx),
        }
    }

    /// The keys the hint line shows for it.
    pub fn hints(&self, ctx: &Ctx) -> Vec<(String, String)> {
        match self {
            Popup::Form(f) => f.hints(ctx),
            Popup::Help(_)
            | Popup::Pick(_)
            | Popup::Ask(_)
            | Popup::Batch(_)
            | Popup::Log(_)
            | Popup::Lock(_)
            | Popup::Import(_)
            | Popup::Tour(_) => ctx.keys.hints(&[self.table()]),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        match self {
            Popup::Help(h) => h.draw(frame, area, ctx),
            Popup::Form(f) => form::draw(frame, ctx, &f.form, area),
            Popup::Pick(p) => p.draw(frame, area, ctx),
            Popup::Ask(a) => a.draw(frame, area, ctx),
            Popup::Batch(b) => b.draw(frame, area, ctx),
            Popup::Log(l) => l.draw(frame, area, ctx),
            Popup::Lock(l) => l.draw(frame, area, ctx),
            Popup::Import(i) => i.draw(frame, area, ctx),
            Popup::Tour(x) => x.draw(frame, area, ctx),
        }
    }
}

/// Clears the ground of a pop-up. A wide character just left of it would
/// spill its second half over the border: it is blanked too.
pub fn clear(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let cell = &mut buf[(rect.x - 1, y)];
        if text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A box in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A bordered box with a title.
pub fn boxed<'a>(title: &'a str, ctx: &Ctx) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(ctx.theme.border)
        .title(Span::styled(format!(" {title} "), ctx.theme.title))
}
