//! The audit log as a pop-up: a child's work log from the case file, or the
//! whole log (prints, exports, settings, every change) from 报表.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Reply, boxed, clear};
use crate::domain::text;
use crate::i18n::{M, t, tf};
use crate::store::AuditEntry;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{Decl, hint, normalize, quiet};
use crate::tui::table::{self, Scroll};

pub const KEYS: &[Decl] = &[
    hint(Action::Up),
    hint(Action::Down),
    quiet(Action::PageUp),
    quiet(Action::PageDown),
    hint(Action::Close),
];

#[derive(Debug)]
pub struct Log {
    pub title: String,
    pub entries: Vec<AuditEntry>,
    pub sel: usize,
    scroll: Scroll,
}

/// An entry in the officer's words: `11-23 08:00 李芳 修改档案 监护人电话 138… → 139…`.
pub fn words(e: &AuditEntry) -> String {
    let at = e.at.replace('T', " ");
    let at = at.get(5..16).unwrap_or(&at);
    let action = match e.action.as_str() {
        "insert" => t(M::LogInsert),
        "update" => t(M::LogUpdate),
        "delete" => t(M::LogDelete),
        "export" => t(M::LogExport),
        "print" => t(M::LogPrint),
        "set" => t(M::LogSet),
        other => other,
    };
    let what = match e.table.as_str() {
        "children" => t(M::LogChild),
        "visits" => t(M::LogVisit),
        "worklists" => t(M::LogWorklist),
        "settings" => t(M::LogSettings),
        other => other,
    };
    let sep = if crate::i18n::lang() == crate::i18n::Lang::En {
        " "
    } else {
        ""
    };
    format!(
        "{at} {} {action}{sep}{what} {}",
        e.officer,
        changes(&e.changes)
    )
}

/// A value cut short for one line.
fn short(v: &serde_json::Value) -> String {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    if text.is_empty() {
        return "（空）".into();
    }
    if text::width(&text) > 12 {
        format!("{}…", text::truncate(&text, 11).trim_end_matches('…'))
    } else {
        text
    }
}

/// What changed, as words: each field by its name on the paper form, old → new.
fn changes(raw: &str) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(raw) else {
        return raw.to_string();
    };
    // An export or a print: what, how many rows, ID numbers how, which file.
    if let (Some(rows), Some(file)) = (map.get("rows"), map.get("file").and_then(|f| f.as_str())) {
        let ids = match map.get("ids").and_then(|i| i.as_str()) {
            Some("full") => t(M::ExportFull),
            Some(_) => t(M::ExportMasked),
            None => "",
        };
        let what = map.get("what").and_then(|w| w.as_str()).unwrap_or("");
        return format!("{what} {rows} {} {ids} → {file}", t(M::LogRows));
    }
    let label = |key: &str| {
        crate::io::columns::CHILDREN
            .iter()
            .chain(crate::io::columns::VISITS)
            .find(|c| c.key == key)
            .map_or_else(|| key.to_string(), |c| c.zh.to_string())
    };
    map.iter()
        .map(|(k, v)| match v {
            serde_json::Value::Array(pair) if pair.len() == 2 => {
                format!("{} {} → {}", label(k), short(&pair[0]), short(&pair[1]))
            }
            other => format!("{} {}", label(k), short(other)),
        })
        .collect::<Vec<_>>()
        .join("；")
}

impl Log {
    pub fn new(title: String, entries: Vec<AuditEntry>) -> Log {
        Log {
            title,
            entries,
            sel: 0,
            scroll: Scroll::default(),
        }
    }

    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        let action = ctx.keys.lookup(&["log"], &normalize(*ev));
        if action == Some(Action::Close) {
            return Reply::Close;
        }
        if let Some(by) = action.and_then(table::step_of) {
            self.sel = table::moved(self.sel, by, self.entries.len());
            // The list's rows: the body less the border, the title row and
            // the two lines of the whole entry.
            let rows = ctx.body.height.saturating_sub(5) as usize;
            self.scroll.follow(self.sel, rows, self.entries.len());
        }
        Reply::Consumed
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        clear(frame, area);
        let title = tf(M::LogTitle, &[&self.title, &self.entries.len()]);
        let block = boxed(&title, ctx);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.entries.is_empty() {
            let none = t(M::LogNone);
            frame
                .buffer_mut()
                .set_stringn(inner.x, inner.y, none, inner.width as usize, th.muted);
            return;
        }
        let list = Rect::new(
            inner.x,
            inner.y,
            inner.width,
            inner.height.saturating_sub(2),
        );
        let cols = [table::Column::new(t(M::WorkLog), 0)];
        let len = self.entries.len();
        table::draw(
            frame.buffer_mut(),
            list,
            th,
            &cols,
            len,
            Some(self.sel),
            self.scroll,
            |i| (vec![words(&self.entries[i])], th.text),
        );
        // The selected entry whole, on the last two lines.
        if let Some(e) = self.entries.get(self.sel) {
            let width = inner.width as usize;
            for (n, line) in text::wrap(&words(e), width).into_iter().take(2).enumerate() {
                let y = inner.bottom().saturating_sub(2) + n as u16;
                frame
                    .buffer_mut()
                    .set_stringn(inner.x, y, line, width, th.accent);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_as_a_sentence() {
        let e = AuditEntry {
            at: "2026-11-23T08:05:00Z".into(),
            officer: "李芳".into(),
            action: "update".into(),
            changes: r#"{"guardian_phone":["13800001111","13900002222"]}"#.into(),
            table: "children".into(),
        };
        let w = words(&e);
        assert!(
            w.starts_with("11-23 08:05 李芳 修改档案 监护人电话 "),
            "{w}"
        );
        assert!(w.contains(" → ") && !w.contains('{'), "{w}");
    }
}
