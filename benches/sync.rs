//! Changes between the PCs of a township: a month of one township's changes
//! (2,000 visits, each its own write as an officer saves them) exported for
//! the other PC and imported there. `cargo bench --bench sync`.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use shouhu::domain::{Visit, VisitKind};
use shouhu::store::Store;

mod common;
use common::measure;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let (a_db, b_db) = (dir.join("sync-a.db"), dir.join("sync-b.db"));
    for f in [&a_db, &b_db] {
        let _ = std::fs::remove_file(f);
    }
    let mut a = Store::open(&a_db).unwrap();
    shouhu::demo::generate(&mut a, 2_000, 1, today()).unwrap();
    let mut b = Store::open(&b_db).unwrap();
    let (all, _) = a.sync_export(None).unwrap();
    let t = Instant::now();
    b.sync_import(&all).unwrap();
    println!(
        "the second PC starts from the first's file: {:.0} ms ({} KB)",
        t.elapsed().as_secs_f64() * 1e3,
        all.len() / 1024
    );
    // A month on the first PC: 2,000 visits, saved one by one.
    let ids: Vec<i64> = a.case_rows().unwrap().iter().map(|c| c.id).collect();
    let t = Instant::now();
    for (n, id) in ids.iter().cycle().take(2_000).enumerate() {
        let day = today() - Days::new(1 + (n % 28) as u64);
        let mut v = Visit::new(*id, day, VisitKind::Phone);
        v.notes = format!("本月第 {n} 次");
        a.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
    }
    println!(
        "2,000 visits saved one by one, each recorded: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    // The PCs have met: the first knows what the second holds.
    let (from_b, _) = b.sync_export(None).unwrap();
    a.sync_import(&from_b).unwrap();
    let b_site = b.site().unwrap().0;
    let mut month = Vec::new();
    measure("export a month of changes for the other PC", 5, || {
        month = a.sync_export(Some(b_site)).unwrap().0;
    });
    println!("  ({} KB)", month.len() / 1024);
    // Import into a fresh copy of B each time (a file already held is
    // skipped); only the import is timed.
    let copy = dir.join("sync-b-copy.db");
    let mut times = Vec::new();
    for _ in 0..5 {
        let _ = std::fs::remove_file(&copy);
        b.backup_to(&copy).unwrap();
        let mut c = Store::open(&copy).unwrap();
        let t = Instant::now();
        let done = c.sync_import(&month).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(done.applied, 2_000);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "import a month of changes (2,000 visits)      min {:>8.2} ms   median {:>8.2} ms   max {:>8.2} ms   (n=5)",
        times[0], times[2], times[4]
    );
}
