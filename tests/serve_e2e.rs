//! End to end with real clients: an unmodified LanguageTool client library
//! (language-tool-python) and the page in headless Chromium (Selenium with
//! Debian's chromium and chromedriver), each against `newslint serve`
//! (tests/e2e/serve_*.py). A missing tool skips the test with a message,
//! except in CI (`CI` set), where it is a failure: `tools/setup.sh`
//! installs them.
//!
//! `NEWSLINT_SCREENSHOT=FILE` keeps the browser's screenshot of the page
//! (how `docs/serve-page.png` is made).

mod serve_support;

use serve_support::Server;
use std::path::Path;
use std::process::{Command, Stdio};

const STORY: &str = "tests/fixtures/serve/story-en-gb.txt";

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `Ok` when everything is there; otherwise skip, or fail in CI.
fn require(missing: Vec<String>) -> bool {
    if missing.is_empty() {
        return true;
    }
    let what = missing.join(", ");
    assert!(
        std::env::var_os("CI").is_none(),
        "missing in CI: {what} (tools/setup.sh installs them)"
    );
    eprintln!("skipped: missing {what} (run tools/setup.sh)");
    false
}

fn run_script(script: &str, server: &Server, extra: &[(&str, String)]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(root.join("tests/e2e").join(script))
        .env("NEWSLINT_URL", format!("http://{}/", server.addr))
        .env("NEWSLINT_STORY", root.join(STORY))
        .envs(extra.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null())
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}");
    assert!(
        out.status.success(),
        "{script} failed: {stderr}\n--- server log ---\n{}",
        server.log_text()
    );
}

#[test]
fn an_unmodified_languagetool_client_checks_and_corrects() {
    let mut missing = Vec::new();
    if !python_has("language_tool_python") {
        missing.push("python3 with language-tool-python".to_string());
    }
    if !require(missing) {
        return;
    }
    let server = Server::start(&["--quiet"], &[]);
    run_script("serve_lt_client.py", &server, &[]);
}

#[test]
fn the_page_underlines_fixes_and_rechecks_in_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let mut missing = Vec::new();
    if !python_has("selenium") {
        missing.push("python3 with selenium".to_string());
    }
    for tool in [&chromium, &driver] {
        if !Path::new(tool).exists() {
            missing.push(tool.clone());
        }
    }
    if !require(missing) {
        return;
    }
    let server = Server::start(&["--quiet"], &[]);
    let mut extra = vec![("CHROMIUM", chromium), ("CHROMEDRIVER", driver)];
    if let Ok(shot) = std::env::var("NEWSLINT_SCREENSHOT") {
        extra.push(("NEWSLINT_SCREENSHOT", shot));
    }
    run_script("serve_page.py", &server, &extra);
}
