//! 结对, 转介: what exists so far on these screens.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{lines, panel};
use crate::i18n::{M, t};
use crate::tui::app::App;
use crate::tui::keymap::Screen;

pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let (title, body) = match app.screen {
        Screen::Referrals => (M::TabReferrals, M::ReferralsLater),
        _ => (M::TabPairing, M::PairingLater),
    };
    let inner = panel(buf, area, app, t(title), true);
    let text: Vec<(String, ratatui::style::Style)> = t(body)
        .lines()
        .map(|l| (l.to_string(), app.theme.text))
        .collect();
    lines(buf, inner, &text);
}
