//! The screens of the tab bar. Each is a unit: it owns its state, declares its
//! binding table, changes in `update` and draws in a `draw` that only reads.
//! A new screen is a new file here and one line in `screens!` below.

use anyhow::Result;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::action::Action;
use super::ctx::Ctx;
use super::forms::Target;
use super::jobs::Job;
use super::keymap::Decl;
use super::popups::Popup;
pub use super::popups::pick::Picking;
use crate::domain::text;
use crate::i18n::M;

/// What a screen asks of the app after an action.
#[derive(Debug)]
pub enum Effect {
    None,
    /// Show a child's case file (on the case screen).
    OpenCase(i64),
    /// Switch to a screen and give it an action there.
    Forward(ScreenId, Action),
    /// Open a form (a kept draft is offered back).
    Form(Target),
    /// Open a form with some of its fields filled in.
    FormWith(Target, Vec<(&'static str, String)>),
    /// Put a pop-up on top.
    Popup(Popup),
    /// Long work, done after the next frame has said "working".
    Work(Job),
    /// Switch to a screen.
    Show(ScreenId),
    /// Show the pairing ledger's findings of one check (or all of them).
    ShowCheck(Option<crate::domain::pairing::Check>),
}

/// One screen of the tab bar.
pub trait Screen {
    /// The registry changed (or the program started): read what is shown again.
    fn refresh(&mut self, ctx: &Ctx) -> Result<()>;

    /// The screen comes into view.
    fn shown(&mut self, _ctx: &Ctx) -> Result<()> {
        Ok(())
    }

    /// Applies an action of its table (or a global one it takes).
    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Result<Effect>;

    /// A text field of the screen's own that has the keys now (the search),
    /// named by its binding table; keys outside the table are its text.
    fn mode(&self) -> Option<&'static str> {
        None
    }

    /// A key typed into that text field.
    fn text(&mut self, _ev: &KeyEvent, _ctx: &Ctx) {}

    /// Text pasted while the screen has the keys.
    fn paste(&mut self, _text: &str, _ctx: &Ctx) {}

    /// What a pick-list that the screen opened chose.
    fn picked(&mut self, _purpose: Picking, _code: &str, _ctx: &mut Ctx) -> Result<Effect> {
        Ok(Effect::None)
    }

    /// The child the screen is on, if any.
    fn child(&self, _ctx: &Ctx) -> Option<i64> {
        None
    }

    /// Draws the screen's body; reads only.
    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx);
}

macro_rules! screens {
    ($($module:ident :: $ty:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// The screens, in the order of the tab bar.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ScreenId { $($ty),* }

        impl ScreenId {
            pub const ALL: &'static [ScreenId] = &[$(ScreenId::$ty),*];

            /// Its name in the key map file.
            pub fn name(self) -> &'static str {
                match self { $(ScreenId::$ty => stringify!($module)),* }
            }

            /// The words on its tab.
            pub fn title(self) -> M {
                match self { $(ScreenId::$ty => $module::$ty::TITLE),* }
            }

            /// Its binding table.
            pub fn keys(self) -> &'static [Decl] {
                match self { $(ScreenId::$ty => $module::$ty::KEYS),* }
            }
        }

        /// Every screen's state.
        pub struct Screens { $(pub $module: $module::$ty),* }

        impl Screens {
            pub fn new(ctx: &Ctx) -> Screens {
                Screens { $($module: $module::$ty::new(ctx)),* }
            }

            pub fn get(&self, id: ScreenId) -> &dyn Screen {
                match id { $(ScreenId::$ty => &self.$module),* }
            }

            pub fn get_mut(&mut self, id: ScreenId) -> &mut dyn Screen {
                match id { $(ScreenId::$ty => &mut self.$module),* }
            }
        }
    };
}

mod casefile;
mod register_keys;

screens! {
    today::Today,
    cases::Cases,
    visits::Visits,
    pairing::Pairing,
    referrals::Referrals,
    reports::Reports,
}

impl ScreenId {
    /// The tables its keys are looked up in: its own, the list moves, the global keys.
    pub fn chain(self) -> Vec<&'static str> {
        vec![self.name(), "list", "global"]
    }
}

/// A titled box; returns the inside.
pub fn panel(buf: &mut Buffer, area: Rect, ctx: &Ctx, title: &str, focused: bool) -> Rect {
    let style = if focused {
        ctx.theme.accent
    } else {
        ctx.theme.border
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(ratatui::text::Span::styled(
            format!(" {title} "),
            ctx.theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// The inside of a panel (for the rows a list can show).
pub fn inside(area: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(area)
}

/// Writes lines of text, cut to the width, from the top of `area`.
pub fn lines(buf: &mut Buffer, area: Rect, items: &[(String, Style)]) {
    for (i, (line, style)) in items.iter().take(area.height as usize).enumerate() {
        buf.set_stringn(
            area.x,
            area.y + i as u16,
            text::truncate(line, area.width as usize),
            area.width as usize,
            *style,
        );
    }
}
