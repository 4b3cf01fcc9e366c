//! `--format sarif`: a SARIF 2.1.0 log (OASIS), for GitHub code scanning
//! (`github/codeql-action/upload-sarif`), SARIF viewers in editors and
//! other tools that read static-analysis results.
//!
//! One run: `tool.driver` lists every rule that ran (id, a readable name,
//! the summary and the rule's documentation, a link to it in
//! `docs/rules.md`, and its default level); each finding is a result with
//! its rule, level, message and location, and one fix per suggestion.
//!
//! **Columns.** SARIF counts columns in UTF-16 code units unless the run
//! says otherwise; newslint counts Unicode characters (code points), so
//! the run sets `columnKind` to `unicodeCodePoints` and the columns are the
//! same as in every other format. Each region also carries the exact
//! `byteOffset`/`byteLength` of the finding in the file (UTF-8, counted from
//! the file's first byte, a byte-order mark included).
//!
//! **Paths.** A story named by a relative path gets a relative `uri`
//! (percent-encoded, `/`-separated) with `uriBaseId` `%SRCROOT%`, which the
//! run's `originalUriBaseIds` resolves to the folder newslint ran in; an
//! absolute path becomes a `file://` URI.
//!
//! The output is checked against the official schema in
//! `tests/schemas/sarif-schema-2.1.0.json` by `tests/sarif_schema.rs`.

use super::{locate, rule_url};
use crate::base::finding::{Finding, Severity};
use crate::base::Settings;
use crate::registry::RulesError;
use crate::rules::{Rule, RuleRef};
use crate::text::document::Document;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The schema this log follows (SARIF 2.1.0 with its 2023 errata).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base id relative artifact URIs hang from.
pub const SRCROOT: &str = "%SRCROOT%";

/// What a URI path may not hold as it is: everything outside RFC 3986's
/// unreserved characters, `/` and the harmless sub-delimiters. `:` is
/// escaped too, so a relative path never reads as a scheme.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b':');

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `spelling.unknown-word` → `SpellingUnknownWord`: SARIF's readable rule
/// name.
fn rule_name(id: &str) -> String {
    id.split(['.', '-', '_'])
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// A story's path as given on the command line, as a SARIF artifact
/// location.
fn artifact(path: &str) -> Value {
    let slashed = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    if Path::new(path).is_absolute() {
        let lead = if slashed.starts_with('/') { "" } else { "/" };
        return json!({ "uri": format!("file://{lead}{}", encode(&slashed).replace("%3A", ":")) });
    }
    let mut rel = slashed.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    json!({ "uri": encode(rel), "uriBaseId": SRCROOT })
}

/// The folder relative URIs are taken from, as a `file://` URI ending in `/`.
fn base_uri(dir: &Path) -> String {
    let mut path = dir.to_string_lossy().into_owned();
    if cfg!(windows) {
        path = path.replace('\\', "/");
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    let lead = if path.starts_with('/') { "" } else { "/" };
    format!("file://{lead}{}", encode(&path).replace("%3A", ":"))
}

/// The rules the linters for these settings run, each once, in the
/// registry's order.
pub fn rules_run(settings: &[Settings]) -> Result<Vec<RuleRef>, RulesError> {
    let mut done: HashSet<&Settings> = HashSet::new();
    let mut seen: HashSet<&'static str> = HashSet::new();
    let mut out = Vec::new();
    for s in settings {
        if !done.insert(s) {
            continue;
        }
        for rule in crate::registry::selected(s)?.rules {
            if seen.insert(rule.info().id) {
                out.push(rule);
            }
        }
    }
    Ok(out)
}

fn descriptor(rule: &dyn Rule) -> Value {
    let info = rule.info();
    let mut d = json!({
        "id": info.id,
        "name": rule_name(info.id),
        "shortDescription": { "text": info.summary },
        "fullDescription": { "text": info.doc },
        "help": { "text": info.doc },
        "defaultConfiguration": { "level": level(info.severity) },
        "properties": { "tags": [info.family()] },
    });
    // A desk's own Vale rules are not in docs/rules.md.
    if !info.id.starts_with("vale.") {
        d["helpUri"] = json!(rule_url(info.id));
    }
    d
}

fn region(doc: &Document, f: &Finding) -> Value {
    let l = locate(doc, f);
    json!({
        "startLine": l.line,
        "startColumn": l.column,
        "endLine": l.end_line,
        "endColumn": l.end_column,
        "byteOffset": l.byte_start,
        "byteLength": l.byte_end - l.byte_start,
    })
}

fn result(doc: &Document, f: &Finding, rule_index: Option<usize>) -> Value {
    let location = artifact(&doc.path);
    let region = region(doc, f);
    let written = &doc.source()[f.span.clone()];
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [ {
            "physicalLocation": { "artifactLocation": location, "region": region },
        } ],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if !f.suggestions.is_empty() {
        let fixes: Vec<Value> = f
            .suggestions
            .iter()
            .map(|s| {
                let description = if s.is_empty() {
                    format!("Delete `{written}`")
                } else {
                    format!("Replace `{written}` with `{s}`")
                };
                json!({
                    "description": { "text": description },
                    "artifactChanges": [ {
                        "artifactLocation": location,
                        "replacements": [ {
                            "deletedRegion": region,
                            "insertedContent": { "text": s },
                        } ],
                    } ],
                })
            })
            .collect();
        r["fixes"] = Value::Array(fixes);
    }
    r
}

/// The SARIF log of these results. `rules` are the rules that ran (see
/// [`rules_run`]); `base` is the folder relative paths are relative to
/// (the current folder; none leaves `originalUriBaseIds` out).
pub fn log(results: &[(Document, Vec<Finding>)], rules: &[RuleRef], base: Option<&Path>) -> Value {
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.info().id, i))
        .collect();
    let out: Vec<Value> = results
        .iter()
        .flat_map(|(doc, findings)| {
            let index = &index;
            findings
                .iter()
                .map(move |f| result(doc, f, index.get(f.rule).copied()))
        })
        .collect();
    let mut run = Map::new();
    run.insert(
        "tool".into(),
        json!({ "driver": {
            "name": "newslint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://github.com/newslint/newslint",
            "rules": rules.iter().map(|r| descriptor(r.as_ref())).collect::<Vec<_>>(),
        } }),
    );
    if let Some(base) = base {
        run.insert(
            "originalUriBaseIds".into(),
            json!({ SRCROOT: { "uri": base_uri(base) } }),
        );
    }
    run.insert("columnKind".into(), json!("unicodeCodePoints"));
    run.insert("results".into(), Value::Array(out));
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [Value::Object(run)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> (Document, Vec<Finding>) {
        let doc = Document::new("./desk/my story.md", "Iran’s troups left.\n");
        let f = Finding::new(
            "spelling.unknown-word",
            Severity::Error,
            9..15,
            "`troups` is not a word",
        )
        .with_suggestions(vec!["troops".into(), "troupe".into()]);
        (doc, vec![f])
    }

    #[test]
    fn a_result_has_its_rule_level_location_and_fixes() {
        let rules = rules_run(&[Settings::default()]).unwrap();
        let log = log(&[story()], &rules, Some(Path::new("/news room")));
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(
            run["originalUriBaseIds"][SRCROOT]["uri"],
            "file:///news%20room/"
        );
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "spelling.unknown-word");
        assert_eq!(r["level"], "error");
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            run["tool"]["driver"]["rules"][i]["id"],
            "spelling.unknown-word"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"],
            json!({"uri": "desk/my%20story.md", "uriBaseId": SRCROOT})
        );
        // `’` is one character (columns) and three bytes (offsets).
        assert_eq!(
            loc["region"],
            json!({"startLine": 1, "startColumn": 8, "endLine": 1, "endColumn": 14,
                   "byteOffset": 9, "byteLength": 6})
        );
        let fixes = r["fixes"].as_array().unwrap();
        assert_eq!(fixes.len(), 2);
        assert_eq!(
            fixes[0]["description"]["text"],
            "Replace `troups` with `troops`"
        );
        let change = &fixes[0]["artifactChanges"][0];
        assert_eq!(change["artifactLocation"], loc["artifactLocation"]);
        assert_eq!(change["replacements"][0]["deletedRegion"], loc["region"]);
        assert_eq!(
            change["replacements"][0]["insertedContent"]["text"],
            "troops"
        );
    }

    #[test]
    fn the_driver_lists_every_rule_that_ran_with_its_docs() {
        let settings = Settings {
            ignore: vec!["context".into()],
            ..Settings::default()
        };
        let rules = rules_run(&[settings.clone(), settings]).unwrap();
        let log = log(&[], &rules, None);
        let listed = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(listed.len(), rules.len());
        assert!(!listed.iter().any(|r| r["id"] == "context.real-word"));
        let d = listed
            .iter()
            .find(|r| r["id"] == "typography.dash-hyphen")
            .unwrap();
        assert_eq!(d["name"], "TypographyDashHyphen");
        assert_eq!(d["defaultConfiguration"]["level"], "error");
        assert!(d["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#typographydash-hyphen"));
        assert!(!d["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(log["runs"][0].get("originalUriBaseIds").is_none());
        assert_eq!(log["runs"][0]["results"], json!([]));
    }

    #[test]
    fn paths_become_uris() {
        assert_eq!(artifact("a.md")["uri"], "a.md");
        assert_eq!(artifact("././x/b#1?.md")["uri"], "x/b%231%3F.md");
        assert_eq!(artifact("c:d/é.md")["uri"], "c%3Ad/%C3%A9.md");
        if cfg!(unix) {
            assert_eq!(
                artifact("/srv/news/a b.md"),
                json!({"uri": "file:///srv/news/a%20b.md"})
            );
        }
        assert_eq!(rule_name("style.ap.numerals"), "StyleApNumerals");
    }
}
