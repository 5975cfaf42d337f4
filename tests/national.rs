//! Sheets as villages keep them: the 2016 national survey form typed in row
//! by row (repeated headers, 「同上」, 「—」, 「小学一年级」, the village inside
//! the address, no category column), as GBK CSV and as Excel with title
//! rows and a merged two-row header.

mod common;

use common::{Scratch, shouhu, shouhu_ok};

const TODAY: &str = "2026-11-23";

/// A valid ID number (region 99, fictional) for a birth date and gender digit.
fn id(birth: &str, serial: u32) -> String {
    let body = format!("990101{birth}{serial:03}");
    let check = shouhu::domain::idnum::check_char(&body).unwrap();
    format!("{body}{check}")
}

/// The flat 2016 登记表, as a village typed it.
fn flat_rows() -> (Vec<&'static str>, Vec<Vec<String>>) {
    let headers = vec![
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "公民身份证号码",
        "是否登记户口",
        "户籍所在地",
        "现居住地",
        "身体情况",
        "残疾类别及等级",
        "是否学校寄宿",
        "就学情况",
        "祖父姓名",
        "出生日期",
        "祖母姓名",
        "出生日期",
        "父亲姓名",
        "出生日期",
        "当前务工地点",
        "联系电话",
        "母亲姓名",
        "出生日期",
        "当前务工地点",
        "联系电话",
        "父母双方同时外出",
        "父母一方外出、另一方无监护能力",
        "委托监护人姓名",
        "受委托监护人电话",
        "公民身份证号码",
        "与被监护人关系",
        "家庭经济来源",
    ];
    let a = id("20150312", 121);
    let b = id("20170718", 242);
    let guardian = id("19600101", 333);
    let rows = vec![
        vec![
            "王小一",
            "男",
            "汉族",
            "2015.03.12",
            &a,
            "是",
            "某县荷香桥镇石桥村5组",
            "同上",
            "健康",
            "",
            "否",
            "小学一年级",
            "王老大",
            "1950.01.02",
            "—",
            "",
            "王大",
            "1988.02.03",
            "广东东莞",
            "13800001111",
            "李氏",
            "1990.04.05",
            "浙江宁波",
            "13800002222",
            "√",
            "",
            "王老大",
            "13900003333",
            &guardian,
            "祖父",
            "打工收入",
        ],
        vec![
            "王小二",
            "女",
            "汉族",
            "2017年7月18日",
            &b,
            "是",
            "同上",
            "同上",
            "残疾",
            "智力残疾四级",
            "否",
            "幼儿园",
            "同上",
            "",
            "",
            "",
            "—",
            "",
            "",
            "",
            "李氏",
            "",
            "浙江宁波",
            "",
            "否",
            "是",
            "王老大",
            "13900003333",
            &guardian,
            "祖父",
            "打工收入",
        ],
    ]
    .into_iter()
    .map(|r| r.into_iter().map(String::from).collect())
    .collect();
    (headers, rows)
}

fn csv_of(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = headers.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out
}

fn check_imported(db: &std::path::Path) {
    let store = shouhu::store::Store::open(db).unwrap();
    let rows = store.case_rows().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let one = rows.iter().find(|c| c.name == "王小一").unwrap();
    let one = store.child(one.id).unwrap().unwrap();
    assert_eq!(one.village, "石桥村");
    assert_eq!(one.id_number, id("20150312", 121));
    assert_eq!(
        one.categories,
        [shouhu::domain::Category::LeftBehind],
        "父母双方同时外出 √"
    );
    assert_eq!(one.father.name, "王大");
    assert_eq!(
        one.father.status,
        Some(shouhu::domain::ParentStatus::Migrant)
    );
    assert_eq!(one.father.work_place, "广东东莞");
    assert_eq!(one.mother.work_place, "浙江宁波");
    assert_eq!(one.caregiver.name, "王老大", "the entrusted guardian");
    assert_eq!(one.caregiver.relation, "祖父");
    assert_eq!(
        one.school_status,
        Some(shouhu::domain::SchoolStatus::InSchool)
    );
    assert_eq!(one.grade, "小学一年级");
    // The guardian's ID number is never the child's; it goes to the notes.
    assert!(one.notes.contains("【表格附记】"), "{}", one.notes);
    assert!(one.notes.contains("祖父姓名：王老大"), "{}", one.notes);
    assert!(one.notes.contains("1950.01.02"), "{}", one.notes);
    let two = rows.iter().find(|c| c.name == "王小二").unwrap();
    let two = store.child(two.id).unwrap().unwrap();
    assert_eq!(two.village, "石桥村", "同上 took the row above");
    assert_eq!(
        two.father.status,
        Some(shouhu::domain::ParentStatus::Deceased),
        "「—」 for a father who died"
    );
    assert!(two.father.name.is_empty());
    assert_eq!(
        two.school_status,
        Some(shouhu::domain::SchoolStatus::Preschool)
    );
    assert_eq!(two.health, Some(shouhu::domain::Health::Disabled));
    assert_eq!(two.disability_grade, Some(4));
    assert!(two.disability_type.is_some());
    assert_eq!(two.categories, [shouhu::domain::Category::LeftBehind]);
}

#[test]
fn the_2016_form_as_gbk_csv_imports_without_editing_and_again_unchanged() {
    let s = Scratch::new("national-csv");
    let (headers, rows) = flat_rows();
    let text = csv_of(&headers, &rows);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let sheet = s.path("登记表.csv");
    std::fs::write(&sheet, gbk).unwrap();
    let db = s.db();
    let r = shouhu_ok(&db, TODAY, &["import", "children", sheet.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 2"), "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("表格附记"), "said once: {}", r.stderr);
    check_imported(&db);
    // The same sheet again: nothing changes, the notes block is not doubled.
    let r = shouhu_ok(&db, TODAY, &["import", "children", sheet.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 0"), "{}", r.stdout);
    check_imported(&db);
    let store = shouhu::store::Store::open(&db).unwrap();
    for c in store.case_rows().unwrap() {
        let notes = store.child(c.id).unwrap().unwrap().notes;
        assert_eq!(notes.matches("【表格附记】").count(), 1, "{notes}");
    }
}

#[test]
fn the_2016_form_in_excel_with_title_rows_and_a_merged_two_row_header() {
    use rust_xlsxwriter::{Format, Workbook};
    let s = Scratch::new("national-xlsx");
    let (headers, rows) = flat_rows();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let plain = Format::new();
    ws.merge_range(0, 0, 0, 10, "农村留守儿童基本情况登记表", &plain)
        .unwrap();
    ws.write(1, 0, "填报单位：某县荷香桥镇石桥村民委员会（盖章）")
        .unwrap();
    ws.write(1, 8, "填报日期：2016年7月18日").unwrap();
    // Row 3–4: the two-row header; the people's fields under merged group cells.
    let groups = [(12, "祖父"), (14, "祖母"), (16, "父亲"), (20, "母亲")];
    let mut col = 0u16;
    while (col as usize) < headers.len() {
        let c = col as usize;
        if let Some((start, group)) = groups.iter().find(|(g, _)| *g == c) {
            let width = if *group == "父亲" || *group == "母亲" {
                4
            } else {
                2
            };
            ws.merge_range(2, col, 2, col + width - 1, group, &plain)
                .unwrap();
            let fields: &[&str] = if width == 4 {
                &["姓名", "出生日期", "当前务工地点", "联系电话"]
            } else {
                &["姓名", "出生日期"]
            };
            for (k, f) in fields.iter().enumerate() {
                ws.write(3, col + k as u16, *f).unwrap();
            }
            let _ = start;
            col += width;
        } else {
            ws.merge_range(2, col, 3, col, headers[c], &plain).unwrap();
            col += 1;
        }
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(4 + r as u32, c as u16, v.as_str()).unwrap();
        }
    }
    let path = s.path("登记表.xlsx");
    book.save(&path).unwrap();
    let db = s.db();
    let r = shouhu_ok(&db, TODAY, &["import", "children", path.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 2"), "{}\n{}", r.stdout, r.stderr);
    check_imported(&db);
}

#[test]
fn a_sheet_that_names_no_village_and_no_category_says_which_option_to_give() {
    let s = Scratch::new("national-bad");
    let a = id("20150312", 121);
    let csv = format!(
        "姓名,公民身份证号码,现居住地,就学情况\n张三,{a},县城建设路12号,初中\n李四,{},同上,辍学\n",
        id("20140101", 222)
    );
    let sheet = s.path("x.csv");
    std::fs::write(&sheet, csv).unwrap();
    let db = s.db();
    let r = shouhu(&db, TODAY, &["import", "children", sheet.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--village"), "{}", r.stderr);
    assert!(r.stderr.contains("--category"), "{}", r.stderr);
    assert!(r.stderr.contains("第 2 行"), "{}", r.stderr);
    // With the options, the sheet goes in; the options fill only what it leaves blank.
    let r = shouhu_ok(
        &db,
        TODAY,
        &[
            "import",
            "children",
            sheet.to_str().unwrap(),
            "--village",
            "新华村",
            "--category",
            "其他困境儿童",
        ],
    );
    assert!(r.stdout.contains("新增 2"), "{}", r.stdout);
    // Two columns that both claim the child's ID number: refused, naming both.
    std::fs::write(
        &sheet,
        format!("姓名,身份证号,公民身份证号码\n张三,{a},{a}\n"),
    )
    .unwrap();
    let r = shouhu(
        &db,
        TODAY,
        &[
            "import",
            "children",
            sheet.to_str().unwrap(),
            "--village",
            "新华村",
            "--category",
            "其他困境儿童",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("公民身份证号码"), "{}", r.stderr);
    // 「同上」 with nothing above is refused, naming the row.
    let csv = "姓名,公民身份证号码,现居住地\n张三,,同上\n";
    std::fs::write(&sheet, csv).unwrap();
    let r = shouhu(
        &db,
        TODAY,
        &[
            "import",
            "children",
            sheet.to_str().unwrap(),
            "--village",
            "新华村",
            "--category",
            "其他困境儿童",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("同上"), "{}", r.stderr);
}

#[test]
fn a_sheet_laid_out_like_the_national_systems_left_behind_screen() {
    let s = Scratch::new("national-system");
    let child = id("20160203", 442);
    let headers = "儿童编号,姓名,性别,出生日期,身份证号,民族,户口分类,户籍性质,户籍所在地,详细地址,\
                   儿童现住址,详细地址,健康状况,学业状况,就学情况,是否学校寄宿,监护类型,\
                   父亲姓名,证件号码,联系电话,现居住地址,母亲姓名,证件号码,联系电话,现居住地址,\
                   委托照料原因,受委托照料人姓名,联系电话,证件号码,与儿童关系,祖父姓名,出生日期";
    let row = format!(
        "LS0001,赵小三,女,2016-02-03,{child},汉族,本辖区户口,农村居民户口,七星关区 / 亮岩镇 / 新华村,5组12号,\
         七星关区 / 亮岩镇 / 新华村,5组12号,健康,在读,小学,否,委托监护,\
         赵大,{},13800004444,浙江省宁波市,钱氏,,13800005555,福建省晋江市,\
         父母双方同时外出,赵老太,13900006666,,祖母,赵老爷,1955-05-05",
        id("19860101", 555)
    );
    let sheet = s.path("留守儿童.csv");
    std::fs::write(&sheet, format!("{headers}\n{row}\n")).unwrap();
    let db = s.db();
    let r = shouhu_ok(&db, TODAY, &["import", "children", sheet.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 1"), "{}\n{}", r.stdout, r.stderr);
    let store = shouhu::store::Store::open(&db).unwrap();
    let c = store.case_rows().unwrap()[0].id;
    let c = store.child(c).unwrap().unwrap();
    assert_eq!(c.id_number, child, "the child's, not the father's");
    assert_eq!(c.village, "新华村");
    assert_eq!(c.categories, [shouhu::domain::Category::LeftBehind]);
    assert_eq!(c.caregiver.name, "赵老太");
    assert_eq!(c.caregiver.relation, "祖母");
    assert_eq!(c.caregiver.phone, "13900006666");
    assert_eq!(
        c.school_status,
        Some(shouhu::domain::SchoolStatus::InSchool)
    );
    assert!(c.hukou);
    assert!(c.address.contains("5组12号"), "{}", c.address);
    assert!(c.notes.contains("父亲证件号码"), "{}", c.notes);
    assert_eq!(c.hukou_nature, Some(shouhu::domain::HukouNature::Rural));
    assert!(c.hukou_place.contains("新华村"), "{}", c.hukou_place);
}

#[test]
fn the_national_layout_export_imports_back_unchanged_masked_or_not() {
    let s = Scratch::new("national-roundtrip");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "120", "--seed", "5"]);
    for full in [true, false] {
        let out = s.path(if full { "full.csv" } else { "masked.csv" });
        let mut args = vec![
            "export",
            "children",
            "--layout",
            "national",
            "-o",
            out.to_str().unwrap(),
        ];
        if full {
            args.push("--full-id");
        }
        shouhu_ok(&db, TODAY, &args);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.trim_start_matches('\u{feff}')
                .starts_with("儿童编号,儿童类别,姓名,性别,出生日期,身份证号"),
            "{}",
            &text[..200]
        );
        let r = shouhu_ok(&db, TODAY, &["import", "children", out.to_str().unwrap()]);
        assert!(
            r.stdout.contains("新增 0，更新 0，未变 120"),
            "full {full}: {}\n{}",
            r.stdout,
            r.stderr
        );
        assert!(!r.stderr.contains("不认识的列"), "{}", r.stderr);
    }
    // --layout is of the children only.
    let r = shouhu(
        &db,
        TODAY,
        &[
            "export",
            "visits",
            "--layout",
            "national",
            "-o",
            s.path("v.csv").to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 2);
}

#[test]
fn rosters_upward_and_the_dengjibiao_of_one_child() {
    use calamine::{Reader, Xlsx, open_workbook};
    let s = Scratch::new("national-rosters");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "80", "--seed", "2"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let left_behind: i64 = conn
        .query_row(
            "SELECT count(*) FROM children WHERE status = 'active'
               AND ',' || category_codes || ',' LIKE '%,left_behind,%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let out = s.path("花名册.xlsx");
    let r = shouhu_ok(
        &db,
        TODAY,
        &["roster", "left_behind", "-o", out.to_str().unwrap()],
    );
    assert!(
        r.stdout.contains(&format!("（{left_behind} 行）")),
        "{}",
        r.stdout
    );
    let book: Xlsx<_> = open_workbook(&out).unwrap();
    assert!(!book.sheet_names().is_empty());
    let dropout = s.path("辍学.csv");
    shouhu_ok(
        &db,
        TODAY,
        &["roster", "dropout", "-o", dropout.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&dropout).unwrap();
    assert!(
        text.contains("失学辍学") || text.contains("就学状态"),
        "{text}"
    );
    // The 登记表 of one child carries the full ID number; the print is audited.
    let (name, village, number): (String, String, String) = conn
        .query_row(
            "SELECT c.name, v.name, c.id_number FROM children c JOIN villages v ON v.id = c.village_id
              WHERE c.id_number IS NOT NULL
                AND (SELECT count(*) FROM children d WHERE d.name = c.name AND d.village_id = c.village_id) = 1
              LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let page = s.path("登记表.html");
    shouhu_ok(
        &db,
        TODAY,
        &[
            "print",
            "dengjibiao",
            &format!("{name}@{village}"),
            "-o",
            page.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains(&number) && html.contains("农村留守儿童基本情况登记表"));
    let printed: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'print' AND changes LIKE '登记表%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(printed, 1);
    assert_eq!(
        shouhu(&db, TODAY, &["roster", "pets", "-o", "x.xlsx"]).code,
        2
    );
}

#[test]
fn what_changed_since_the_national_system_was_last_brought_up_to_date() {
    let s = Scratch::new("national-mark");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "40", "--seed", "3"]);
    let out = s.path("changed.csv");
    let rows = |extra: &[&str]| -> usize {
        let mut args = vec![
            "export",
            "children",
            "--changed-since-national",
            "--force",
            "-o",
        ];
        args.push(out.to_str().unwrap());
        args.extend_from_slice(extra);
        shouhu_ok(&db, TODAY, &args);
        std::fs::read_to_string(&out).unwrap().lines().count() - 1
    };
    assert_eq!(rows(&[]), 40, "never entered: all of them");
    let r = shouhu_ok(&db, TODAY, &["national", "mark"]);
    assert!(r.stdout.contains("40"), "{}", r.stdout);
    assert_eq!(rows(&[]), 0);
    // One case file changes after: it is listed, in the national layout too.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE children SET updated_at = '2999-01-01T00:00:00Z' WHERE id = (SELECT min(id) FROM children)",
        [],
    )
    .unwrap();
    assert_eq!(rows(&[]), 1);
    assert_eq!(rows(&["--layout", "national"]), 1);
    let r = shouhu(&db, TODAY, &["national", "mark", "--date", "2026-12-01"]);
    assert_eq!(r.code, 1, "a day after today is refused");
}

#[test]
fn a_cell_merged_down_over_data_rows_is_refused_with_its_rows_and_column() {
    use rust_xlsxwriter::{Format, Workbook};
    let s = Scratch::new("national-merged");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "村（社区）", "儿童类别"]
        .iter()
        .enumerate()
    {
        ws.write(0, c as u16, *h).unwrap();
    }
    ws.write(1, 0, "甲").unwrap();
    ws.write(1, 1, id("20150101", 111).as_str()).unwrap();
    ws.write(2, 0, "乙").unwrap();
    ws.write(2, 1, id("20160101", 222).as_str()).unwrap();
    ws.merge_range(1, 2, 2, 2, "石桥村", &Format::new())
        .unwrap();
    ws.write(1, 3, "农村留守儿童").unwrap();
    ws.write(2, 3, "农村留守儿童").unwrap();
    let path = s.path("merged.xlsx");
    book.save(&path).unwrap();
    let db = s.db();
    let r = shouhu(&db, TODAY, &["import", "children", path.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("第 2 行到第 3 行") && r.stderr.contains("村（社区）"),
        "{}",
        r.stderr
    );
    assert!(
        !db.exists() || {
            let c = rusqlite::Connection::open(&db).unwrap();
            c.query_row("SELECT count(*) FROM children", [], |r| r.get::<_, i64>(0))
                .unwrap()
                == 0
        }
    );
}
