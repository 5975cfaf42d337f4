//! Drawing: a pure function of the app's state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Popup, Tone};
use super::form::{Form, Kind};
use super::keymap::{self, Screen};
use super::screens;
use crate::domain::text;
use crate::i18n::{M, t, tf};

/// The smallest terminal shouhu draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [tabs, body, hints, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(frame, app, tabs);
    let buf = frame.buffer_mut();
    match app.screen {
        Screen::Today => screens::today::draw(buf, body, app),
        Screen::Cases => screens::cases::draw(buf, body, app),
        Screen::Visits => screens::visits::draw(buf, body, app),
        Screen::Reports => screens::reports::draw(buf, body, app),
        Screen::Pairing | Screen::Referrals => screens::later::draw(buf, body, app),
    }
    draw_hints(frame, app, hints);
    draw_status(frame, app, status);
    for popup in &app.popups {
        match popup {
            Popup::Help => draw_help(frame, app, body),
            Popup::Form(fp) => draw_form(frame, app, &fp.form, body),
            Popup::Pick(p) => draw_pick(frame, app, p, body),
            Popup::Ask { question, ask } => draw_ask(frame, app, question, *ask, body),
            Popup::Batch => screens::reports::draw_batch(frame, app, body),
        }
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = tf(
        M::TooSmall,
        &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let mut spans = vec![Span::styled(
        format!(" {} ", t(M::AppName)),
        app.theme.title,
    )];
    for (i, s) in Screen::ALL.iter().enumerate() {
        let style = if *s == app.screen {
            app.theme.tab_active
        } else {
            app.theme.tab
        };
        spans.push(Span::styled(format!(" {} {} ", i + 1, t(s.title())), style));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The keys of what has the focus: the form's, the search field's, or the screen's.
fn draw_hints(frame: &mut Frame, app: &App, area: Rect) {
    let th = &app.theme;
    let pairs: Vec<(String, String)> = match app.popups.last() {
        Some(Popup::Form(fp)) => form_hints(&fp.form),
        Some(Popup::Help) => vec![("Esc".into(), t(M::KeyClose).into())],
        Some(Popup::Ask { .. }) => vec![
            ("y".into(), t(M::Yes).into()),
            ("n/Esc".into(), t(M::No).into()),
        ],
        Some(Popup::Batch) => vec![
            ("Enter".into(), t(M::KeyEnterVisit).into()),
            ("s".into(), t(M::KeySkip).into()),
            ("Esc".into(), t(M::KeyFinish).into()),
        ],
        Some(Popup::Pick(_)) => vec![
            ("↑↓".into(), t(M::KeyUp).into()),
            ("Enter".into(), t(M::KeyPick).into()),
            ("Esc".into(), t(M::KeyClose).into()),
        ],
        None if app.searching => vec![
            ("Enter/↓".into(), t(M::KeySearchDone).into()),
            ("Esc".into(), t(M::KeySearchClear).into()),
        ],
        None => keymap::screen_bindings(app.screen)
            .iter()
            .chain(keymap::GLOBAL)
            .filter(|b| b.hint)
            .map(|b| (b.keys[0].label(), t(b.desc).to_string()))
            .collect(),
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, d) in pairs {
        let w = text::width(&k) + text::width(&d) + 3;
        if used + w > area.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {k}"), th.key));
        spans.push(Span::styled(format!(" {d} "), th.muted));
    }
    frame.render_widget(Line::from(spans), area);
}

fn form_hints(form: &Form) -> Vec<(String, String)> {
    let mut out = vec![
        ("C-S".to_string(), t(M::KeySave).to_string()),
        ("Enter".into(), t(M::KeyNextField).into()),
    ];
    match form.fields.get(form.focus).map(|f| &f.kind) {
        Some(Kind::Notes(_)) => {
            out[1] = ("Tab".into(), t(M::KeyNextField).into());
            out.push(("Enter".into(), t(M::KeyNewLine).into()));
        }
        Some(Kind::Choice(_) | Kind::Multi(_)) => out.push(("↑↓".into(), t(M::KeyPick).into())),
        Some(Kind::Date { .. }) => out.push(("t y -3 1115".into(), t(M::KeyDateShortcuts).into())),
        _ => {}
    }
    out.push(("Esc".into(), t(M::KeyClose).into()));
    out
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let th = &app.theme;
    let today = crate::domain::date::iso(app.today);
    // A message takes the line: only the date stays beside it.
    let Some((msg, tone)) = &app.status else {
        let db = app.store.path_label();
        let db = std::path::Path::new(&db)
            .file_name()
            .map_or(db.clone(), |n| n.to_string_lossy().into_owned());
        let left = format!(" {db} │ {today} │ {} {} ", app.township, app.officer);
        frame.render_widget(Line::from(Span::styled(left, th.muted)), area);
        return;
    };
    let style = match tone {
        Tone::Good => th.ok,
        Tone::Bad => th.danger,
        Tone::Info => th.accent,
    };
    let left = format!(" {today} │ ");
    let room = (area.width as usize).saturating_sub(text::width(&left));
    let spans = vec![
        Span::styled(left, th.muted),
        Span::styled(text::truncate(msg, room), style),
    ];
    frame.render_widget(Line::from(spans), area);
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
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn boxed<'a>(title: &'a str, app: &App) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

fn draw_help(frame: &mut Frame, app: &App, area: Rect) {
    let th = &app.theme;
    use keymap::Action::{Bottom, Down, GoTo, PageDown, PageUp, Top, Up};
    let mut lines = vec![Line::from(Span::styled(t(app.screen.title()), th.accent))];
    let keys_of = |b: &keymap::Binding| b.keys.iter().map(|k| k.label()).collect::<Vec<_>>();
    let row = |keys: String, desc: &str| {
        let keys = if text::width(&keys) < 16 {
            text::pad(&keys, 16)
        } else {
            format!("{keys}  ")
        };
        Line::from(vec![
            Span::styled(format!("  {keys}"), th.key),
            Span::styled(desc.to_string(), th.text),
        ])
    };
    // Moving and the screen numbers take a line each, so that the whole map
    // fits in 80x24.
    let moving =
        |b: &&keymap::Binding| matches!(b.action, Up | Down | PageUp | PageDown | Top | Bottom);
    let own = keymap::screen_bindings(app.screen);
    let moves: Vec<String> = own.iter().filter(moving).flat_map(keys_of).collect();
    if !moves.is_empty() {
        lines.push(row(moves.join(" "), t(M::KeyMove)));
    }
    for b in own.iter().filter(|b| !moving(b)) {
        lines.push(row(keys_of(b).join(" / "), t(b.desc)));
    }
    lines.push(row("1-6".into(), t(M::KeyScreens)));
    for b in keymap::GLOBAL
        .iter()
        .filter(|b| !matches!(b.action, GoTo(_)))
    {
        lines.push(row(keys_of(b).join(" / "), t(b.desc)));
    }
    let rect = centered(area, 64, area.height);
    // The forms' keys, wrapped by display width, in the rows that are left.
    let room = (rect.height as usize).saturating_sub(lines.len() + 3);
    let wrapped = text::wrap(t(M::HelpForms), rect.width.saturating_sub(2) as usize);
    if room > 0 {
        lines.push(Line::from(""));
        lines.extend(
            wrapped
                .into_iter()
                .take(room)
                .map(|l| Line::from(Span::styled(l, th.muted))),
        );
    }
    clear(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(boxed(t(M::KeyHelp), app)), rect);
}

fn draw_ask(frame: &mut Frame, app: &App, question: &str, ask: super::app::Ask, area: Rect) {
    let rect = centered(area, 64, 6);
    clear(frame, rect);
    let lines = vec![
        Line::from(Span::styled(question, app.theme.text)),
        Line::from(Span::styled(
            t(if ask == super::app::Ask::DiscardForm {
                M::AskKeysDiscard
            } else {
                M::AskKeys
            }),
            app.theme.key,
        )),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(boxed(t(M::AskTitle), app))
            .wrap(Wrap { trim: false }),
        rect,
    );
}

fn draw_pick(frame: &mut Frame, app: &App, pick: &super::app::Pick, area: Rect) {
    let matches = pick.field.matches();
    let height = (matches.len() as u16 + 3).min(area.height);
    let rect = centered(area, 56, height);
    clear(frame, rect);
    let block = boxed(&pick.title, app);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let input = Line::from(vec![
        Span::styled("> ", app.theme.key),
        Span::styled(pick.field.text.clone(), app.theme.input),
    ]);
    frame.render_widget(input, Rect::new(inner.x, inner.y, inner.width, 1));
    frame.set_cursor_position(Position::new(
        inner.x + 2 + pick.field.cursor_cells() as u16,
        inner.y,
    ));
    draw_options(
        frame,
        app,
        &pick.field,
        Rect::new(
            inner.x,
            inner.y + 1,
            inner.width,
            inner.height.saturating_sub(1),
        ),
    );
}

/// The numbered options of a pick-list, the highlighted one marked.
fn draw_options(frame: &mut Frame, app: &App, field: &super::form::Field, area: Rect) {
    let th = &app.theme;
    let matches = field.matches();
    let start = field
        .highlight
        .saturating_sub(area.height.saturating_sub(1) as usize);
    for (n, (i, opt)) in matches
        .iter()
        .enumerate()
        .skip(start)
        .take(area.height as usize)
    {
        let picked = field.picked.contains(&opt.code);
        let style = if n == field.highlight && !field.text.is_empty() {
            th.selection
        } else if picked {
            th.accent
        } else {
            th.text
        };
        let mark = if picked { "✓" } else { " " };
        let line = format!("{mark}{:>2} {}", i + 1, opt.label);
        frame.buffer_mut().set_stringn(
            area.x,
            area.y + (n - start) as u16,
            text::truncate(&line, area.width as usize),
            area.width as usize,
            style,
        );
    }
}

/// A form fills the body: labels, values, errors at the field, the options of
/// the focused pick-list on the right.
fn draw_form(frame: &mut Frame, app: &App, form: &Form, area: Rect) {
    let th = &app.theme;
    clear(frame, area);
    let block = boxed(&form.title, app);
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
            }
            _ => {
                // Wide enough for an address; the rest of the line for remarks.
                let value_w = ((vw as usize) * 3 / 5).max(12);
                let typing = is_focus && (!f.is_pick() || !f.text.is_empty());
                let (shown, cx) = if typing {
                    // Text longer than the field scrolls so that the cursor shows.
                    window(&f.text, f.cursor, value_w)
                } else {
                    (text::truncate(&f.display(), value_w), 0)
                };
                let style = if is_focus { th.focus } else { th.input };
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
        draw_options(frame, app, focused, inner);
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
