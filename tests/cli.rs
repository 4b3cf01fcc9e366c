//! The command-line contract of `../shared/spec/cli.md`, end to end:
//! formats, exit codes, inputs (files, folders, standard input, CRLF, BOM)
//! and the one-line reasons for runs that cannot be done.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn newslint(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newslint"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("NO_COLOR");
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("newslint runs");
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("newslint finishes");
    writer.join().unwrap();
    out
}

fn json(out: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .expect("stdout is one JSON value")
        .as_array()
        .expect("a JSON array")
        .clone()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const STORY: &str =
    "Coalition troops guard the base.\nThe troups stayed at the the airport —- officials said.\n";

#[test]
fn json_findings_follow_the_contract() {
    let out = newslint(&["check", "--format", "json"], Some(STORY.as_bytes()), None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found = json(&out);
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        [
            "spelling.unknown-word",
            "typography.repeated-word",
            "typography.dash-hyphen"
        ]
    );
    for f in &found {
        assert_eq!(f["path"], "-");
        let (s, e) = (
            f["byte_start"].as_u64().unwrap() as usize,
            f["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(f["text"].as_str().unwrap(), &STORY[s..e]);
        for key in [
            "message",
            "severity",
            "line",
            "column",
            "end_line",
            "end_column",
            "suggestions",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    let troups = &found[0];
    assert_eq!(
        (troups["line"].as_u64(), troups["column"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(troups["suggestions"][0], "troops");
    assert_eq!(troups["severity"], "error");
}

#[test]
fn compact_is_one_line_per_finding() {
    let out = newslint(
        &["check", "--format", "compact", "-"],
        Some(STORY.as_bytes()),
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        "-:2:5: error[spelling.unknown-word] `troups` is not a word: did you mean `troops`? -> troops, groups, troupe, trips, drops"
    );
}

#[test]
fn human_report_draws_snippets_and_a_summary() {
    let out = newslint(&["check", "--color", "never"], Some(STORY.as_bytes()), None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[spelling.unknown-word]: `troups` is not a word"),
        "{text}"
    );
    assert!(text.contains("--> -:2:5"), "{text}");
    assert!(text.contains("help: did you mean `troops`?"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not asked: {text}");
    assert!(
        text.trim_end()
            .ends_with("newslint: 3 errors, 0 warnings, 0 infos in 1 file"),
        "{text}"
    );
}

#[test]
fn clean_copy_exits_zero_and_names_are_only_info() {
    let story = "Officials in Kharkiv said Vrbanjacki visited the site on Tuesday.\n";
    let out = newslint(&["check", "--format", "json"], Some(story.as_bytes()), None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let found = json(&out);
    assert!(found.iter().all(|f| f["severity"] == "info"), "{found:?}");
    assert!(found
        .iter()
        .any(|f| f["rule"] == "names.unknown" && f["text"] == "Vrbanjacki"));
}

#[test]
fn crlf_and_bom_keep_byte_offsets_true_to_the_file() {
    let story = "\u{feff}The troups left.\r\nThey came back.\r\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    std::fs::write(&path, story).unwrap();
    let out = newslint(
        &["check", "--format", "json", path.to_str().unwrap()],
        None,
        None,
    );
    let found = json(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f["byte_start"].as_u64(), Some(7));
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(1), Some(5))
    );
    assert_eq!(f["text"], "troups");
}

#[test]
fn folders_are_walked_for_stories_in_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("b.md"), "The troups left.\n").unwrap();
    std::fs::write(dir.path().join("sub/a.txt"), "The goverment fell.\n").unwrap();
    std::fs::write(dir.path().join("notes.csv"), "teh,teh\n").unwrap();
    let out = newslint(
        &["check", "--format", "json", dir.path().to_str().unwrap()],
        None,
        None,
    );
    let found = json(&out);
    let paths: Vec<String> = found
        .iter()
        .map(|f| {
            Path::new(f["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(paths, ["b.md", "a.txt"]);
}

#[test]
fn a_missing_file_is_exit_2_with_one_line_and_latin1_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let out = newslint(&["check", missing.to_str().unwrap()], None, None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("nope.txt") && err.contains("No such file"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    // A story that is not UTF-8 is read as Windows-1252, with a notice.
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 au lait\n").unwrap();
    let out = newslint(&["check", latin1.to_str().unwrap()], None, None);
    assert_ne!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("not UTF-8") && err.contains("offset 3") && err.contains("Windows-1252"),
        "{err}"
    );
}

#[test]
fn bad_arguments_are_exit_2() {
    let out = newslint(&["check", "--dialect", "fr-FR"], Some(b""), None);
    assert_eq!(out.status.code(), Some(2));
    let out = newslint(&["check", "--format", "xml"], Some(b""), None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dialect_selects_the_dictionary() {
    let story = "The colour of the defence.\n";
    let us = newslint(
        &["check", "--format", "json", "--dialect", "en-US"],
        Some(story.as_bytes()),
        None,
    );
    let gb = newslint(
        &["check", "--format", "json", "--dialect", "en-GB"],
        Some(story.as_bytes()),
        None,
    );
    let words = |o: &Output| {
        json(o)
            .iter()
            .map(|f| f["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(words(&us), ["colour", "defence"]);
    assert!(words(&gb).is_empty(), "{:?}", words(&gb));
}

#[test]
fn newsroom_words_from_flag_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let story = "The qaanish unit and the defence ministry.\n";
    std::fs::write(dir.path().join("story.txt"), story).unwrap();
    std::fs::write(dir.path().join("desk.txt"), "# desk words\nqaanish\n").unwrap();
    let path = dir.path().join("story.txt");
    let path = path.to_str().unwrap();

    let plain = newslint(&["check", "--format", "json", path], None, None);
    assert_eq!(json(&plain).len(), 2, "{:?}", json(&plain));

    let with_flag = newslint(
        &["check", "--format", "json", "--words", "desk.txt", path],
        None,
        Some(dir.path()),
    );
    assert_eq!(json(&with_flag).len(), 1);

    std::fs::write(
        dir.path().join("newslint.toml"),
        "dialect = \"en-GB\"\nwords = [\"desk.txt\"]\n",
    )
    .unwrap();
    let with_config = newslint(&["check", "--format", "json", path], None, None);
    assert_eq!(
        with_config.status.code(),
        Some(0),
        "{:?}",
        json(&with_config)
    );

    std::fs::write(
        dir.path().join("newslint.toml"),
        "dialect = \"en-GB\"\nwordz = []\n",
    )
    .unwrap();
    let broken = newslint(&["check", path], None, None);
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        stderr(&broken).contains("newslint.toml:2"),
        "{}",
        stderr(&broken)
    );
}

#[test]
fn rules_lists_every_rule_and_rule_prints_its_doc() {
    let out = newslint(&["rules"], None, None);
    let text = String::from_utf8(out.stdout).unwrap();
    for id in [
        "spelling.unknown-word",
        "names.unknown",
        "names.inconsistent",
        "typography.dash-hyphen",
        "typography.repeated-word",
    ] {
        assert!(text.contains(id), "{id} missing from {text}");
    }
    let out = newslint(&["rule", "spelling.unknown-word"], None, None);
    assert!(String::from_utf8(out.stdout).unwrap().contains("troups"));
    let out = newslint(&["rule", "no.such-rule"], None, None);
    assert_eq!(out.status.code(), Some(2));
}
