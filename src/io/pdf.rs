//! The table of [`super::table`] as a PDF on A4 landscape, drawn by shouhu
//! itself with a CJK font found on the machine, embedded as a subset.
//!
//! The title, the header lines and the column headers repeat on every page,
//! each group starts a new page, and the foot says "page x of y". A character
//! the font cannot draw is an error that names it: the sheet never shows a box
//! where a name should be.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

use super::table::{Doc, Group};
use crate::i18n::{M, tf};

const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
const MARGIN_X: f32 = 22.0;
const MARGIN_TOP: f32 = 24.0;
const MARGIN_BOTTOM: f32 = 30.0;
const TITLE: f32 = 13.0;
const META: f32 = 8.0;
const BODY: f32 = 7.5;
const PAD: f32 = 2.0;
/// A row with columns to fill in by hand is at least this tall (8.5 mm).
const HAND_ROW: f32 = 24.0;
const FONT: Name<'static> = Name(b"F1");

/// Font files to look for, best first.
const FONT_NAMES: &[&str] = &[
    "notosanscjksc",
    "notosanscjk",
    "sourcehansanssc",
    "sourcehansans",
    "wqymicrohei",
    "wqyzenhei",
    "msyh",
    "simsun",
    "simhei",
    "notoserifcjk",
    "wqy",
];
const FONT_DIRS: &[&str] = &[
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "C:\\Windows\\Fonts",
    "/System/Library/Fonts",
    "/Library/Fonts",
];

/// A CJK font file: the one named (if it exists), or the best found in the
/// usual font directories of Linux and Windows (regular before bold).
pub fn find_cjk_font(named: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = named {
        return p.is_file().then(|| p.to_path_buf());
    }
    let mut stack: Vec<PathBuf> = FONT_DIRS.iter().map(PathBuf::from).collect();
    // Windows may live on another drive.
    if let Some(windir) = std::env::var_os("WINDIR") {
        stack.push(PathBuf::from(windir).join("Fonts"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        stack.push(home.join(".local/share/fonts"));
        stack.push(home.join(".fonts"));
    }
    let mut best: Option<(usize, PathBuf)> = None;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path
                .file_name()
                .map(|n| {
                    n.to_string_lossy()
                        .to_lowercase()
                        .replace(['-', '_', ' '], "")
                })
                .unwrap_or_default();
            if ![".ttf", ".ttc", ".otf"].iter().any(|x| name.ends_with(x)) {
                continue;
            }
            let Some(rank) = FONT_NAMES.iter().position(|f| name.starts_with(f)) else {
                continue;
            };
            let rank = rank * 2 + usize::from(name.contains("bold") || name.contains("light"));
            if best.as_ref().is_none_or(|(r, p)| (rank, &path) < (*r, p)) {
                best = Some((rank, path));
            }
        }
    }
    best.map(|(_, p)| p)
}

/// The font as used in one document: glyphs found, measured, and remembered
/// for the subset and the text-extraction map.
struct Font<'a> {
    data: &'a [u8],
    index: u32,
    face: Face<'a>,
    upem: f32,
    remap: GlyphRemapper,
    unicode: BTreeMap<u16, char>,
    shown: String,
}

impl<'a> Font<'a> {
    fn open(data: &'a [u8], shown: &str) -> Result<Font<'a>> {
        let bad = |e: &dyn std::fmt::Display| anyhow!(tf(M::PdfBadFont, &[&shown, e]));
        let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
        // In a collection, the Simplified Chinese face.
        let mut index = 0;
        for i in 0..count {
            let Ok(face) = Face::parse(data, i) else {
                continue;
            };
            let sc = face.names().into_iter().any(|n| {
                n.to_string()
                    .is_some_and(|s| s.contains(" SC") || s.ends_with("SC") || s.contains("GB"))
            });
            if sc {
                index = i;
                break;
            }
        }
        let face = Face::parse(data, index).map_err(|e| bad(&e))?;
        let upem = f32::from(face.units_per_em());
        Ok(Font {
            data,
            index,
            face,
            upem,
            remap: GlyphRemapper::new(),
            unicode: BTreeMap::new(),
            shown: shown.to_string(),
        })
    }

    fn glyph(&self, c: char) -> Result<GlyphId> {
        self.face
            .glyph_index(c)
            .ok_or_else(|| anyhow!(tf(M::PdfMissingGlyph, &[&self.shown, &c])))
    }

    /// The width of text at a size, in points.
    fn width(&self, s: &str, size: f32) -> Result<f32> {
        let mut w = 0.0;
        for c in s.chars().filter(|c| !c.is_control()) {
            let g = self.glyph(c)?;
            w += f32::from(self.face.glyph_hor_advance(g).unwrap_or(0));
        }
        Ok(w * size / self.upem)
    }

    /// Breaks text into lines no wider than `max` points.
    fn wrap(&self, s: &str, size: f32, max: f32) -> Result<Vec<String>> {
        let mut lines = vec![String::new()];
        let mut used = 0.0;
        for c in s.chars() {
            if c == '\n' {
                lines.push(String::new());
                used = 0.0;
                continue;
            }
            if c.is_control() {
                continue;
            }
            let w = f32::from(self.face.glyph_hor_advance(self.glyph(c)?).unwrap_or(0)) * size
                / self.upem;
            if used + w > max && used > 0.0 {
                lines.push(String::new());
                used = 0.0;
            }
            if let Some(l) = lines.last_mut() {
                l.push(c);
            }
            used += w;
        }
        Ok(lines)
    }

    /// Text as two-byte glyph codes of the subset (Identity-H).
    fn encode(&mut self, s: &str) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(s.len() * 2);
        for c in s.chars().filter(|c| !c.is_control()) {
            let old = self.glyph(c)?.0;
            let new = self.remap.remap(old);
            self.unicode.entry(new).or_insert(c);
            out.extend_from_slice(&new.to_be_bytes());
        }
        Ok(out)
    }
}

/// One row laid out: each cell's lines, and the row's height.
struct Laid {
    cells: Vec<Vec<String>>,
    height: f32,
}

/// A page: which group, which of its rows, and whether the group ends here.
struct PagePlan {
    group: usize,
    rows: std::ops::Range<usize>,
    group_ends: bool,
}

struct Layout {
    xs: Vec<f32>,
    widths: Vec<f32>,
    leading: f32,
}

impl Layout {
    fn new(doc: &Doc) -> Layout {
        let usable = PAGE_W - 2.0 * MARGIN_X;
        let total: usize = doc.columns.iter().map(|c| c.cells).sum::<usize>().max(1);
        let widths: Vec<f32> = doc
            .columns
            .iter()
            .map(|c| usable * c.cells as f32 / total as f32)
            .collect();
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = MARGIN_X;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        Layout {
            xs,
            widths,
            leading: BODY * 1.3,
        }
    }

    fn lay(&self, font: &Font, cells: &[String], min: f32) -> Result<Laid> {
        let mut out = Vec::with_capacity(cells.len());
        for (c, w) in cells.iter().zip(&self.widths) {
            out.push(font.wrap(c, BODY, w - 2.0 * PAD)?);
        }
        let lines = out.iter().map(Vec::len).max().unwrap_or(1) as f32;
        Ok(Laid {
            cells: out,
            height: (lines * self.leading + 2.0 * PAD).max(min),
        })
    }
}

/// Writes the table as a PDF with the CJK font at `font_path`.
pub fn write_pdf(doc: &Doc, font_path: &Path, out: &Path) -> Result<()> {
    let shown = font_path.display().to_string();
    let data = std::fs::read(font_path).map_err(|e| anyhow!(tf(M::PdfBadFont, &[&shown, &e])))?;
    let mut font = Font::open(&data, &shown)?;
    let bytes = render(doc, &mut font)?;
    std::fs::write(out, bytes).map_err(|e| anyhow!("{}: {e}", out.display()))?;
    Ok(())
}

fn render(doc: &Doc, font: &mut Font) -> Result<Vec<u8>> {
    let layout = Layout::new(doc);
    let groups: Vec<Group> = if doc.groups.is_empty() {
        vec![Group::default()]
    } else {
        doc.groups.clone()
    };
    let min_row = if doc.columns.iter().any(|c| c.blank) {
        HAND_ROW
    } else {
        0.0
    };
    let headers: Vec<String> = doc.columns.iter().map(|c| c.header.clone()).collect();
    let head = layout.lay(font, &headers, 0.0)?;
    let laid: Vec<Vec<Laid>> = groups
        .iter()
        .map(|g| {
            g.rows
                .iter()
                .map(|r| layout.lay(font, r, min_row))
                .collect()
        })
        .collect::<Result<_>>()?;
    // The table starts under the title and the header line.
    let table_top = PAGE_H - MARGIN_TOP - TITLE - META * 2.2;
    let body_top = table_top - head.height;
    let tail_lines = |gi: usize| {
        usize::from(!groups[gi].footer.is_empty())
            + if gi + 1 == groups.len() {
                doc.notes.len()
            } else {
                0
            }
    };
    let mut plan: Vec<PagePlan> = Vec::new();
    for (gi, rows) in laid.iter().enumerate() {
        let reserve = tail_lines(gi) as f32 * META * 1.5;
        let mut start = 0;
        let mut y = body_top;
        for (i, r) in rows.iter().enumerate() {
            let rest: f32 = rows[i..].iter().map(|r| r.height).sum();
            // The group's last rows must leave room for its totals.
            let floor = MARGIN_BOTTOM
                + if y - rest < MARGIN_BOTTOM + reserve {
                    reserve
                } else {
                    0.0
                };
            if y - r.height < floor && i > start {
                plan.push(PagePlan {
                    group: gi,
                    rows: start..i,
                    group_ends: false,
                });
                start = i;
                y = body_top;
            }
            y -= r.height;
        }
        if y < MARGIN_BOTTOM + reserve && start < rows.len() && rows.len() - start > 1 {
            // The totals do not fit under the last row: they go on a page of their own
            // with the last row.
            let last = rows.len() - 1;
            plan.push(PagePlan {
                group: gi,
                rows: start..last,
                group_ends: false,
            });
            start = last;
        }
        plan.push(PagePlan {
            group: gi,
            rows: start..rows.len(),
            group_ends: true,
        });
    }
    let total = plan.len();

    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let type0 = Ref::new(3);
    let cid = Ref::new(4);
    let descriptor = Ref::new(5);
    let file = Ref::new(6);
    let cmap = Ref::new(7);
    let first_page = 10;
    let page_ids: Vec<Ref> = (0..total)
        .map(|i| Ref::new(first_page + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(total as i32);
    for (n, p) in plan.iter().enumerate() {
        let g = &groups[p.group];
        let mut c = Content::new();
        c.set_line_width(0.5);
        // Title, centred; the header line under it.
        let title_w = font.width(&doc.title, TITLE)?;
        text(
            &mut c,
            font,
            &doc.title,
            TITLE,
            (PAGE_W - title_w) / 2.0,
            PAGE_H - MARGIN_TOP - TITLE * 0.85,
        )?;
        let mut meta: Vec<&str> = doc.meta.iter().map(String::as_str).collect();
        if !g.title.is_empty() {
            meta.push(&g.title);
        }
        text(
            &mut c,
            font,
            &meta.join("    "),
            META,
            MARGIN_X,
            table_top + META * 0.7,
        )?;
        // Column headers on grey.
        c.set_fill_gray(0.9);
        c.rect(MARGIN_X, body_top, PAGE_W - 2.0 * MARGIN_X, head.height);
        c.fill_nonzero();
        c.set_fill_gray(0.0);
        draw_row(&mut c, font, &layout, doc, &head, table_top, true)?;
        let mut y = body_top;
        for r in &laid[p.group][p.rows.clone()] {
            draw_row(&mut c, font, &layout, doc, r, y, false)?;
            y -= r.height;
        }
        let mut tail: Vec<&str> = Vec::new();
        if p.group_ends && !g.footer.is_empty() {
            tail.push(&g.footer);
        }
        if n + 1 == total {
            tail.extend(doc.notes.iter().map(String::as_str));
        }
        for line in tail {
            y -= META * 1.5;
            text(&mut c, font, line, META, MARGIN_X, y)?;
        }
        let foot = tf(M::PageOf, &[&(n + 1), &total]);
        let foot_w = font.width(&foot, META)?;
        text(
            &mut c,
            font,
            &foot,
            META,
            (PAGE_W - foot_w) / 2.0,
            MARGIN_BOTTOM / 2.0,
        )?;
        let content_id = Ref::new(page_ids[n].get() + 1);
        let mut page = pdf.page(page_ids[n]);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(content_id);
        page.resources().fonts().pair(FONT, type0);
        page.finish();
        let bytes = c.finish();
        let packed = compress(&bytes);
        pdf.stream(content_id, &packed).filter(Filter::FlateDecode);
    }

    // The font: a subset of the glyphs used, as a CID font addressed by the
    // subset's glyph ids, with a map back to Unicode for copying and search.
    let subset = subsetter::subset(font.data, font.index, &font.remap)
        .map_err(|e| anyhow!(tf(M::PdfBadFont, &[&font.shown, &e])))?;
    let cff = font.face.tables().cff.is_some();
    let ps_name = font
        .face
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| "CJK".into());
    let base = format!("SHOUHU+{ps_name}");
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    let scale = 1000.0 / font.upem;
    let widths: Vec<f32> = font
        .remap
        .remapped_gids()
        .map(|old| f32::from(font.face.glyph_hor_advance(GlyphId(old)).unwrap_or(0)) * scale)
        .collect();
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(if cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(base.as_bytes()))
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(1000.0);
    if !cff {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid_font.widths().consecutive(0, widths);
    cid_font.finish();
    let bbox = font.face.global_bounding_box();
    let mut desc = pdf.font_descriptor(descriptor);
    desc.name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            f32::from(bbox.x_min) * scale,
            f32::from(bbox.y_min) * scale,
            f32::from(bbox.x_max) * scale,
            f32::from(bbox.y_max) * scale,
        ))
        .italic_angle(0.0)
        .ascent(f32::from(font.face.ascender()) * scale)
        .descent(f32::from(font.face.descender()) * scale)
        .cap_height(f32::from(font.face.capital_height().unwrap_or(font.face.ascender())) * scale)
        .stem_v(80.0);
    if cff {
        desc.font_file3(file);
    } else {
        desc.font_file2(file);
    }
    desc.finish();
    let packed = compress(&subset);
    let mut stream = pdf.stream(file, &packed);
    stream.filter(Filter::FlateDecode);
    if cff {
        stream.pair(Name(b"Subtype"), Name(b"OpenType"));
    }
    stream.finish();
    let mut map = UnicodeCmap::new(Name(b"Custom"), system);
    for (g, c) in &font.unicode {
        map.pair(*g, *c);
    }
    let map = map.finish();
    pdf.cmap(cmap, &map);
    Ok(pdf.finish())
}

fn compress(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    // Writing into memory cannot fail.
    let _ = z.write_all(bytes);
    z.finish().unwrap_or_default()
}

fn text(c: &mut Content, font: &mut Font, s: &str, size: f32, x: f32, y: f32) -> Result<()> {
    let codes = font.encode(s)?;
    c.begin_text();
    c.set_font(FONT, size);
    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
    c.show(Str(&codes));
    c.end_text();
    Ok(())
}

/// A row of cells with its borders; `top` is the row's upper edge.
fn draw_row(
    c: &mut Content,
    font: &mut Font,
    layout: &Layout,
    doc: &Doc,
    row: &Laid,
    top: f32,
    header: bool,
) -> Result<()> {
    for (i, lines) in row.cells.iter().enumerate() {
        let (x, w) = (layout.xs[i], layout.widths[i]);
        c.rect(x, top - row.height, w, row.height);
        c.stroke();
        let col = &doc.columns[i];
        let block = lines.len() as f32 * layout.leading;
        let mut base = top - (row.height - block) / 2.0 - BODY * 1.05;
        for line in lines {
            if !line.is_empty() {
                let tw = font.width(line, BODY)?;
                let tx = if header || col.cells <= 5 {
                    x + (w - tw) / 2.0
                } else if col.numeric {
                    x + w - PAD - tw
                } else {
                    x + PAD
                };
                text(c, font, line, BODY, tx, base)?;
            }
            base -= layout.leading;
        }
    }
    Ok(())
}
