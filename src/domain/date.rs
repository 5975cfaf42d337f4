//! Dates as officers write them, and the calendar arithmetic of the rules.
//!
//! One parser for the whole program: forms, sheets and the command line.

use chrono::{Datelike, Days, IsoWeek, Months, NaiveDate, Weekday};

/// Why a date could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not any known way of writing a date.
    Unreadable,
    /// Readable, but no such day (2026-02-30).
    NoSuchDay,
}

/// Reads a date written in any of the forms of `ux.md` and `interface.md`:
/// `2026-11-15`, `2026/11/15`, `2026.11.15`, `2026年11月15日`, `20261115`,
/// `11-15`, `11/15`, `11.15`, `1115` (this year), `t` / `今天`, `y` / `昨天`,
/// `-3` (three days ago), and Excel serial day numbers (`46341`).
pub fn parse(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = text.trim();
    match s {
        "t" | "T" | "今天" | "今日" => return Ok(today),
        "y" | "Y" | "昨天" | "昨日" => return today.pred_opt().ok_or(DateError::NoSuchDay),
        _ => {}
    }
    if let Some(n) = s.strip_prefix('-')
        && !n.is_empty()
        && n.len() <= 4
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        let days: u64 = n.parse().map_err(|_| DateError::Unreadable)?;
        return today
            .checked_sub_days(Days::new(days))
            .ok_or(DateError::NoSuchDay);
    }
    // Excel writes a time after the date in some exports: keep the date.
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            8 => ymd(&s[0..4], &s[4..6], &s[6..8]),
            4 => ymd(&today.year().to_string(), &s[0..2], &s[2..4]),
            3 => ymd(&today.year().to_string(), &s[0..1], &s[1..3]),
            5 => excel_serial(s.parse().map_err(|_| DateError::Unreadable)?),
            _ => Err(DateError::Unreadable),
        };
    }
    // An Excel serial written with a fraction (a date-time).
    if let Some((whole, frac)) = s.split_once('.')
        && whole.len() == 5
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
    {
        return excel_serial(whole.parse().map_err(|_| DateError::Unreadable)?);
    }
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DateError::Unreadable);
    }
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => ymd(y, m, d),
        [m, d] if m.len() <= 2 && d.len() <= 2 => ymd(&today.year().to_string(), m, d),
        _ => Err(DateError::Unreadable),
    }
}

fn ymd(y: &str, m: &str, d: &str) -> Result<NaiveDate, DateError> {
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(DateError::Unreadable);
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2999).contains(&y) {
        return Err(DateError::NoSuchDay);
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NoSuchDay)
}

/// The day of an Excel serial number (1900 date system; Excel's phantom
/// 1900-02-29 is skipped, as every spreadsheet since Lotus does).
pub fn excel_serial(serial: i64) -> Result<NaiveDate, DateError> {
    if !(1..=2_958_465).contains(&serial) {
        return Err(DateError::NoSuchDay);
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or(DateError::NoSuchDay)?;
    let serial = if serial < 60 { serial + 1 } else { serial };
    base.checked_add_days(Days::new(serial as u64))
        .ok_or(DateError::NoSuchDay)
}

/// `day` plus `n` calendar months, clamped to the last day of the month
/// (Jan 31 + 1 month = Feb 28, or 29).
pub fn add_months(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// Formats as `YYYY-MM-DD`.
pub fn iso(day: NaiveDate) -> String {
    let (y, m, d) = (day.year(), day.month(), day.day());
    if !(0..=9999).contains(&y) {
        return format!("{y}-{m:02}-{d:02}");
    }
    let y = y as u32;
    let digits = [
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        m / 10,
        m % 10,
        d / 10,
        d % 10,
    ];
    let mut out = String::with_capacity(10);
    for (i, n) in digits.into_iter().enumerate() {
        if i == 4 || i == 6 {
            out.push('-');
        }
        out.push(char::from(b'0' + n as u8));
    }
    out
}

/// Reads the `YYYY-MM-DD` the store writes (by hand: the triage reads tens of
/// thousands of them, and a format-string parser costs ten times as much).
pub fn from_iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// The Monday and Sunday of an ISO week.
pub fn week_bounds(week: IsoWeek) -> (NaiveDate, NaiveDate) {
    let monday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon)
        .unwrap_or(NaiveDate::MIN);
    (monday, monday + Days::new(6))
}

/// Reads an ISO week `2026-W48` (also `2026W48`, `2026-w48`).
pub fn parse_week(text: &str) -> Option<IsoWeek> {
    let t = text.trim().to_ascii_uppercase();
    let (y, w) = t.split_once('W')?;
    let y: i32 = y.trim_end_matches('-').parse().ok()?;
    let w: u32 = w.parse().ok()?;
    NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).map(|d| d.iso_week())
}

/// Writes an ISO week as `2026-W48`.
pub fn week_label(week: IsoWeek) -> String {
    format!("{}-W{:02}", week.year(), week.week())
}

/// A reporting period: a quarter, a half year or a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Year and quarter 1–4.
    Quarter(i32, u32),
    /// Year and half 1–2.
    Half(i32, u32),
    Year(i32),
}

impl Period {
    /// The quarter `day` falls in.
    pub fn quarter_of(day: NaiveDate) -> Period {
        Period::Quarter(day.year(), (day.month() - 1) / 3 + 1)
    }

    /// Reads `2026Q4` (also `2026-Q4`, `2026q4`).
    pub fn parse_quarter(text: &str) -> Option<Period> {
        let (y, n) = split_period(text, 'Q')?;
        (1..=4).contains(&n).then_some(Period::Quarter(y, n))
    }

    /// Reads `2026H2` (also `2026-H2`, `2026h2`).
    pub fn parse_half(text: &str) -> Option<Period> {
        let (y, n) = split_period(text, 'H')?;
        (1..=2).contains(&n).then_some(Period::Half(y, n))
    }

    /// Reads `2026`.
    pub fn parse_year(text: &str) -> Option<Period> {
        let t = text.trim();
        let y: i32 = t.parse().ok().filter(|_| t.len() == 4)?;
        (1900..=9999).contains(&y).then_some(Period::Year(y))
    }

    /// The first and last day, both included.
    pub fn bounds(self) -> (NaiveDate, NaiveDate) {
        let (year, first_month, months) = match self {
            Period::Quarter(y, q) => (y, 3 * (q - 1) + 1, 3),
            Period::Half(y, h) => (y, 6 * (h - 1) + 1, 6),
            Period::Year(y) => (y, 1, 12),
        };
        let start = NaiveDate::from_ymd_opt(year, first_month, 1).unwrap_or(NaiveDate::MIN);
        let end = add_months(start, months) - Days::new(1);
        (start, end)
    }

    /// `2026Q4`, `2026H2`, `2026`.
    pub fn label(self) -> String {
        match self {
            Period::Quarter(y, q) => format!("{y}Q{q}"),
            Period::Half(y, h) => format!("{y}H{h}"),
            Period::Year(y) => format!("{y}"),
        }
    }
}

fn split_period(text: &str, mark: char) -> Option<(i32, u32)> {
    let t = text.trim().to_ascii_uppercase();
    let (y, n) = t.split_once(mark)?;
    let y = y.trim_end_matches('-');
    if y.len() != 4 || n.len() != 1 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let n: u32 = n.parse().ok()?;
    (1900..=9999).contains(&y).then_some((y, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_written_form_is_read() {
        let today = d(2026, 11, 23);
        for (text, want) in [
            ("2026-11-15", d(2026, 11, 15)),
            ("2015/3/9", d(2015, 3, 9)),
            ("2015.3.9", d(2015, 3, 9)),
            ("2015年3月9日", d(2015, 3, 9)),
            ("20150309", d(2015, 3, 9)),
            ("11-15", d(2026, 11, 15)),
            ("11/15", d(2026, 11, 15)),
            ("11.15", d(2026, 11, 15)),
            ("1115", d(2026, 11, 15)),
            ("315", d(2026, 3, 15)),
            ("t", today),
            ("今天", today),
            ("y", d(2026, 11, 22)),
            ("-3", d(2026, 11, 20)),
            ("42072", d(2015, 3, 9)),
            ("42072.5", d(2015, 3, 9)),
            ("2015-03-09 00:00:00", d(2015, 3, 9)),
            (" 2015-03-09 ", d(2015, 3, 9)),
        ] {
            assert_eq!(parse(text, today), Ok(want), "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_told_apart_from_gibberish() {
        let today = d(2026, 11, 23);
        assert_eq!(parse("2026-02-30", today), Err(DateError::NoSuchDay));
        assert_eq!(parse("2026-13-01", today), Err(DateError::NoSuchDay));
        assert_eq!(parse("1332", today), Err(DateError::NoSuchDay));
        assert_eq!(parse("明天", today), Err(DateError::Unreadable));
        assert_eq!(parse("", today), Err(DateError::Unreadable));
        assert_eq!(parse("2026-1", today), Err(DateError::Unreadable));
        assert_eq!(parse("abc-de", today), Err(DateError::Unreadable));
    }

    #[test]
    fn excel_serials_match_excel() {
        assert_eq!(excel_serial(1), Ok(d(1900, 1, 1)));
        assert_eq!(excel_serial(59), Ok(d(1900, 2, 28)));
        assert_eq!(excel_serial(61), Ok(d(1900, 3, 1)));
        assert_eq!(excel_serial(46349), Ok(d(2026, 11, 23)));
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(add_months(d(2028, 1, 31), 1), d(2028, 2, 29));
        assert_eq!(add_months(d(2026, 5, 31), 1), d(2026, 6, 30));
        assert_eq!(add_months(d(2026, 11, 30), 3), d(2027, 2, 28));
    }

    #[test]
    fn iso_dates_round_trip() {
        assert_eq!(from_iso("2026-02-28"), Some(d(2026, 2, 28)));
        assert_eq!(from_iso(&iso(d(1999, 12, 31))), Some(d(1999, 12, 31)));
        assert_eq!(from_iso("2026-02-30"), None);
        assert_eq!(from_iso("2026/02/01"), None);
        assert_eq!(from_iso("2026-0a-01"), None);
    }

    #[test]
    fn weeks_read_and_bound() {
        let w = parse_week("2026-W48").unwrap();
        assert_eq!(week_bounds(w), (d(2026, 11, 23), d(2026, 11, 29)));
        assert_eq!(week_label(w), "2026-W48");
        assert!(parse_week("2026-W54").is_none());
    }

    #[test]
    fn periods_read_and_bound() {
        let q = Period::parse_quarter("2026Q4").unwrap();
        assert_eq!(q.bounds(), (d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(q.label(), "2026Q4");
        assert_eq!(
            Period::parse_quarter("2026-q1").unwrap().bounds(),
            (d(2026, 1, 1), d(2026, 3, 31))
        );
        assert_eq!(
            Period::parse_half("2026H2").unwrap().bounds(),
            (d(2026, 7, 1), d(2026, 12, 31))
        );
        assert_eq!(
            Period::parse_year("2028").unwrap().bounds(),
            (d(2028, 1, 1), d(2028, 12, 31))
        );
        assert_eq!(
            Period::quarter_of(d(2026, 11, 23)),
            Period::Quarter(2026, 4)
        );
        for bad in [
            "2026Q5", "2026Q0", "2026Q", "26Q1", "2026H3", "Q4", "2026Q12",
        ] {
            assert!(
                Period::parse_quarter(bad).is_none() && Period::parse_half(bad).is_none(),
                "{bad}"
            );
        }
        assert!(Period::parse_year("20266").is_none());
    }
}
