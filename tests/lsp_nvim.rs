//! End-to-end in a real editor: headless Neovim's built-in LSP client runs
//! `newslint lsp` on a story (tests/e2e/nvim-lsp.lua). Skipped when `nvim`
//! is missing, except in CI (`CI` set), where that is a failure:
//! `tools/setup.sh` installs it.

mod lsp_support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STORY: &str = "“Señor Peña’s 🙂 troops” — the coalition troups left Kyiv.\n\
\n\
Officials named Zbigniewska as the new envoy on Tuesday.\n";

#[test]
fn neovim_shows_diagnostics_and_applies_code_actions() {
    if !lsp_support::tool_available("nvim") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("desk");
    std::fs::create_dir_all(&work).unwrap();
    let story = work.join("story.md");
    std::fs::write(&story, STORY).unwrap();
    let out = dir.path().join("session.txt");
    let home = dir.path().join("home");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/nvim-lsp.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&work)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("NEWSLINT_BIN", env!("CARGO_BIN_EXE_newslint"))
        .env("NEWSLINT_STORY", &story)
        .env("NEWSLINT_OUT", &out)
        .env(
            "NEWSLINT_LSP_LOG",
            std::env::var_os("NEWSLINT_E2E_TRANSCRIPT").unwrap_or_default(),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let session = std::fs::read_to_string(&out).unwrap_or_default();
    eprintln!("{session}");
    // NEWSLINT_E2E_TRANSCRIPT=DIR keeps the session and Neovim's LSP log
    // (the JSON-RPC exchange) there.
    if let Some(keep) = std::env::var_os("NEWSLINT_E2E_TRANSCRIPT") {
        let keep = Path::new(&keep);
        std::fs::create_dir_all(keep).unwrap();
        std::fs::write(keep.join("nvim-session.txt"), &session).unwrap();
        let log = home.join("cache/nvim/lsp.log");
        if let Ok(log) = std::fs::read_to_string(log) {
            std::fs::write(keep.join("nvim-lsp.log"), log).unwrap();
        }
    }
    assert!(status.success(), "nvim failed: {status}\n{session}");
    assert!(session.trim_end().ends_with("PASS"), "{session}");
}
