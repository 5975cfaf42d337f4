//! A county file on screen: the townships' files merged, opened in the same
//! screens, with a township column, a township filter, and every change of
//! a township's record refused (it is made on the township's PC).

#[path = "common/ui.rs"]
mod ui_common;

use shouhu::store::Store;
use shouhu::tui::app::App;
use shouhu::tui::theme::Theme;
use ui_common::{press, render, today};

fn county(dir: &std::path::Path) -> Store {
    let mut files = Vec::new();
    for (n, town) in ["清溪镇", "白沙镇"].iter().enumerate() {
        let db = dir.join(format!("t{n}.db"));
        let mut s = Store::open(&db).unwrap();
        s.set_setting("township", town).unwrap();
        shouhu::demo::generate(&mut s, 30, n as u64 + 1, today()).unwrap();
        let file = dir.join(format!("t{n}.sync"));
        std::fs::write(&file, s.sync_export(None).unwrap().0).unwrap();
        files.push(file);
    }
    let mut c = Store::open(&dir.join("county.db")).unwrap();
    c.county_merge(&files).unwrap();
    c
}

#[test]
fn the_county_file_lists_children_by_township_filters_one_and_changes_nothing() {
    let dir = std::env::temp_dir().join(format!("shouhu-ui-county-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let store = county(&dir);
    assert!(store.county());
    let mut a = App::new(store, today(), Theme::default_theme()).unwrap();
    a.ctx.open_files = false;
    // The checks and the ledger are read on the other core: 今日 says so
    // until they are in, then shows their lines.
    let first = render(&a, 80, 24);
    assert!(first.contains("正在读取登记核查"), "{first}");
    assert!(a.ctx.reading.is_some());
    a.settle().unwrap();
    assert!(a.ctx.reading.is_none());
    assert!(!a.ctx.book.pairings.is_empty(), "the ledger is in");
    let read = render(&a, 80, 24);
    assert!(!read.contains("正在读取登记核查"), "{read}");
    press(&mut a, "2");
    let screen = render(&a, 80, 24);
    assert!(screen.contains("县级汇总·只读"), "{screen}");
    assert!(screen.contains("乡镇"), "the township column: {screen}");
    assert!(
        screen.contains("清溪镇") && screen.contains("白沙镇"),
        "{screen}"
    );
    // 今日 and 结对 have the column too.
    for screen in ["1", "4"] {
        press(&mut a, screen);
        let shown = render(&a, 80, 24);
        assert!(shown.contains("乡镇"), "{shown}");
    }
    // The village filter offers each township whole: 白沙镇 comes first.
    press(&mut a, "2f");
    let screen = render(&a, 80, 24);
    assert!(screen.contains("白沙镇（全乡镇）"), "{screen}");
    press(&mut a, "<Down><Enter>");
    let screen = render(&a, 80, 24);
    assert!(screen.contains("白沙镇"), "{screen}");
    let list: Vec<&str> = screen.lines().skip(4).take(15).collect();
    assert!(
        !list.iter().any(|l| l.contains("清溪镇")),
        "only 白沙镇 is listed: {screen}"
    );
    // No form opens to be refused at the end: the reason is said at once.
    press(&mut a, "n");
    assert!(a.popups.is_empty());
    let screen = render(&a, 80, 24);
    assert!(screen.contains("县级汇总文件"), "{screen}");
    // A township's record is changed on the township's PC, not here.
    let refused = a.ctx.store.set_setting("officer", "县民政局").unwrap_err();
    assert!(refused.to_string().contains("县级汇总文件"), "{refused}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_visits_and_referrals_of_a_county_show_their_township_and_filter_one() {
    let dir = std::env::temp_dir().join(format!("shouhu-ui-county-lists-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut a = App::new(county(&dir), today(), Theme::default_theme()).unwrap();
    a.ctx.open_files = false;
    let town = |v: &str| {
        v.split_once('·')
            .map(|(t, _)| t.to_string())
            .unwrap_or_default()
    };
    // 走访: the latest visits of both townships, each with its township.
    press(&mut a, "3");
    let screen = render(&a, 80, 24);
    assert!(screen.contains("乡镇"), "the township column: {screen}");
    let towns: std::collections::BTreeSet<String> = a
        .screens
        .visits
        .recent
        .iter()
        .map(|(_, _, v)| town(v))
        .collect();
    assert_eq!(towns.len(), 2, "{towns:?}");
    // F: one township whole; its visits alone, as many as it has lately.
    press(&mut a, "F");
    assert!(render(&a, 80, 24).contains("白沙镇（全乡镇）"));
    press(&mut a, "<Down><Enter>");
    let recent = &a.screens.visits.recent;
    assert!(!recent.is_empty());
    assert!(
        recent.iter().all(|(_, _, v)| town(v) == "白沙镇"),
        "{recent:?}"
    );
    assert!(render(&a, 80, 24).contains("· 白沙镇"));
    // 转介: the same column and filter.
    let all = a.ctx.referrals.len();
    assert!(all > 0, "the demo townships raised reports");
    press(&mut a, "5");
    let listed = render(&a, 80, 24);
    assert!(listed.contains("乡镇"));
    // Each number as its township's paper form bears it, not as the county
    // keeps it apart from another township's.
    for line in listed.lines().skip(3).take(a.ctx.referrals.len().min(15)) {
        let no: String = line.chars().skip(1).take(4).collect();
        let no: u32 = no
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{line}\n{listed}"));
        assert!(no < 1000, "{line}");
    }
    press(&mut a, "f<Down><Enter>");
    let rows = &a.screens.referrals.rows;
    assert!(
        !rows.is_empty() && rows.len() < all,
        "{} of {all}",
        rows.len()
    );
    for &i in rows {
        let (_, village) = a.ctx.child_name(a.ctx.referrals[i].child);
        assert_eq!(town(&village), "白沙镇", "{village}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A county file on a share that cannot be written opens read-only; its
/// checks are read on the other core all the same, and nothing is left
/// beside the file. When that reading stops, they are read here instead.
#[test]
fn a_county_file_that_cannot_be_written_reads_its_checks_and_leaves_nothing_beside_it() {
    let dir = std::env::temp_dir().join(format!("shouhu-ui-county-ro-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    drop(county(&dir));
    let db = dir.join("county.db");
    let beside = |end: &str| dir.join(format!("county.db{end}")).exists();
    let chattr = |flag: &str| {
        std::process::Command::new("chattr")
            .arg(flag)
            .arg(&db)
            .status()
            .is_ok_and(|s| s.success())
    };
    assert!(!beside("-wal") && !beside("-shm"));
    if chattr("+i") {
        let opened = (|| {
            let store = Store::open(&db)?;
            let read_only = store.read_only();
            let mut a = App::new(store, today(), Theme::default_theme())?;
            a.ctx.open_files = false;
            a.settle()?;
            anyhow::Ok((read_only, a.ctx.book.pairings.len()))
        })();
        let left = (beside("-wal"), beside("-shm"));
        chattr("-i");
        let (read_only, pairings) = opened.unwrap();
        assert!(read_only);
        assert!(pairings > 0, "the ledger came in from the other core");
        assert_eq!(
            left,
            (false, false),
            "nothing beside a file that cannot be written"
        );
    } else {
        eprintln!("chattr is not available here: the read-only case is skipped");
    }
    // The other core's reading stops: the ledger is read here instead.
    let mut a = App::new(Store::open(&db).unwrap(), today(), Theme::default_theme()).unwrap();
    a.ctx.open_files = false;
    a.settle().unwrap();
    let pairings = a.ctx.book.pairings.len();
    assert!(pairings > 0);
    let (tx, rx) = std::sync::mpsc::channel();
    drop(tx);
    a.ctx.book.pairings.clear();
    a.ctx.reading = Some(rx);
    assert!(a.ctx.take_reads(true).unwrap());
    assert_eq!(a.ctx.book.pairings.len(), pairings);
    drop(a);
    let _ = std::fs::remove_dir_all(&dir);
}
