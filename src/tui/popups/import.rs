//! Importing a sheet from the screen: before anything is written, each
//! column and the field it goes to, the columns left out, the first children
//! as they will be saved, the problems by row. `m` gives a column a field;
//! the mapping is saved under the file's name and used again for a sheet
//! with the same header. `Enter` imports all or nothing; `s` sets the bad
//! rows aside in a file of their own.

use std::path::PathBuf;

use anyhow::Result;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Reply, boxed, clear};
use crate::domain::{idnum, text};
use crate::i18n::{M, t, tf};
use crate::io::import::templates::{self, Template};
use crate::io::import::{Options, Preview, preview_children};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{Decl, hint, normalize};
use crate::tui::table::{self, Scroll};

pub const KEYS: &[Decl] = &[
    hint(Action::Up),
    hint(Action::Down),
    hint(Action::MapColumn),
    hint(Action::ImportAll),
    hint(Action::ImportValid),
    hint(Action::Close),
];

#[derive(Debug)]
pub struct ImportPreview {
    pub path: PathBuf,
    /// The mapping name: the file's, or the saved one this header matched.
    pub name: String,
    pub template: Template,
    pub preview: Preview,
    /// The column chosen (for `m`).
    pub sel: usize,
    scroll: Scroll,
}

/// What the pop-up asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Import {
    /// All or nothing (`false`), or the valid rows with the bad set aside.
    Now { skip_invalid: bool },
}

impl ImportPreview {
    /// Reads the sheet and makes the preview (nothing is written).
    pub fn open(path: PathBuf, ctx: &Ctx) -> Result<ImportPreview> {
        let headers = crate::io::sheet::read(&path)?.headers;
        let (name, template) = match templates::matching(&ctx.store, &headers)? {
            Some((name, t)) => (name, t),
            None => (
                path.file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
                Template {
                    headers,
                    map: Vec::new(),
                },
            ),
        };
        let mut p = ImportPreview {
            path,
            name,
            template,
            preview: Preview::default(),
            sel: 0,
            scroll: Scroll::default(),
        };
        p.reread(ctx)?;
        Ok(p)
    }

    fn reread(&mut self, ctx: &Ctx) -> Result<()> {
        let opts = Options {
            today: ctx.today,
            skip_invalid: false,
            progress: None,
            defaults: Default::default(),
            template: Some(&self.template),
        };
        self.preview = preview_children(&ctx.store, &self.path, opts)?;
        Ok(())
    }

    /// A column given a field (from the pick-list of fields): the mapping is
    /// saved and the preview made again.
    pub fn mapped(&mut self, key: &str, ctx: &mut Ctx) -> Result<()> {
        let Some((header, _)) = self.preview.columns.get(self.sel) else {
            return Ok(());
        };
        let header = header.clone();
        self.template.map.retain(|(h, _)| *h != header);
        self.template.map.push((header, key.to_string()));
        templates::save(&mut ctx.store, &self.name, &self.template)?;
        self.reread(ctx)
    }

    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        match ctx.keys.lookup(&["import"], &normalize(*ev)) {
            Some(Action::Close) => Reply::Close,
            Some(Action::MapColumn) => Reply::MapColumn,
            Some(Action::ImportAll) => Reply::Import(Import::Now {
                skip_invalid: false,
            }),
            Some(Action::ImportValid) => Reply::Import(Import::Now { skip_invalid: true }),
            Some(a) => {
                if let Some(by) = table::step_of(a) {
                    let len = self.preview.columns.len();
                    self.sel = table::moved(self.sel, by, len);
                    self.scroll.follow(self.sel, 7, len);
                }
                Reply::Consumed
            }
            None => Reply::Consumed,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        clear(frame, area);
        let file = self
            .path
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let title = tf(M::ImportPreviewTitle, &[&file]);
        let block = boxed(&title, ctx);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let p = &self.preview;
        let mut lines: Vec<(String, Style)> = Vec::new();
        // The columns and their fields: a window of seven around the one chosen.
        let first = self.scroll.first(self.sel, 7, p.columns.len());
        for (i, (h, field)) in p.columns.iter().enumerate().skip(first).take(7) {
            let to = field.map_or_else(|| t(M::ImportLeftOut).to_string(), str::to_string);
            let style = if i == self.sel {
                th.selection
            } else if field.is_none() && !h.is_empty() {
                th.warning
            } else {
                th.text
            };
            lines.push((format!("{h} → {to}"), style));
        }
        let out = &p.outcome;
        lines.push((
            tf(M::ImportPreviewCounts, &[&p.valid, &out.rejected]),
            th.title,
        ));
        for c in p.first.iter().take(4) {
            let id = if c.id_number.is_empty() {
                String::new()
            } else {
                idnum::mask(&c.id_number)
            };
            let cats: Vec<&str> = c.categories.iter().map(|x| x.label()).collect();
            lines.push((
                format!("{} {} {} {}", c.name, id, c.village, cats.join("、")),
                th.text,
            ));
        }
        for w in out.warnings.iter().take(2) {
            lines.push((w.clone(), th.muted));
        }
        for problem in out.problems.iter().take(5) {
            lines.push((problem.to_string(), th.danger));
        }
        let buf = frame.buffer_mut();
        for (i, (line, style)) in lines.iter().take(inner.height as usize).enumerate() {
            buf.set_stringn(
                inner.x,
                inner.y + i as u16,
                text::truncate(line, inner.width as usize),
                inner.width as usize,
                *style,
            );
        }
    }
}

/// The fields a column can be given, for the pick-list of `m`.
pub fn field_options() -> Vec<crate::tui::field::Opt> {
    let mut opts = vec![crate::tui::field::Opt::new("", t(M::ImportLeftOut))];
    opts.extend(
        crate::io::columns::CHILDREN
            .iter()
            .filter(|c| c.key != "import_notes")
            .map(|c| crate::tui::field::Opt::new(c.key, c.zh)),
    );
    opts
}
