//! Long work started by a key (printing, exporting, backing up), run after the
//! next frame has said "working"; and opening a printout in the browser.

use std::path::Path;

use anyhow::Result;

use super::ctx::{Ctx, Tone};
use crate::files;
use crate::i18n::W;
use crate::i18n::{M, tf};
use crate::io::format::{ExportKind, Format};
use crate::io::table::Doc;
use crate::io::worklist::Request;
use crate::io::{export, output};

#[derive(Debug)]
pub enum Job {
    /// A report as shown in the preview, to `report-<label>.<ext>`.
    PrintReport {
        doc: Box<Doc>,
        label: String,
        format: Format,
    },
    /// A worklist, recorded as printed.
    PrintWorklist {
        req: Request,
        format: Format,
    },
    /// The care agreement (委托照护协议书) of a child, prefilled.
    PrintAgreement {
        child: i64,
    },
    /// This PC's changes, to a file in the output folder.
    SyncExport {
        /// The folder: the output folder or a USB drive's.
        dir: std::path::PathBuf,
    },
    /// Another PC's changes file.
    SyncImport {
        path: std::path::PathBuf,
    },
    /// A sync conflict settled: theirs taken or ours kept.
    SyncSettle {
        id: i64,
        how: crate::store::sync::Settle,
    },
    /// This month's work log (工作日志).
    PrintWorkLog,
    /// A child's whole file (一人一档), ID number masked.
    PrintFile {
        child: i64,
    },
    /// The paper form of a report or referral (full ID number; audited).
    PrintReferral {
        id: i64,
    },
    /// A survey sheet imported from the screen, all or nothing (or the valid rows).
    ImportChildren {
        path: std::path::PathBuf,
        template: Box<crate::io::import::templates::Template>,
        skip_invalid: bool,
    },
    /// The children, ID numbers masked.
    ExportChildren,
    Backup,
}

/// Prints a paper of one child as html (`<file>-<child>.html`), audited, and
/// says where it went.
fn print_child_paper(
    ctx: &mut Ctx,
    doc: &Doc,
    child: i64,
    (file, paper, said): (&str, &str, impl crate::i18n::Msg),
) -> Result<()> {
    let path = free(ctx, &ctx.out_dir.join(format!("{file}-{child}.html")))?;
    let note = format!("{paper} {child} {}", path.display());
    files::write_via(&path, |tmp| {
        output::render(doc, Format::Html, tmp)?;
        ctx.store
            .write(|w| w.audit("print", "children", None, &note))
    })?;
    ctx.say(tf(said, &[&path.display()]), Tone::Good);
    if ctx.open_files {
        open_in_browser(&path);
    }
    Ok(())
}

/// Does the work; says on the status line where the file went.
pub fn run(job: Job, ctx: &mut Ctx) -> Result<()> {
    std::fs::create_dir_all(&ctx.out_dir)?;
    let stamp = ctx.today.format("%Y%m%d");
    match job {
        Job::PrintReport { doc, label, format } => {
            let path = ctx
                .out_dir
                .join(format!("report-{label}.{}", format.extension()));
            let path = free(ctx, &path)?;
            output::write(&doc, format, &path)?;
            announce(ctx, &path, doc.row_count(), format == Format::Html);
        }
        Job::PrintReferral { id } => {
            let Some(r) = ctx.store.referral(id)? else {
                return Ok(());
            };
            let path = ctx.out_dir.join(format!("referral-{}.html", r.no));
            let path = free(ctx, &path)?;
            crate::io::referral_form::print(&mut ctx.store, &r, Format::Html, None, &path)?;
            ctx.say(
                tf(crate::i18n::R::Printed, &[&r.no, &path.display()]),
                Tone::Good,
            );
            if ctx.open_files {
                open_in_browser(&path);
            }
        }
        Job::SyncExport { dir } => {
            let site = ctx.store.site()?.0;
            let name = format!("shouhu-{site}-{}.sync", ctx.today.format("%Y%m%d"));
            let path = free(ctx, &dir.join(name))?;
            let (bytes, n) = ctx.store.sync_export(None)?;
            files::write_via(&path, |tmp| Ok(std::fs::write(tmp, &bytes)?))?;
            ctx.say(
                tf(crate::i18n::W::SyncExported, &[&n, &path.display()]),
                Tone::Good,
            );
        }
        Job::SyncImport { path } => {
            let bytes = std::fs::read(&path)?;
            let done = ctx.store.sync_import(&bytes)?;
            ctx.say(
                tf(
                    crate::i18n::W::SyncImported,
                    &[&done.applied, &done.skipped, &done.conflicts],
                ),
                Tone::Good,
            );
        }
        Job::SyncSettle { id, how } => {
            let words = super::sync_screen::settle(id, how, ctx)?;
            ctx.say(words, Tone::Good);
        }
        Job::PrintWorkLog => {
            let doc = crate::io::work_log::month(&ctx.store, ctx.today)?;
            let label = ctx.today.format("%Y-%m");
            let path = free(ctx, &ctx.out_dir.join(format!("worklog-{label}.html")))?;
            output::write(&doc, Format::Html, &path)?;
            announce(ctx, &path, doc.row_count(), true);
        }
        Job::PrintFile { child } => {
            let doc = crate::io::child_file::doc(&ctx.store, child, ctx.today, false)?;
            let paper = ("file", "一人一档", W::FilePrinted);
            print_child_paper(ctx, &doc, child, paper)?;
        }
        Job::PrintAgreement { child } => {
            let doc = crate::io::forms_upward::care_agreement(&ctx.store, child)?;
            let paper = ("agreement", "委托照护协议书", M::AgreementPrinted);
            print_child_paper(ctx, &doc, child, paper)?;
        }
        Job::PrintWorklist { req, format } => {
            let name = crate::io::worklist::default_file(
                &crate::domain::date::week_label(req.week),
                req.village.as_deref(),
                None,
                format.extension(),
            );
            let path = ctx
                .out_dir
                .join(name.file_name().unwrap_or(name.as_os_str()));
            let path = free(ctx, &path)?;
            // The triage the screens hold is today's: not read again.
            let list =
                crate::io::worklist::build_from(&ctx.store, &req, Some(&ctx.reg.triage), None)?;
            let rows = output::print_worklist(
                &mut ctx.store,
                (&list, req.today),
                format,
                None,
                &path,
                output::TXT_WIDTH,
            )?;
            announce(ctx, &path, rows, format == Format::Html);
        }
        Job::ExportChildren => {
            let path = free(ctx, &ctx.out_dir.join(format!("children-{stamp}.csv")))?;
            let rows = export::export(
                &mut ctx.store,
                ExportKind::Children,
                Format::Csv,
                (false, None),
                &path,
            )?;
            announce(ctx, &path, rows, false);
        }
        Job::ImportChildren {
            path,
            template,
            skip_invalid,
        } => {
            let opts = crate::io::import::Options {
                today: ctx.today,
                skip_invalid,
                progress: None,
                defaults: Default::default(),
                template: Some(&template),
            };
            let out = crate::io::import::import_children(&mut ctx.store, &path, opts)?;
            if out.refused {
                let first = out
                    .problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                ctx.say(
                    tf(M::ImportRefusedScreen, &[&out.problems.len(), &first]),
                    Tone::Bad,
                );
            } else {
                ctx.say(
                    tf(
                        M::ImportDoneScreen,
                        &[&out.added, &out.updated, &out.unchanged, &out.rejected],
                    ),
                    Tone::Good,
                );
            }
        }
        Job::Backup => {
            let now = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let path = free(ctx, &ctx.out_dir.join(format!("shouhu-backup-{now}.db")))?;
            files::write_via(&path, |tmp| ctx.store.backup_to(tmp))?;
            ctx.say(tf(M::BackedUp, &[&path.display()]), Tone::Good);
        }
    }
    Ok(())
}

/// A name shouhu chose, made free (`-2`, `-3`) when it is taken.
fn free(ctx: &Ctx, path: &Path) -> Result<std::path::PathBuf> {
    files::target(path, files::Existing::Number, ctx.store.path())
}

fn announce(ctx: &mut Ctx, path: &Path, rows: usize, open: bool) {
    if open && ctx.open_files && open_in_browser(path) {
        ctx.say(tf(M::FileOpened, &[&path.display()]), Tone::Good);
    } else {
        ctx.say(tf(M::FileWritten, &[&path.display(), &rows]), Tone::Good);
    }
}

/// Opens a file in the system's browser (not core work: printing happens
/// there). True when a browser could be asked.
fn open_in_browser(path: &Path) -> bool {
    use std::process::{Command, Stdio};
    // Explorer opens a file with its program, and no shell reads the name
    // (a village name with & or ^ in it stays whole).
    let opener = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    match Command::new(opener)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            // Reaped in the background, so that no finished opener lingers.
            std::thread::spawn(move || child.wait().map(|s| s.success()).unwrap_or(false));
            true
        }
        Err(_) => false,
    }
}
