//! `docs/rules.md` is generated from the rule registry (`newslint rules
//! --markdown`); this fails when a rule is added, renamed or re-documented
//! without regenerating it.

use std::process::Command;

#[test]
fn docs_rules_md_is_current() {
    let out = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["rules", "--markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        generated == committed,
        "docs/rules.md is out of date: run `cargo run -- rules --markdown > docs/rules.md`"
    );
    // Every rule has its section, which the JSON `url`, SARIF `helpUri`
    // and the editor's links point at.
    let ids = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .arg("rules")
        .output()
        .unwrap();
    for line in String::from_utf8(ids.stdout).unwrap().lines() {
        let id = line.split_whitespace().next().unwrap();
        assert!(
            committed.contains(&format!("### `{id}`")),
            "{id} has no section"
        );
    }
}
