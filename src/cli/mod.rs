//! The subcommands: thin, each parses its options, calls the engine, prints.

pub mod args;
pub mod due;
pub mod export;
mod grammar;
mod importing;
pub mod pairing;
mod paperwork;
pub mod referral;
pub mod register;
pub mod report;
mod sync;
pub mod upward;

use importing::{report_import, with_bar};
pub mod worklist;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::files::{self, Existing};
use crate::i18n;
use crate::i18n::{M, P, t, tf};
use crate::io::format::Format;
use crate::io::import;
use crate::store::{Store, backup, cipher};
use args::{Command, ImportKind, UsageError};

/// The database named by `--db`, `SHOUHU_DB`, or the user's data directory.
pub fn db_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("SHOUHU_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "shouhu").ok_or_else(|| {
        anyhow::anyhow!(tf(M::DbCannotOpen, &[&"shouhu.db", &"no home directory"]))
    })?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir)?;
    Ok(dir.join("shouhu.db"))
}

/// Opens the registry; an older file brought up to date is said on standard
/// error. A command that only reads makes no new file unless `--create` says so.
fn open(db: &Path, create: bool) -> Result<Store> {
    if !create && !db.exists() {
        bail!(tf(M::DbMissing, &[&db.display()]));
    }
    let store = Store::open(db)?;
    if let Some(note) = store.migration_note() {
        eprintln!("{note}");
    }
    Ok(store)
}

/// Runs a command that needs no screen.
pub fn run(command: Command, db: &Path, today: NaiveDate, create: bool) -> Result<()> {
    // Where an output goes: a name given is refused if it exists (unless
    // --force); a name shouhu chose takes a free one.
    let out = |given: Option<PathBuf>, default: PathBuf, force: bool| -> Result<PathBuf> {
        match given {
            Some(p) => files::target(
                &p,
                if force {
                    Existing::Replace
                } else {
                    Existing::Refuse
                },
                Some(db),
            ),
            None => files::target(&default, Existing::Number, Some(db)),
        }
    };
    match command {
        Command::Ui | Command::Help | Command::Version => unreachable_ui(),
        Command::Demo { children, seed } => {
            let mut store = open(db, true)?;
            if store.count("children")? > 0 {
                bail!(tf(M::DemoNotEmpty, &[&db.display()]));
            }
            let made = crate::demo::generate(&mut store, children, seed, today)?;
            println!(
                "{}",
                tf(
                    M::DemoDone,
                    &[
                        &made.children,
                        &made.villages,
                        &made.visits,
                        &made.ledger.helpers,
                        &made.ledger.pairings,
                        &made.ledger.activities,
                        &made.referrals,
                    ]
                )
            );
            Ok(())
        }
        Command::Import {
            kind,
            file,
            skip_invalid,
            village,
            category,
            template,
        } => {
            let category = match category.as_deref() {
                None => None,
                Some(c) => match crate::domain::Category::parse(c) {
                    Some(c) => Some(c),
                    None => bail!(tf(M::UnknownCategory, &[&c])),
                },
            };
            let defaults = import::national::Defaults {
                village: village.as_deref().map(str::trim).filter(|v| !v.is_empty()),
                category,
            };
            let mut store = open(db, true)?;
            let read = match kind {
                ImportKind::Children => import::import_children,
                ImportKind::Visits => import::import_visits,
                ImportKind::Helpers => import::import_helpers,
                ImportKind::Pairings => import::import_pairings,
                ImportKind::Activities => import::import_activities,
                ImportKind::Benefits => import::import_benefits,
            };
            // A saved mapping: the one named, or the one made for this header.
            let template = match &template {
                Some(name) => match import::templates::load(&store, name)? {
                    Some(t) => Some(t),
                    None => bail!(tf(M::TemplateUnknown, &[&name])),
                },
                None => {
                    let headers = crate::io::sheet::read(&file)
                        .map(|s| s.headers)
                        .unwrap_or_default();
                    match import::templates::matching(&store, &headers)? {
                        Some((name, found)) => {
                            eprintln!("{}{}", t(M::WarnPrefix), tf(M::TemplateUsed, &[&name]));
                            Some(found)
                        }
                        None => None,
                    }
                }
            };
            let out = with_bar(today, (skip_invalid, defaults, template.as_ref()), |opts| {
                read(&mut store, &file, opts)
            })?;
            report_import(&out)
        }
        Command::Due {
            within,
            village,
            format,
        } => {
            let store = open(db, create)?;
            due::run(&store, today, within, village.as_deref(), format)
        }
        Command::DueSums { within, format } => due::sums(&open(db, create)?, today, within, format),
        Command::Worklist {
            week,
            village,
            officer,
            format,
            output,
            font,
            force,
            width,
        } => {
            let mut store = open(db, create)?;
            let req = worklist::request(today, week, village, officer);
            let default = worklist::default_path(&req, format);
            let path = out(output, default, force)?;
            worklist::run(&mut store, &req, format, &path, font.as_deref(), width)
        }
        Command::Report {
            period,
            format,
            output,
            force,
            pairings,
        } => {
            let store = open(db, create)?;
            let period = period.unwrap_or_else(|| crate::domain::date::Period::quarter_of(today));
            let path = match (output, format) {
                (None, Format::Table | Format::Csv) => None,
                (given, _) => Some(out(
                    given,
                    report::default_path(period, format, pairings),
                    force,
                )?),
            };
            report::run(&store, today, (period, pairings), format, path)
        }
        Command::Export {
            what,
            format,
            full_id,
            since_national,
            output,
            force,
        } => {
            let mut store = open(db, create)?;
            let path = out(Some(output), PathBuf::new(), force)?;
            let only = if since_national {
                Some(store.changed_since_national()?)
            } else {
                None
            };
            export::run(&mut store, what, format, (full_id, only.as_ref()), &path)
        }
        Command::Gaps { format } => register::gaps(&open(db, create)?, today, format),
        Command::SurveyStatus { village, format } => {
            paperwork::survey_status(&open(db, create)?, today, village.as_deref(), format)
        }
        Command::Inspection { format } => paperwork::inspection(&open(db, create)?, today, format),
        Command::Site => paperwork::site(&open(db, create)?),
        Command::SyncExport {
            output,
            for_site,
            force,
        } => {
            let path = out(Some(output), PathBuf::new(), force)?;
            sync::export(&mut open(db, create)?, for_site, &path)
        }
        Command::SyncImport { file } => sync::import(&mut open(db, create)?, &file),
        Command::SyncConflicts { format } => sync::conflicts(&open(db, create)?, format),
        Command::CountyMerge { files, output } => sync::county(&files, &output),
        Command::Deadlines { set } => {
            paperwork::deadlines(&mut open(db, create)?, today, set.as_deref())
        }
        Command::GapRules(change) => register::gap_rules(&mut open(db, create)?, &change),
        Command::Reviews { format } => register::reviews(&open(db, create)?, today, format),
        Command::Guardianship { format } => {
            register::guardianship(&open(db, create)?, today, format)
        }
        Command::NationalMark { village, date } => upward::national_mark(
            &mut open(db, create)?,
            today,
            village.as_deref(),
            date.as_deref(),
        ),
        Command::Backup { output, force } => {
            let store = open(db, create)?;
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let default = db.with_file_name(format!("shouhu-backup-{stamp}.db"));
            let dest = out(output, default, force)?;
            let info = files::write_via(&dest, |tmp| store.backup_to(tmp))?;
            println!(
                "{}",
                tf(
                    M::BackupDone,
                    &[&dest.display(), &info.children, &info.visits]
                )
            );
            Ok(())
        }
        Command::Restore { file } => {
            if !file.is_file() {
                bail!(tf(M::FileMissing, &[&file.display()]));
            }
            restore(&file, db)
        }
        Command::Encrypt | Command::Decrypt => {
            let encrypt = command == Command::Encrypt;
            let Some(key) = cipher::key() else {
                bail!(tf(M::CipherNeedKey, &[]));
            };
            if !cipher::available() {
                bail!(tf(M::CipherNotBuilt, &[]));
            }
            if !db.is_file() {
                bail!(tf(M::DbMissing, &[&db.display()]));
            }
            let name = db
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = db.with_file_name(format!(".{name}.cipher.part"));
            let _ = std::fs::remove_file(&tmp);
            let done = if encrypt {
                cipher::export(db, None, &tmp, &key)
            } else {
                cipher::export(db, Some(&key), &tmp, "")
            };
            if let Err(e) = done {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
            std::fs::rename(&tmp, db).map_err(|e| files::explain_io(&e, db))?;
            for x in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{x}", db.display()));
            }
            let said = if encrypt {
                M::CipherEncrypted
            } else {
                M::CipherDecrypted
            };
            println!("{}", tf(said, &[&db.display()]));
            Ok(())
        }
        Command::Roster {
            which,
            village,
            full_id,
            format,
            output,
            force,
        } => {
            let mut store = open(db, create)?;
            let path = out(Some(output), PathBuf::new(), force)?;
            upward::roster(
                &mut store,
                (which, village.as_deref(), full_id),
                format,
                &path,
            )
        }
        Command::PrintDengjibiao {
            paper,
            child,
            format,
            output,
            font,
            force,
        } => {
            let mut store = open(db, create)?;
            let id = referral::child_of(&store, &child)?;
            let default = PathBuf::from(format!("{paper}-{id}.{}", format.extension()));
            let path = out(output, default, force)?;
            upward::print_paper(
                &mut store,
                (&paper, id, today),
                (format, font.as_deref()),
                &path,
            )
        }
        Command::ReferralNew(a) => referral::new(&mut open(db, create)?, today, &a),
        Command::ReferralMove(m) => referral::move_to(&mut open(db, create)?, today, &m),
        Command::ReferralPrint {
            no,
            format,
            output,
            font,
            force,
        } => {
            let mut store = open(db, create)?;
            let default = PathBuf::from(format!("referral-{no}.{}", format.extension()));
            let path = out(output, default, force)?;
            referral::print(&mut store, no, format, font.as_deref(), &path)
        }
        Command::Referrals { state, format } => {
            referral::list(&open(db, create)?, today, state.as_deref(), format)
        }
        Command::PairingCheck { format } => {
            let store = open(db, create)?;
            pairing::run(&store, today, format)
        }
        Command::PairingReview => {
            let mut store = open(db, create)?;
            store.record_roster_review(today)?;
            println!(
                "{}",
                tf(
                    P::PairingReviewed,
                    &[
                        &chrono::Datelike::year(&today),
                        &crate::domain::date::iso(today)
                    ]
                )
            );
            Ok(())
        }
        Command::Check => {
            let store = open(db, create)?;
            let problems = store.check()?;
            if problems.is_empty() {
                println!(
                    "{}",
                    tf(
                        M::CheckOk,
                        &[&store.count("children")?, &store.count("visits")?]
                    )
                );
                Ok(())
            } else {
                bail!(tf(M::CheckFailed, &[&problems.join("; ")]))
            }
        }
    }
}

/// Opens the terminal UI; `--demo` fills an empty database with a demo township.
fn run_ui(db: &Path, today: NaiveDate, global: &args::Global) -> Result<()> {
    // An encrypted registry and no passphrase given: ask for it.
    if cipher::needs_key(db) {
        match crate::tui::ask_passphrase()? {
            Some(key) => cipher::set_key(Some(key)),
            None => return Ok(()),
        }
    }
    let mut store = open(db, true)?;
    if global.demo && store.count("children")? == 0 {
        crate::demo::generate(&mut store, 300, 1, today)?;
    }
    // The language chosen on the screen, unless --lang says otherwise.
    if global.lang.is_none()
        && let Some(lang) = store
            .setting("lang")?
            .as_deref()
            .and_then(crate::i18n::Lang::parse)
    {
        crate::i18n::set_lang(lang);
    }
    // The throwaway demo file gets no daily copies beside it.
    let throwaway = global.demo && global.db.is_none();
    let result = crate::tui::run(store, today, global.theme.as_deref(), !throwaway);
    if global.demo && global.db.is_none() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    result
}

/// Restores `file` over `db`: the copy is checked first (on a copy of its own,
/// so that the backup is never touched) and what it holds is said; a safety
/// copy of `db`, under a name never used before, is kept.
fn restore(file: &Path, db: &Path) -> Result<()> {
    let pid = std::process::id();
    let check = db.with_file_name(format!(".shouhu-restore-{pid}.db"));
    let side = |p: &Path, x: &str| PathBuf::from(format!("{}{x}", p.display()));
    let cleanup = || {
        for x in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(side(&check, x));
        }
    };
    let result = (|| -> Result<()> {
        std::fs::copy(file, &check).map_err(|e| files::explain_io(&e, &check))?;
        // A copy taken of a live file may keep its latest changes in -wal.
        if side(file, "-wal").is_file() {
            std::fs::copy(side(file, "-wal"), side(&check, "-wal"))
                .map_err(|e| files::explain_io(&e, &check))?;
        }
        let info = backup::check_copy(&check).map_err(|e| {
            anyhow::anyhow!(
                "{}",
                e.to_string()
                    .replace(&check.display().to_string(), &file.display().to_string())
            )
        })?;
        println!(
            "{}",
            tf(
                M::RestoreFrom,
                &[&file.display(), &info.newest, &info.children, &info.visits]
            )
        );
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let safety = db.with_file_name(format!("shouhu-before-restore-{stamp}.db"));
        let safety = files::target(&safety, Existing::Number, Some(db))?;
        let had = db.exists();
        if had {
            match Store::open(db) {
                Ok(current) => {
                    files::write_via(&safety, |tmp| current.backup_to(tmp))?;
                }
                // A damaged file is kept as it is, then cleared for the copy.
                Err(_) => {
                    files::write_via(&safety, |tmp| {
                        std::fs::copy(db, tmp).map_err(|e| files::explain_io(&e, &safety))?;
                        Ok(())
                    })?;
                    for x in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(side(db, x));
                    }
                }
            }
        }
        // Waiting up to 10 s for another program to let go of the database.
        backup::restore_over(&check, db, std::time::Duration::from_secs(10))?;
        let kept = if had {
            safety.display().to_string()
        } else {
            "-".into()
        };
        println!("{}", tf(M::RestoreDone, &[&file.display(), &kept]));
        Ok(())
    })();
    cleanup();
    result
}

fn unreachable_ui() -> Result<()> {
    bail!("the terminal UI is started by main")
}

/// Whether a failure is only the reader of standard output going away.
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|c| {
                matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// The whole program: read the command line, run, say how it went.
pub fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    // An English request shows even a wrong command line in English.
    if argv.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || argv.iter().any(|a| a == "--lang=en")
    {
        i18n::set_lang(i18n::Lang::En);
    }
    let (global, command) = match args::parse(&argv) {
        Ok(parsed) => parsed,
        Err(UsageError(msg)) => {
            eprintln!("{}{msg}\n{}", t(M::ErrPrefix), t(M::UsageHint));
            return ExitCode::from(2);
        }
    };
    if let Some(lang) = global.lang {
        i18n::set_lang(lang);
    }
    match command {
        Command::Help => {
            println!("{}", t(M::Usage));
            return ExitCode::SUCCESS;
        }
        Command::Version => {
            println!("shouhu {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    // The passphrase of an encrypted registry: --key-file, else SHOUHU_KEY.
    let key = match &global.key_file {
        Some(file) => match std::fs::read_to_string(file) {
            Ok(text) => text.lines().next().map(|l| l.trim().to_string()),
            Err(_) => {
                eprintln!(
                    "{}{}",
                    t(M::ErrPrefix),
                    tf(M::FileMissing, &[&file.display()])
                );
                return ExitCode::from(1);
            }
        },
        None => std::env::var("SHOUHU_KEY").ok(),
    };
    cipher::set_key(key);
    let today = global
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    // `--demo` without `--db`: a throwaway file, new each time.
    let demo_db = (global.demo && global.db.is_none()).then(crate::demo::throwaway_path);
    if let Some(p) = &demo_db {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
    }
    let db = match demo_db
        .clone()
        .map(Ok)
        .unwrap_or_else(|| db_path(global.db.as_deref()))
    {
        Ok(db) => db,
        Err(e) => {
            eprintln!("{}{e}", t(M::ErrPrefix));
            return ExitCode::from(1);
        }
    };
    let result = match command {
        Command::Ui => run_ui(&db, today, &global),
        other => run(other, &db, today, global.create),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`shouhu due | head`): nothing to say.
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // A database error deep inside the work still gets a plain message.
            let e = crate::store::explain_error(e, &db.display().to_string());
            // The message, then what caused it (the system's own words).
            eprintln!("{}{e:#}", t(M::ErrPrefix));
            ExitCode::from(1)
        }
    }
}
