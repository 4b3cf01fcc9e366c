//! House style end to end: style packs, newsroom configuration (select,
//! ignore, severity, overrides, errors), `--fix` and `--diff`. Vale rules
//! are tested in `tests/vale.rs`.

use std::path::Path;
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

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// (rule, flagged text) of every finding, from `--format json`.
fn found(out: &Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(out), stderr(out)));
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn rules_of(out: &Output) -> Vec<String> {
    found(out).into_iter().map(|(r, _)| r).collect()
}

const AGENCY: &str =
    "The U.S. envoy met officials on January 12.\nInflation rose to 5.4 percent.\n";

#[test]
fn no_style_rule_runs_without_a_pack() {
    let out = newslint(
        &["check", "--format", "json", "--dialect", "en-GB"],
        Some(AGENCY),
        None,
    );
    assert!(rules_of(&out)
        .iter()
        .all(|r| !r.starts_with("style.") && !r.starts_with("dialect.")));
    let sample = newslint(
        &[
            "check",
            "--format",
            "json",
            "../../samples/style-agency.txt",
        ],
        None,
        Some(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .as_path(),
        ),
    );
    assert!(rules_of(&sample).iter().all(|r| !r.starts_with("style.")));
}

#[test]
fn agency_pack_finds_its_rules_and_options_switch_them() {
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--style",
            "agency",
            "--dialect",
            "en-GB",
        ],
        Some(AGENCY),
        None,
    );
    let got = found(&out);
    assert!(
        got.contains(&("style.agency.us-points".into(), "U.S.".into())),
        "{got:?}"
    );
    assert!(got.contains(&("style.agency.date-order".into(), "January 12".into())));
    assert!(got.contains(&("style.agency.per-cent".into(), "percent".into())));
    // A desk that writes `percent` and `January 12`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("newslint.toml"), "style = \"agency\"\n").unwrap();
    let cfg = dir.path().join("desk.toml");
    std::fs::write(
        &cfg,
        "dialect = \"en-GB\"\n[style]\npack = \"agency\"\n[style.agency]\npercent = \"percent\"\ndates = \"month-day\"\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--config",
            cfg.to_str().unwrap(),
        ],
        Some(AGENCY),
        None,
    );
    let rules = rules_of(&out);
    assert!(rules.contains(&"style.agency.us-points".to_string()));
    assert!(
        !rules
            .iter()
            .any(|r| r.contains("per-cent") || r.contains("date-order")),
        "{rules:?}"
    );
}

#[test]
fn select_ignore_and_severity() {
    let text = "The U.S. envoy met  officials on January 12. The troups left.\n";
    let base = [
        "check",
        "--format",
        "json",
        "--style",
        "agency",
        "--dialect",
        "en-GB",
    ];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        newslint(&args, Some(text), None)
    };
    let all = rules_of(&run(&[]));
    assert!(
        all.contains(&"spelling.unknown-word".to_string()),
        "{all:?}"
    );
    assert!(all.contains(&"typography.double-space".to_string()));
    let only = rules_of(&run(&["--select", "spelling,style.agency.us-points"]));
    assert_eq!(only, ["style.agency.us-points", "spelling.unknown-word"]);
    let less = rules_of(&run(&["--ignore", "style.agency,typography"]));
    assert!(less
        .iter()
        .all(|r| !r.starts_with("style.agency") && !r.starts_with("typography")));
    assert!(less.contains(&"spelling.unknown-word".to_string()));
    // A more specific select beats a family ignore.
    let back = rules_of(&run(&[
        "--ignore",
        "style",
        "--select",
        "style.agency.us-points",
    ]));
    assert_eq!(back, ["style.agency.us-points"]);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("newslint.toml"),
        "style = \"agency\"\ndialect = \"en-GB\"\n[severity]\n\"typography.double-space\" = \"info\"\n\"style.agency\" = \"error\"\n",
    )
    .unwrap();
    let story = dir.path().join("s.txt");
    std::fs::write(&story, text).unwrap();
    let out = newslint(
        &["check", "--format", "json", story.to_str().unwrap()],
        None,
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for f in v.as_array().unwrap() {
        match f["rule"].as_str().unwrap() {
            "typography.double-space" => assert_eq!(f["severity"], "info"),
            r if r.starts_with("style.agency") => assert_eq!(f["severity"], "error"),
            _ => {}
        }
    }
}

#[test]
fn overrides_apply_to_matching_paths() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("newslint.toml"),
        "style = \"agency\"\ndialect = \"en-GB\"\n\n[[overrides]]\npaths = [\"sport/**\"]\nignore = [\"style.agency.us-points\"]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("sport")).unwrap();
    std::fs::write(dir.path().join("sport/match.txt"), AGENCY).unwrap();
    std::fs::write(dir.path().join("news.txt"), AGENCY).unwrap();
    let out = newslint(&["check", "--format", "json", "."], None, Some(dir.path()));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let points: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "style.agency.us-points")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(points, ["./news.txt"]);
}

#[test]
fn config_errors_exit_2_with_file_and_line() {
    let cases = [
        (
            "style = \"agency\"\nselect = [\"spelling\", \"typografy\"]\n",
            2,
            "typografy",
        ),
        (
            "dialect = \"en-GB\"\n\n[severity]\n\"typography.double-space\" = \"warn\"\n",
            4,
            "warn",
        ),
        ("style = \"chicago\"\n", 1, "chicago"),
        ("[style.agency]\npercent = \"pc\"\n", 2, "pc"),
        ("dialect = \"en-GB\"\nstlye = \"ap\"\n", 2, "stlye"),
        (
            "[[overrides]]\npaths = [\"a/**\"]\nignore = [\"nope.rule\"]\n",
            3,
            "nope.rule",
        ),
    ];
    for (toml, line, word) in cases {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("newslint.toml");
        std::fs::write(&cfg, toml).unwrap();
        let story = dir.path().join("s.txt");
        std::fs::write(&story, "Fine copy.\n").unwrap();
        let out = newslint(&["check", story.to_str().unwrap()], None, None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{toml}: {err}");
        assert!(
            err.contains(&format!("newslint.toml:{line}:")),
            "{toml}: {err}"
        );
        assert!(err.contains(word), "{toml}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let out = newslint(&["check", "--select", "nonsense"], Some("x"), None);
    assert_eq!(out.status.code(), Some(2));
    let out = newslint(
        &["check", "--config", "/nonexistent/newslint.toml"],
        Some("x"),
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_lists_the_packs_and_rule_prints_examples() {
    let out = newslint(&["rules"], None, None);
    let text = stdout(&out);
    let style = text
        .lines()
        .filter(|l| l.starts_with("style.") || l.starts_with("dialect."))
        .count();
    assert!(style >= 40, "{style} style rules");
    assert!(text.contains("style.ap.numerals") && text.contains("style.agency.us-points"));
    assert!(text.contains("dialect.us-spelling"));
    let out = newslint(&["rule", "style.ap.date-ordinal"], None, None);
    assert!(
        stdout(&out).contains("Flags:  The hearing was set for Oct. 4th."),
        "{}",
        stdout(&out)
    );
}

#[test]
fn suppression_comments_cover_style_rules_and_quotes_are_checked() {
    let text = "> The U.S. envoy said so.\n<!-- newslint-disable-next-line style.agency.us-points -->\nThe U.S. envoy left.\n";
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--style",
            "agency",
            "--dialect",
            "en-GB",
        ],
        Some(text),
        None,
    );
    let got = found(&out);
    let points: Vec<_> = got
        .iter()
        .filter(|(r, _)| r == "style.agency.us-points")
        .collect();
    assert_eq!(points.len(), 1, "{got:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let line = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "style.agency.us-points")
        .unwrap()["line"]
        .clone();
    assert_eq!(line, 1);
}

const FIXABLE: &str = "The ceasefire —- the third —- held. Officials  said the the talks would resume.\nThe U.S. envoy said the defense color was chosen.\n";

#[test]
fn fix_writes_safe_fixes_atomically_and_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, FIXABLE).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&story, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let args = [
        "check",
        "--fix",
        "--style",
        "agency",
        "--dialect",
        "en-GB",
        "--format",
        "compact",
    ];
    let mut a = args.to_vec();
    a.push(story.to_str().unwrap());
    let out = newslint(&a, None, None);
    assert!(out.status.code() != Some(2), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(&story).unwrap();
    assert_eq!(
        fixed,
        "The ceasefire — the third — held. Officials said the talks would resume.\nThe U.S. envoy said the defence colour was chosen.\n"
    );
    // `U.S.` is flagged but not a safe fix: it is still reported.
    assert!(
        stdout(&out).contains("style.agency.us-points"),
        "{}",
        stdout(&out)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&story).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    let out = newslint(&a, None, None);
    assert!(
        stderr(&out).contains("0 fixes applied in 0 files"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&story).unwrap(), fixed);
}

#[test]
fn diff_shows_fixes_without_writing_and_stdin_fix_prints_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, FIXABLE).unwrap();
    let out = newslint(&["check", "--diff", story.to_str().unwrap()], None, None);
    let d = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        d.contains("--- ") && d.contains("+++ ") && d.contains("@@ -1,2 +1,2 @@"),
        "{d}"
    );
    assert!(
        d.contains("+The ceasefire — the third — held. Officials said the talks would resume."),
        "{d}"
    );
    assert_eq!(std::fs::read_to_string(&story).unwrap(), FIXABLE);
    let out = newslint(
        &["check", "--fix", "-"],
        Some("It was  over -- or so it seemed — then."),
        None,
    );
    assert_eq!(stdout(&out), "It was over — or so it seemed — then.");
    // A fix that uncovers another is applied in the same run.
    let out = newslint(
        &["check", "--fix", "-"],
        Some("He said said said no."),
        None,
    );
    assert_eq!(stdout(&out), "He said no.");
}
