//! The command line of `interface.md`, read by clap; its errors are put in
//! the words of the message catalogue (Chinese by default) and a wrong
//! command line exits with code 2.

use std::path::PathBuf;

use chrono::{IsoWeek, NaiveDate};
use clap::Parser;

use super::grammar::{
    Cli, Cmd, CountyWhat, GapsWhat, NationalWhat, PairingWhat, ReferralWhat, SurveyWhat, SyncWhat,
    usage_of,
};
use crate::domain::date::Period;
use crate::i18n::Lang;
pub use crate::io::format::{ExportKind as Export, Format};

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
    /// Make a new registry where none exists (a command that only reads never does).
    pub create: bool,
    /// A file whose first line is the passphrase of an encrypted registry.
    pub key_file: Option<PathBuf>,
}

/// What `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Children,
    Visits,
    Helpers,
    Pairings,
    Activities,
    Benefits,
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
    Import {
        kind: ImportKind,
        file: PathBuf,
        skip_invalid: bool,
        village: Option<String>,
        category: Option<String>,
        template: Option<String>,
    },
    Due {
        within: i64,
        village: Option<String>,
        format: Format,
    },
    /// `due --summary`: the figures by village (by township in a county file).
    DueSums {
        within: i64,
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
        force: bool,
        /// Columns of the text worklist's printer: 136 or 80.
        width: usize,
    },
    Report {
        /// `None`: the quarter of `--today`.
        period: Option<Period>,
        format: Format,
        output: Option<PathBuf>,
        force: bool,
        /// The pairing report per village and unit, not the register's figures.
        pairings: bool,
    },
    Export {
        what: Export,
        format: Format,
        full_id: bool,
        /// Only the children changed since last entered in the national system.
        since_national: bool,
        output: PathBuf,
        force: bool,
    },
    Backup {
        output: Option<PathBuf>,
        force: bool,
    },
    Restore {
        file: PathBuf,
    },
    Check,
    Encrypt,
    Decrypt,
    PairingCheck {
        format: Format,
    },
    PairingReview,
    Roster {
        which: crate::io::forms_upward::Roster,
        village: Option<String>,
        full_id: bool,
        format: Format,
        output: PathBuf,
        force: bool,
    },
    Gaps {
        format: Format,
    },
    SurveyStatus {
        village: Option<String>,
        format: Format,
    },
    Inspection {
        format: Format,
    },
    Site,
    SyncExport {
        output: PathBuf,
        for_site: Option<i64>,
        force: bool,
    },
    SyncImport {
        file: PathBuf,
    },
    SyncConflicts {
        format: Format,
    },
    CountyMerge {
        files: Vec<PathBuf>,
        output: PathBuf,
    },
    Deadlines {
        set: Option<PathBuf>,
    },
    GapRules(super::register::RulesChange),
    Reviews {
        format: Format,
    },
    Guardianship {
        format: Format,
    },
    NationalMark {
        village: Option<String>,
        date: Option<String>,
    },
    PrintDengjibiao {
        /// `dengjibiao` (the 2016 登记表) or `file` (the whole file, 一人一档).
        paper: String,
        child: String,
        format: Format,
        output: Option<PathBuf>,
        font: Option<PathBuf>,
        force: bool,
    },
    ReferralNew(super::referral::New),
    ReferralMove(super::referral::Move),
    ReferralPrint {
        no: i64,
        format: Format,
        output: Option<PathBuf>,
        font: Option<PathBuf>,
        force: bool,
    },
    Referrals {
        state: Option<String>,
        format: Format,
    },
}

/// Reads the whole command line (without the program name).
pub fn parse(args: &[String]) -> Result<(Global, Command), UsageError> {
    let argv = std::iter::once("shouhu".to_string()).chain(args.iter().cloned());
    let cli = Cli::try_parse_from(argv).map_err(|e| usage_of(&e))?;
    let global = Global {
        db: cli.db,
        today: cli.today,
        lang: cli.lang,
        theme: cli.theme,
        demo: cli.demo,
        create: cli.create,
        key_file: cli.key_file,
    };
    if cli.help {
        return Ok((global, Command::Help));
    }
    if cli.version {
        return Ok((global, Command::Version));
    }
    let command = match cli.command {
        None => Command::Ui,
        Some(Cmd::Help) => Command::Help,
        Some(Cmd::Demo { children, seed }) => Command::Demo { children, seed },
        Some(Cmd::Import { what }) => {
            let (kind, sheet) = what.split();
            Command::Import {
                kind,
                file: sheet.file,
                skip_invalid: sheet.skip_invalid,
                village: sheet.village,
                category: sheet.category,
                template: sheet.template,
            }
        }
        Some(Cmd::Due {
            within,
            format,
            summary,
            ..
        }) if summary => Command::DueSums { within, format },
        Some(Cmd::Due {
            within,
            village,
            format,
            ..
        }) => Command::Due {
            within,
            village,
            format,
        },
        Some(Cmd::Worklist {
            week,
            village,
            officer,
            format,
            output,
            font,
            force,
            width,
        }) => Command::Worklist {
            week,
            village,
            officer,
            format,
            output,
            font,
            force,
            width,
        },
        Some(Cmd::Report {
            quarter,
            half,
            year,
            format,
            output,
            force,
            pairings,
        }) => Command::Report {
            period: quarter.or(half).or(year),
            format,
            output,
            force,
            pairings,
        },
        Some(Cmd::Export {
            what,
            format,
            full_id,
            layout,
            changed_since_national,
            output,
            force,
        }) => {
            // A layout is of the children only.
            let what = match (what, layout) {
                (_, None) => what,
                (Export::Children, Some(l)) => l,
                (_, Some(_)) => {
                    return Err(UsageError(crate::i18n::tf(
                        crate::i18n::M::ErrConflict,
                        &[&"--layout", &what.code()],
                    )));
                }
            };
            // Without --format, the file's name says which.
            let by_name = output
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let fallback = if by_name { Format::Xlsx } else { Format::Csv };
            Command::Export {
                what,
                format: format.unwrap_or(fallback),
                full_id,
                since_national: changed_since_national,
                output,
                force,
            }
        }
        Some(Cmd::Backup { output, force }) => Command::Backup { output, force },
        Some(Cmd::Restore { file }) => Command::Restore { file },
        Some(Cmd::Check) => Command::Check,
        Some(Cmd::Encrypt) => Command::Encrypt,
        Some(Cmd::Pairing { what }) => match what {
            PairingWhat::Check { format } => Command::PairingCheck { format },
            PairingWhat::Review => Command::PairingReview,
        },
        Some(Cmd::Decrypt) => Command::Decrypt,
        Some(Cmd::Referral { what }) => match what {
            ReferralWhat::New {
                child,
                kind,
                reason,
                target,
                what,
                found,
                severity,
            } => Command::ReferralNew(super::referral::New {
                child,
                kind,
                reason,
                target,
                what,
                found,
                severity,
            }),
            ReferralWhat::Print {
                no,
                format,
                output,
                font,
                force,
            } => Command::ReferralPrint {
                no,
                format,
                output,
                font,
                force,
            },
            ReferralWhat::Move {
                no,
                to,
                note,
                outcome,
                answer,
            } => Command::ReferralMove(super::referral::Move {
                no,
                to,
                note,
                outcome,
                answer,
            }),
        },
        Some(Cmd::Referrals { state, format }) => Command::Referrals { state, format },
        Some(Cmd::Gaps { what: None, format }) => Command::Gaps { format },
        Some(Cmd::Survey {
            what: SurveyWhat::Status { village, format },
        }) => Command::SurveyStatus { village, format },
        Some(Cmd::Inspection { format }) => Command::Inspection { format },
        Some(Cmd::Site) => Command::Site,
        Some(Cmd::Sync { what }) => match what {
            SyncWhat::Export {
                output,
                for_site,
                force,
            } => Command::SyncExport {
                output,
                for_site,
                force,
            },
            SyncWhat::Import { file } => Command::SyncImport { file },
            SyncWhat::Conflicts { format } => Command::SyncConflicts { format },
        },
        Some(Cmd::County {
            what: CountyWhat::Merge { files, output },
        }) => Command::CountyMerge { files, output },
        Some(Cmd::Deadlines { set }) => Command::Deadlines { set },
        Some(Cmd::Gaps {
            what:
                Some(GapsWhat::Rules {
                    preset,
                    set,
                    dibao_standard,
                }),
            ..
        }) => Command::GapRules(super::register::RulesChange {
            preset,
            set,
            dibao_standard,
        }),
        Some(Cmd::Reviews { format }) => Command::Reviews { format },
        Some(Cmd::Guardianship { format }) => Command::Guardianship { format },
        Some(Cmd::National {
            what: NationalWhat::Mark { village, date },
        }) => Command::NationalMark { village, date },
        Some(Cmd::Roster {
            which,
            village,
            full_id,
            format,
            output,
            force,
        }) => {
            let by_name = output
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            Command::Roster {
                which,
                village,
                full_id,
                format: format.unwrap_or(if by_name { Format::Csv } else { Format::Xlsx }),
                output,
                force,
            }
        }
        Some(Cmd::Print {
            paper,
            child,
            format,
            output,
            font,
            force,
        }) => Command::PrintDengjibiao {
            paper,
            child,
            format,
            output,
            font,
            force,
        },
    };
    Ok((global, command))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date;

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
            Command::Import {
                kind: ImportKind::Children,
                file: "a.csv".into(),
                skip_invalid: true,
                village: None,
                category: None,
                template: None,
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
                force: false,
                width: 136,
            }
        );
        let (_, c) = p("report --half 2026H2").unwrap();
        assert_eq!(
            c,
            Command::Report {
                period: Some(Period::Half(2026, 2)),
                format: Format::Table,
                output: None,
                force: false,
                pairings: false,
            }
        );
        let (_, c) = p("export visits --full-id -o v.xlsx").unwrap();
        assert_eq!(
            c,
            Command::Export {
                what: Export::Visits,
                format: Format::Xlsx,
                full_id: true,
                since_national: false,
                output: "v.xlsx".into(),
                force: false,
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
        assert!(
            p("--db \"\" due").is_ok(),
            "split on spaces: the quotes are the name"
        );
        assert_eq!(
            parse(&["--db".into(), "".into(), "due".into()])
                .unwrap_err()
                .0,
            "选项 --db 缺少取值"
        );
    }

    #[test]
    fn refusals_are_in_the_officers_words() {
        let msg = |line: &str| p(line).unwrap_err().0;
        assert_eq!(msg("due --within x"), "选项 --within 的取值无效：x");
        assert_eq!(msg("due --within"), "选项 --within 缺少取值");
        assert_eq!(msg("due --colour red"), "未知选项：--colour");
        assert_eq!(msg("frobnicate"), "未知命令：frobnicate");
        assert_eq!(msg("check extra"), "多余的参数：extra");
        assert_eq!(msg("export children"), "缺少参数：-o FILE");
        assert!(msg("report --quarter 2026Q4 --year 2026").contains("不能同时使用"));
        let (_, c) = p("due --within 3 --within 5").unwrap();
        assert!(
            matches!(c, Command::Due { within: 5, .. }),
            "the last one counts"
        );
    }
}
