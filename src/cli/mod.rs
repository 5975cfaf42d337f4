//! The subcommands: thin, each parses its options, calls the engine, prints.

pub mod args;
pub mod due;
pub mod export;
pub mod report;
pub mod worklist;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::i18n;
use crate::i18n::{M, t, tf};
use crate::io::import::{self, Options, Outcome};
use crate::store::Store;
use args::{Command, UsageError};

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

/// Opens the registry; an older file brought up to date is said on standard error.
fn open(db: &Path) -> Result<Store> {
    let store = Store::open(db)?;
    if let Some(note) = store.migration_note() {
        eprintln!("{note}");
    }
    Ok(store)
}

/// Runs a command that needs no screen.
pub fn run(command: Command, db: &Path, today: NaiveDate) -> Result<()> {
    match command {
        Command::Ui | Command::Help | Command::Version => unreachable_ui(),
        Command::Demo { children, seed } => {
            let mut store = open(db)?;
            if store.count("children")? > 0 {
                bail!(tf(M::DemoNotEmpty, &[&db.display()]));
            }
            let made = crate::demo::generate(&mut store, children, seed, today)?;
            println!(
                "{}",
                tf(M::DemoDone, &[&made.children, &made.villages, &made.visits])
            );
            Ok(())
        }
        Command::ImportChildren { file, skip_invalid } => {
            let mut store = open(db)?;
            let out = with_bar(today, skip_invalid, |opts| {
                import::import_children(&mut store, &file, opts)
            })?;
            report_import(&out)
        }
        Command::ImportVisits { file, skip_invalid } => {
            let mut store = open(db)?;
            let out = with_bar(today, skip_invalid, |opts| {
                import::import_visits(&mut store, &file, opts)
            })?;
            report_import(&out)
        }
        Command::Due {
            within,
            village,
            format,
        } => {
            let store = open(db)?;
            due::run(&store, today, within, village.as_deref(), format)
        }
        Command::Worklist {
            week,
            village,
            officer,
            format,
            output,
            font,
        } => {
            let mut store = open(db)?;
            worklist::run(
                &mut store,
                today,
                week,
                village,
                officer,
                format,
                output,
                font.as_deref(),
            )
        }
        Command::Report {
            period,
            format,
            output,
        } => {
            let store = open(db)?;
            report::run(&store, today, period, format, output)
        }
        Command::Export {
            what,
            format,
            full_id,
            output,
        } => {
            let mut store = open(db)?;
            export::run(&mut store, what, format, full_id, &output)
        }
        Command::Backup { output } => {
            let store = open(db)?;
            let dest = output.unwrap_or_else(|| {
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                db.with_file_name(format!("shouhu-backup-{stamp}.db"))
            });
            if dest.exists() {
                std::fs::remove_file(&dest)?;
            }
            store.backup_to(&dest)?;
            println!("{}", tf(M::BackupDone, &[&dest.display()]));
            Ok(())
        }
        Command::Restore { file } => {
            if !file.is_file() {
                bail!(tf(M::FileMissing, &[&file.display()]));
            }
            // Reading a backup can leave its -wal and -shm files behind: remove
            // the ones that were not there before.
            let sidecars: Vec<PathBuf> = ["-wal", "-shm"]
                .iter()
                .map(|x| PathBuf::from(format!("{}{x}", file.display())))
                .filter(|p| !p.exists())
                .collect();
            let result = restore(&file, db);
            for p in sidecars {
                let _ = std::fs::remove_file(p);
            }
            result
        }
        Command::Check => {
            let store = open(db)?;
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
    let mut store = open(db)?;
    if global.demo && store.count("children")? == 0 {
        crate::demo::generate(&mut store, 300, 1, today)?;
    }
    let result = crate::tui::run(store, today, global.theme.as_deref());
    if global.demo && global.db.is_none() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    result
}

/// Restores `file` over `db`, keeping a safety copy of `db` first.
fn restore(file: &Path, db: &Path) -> Result<()> {
    // The backup must itself be a sound shouhu database.
    let source = Store::open_readonly(file)
        .map_err(|_| anyhow::anyhow!(tf(M::RestoreNotDb, &[&file.display()])))?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let safety = db.with_file_name(format!("shouhu-before-restore-{stamp}.db"));
    if db.exists() {
        open(db)?.backup_to(&safety)?;
    }
    source.restore_into(db)?;
    println!(
        "{}",
        tf(M::RestoreDone, &[&file.display(), &safety.display()])
    );
    Ok(())
}

fn unreachable_ui() -> Result<()> {
    bail!("the terminal UI is started by main")
}

/// Runs an import with a progress bar on standard error (drawn only on a terminal).
fn with_bar(
    today: NaiveDate,
    skip_invalid: bool,
    run: impl FnOnce(Options) -> Result<Outcome>,
) -> Result<Outcome> {
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {percent:>3}% ({pos}/{len})")
    {
        bar.set_style(style.progress_chars("#>-"));
    }
    bar.set_message(t(M::ImportProgress));
    let tell = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let out = run(Options {
        today,
        skip_invalid,
        progress: Some(&tell),
    });
    bar.finish_and_clear();
    out
}

fn report_import(out: &Outcome) -> Result<()> {
    for w in &out.warnings {
        eprintln!("{}{w}", t(M::WarnPrefix));
    }
    for p in &out.problems {
        eprintln!("{p}");
    }
    import::fail_if_refused(out)?;
    if let Some(file) = &out.rejected_file {
        eprintln!("{}", tf(M::ImportRejectedFile, &[&file.display()]));
    }
    println!(
        "{}",
        tf(
            M::ImportSummary,
            &[&out.added, &out.updated, &out.unchanged, &out.rejected]
        )
    );
    Ok(())
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
        other => run(other, &db, today),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A database error deep inside the work still gets a plain message.
            let e = crate::store::explain_error(e, &db.display().to_string());
            // The message, then what caused it (the system's own words).
            eprintln!("{}{e:#}", t(M::ErrPrefix));
            ExitCode::from(1)
        }
    }
}
