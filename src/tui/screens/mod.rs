//! One module per screen; each draws from the app's state.

pub mod cases;
pub mod later;
pub mod reports;
pub mod today;
pub mod visits;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::app::App;
use crate::domain::text;

/// A titled box; returns the inside.
pub fn panel(buf: &mut Buffer, area: Rect, app: &App, title: &str, focused: bool) -> Rect {
    let style = if focused {
        app.theme.accent
    } else {
        app.theme.border
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(ratatui::text::Span::styled(
            format!(" {title} "),
            app.theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
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
