//! The formats for tools, end to end: `--format sarif` (validated against
//! the official SARIF 2.1.0 schema in `tests/schemas/` by PyPI's
//! `jsonschema`, run through python3), `--format github` (GitHub Actions
//! workflow commands, checked against their exact syntax) and
//! `--format json-lines`. The schema check fails when `CI` is set and
//! python3 or its `jsonschema` module is missing, and is skipped otherwise.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn newslint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("newslint runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// A newsroom folder: a story with slips of every severity behind curly
/// quotes, an emoji and accents, in a folder and file name that need
/// escaping; a CRLF story with a byte-order mark; a house-style pack so
/// that style rules run too.
fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk, news");
    std::fs::create_dir_all(&desk).unwrap();
    std::fs::write(dir.path().join("newslint.toml"), "style = \"ap\"\n").unwrap();
    std::fs::write(
        desk.join("story: one.md"),
        "“Señor Peña’s 🙂 troops” — the coalition troups left Kyiv.\n\n\
         Officials named Zbigniewska as envoy. The the talks went  on —- late.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("wire.txt"),
        "\u{feff}The minister said 50 per cent of the troups were home in the US.\r\n\
         It was a busy day.\r\n",
    )
    .unwrap();
    dir
}

fn json_findings(dir: &Path) -> Vec<Value> {
    let out = newslint(&["check", "--format", "json", "."], dir);
    assert_eq!(out.status.code(), Some(1));
    serde_json::from_slice(&out.stdout).expect("a JSON array")
}

const VALIDATE: &str = r#"
import json, sys
import jsonschema
from importlib.metadata import version
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
checker = cls(schema, format_checker=cls.FORMAT_CHECKER)
bad = 0
for path in sys.argv[2:]:
    log = json.load(open(path, encoding="utf-8"))
    for e in sorted(checker.iter_errors(log), key=lambda e: list(e.absolute_path)):
        bad += 1
        print(path, "/".join(map(str, e.absolute_path)), e.message)
uri = "uri" in cls.FORMAT_CHECKER.checkers
print(f"{bad} errors in {len(sys.argv) - 2} logs ({cls.__name__}, jsonschema {version('jsonschema')}, uri format checked: {uri})")
sys.exit(1 if bad else 0)
"#;

fn python_jsonschema() -> bool {
    Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the validator on SARIF files; `Ok` with its report when they are
/// valid, `Err` with it when not.
fn validate(logs: &[&Path]) -> Result<String, String> {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let out = Command::new("python3")
        .arg("-c")
        .arg(VALIDATE)
        .arg(&schema)
        .args(logs)
        .output()
        .expect("python3 runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(report)
    } else {
        Err(report)
    }
}

#[test]
fn sarif_is_valid_against_the_official_schema_and_agrees_with_json() {
    if !python_jsonschema() {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with the jsonschema module is missing in CI: tools/setup.sh installs it"
        );
        eprintln!("skipped: python3 -c 'import jsonschema' failed (run tools/setup.sh)");
        return;
    }
    let room = newsroom();
    let dir = room.path();
    let out = newslint(&["check", "--format", "sarif", "."], dir);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sarif_path = dir.join("out.sarif");
    std::fs::write(&sarif_path, &out.stdout).unwrap();
    // A clean story: a valid log with no results, exit 0.
    std::fs::write(dir.join("clean.md"), "Troops left the base on Tuesday.\n").unwrap();
    let clean = newslint(&["check", "--format", "sarif", "clean.md"], dir);
    assert_eq!(clean.status.code(), Some(0));
    let clean_path = dir.join("clean.sarif");
    std::fs::write(&clean_path, &clean.stdout).unwrap();
    let clean_log: Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_eq!(clean_log["runs"][0]["results"], serde_json::json!([]));

    let report = validate(&[&sarif_path, &clean_path]).unwrap_or_else(|r| panic!("{r}"));
    eprintln!("{report}");
    assert!(report.contains("0 errors in 2 logs"), "{report}");
    // `format: uri` is checked only when rfc3986-validator is installed,
    // as tools/setup.sh does.
    assert!(
        report.contains("uri format checked: True") || std::env::var_os("CI").is_none(),
        "{report}"
    );

    // The validator is not a no-op: a log with a level SARIF does not have
    // and a result without a message is rejected.
    let mut broken: Value = serde_json::from_slice(&out.stdout).unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["results"][1]
        .as_object_mut()
        .unwrap()
        .remove("message");
    let broken_path = dir.join("broken.sarif");
    std::fs::write(&broken_path, broken.to_string()).unwrap();
    let rejected = validate(&[&broken_path]).expect_err("a broken log is rejected");
    assert!(rejected.contains("2 errors"), "{rejected}");

    // Every finding of `--format json` is a result at the same place.
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules
        .iter()
        .any(|r| r["id"].as_str().unwrap().starts_with("style.")));
    let results = run["results"].as_array().unwrap();
    let findings = json_findings(dir);
    assert_eq!(results.len(), findings.len());
    for (r, f) in results.iter().zip(&findings) {
        assert_eq!(r["ruleId"], f["rule"]);
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], f["rule"]);
        let level = match f["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(r["level"], level);
        let loc = &r["locations"][0]["physicalLocation"];
        let region = &loc["region"];
        assert_eq!(region["startLine"], f["line"]);
        assert_eq!(region["startColumn"], f["column"]);
        assert_eq!(region["endLine"], f["end_line"]);
        assert_eq!(region["endColumn"], f["end_column"]);
        // The byte region is the finding's text in the file.
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~/%!$&'()*+,;=@".contains(&b)),
            "not a relative URI reference: {uri}"
        );
        let file = percent_encoding::percent_decode_str(uri)
            .decode_utf8()
            .unwrap();
        let bytes = std::fs::read(dir.join(&*file)).unwrap_or_else(|e| panic!("{uri}: {e}"));
        let start = region["byteOffset"].as_u64().unwrap() as usize;
        let len = region["byteLength"].as_u64().unwrap() as usize;
        assert_eq!(
            std::str::from_utf8(&bytes[start..start + len]).unwrap(),
            f["text"].as_str().unwrap()
        );
        let fixes = r.get("fixes").and_then(Value::as_array);
        assert_eq!(
            fixes.map_or(0, Vec::len),
            f["suggestions"].as_array().unwrap().len()
        );
    }
    let troups = results
        .iter()
        .find(|r| {
            r["ruleId"] == "spelling.unknown-word"
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "desk,%20news/story%3A%20one.md"
        })
        .expect("the troups result");
    assert_eq!(
        troups["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "troops"
    );
}

#[test]
fn github_lines_match_the_workflow_command_syntax() {
    let room = newsroom();
    let dir = room.path();
    let out = newslint(&["check", "--format", "github", "."], dir);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let syntax = regex::Regex::new(
        r"^::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=newslint \(([a-z.-]+)\)::([^\r\n]*)$",
    )
    .unwrap();
    let findings = json_findings(dir);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{text}");
    for (line, f) in lines.iter().zip(&findings) {
        let c = syntax
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let command = match f["severity"].as_str().unwrap() {
            "info" => "notice",
            other => other,
        };
        assert_eq!(&c[1], command);
        let path = c[2]
            .replace("%2C", ",")
            .replace("%3A", ":")
            .replace("%25", "%");
        assert_eq!(path, f["path"].as_str().unwrap());
        assert_eq!(c[3].parse::<u64>().unwrap(), f["line"].as_u64().unwrap());
        assert_eq!(c[4].parse::<u64>().unwrap(), f["column"].as_u64().unwrap());
        assert_eq!(
            c[5].parse::<u64>().unwrap(),
            f["end_line"].as_u64().unwrap()
        );
        assert_eq!(
            c[6].parse::<u64>().unwrap(),
            f["end_column"].as_u64().unwrap()
        );
        assert_eq!(&c[7], f["rule"].as_str().unwrap());
        let message = c[8]
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%");
        assert!(
            message.starts_with(f["message"].as_str().unwrap()),
            "{message}"
        );
    }
    // The slip in the story whose folder and name hold `,` and `:`.
    let f = findings
        .iter()
        .find(|f| f["rule"] == "spelling.unknown-word" && f["line"] == 1 && f["text"] == "troups")
        .expect("the troups finding");
    let also: Vec<&str> = f["suggestions"].as_array().unwrap()[1..]
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let want = format!(
        "::error file=./desk%2C news/story%3A one.md,line=1,col=41,endLine=1,endColumn=47,\
         title=newslint (spelling.unknown-word)::`troups` is not a word: did you mean `troops`?\
         %0Adid you mean `troops`? (also: {})",
        also.join(", ")
    );
    assert!(lines.contains(&want.as_str()), "{want}\nnot in\n{text}");
    // No line carries a raw CR, though a story has CRLF line endings.
    assert!(!text.contains('\r'));
    for severity in ["::error ", "::warning ", "::notice "] {
        assert!(text.contains(severity), "no {severity} in\n{text}");
    }
}

#[test]
fn json_lines_hold_the_json_findings_one_a_line() {
    let room = newsroom();
    let dir = room.path();
    let out = newslint(&["check", "--format", "json-lines", "."], dir);
    assert_eq!(out.status.code(), Some(1));
    let each: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(each, json_findings(dir));
    // Nothing found: no line at all, exit 0.
    std::fs::write(dir.join("clean.md"), "Troops left the base on Tuesday.\n").unwrap();
    let clean = newslint(&["check", "--format", "json-lines", "clean.md"], dir);
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty());
}
