//! One printable table and its writers, shared by the worklist and the report:
//! CSV for Excel, xlsx, a self-contained HTML page for A4 printing, fixed-width
//! text pages for any printer, and aligned columns for the terminal.
//! Widths are measured in display cells (a Chinese character is two).

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::i18n::{self, Lang, M, t, tf};

/// A column of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    /// Width on a fixed-width page, in cells; also the share of the width the
    /// column gets in HTML and xlsx.
    pub cells: usize,
    /// A number: right-aligned.
    pub numeric: bool,
    /// Left empty, to be written in by hand.
    pub blank: bool,
    /// On a narrow printer, printed on a row's second line.
    pub second_line: bool,
}

impl Column {
    pub fn text(header: &str, cells: usize) -> Column {
        Column {
            header: header.to_string(),
            cells,
            numeric: false,
            blank: false,
            second_line: false,
        }
    }

    /// On a narrow printer, on the row's second line.
    pub fn second(mut self) -> Column {
        self.second_line = true;
        self
    }

    pub fn number(header: &str, cells: usize) -> Column {
        Column {
            numeric: true,
            ..Column::text(header, cells)
        }
    }

    pub fn blank(header: &str, cells: usize) -> Column {
        Column {
            blank: true,
            ..Column::text(header, cells)
        }
    }
}

/// Rows under one title (a village); each group starts a new printed page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    /// Empty for a table of one group without a title.
    pub title: String,
    /// The group's value in flat formats (CSV, the terminal) and its sheet's
    /// name in xlsx: the village's name where the title says "村（社区）：…".
    pub key: String,
    pub rows: Vec<Vec<String>>,
    /// A line under the group's rows (its totals).
    pub footer: String,
}

/// A whole printable table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    /// Lines under the title, repeated on every printed page.
    pub meta: Vec<String>,
    /// Flat formats (CSV) put the group's title in a first column of this
    /// header; empty: no such column.
    pub group_header: String,
    pub columns: Vec<Column>,
    pub groups: Vec<Group>,
    /// Lines after the last group (the totals, what is left out).
    pub notes: Vec<String>,
}

impl Doc {
    pub fn row_count(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    pub(super) fn flat_header(&self) -> Vec<&str> {
        let mut h: Vec<&str> = Vec::new();
        if !self.group_header.is_empty() {
            h.push(&self.group_header);
        }
        h.extend(self.columns.iter().map(|c| c.header.as_str()));
        h
    }
}

/// A cell as CSV may carry it into Excel or WPS: text that begins like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`
/// so that it stays text (OWASP, "CSV injection"); numbers stay numbers.
pub fn csv_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// CSV in UTF-8 with a byte-order mark, so that Excel reads the Chinese.
pub fn write_csv(doc: &Doc, out: &mut impl Write) -> Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(doc.flat_header())?;
    for g in &doc.groups {
        for row in &g.rows {
            let cells = row.iter().map(|c| csv_cell(c).into_owned());
            if doc.group_header.is_empty() {
                w.write_record(cells)?;
            } else {
                w.write_record(std::iter::once(csv_cell(&g.key).into_owned()).chain(cells))?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// The text of the catalogue's "page x of y" with each slot filled by `fill`.
pub(super) fn page_of(page: &str, pages: &str) -> String {
    tf(M::PageOf, &[&page, &pages])
}

/// An xlsx workbook: one worksheet per group (per village), each printed on A4
/// landscape, one page wide, with the title and column headers repeated on
/// every printed page and "page x of y" in the footer.
pub fn write_xlsx(doc: &Doc, path: &Path) -> Result<()> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let font = "SimSun";
    let mut book = Workbook::new();
    let title_fmt = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_font_name(font);
    let meta_fmt = Format::new().set_font_name(font).set_font_size(9);
    let head_fmt = Format::new()
        .set_bold()
        .set_font_name(font)
        .set_font_size(9)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let cell_fmt = Format::new()
        .set_font_name(font)
        .set_font_size(9)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let num_fmt = cell_fmt.clone().set_align(FormatAlign::Right);
    let groups: Vec<Group> = if doc.groups.is_empty() {
        vec![Group::default()]
    } else {
        doc.groups.clone()
    };
    let mut used_names: Vec<String> = Vec::new();
    let last = groups.len() - 1;
    for (gi, g) in groups.iter().enumerate() {
        let sheet = book.add_worksheet();
        let wanted = [g.key.as_str(), doc.title.as_str(), "Sheet1"]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or_default();
        let name = sheet_name(wanted, &used_names);
        sheet.set_name(&name)?;
        used_names.push(name);
        sheet.set_landscape();
        sheet.set_paper_size(9); // A4
        sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.2, 0.3);
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_footer(format!("&C{}", page_of("&P", "&N")));
        let ncols = doc.columns.len() as u16;
        let mut row: u32 = 0;
        // A plain sheet (an export) has its headers in row 1, for re-import.
        let plain = doc.title.is_empty() && doc.meta.is_empty();
        if !plain {
            sheet.merge_range(row, 0, row, ncols.saturating_sub(1), &doc.title, &title_fmt)?;
            row += 1;
            let mut meta = doc.meta.join("    ");
            if !g.title.is_empty() {
                meta = format!("{meta}    {}", g.title);
            }
            sheet.merge_range(row, 0, row, ncols.saturating_sub(1), &meta, &meta_fmt)?;
            row += 1;
        }
        for (c, col) in doc.columns.iter().enumerate() {
            sheet.write_string_with_format(row, c as u16, &col.header, &head_fmt)?;
            sheet.set_column_width(c as u16, col.cells as f64 + 1.0)?;
        }
        sheet.set_repeat_rows(0, row)?;
        let hand_fill = doc.columns.iter().any(|c| c.blank);
        for cells in &g.rows {
            row += 1;
            if hand_fill {
                sheet.set_row_height(row, 30)?;
            }
            for (c, (value, col)) in cells.iter().zip(&doc.columns).enumerate() {
                let number = col.numeric.then(|| value.parse::<f64>().ok()).flatten();
                match number {
                    Some(n) => sheet.write_number_with_format(row, c as u16, n, &num_fmt)?,
                    None => sheet.write_string_with_format(row, c as u16, value, &cell_fmt)?,
                };
            }
        }
        let mut tail: Vec<&str> = Vec::new();
        if !g.footer.is_empty() {
            tail.push(&g.footer);
        }
        if gi == last {
            tail.extend(doc.notes.iter().map(String::as_str));
        }
        for line in tail {
            row += 1;
            sheet.write_string_with_format(row, 0, line, &meta_fmt)?;
        }
    }
    book.save(path)?;
    Ok(())
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, used: &[String]) -> String {
    let base: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(28)
        .collect();
    let base = if base.is_empty() {
        "1".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSS string of the catalogue's "page x of y" with the page counters in it.
fn css_page_of() -> String {
    let template = t(M::PageOf);
    let mut parts = template.split("{}");
    let mut out = String::new();
    let counters = ["counter(page)", "counter(pages)"];
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    if let Some(first) = parts.next() {
        out.push_str(&quote(first));
    }
    for (counter, part) in counters.iter().zip(parts) {
        let _ = write!(out, " {counter} {}", quote(part));
    }
    out
}

const CJK_FONTS: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Noto Sans SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"SimSun\", sans-serif";

/// One self-contained HTML page for printing on A4 landscape: the title and
/// the column headers repeat on every printed page (`thead`), each group
/// starts a new page, and the page margin says "page x of y".
pub fn html(doc: &Doc) -> String {
    let lang = match i18n::lang() {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let total: usize = doc.columns.iter().map(|c| c.cells).sum::<usize>().max(1);
    let hand_fill = doc.columns.iter().any(|c| c.blank);
    let mut out = String::with_capacity(4096 + doc.row_count() * 400);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
@page {{
  size: A4 landscape;
  margin: 8mm 8mm 11mm 8mm;
  @bottom-center {{ content: {page_of}; font-family: {fonts}; font-size: 8pt; }}
}}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {fonts}; font-size: 8pt; margin: 0; color: #000; }}
section + section {{ break-before: page; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
th, td {{ border: 0.6pt solid #000; padding: 0.6mm 0.8mm; vertical-align: middle;
  overflow-wrap: anywhere; line-height: 1.25; }}
th {{ background: #e8e8e8; font-weight: bold; text-align: center; }}
th.head {{ background: none; border: none; text-align: left; font-weight: normal; padding: 0 0 1.5mm 0; }}
th.head .title {{ font-size: 13pt; font-weight: bold; text-align: center; }}
th.head .meta span {{ margin-right: 6mm; }}
td.num {{ text-align: right; }}
td.c {{ text-align: center; }}
tr.fill td {{ height: 8.5mm; }}
p.foot {{ margin: 1.5mm 0 0 0; }}
</style>
</head>
<body>
"#,
        title = escape(&doc.title),
        page_of = css_page_of(),
        fonts = CJK_FONTS,
    );
    let groups: Vec<Group> = if doc.groups.is_empty() {
        vec![Group::default()]
    } else {
        doc.groups.clone()
    };
    let last = groups.len() - 1;
    for (gi, g) in groups.iter().enumerate() {
        out.push_str("<section>\n<table>\n<colgroup>");
        for c in &doc.columns {
            let _ = write!(
                out,
                "<col style=\"width:{:.2}%\">",
                c.cells as f64 * 100.0 / total as f64
            );
        }
        let _ = write!(
            out,
            "</colgroup>\n<thead>\n<tr><th class=\"head\" colspan=\"{}\"><div class=\"title\">{}</div><div class=\"meta\">",
            doc.columns.len(),
            escape(&doc.title)
        );
        for m in doc.meta.iter().chain(std::iter::once(&g.title)) {
            if !m.is_empty() {
                let _ = write!(out, "<span>{}</span>", escape(m));
            }
        }
        out.push_str("</div></th></tr>\n<tr>");
        for c in &doc.columns {
            let _ = write!(out, "<th>{}</th>", escape(&c.header));
        }
        out.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in &g.rows {
            out.push_str(if hand_fill {
                "<tr class=\"fill\">"
            } else {
                "<tr>"
            });
            for (value, c) in row.iter().zip(&doc.columns) {
                let class = if c.numeric {
                    " class=\"num\""
                } else if c.cells <= 4 {
                    " class=\"c\""
                } else {
                    ""
                };
                let _ = write!(out, "<td{class}>{}</td>", escape(value));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        let mut tail: Vec<&String> = Vec::new();
        if !g.footer.is_empty() {
            tail.push(&g.footer);
        }
        if gi == last {
            tail.extend(doc.notes.iter());
        }
        for line in tail {
            let _ = writeln!(out, "<p class=\"foot\">{}</p>", escape(line));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A small worklist for the tests of every format.
#[cfg(test)]
pub(crate) fn sample() -> Doc {
    Doc {
        title: "标题".into(),
        meta: vec!["清溪镇".into()],
        group_header: "村".into(),
        columns: vec![
            Column::text("姓名", 6),
            Column::number("n", 4),
            Column::blank("签名", 6),
        ],
        groups: vec![Group {
            title: "村：白果村".into(),
            key: "白果村".into(),
            rows: vec![
                vec!["张小明ab".into(), "12".into(), String::new()],
                vec!["<李>".into(), "3".into(), String::new()],
            ],
            footer: "共 2 名".into(),
        }],
        notes: vec!["合计".into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        sample()
    }

    #[test]
    fn csv_starts_with_a_bom_and_carries_the_group() {
        let mut out = Vec::new();
        write_csv(&doc(), &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with('\u{feff}'));
        assert!(
            s.contains("村,姓名,n,签名\r\n白果村,张小明ab,12,\r\n"),
            "{s}"
        );
    }

    #[test]
    fn html_is_escaped_and_repeats_its_header() {
        let h = html(&doc());
        assert!(h.contains("&lt;李&gt;"));
        assert!(!h.contains("<李>"));
        assert!(h.contains("<thead>") && h.contains("size: A4 landscape"));
        assert!(h.contains("counter(pages)"));
    }
}
