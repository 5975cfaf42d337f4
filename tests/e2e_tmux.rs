//! The real binary in a real terminal (tmux, 80x24): start on a demo township,
//! switch screens, record a visit, quit, start again: the visit is there.

mod common;

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::Scratch;

/// Runs tmux on a server of the session's own (`-L` the session's name), so
/// that tests running side by side never share a server: when one test ends
/// its last session the default server would exit under the others.
fn tmux(args: &[&str]) -> String {
    let out = tmux_command(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tmux_command(args: &[&str]) -> Command {
    let session = args
        .windows(2)
        .find(|w| w[0] == "-t" || w[0] == "-s")
        .map(|w| w[1])
        .expect("every tmux call names its session");
    let mut cmd = Command::new("tmux");
    cmd.args(["-L", session]).args(args);
    cmd
}

/// Waits until the screen shows `needle` (or fails after a few seconds).
fn wait_for(session: &str, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-t", session, "-p"]);
        if screen.contains(needle) {
            return screen;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never saw {needle:?} in\n{screen}"
        );
        sleep(Duration::from_millis(100));
    }
}

fn start(session: &str, cmd: &str) {
    let _ = tmux(&["kill-session", "-t", session]);
    let ok = tmux_command(&[
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "80",
        "-y",
        "24",
        cmd,
    ])
    .status()
    .unwrap()
    .success();
    assert!(ok);
}

#[test]
fn demo_switch_record_a_visit_quit_and_find_it_again() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "tmux is required under CI (.ci/run installs it)"
        );
        eprintln!("tmux is not installed: the end-to-end run is skipped");
        return;
    }
    let s = Scratch::new("tmux");
    let db = s.db();
    let bin = env!("CARGO_BIN_EXE_shouhu");
    let session = format!("shouhu-e2e-{}", std::process::id());
    let cmd = format!(
        "{bin} --demo --db {} --today 2026-11-23; sleep 5",
        db.display()
    );
    start(&session, &cmd);
    let screen = wait_for(&session, "今日");
    assert!(screen.contains("待走访"), "{screen}");
    // The child at the top of the triage.
    let first = screen
        .lines()
        .nth(3)
        .unwrap()
        .trim_start_matches('│')
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    tmux(&["send-keys", "-t", &session, "2"]);
    wait_for(&session, "档案");
    tmux(&["send-keys", "-t", &session, "3"]);
    wait_for(&session, "最近走访");
    tmux(&["send-keys", "-t", &session, "1"]);
    wait_for(&session, "待走访");
    tmux(&["send-keys", "-t", &session, "v"]);
    wait_for(&session, "走访记录 ·");
    tmux(&["send-keys", "-t", &session, "C-s"]);
    // Nothing was written on this home visit: Enter saves it as 情况正常.
    wait_for(&session, "情况正常");
    tmux(&["send-keys", "-t", &session, "Enter"]);
    let screen = wait_for(&session, "走访已保存");
    assert!(screen.contains(&first), "{screen}");
    tmux(&["send-keys", "-t", &session, "q"]);
    sleep(Duration::from_millis(500));
    let _ = tmux(&["kill-session", "-t", &session]);

    // Start again on the same file, without --demo: the visit is there.
    let cmd = format!("{bin} --db {} --today 2026-11-23; sleep 5", db.display());
    start(&session, &cmd);
    wait_for(&session, "今日");
    tmux(&["send-keys", "-t", &session, "3"]);
    let screen = wait_for(&session, "最近走访");
    let line = screen
        .lines()
        .find(|l| l.contains(&first))
        .unwrap_or_else(|| panic!("{first} not in\n{screen}"));
    assert!(
        line.contains("2026-11-23") && line.contains("入户"),
        "{line}"
    );
    // The screen made the day's copy (by the real clock) in backups/, in the background.
    let day = chrono::Local::now().date_naive();
    let copy = s.path("backups").join(format!("shouhu-{day}.db"));
    let started = Instant::now();
    while !copy.exists() && started.elapsed() < Duration::from_secs(10) {
        sleep(Duration::from_millis(100));
    }
    assert!(copy.exists(), "no daily copy at {}", copy.display());
    tmux(&["send-keys", "-t", &session, "q"]);
    sleep(Duration::from_millis(300));
    let _ = tmux(&["kill-session", "-t", &session]);
}

#[test]
fn killing_the_program_mid_form_loses_nothing_typed() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "tmux is required under CI (.ci/run installs it)"
        );
        return;
    }
    let s = Scratch::new("tmux-kill");
    let db = s.db();
    let bin = env!("CARGO_BIN_EXE_shouhu");
    let session = format!("shouhu-kill-{}", std::process::id());
    let cmd = format!(
        "{bin} --demo --db {} --today 2026-11-23 --lang en; sleep 5",
        db.display()
    );
    start(&session, &cmd);
    wait_for(&session, "Today");
    tmux(&["send-keys", "-t", &session, "n"]);
    wait_for(&session, "New child");
    // Typed, not pasted: the name, then Enter on its own, then the number.
    tmux(&["send-keys", "-t", &session, "Zhou Yi"]);
    sleep(Duration::from_millis(100));
    tmux(&["send-keys", "-t", &session, "Enter"]);
    sleep(Duration::from_millis(100));
    tmux(&["send-keys", "-t", &session, "5113042013122481"]);
    wait_for(&session, "16/18");
    // Power cut: the process dies with the terminal.
    let _ = tmux(&["kill-session", "-t", &session]);
    sleep(Duration::from_millis(300));
    let cmd = format!(
        "{bin} --db {} --today 2026-11-23 --lang en; sleep 5",
        db.display()
    );
    start(&session, &cmd);
    wait_for(&session, "unsaved draft");
    tmux(&["send-keys", "-t", &session, "y"]);
    let screen = wait_for(&session, "draft restored");
    assert!(
        screen.contains("Zhou Yi") && screen.contains("5113042013122481"),
        "{screen}"
    );
    tmux(&["send-keys", "-t", &session, "81", "C-s"]);
    let screen = wait_for(&session, "village: required");
    assert!(
        screen.contains("categories"),
        "categories are still missing too: {screen}"
    );
    let _ = tmux(&["kill-session", "-t", &session]);
}

/// SIGKILL in the middle of typing a returned worklist: every visit the
/// screen said was saved is there, and the half-typed form comes back.
#[test]
fn sigkill_during_batch_entry_keeps_every_saved_visit_and_the_draft() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "tmux is required under CI (.ci/run installs it)"
        );
        return;
    }
    let s = Scratch::new("tmux-batch-kill");
    let db = s.db();
    let today = "2026-11-23";
    common::shouhu_ok(&db, today, &["demo", "--children", "80"]);
    let html = s.path("w.html");
    common::shouhu_ok(&db, today, &["worklist", "-o", html.to_str().unwrap()]);
    let visits_today = || -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row(
            "SELECT count(*) FROM visits WHERE date = '2026-11-23' AND kind = 'home'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let before = visits_today();
    let bin = env!("CARGO_BIN_EXE_shouhu");
    let session = format!("shouhu-batch-kill-{}", std::process::id());
    start(
        &session,
        &format!("exec {bin} --db {} --today {today}", db.display()),
    );
    wait_for(&session, "今日");
    tmux(&["send-keys", "-t", &session, "3"]);
    wait_for(&session, "最近走访");
    tmux(&["send-keys", "-t", &session, "b"]);
    wait_for(&session, "2026-W48");
    tmux(&["send-keys", "-t", &session, "Enter"]);
    wait_for(&session, "第 1/");
    // A seeded number of visits, each saved with F2 and confirmed on screen.
    let saves = 2 + (std::process::id() as usize % 3);
    for n in 1..=saves {
        tmux(&["send-keys", "-t", &session, "Enter"]);
        wait_for(&session, "走访记录 ·");
        tmux(&["send-keys", "-t", &session, "F2"]);
        wait_for(&session, "情况正常");
        tmux(&["send-keys", "-t", &session, "Enter"]);
        wait_for(&session, &format!("第 {}/", n + 1));
    }
    // The next form, half typed; then the power goes.
    tmux(&["send-keys", "-t", &session, "Enter"]);
    wait_for(&session, "走访记录 ·");
    tmux(&[
        "send-keys",
        "-t",
        &session,
        "Down",
        "Down",
        "Down",
        "Down",
        "Down",
    ]);
    tmux(&["send-keys", "-t", &session, "-l", "门口遇见"]);
    sleep(Duration::from_millis(600));
    let pid = tmux(&["display-message", "-p", "-t", &session, "#{pane_pid}"]);
    let killed = Command::new("kill")
        .args(["-9", pid.trim()])
        .status()
        .unwrap();
    assert!(killed.success());
    sleep(Duration::from_millis(300));
    let _ = tmux(&["kill-session", "-t", &session]);
    assert_eq!(
        visits_today(),
        before + saves as i64,
        "every saved visit is there"
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(c);
    // Started again: the half-typed form is offered back.
    start(
        &session,
        &format!("exec {bin} --db {} --today {today}", db.display()),
    );
    wait_for(&session, "未保存的草稿");
    tmux(&["send-keys", "-t", &session, "y"]);
    let screen = wait_for(&session, "草稿已恢复");
    assert!(screen.contains("门口遇见"), "{screen}");
    let _ = tmux(&["kill-session", "-t", &session]);
}

/// A paste that arrives as keys (one write of text and Enter) stays text in
/// the field: the form neither moves on nor saves.
#[test]
fn a_paste_sent_as_keys_stays_in_the_field() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "tmux is required under CI (.ci/run installs it)"
        );
        return;
    }
    let s = Scratch::new("tmux-burst");
    let bin = env!("CARGO_BIN_EXE_shouhu");
    let session = format!("shouhu-burst-{}", std::process::id());
    start(
        &session,
        &format!(
            "exec {bin} --demo --db {} --today 2026-11-23",
            s.db().display()
        ),
    );
    wait_for(&session, "今日");
    tmux(&["send-keys", "-t", &session, "n"]);
    wait_for(&session, "摸底排查表");
    tmux(&[
        "send-keys",
        "-t",
        &session,
        "王一二三",
        "Enter",
        "小雨",
        "Enter",
    ]);
    let screen = wait_for(&session, "王一二三 小雨");
    assert!(
        screen.contains("第 1 项"),
        "still on the first field: {screen}"
    );
    let _ = tmux(&["kill-session", "-t", &session]);
}

#[test]
fn screen_4_pairs_a_priority_child_in_two_keys_and_records_a_helpers_visit() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var("CI").is_err(), "tmux is required under CI");
        return;
    }
    let s = Scratch::new("tmux-pairing");
    let db = s.db();
    let bin = env!("CARGO_BIN_EXE_shouhu");
    let session = format!("shouhu-e2e-pairing-{}", std::process::id());
    let cmd = format!(
        "{bin} --demo --db {} --today 2026-11-23; sleep 5",
        db.display()
    );
    start(&session, &cmd);
    wait_for(&session, "待走访");
    tmux(&["send-keys", "-t", &session, "4"]);
    let screen = wait_for(&session, "结对检查");
    // The first row: a priority child without a family.
    let row = screen
        .lines()
        .nth(3)
        .unwrap()
        .trim_start_matches('│')
        .to_string();
    assert!(row.starts_with("无爱心家庭"), "{screen}");
    let name = row.split_whitespace().nth(1).unwrap().to_string();
    tmux(&["send-keys", "-t", &session, "p"]);
    wait_for(&session, "选择帮扶人");
    tmux(&["send-keys", "-t", &session, "Enter"]);
    let screen = wait_for(&session, "已结对");
    assert!(screen.contains(&name), "{screen}");
    // The pairing is written at once: a kill now loses nothing.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let paired: i64 = conn
        .query_row(
            "SELECT count(*) FROM pairings p JOIN children c ON c.id = p.child_id
              WHERE c.name = ?1 AND p.start = '2026-11-23'",
            [&name],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(paired, 1);
    // A helper's visit to a child behind on visits: f, 走访不足, a, F2.
    tmux(&["send-keys", "-t", &session, "f"]);
    wait_for(&session, "按检查项筛选");
    tmux(&["send-keys", "-t", &session, "-l", "走访不足"]);
    tmux(&["send-keys", "-t", &session, "Enter"]);
    wait_for(&session, "· 走访不足");
    let before: i64 = conn
        .query_row("SELECT count(*) FROM helper_activities", [], |r| r.get(0))
        .unwrap();
    tmux(&["send-keys", "-t", &session, "a"]);
    wait_for(&session, "帮扶记录 ·");
    tmux(&["send-keys", "-t", &session, "F2"]);
    wait_for(&session, "已记录");
    let after: i64 = conn
        .query_row("SELECT count(*) FROM helper_activities", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, before + 1);
    let _ = tmux(&["kill-session", "-t", &session]);
}

#[test]
fn a_mandatory_report_is_red_on_every_screen_until_it_is_sent() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var("CI").is_err(), "tmux is required under CI");
        return;
    }
    let s = Scratch::new("tmux-report");
    let db = s.db();
    let bin = env!("CARGO_BIN_EXE_shouhu");
    // A township with nothing unsent: the demo's own reports closed.
    let out = Command::new(bin)
        .args([
            "--db",
            db.to_str().unwrap(),
            "--today",
            "2026-11-23",
            "demo",
            "--children",
            "60",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE referrals SET state = 'closed', outcome = '已办结'",
        [],
    )
    .unwrap();
    let session = format!("shouhu-e2e-report-{}", std::process::id());
    let cmd = format!("{bin} --db {} --today 2026-11-23; sleep 5", db.display());
    start(&session, &cmd);
    wait_for(&session, "待走访");
    // ! on the first child, situation 1, F2.
    tmux(&["send-keys", "-t", &session, "!"]);
    wait_for(&session, "强制报告 ·");
    tmux(&["send-keys", "-t", &session, "1"]);
    tmux(&["send-keys", "-t", &session, "F2"]);
    wait_for(&session, "已保存第");
    for screen in ["2", "3", "4", "6", "1"] {
        tmux(&["send-keys", "-t", &session, screen]);
        sleep(Duration::from_millis(200));
        let text = wait_for(&session, "强制报告未发送");
        assert!(text.lines().last().is_some(), "{text}");
    }
    tmux(&["send-keys", "-t", &session, "5"]);
    wait_for(&session, "未发送");
    tmux(&["send-keys", "-t", &session, "m"]);
    wait_for(&session, "→ ?");
    tmux(&["send-keys", "-t", &session, "Enter"]);
    wait_for(&session, "说明");
    tmux(&["send-keys", "-t", &session, "F2"]);
    wait_for(&session, "→ 已发送");
    // The frame may be caught half written: the red line must be gone within
    // a moment of the status line saying so.
    let started = Instant::now();
    let mut screen = tmux(&["capture-pane", "-t", &session, "-p"]);
    while screen.contains("强制报告未发送") && started.elapsed() < Duration::from_secs(5) {
        sleep(Duration::from_millis(100));
        screen = tmux(&["capture-pane", "-t", &session, "-p"]);
    }
    assert!(!screen.contains("强制报告未发送"), "{screen}");
    let sent: i64 = conn
        .query_row(
            "SELECT count(*) FROM referrals WHERE state = 'sent' AND sent_on = '2026-11-23'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sent, 1);
    let _ = tmux(&["kill-session", "-t", &session]);
}

#[test]
fn the_county_file_opens_read_only_with_its_townships_and_filters_one() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var("CI").is_err(), "tmux is required under CI");
        return;
    }
    let s = Scratch::new("tmux-county");
    let today = "2026-11-23";
    let mut files = Vec::new();
    for (n, town) in ["清溪镇", "白沙镇"].iter().enumerate() {
        let db = s.path(&format!("t{n}.db"));
        common::shouhu_ok(
            &db,
            today,
            &["demo", "--children", "40", "--seed", &n.to_string()],
        );
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute(
                "UPDATE settings SET value = ?1 WHERE key = 'township'",
                [town],
            )
            .unwrap();
        let file = s.path(&format!("t{n}.sync"));
        common::shouhu_ok(
            &db,
            today,
            &["sync", "export", "-o", file.to_str().unwrap()],
        );
        files.push(file.display().to_string());
    }
    let county = s.path("county.db");
    let mut args = vec!["county", "merge"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", county.to_str().unwrap()]);
    common::shouhu_ok(&s.path("unused.db"), today, &args);
    let bin = env!("CARGO_BIN_EXE_shouhu");
    let session = format!("shouhu-county-{}", std::process::id());
    let cmd = format!("{bin} --db {} --today {today}; sleep 5", county.display());
    start(&session, &cmd);
    // No welcome form: straight to 今日, marked, with the township column.
    let screen = wait_for(&session, "县级汇总·只读");
    assert!(screen.contains("乡镇"), "{screen}");
    tmux(&["send-keys", "-t", &session, "2"]);
    wait_for(&session, "儿童 80/80");
    // f: the village filter; the first township whole (白沙镇 in pinyin order).
    tmux(&["send-keys", "-t", &session, "f"]);
    wait_for(&session, "白沙镇（全乡镇）");
    tmux(&["send-keys", "-t", &session, "Down"]);
    tmux(&["send-keys", "-t", &session, "Enter"]);
    wait_for(&session, "儿童 40/80");
    // The list drawn whole once the pop-up is gone: no 清溪镇 child in it.
    let start = Instant::now();
    let screen = loop {
        let screen = tmux(&["capture-pane", "-t", &session, "-p"]);
        if !screen.contains("（全乡镇）") || start.elapsed() > Duration::from_secs(5) {
            break screen;
        }
        sleep(Duration::from_millis(100));
    };
    assert!(!screen.contains("清溪镇"), "{screen}");
    tmux(&["send-keys", "-t", &session, "q"]);
    sleep(Duration::from_millis(300));
    let _ = tmux(&["kill-session", "-t", &session]);
}
