//! The county file: 20 township files of 20,000 children with a year of
//! visits each merged into one county file, and the county's triage read
//! from it. `cargo bench --bench county`. The township files are made once
//! (about half a minute each) and kept in `target/bench/county/`;
//! `SHOUHU_BENCH_TOWNSHIPS=N` merges fewer of them.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use shouhu::store::Store;

mod common;
use common::measure;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

const CHILDREN: usize = 20_000;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench/county");
    std::fs::create_dir_all(&dir).unwrap();
    let townships: usize = std::env::var("SHOUHU_BENCH_TOWNSHIPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let mut files = Vec::new();
    for k in 0..townships {
        let file = dir.join(format!("township-{k:02}.sync"));
        if !file.exists() {
            let t = Instant::now();
            let db = dir.join(format!("township-{k:02}.db"));
            let _ = std::fs::remove_file(&db);
            let mut s = Store::open(&db).unwrap();
            s.set_setting("township", &format!("第{}镇", k + 1))
                .unwrap();
            let made =
                shouhu::demo::generate_within(&mut s, CHILDREN, k as u64 + 1, today(), 1).unwrap();
            let (bytes, _) = s.sync_export(None).unwrap();
            drop(s);
            std::fs::write(&file, bytes).unwrap();
            std::fs::remove_file(&db).unwrap();
            println!(
                "made township {} ({} children, {} visits) in {:.0} s",
                k + 1,
                made.children,
                made.visits,
                t.elapsed().as_secs_f64()
            );
        }
        files.push(file);
    }
    let size: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    let county = dir.join("county.db");
    // SHOUHU_BENCH_MERGED=1: the county file of the last run, not merged again.
    let again = std::env::var("SHOUHU_BENCH_MERGED").is_err() || !county.exists();
    let t = Instant::now();
    if again {
        let _ = std::fs::remove_file(&county);
        let mut c = Store::open(&county).unwrap();
        // Where the time goes: each file, then the indexes.
        let tell = |what: String| println!("  {:6.1} s  {what}", t.elapsed().as_secs_f64());
        c.county_merge_telling(&files, &tell).unwrap();
    }
    let merged = t.elapsed().as_secs_f64();
    let c = Store::open(&county).unwrap();
    if !again {
        println!("(the county file of the last run, not merged again)");
    }
    println!(
        "merge {townships} township files ({} MB) into a new county file: {merged:.1} s \
         ({} children, {} visits)",
        size >> 20,
        c.count("children").unwrap(),
        c.count("visits").unwrap()
    );
    let policy = c.policy().unwrap();
    let until = today() + Days::new(7);
    let mut n = 0;
    measure("county triage in figures, by village", 5, || {
        n = c
            .due_counts(&policy, today(), until)
            .unwrap()
            .iter()
            .map(|(_, a, b)| a + b)
            .sum();
    });
    println!("  ({n} children overdue or due within a week)");
    measure("county due list (due within a week)", 5, || {
        n = c.due_until(&policy, today(), until, None).unwrap().len();
    });
    println!("  ({n} children due)");
    measure("county triage (every child)", 3, || {
        n = c.triage(&policy, today()).unwrap().len();
    });
    println!("  ({n} children)");
    // What the screens read at the start, part by part, then whole.
    c.keep_in_memory(64).unwrap();
    let part = |name: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        println!("{name:<44} {:>8.0} ms", t.elapsed().as_secs_f64() * 1e3);
    };
    part("  the case list (every child)", &mut || {
        n = c.case_rows().unwrap().len();
    });
    part("  the register's checks", &mut || {
        shouhu::tui::checks::Checks::read(&c, today()).unwrap();
    });
    part("  the pairing ledger and its checks", &mut || {
        shouhu::tui::book::Book::read(&c, today()).unwrap();
    });
    drop(c);
    let t = Instant::now();
    let c = Store::open(&county).unwrap();
    let mut app =
        shouhu::tui::app::App::new(c, today(), shouhu::tui::theme::Theme::default_theme()).unwrap();
    println!(
        "the county file on screen (App::new)          {:>8.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    app.settle().unwrap();
    println!(
        "  its checks and ledger in, from the other core {:>6.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
}
