//! `newslint check --fix` never loses a word: a save that lands while the
//! fix is written, links, owners, read-only files, signals, odd file names
//! and odd inputs (issue #12, items 1 to 10), run on the real binary.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A known misspelling with one correction: a safe fix.
const SLIP: &str = "The goverment left Kyiv.\n";
const FIXED: &str = "The government left Kyiv.\n";
/// A safe fix and an error that stays (a slip with several candidates is
/// never fixed unattended).
const MIXED: &str = "The goverment said troups stay.\n";
const MIXED_FIXED: &str = "The government said troups stay.\n";

fn newslint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newslint"));
    c.env_remove("NEWSLINT_TEST_PAUSE_BEFORE_WRITE_MS");
    c
}

fn run(args: &[&str], dir: &Path) -> Output {
    newslint().args(args).current_dir(dir).output().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Names in `dir` other than `keep`: temporary files left behind.
fn leftovers(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

/// Starts `--fix` with the test pause before the final write, waits until
/// it is inside the pause, runs `meanwhile`, and returns the output.
fn fix_with_a_save_in_between(dir: &Path, story: &Path, meanwhile: impl FnOnce()) -> Output {
    let child = newslint()
        .args(["check", "--fix"])
        .arg(story)
        .env("NEWSLINT_TEST_PAUSE_BEFORE_WRITE_MS", "1500")
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The temporary file appears when newslint has checked the original
    // and is about to swap: that is the window.
    let start = Instant::now();
    while leftovers(dir, &[story.file_name().unwrap().to_str().unwrap()]).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    meanwhile();
    child.wait_with_output().unwrap()
}

#[test]
fn item_1_an_append_during_the_write_is_kept_and_the_run_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(dir.path(), "s.txt", SLIP);
    let out = fix_with_a_save_in_between(dir.path(), &story, || {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&story)
            .unwrap();
        f.write_all(b"EDITOR SAVED THIS LINE\n").unwrap();
    });
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("changed on disk"), "{}", stderr(&out));
    assert_eq!(read(&story), format!("{SLIP}EDITOR SAVED THIS LINE\n"));
    assert_eq!(leftovers(dir.path(), &["s.txt"]), Vec::<String>::new());
}

#[test]
fn item_1_a_save_by_rename_during_the_write_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(dir.path(), "s.txt", SLIP);
    let out = fix_with_a_save_in_between(dir.path(), &story, || {
        let saved = write(dir.path(), "editor-copy", "The editor's own version.\n");
        std::fs::rename(saved, &story).unwrap();
    });
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(read(&story), "The editor's own version.\n");
    assert_eq!(leftovers(dir.path(), &["s.txt"]), Vec::<String>::new());
}

#[test]
fn item_2_a_symbolic_link_fixes_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = write(dir.path(), "real.txt", SLIP);
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
    let out = run(&["check", "--fix", "link.txt"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(&target), FIXED);
    let link = std::fs::symlink_metadata(dir.path().join("link.txt")).unwrap();
    assert!(link.file_type().is_symlink());
}

#[test]
fn item_3_owner_group_mode_and_hard_links_are_kept_and_read_only_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(dir.path(), "s.txt", SLIP);
    std::fs::set_permissions(&story, std::fs::Permissions::from_mode(0o660)).unwrap();
    let root = rustix_is_root();
    if root {
        std::os::unix::fs::chown(&story, Some(1234), Some(2000)).unwrap();
    }
    let before = std::fs::metadata(&story).unwrap();
    let out = run(&["check", "--fix", "s.txt"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::metadata(&story).unwrap();
    assert_eq!(read(&story), FIXED);
    assert_eq!(
        (after.uid(), after.gid(), after.mode() & 0o7777),
        (before.uid(), before.gid(), 0o660)
    );

    let a = write(dir.path(), "a.txt", SLIP);
    std::fs::hard_link(&a, dir.path().join("b.txt")).unwrap();
    let out = run(&["check", "--fix", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(&dir.path().join("b.txt")), FIXED);
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);

    let ro = write(dir.path(), "ro.txt", SLIP);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(&["check", "--fix", "ro.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(read(&ro), SLIP);
}

fn rustix_is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

#[test]
fn item_3_the_temporary_file_is_never_more_open_than_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(dir.path(), "s.txt", SLIP);
    std::fs::set_permissions(&story, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut modes = Vec::new();
    let out = fix_with_a_save_in_between(dir.path(), &story, || {
        for name in leftovers(dir.path(), &["s.txt"]) {
            modes.push(std::fs::metadata(dir.path().join(name)).unwrap().mode() & 0o777);
        }
    });
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(modes, [0o600]);
}

#[test]
fn item_4_a_vale_substitution_matching_nothing_is_never_applied() {
    let dir = tempfile::tempdir().unwrap();
    let styles = dir.path().join("styles/Desk");
    std::fs::create_dir_all(&styles).unwrap();
    std::fs::write(
        styles.join("Q.yml"),
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nnonword: true\nswap:\n  'q*': Q\n",
    )
    .unwrap();
    let story = write(dir.path(), "s.txt", "The cat sat on the mat.\n");
    let out = run(&["check", "--fix", "--vale", "styles", "s.txt"], dir.path());
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    assert_eq!(read(&story), "The cat sat on the mat.\n");
}

#[test]
fn item_5_stdin_with_an_error_left_exits_1() {
    let mut child = newslint()
        .args(["check", "--fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(MIXED.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text, MIXED_FIXED);
    assert!(stderr(&out).contains("troups"), "{}", stderr(&out));
}

#[test]
fn item_5_nothing_is_written_when_the_run_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let ok = write(dir.path(), "a.txt", SLIP);
    let ro = write(dir.path(), "b.txt", SLIP);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(&["check", "--fix", "a.txt", "b.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(read(&ok), SLIP, "a.txt must not be written on exit 2");
}

#[test]
fn item_5_a_file_named_twice_is_fixed_once_and_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(dir.path(), "a.txt", SLIP);
    let out = run(&["check", "--fix", "a.txt", "a.txt", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(&story), FIXED);
    assert!(
        stderr(&out).contains("1 fix applied in 1 file"),
        "{}",
        stderr(&out)
    );
    let out = run(&["check", "--fix", "a.txt"], dir.path());
    assert!(
        stderr(&out).contains("0 fixes applied in 0 files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn item_5_an_error_left_in_a_file_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(dir.path(), "a.txt", MIXED);
    let out = run(&["check", "--fix", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(read(&story), MIXED_FIXED);
}

#[test]
fn item_6_a_long_name_is_fixed_and_an_interrupt_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.txt", "s".repeat(240));
    let story = write(dir.path(), &name, SLIP);
    let out = run(&["check", "--fix", &name], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(&story), FIXED);

    let story = write(dir.path(), "s.txt", SLIP);
    let mut pid = 0;
    let child = newslint()
        .args(["check", "--fix", "s.txt"])
        .env("NEWSLINT_TEST_PAUSE_BEFORE_WRITE_MS", "3000")
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while leftovers(dir.path(), &["s.txt", &name]).is_empty() {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(10));
    }
    pid = pid.max(child.id());
    Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(read(&story), SLIP);
    assert_eq!(
        leftovers(dir.path(), &["s.txt", &name]),
        Vec::<String>::new()
    );
}

#[test]
fn item_7_a_closed_stderr_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "s.txt", MIXED);
    let bin = env!("CARGO_BIN_EXE_newslint");
    for args in ["check --fix s.txt", "check no-such-file.txt", "check s.txt"] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' {args} >/dev/null 2>&-"))
            .current_dir(dir.path())
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(matches!(code, Some(0..=2)), "{args}: exit {code:?}");
    }
}

#[test]
fn item_8_a_fifo_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "s.txt", SLIP);
    let fifo = dir.path().join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let cases: [&[&str]; 5] = [
        &["check", "--words", "fifo", "s.txt"],
        &["check", "--model", "fifo", "s.txt"],
        &["check", "--config", "fifo", "s.txt"],
        &["check", "fifo"],
        &["check", "--words", "/dev/zero", "s.txt"],
    ];
    for args in cases {
        let start = Instant::now();
        let mut child = newslint()
            .args(args)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                child.kill().unwrap();
                panic!("{args:?} hangs");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = child.wait_with_output().unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(
            stderr(&out).lines().count(),
            1,
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn item_9_a_word_file_with_a_bom_keeps_its_first_word() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "words.txt", "\u{feff}Zbigniewskiq\n");
    write(dir.path(), "s.txt", "Officials met Zbigniewskiq.\n");
    let without = run(&["check", "--format", "json", "s.txt"], dir.path());
    assert!(String::from_utf8_lossy(&without.stdout).contains("Zbigniewskiq"));
    let out = run(
        &["check", "--format", "json", "--words", "words.txt", "s.txt"],
        dir.path(),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[test]
fn item_10_control_characters_in_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "red\u{1b}[31m\nname.txt";
    write(dir.path(), name, SLIP);
    for format in ["human", "compact"] {
        let out = run(
            &["check", "--format", format, "--color", "never", "."],
            dir.path(),
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains('\u{1b}'), "{format}: {text}");
        assert!(
            text.contains("red\\u{1b}[31m\\nname.txt"),
            "{format}: {text}"
        );
    }
    let out = run(&["check", "no\u{1b}such.txt"], dir.path());
    assert!(!stderr(&out).contains('\u{1b}'), "{}", stderr(&out));
}
