//! The grammar of the command line as clap reads it: the options of each
//! command, how their values are read, and clap's refusals put in the words of
//! the message catalogue.

use std::path::PathBuf;

use chrono::{IsoWeek, NaiveDate};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};

use super::args::{Export, Format, ImportKind, UsageError};
use crate::domain::date::{self, Period};
use crate::i18n::{Lang, M, tf};

// The values, read as clap reads them; a refusal is turned into our words.

fn db_value(v: &str) -> Result<PathBuf, String> {
    if v.trim().is_empty() {
        return Err(String::new());
    }
    Ok(PathBuf::from(v))
}

fn today_value(v: &str) -> Result<NaiveDate, String> {
    date::parse(v, NaiveDate::default())
        .ok()
        .filter(|_| v.len() >= 8)
        .ok_or_else(String::new)
}

fn lang_value(v: &str) -> Result<Lang, String> {
    Lang::parse(v).ok_or_else(String::new)
}

fn week_value(v: &str) -> Result<IsoWeek, String> {
    date::parse_week(v).ok_or_else(String::new)
}

fn quarter_value(v: &str) -> Result<Period, String> {
    Period::parse_quarter(v).ok_or_else(String::new)
}

fn half_value(v: &str) -> Result<Period, String> {
    Period::parse_half(v).ok_or_else(String::new)
}

fn year_value(v: &str) -> Result<Period, String> {
    Period::parse_year(v).ok_or_else(String::new)
}

fn children_value(v: &str) -> Result<usize, String> {
    v.parse()
        .ok()
        .filter(|n| (1..=1_000_000).contains(n))
        .ok_or_else(String::new)
}

fn within_value(v: &str) -> Result<i64, String> {
    v.parse()
        .ok()
        .filter(|d| (0..=36_600).contains(d))
        .ok_or_else(String::new)
}

fn width_value(v: &str) -> Result<usize, String> {
    match v {
        "80" => Ok(80),
        "136" => Ok(136),
        _ => Err(String::new()),
    }
}

fn roster_value(v: &str) -> Result<crate::io::forms_upward::Roster, String> {
    crate::io::forms_upward::Roster::parse(v).ok_or_else(String::new)
}

fn paper_value(v: &str) -> Result<String, String> {
    match v {
        "dengjibiao" | "登记表" => Ok("dengjibiao".into()),
        "file" | "档案" => Ok("file".into()),
        _ => Err(String::new()),
    }
}

fn layout_value(v: &str) -> Result<Export, String> {
    match v {
        "national" => Ok(Export::ChildrenNational),
        _ => Err(String::new()),
    }
}

fn export_value(v: &str) -> Result<Export, String> {
    Export::parse(v).ok_or_else(String::new)
}

/// A format among those a command writes.
fn format_of(allowed: &'static [Format]) -> impl Fn(&str) -> Result<Format, String> + Clone {
    move |v| {
        Format::parse(v)
            .filter(|f| allowed.contains(f))
            .ok_or_else(String::new)
    }
}

const DUE_FORMATS: &[Format] = &[Format::Table, Format::Csv, Format::Json];
const PRINT_FORMATS: &[Format] = &[Format::Html, Format::Pdf, Format::Txt];
const WORKLIST_FORMATS: &[Format] = &[
    Format::Html,
    Format::Txt,
    Format::Csv,
    Format::Xlsx,
    Format::Pdf,
];
const REPORT_FORMATS: &[Format] = &[Format::Table, Format::Csv, Format::Xlsx, Format::Html];
const EXPORT_FORMATS: &[Format] = &[Format::Csv, Format::Xlsx];

#[derive(Parser, Debug)]
#[command(
    name = "shouhu",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    args_override_self = true
)]
pub(super) struct Cli {
    #[arg(long, global = true, value_parser = db_value)]
    pub(super) db: Option<PathBuf>,
    #[arg(long, global = true)]
    pub(super) create: bool,
    #[arg(long, global = true)]
    pub(super) key_file: Option<PathBuf>,
    #[arg(long, global = true, value_parser = today_value)]
    pub(super) today: Option<NaiveDate>,
    #[arg(long, global = true, value_parser = lang_value)]
    pub(super) lang: Option<Lang>,
    #[arg(long)]
    pub(super) theme: Option<String>,
    #[arg(long)]
    pub(super) demo: bool,
    #[arg(short = 'h', long, global = true)]
    pub(super) help: bool,
    #[arg(short = 'V', long, global = true)]
    pub(super) version: bool,
    #[command(subcommand)]
    pub(super) command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub(super) enum Cmd {
    Demo {
        #[arg(long, default_value = "300", value_parser = children_value)]
        children: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    Due {
        #[arg(long, default_value = "7", value_parser = within_value)]
        within: i64,
        #[arg(long)]
        village: Option<String>,
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
        /// How many are overdue and due, by village (in a county file by
        /// township), instead of the children.
        #[arg(long)]
        summary: bool,
    },
    Worklist {
        #[arg(long, value_parser = week_value)]
        week: Option<IsoWeek>,
        #[arg(long)]
        village: Option<String>,
        #[arg(long)]
        officer: Option<String>,
        #[arg(long, default_value = "html", value_parser = format_of(WORKLIST_FORMATS))]
        format: Format,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        font: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        #[arg(long, default_value = "136", value_parser = width_value)]
        width: usize,
    },
    Report {
        #[arg(long, value_parser = quarter_value, conflicts_with_all = ["half", "year"])]
        quarter: Option<Period>,
        #[arg(long, value_parser = half_value, conflicts_with = "year")]
        half: Option<Period>,
        #[arg(long, value_parser = year_value)]
        year: Option<Period>,
        #[arg(long, default_value = "table", value_parser = format_of(REPORT_FORMATS))]
        format: Format,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        /// The pairing report per village and unit instead.
        #[arg(long)]
        pairings: bool,
    },
    Export {
        #[arg(value_parser = export_value)]
        what: Export,
        #[arg(long, value_parser = format_of(EXPORT_FORMATS))]
        format: Option<Format>,
        #[arg(long)]
        full_id: bool,
        /// `national`: the columns and words of the national system's entry screen.
        #[arg(long, value_parser = layout_value)]
        layout: Option<Export>,
        /// Only the children changed since they were last entered there.
        #[arg(long)]
        changed_since_national: bool,
        #[arg(short = 'o', long = "output", required = true)]
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
    Backup {
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Restore {
        file: PathBuf,
    },
    Check,
    Encrypt,
    Decrypt,
    Pairing {
        #[command(subcommand)]
        what: PairingWhat,
    },
    Referral {
        #[command(subcommand)]
        what: ReferralWhat,
    },
    National {
        #[command(subcommand)]
        what: NationalWhat,
    },
    Gaps {
        #[command(subcommand)]
        what: Option<GapsWhat>,
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
    },
    Reviews {
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
    },
    Guardianship {
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
    },
    Survey {
        #[command(subcommand)]
        what: SurveyWhat,
    },
    Inspection {
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
    },
    Site,
    Sync {
        #[command(subcommand)]
        what: SyncWhat,
    },
    County {
        #[command(subcommand)]
        what: CountyWhat,
    },
    Deadlines {
        #[arg(long)]
        set: Option<PathBuf>,
    },
    Roster {
        #[arg(value_parser = roster_value)]
        which: crate::io::forms_upward::Roster,
        #[arg(long)]
        village: Option<String>,
        #[arg(long)]
        full_id: bool,
        #[arg(long, value_parser = format_of(EXPORT_FORMATS))]
        format: Option<Format>,
        #[arg(short = 'o', long = "output", required = true)]
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
    Print {
        #[arg(value_parser = paper_value)]
        paper: String,
        child: String,
        #[arg(long, default_value = "html", value_parser = format_of(PRINT_FORMATS))]
        format: Format,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        font: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Referrals {
        #[arg(long)]
        state: Option<String>,
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
    },
    Help,
}

#[derive(Subcommand, Debug)]
pub(super) enum CountyWhat {
    /// Builds or updates a county file from the townships' changes files.
    Merge {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(short = 'o', long = "output", required = true)]
        output: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub(super) enum SyncWhat {
    /// The changes this database holds, as one file.
    Export {
        #[arg(short = 'o', long = "output", required = true)]
        output: PathBuf,
        /// Only what that site has not acknowledged.
        #[arg(long = "for")]
        for_site: Option<i64>,
        #[arg(long)]
        force: bool,
    },
    /// Applies a changes file.
    Import { file: PathBuf },
    /// The versions not kept when two sides changed one record.
    Conflicts {
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
    },
}

#[derive(Subcommand, Debug)]
pub(super) enum SurveyWhat {
    /// Each village's progress in this year's survey.
    Status {
        #[arg(long)]
        village: Option<String>,
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
    },
}

#[derive(Subcommand, Debug)]
pub(super) enum GapsWhat {
    /// Prints the gap rules in effect; `--preset`, `--set` or
    /// `--dibao-standard` changes them.
    Rules {
        #[arg(long)]
        preset: Option<String>,
        #[arg(long)]
        set: Option<PathBuf>,
        #[arg(long)]
        dibao_standard: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub(super) enum NationalWhat {
    Mark {
        #[arg(long)]
        village: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub(super) enum ReferralWhat {
    New {
        #[arg(long)]
        child: Option<String>,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        target: Option<String>,
        #[arg(long, default_value = "")]
        what: String,
        #[arg(long)]
        found: Option<String>,
        #[arg(long)]
        severity: Option<String>,
    },
    Print {
        no: i64,
        #[arg(long, default_value = "html", value_parser = format_of(PRINT_FORMATS))]
        format: Format,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        font: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Move {
        no: i64,
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        answer: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub(super) enum PairingWhat {
    Check {
        #[arg(long, default_value = "table", value_parser = format_of(DUE_FORMATS))]
        format: Format,
    },
    Review,
}

/// A sheet to import and what to do with its bad rows.
#[derive(Args, Debug)]
pub(super) struct Sheet {
    pub(super) file: PathBuf,
    #[arg(long)]
    pub(super) skip_invalid: bool,
    /// The village of the rows that do not name one (a sheet of one village).
    #[arg(long)]
    pub(super) village: Option<String>,
    /// The category of the rows that do not say it.
    #[arg(long)]
    pub(super) category: Option<String>,
    /// A mapping of columns saved on the screen.
    #[arg(long)]
    pub(super) template: Option<String>,
}

#[derive(Subcommand, Debug)]
pub(super) enum ImportWhat {
    Children(Sheet),
    Visits(Sheet),
    Helpers(Sheet),
    Pairings(Sheet),
    Activities(Sheet),
    Benefits(Sheet),
}

impl ImportWhat {
    pub(super) fn split(self) -> (ImportKind, Sheet) {
        match self {
            ImportWhat::Children(s) => (ImportKind::Children, s),
            ImportWhat::Visits(s) => (ImportKind::Visits, s),
            ImportWhat::Helpers(s) => (ImportKind::Helpers, s),
            ImportWhat::Pairings(s) => (ImportKind::Pairings, s),
            ImportWhat::Activities(s) => (ImportKind::Activities, s),
            ImportWhat::Benefits(s) => (ImportKind::Benefits, s),
        }
    }
}

/// clap's refusal in the words of the message catalogue.
pub(super) fn usage_of(e: &clap::Error) -> UsageError {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(" "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    // "--within <WITHIN>" is written as the officer typed it: "--within".
    let arg = context(ContextKind::InvalidArg);
    let arg = arg.split(' ').next().unwrap_or("").to_string();
    let value = context(ContextKind::InvalidValue);
    UsageError(match e.kind() {
        ErrorKind::UnknownArgument if !arg.starts_with('-') => tf(M::ErrExtraArg, &[&arg]),
        ErrorKind::UnknownArgument => tf(M::ErrUnknownOption, &[&arg]),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            tf(M::ErrMissingValue, &[&arg])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => tf(M::ErrBadValue, &[&arg, &value]),
        ErrorKind::InvalidSubcommand => tf(
            M::ErrUnknownCommand,
            &[&context(ContextKind::InvalidSubcommand)],
        ),
        ErrorKind::ArgumentConflict => {
            let prior = context(ContextKind::PriorArg);
            let prior = prior.split(' ').next().unwrap_or("").to_string();
            tf(M::ErrConflict, &[&arg, &prior])
        }
        ErrorKind::MissingRequiredArgument => {
            let what = if arg.is_empty() {
                "FILE".to_string()
            } else {
                arg
            };
            let what = what
                .replace("--output", "-o FILE")
                .replace("<FILE>", "FILE");
            tf(M::ErrMissingArg, &[&what])
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            tf(M::ErrMissingArg, &[&"children | visits"])
        }
        _ => tf(M::ErrUnknownOption, &[&e.kind()]),
    })
}
