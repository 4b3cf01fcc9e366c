//! The CI integrations in the repository's root: `.pre-commit-hooks.yaml`
//! (which files its hooks pass to newslint) and `action.yml` (its check
//! step's shell, run here against the real binary as the runner would run
//! it). docs/ci.md describes both.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(file: &str) -> Value {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn pre_commit_hooks_pass_stories_and_nothing_else() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["newslint", "newslint-system"]);
    assert_eq!(hooks[0]["language"], "rust");
    assert_eq!(hooks[1]["language"], "system");
    for hook in hooks {
        assert_eq!(hook["entry"], "newslint check");
        assert_eq!(hook["files"], hooks[0]["files"]);
        // pre-commit matches `files` with Python's re.search; this pattern
        // means the same to Rust's regex.
        let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
        for story in [
            "story.txt",
            "desk/notes.md",
            "WIRE.MARKDOWN",
            "page.html",
            "page.htm",
            "feed.xml",
            "feature.docx",
        ] {
            assert!(files.is_match(story), "{story} is not passed");
        }
        for other in [
            "src/main.rs",
            "newslint.toml",
            "story.txt.orig",
            "mdbook",
            "a.doc",
        ] {
            assert!(!files.is_match(other), "{other} is passed");
        }
    }
}

#[test]
fn the_action_declares_every_input_it_uses() {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().unwrap();
    let used = regex::Regex::new(r"inputs\.([a-z-]+)").unwrap();
    for c in used.captures_iter(&text) {
        assert!(
            inputs.contains_key(&c[1]),
            "inputs.{} is not declared",
            &c[1]
        );
    }
    for name in ["paths", "args", "version", "sarif"] {
        assert!(inputs.contains_key(name), "no input {name}");
    }
    for step in action["runs"]["steps"].as_array().unwrap() {
        if step.get("run").is_some() {
            assert_eq!(step["shell"], "bash", "{step}");
            // Inputs reach the shell through the environment only.
            assert!(!step["run"].as_str().unwrap().contains("${{"), "{step}");
        }
    }
}

/// The action's step that runs newslint, as bash runs it on the runner.
fn check_step() -> String {
    let action = yaml("action.yml");
    action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Check the stories")
        .expect("a check step")["run"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_action_annotates_findings_and_writes_sarif() {
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("stories");
    std::fs::create_dir_all(&stories).unwrap();
    std::fs::write(stories.join("a.md"), "The troups left.\n").unwrap();
    std::fs::write(stories.join("b.txt"), "Officials named Zbigniewska.\n").unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_newslint")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |paths: &str, args: &str, sarif: &str| {
        Command::new("bash")
            .args(["-e", "-c", &check_step()])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("NEWSLINT_PATHS", paths)
            .env("NEWSLINT_ARGS", args)
            .env("NEWSLINT_SARIF", sarif)
            .output()
            .unwrap()
    };
    // Two lines of paths, arguments split on spaces, a SARIF log too.
    let out = run(
        "stories/a.md\nstories/b.txt",
        "--dialect en-GB --ignore names",
        "out.sarif",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let annotations: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 1, "{text}");
    assert!(
        annotations[0].starts_with("::error file=stories/a.md,line=1,col=5,"),
        "{text}"
    );
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);

    // Nothing serious: exit 0, infos still annotated as notices.
    let out = run("stories/b.txt", "", "");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("::notice file=stories/b.txt"));

    // A run that cannot be done stops at the SARIF step with exit 2.
    let out = run("missing.md", "", "never.sarif");
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("::"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.md"));

    // Inputs are data, never shell code.
    let out = run("stories/a.md", "$(touch pwned) ; touch pwned2", "");
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("pwned").exists() && !dir.path().join("pwned2").exists());
}
