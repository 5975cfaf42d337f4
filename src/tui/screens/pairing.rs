//! 结对 Pairing: the pairing ledger (to come).

use anyhow::Result;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Effect, Screen, placeholder};
use crate::i18n::M;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::Decl;

pub struct Pairing;

impl Pairing {
    pub const TITLE: M = M::TabPairing;
    pub const KEYS: &'static [Decl] = &[];

    pub fn new(_ctx: &Ctx) -> Pairing {
        Pairing
    }
}

impl Screen for Pairing {
    fn refresh(&mut self, _ctx: &Ctx) -> Result<()> {
        Ok(())
    }

    fn update(&mut self, _action: Action, _ctx: &mut Ctx) -> Result<Effect> {
        Ok(Effect::None)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        placeholder(frame, area, ctx, Self::TITLE, M::PairingLater);
    }
}
