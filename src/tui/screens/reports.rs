//! 报表 Print & reports: the weekly worklist previewed as it will print, the
//! quarterly report, exports and backup; and the card of batch entry.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{lines, panel};
use crate::domain::date;
use crate::i18n::{M, t, tf};
use crate::tui::app::App;
use crate::tui::table::{self, Column};

pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let th = &app.theme;
    let title = app.report_title();
    let inner = panel(buf, area, app, &title, true);
    let Some(doc) = &app.rep_doc else {
        lines(buf, inner, &[(t(M::Working).to_string(), th.muted)]);
        return;
    };
    let meta: Vec<(String, ratatui::style::Style)> =
        doc.meta.iter().map(|m| (m.clone(), th.muted)).collect();
    let top = (meta.len() as u16).min(2);
    lines(buf, Rect::new(inner.x, inner.y, inner.width, top), &meta);
    let area = Rect::new(
        inner.x,
        inner.y + top,
        inner.width,
        inner.height.saturating_sub(top),
    );
    // The first column stays; ← → scroll the others.
    let skip = |i: &usize| *i == 0 || *i > app.rep_col;
    let cols: Vec<Column> = doc
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| skip(i))
        .map(|(_, c)| Column::new(c.header.clone(), c.cells.min(18) as u16))
        .collect();
    table::draw(
        buf,
        area,
        th,
        &cols,
        app.rep_lines.len(),
        Some(app.rep_sel),
        &app.rep_scroll,
        |i| {
            let (cells, group) = &app.rep_lines[i];
            let shown = if *group {
                cells.clone()
            } else {
                cells
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| skip(i))
                    .map(|(_, c)| c.clone())
                    .collect()
            };
            (shown, if *group { th.title } else { th.text })
        },
    );
}

/// The card of batch entry: the next child of the returned sheet, or the summary.
pub fn draw_batch(frame: &mut Frame, app: &App, area: Rect) {
    let Some(b) = &app.batch else { return };
    let th = &app.theme;
    let w = 60.min(area.width);
    let h = 10.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    crate::tui::view::clear(frame, rect);
    let title = tf(
        M::BatchTitle,
        &[
            &b.list.week,
            &b.list.village,
            &date::iso(b.week.0),
            &date::iso(b.week.1),
        ],
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.accent)
        .title(Span::styled(format!(" {title} "), th.title));
    let mut text: Vec<Line> = Vec::new();
    if b.done {
        text.push(Line::from(Span::styled(
            tf(
                M::BatchDone,
                &[&b.entered, &b.skipped, &app.batch_still_due()],
            ),
            th.ok,
        )));
    } else if let Some(&child) = b.rows.get(b.pos) {
        text.push(Line::from(Span::styled(
            tf(M::BatchPosition, &[&(b.pos + 1), &b.rows.len()]),
            th.muted,
        )));
        match app.due_at.get(&child).map(|&i| &app.triage[i]) {
            Some(r) => {
                let cats: Vec<&str> = r.categories.iter().map(|c| c.label()).collect();
                text.push(Line::from(Span::styled(
                    format!("{}  {}", r.name, r.village),
                    th.accent,
                )));
                text.push(Line::from(Span::styled(cats.join("、"), th.text)));
                let last = r
                    .due
                    .last_visit
                    .map(date::iso)
                    .unwrap_or_else(|| "—".into());
                let style = if r.due.overdue_days > 0 {
                    th.danger
                } else {
                    th.text
                };
                text.push(Line::from(Span::styled(
                    tf(M::BatchLastVisit, &[&last, &date::iso(r.due.next_due)]),
                    style,
                )));
            }
            None => {
                let name = b.gone.clone().unwrap_or_default();
                text.push(Line::from(Span::styled(
                    tf(M::BatchGone, &[&name]),
                    th.warning,
                )));
            }
        }
        if let Some(v) = &b.visited {
            text.push(Line::from(Span::styled(
                tf(M::BatchVisited, &[&date::iso(v.date), &v.kind.label()]),
                th.warning,
            )));
        }
    }
    text.push(Line::from(""));
    let keys = if b.done {
        format!("Enter/Esc {}", t(M::KeyClose))
    } else {
        format!(
            "Enter {}   s {}   Esc {}",
            t(M::KeyEnterVisit),
            t(M::KeySkip),
            t(M::KeyFinish)
        )
    };
    text.push(Line::from(Span::styled(keys, th.key)));
    frame.render_widget(Paragraph::new(text).block(block), rect);
}
