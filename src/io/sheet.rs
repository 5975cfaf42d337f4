//! Reading a spreadsheet, whatever it came as: CSV in UTF-8 (BOM or not) or
//! GBK, `.xlsx`, or an old `.xls`, into rows of text.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use calamine::{Data, Reader};

use crate::domain::date;
use crate::i18n::{M, tf};

/// One cell as text, remembering whether the spreadsheet held a number there
/// (an 18-digit ID number stored as a number has lost its last digits).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub numeric: bool,
}

/// A data row with its number as the spreadsheet shows it (header = row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

/// A sheet: its headers (found below any title rows; a two-row header with
/// merged group cells read as group + name), the data rows, and the text of
/// the rows above the header (a title, 「填报单位：……村委会」).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub preamble: Vec<String>,
    /// The number of the (last) header row, as the spreadsheet shows it.
    pub header_row: usize,
}

/// The largest file read as a sheet (a county's register is a few MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most characters a cell may hold (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Rows as read, each with its number as the spreadsheet shows it; rows with
/// nothing in them need not be there.
type Grid = Vec<(usize, Vec<Cell>)>;

/// Reads the first sheet of a file. The kind is told by the bytes, not the name.
pub fn read(path: &Path) -> Result<Sheet> {
    let shown = path.display().to_string();
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > MAX_FILE_BYTES
    {
        bail!(tf(
            M::ImportTooBig,
            &[&shown, &(MAX_FILE_BYTES / 1024 / 1024)]
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            anyhow!(tf(M::FileMissing, &[&shown]))
        } else {
            anyhow!(tf(M::ImportCannotRead, &[&shown, &e]))
        }
    })?;
    read_bytes(bytes, &shown)
}

/// Reads a sheet from the bytes of a file (`shown` names it in messages).
pub fn read_bytes(bytes: Vec<u8>, shown: &str) -> Result<Sheet> {
    let shown = shown.to_string();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        bail!(tf(
            M::ImportTooBig,
            &[&shown, &(MAX_FILE_BYTES / 1024 / 1024)]
        ));
    }
    let (grid, merges) = if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
    {
        read_workbook(bytes, &shown)?
    } else {
        let text = decode_text(&bytes).ok_or_else(|| anyhow!(tf(M::ImportNotSheet, &[&shown])))?;
        let grid = read_csv(&text).map_err(|e| anyhow!(tf(M::ImportBrokenSheet, &[&shown, &e])))?;
        (grid, Vec::new())
    };
    for (number, cells) in &grid {
        if let Some(at) = cells
            .iter()
            .position(|c| c.text.chars().count() > MAX_CELL_CHARS)
        {
            bail!(tf(
                M::ImportCellTooLong,
                &[&shown, number, &(at + 1), &MAX_CELL_CHARS]
            ));
        }
    }
    let sheet = into_sheet(grid);
    let sheet = match sheet {
        Some(s) if !s.rows.is_empty() => s,
        _ => bail!(tf(M::ImportEmpty, &[&shown])),
    };
    // A cell merged down across data rows leaves the rows below it empty:
    // whose value is whose cannot be told. Said with its rows and column.
    for d in merges {
        let (top, bottom) = (d.start.0 as usize + 1, d.end.0 as usize + 1);
        if bottom > top && top > sheet.header_row {
            let col = d.start.1 as usize;
            let name = sheet
                .headers
                .get(col)
                .filter(|h| !h.is_empty())
                .cloned()
                .unwrap_or_else(|| (col + 1).to_string());
            bail!(tf(M::ImportMergedRows, &[&shown, &top, &bottom, &name]));
        }
    }
    Ok(sheet)
}

/// UTF-8 (a BOM is dropped) or, failing that, GBK (read as GB 18030, its superset).
/// `None` for bytes that are no text at all.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return None;
    }
    Some(text.into_owned())
}

fn read_csv(text: &str) -> Result<Grid, csv::Error> {
    // A sheet saved by Excel in some locales uses semicolons or tabs.
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    // On a tie the comma wins (max_by_key keeps the last of equals).
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let text = keep_blank_lines(text, char::from(delimiter));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record?;
        let cells = record
            .iter()
            .map(|s| Cell {
                text: s.trim().to_string(),
                numeric: false,
            })
            .collect();
        grid.push((i + 1, cells));
    }
    Ok(grid)
}

/// The CSV reader skips blank lines, which would shift every later row number
/// away from what the spreadsheet shows: a blank line (outside quotes) gets a
/// lone delimiter, an empty row. Line breaks inside quoted cells stay as they are.
fn keep_blank_lines(text: &str, delimiter: char) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_quote = false;
    let mut at_line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if at_line_start && !in_quote && line_end {
            out.push(delimiter);
        }
        at_line_start = false;
        if c == '"' {
            in_quote = !in_quote;
        }
        if c == '\n' && !in_quote {
            at_line_start = true;
        }
        out.push(c);
    }
    out
}

/// The first worksheet, read by the cells that hold data: a stray cell far
/// down or far right costs nothing beyond itself.
fn read_workbook(bytes: Vec<u8>, shown: &str) -> Result<(Grid, Vec<calamine::Dimensions>)> {
    let broken = |e: &dyn std::fmt::Display| anyhow!(tf(M::ImportBrokenSheet, &[&shown, e]));
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| broken(&e))?;
    let mut cells: Vec<((u32, u32), Cell)> = Vec::new();
    let mut merges = Vec::new();
    if let calamine::Sheets::Xlsx(xlsx) = &mut book {
        let first = xlsx
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| anyhow!(tf(M::ImportEmpty, &[&shown])))?;
        merges = xlsx.merge_cells_by_sheet_name(&first).unwrap_or_default();
        let mut reader = xlsx
            .worksheet_cells_reader(&first)
            .map_err(|e| broken(&e))?;
        while let Some(c) = reader.next_cell().map_err(|e| broken(&e))? {
            let value: Data = c.get_value().clone().into();
            let cell = cell(&value);
            if !cell.text.is_empty() {
                cells.push((c.get_position(), cell));
            }
        }
    } else {
        let range = book
            .worksheet_range_at(0)
            .ok_or_else(|| anyhow!(tf(M::ImportEmpty, &[&shown])))?
            .map_err(|e| broken(&e))?;
        for (r, c, d) in range.used_cells() {
            let cell = cell(d);
            if !cell.text.is_empty() {
                let (top, left) = range.start().unwrap_or((0, 0));
                cells.push(((top + r as u32, left + c as u32), cell));
            }
        }
    }
    cells.sort_by_key(|(pos, _)| *pos);
    // Rows keep the spreadsheet's numbers; each row as wide as its last cell.
    let mut grid: Grid = Vec::new();
    for ((r, c), cell) in cells {
        let number = r as usize + 1;
        if grid.last().is_none_or(|(n, _)| *n != number) {
            grid.push((number, Vec::new()));
        }
        if let Some((_, row)) = grid.last_mut() {
            row.resize(c as usize, Cell::default());
            row.push(cell);
        }
    }
    Ok((grid, merges))
}

fn cell(d: &Data) -> Cell {
    let text = |s: String| Cell {
        text: s.trim().to_string(),
        numeric: false,
    };
    match d {
        Data::Empty => Cell::default(),
        Data::String(s) => text(s.clone()),
        Data::Bool(b) => text(if *b { "是" } else { "否" }.into()),
        Data::Int(i) => Cell {
            text: i.to_string(),
            numeric: true,
        },
        Data::Float(f) => Cell {
            text: if f.fract() == 0.0 && f.abs() < 1e20 {
                format!("{f:.0}")
            } else {
                f.to_string()
            },
            numeric: true,
        },
        Data::DateTime(dt) => {
            let serial = dt.as_f64().floor() as i64;
            match date::excel_serial(serial) {
                Ok(day) => text(date::iso(day)),
                Err(_) => text(dt.to_string()),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => text(s.clone()),
        Data::Error(e) => text(format!("#{e:?}")),
    }
}

/// How many rows from the top the header is looked for in.
const HEADER_SEARCH_ROWS: usize = 12;

/// The header row: the first of the top rows with at least two cells that
/// are known column names (title rows and 「填报单位」 rows above it are kept
/// as the preamble), else the first row with text. A second header row
/// below it, under merged group cells (父亲 over 姓名 / 出生日期 / …), is
/// read as group + name (父亲姓名). Rows with no text are dropped.
fn into_sheet(grid: Grid) -> Option<Sheet> {
    let blank = |r: &Vec<Cell>| r.iter().all(|c| c.text.is_empty());
    let filled: Vec<usize> = (0..grid.len()).filter(|&i| !blank(&grid[i].1)).collect();
    let known = |r: &Vec<Cell>| {
        r.iter()
            .filter(|c| super::columns::is_header_word(&c.text))
            .count()
    };
    let head = filled
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .copied()
        .find(|&i| known(&grid[i].1) >= 2)
        .or_else(|| filled.first().copied())?;
    let preamble: Vec<String> = filled
        .iter()
        .take_while(|&&i| i < head)
        .map(|&i| {
            grid[i]
                .1
                .iter()
                .map(|c| c.text.as_str())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut headers: Vec<String> = grid[head].1.iter().map(|c| c.text.clone()).collect();
    let mut first_data = head + 1;
    if let Some(&below) = filled.iter().find(|&&i| i > head)
        && is_sub_header(&grid[head].1, &grid[below].1)
    {
        headers = combine_headers(&grid[head].1, &grid[below].1);
        first_data = below + 1;
    }
    let header_row = grid[first_data - 1].0;
    let rows = grid
        .into_iter()
        .skip(first_data)
        .filter(|(_, r)| !blank(r))
        .map(|(number, cells)| Row { number, cells })
        .collect();
    Some(Sheet {
        headers,
        rows,
        preamble,
        header_row,
    })
}

/// A row of field names under a header with group cells: short names, no
/// digits, at least two of them known, and under a header cell left empty
/// (the rest of a merged group).
fn is_sub_header(upper: &[Cell], lower: &[Cell]) -> bool {
    let texts: Vec<&str> = lower
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let under_gap = lower
        .iter()
        .enumerate()
        .any(|(i, c)| !c.text.is_empty() && upper.get(i).is_none_or(|u| u.text.is_empty()));
    texts.len() >= 2
        && under_gap
        && texts
            .iter()
            .all(|t| t.chars().count() <= 12 && !t.chars().any(|c| c.is_ascii_digit()))
        && texts
            .iter()
            .filter(|t| super::columns::is_header_word(t))
            .count()
            >= 2
}

/// The headers of a two-row header: a cell alone in the upper row stands for
/// itself (merged down); a group cell above names the fields below it, up
/// to the next cell of the upper row.
fn combine_headers(upper: &[Cell], lower: &[Cell]) -> Vec<String> {
    let width = upper.len().max(lower.len());
    let mut out = Vec::with_capacity(width);
    let mut group: Option<&str> = None;
    for i in 0..width {
        let up = upper.get(i).map_or("", |c| c.text.as_str());
        let low = lower.get(i).map_or("", |c| c.text.as_str());
        match (up.is_empty(), low.is_empty()) {
            (false, true) => {
                group = None;
                out.push(up.to_string());
            }
            (false, false) => {
                group = Some(up);
                out.push(format!("{up}{low}"));
            }
            (true, false) => out.push(format!("{}{low}", group.unwrap_or(""))),
            (true, true) => out.push(String::new()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_gbk_decode_alike() {
        let text = "姓名,村（社区）\n张小明,白果村\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_text(&bom).as_deref(), Some(text));
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(decode_text(&gbk).as_deref(), Some(text));
        assert_eq!(decode_text(b"\x00\x01binary"), None);
    }

    #[test]
    fn rows_keep_spreadsheet_numbers_and_skip_blanks() {
        let grid = read_csv("\n姓名,村\n张三,白果村\n,\n李四,柳湾村\n").unwrap();
        let sheet = into_sheet(grid).unwrap();
        assert_eq!(sheet.headers, ["姓名", "村"]);
        let numbers: Vec<usize> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [3, 5]);
    }

    #[test]
    fn a_cell_with_a_line_break_is_one_row() {
        let grid = read_csv("姓名,备注\r\n张三,\"第一行\r\n第二行\"\r\n\r\n李四,好\r\n").unwrap();
        let sheet = into_sheet(grid).unwrap();
        let numbers: Vec<usize> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 4]);
        assert_eq!(sheet.rows[0].cells[1].text, "第一行\r\n第二行");
    }

    #[test]
    fn the_header_is_found_below_title_rows_and_a_merged_group_names_its_fields() {
        let csv = "农村留守儿童基本情况登记表,,,,,\n填报单位：石桥村民委员会,,,填报日期：2016年7月18日,,\n\
                   姓名,性别,出生日期,父亲,,\n,,,姓名,当前务工地点,联系电话\n\
                   张三,男,2010.03.12,张大,广东东莞,13800000000\n";
        let sheet = into_sheet(read_csv(csv).unwrap()).unwrap();
        assert_eq!(
            sheet.headers,
            [
                "姓名",
                "性别",
                "出生日期",
                "父亲姓名",
                "父亲当前务工地点",
                "父亲联系电话"
            ]
        );
        assert_eq!(sheet.rows.len(), 1);
        assert_eq!(sheet.rows[0].number, 5);
        assert_eq!(
            sheet.preamble[1],
            "填报单位：石桥村民委员会 填报日期：2016年7月18日"
        );
    }

    #[test]
    fn semicolon_and_tab_sheets_are_read() {
        let grid = read_csv("姓名;村\n张三;白果村\n").unwrap();
        assert_eq!(grid[1].1[1].text, "白果村");
        let grid = read_csv("姓名\t村\n张三\t白果村\n").unwrap();
        assert_eq!(grid[1].1[1].text, "白果村");
    }
}
