//! `shouhu export`: children and visits as sheets that `import` reads back.

use std::path::Path;

use anyhow::Result;

use crate::i18n::{M, t, tf};
use crate::io::export;
use crate::io::format::{ExportKind, Format};
use crate::store::Store;

pub fn run(
    store: &mut Store,
    what: ExportKind,
    format: Format,
    (full, only): (bool, Option<&std::collections::HashSet<i64>>),
    output: &Path,
) -> Result<()> {
    let rows = export::export(store, what, format, (full, only), output)?;
    let how = if full {
        t(M::ExportFull)
    } else {
        t(M::ExportMasked)
    };
    println!("{}", tf(M::ExportDone, &[&rows, &output.display(), &how]));
    Ok(())
}
