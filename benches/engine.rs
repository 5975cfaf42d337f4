//! The engine's speed at county scale: a demo township of 20,000 children with
//! up to five years of visits.
//!
//! `cargo bench --bench engine`. Figures are printed as min / median / max.
//! The whole `due` command is measured beside the bare SQL it runs, in the
//! `sqlite3` shell on the same file (skipped with a note if sqlite3 is missing).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::NaiveDate;
use shouhu::store::Store;

mod common;
use common::measure;
use shouhu::store::triage::triage_sql;

const CHILDREN: usize = 20_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The 20,000-child township, made once and kept under target/.
fn township() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!(
        "township-{CHILDREN}-v{}.db",
        shouhu::store::SCHEMA_VERSION
    ));
    if !db.exists() {
        let tmp = dir.join("making.db");
        let _ = std::fs::remove_file(&tmp);
        let t = Instant::now();
        let mut store = Store::open(&tmp).unwrap();
        let made = shouhu::demo::generate(&mut store, CHILDREN, 1, today()).unwrap();
        drop(store);
        std::fs::rename(&tmp, &db).unwrap();
        println!(
            "made the township: {} children, {} villages, {} visits in {:.1} s",
            made.children,
            made.villages,
            made.visits,
            t.elapsed().as_secs_f64()
        );
    }
    db
}

/// The township's children as a survey sheet, for the import benchmark.
fn sheet(db: &Path) -> PathBuf {
    let path = db.with_file_name(format!("sheet-{CHILDREN}.csv"));
    if path.exists() {
        return path;
    }
    let store = Store::open(db).unwrap();
    let ids = store.child_ids_in_order().unwrap();
    let mut w = csv::Writer::from_path(&path).unwrap();
    let header: Vec<&str> = store
        .child(ids[0])
        .unwrap()
        .unwrap()
        .fields()
        .iter()
        .map(|(k, _)| *k)
        .collect();
    w.write_record(&header).unwrap();
    for id in ids {
        let c = store.child(id).unwrap().unwrap();
        w.write_record(c.fields().iter().map(|(_, v)| v.as_str()))
            .unwrap();
    }
    w.flush().unwrap();
    path
}

fn main() {
    let db = township();
    let store = Store::open(&db).unwrap();
    println!(
        "township: {} children, {} visits",
        store.count("children").unwrap(),
        store.count("visits").unwrap()
    );
    let policy = store.policy().unwrap();
    // As the terminal UI keeps it: a page cache that holds the children.
    store.keep_in_memory(32).unwrap();

    measure("triage list (query + rules + sort)", 20, || {
        let rows = store.triage(&policy, today()).unwrap();
        assert_eq!(rows.len(), CHILDREN);
    });

    // The whole `due` command against the bare SQL in the sqlite3 shell, run
    // alternately so that both see the same machine (this one is noisy).
    let bin = env!("CARGO_BIN_EXE_shouhu");
    let sql = triage_sql(&policy).join(";\n");
    let due_cmd = || {
        let ok = Command::new(bin)
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-23"])
            .args(["due", "--within", "7", "--format", "csv"])
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success();
        assert!(ok);
    };
    if Command::new("sqlite3").arg("-version").output().is_ok() {
        let bare_cmd = || {
            let ok = Command::new("sqlite3")
                .arg(&db)
                .arg(&sql)
                .stdout(Stdio::null())
                .status()
                .unwrap()
                .success();
            assert!(ok);
        };
        let mut due_times = Vec::new();
        let mut bare_times = Vec::new();
        let mut ratios = Vec::new();
        for _ in 0..21 {
            let t = Instant::now();
            due_cmd();
            let d = t.elapsed();
            let t = Instant::now();
            bare_cmd();
            let b = t.elapsed();
            due_times.push(d);
            bare_times.push(b);
            ratios.push(d.as_secs_f64() / b.as_secs_f64());
        }
        due_times.sort();
        bare_times.sort();
        ratios.sort_by(f64::total_cmp);
        println!(
            "shouhu due --format csv (whole process)      median {:>8.2} ms",
            due_times[10].as_secs_f64() * 1e3
        );
        println!(
            "sqlite3 shell, the same SQL (whole process)  median {:>8.2} ms",
            bare_times[10].as_secs_f64() * 1e3
        );
        println!(
            "due / bare SQL, median of 21 paired runs = {:.2} (target: at most 1.50)",
            ratios[10]
        );
    } else {
        measure("shouhu due --format csv (whole process)", 15, due_cmd);
        println!("sqlite3 is not installed: the side-by-side figure is skipped");
    }

    // Import of a 20,000-row survey sheet into an empty registry.
    let sheet = sheet(&db);
    let target = db.with_file_name("import-target.db");
    let opts = shouhu::io::import::Options {
        today: today(),
        skip_invalid: false,
        progress: None,
        defaults: Default::default(),
        template: None,
    };
    measure("import children, 20,000-row CSV", 3, || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
        let mut s = Store::open(&target).unwrap();
        let out = shouhu::io::import::import_children(&mut s, &sheet, opts).unwrap();
        assert_eq!(out.added, CHILDREN, "{:?}", out.problems.first());
    });
}
