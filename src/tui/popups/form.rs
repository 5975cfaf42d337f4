//! A form as a pop-up over the screen: the form's binding table says which
//! keys save, cancel and move between fields; the rest are typed.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};

use super::pick::draw_options;
use super::{Reply, boxed, clear};
use crate::domain::text;
use crate::i18n::{M, t, tf};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::form::{Form, Kind, Outcome};
use crate::tui::forms::Target;
use crate::tui::keymap::{Decl, hint, quiet};

pub const KEYS: &[Decl] = &[
    quiet(Action::Help),
    hint(Action::Save),
    hint(Action::Advance),
    quiet(Action::NextField),
    quiet(Action::PrevField),
    quiet(Action::ClearField),
    quiet(Action::AllOk),
    quiet(Action::NewLine),
    hint(Action::Cancel),
];

#[derive(Debug)]
pub struct FormPopup {
    pub form: Form,
    pub target: Target,
    /// The draft offered back when the form opened, until answered.
    pub offered: Option<serde_json::Value>,
    /// An empty home visit was asked about once (saved as 情况正常 or as it is).
    pub asked_empty: bool,
}

impl FormPopup {
    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        // Not normalised: a full-width character is text here.
        let action = ctx.keys.lookup(&["form"], ev);
        if action == Some(Action::Help) {
            return Reply::Help;
        }
        match self.form.key(*ev, action) {
            Outcome::Nothing => Reply::Consumed,
            Outcome::Changed => Reply::FormChanged,
            Outcome::Save => Reply::FormSave,
            Outcome::Cancel => Reply::FormCancel,
        }
    }

    /// Whether the focused field is a note of several lines.
    pub fn in_note(&self) -> bool {
        matches!(
            self.form.fields.get(self.form.focus).map(|f| &f.kind),
            Some(Kind::Notes(_))
        )
    }

    pub fn paste(&mut self, text: &str) -> Reply {
        match self.form.paste(text) {
            Outcome::Changed => Reply::FormChanged,
            _ => Reply::Consumed,
        }
    }

    /// The keys of the focused field: the table's, and what the field adds.
    pub fn hints(&self, ctx: &Ctx) -> Vec<(String, String)> {
        let label = |a: Action| {
            ctx.keys
                .table("form")
                .iter()
                .find(|b| b.action == a)
                .map(|b| b.label())
                .unwrap_or_default()
        };
        let mut out = vec![
            (label(Action::Save), t(M::KeySave).to_string()),
            (label(Action::Advance), t(M::KeyNextField).to_string()),
        ];
        let focused_key = self.form.fields.get(self.form.focus).map_or("", |f| f.key);
        match self.form.fields.get(self.form.focus).map(|f| &f.kind) {
            Some(Kind::Notes(_)) => {
                out.push((label(Action::NewLine), t(M::KeyNewLine).into()));
            }
            Some(Kind::Choice(_)) if focused_key.starts_with("f_") => {
                out.push((label(Action::AllOk), t(M::KeyAllOk).into()))
            }
            Some(Kind::Choice(_) | Kind::Multi(_)) => out.push(("↑↓".into(), t(M::KeyPick).into())),
            Some(Kind::Date { .. }) => {
                out.push(("t y -3 1115".into(), t(M::KeyDateShortcuts).into()))
            }
            _ => {}
        }
        out.push((label(Action::Cancel), t(M::KeyClose).into()));
        out
    }
}

/// A form fills the body: labels, values, errors at the field, the options of
/// the focused pick-list on the right.
pub fn draw(frame: &mut Frame, ctx: &Ctx, form: &Form, area: Rect) {
    let th = &ctx.theme;
    clear(frame, area);
    let block = boxed(&form.title, ctx);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [main, message] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let focused = &form.fields[form.focus];
    let side = if focused.is_pick() { 26 } else { 0 };
    let [list, options] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(side)]).areas(main);
    let label_w = 14usize;
    // Rows each field takes: notes get four when focused, one otherwise.
    let rows = |i: usize| -> u16 {
        if i == form.focus && matches!(form.fields[i].kind, Kind::Notes(_)) {
            4
        } else {
            1
        }
    };
    let height = list.height;
    let mut first = 0;
    while (first..=form.focus).map(rows).sum::<u16>() > height && first < form.focus {
        first += 1;
    }
    let mut y = list.y;
    for i in first..form.fields.len() {
        let f = &form.fields[i];
        let h = rows(i);
        if y + h > list.bottom() {
            break;
        }
        let is_focus = i == form.focus;
        let mark = if f.required { "*" } else { " " };
        let label = text::pad(&format!("{mark}{}", f.label), label_w);
        let label_style = if f.error.is_some() {
            th.error
        } else if is_focus {
            th.accent
        } else {
            th.muted
        };
        frame
            .buffer_mut()
            .set_stringn(list.x, y, &label, label_w, label_style);
        let vx = list.x + label_w as u16 + 1;
        let vw = list.width.saturating_sub(label_w as u16 + 1);
        match &f.kind {
            Kind::Notes(area) if is_focus => {
                frame.render_widget(&**area, Rect::new(vx, y, vw, h));
                // The terminal's cursor where the typing goes: a Chinese
                // input method opens its candidate window there.
                let ratatui_textarea::DataCursor(row, col) = area.cursor();
                let line = area.lines().get(row).map_or("", String::as_str);
                let before: String = line.chars().take(col).collect();
                let cx = (text::width(&before) as u16).min(vw.saturating_sub(1));
                let cy = (row as u16).min(h.saturating_sub(1));
                frame.set_cursor_position(Position::new(vx + cx, y + cy));
            }
            _ => {
                // Wide enough for an address; the rest of the line for remarks.
                let value_w = ((vw as usize) * 3 / 5).max(12);
                let typing = is_focus && (!f.is_pick() || !f.text.is_empty());
                let (shown, cx) = if typing {
                    // Text longer than the field scrolls so that the cursor shows.
                    window(&f.typed(), f.cursor, value_w)
                } else {
                    (text::truncate(&f.display(), value_w), 0)
                };
                // A value ready to be replaced shows selected, as a spreadsheet cell.
                let style = match (is_focus, f.fresh) {
                    (true, true) => th.selection,
                    (true, false) => th.focus,
                    _ => th.input,
                };
                frame
                    .buffer_mut()
                    .set_style(Rect::new(vx, y, value_w as u16, 1), style);
                frame
                    .buffer_mut()
                    .set_stringn(vx, y, &shown, value_w, style);
                if is_focus {
                    frame.set_cursor_position(Position::new(vx + cx as u16, y));
                }
                // The error, or a remark, after the value.
                let rx = vx + value_w as u16 + 1;
                let room = list.right().saturating_sub(rx) as usize;
                let (remark, style) = match (&f.error, &f.note) {
                    (Some(e), _) => (e.clone(), th.error),
                    (None, Some(n)) if matches!(f.kind, Kind::Date { .. }) && *n == f.text => {
                        (String::new(), th.muted)
                    }
                    (None, Some(n)) => (n.clone(), th.muted),
                    _ => (String::new(), th.muted),
                };
                if room > 0 && !remark.is_empty() {
                    frame.buffer_mut().set_stringn(
                        rx,
                        y,
                        text::truncate(&remark, room),
                        room,
                        style,
                    );
                }
            }
        }
        y += h;
    }
    if side > 0 {
        let block = Block::default()
            .borders(Borders::LEFT)
            .border_style(th.border);
        let inner = block.inner(options);
        frame.render_widget(block, options);
        draw_options(frame, ctx, focused, inner, false);
    }
    // The focused field's whole error first: the one beside it may be cut.
    let (msg, style) = match (&form.message, &focused.error) {
        (_, Some(e)) => (tf(M::FieldError, &[&focused.label.trim(), e]), th.error),
        (Some(m), None) => (m.clone(), th.error),
        _ => (
            tf(M::FormPosition, &[&(form.focus + 1), &form.fields.len()]),
            Style::default().patch(th.muted),
        ),
    };
    frame.buffer_mut().set_stringn(
        message.x,
        message.y,
        text::truncate(&msg, message.width as usize),
        message.width as usize,
        style,
    );
}

/// The part of `text` to show in `width` cells with the cursor (at character
/// `cursor`) visible, and the cursor's cell within it.
fn window(text: &str, cursor: usize, width: usize) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let cursor = cursor.min(chars.len());
    let w = |cs: &[char]| {
        cs.iter()
            .map(|c| text::width(&c.to_string()))
            .sum::<usize>()
    };
    let mut start = 0;
    // Keep one cell for the cursor itself.
    while start < cursor && w(&chars[start..cursor]) + 1 > width {
        start += 1;
    }
    let visible: String = chars[start..].iter().collect();
    (text::truncate(&visible, width), w(&chars[start..cursor]))
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_in_view() {
        assert_eq!(window("短", 1, 10), ("短".to_string(), 2));
        let long = "青山村三组四十五号张家院子后面";
        let (shown, cx) = window(long, long.chars().count(), 11);
        assert!(shown.ends_with("后面") && cx <= 10, "{shown} {cx}");
        let (shown, cx) = window(long, 0, 11);
        assert!(shown.starts_with("青山") && cx == 0);
    }
}
