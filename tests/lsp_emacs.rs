//! End-to-end in a second real editor: Emacs in `--batch` with eglot
//! (Debian's `emacs-nox` and `elpa-eglot`) runs `newslint lsp` on a story
//! (tests/e2e/emacs-eglot.el): Flymake shows the slip, eglot's code action
//! fixes it. Skipped when Emacs or eglot is missing, except in CI (`CI`
//! set), where that is a failure: `tools/setup.sh` installs them.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STORY: &str = "“Señor Peña’s 🙂 troops” — the coalition troups left Kyiv.\n\
\n\
Officials named Zbigniewska as the new envoy on Tuesday.\n";

/// Emacs with eglot loadable, or why not.
fn emacs_with_eglot() -> Result<(), String> {
    let out = Command::new("emacs")
        .args(["--batch", "--eval", "(require 'eglot)"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("emacs: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "emacs cannot load eglot: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

#[test]
fn emacs_eglot_shows_diagnostics_and_applies_a_code_action() {
    if let Err(why) = emacs_with_eglot() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{why}: in CI, tools/setup.sh should install emacs-nox and elpa-eglot"
        );
        eprintln!("skipped: {why} (run tools/setup.sh)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk");
    std::fs::create_dir_all(&desk).unwrap();
    let story = desk.join("story.txt");
    std::fs::write(&story, STORY).unwrap();
    let out = dir.path().join("session.txt");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/emacs-eglot.el");
    let mut child = Command::new("emacs")
        .arg("--batch")
        .arg("-l")
        .arg(&script)
        .current_dir(&desk)
        .env("HOME", &home)
        .env("NEWSLINT_BIN", env!("CARGO_BIN_EXE_newslint"))
        .env("NEWSLINT_STORY", &story)
        .env("NEWSLINT_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start emacs");
    // Emacs's messages, read as they come so that a full pipe never blocks it.
    let mut pipe = child.stderr.take().unwrap();
    let messages = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("emacs did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = messages.join().unwrap_or_default();
    let session = std::fs::read_to_string(&out).unwrap_or_default();
    eprintln!("{session}");
    assert!(
        status.success(),
        "emacs failed: {status}\n{session}\n{stderr}"
    );
    assert!(session.trim_end().ends_with("PASS"), "{session}\n{stderr}");
    // The fix reached the buffer only, as an editor's quick fix does: the
    // file on disk is unchanged.
    assert_eq!(std::fs::read_to_string(&story).unwrap(), STORY);
}
