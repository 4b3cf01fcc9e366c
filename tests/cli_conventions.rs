//! The conventions the glue around a linter relies on (issue #16): exit
//! and output flags, colour by the terminal world's rules, a bare `check`
//! on a terminal, completions and a man page, configuration that extends
//! another and says where each setting came from, and settings that cannot
//! take effect reported instead of ignored.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn newslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Runs `newslint ARGS` on a pseudo-terminal (util-linux `script`), with
/// `env` set, and returns what the terminal showed.
fn on_a_terminal(dir: &Path, args: &str, env: &[(&str, &str)]) -> String {
    let available = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "`script` (util-linux) is missing in CI"
        );
        return String::new();
    }
    let mut cmd = Command::new("script");
    cmd.args([
        "-qec",
        &format!("'{}' {args}", env!("CARGO_BIN_EXE_newslint")),
        "/dev/null",
    ])
    .current_dir(dir)
    .env_remove("NO_COLOR")
    .env_remove("CLICOLOR")
    .env_remove("CLICOLOR_FORCE")
    .env("TERM", "xterm")
    .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    String::from_utf8_lossy(&cmd.output().unwrap().stdout).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder with a story holding an error (`troups`) and an info (a name).
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("story.txt"),
        "The troups left Zbigniewska's village.\n",
    )
    .unwrap();
    dir
}

#[test]
fn exit_zero_quiet_output_file_and_min_severity() {
    let dir = desk();
    let d = dir.path();
    let out = newslint(d, &["check", "story.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("newslint: 1 error"),
        "{}",
        stdout(&out)
    );
    let out = newslint(d, &["check", "--exit-zero", "story.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let out = newslint(d, &["check", "-q", "story.txt"]);
    assert!(
        !stdout(&out).contains("newslint: 1 error"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("troups"));
    let out = newslint(
        d,
        &[
            "check",
            "--format",
            "compact",
            "--min-severity",
            "warning",
            "story.txt",
        ],
    );
    assert!(stdout(&out).contains("troups"));
    assert!(!stdout(&out).contains("names.unknown"), "{}", stdout(&out));
    let out = newslint(
        d,
        &[
            "check",
            "--format",
            "json",
            "-o",
            "report.json",
            "story.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let report = std::fs::read_to_string(d.join("report.json")).unwrap();
    let findings: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(findings[0]["rule"], "spelling.unknown-word");
    assert_eq!(findings[0]["fix"], "suggested");
    assert!(findings[0]["url"]
        .as_str()
        .unwrap()
        .ends_with("docs/rules.md#spellingunknown-word"));
    let out = newslint(d, &["check", "--min-severity", "loud", "story.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn colour_follows_the_terminal_conventions() {
    let dir = desk();
    let d = dir.path();
    let esc = '\u{1b}';
    // Piped: no colour, unless forced.
    assert!(!stdout(&newslint(d, &["check", "story.txt"])).contains(esc));
    let forced = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["check", "story.txt"])
        .current_dir(d)
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(stdout(&forced).contains(esc));
    let tty = on_a_terminal(d, "check story.txt", &[]);
    if tty.is_empty() {
        return;
    }
    assert!(tty.contains(esc), "{tty}");
    assert!(!on_a_terminal(d, "check story.txt", &[("NO_COLOR", "1")]).contains(esc));
    // An empty NO_COLOR does not count (no-color.org).
    assert!(on_a_terminal(d, "check story.txt", &[("NO_COLOR", "")]).contains(esc));
    assert!(!on_a_terminal(d, "check story.txt", &[("TERM", "dumb")]).contains(esc));
    assert!(!on_a_terminal(d, "check --color never story.txt", &[]).contains(esc));
}

#[test]
fn a_bare_check_on_a_terminal_checks_the_current_folder() {
    let dir = desk();
    let tty = on_a_terminal(dir.path(), "check --color never", &[]);
    if tty.is_empty() {
        return;
    }
    assert!(tty.contains("story.txt"), "{tty}");
    assert!(tty.contains("troups"), "{tty}");
}

#[test]
fn completions_and_a_man_page_come_from_the_command_line_definition() {
    let dir = tempfile::tempdir().unwrap();
    let bash = newslint(dir.path(), &["completions", "bash"]);
    assert!(bash.status.success());
    assert!(stdout(&bash).contains("_newslint"), "{}", stdout(&bash));
    assert!(stdout(&bash).contains("--min-severity"));
    let zsh = newslint(dir.path(), &["completions", "zsh"]);
    assert!(stdout(&zsh).contains("#compdef newslint"));
    let man = newslint(dir.path(), &["man"]);
    assert!(
        stdout(&man).starts_with(".ie") || stdout(&man).contains(".TH newslint"),
        "{}",
        stdout(&man)
    );
}

#[test]
fn config_show_tells_each_setting_and_its_source_through_extend() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("newslint.toml"),
        "dialect = \"en-GB\"\nstyle = \"agency\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("sport")).unwrap();
    std::fs::write(
        d.join("sport/newslint.toml"),
        "extend = \"../newslint.toml\"\nignore = [\"names\"]\n",
    )
    .unwrap();
    let out = newslint(
        &d.join("sport"),
        &["config", "--show", "--select", "spelling"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .to_string()
    };
    assert!(line("dialect").contains("en-GB"), "{text}");
    assert!(
        line("dialect").ends_with(&format!("# {}", d.join("sport/../newslint.toml").display())),
        "{text}"
    );
    assert!(
        line("ignore").contains("names") && line("ignore").contains("sport/newslint.toml"),
        "{text}"
    );
    assert!(line("select").ends_with("# command line"), "{text}");
    assert!(line("model").ends_with("# default"), "{text}");
}

#[test]
fn settings_that_cannot_take_effect_are_errors_or_made_to_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("story.txt"), "The minister slammed the report.\n").unwrap();
    let out = newslint(d, &["check", "--select", "style.core.cliche", "story.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("style pack"), "{}", stderr(&out));
    // A banned list needs no style pack.
    std::fs::write(d.join("newslint.toml"), "banned = [\"slammed\"]\n").unwrap();
    let out = newslint(d, &["check", "--format", "compact", "story.txt"]);
    assert!(
        stdout(&out).contains("style.core.banned"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn ignore_files_count_outside_git_repositories() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("kept.txt"), "The troups left.\n").unwrap();
    std::fs::write(d.join("skipped.txt"), "The troups left.\n").unwrap();
    std::fs::write(d.join("hidden.txt"), "The troups left.\n").unwrap();
    std::fs::write(d.join(".gitignore"), "skipped.txt\n").unwrap();
    std::fs::write(d.join(".ignore"), "hidden.txt\n").unwrap();
    let out = newslint(d, &["check", "--format", "compact", "."]);
    let text = stdout(&out);
    assert!(text.contains("kept.txt"), "{text}");
    assert!(
        !text.contains("skipped.txt") && !text.contains("hidden.txt"),
        "{text}"
    );
}

#[test]
fn suppressions_on_the_same_line_unknown_rules_and_unused_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("story.md"),
        "The troups left. <!-- newslint-disable-line spelling -->\n\n\
         <!-- newslint-disable-next-line speling -->\nThe goverment met.\n\n\
         <!-- newslint-disable-next-line typography -->\nA quiet line.\n",
    )
    .unwrap();
    let out = newslint(d, &["check", "--format", "compact", "story.md"]);
    let text = stdout(&out);
    assert!(!text.contains("troups"), "{text}");
    assert!(
        !text.contains("unfamiliar-word"),
        "the directive's own words: {text}"
    );
    assert!(
        text.contains("warning[suppression.unknown-rule]") && text.contains("`speling`"),
        "{text}"
    );
    assert!(
        text.contains("goverment"),
        "a misspelt rule id silences nothing: {text}"
    );
    let unused: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("suppression.unused"))
        .collect();
    assert_eq!(unused.len(), 1, "{text}");
    assert!(unused[0].contains("story.md:6:"), "{text}");
    // Like any rule, they can be ignored.
    let out = newslint(
        d,
        &[
            "check",
            "--format",
            "compact",
            "--ignore",
            "suppression",
            "story.md",
        ],
    );
    assert!(!stdout(&out).contains("suppression."), "{}", stdout(&out));
}

#[test]
fn exclude_and_extensions_in_the_configuration_shape_a_folder_walk() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("archive")).unwrap();
    for name in ["kept.md", "kept.txt", "old.draft.md", "archive/old.md"] {
        std::fs::write(d.join(name), "The troups left.\n").unwrap();
    }
    std::fs::write(
        d.join("newslint.toml"),
        "exclude = [\"archive/**\", \"*.draft.md\"]\nextensions = [\"md\"]\n",
    )
    .unwrap();
    let out = newslint(d, &["check", "--format", "compact", "."]);
    let text = stdout(&out);
    assert!(text.contains("kept.md"), "{text}");
    for gone in ["kept.txt", "old.draft.md", "archive"] {
        assert!(!text.contains(gone), "{gone}: {text}");
    }
    // A file named on the command line is checked whatever `exclude` says.
    let out = newslint(d, &["check", "--format", "compact", "archive/old.md"]);
    assert!(stdout(&out).contains("archive/old.md"), "{}", stdout(&out));
}
