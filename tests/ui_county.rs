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
