//! Vale rules end to end: every rule type and common key on a story
//! (`tests/fixtures/vale`), a `.vale.ini` setup found above the story
//! (`tests/fixtures/vale-ini`), rules that cannot be loaded (reported once,
//! the rest running; fatal only with `--vale-strict`), safe fixes, and
//! `newslint rules`/`rule` listing the loaded rules.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newslint(args: &[&str], stdin: Option<&str>, dir: Option<&Path>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newslint"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("newslint runs");
    let input = stdin.unwrap_or_default().to_string();
    let mut pipe = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("newslint finishes");
    writer.join().unwrap();
    out
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// (rule, line, column, flagged text, severity) of every `vale.*` finding.
fn vale_findings(out: &Output) -> Vec<(String, u64, u64, String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    });
    v.as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("vale."))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["text"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_rule_type_and_key_runs_on_a_story() {
    let root = fixtures().join("vale");
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--vale",
            root.to_str().unwrap(),
            root.join("story.md").to_str().unwrap(),
        ],
        None,
        None,
    );
    let got: Vec<(String, u64, u64, String)> = vale_findings(&out)
        .into_iter()
        .map(|(r, l, c, t, _)| (r, l, c, t))
        .collect();
    let want = [
        // A story-wide alert stands at the story's first prose, after the `# `.
        ("vale.Desk.Length", 1, 3, "T"),
        ("vale.Desk.Headings", 1, 3, "Troops Leave The City"),
        ("vale.Desk.Hedges", 3, 13, "arguably"),
        ("vale.Desk.Terms", 3, 54, "cease-fire"),
        ("vale.Desk.Terms", 3, 68, "Kiev"),
        ("vale.Desk.Repeats", 4, 4, "said said"),
        ("vale.Desk.Commas", 4, 16, ","),
        ("vale.Desk.Spelling", 5, 10, "advisor"),
        ("vale.Desk.Percent", 9, 14, " "),
        ("vale.Desk.Terms", 9, 24, "war-torn"),
        ("vale.Desk.Acronyms", 9, 78, "UNHCR"),
        ("vale.Desk.Terms", 10, 60, "40 pc"),
        ("vale.Desk.Fewer", 10, 82, "less troops"),
        ("vale.Desk.Speller", 10, 134, "goverment"),
    ];
    let want: Vec<(String, u64, u64, String)> = want
        .iter()
        .map(|(r, l, c, t)| (r.to_string(), *l, *c, t.to_string()))
        .collect();
    assert_eq!(got, want, "{}", stderr(&out));
    // The script rule is skipped with one notice; nothing else is said.
    let err = stderr(&out);
    assert_eq!(err.matches("Sidebar.yml").count(), 1, "{err}");
    assert!(err.contains("skipped"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn messages_suggestions_and_safe_fixes() {
    let root = fixtures().join("vale");
    let vale = root.to_str().unwrap();
    let out = newslint(
        &["check", "--format", "json", "--vale", vale, "-"],
        Some("The cease-fire held in the war-torn city, at 12 pc.\n"),
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let terms: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "vale.Desk.Terms")
        .collect();
    assert_eq!(terms.len(), 3);
    assert_eq!(
        terms[0]["message"],
        "Use 'ceasefire' instead of 'cease-fire'."
    );
    assert_eq!(
        terms[1]["suggestions"],
        serde_json::json!(["war-hit", "conflict-hit"])
    );
    assert_eq!(terms[2]["suggestions"], serde_json::json!(["12%"]));
    // One replacement is a safe fix; two are a choice for a person.
    let out = newslint(
        &["check", "--fix", "--vale", vale, "-"],
        Some("The cease-fire held in the war-torn city, at 12 pc.\n"),
        None,
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "The ceasefire held in the war-torn city, at 12%.\n"
    );
}

#[test]
fn a_vale_ini_above_the_story_says_what_runs() {
    let news = fixtures().join("vale-ini/news");
    let md = newslint(
        &["check", "--format", "json", "story.md"],
        None,
        Some(&news),
    );
    let got: Vec<(String, u64, u64, String, String)> = vale_findings(&md);
    let want = [
        ("vale.Desk.Terms", 1, 20, "cease-fire", "warning"),
        ("vale.Vale.Avoid", 1, 59, "war-torn", "error"),
        ("vale.Vale.Terms", 2, 5, "Javascript", "error"),
        ("vale.Vale.Terms", 2, 26, "kyiv", "error"),
    ];
    let want: Vec<(String, u64, u64, String, String)> = want
        .iter()
        .map(|(r, l, c, t, s)| (r.to_string(), *l, *c, t.to_string(), s.to_string()))
        .collect();
    assert_eq!(got, want, "{}", stderr(&md));
    // `[*.txt]` runs Desk alone, Hedges included, at the rules' own levels.
    let txt = newslint(
        &["check", "--format", "json", "story.txt"],
        None,
        Some(&news),
    );
    let rules: Vec<(String, String)> = vale_findings(&txt)
        .into_iter()
        .map(|(r, _, _, _, s)| (r, s))
        .collect();
    assert_eq!(
        rules,
        [
            ("vale.Desk.Terms".to_string(), "error".to_string()),
            ("vale.Desk.Hedges".to_string(), "error".to_string()),
        ]
    );
    // The same file named with --vale-config from elsewhere.
    let ini = fixtures().join("vale-ini/.vale.ini");
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--vale-config",
            ini.to_str().unwrap(),
            news.join("story.md").to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(vale_findings(&out).len(), 4, "{}", stderr(&out));
    // A .vale.ini that cannot be read is a configuration error.
    let out = newslint(
        &["check", "--vale-config", "/no/such/.vale.ini", "-"],
        Some("x"),
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/.vale.ini"),
        "{}",
        stderr(&out)
    );
}

/// A style with one good rule and four that cannot be loaded.
fn broken_style() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("Desk");
    std::fs::create_dir(&style).unwrap();
    let write = |name: &str, text: &str| std::fs::write(style.join(name), text).unwrap();
    write(
        "Good.yml",
        "extends: existence\nmessage: \"'%s'\"\ntokens: [arguably]\n",
    );
    write(
        "BadRegex.yml",
        "extends: existence\nmessage: x\nraw: ['(unclosed']\n",
    );
    write("Unknown.yml", "extends: grammar\nmessage: x\n");
    write("BadYaml.yml", "extends: existence\nmessage: [unclosed\n");
    write(
        "Tagged.yml",
        "extends: sequence\nmessage: x\ntokens:\n  - tag: MD\n  - pattern: be\n",
    );
    write("Script.yml", "extends: script\nmessage: x\nscript: x\n");
    dir
}

#[test]
fn a_rule_that_cannot_load_is_reported_once_and_the_rest_run() {
    let dir = broken_style();
    let stories = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(stories.path().join(name), "It was arguably over.\n").unwrap();
    }
    let vale = dir.path().to_str().unwrap();
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--vale",
            vale,
            "-j",
            "2",
            stories.path().to_str().unwrap(),
        ],
        None,
        None,
    );
    // The good rule ran on every story; the exit status is the findings'.
    assert_eq!(vale_findings(&out).len(), 3, "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for (file, reason) in [
        ("BadRegex.yml", "bad pattern `(unclosed"),
        ("Unknown.yml", "`grammar`"),
        ("BadYaml.yml", "line "),
        ("Tagged.yml", "tagger"),
        ("Script.yml", "skipped"),
    ] {
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(file)).collect();
        assert_eq!(lines.len(), 1, "{file} once: {err}");
        assert!(lines[0].contains(reason), "{file}: {err}");
    }
    assert_eq!(err.lines().count(), 5, "{err}");
    // Strict: the first rule that cannot load stops the run.
    let out = newslint(
        &["check", "--vale", vale, "--vale-strict", "-"],
        Some("x"),
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("BadRegex.yml"), "{}", stderr(&out));
    // A script rule is a notice, not a fault, even when strict.
    let only_script = tempfile::tempdir().unwrap();
    std::fs::write(
        only_script.path().join("Script.yml"),
        "extends: script\nmessage: x\nscript: x\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "--vale",
            only_script.path().to_str().unwrap(),
            "--vale-strict",
            "-",
        ],
        Some("Fine."),
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn rules_and_rule_list_the_loaded_vale_rules() {
    let root = fixtures().join("vale");
    let vale = root.to_str().unwrap();
    let out = newslint(&["rules", "--vale", vale], None, None);
    let list = String::from_utf8_lossy(&out.stdout);
    for id in [
        "vale.Desk.Terms",
        "vale.Desk.Acronyms",
        "vale.Desk.Length",
        "spelling.unknown-word",
    ] {
        assert!(list.contains(id), "{id}: {list}");
    }
    assert!(!list.contains("vale.Desk.Sidebar"), "{list}");
    let out = newslint(&["rule", "vale.Desk.Hedges", "--vale", vale], None, None);
    let doc = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        doc.contains("existence") && doc.contains("Hedges.yml"),
        "{doc}"
    );
    assert!(doc.contains("https://example.org/desk/hedges"), "{doc}");
    // Without --vale, the .vale.ini of the current folder names the rules.
    let here = fixtures().join("vale-ini/news");
    let out = newslint(&["rules"], None, Some(&here));
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.contains("vale.Desk.Quiet") && list.contains("vale.Desk.Hedges"),
        "{list}"
    );
}

#[test]
fn a_markdown_story_is_read_block_by_block_and_a_txt_story_whole() {
    // Vale lints Markdown one block at a time, so `^` in a `text` rule is
    // the start of each paragraph or heading; a `.txt` story is one block.
    let styles = tempfile::tempdir().unwrap();
    let desk = styles.path().join("Desk");
    std::fs::create_dir(&desk).unwrap();
    std::fs::write(
        desk.join("Opener.yml"),
        "extends: existence\nmessage: \"'%s' opens a block.\"\nnonword: true\nlevel: warning\n\
         tokens:\n  - '(?:^|\\s)So(?=\\s)'\n",
    )
    .unwrap();
    let stories = tempfile::tempdir().unwrap();
    let text = "# So what\n\nThe ferry was late.\nSo the crew waited.\n\nSo it goes.\n";
    for name in ["story.md", "story.txt"] {
        std::fs::write(stories.path().join(name), text).unwrap();
    }
    let vale = styles.path().to_str().unwrap();
    let at = |name: &str| -> Vec<(u64, u64)> {
        let out = newslint(
            &["check", "--format", "json", "--vale", vale, name],
            None,
            Some(stories.path()),
        );
        vale_findings(&out)
            .into_iter()
            .map(|(_, line, col, _, _)| (line, col))
            .collect()
    };
    // Markdown: the heading and the last paragraph open with the word (at
    // their first column); inside a paragraph the match takes the line end.
    assert_eq!(at("story.md"), vec![(1, 3), (3, 20), (6, 1)]);
    // Plain text: one block, so only the story's first line has `^`.
    assert_eq!(at("story.txt"), vec![(1, 2), (3, 20), (5, 1)]);
}

#[test]
fn a_heading_block_ends_at_its_last_character() {
    // Vale trims the text of each Markdown block it lints, so a heading's
    // text stops at its last character: a pattern wanting white space
    // after closing punctuation finds nothing there; one that also takes
    // the block's end (`$`) does.
    let styles = tempfile::tempdir().unwrap();
    let desk = styles.path().join("Desk");
    std::fs::create_dir(&desk).unwrap();
    for (name, token) in [
        ("SpaceAfter", "[a-z][.?!]\\s"),
        ("EndOrSpace", "[a-z][.?!](?:\\s|$)"),
    ] {
        std::fs::write(
            desk.join(format!("{name}.yml")),
            format!(
                "extends: existence\nmessage: \"Heading ends in punctuation.\"\nnonword: true\n\
                 level: warning\nscope: heading\ntokens:\n  - '{token}'\n"
            ),
        )
        .unwrap();
    }
    let stories = tempfile::tempdir().unwrap();
    std::fs::write(
        stories.path().join("story.md"),
        "# Tides turn.\n\nThe ferry was late. The crew waited.\n\n## Rain again? \n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--vale",
            styles.path().to_str().unwrap(),
            "story.md",
        ],
        None,
        Some(stories.path()),
    );
    let got: Vec<(String, u64, u64)> = vale_findings(&out)
        .into_iter()
        .map(|(rule, line, col, _, _)| (rule, line, col))
        .collect();
    assert_eq!(
        got,
        vec![
            ("vale.Desk.EndOrSpace".to_string(), 1, 12),
            ("vale.Desk.EndOrSpace".to_string(), 5, 13),
        ]
    );
}
