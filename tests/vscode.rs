//! The VS Code extension (editors/vscode), as far as this machine allows:
//! VS Code itself cannot run here. `tools/build-vscode.sh` compiles it with
//! tsc, runs its unit tests (the settings → initializationOptions and
//! didChangeConfiguration mapping, with Node's test runner) and packages it
//! with @vscode/vsce; then the .vsix is opened and checked: its manifest
//! contributes the settings and activation events, it holds the compiled
//! extension and its npm packages and no sources, and the packaged
//! extension loads (with a stand-in `vscode` module) and exports
//! `activate`/`deactivate`.
//!
//! Needs node, npm, python3 (to read the zip) and the extension's npm
//! packages (`npm ci` in editors/vscode, which tools/setup.sh runs). When
//! any is missing the test fails if `CI` is set and is skipped otherwise.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn missing() -> Option<String> {
    let ext = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    if !works("node", &["--version"]) {
        return Some("node is not installed".into());
    }
    if !works("npm", &["--version"]) {
        return Some("npm is not installed".into());
    }
    if !works("python3", &["-c", "import zipfile"]) {
        return Some("python3 is not installed".into());
    }
    if !ext.join("node_modules/.package-lock.json").is_file() {
        return Some("editors/vscode has no node_modules (npm ci)".into());
    }
    None
}

/// The names in the zip and the text of the files asked for, by python3's
/// zipfile.
fn read_vsix(vsix: &Path, files: &[&str]) -> (Vec<String>, Vec<String>) {
    let script = r#"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({"names": z.namelist(),
                  "files": [z.read(f).decode("utf-8") for f in sys.argv[2:]]}))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(vsix)
        .args(files)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    (strings(&v["names"]), strings(&v["files"]))
}

#[test]
fn the_extension_builds_passes_its_unit_tests_and_packages_its_settings() {
    if let Some(why) = missing() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{why}: in CI, tools/setup.sh should install node, npm and the extension's packages"
        );
        eprintln!("skipped: {why} (run tools/setup.sh)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let vsix = dir.path().join("newslint.vsix");
    let out = Command::new("bash")
        .arg(root.join("tools/build-vscode.sh"))
        .arg(&vsix)
        .output()
        .expect("bash runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "tools/build-vscode.sh failed:\n{log}");
    // Node's test runner: the settings mapping's tests ran and passed.
    assert!(
        log.contains("# pass 5") && log.contains("# fail 0"),
        "{log}"
    );

    let size = std::fs::metadata(&vsix).unwrap().len();
    let (names, files) = read_vsix(&vsix, &["extension/package.json", "extension.vsixmanifest"]);
    eprintln!("{} ({size} bytes, {} files)", vsix.display(), names.len());
    for want in [
        "extension/package.json",
        "extension/out/extension.js",
        "extension/out/settings.js",
        "extension/readme.md",
        "extension/LICENSE.md",
        "extension/node_modules/vscode-languageclient/package.json",
        "extension/node_modules/vscode-languageclient/lib/node/main.js",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} is not in the vsix");
    }
    for name in &names {
        assert!(
            !name.starts_with("extension/src/")
                && !name.starts_with("extension/out/test/")
                && !name.ends_with(".ts")
                && !name.ends_with(".vsix")
                && !name.contains("/@vscode/vsce")
                && !name.contains("/typescript/"),
            "{name} should not be packaged"
        );
    }

    // The packaged manifest: the settings, the activation, the entry point.
    let manifest: Value = serde_json::from_str(&files[0]).unwrap();
    let props = &manifest["contributes"]["configuration"]["properties"];
    for (key, default) in [
        ("newslint.path", Value::from("newslint")),
        ("newslint.dialect", Value::from("auto")),
        ("newslint.style", Value::from("auto")),
        ("newslint.select", serde_json::json!([])),
        ("newslint.ignore", serde_json::json!([])),
        ("newslint.words", serde_json::json!([])),
    ] {
        assert_eq!(props[key]["default"], default, "{key}");
    }
    assert_eq!(props["newslint.path"]["scope"], "machine");
    assert_eq!(
        props["newslint.style"]["enum"],
        serde_json::json!(["auto", "none", "ap", "agency"])
    );
    assert_eq!(
        manifest["activationEvents"],
        serde_json::json!([
            "onLanguage:plaintext",
            "onLanguage:markdown",
            "onLanguage:html",
            "onLanguage:xml"
        ])
    );
    assert_eq!(manifest["main"], "./out/extension.js");
    assert!(
        files[1].contains(r#"Id="newslint""#) && files[1].contains(r#"Publisher="newslint""#),
        "{}",
        files[1]
    );

    // The packaged extension loads with everything it requires.
    let unpacked = dir.path().join("unpacked");
    let unzip = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        ])
        .arg(&vsix)
        .arg(&unpacked)
        .status()
        .unwrap();
    assert!(unzip.success());
    let load = Command::new("node")
        .arg(root.join("editors/vscode/scripts/load-packaged.js"))
        .arg(&unpacked)
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&load.stdout).into_owned() + &String::from_utf8_lossy(&load.stderr);
    assert!(load.status.success(), "{said}");
    eprintln!("{said}");
    assert!(said.contains("npm packages"), "{said}");
}
