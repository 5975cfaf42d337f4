//! A catalogue of bad inputs across the program, run through the real binary:
//! each case says what the officer sees (exit code and message) and proves
//! that nothing was written — the registry reads the same and no file
//! appeared, vanished or changed in its folder.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Scratch, id_number, shouhu};

const TODAY: &str = "2026-11-23";

/// What a case starts from: a registry of 12 demo children in `s.db`, an
/// existing `old.csv`, `old.html`, `old.db`, and a folder `dir/`.
fn prepare(s: &Scratch) {
    let r = shouhu(&s.db(), TODAY, &["demo", "--children", "12"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in ["old.csv", "old.html", "old.db"] {
        std::fs::write(s.path(name), b"keep me").unwrap();
    }
    std::fs::create_dir_all(s.path("dir")).unwrap();
}

/// Everything the folder holds (name → bytes), and what the registry says.
fn fingerprint(s: &Scratch) -> (BTreeMap<String, Vec<u8>>, String) {
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(&s.0).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_file() && !name.ends_with("-wal") && !name.ends_with("-shm") {
            let bytes = if name == "s.db" {
                Vec::new()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            files.insert(name, bytes);
        }
    }
    let registry = if s.db().exists() {
        let c = rusqlite::Connection::open(s.db()).unwrap();
        let q = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        format!(
            "{} children {} visits {} audit {} households {} printed",
            q("SELECT count(*) FROM children"),
            q("SELECT count(*) FROM visits"),
            q("SELECT count(*) FROM audit"),
            q("SELECT count(*) FROM households"),
            q("SELECT count(*) FROM worklists"),
        )
    } else {
        "no registry".into()
    };
    (files, registry)
}

/// A survey sheet: the header, then rows.
fn sheet(s: &Scratch, name: &str, rows: &[&str]) -> String {
    let mut text =
        String::from("姓名,身份证号,性别,出生日期,村（社区）,儿童类别,户编号,登记日期\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    let path = s.path(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn visits_sheet(s: &Scratch, rows: &[&str]) -> String {
    let mut text = String::from("身份证号,姓名,村（社区）,走访日期,走访方式\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    let path = s.path("visits.csv");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The first demo child: (name, id number, village, birth date).
fn first_child(s: &Scratch) -> (String, String, String, String) {
    let c = rusqlite::Connection::open(s.db()).unwrap();
    c.query_row(
        "SELECT c.name, c.id_number, v.name, c.birth_date FROM children c
           JOIN villages v ON v.id = c.village_id
          WHERE c.id_number IS NOT NULL ORDER BY c.id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

struct Case {
    name: &'static str,
    /// Makes what the case needs beyond `prepare`; returns the arguments.
    args: fn(&Scratch) -> Vec<String>,
    /// The database to name (`s.db` unless the case says otherwise).
    db: fn(&Scratch) -> std::path::PathBuf,
    code: i32,
    says: &'static str,
}

fn v(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

fn default_db(s: &Scratch) -> std::path::PathBuf {
    s.db()
}

fn missing_db(s: &Scratch) -> std::path::PathBuf {
    s.path("typo.db")
}

fn path_of(s: &Scratch, name: &str) -> String {
    s.path(name).display().to_string()
}

fn cases() -> Vec<Case> {
    let c = |name, args: fn(&Scratch) -> Vec<String>, code, says| Case {
        name,
        args,
        db: default_db,
        code,
        says,
    };
    let on_missing = |name, args: fn(&Scratch) -> Vec<String>| Case {
        name,
        args,
        db: missing_db,
        code: 1,
        says: "不存在",
    };
    vec![
        // Output files never destroy anything.
        c(
            "worklist onto the database",
            |s| v(&["worklist", "-o", &path_of(s, "s.db")]),
            1,
            "正在使用的数据库",
        ),
        c(
            "worklist onto its -wal",
            |s| v(&["worklist", "-o", &path_of(s, "s.db-wal")]),
            1,
            "正在使用的数据库",
        ),
        c(
            "report onto the database",
            |s| v(&["report", "--format", "html", "-o", &path_of(s, "s.db")]),
            1,
            "正在使用的数据库",
        ),
        c(
            "export onto the database",
            |s| v(&["export", "children", "-o", &path_of(s, "s.db")]),
            1,
            "正在使用的数据库",
        ),
        c(
            "export onto the database, --force",
            |s| v(&["export", "children", "--force", "-o", &path_of(s, "s.db")]),
            1,
            "正在使用的数据库",
        ),
        c(
            "backup onto the database",
            |s| v(&["backup", "--force", "-o", &path_of(s, "s.db")]),
            1,
            "正在使用的数据库",
        ),
        c(
            "export over an existing file",
            |s| v(&["export", "children", "-o", &path_of(s, "old.csv")]),
            1,
            "--force",
        ),
        c(
            "worklist over an existing file",
            |s| v(&["worklist", "-o", &path_of(s, "old.html")]),
            1,
            "--force",
        ),
        c(
            "report over an existing file",
            |s| v(&["report", "--format", "html", "-o", &path_of(s, "old.html")]),
            1,
            "--force",
        ),
        c(
            "backup over an existing file",
            |s| v(&["backup", "-o", &path_of(s, "old.db")]),
            1,
            "--force",
        ),
        c(
            "export onto a folder",
            |s| v(&["export", "children", "--force", "-o", &path_of(s, "dir")]),
            1,
            "不是普通文件",
        ),
        c(
            "export into no folder",
            |s| v(&["export", "children", "-o", &path_of(s, "nowhere/x.csv")]),
            1,
            "无法写入",
        ),
        c(
            "full-ID export into no folder",
            |s| {
                v(&[
                    "export",
                    "children",
                    "--full-id",
                    "-o",
                    &path_of(s, "nowhere/x.csv"),
                ])
            },
            1,
            "无法写入",
        ),
        c(
            "a missing font for the PDF",
            |s| {
                v(&[
                    "worklist",
                    "--format",
                    "pdf",
                    "--font",
                    &path_of(s, "none.ttf"),
                    "-o",
                    &path_of(s, "w.pdf"),
                ])
            },
            1,
            "找不到文件",
        ),
        // The database in trouble.
        c("an empty --db", |_| v(&["--db", "", "due"]), 2, "缺少取值"),
        on_missing("due on a mistyped database", |_| v(&["due"])),
        on_missing("worklist on a mistyped database", |s| {
            v(&["worklist", "-o", &path_of(s, "w.html")])
        }),
        on_missing("report on a mistyped database", |_| v(&["report"])),
        on_missing("export on a mistyped database", |s| {
            v(&["export", "children", "-o", &path_of(s, "e.csv")])
        }),
        on_missing("check on a mistyped database", |_| v(&["check"])),
        on_missing("backup on a mistyped database", |s| {
            v(&["backup", "-o", &path_of(s, "b.db")])
        }),
        Case {
            name: "a text file as the database",
            args: |s| {
                std::fs::write(s.path("junk.db"), vec![b'x'; 4096]).unwrap();
                v(&["due"])
            },
            db: |s| s.path("junk.db"),
            code: 1,
            says: "不是 shouhu 数据库",
        },
        c(
            "a demo into a full registry",
            |_| v(&["demo"]),
            1,
            "已有数据",
        ),
        // Restores that would do harm.
        c(
            "restore a missing file",
            |s| v(&["restore", &path_of(s, "none.db")]),
            1,
            "找不到文件",
        ),
        c(
            "restore a text file",
            |s| v(&["restore", &path_of(s, "old.csv")]),
            1,
            "不是 shouhu",
        ),
        c(
            "restore a damaged backup",
            |s| {
                let copy = s.path("damaged.db");
                std::fs::copy(s.db(), &copy).unwrap();
                let mut bytes = std::fs::read(&copy).unwrap();
                // Scribble over the pages after the first: the header still says SQLite.
                let n = bytes.len();
                for b in &mut bytes[4096..n.min(4096 * 30)] {
                    *b = 0x5a;
                }
                std::fs::write(&copy, bytes).unwrap();
                v(&["restore", &copy.display().to_string()])
            },
            1,
            "损坏",
        ),
        c(
            "restore another program's database",
            |s| {
                let other = s.path("other.db");
                let c = rusqlite::Connection::open(&other).unwrap();
                c.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x');")
                    .unwrap();
                drop(c);
                v(&["restore", &other.display().to_string()])
            },
            1,
            "不是 shouhu",
        ),
        // Sheets that must not go in.
        c(
            "an ID number with a wrong check character",
            |s| {
                let mut id = id_number("990101", "20150301", 11);
                id.replace_range(17.., if id.ends_with('1') { "2" } else { "1" });
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &[&format!("甲一,{id},,,东村,孤儿,,")]),
                ])
            },
            1,
            "校验位",
        ),
        c(
            "a name with a zero-width space",
            |s| {
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &["王\u{200B}九,,男,2015-03-01,东村,孤儿,,"]),
                ])
            },
            1,
            "看不见的字符",
        ),
        c(
            "a name with a right-to-left override",
            |s| {
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &["\u{202E}九王,,男,2015-03-01,东村,孤儿,,"]),
                ])
            },
            1,
            "看不见的字符",
        ),
        c(
            "a name of 51 characters",
            |s| {
                let name = "张".repeat(51);
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &[&format!("{name},,男,2015-03-01,东村,孤儿,,")]),
                ])
            },
            1,
            "太长",
        ),
        c(
            "a birth date in the future",
            |s| {
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &["甲二,,男,2027-03-01,东村,孤儿,,"]),
                ])
            },
            1,
            "晚于今天",
        ),
        c(
            "registered before birth",
            |s| {
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &["甲三,,男,2015-03-01,东村,孤儿,,2014-01-01"]),
                ])
            },
            1,
            "出生",
        ),
        c(
            "an unknown category",
            |s| {
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &["甲四,,男,2015-03-01,东村,外星儿童,,"]),
                ])
            },
            1,
            "外星儿童",
        ),
        c(
            "the same child twice in a sheet",
            |s| {
                v(&[
                    "import",
                    "children",
                    &sheet(
                        s,
                        "a.csv",
                        &[
                            "甲五,,男,2015-03-01,东村,孤儿,,",
                            "甲五,,男,2015-03-01,东村,孤儿,,",
                        ],
                    ),
                ])
            },
            1,
            "第 2 行",
        ),
        c(
            "a registered child with another ID number",
            |s| {
                let (name, _, village, birth) = first_child(s);
                let other = id_number("990101", &birth.replace('-', ""), 77);
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &[&format!("{name},{other},,,{village},孤儿,,")]),
                ])
            },
            1,
            "身份证号不同",
        ),
        c(
            "a sheet without the village column",
            |s| {
                std::fs::write(
                    s.path("a.csv"),
                    "姓名,性别,出生日期,儿童类别\n甲六,男,2015-03-01,孤儿\n",
                )
                .unwrap();
                v(&["import", "children", &path_of(s, "a.csv")])
            },
            1,
            // The row is named, and the way out: a column or --village.
            "--village",
        ),
        c(
            "an empty sheet",
            |s| {
                std::fs::write(s.path("a.csv"), "").unwrap();
                v(&["import", "children", &path_of(s, "a.csv")])
            },
            1,
            "没有数据行",
        ),
        c(
            "a binary file as a sheet",
            |s| {
                std::fs::write(s.path("a.csv"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
                v(&["import", "children", &path_of(s, "a.csv")])
            },
            1,
            "a.csv",
        ),
        c(
            "a broken xlsx",
            |s| {
                std::fs::write(s.path("a.xlsx"), b"PK\x03\x04 this is not a zip at all").unwrap();
                v(&["import", "children", &path_of(s, "a.xlsx")])
            },
            1,
            "a.xlsx",
        ),
        c(
            "a sheet over 64 MB",
            |s| {
                let f = std::fs::File::create(s.path("big.csv")).unwrap();
                f.set_len(65 * 1024 * 1024).unwrap();
                v(&["import", "children", &path_of(s, "big.csv")])
            },
            1,
            "太大",
        ),
        c(
            "a cell of 40,000 characters",
            |s| {
                let long = "长".repeat(40_000);
                v(&[
                    "import",
                    "children",
                    &sheet(s, "a.csv", &[&format!("甲七,,男,2015-03-01,{long},孤儿,,")]),
                ])
            },
            1,
            "32767",
        ),
        c(
            "a visit whose ID and name disagree",
            |s| {
                let (_, id, village, _) = first_child(s);
                v(&[
                    "import",
                    "visits",
                    &visits_sheet(s, &[&format!("{id},别人,{village},2026-11-20,入户")]),
                ])
            },
            1,
            "姓名却是",
        ),
        c(
            "a visit in the future",
            |s| {
                let (name, id, village, _) = first_child(s);
                v(&[
                    "import",
                    "visits",
                    &visits_sheet(s, &[&format!("{id},{name},{village},2026-12-20,入户")]),
                ])
            },
            1,
            "晚于今天",
        ),
        c(
            "a visit of a child not registered",
            |s| {
                let id = id_number("990101", "20150301", 999);
                v(&[
                    "import",
                    "visits",
                    &visits_sheet(s, &[&format!("{id},无此人,东村,2026-11-20,入户")]),
                ])
            },
            1,
            "找不到这名儿童",
        ),
        // Command lines.
        c(
            "a word for --within",
            |_| v(&["due", "--within", "x"]),
            2,
            "--within",
        ),
        c(
            "a week that does not exist",
            |_| v(&["worklist", "--week", "2026-W60"]),
            2,
            "--week",
        ),
        c(
            "an export format that is not one",
            |s| {
                v(&[
                    "export",
                    "children",
                    "--format",
                    "html",
                    "-o",
                    &path_of(s, "x.html"),
                ])
            },
            2,
            "--format",
        ),
        c(
            "an import of pets",
            |s| v(&["import", "pets", &path_of(s, "old.csv")]),
            2,
            "pets",
        ),
    ]
}

#[test]
fn every_bad_input_is_said_plainly_and_writes_nothing() {
    let all = cases();
    assert!(all.len() >= 40, "{} cases", all.len());
    let mut failures = Vec::new();
    for (n, case) in all.iter().enumerate() {
        let s = Scratch::new(&format!("bad-{n}"));
        prepare(&s);
        let args = (case.args)(&s);
        let before = fingerprint(&s);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = shouhu(&(case.db)(&s), TODAY, &refs);
        let after = fingerprint(&s);
        if r.code != case.code || !r.stderr.contains(case.says) {
            failures.push(format!(
                "{}: exit {} (wanted {}), said {:?} (wanted {:?})",
                case.name, r.code, case.code, r.stderr, case.says
            ));
        }
        if before != after {
            let changed: Vec<&String> = after
                .0
                .keys()
                .chain(before.0.keys())
                .filter(|k| before.0.get(*k) != after.0.get(*k))
                .collect();
            failures.push(format!(
                "{}: something was written: {:?} / {} → {}",
                case.name, changed, before.1, after.1
            ));
        }
        assert!(!Path::new(&s.path("typo.db")).exists(), "{}", case.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
