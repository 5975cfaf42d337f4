//! The county merge's reading side: each township's file read, checked,
//! split into its entries and each entry's rows put in key order on a second
//! thread while the first writes the file before it.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, sync_channel};

use anyhow::Result;

use super::sync::{Entry, Header, decode};
use crate::i18n::{M, tf};

/// Reads `files` in turn on a thread of `scope`, handing each over whole
/// (one waits while the one before is written: two in memory at most). A
/// file that cannot be read or is damaged ends the feed with its error;
/// when the receiver is dropped, the reader stops.
pub(super) fn feed<'s>(
    scope: &'s std::thread::Scope<'s, '_>,
    files: &'s [PathBuf],
) -> Receiver<Result<(Header, Vec<Entry>)>> {
    let (tx, rx) = sync_channel(0);
    scope.spawn(move || {
        for f in files {
            let read = std::fs::read(f)
                .map_err(|e| anyhow::anyhow!(tf(M::ImportCannotRead, &[&f.display(), &e])))
                .and_then(|bytes| decode(bytes.into(), false))
                .map(|(header, mut entries)| {
                    // Each table's rows in key order: SQLite appends them.
                    for e in &mut entries {
                        if let Some(sorted) = super::changeset_bytes::in_key_order(&e.changes) {
                            e.changes = sorted;
                        }
                    }
                    (header, entries)
                });
            let failed = read.is_err();
            // The writer may have stopped; then nobody is left to hand to.
            if tx.send(read).is_err() || failed {
                return;
            }
        }
    });
    rx
}
