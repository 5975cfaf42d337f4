//! 走访 Visits: the visits recorded lately, newest first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{lines, panel};
use crate::domain::date;
use crate::i18n::{M, t, tf};
use crate::tui::app::App;
use crate::tui::table::{self, Column};

pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let inner = panel(
        buf,
        area,
        app,
        &tf(M::VisitsTitle, &[&app.visits_recent.len()]),
        true,
    );
    if app.visits_recent.is_empty() {
        lines(
            buf,
            inner,
            &[(t(M::VisitsNone).to_string(), app.theme.muted)],
        );
        return;
    }
    let cols = [
        Column::new(t(M::VisitDate), 10),
        Column::new(t(M::ColName), 8),
        Column::new(t(M::VisitKindLabel), 8),
        Column::new(t(M::VisitVisitor), 8),
        Column::new(t(M::VisitNotes), 0),
    ];
    table::draw(
        buf,
        inner,
        &app.theme,
        &cols,
        app.visits_recent.len(),
        Some(app.visit_sel),
        &app.visit_scroll,
        |i| {
            let (v, name) = &app.visits_recent[i];
            (
                vec![
                    date::iso(v.date),
                    name.clone(),
                    v.kind.label().to_string(),
                    v.visitor.clone(),
                    v.notes.lines().next().unwrap_or("").to_string(),
                ],
                app.theme.text,
            )
        },
    );
}
