//! Importing a sheet from the screen: the preview before anything is
//! written, a column given a field and the mapping kept, then the import.

#[path = "common/ui.rs"]
mod ui_common;

use shouhu::tui::popups::Popup;
use ui_common::{app, press, render};

fn id(birth: &str, serial: u32) -> String {
    let body = format!("990101{birth}{serial:03}");
    let check = shouhu::domain::idnum::check_char(&body).unwrap();
    format!("{body}{check}")
}

#[test]
fn a_sheet_is_previewed_mapped_and_imported_from_the_case_list() {
    let mut a = app(10);
    let dir = std::env::temp_dir().join(format!("shouhu-ui-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sheet = dir.join("石桥村登记.csv");
    let csv = format!(
        "姓名,公民身份证号码,现居住地,就学情况,父母双方同时外出,家长意见\n\
         孙小一,{},荷香桥镇石桥村3组,小学二年级,是,希望多辅导\n\
         孙小二,{},同上,幼儿园,是,\n",
        id("20180101", 121),
        id("20200202", 242)
    );
    std::fs::write(&sheet, csv).unwrap();
    let before = a.ctx.reg.cases.len();
    // 儿童, I, the path typed in, Enter: the preview, nothing written.
    press(&mut a, "2I");
    press(&mut a, &sheet.display().to_string());
    press(&mut a, "<Enter>");
    let Some(Popup::Import(p)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    assert_eq!(p.preview.valid, 2, "{:?}", p.preview.outcome.problems);
    let field = |p: &shouhu::tui::popups::import::ImportPreview, h: &str| {
        p.preview
            .columns
            .iter()
            .find(|(c, _)| c == h)
            .and_then(|(_, f)| *f)
    };
    assert_eq!(field(p, "公民身份证号码"), Some("身份证号"));
    assert_eq!(
        field(p, "家长意见"),
        Some("表格附记"),
        "no field of its own: kept in the notes' block"
    );
    assert_eq!(a.ctx.reg.cases.len(), before, "nothing written yet");
    let screen = render(&a, 80, 24);
    assert!(
        screen.contains("导入预览") && screen.contains("孙小一"),
        "{screen}"
    );
    // m on 家长意见: it goes to 备注 itself; the mapping is kept under the file's name.
    let at = p
        .preview
        .columns
        .iter()
        .position(|(c, _)| c == "家长意见")
        .unwrap();
    for _ in 0..at {
        press(&mut a, "j");
    }
    press(&mut a, "m");
    press(&mut a, "备注<Enter>");
    let Some(Popup::Import(p)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    assert_eq!(field(p, "家长意见"), Some("备注"));
    assert!(
        shouhu::io::import::templates::load(&a.ctx.store, "石桥村登记")
            .unwrap()
            .is_some()
    );
    // Enter: imported, the preview gone, the list read again.
    press(&mut a, "<Enter>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert_eq!(a.ctx.reg.cases.len(), before + 2);
    let c = a
        .ctx
        .reg
        .cases
        .iter()
        .find(|c| c.name == "孙小一")
        .unwrap()
        .id;
    let c = a.ctx.store.child(c).unwrap().unwrap();
    assert_eq!(c.village, "石桥村");
    assert!(c.notes.contains("希望多辅导"), "{}", c.notes);
    // Another sheet with the same header: the kept mapping is used unasked.
    let again = dir.join("别的表.csv");
    std::fs::write(
        &again,
        format!(
            "姓名,公民身份证号码,现居住地,就学情况,父母双方同时外出,家长意见\n孙小三,{},石桥村4组,初中,是,要补课\n",
            id("20120303", 363)
        ),
    )
    .unwrap();
    press(&mut a, "I");
    press(&mut a, &again.display().to_string());
    press(&mut a, "<Enter>");
    let Some(Popup::Import(p)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    assert_eq!(p.name, "石桥村登记");
    assert_eq!(field(p, "家长意见"), Some("备注"));
    let _ = std::fs::remove_dir_all(&dir);
}
