//! The command line of `interface.md`, read by hand so that every message is
//! in the user's language and a wrong command line exits with code 2.

use std::path::PathBuf;

use chrono::{IsoWeek, NaiveDate};

use crate::domain::date::{self, Period};
use crate::i18n::{Lang, M, tf};

/// A wrong command line (exit code 2).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Options of every command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Global {
    pub db: Option<PathBuf>,
    pub today: Option<NaiveDate>,
    pub lang: Option<Lang>,
    pub theme: Option<String>,
    pub demo: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Html,
    Txt,
    Xlsx,
    Pdf,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "html" => Format::Html,
            "txt" | "text" => Format::Txt,
            "xlsx" => Format::Xlsx,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Ui,
    Help,
    Version,
    Demo {
        children: usize,
        seed: u64,
    },
    ImportChildren {
        file: PathBuf,
        skip_invalid: bool,
    },
    ImportVisits {
        file: PathBuf,
        skip_invalid: bool,
    },
    Due {
        within: i64,
        village: Option<String>,
        format: Format,
    },
    Worklist {
        /// `None`: the week of `--today`.
        week: Option<IsoWeek>,
        village: Option<String>,
        officer: Option<String>,
        format: Format,
        output: Option<PathBuf>,
        font: Option<PathBuf>,
    },
    Report {
        /// `None`: the quarter of `--today`.
        period: Option<Period>,
        format: Format,
        output: Option<PathBuf>,
    },
    Export {
        what: Export,
        format: Format,
        full_id: bool,
        output: PathBuf,
    },
    Backup {
        output: Option<PathBuf>,
    },
    Restore {
        file: PathBuf,
    },
    Check,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Children,
    Visits,
    Pairings,
    Referrals,
}

impl Export {
    fn parse(s: &str) -> Option<Export> {
        Some(match s {
            "children" => Export::Children,
            "visits" => Export::Visits,
            "pairings" => Export::Pairings,
            "referrals" => Export::Referrals,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Export::Children => "children",
            Export::Visits => "visits",
            Export::Pairings => "pairings",
            Export::Referrals => "referrals",
        }
    }
}

/// Options that take a value; the rest are switches.
const VALUED: &[&str] = &[
    "--db",
    "--today",
    "--lang",
    "--theme",
    "--within",
    "--village",
    "--format",
    "--children",
    "--seed",
    "-o",
    "--output",
    "--week",
    "--officer",
    "--font",
    "--quarter",
    "--half",
    "--year",
];
const SWITCHES: &[&str] = &[
    "--demo",
    "--skip-invalid",
    "--full-id",
    "--help",
    "-h",
    "--version",
    "-V",
];

fn usage(m: M, args: &[&dyn std::fmt::Display]) -> UsageError {
    UsageError(tf(m, args))
}

/// Reads the whole command line (without the program name).
pub fn parse(args: &[String]) -> Result<(Global, Command), UsageError> {
    let mut global = Global::default();
    let mut opts: Vec<(String, String)> = Vec::new();
    let mut positional: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            positional.extend(args[i..].iter().cloned());
            break;
        }
        if !arg.starts_with('-') || arg == "-" || arg.parse::<f64>().is_ok() {
            positional.push(arg.clone());
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        if VALUED.contains(&name.as_str()) {
            let value = match inline {
                Some(v) => v,
                None => {
                    let v = args
                        .get(i)
                        .ok_or_else(|| usage(M::ErrMissingValue, &[&name]))?;
                    i += 1;
                    v.clone()
                }
            };
            opts.push((name, value));
        } else if SWITCHES.contains(&name.as_str()) && inline.is_none() {
            opts.push((name, String::new()));
        } else {
            return Err(usage(M::ErrUnknownOption, &[&arg]));
        }
    }
    // The language first, so that the other messages are in it.
    for (name, value) in &opts {
        if name == "--lang" {
            global.lang =
                Some(Lang::parse(value).ok_or_else(|| usage(M::ErrBadValue, &[name, value]))?);
        }
    }
    let mut allowed: Vec<&str> = vec![
        "--db",
        "--today",
        "--lang",
        "--help",
        "-h",
        "--version",
        "-V",
    ];
    let words: Vec<&str> = positional.iter().map(String::as_str).collect();
    let command_name = match words.as_slice() {
        [] => "",
        ["import", kind, ..] => match *kind {
            "children" => "import children",
            "visits" => "import visits",
            other => return Err(usage(M::ErrUnknownCommand, &[&format!("import {other}")])),
        },
        ["import"] => return Err(usage(M::ErrMissingArg, &[&"children | visits"])),
        [first, ..] => first,
    };
    let rest: Vec<&str> = match command_name {
        "import children" | "import visits" => words[2..].to_vec(),
        "" => Vec::new(),
        _ => words[1..].to_vec(),
    };
    allowed.extend_from_slice(match command_name {
        "" => &["--theme", "--demo"],
        "demo" => &["--children", "--seed"],
        "import children" | "import visits" => &["--skip-invalid"],
        "due" => &["--within", "--village", "--format"],
        "worklist" => &[
            "--week",
            "--village",
            "--officer",
            "--format",
            "-o",
            "--output",
            "--font",
        ],
        "report" => &[
            "--quarter",
            "--half",
            "--year",
            "--format",
            "-o",
            "--output",
        ],
        "export" => &["--format", "--full-id", "-o", "--output"],
        "backup" => &["-o", "--output"],
        _ => &[],
    });
    for (name, value) in &opts {
        if !allowed.contains(&name.as_str()) {
            return Err(usage(M::ErrUnknownOption, &[name]));
        }
        match name.as_str() {
            "--db" => global.db = Some(PathBuf::from(value)),
            "--today" => {
                let d = date::parse(value, NaiveDate::default())
                    .ok()
                    .filter(|_| value.len() >= 8)
                    .ok_or_else(|| usage(M::ErrBadValue, &[name, value]))?;
                global.today = Some(d);
            }
            "--theme" => global.theme = Some(value.clone()),
            "--demo" => global.demo = true,
            _ => {}
        }
    }
    let get = |n: &str| {
        opts.iter()
            .rev()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
    };
    let has = |n: &str| get(n).is_some();
    if has("--help") || has("-h") {
        return Ok((global, Command::Help));
    }
    if has("--version") || has("-V") {
        return Ok((global, Command::Version));
    }
    let number = |n: &str, default: u64| -> Result<u64, UsageError> {
        match get(n) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| usage(M::ErrBadValue, &[&n, &v])),
        }
    };
    let one_file = |what: &str| -> Result<PathBuf, UsageError> {
        match rest.as_slice() {
            [file] => Ok(PathBuf::from(file)),
            [] => Err(usage(M::ErrMissingArg, &[&what])),
            [_, extra, ..] => Err(usage(M::ErrExtraArg, &[extra])),
        }
    };
    let output = || get("-o").or(get("--output")).map(PathBuf::from);
    let format_of =
        |value: Option<&str>, default: Format, allowed: &[Format]| -> Result<Format, UsageError> {
            match value {
                None => Ok(default),
                Some(v) => Format::parse(v)
                    .filter(|f| allowed.contains(f))
                    .ok_or_else(|| usage(M::ErrBadValue, &[&"--format", &v])),
            }
        };
    let no_more = || -> Result<(), UsageError> {
        match rest.first() {
            Some(extra) => Err(usage(M::ErrExtraArg, &[extra])),
            None => Ok(()),
        }
    };
    let command = match command_name {
        "" => Command::Ui,
        "help" => Command::Help,
        "demo" => {
            no_more()?;
            let children = number("--children", 300)? as usize;
            if children == 0 || children > 1_000_000 {
                return Err(usage(M::ErrBadValue, &[&"--children", &children]));
            }
            Command::Demo {
                children,
                seed: number("--seed", 1)?,
            }
        }
        "import children" => Command::ImportChildren {
            file: one_file("FILE")?,
            skip_invalid: has("--skip-invalid"),
        },
        "import visits" => Command::ImportVisits {
            file: one_file("FILE")?,
            skip_invalid: has("--skip-invalid"),
        },
        "due" => {
            no_more()?;
            let within = match get("--within") {
                None => 7,
                Some(v) => v
                    .parse::<i64>()
                    .ok()
                    .filter(|d| (0..=36_600).contains(d))
                    .ok_or_else(|| usage(M::ErrBadValue, &[&"--within", &v]))?,
            };
            let format = match get("--format") {
                None => Format::Table,
                Some(v) => Format::parse(v)
                    .filter(|f| matches!(f, Format::Table | Format::Csv | Format::Json))
                    .ok_or_else(|| usage(M::ErrBadValue, &[&"--format", &v]))?,
            };
            Command::Due {
                within,
                village: get("--village").map(str::to_string),
                format,
            }
        }
        "worklist" => {
            no_more()?;
            let week = match get("--week") {
                None => None,
                Some(v) => Some(
                    date::parse_week(v).ok_or_else(|| usage(M::ErrBadValue, &[&"--week", &v]))?,
                ),
            };
            Command::Worklist {
                week,
                village: get("--village").map(str::to_string),
                officer: get("--officer").map(str::to_string),
                format: format_of(
                    get("--format"),
                    Format::Html,
                    &[
                        Format::Html,
                        Format::Txt,
                        Format::Csv,
                        Format::Xlsx,
                        Format::Pdf,
                    ],
                )?,
                output: output(),
                font: get("--font").map(PathBuf::from),
            }
        }
        "report" => {
            no_more()?;
            let mut period = None;
            type Reader = fn(&str) -> Option<Period>;
            let kinds: [(&str, Reader); 3] = [
                ("--quarter", Period::parse_quarter),
                ("--half", Period::parse_half),
                ("--year", Period::parse_year),
            ];
            let mut chosen: Option<&str> = None;
            for (name, read) in kinds {
                if let Some(v) = get(name) {
                    if let Some(first) = chosen {
                        return Err(usage(M::ErrConflict, &[&first, &name]));
                    }
                    chosen = Some(name);
                    period = Some(read(v).ok_or_else(|| usage(M::ErrBadValue, &[&name, &v]))?);
                }
            }
            Command::Report {
                period,
                format: format_of(
                    get("--format"),
                    Format::Table,
                    &[Format::Table, Format::Csv, Format::Xlsx, Format::Html],
                )?,
                output: output(),
            }
        }
        "export" => {
            let what = match rest.as_slice() {
                [what] => Export::parse(what)
                    .ok_or_else(|| usage(M::ErrUnknownCommand, &[&format!("export {what}")]))?,
                [] => return Err(usage(M::ErrMissingArg, &[&"children | visits"])),
                [_, extra, ..] => return Err(usage(M::ErrExtraArg, &[extra])),
            };
            let output = output().ok_or_else(|| usage(M::ErrMissingArg, &[&"-o FILE"]))?;
            // Without --format, the file's name says which.
            let by_name = output
                .extension()
                .and_then(|e| e.to_str())
                .filter(|e| e.eq_ignore_ascii_case("xlsx"))
                .map(|_| "xlsx");
            Command::Export {
                what,
                format: format_of(
                    get("--format").or(by_name),
                    Format::Csv,
                    &[Format::Csv, Format::Xlsx],
                )?,
                full_id: has("--full-id"),
                output,
            }
        }
        "backup" => {
            no_more()?;
            Command::Backup {
                output: get("-o").or(get("--output")).map(PathBuf::from),
            }
        }
        "restore" => Command::Restore {
            file: one_file("FILE")?,
        },
        "check" => {
            no_more()?;
            Command::Check
        }
        other => return Err(usage(M::ErrUnknownCommand, &[&other])),
    };
    Ok((global, command))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: &str) -> Result<(Global, Command), UsageError> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse(&args)
    }

    #[test]
    fn global_options_go_anywhere() {
        let (g, c) = p("--today 2026-09-15 due --within 7 --format csv --db x.db").unwrap();
        assert_eq!(g.today, NaiveDate::from_ymd_opt(2026, 9, 15));
        assert_eq!(g.db, Some(PathBuf::from("x.db")));
        assert_eq!(
            c,
            Command::Due {
                within: 7,
                village: None,
                format: Format::Csv
            }
        );
        let (_, c) = p("import children a.csv --skip-invalid").unwrap();
        assert_eq!(
            c,
            Command::ImportChildren {
                file: "a.csv".into(),
                skip_invalid: true
            }
        );
        let (g, c) = p("--demo --theme mono").unwrap();
        assert!(g.demo);
        assert_eq!(c, Command::Ui);
    }

    #[test]
    fn worklist_report_and_export_read_their_options() {
        let (_, c) = p("worklist --week 2026-W48 --village 白果村 --format txt -o a.txt").unwrap();
        assert_eq!(
            c,
            Command::Worklist {
                week: date::parse_week("2026-W48"),
                village: Some("白果村".into()),
                officer: None,
                format: Format::Txt,
                output: Some("a.txt".into()),
                font: None,
            }
        );
        let (_, c) = p("report --half 2026H2").unwrap();
        assert_eq!(
            c,
            Command::Report {
                period: Some(Period::Half(2026, 2)),
                format: Format::Table,
                output: None
            }
        );
        let (_, c) = p("export visits --full-id -o v.xlsx").unwrap();
        assert_eq!(
            c,
            Command::Export {
                what: Export::Visits,
                format: Format::Xlsx,
                full_id: true,
                output: "v.xlsx".into()
            }
        );
    }

    #[test]
    fn wrong_command_lines_are_usage_errors() {
        assert!(p("due --within").is_err());
        assert!(p("due --within x").is_err());
        assert!(p("due --format xml").is_err());
        assert!(p("due --skip-invalid").is_err());
        assert!(p("frobnicate").is_err());
        assert!(p("import pets a.csv").is_err());
        assert!(p("import children").is_err());
        assert!(p("--today 2026-02-30").is_err());
        assert!(p("--lang fr").is_err());
        assert!(p("check extra").is_err());
        assert!(p("worklist --week 2026-W60").is_err());
        assert!(p("worklist --format json").is_err());
        assert!(p("report --quarter 2026Q5").is_err());
        assert!(p("report --quarter 2026Q4 --year 2026").is_err());
        assert!(p("report --format pdf").is_err());
        assert!(p("export children").is_err());
        assert!(p("export pets -o x.csv").is_err());
        assert!(p("export children --format html -o x.html").is_err());
    }
}
