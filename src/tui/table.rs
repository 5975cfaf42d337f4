//! The one data table of the program: columns measured in display cells, only
//! the rows on screen drawn, a selection kept in view, per-row styles; the
//! rows a table shows in an area, for keeping its selection in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::theme::Theme;
use crate::domain::text;

/// A column: its title and width in cells (0: take what is left).
pub struct Column {
    pub title: String,
    pub width: u16,
    pub right: bool,
}

impl Column {
    pub fn new(title: impl Into<String>, width: u16) -> Column {
        Column {
            title: title.into(),
            width,
            right: false,
        }
    }

    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }
}

/// The place columns of a list of children: 村; in a county file (villages
/// 「镇·村」) 乡镇 and 村.
pub fn place_columns(county: bool) -> Vec<Column> {
    let village = Column::new(crate::i18n::t(crate::i18n::M::ColVillageShort), 8);
    if county {
        vec![
            Column::new(crate::i18n::t(crate::i18n::W::ColTownship), 6),
            village,
        ]
    } else {
        vec![village]
    }
}

/// A village's cells under [`place_columns`].
pub fn place_cells(village: &str, county: bool) -> Vec<String> {
    match village.split_once('·') {
        Some((town, name)) if county => vec![town.to_string(), name.to_string()],
        _ if county => vec![String::new(), village.to_string()],
        _ => vec![village.to_string()],
    }
}

/// Where a list is scrolled to: moved in `update` as the selection moves, so
/// that drawing only reads it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub offset: usize,
}

impl Scroll {
    /// The first row to draw so that `selected` is visible in `height` rows,
    /// moving as little as possible from the kept offset.
    pub fn first(&self, selected: usize, height: usize, len: usize) -> usize {
        let mut off = self.offset.min(len.saturating_sub(1));
        if height == 0 {
            return off;
        }
        if selected < off {
            off = selected;
        } else if selected >= off + height {
            off = selected + 1 - height;
        }
        off
    }

    /// Keeps `selected` in view of `height` rows (after a move, in `update`).
    pub fn follow(&mut self, selected: usize, height: usize, len: usize) {
        self.offset = self.first(selected, height, len);
    }

    pub fn reset(&mut self) {
        self.offset = 0;
    }
}

/// A selection moved by `by` rows within `len`.
pub fn moved(sel: usize, by: i64, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (sel as i64 + by).clamp(0, len as i64 - 1) as usize
}

/// How far a move action goes.
pub fn step_of(action: crate::tui::action::Action) -> Option<i64> {
    use crate::tui::action::Action;
    Some(match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -10,
        Action::PageDown => 10,
        Action::Top => -1_000_000,
        Action::Bottom => 1_000_000,
        _ => return None,
    })
}

/// Draws `len` rows, asking `row(i)` only for the rows on screen.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    buf: &mut Buffer,
    area: Rect,
    theme: &Theme,
    columns: &[Column],
    len: usize,
    selected: Option<usize>,
    scroll: Scroll,
    row: impl Fn(usize) -> (Vec<String>, Style),
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let fixed: u16 = columns.iter().map(|c| c.width + 1).sum();
    let fill = area.width.saturating_sub(fixed);
    let widths: Vec<u16> = columns
        .iter()
        .map(|c| if c.width == 0 { fill } else { c.width })
        .collect();
    let line = |buf: &mut Buffer, y: u16, cells: &[String], style: Style| {
        // A row of one cell (a group's title or totals) spans the table.
        if let [only] = cells {
            let room = area.width as usize;
            buf.set_stringn(area.x, y, text::truncate(only, room), room, style);
            return;
        }
        let mut x = area.x;
        for ((cell, w), col) in cells.iter().zip(&widths).zip(columns) {
            let room = (area.right().saturating_sub(x)).min(*w) as usize;
            if room == 0 {
                break;
            }
            let t = text::truncate(cell, room);
            let pad = if col.right { room - text::width(&t) } else { 0 };
            buf.set_stringn(x + pad as u16, y, &t, room, style);
            x = x.saturating_add(*w + 1);
        }
    };
    let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
    line(buf, area.y, &titles, theme.title);
    let height = (area.height - 1) as usize;
    let sel = selected.unwrap_or(0).min(len.saturating_sub(1));
    let off = scroll.first(sel, height, len);
    for (n, i) in (off..len).take(height).enumerate() {
        let y = area.y + 1 + n as u16;
        let (cells, mut style) = row(i);
        if selected == Some(i) {
            style = theme.selection;
            buf.set_style(Rect::new(area.x, y, area.width, 1), style);
        }
        line(buf, y, &cells, style);
    }
}

/// The rows a table shows in `area` (its title takes one).
pub fn rows_in(area: Rect) -> usize {
    area.height.saturating_sub(1) as usize
}
