//! The county file: townships' changes files merged into one database whose
//! due list is the union of theirs, a child registered twice made one, in
//! bulk as row by row; a registry copied onto two PCs merged as one.

mod common;

use std::path::PathBuf;

use chrono::NaiveDate;
use common::{Scratch, shouhu, shouhu_ok};
use shouhu::domain::{Visit, VisitKind};
use shouhu::store::Store;

const TODAY: &str = "2026-11-23";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Three townships' changes files, made through the real binary: 40 demo
/// children each, and one child who moved, registered in the first two
/// with a visit in each. Returns the files and how many children their due
/// lists hold together.
fn three_townships(dir: &Scratch) -> (Vec<PathBuf>, usize) {
    let mut files = Vec::new();
    let mut due_total = 0;
    for (n, township) in ["清溪镇", "白沙镇", "石门乡"].iter().enumerate() {
        let db = dir.path(&format!("t{n}.db"));
        shouhu_ok(
            &db,
            TODAY,
            &["demo", "--children", "40", "--seed", &(n + 3).to_string()],
        );
        {
            let mut s = Store::open(&db).unwrap();
            s.set_setting("township", township).unwrap();
            if n < 2 {
                // A child who moved: registered in the first two townships.
                let mut c = shouhu::domain::Child::new(d(2026, 10, 1));
                c.name = format!("测试迁{n}");
                c.village = "白果村".into();
                c.id_number = common::id_number("990101", "20150302", 17);
                c.birth_date = Some(d(2015, 3, 2));
                c.categories = vec![shouhu::domain::Category::LeftBehind];
                s.save_child(&mut c).unwrap();
                let mut v = Visit::new(c.id, d(2026, 10, 10 + n as u32), VisitKind::Home);
                v.notes = format!("{township}的走访");
                s.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
            }
        }
        let due = shouhu_ok(&db, TODAY, &["due", "--format", "csv"]).stdout;
        due_total += due.lines().count() - 1;
        let file = dir.path(&format!("t{n}.sync"));
        shouhu_ok(
            &db,
            TODAY,
            &["sync", "export", "-o", file.to_str().unwrap()],
        );
        files.push(file);
    }
    (files, due_total)
}

#[test]
fn three_townships_merge_into_a_county_file_whose_due_list_is_their_union() {
    let dir = Scratch::new("county");
    let (files, due_total) = three_townships(&dir);
    let county = dir.path("county.db");
    let mut args = vec!["county", "merge"];
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    args.extend(["-o", county.to_str().unwrap()]);
    let merged = shouhu_ok(&dir.path("unused.db"), TODAY, &args);
    // What it is at on standard error, file by file; what it did on standard output.
    assert!(
        merged.stderr.contains("正在合并") && merged.stderr.contains("（3/3）"),
        "{}",
        merged.stderr
    );
    assert_eq!(merged.stdout.lines().count(), 3, "{}", merged.stdout);
    let due = shouhu_ok(&county, TODAY, &["due", "--format", "csv"]).stdout;
    // The union: the child registered twice is one child, listed as a conflict.
    assert_eq!(due.lines().count() - 1, due_total - 1);
    // Villages are known by township and name: the same names do not clash.
    let c = Store::open(&county).unwrap();
    let villages = c.villages().unwrap();
    assert!(
        villages.iter().any(|v| v.starts_with("清溪镇·")),
        "{villages:?}"
    );
    assert!(
        villages.iter().any(|v| v.starts_with("石门乡·")),
        "{villages:?}"
    );
    assert_eq!(c.count("children").unwrap(), 122 - 1);
    let conflicts = c.sync_conflicts().unwrap();
    assert!(
        conflicts
            .iter()
            .any(|k| k.table == "children" && k.there.contains("测试迁1")),
        "{conflicts:?}"
    );
    // Both townships' visits of that child are kept, on the one record.
    let moved = c
        .case_rows()
        .unwrap()
        .into_iter()
        .find(|k| k.name == "测试迁0")
        .unwrap();
    let notes: Vec<String> = c
        .visits_of(moved.id)
        .unwrap()
        .into_iter()
        .map(|v| v.notes)
        .collect();
    assert!(notes.contains(&"清溪镇的走访".to_string()), "{notes:?}");
    assert!(notes.contains(&"白沙镇的走访".to_string()), "{notes:?}");
    drop(c);
    // The triage in figures, by township: together, the due list.
    let summary = shouhu_ok(&county, TODAY, &["due", "--summary", "--format", "csv"]).stdout;
    let lines: Vec<&str> = summary.lines().collect();
    assert_eq!(lines[0], "place,overdue,due_soon");
    assert_eq!(lines.len(), 1 + 3 + 1, "{summary}");
    let all: usize = lines[4]
        .split(',')
        .skip(1)
        .map(|n| n.parse::<usize>().unwrap())
        .sum();
    assert!(lines[4].starts_with("全县,"), "{summary}");
    assert_eq!(all, due.lines().count() - 1);
    // The quarterly report: each township's villages and total, then the county's.
    let report = shouhu_ok(&county, TODAY, &["report", "--format", "csv"]).stdout;
    for total in ["清溪镇 合计", "白沙镇 合计", "石门乡 合计", "全县"] {
        assert!(report.contains(total), "{total}: {report}");
    }
    // A township's record is not changed in the county file.
    let r = shouhu(&county, TODAY, &["national", "mark"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("县级汇总文件"), "{}", r.stderr);
    // The county file exchanges no changes: it takes them by merging.
    for args in [
        vec!["sync", "export", "-o", "x.sync"],
        vec!["sync", "import", names[0].as_str()],
    ] {
        let r = shouhu(&county, TODAY, &args);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("county merge"), "{}", r.stderr);
    }
    // A township's own file is never made a county file.
    let own = dir.path("t0.db");
    let r = shouhu(
        &own,
        TODAY,
        &[
            "county",
            "merge",
            names[0].as_str(),
            "-o",
            own.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("是乡镇的数据库"), "{}", r.stderr);
    assert!(!Store::open(&own).unwrap().county());
    // Merged again: nothing doubled.
    shouhu_ok(&dir.path("unused.db"), TODAY, &args);
    let again = shouhu_ok(&county, TODAY, &["due", "--format", "csv"]).stdout;
    assert_eq!(again.lines().count(), due.lines().count());
}

fn fk_breaks(db: &std::path::Path) -> usize {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c.prepare("PRAGMA foreign_key_check").unwrap();
    stmt.query_map([], |_| Ok(())).unwrap().count()
}

#[test]
fn a_county_merged_in_bulk_holds_what_one_merged_row_by_row_holds() {
    let dir = Scratch::new("county-bulk");
    let (files, _) = three_townships(&dir);
    let (rows, bulk) = (dir.path("rows.db"), dir.path("bulk.db"));
    Store::open(&rows).unwrap().county_merge(&files).unwrap();
    Store::open(&bulk)
        .unwrap()
        .county_merge_in_bulk(&files)
        .unwrap();
    let due = |db: &PathBuf| shouhu_ok(db, TODAY, &["due", "--format", "csv"]).stdout;
    assert_eq!(due(&bulk), due(&rows));
    let (r, b) = (Store::open(&rows).unwrap(), Store::open(&bulk).unwrap());
    for table in [
        "children",
        "visits",
        "caregivers",
        "pairings",
        "referrals",
        "villages",
    ] {
        assert_eq!(b.count(table).unwrap(), r.count(table).unwrap(), "{table}");
    }
    let moved = |s: &Store| {
        s.sync_conflicts()
            .unwrap()
            .iter()
            .any(|k| k.there.contains("测试迁1"))
    };
    assert!(moved(&r) && moved(&b));
    assert_eq!(
        b.sync_conflicts().unwrap().len(),
        r.sync_conflicts().unwrap().len()
    );
    drop((r, b));
    // The uuids are kept unique by an index of their own, and nothing is broken.
    let c = rusqlite::Connection::open(&bulk).unwrap();
    let unique: bool = c
        .query_row(
            "SELECT \"unique\" FROM pragma_index_list('visits') WHERE name = 'visits_uuid'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(unique);
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    drop(c);
    assert_eq!(fk_breaks(&bulk), 0);
    // Merged again in bulk: nothing doubled.
    Store::open(&bulk)
        .unwrap()
        .county_merge_in_bulk(&files)
        .unwrap();
    assert_eq!(due(&bulk), due(&rows));
}

#[test]
fn a_registry_copied_onto_two_pcs_before_sites_merges_as_one_in_bulk() {
    let dir = Scratch::new("county-copied");
    let (x, y) = (dir.path("x.db"), dir.path("y.db"));
    shouhu_ok(&x, TODAY, &["demo", "--children", "20"]);
    // Entered in the national system (a table keyed by its child, no id of
    // its own); and a child with no ID number yet, known by its uuid alone.
    shouhu_ok(&x, TODAY, &["national", "mark", "--date", "2026-11-01"]);
    let mut s = Store::open(&x).unwrap();
    let mut c = shouhu::domain::Child::new(d(2026, 10, 1));
    c.name = "测试无号".into();
    c.village = "白果村".into();
    c.categories = vec![shouhu::domain::Category::LeftBehind];
    s.save_child(&mut c).unwrap();
    drop(s);
    // As a file of the first wave: no site yet, no changes recorded.
    common::as_first_wave(&mut rusqlite::Connection::open(&x).unwrap());
    // Copied onto a second PC.
    std::fs::copy(&x, &y).unwrap();
    let (children, visits, marks) = {
        let s = Store::open(&x).unwrap();
        let n = |t| s.count(t).unwrap();
        (n("children"), n("visits"), n("national_marks"))
    };
    assert!(marks > 0);
    // Each PC records one visit more to that child after the copy: whichever
    // copy the county keeps, both visits stay.
    let mut child = None;
    for (db, note) in [(&x, "复制后的走访甲"), (&y, "复制后的走访乙")] {
        let mut s = Store::open(db).unwrap();
        let found = s
            .case_rows()
            .unwrap()
            .into_iter()
            .find(|k| k.name == "测试无号")
            .unwrap();
        let mut v = Visit::new(found.id, d(2026, 11, 20), VisitKind::Home);
        v.notes = note.into();
        s.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
        child = Some(found);
    }
    let child = child.unwrap();
    let mut files = Vec::new();
    for (db, name) in [(&x, "x.sync"), (&y, "y.sync")] {
        let file = dir.path(name);
        shouhu_ok(db, TODAY, &["sync", "export", "-o", file.to_str().unwrap()]);
        files.push(file);
    }
    let county = dir.path("county.db");
    let mut c = Store::open(&county).unwrap();
    c.county_merge_in_bulk(&files).unwrap();
    // One record each: the copies made one, listed, nothing dropped.
    assert_eq!(c.count("children").unwrap(), children);
    assert_eq!(c.count("visits").unwrap(), visits + 2);
    assert_eq!(c.count("national_marks").unwrap(), marks);
    assert!(!c.sync_conflicts().unwrap().is_empty());
    let kept = c
        .case_rows()
        .unwrap()
        .into_iter()
        .find(|k| k.name == child.name && k.id_number == child.id_number)
        .unwrap();
    let notes: Vec<String> = c
        .visits_of(kept.id)
        .unwrap()
        .into_iter()
        .map(|v| v.notes)
        .collect();
    for note in ["复制后的走访甲", "复制后的走访乙"] {
        assert!(notes.contains(&note.to_string()), "{notes:?}");
    }
    drop(c);
    assert_eq!(fk_breaks(&county), 0);
}
