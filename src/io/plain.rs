//! A table as plain text: fixed-width pages for any printer (A4 lasers and
//! wide-carriage dot-matrix machines) and aligned columns for the terminal.
//! Widths are measured in display cells (a Chinese character is two).

use std::fmt::Write as _;

use super::table::{Doc, Group, page_of};
use crate::domain::text;

/// The lines of one table row, each cell wrapped to its column's width.
fn block(cells: &[&str], widths: &[usize], right: &[bool]) -> Vec<String> {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(c, w)| text::wrap(c, *w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|i| {
            let mut line = String::from("|");
            for ((cell, w), right) in wrapped.iter().zip(widths).zip(right) {
                let c = cell.get(i).map_or("", String::as_str);
                if *right {
                    line.push_str(&" ".repeat(w.saturating_sub(text::width(c))));
                    line.push_str(&text::truncate(c, *w));
                } else {
                    line.push_str(&text::pad(c, *w));
                }
                line.push('|');
            }
            line
        })
        .collect()
}

/// Fixed-width pages of `page_lines` lines at most for any printer: the title,
/// the header lines and the column headers on every page, "page x of y" at the
/// bottom, a form feed between pages, each group on pages of its own. Every
/// line of the table has the same display width; long cells wrap.
pub fn txt(doc: &Doc, page_lines: usize) -> String {
    txt_width(doc, page_lines, usize::MAX)
}

/// The widths of some columns (`cols`) so that a line, borders included,
/// fits `width` columns of a printer (a Chinese character counts two). The
/// widest column that can gives a cell at a time: Chinese text wraps at any
/// character, so it may narrow to 4; dates, ID numbers and figures (ASCII)
/// keep their width, and a column left blank for the pen keeps 6.
fn fit(doc: &Doc, cols: &[usize], width: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = cols.iter().map(|&i| doc.columns[i].cells.max(2)).collect();
    let mins: Vec<usize> = cols.iter().map(|&i| least(doc, i)).collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + w.len() + 1;
    // First down to each column's own minimum; if that is not enough,
    // everything down to 4 (dates and numbers then wrap).
    for floor in [mins, vec![4; widths.len()]] {
        while total(&widths) > width {
            let shrinkable = widths
                .iter()
                .enumerate()
                .filter(|(i, w)| **w > floor[*i])
                .max_by_key(|(_, w)| **w);
            let Some((at, _)) = shrinkable else {
                break;
            };
            widths[at] -= 1;
        }
    }
    widths
}

/// The narrowest a column may be before its text must break badly.
fn least(doc: &Doc, i: usize) -> usize {
    let filled: Vec<&String> = doc
        .groups
        .iter()
        .flat_map(|g| g.rows.iter())
        .filter_map(|r| r.get(i))
        .filter(|c| !c.is_empty())
        .collect();
    if filled.is_empty() {
        6
    } else if filled.iter().all(|c| c.is_ascii()) {
        filled
            .iter()
            .map(|c| text::width(c))
            .max()
            .unwrap_or(4)
            .max(4)
    } else {
        4
    }
}

/// The lines a row is printed on, each a list of column indexes: one line
/// where it fits, else (on a narrow printer) the columns marked for the
/// second line go there.
fn layout(doc: &Doc, width: usize) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..doc.columns.len()).collect();
    let fits =
        |cols: &[usize]| cols.iter().map(|&i| least(doc, i)).sum::<usize>() + cols.len() < width;
    let (first, second): (Vec<usize>, Vec<usize>) =
        all.iter().partition(|&&i| !doc.columns[i].second_line);
    if fits(&all) || second.is_empty() {
        vec![all]
    } else {
        vec![first, second]
    }
}

/// A border line over the given widths.
fn rule_of(widths: &[usize]) -> String {
    let mut r = String::from("+");
    for w in widths {
        r.push_str(&"-".repeat(*w));
        r.push('+');
    }
    r
}

/// The text pages for a printer of `width` columns: 136 for a wide-carriage
/// dot-matrix printer at 10 cpi, 80 for a narrow one (where a child of the
/// worklist takes two lines).
pub fn txt_width(doc: &Doc, page_lines: usize, width: usize) -> String {
    let lines_of = layout(doc, width);
    let mut widths: Vec<Vec<usize>> = lines_of.iter().map(|cols| fit(doc, cols, width)).collect();
    // Every line of a row as wide as the widest: the borders line up.
    let span = |w: &Vec<usize>| w.iter().sum::<usize>() + w.len() + 1;
    let widest = widths.iter().map(span).max().unwrap_or(0);
    for w in &mut widths {
        let short = widest - span(w);
        if let Some(last) = w.last_mut() {
            *last += short;
        }
    }
    let rule = rule_of(&widths[0]);
    let pick = |cells: &[&str], cols: &[usize]| -> Vec<String> {
        cols.iter()
            .map(|&i| cells.get(i).copied().unwrap_or("").to_string())
            .collect()
    };
    let stack = |cells: &[&str], align: bool| -> Vec<String> {
        let mut out = Vec::new();
        for (n, (cols, w)) in lines_of.iter().zip(&widths).enumerate() {
            if n > 0 {
                out.push(rule_of(w).replace('-', "·"));
            }
            let these = pick(cells, cols);
            let these: Vec<&str> = these.iter().map(String::as_str).collect();
            let right: Vec<bool> = cols
                .iter()
                .map(|&i| align && doc.columns[i].numeric)
                .collect();
            out.extend(block(&these, w, &right));
        }
        out
    };
    let headers: Vec<&str> = doc.columns.iter().map(|c| c.header.as_str()).collect();
    let head_block = stack(&headers, false);
    let groups: Vec<Group> = if doc.groups.is_empty() {
        vec![Group::default()]
    } else {
        doc.groups.clone()
    };
    // Pages of body lines, and the group each belongs to.
    let mut pages: Vec<(usize, Vec<String>)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let top =
            2 + usize::from(!g.title.is_empty() || !doc.meta.is_empty()) + 2 + head_block.len();
        let room = page_lines.saturating_sub(top + 3).max(2);
        let mut body: Vec<String> = Vec::new();
        for row in &g.rows {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            let mut lines = stack(&cells, true);
            lines.push(rule.clone());
            if !body.is_empty() && body.len() + lines.len() > room {
                pages.push((gi, std::mem::take(&mut body)));
            }
            body.extend(lines);
        }
        pages.push((gi, body));
    }
    let total = pages.len();
    let mut out = String::new();
    for (n, (gi, body)) in pages.iter().enumerate() {
        let g = &groups[*gi];
        if n > 0 {
            out.push('\u{c}');
        }
        let _ = writeln!(out, "{}", doc.title);
        let mut meta: Vec<&str> = doc.meta.iter().map(String::as_str).collect();
        if !g.title.is_empty() {
            meta.push(&g.title);
        }
        let _ = writeln!(out, "{}", meta.join("    "));
        out.push('\n');
        let _ = writeln!(out, "{rule}");
        for line in &head_block {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "{rule}");
        for line in body {
            let _ = writeln!(out, "{line}");
        }
        let last_of_group = pages.get(n + 1).is_none_or(|(next, _)| next != gi);
        if last_of_group && !g.footer.is_empty() {
            let _ = writeln!(out, "{}", g.footer);
        }
        if n + 1 == total {
            for line in &doc.notes {
                let _ = writeln!(out, "{line}");
            }
        }
        let _ = writeln!(out, "{}", page_of(&(n + 1).to_string(), &total.to_string()));
    }
    out
}

/// Aligned columns for the terminal, as wide as their widest cell.
pub fn terminal(doc: &Doc) -> String {
    let header = doc.flat_header();
    let mut widths: Vec<usize> = header.iter().map(|h| text::width(h)).collect();
    let rows: Vec<Vec<&str>> = doc
        .groups
        .iter()
        .flat_map(|g| {
            g.rows.iter().map(move |r| {
                let mut v: Vec<&str> = Vec::new();
                if !doc.group_header.is_empty() {
                    v.push(&g.key);
                }
                v.extend(r.iter().map(String::as_str));
                v
            })
        })
        .collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(text::width(c));
        }
    }
    let offset = usize::from(!doc.group_header.is_empty());
    let numeric = |i: usize| i >= offset && doc.columns.get(i - offset).is_some_and(|c| c.numeric);
    let line = |cells: &[&str]| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = widths[i].saturating_sub(text::width(c));
                if numeric(i) {
                    format!("{}{c}", " ".repeat(pad))
                } else {
                    format!("{c}{}", " ".repeat(pad))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", doc.title);
    for m in &doc.meta {
        let _ = writeln!(out, "{m}");
    }
    out.push('\n');
    let _ = writeln!(out, "{}", line(&header));
    for r in &rows {
        let _ = writeln!(out, "{}", line(r));
    }
    for n in &doc.notes {
        let _ = writeln!(out, "{n}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        crate::io::table::sample()
    }

    #[test]
    fn txt_lines_of_the_table_have_one_width() {
        let s = txt(&doc(), 60);
        let table: Vec<&str> = s
            .lines()
            .filter(|l| l.starts_with('|') || l.starts_with('+'))
            .collect();
        assert!(table.len() >= 6);
        let w = text::width(table[0]);
        assert!(table.iter().all(|l| text::width(l) == w), "{s}");
        assert!(s.contains("张小明|"), "{s}");
        assert!(s.contains("第 1 页 共 1 页"));
    }

    #[test]
    fn the_terminal_table_aligns_wide_text() {
        let s = terminal(&doc());
        let lines: Vec<&str> = s.lines().skip(3).take(3).collect();
        assert_eq!(lines[0], "村      姓名       n  签名");
        assert_eq!(lines[1], "白果村  张小明ab  12");
        assert_eq!(lines[2], "白果村  <李>       3");
    }
}
