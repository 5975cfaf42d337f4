//! An import on the command line: its progress bar, and what it did said.

use anyhow::Result;
use chrono::NaiveDate;

use crate::i18n::{M, t, tf};
use crate::io::import::{self, Options, Outcome};

/// Runs an import with a progress bar on standard error (drawn only on a terminal).
pub(super) fn with_bar(
    today: NaiveDate,
    (skip_invalid, defaults, template): (
        bool,
        import::national::Defaults,
        Option<&import::templates::Template>,
    ),
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
        defaults,
        template,
    });
    bar.finish_and_clear();
    out
}

pub(super) fn report_import(out: &Outcome) -> Result<()> {
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
