//! 转介 Referrals: mandatory reports and referrals (to come).

use anyhow::Result;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Effect, Screen, placeholder};
use crate::i18n::M;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::Decl;

pub struct Referrals;

impl Referrals {
    pub const TITLE: M = M::TabReferrals;
    pub const KEYS: &'static [Decl] = &[];

    pub fn new(_ctx: &Ctx) -> Referrals {
        Referrals
    }
}

impl Screen for Referrals {
    fn refresh(&mut self, _ctx: &Ctx) -> Result<()> {
        Ok(())
    }

    fn update(&mut self, _action: Action, _ctx: &mut Ctx) -> Result<Effect> {
        Ok(Effect::None)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        placeholder(frame, area, ctx, Self::TITLE, M::ReferralsLater);
    }
}
