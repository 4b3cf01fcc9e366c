//! newslint's own API: `POST /api/check` answers exactly what
//! `newslint check --format json` prints for the same text (the same
//! reporter makes it), `GET /api/rules` lists the rules.

use super::BadRequest;
use crate::base::{Dialect, Pack, Settings};
use crate::registry::{self, RulesError};
use crate::text::document::Document;
use crate::text::markup::{Format, MarkupOptions};
use serde::Deserialize;
use serde_json::{json, Value};

/// The body of `POST /api/check`. Unknown fields are an error, so a
/// misspelt option is never silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    pub text: String,
    /// `plain` (the default), `markdown` or `html`.
    #[serde(default)]
    pub format: Option<String>,
    /// `en-US` or `en-GB`; none: the server's.
    #[serde(default)]
    pub dialect: Option<String>,
    /// `ap`, `agency` or `none`; none: the server's.
    #[serde(default)]
    pub style: Option<String>,
    /// Rules or families to run (replaces the server's `select`).
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Rules or families not to run (added to the server's `ignore`).
    #[serde(default)]
    pub ignore: Option<Vec<String>>,
}

/// The settings for a request: the server's, with what the request may
/// change (never a file: word lists, models and Vale rules are the
/// server's own). The error is the reason for a 400.
pub fn settings_for(body: &CheckBody, base: &Settings) -> Result<Settings, BadRequest> {
    let mut s = base.clone();
    if let Some(d) = &body.dialect {
        s.dialect = d
            .parse::<Dialect>()
            .map_err(|e| BadRequest(e.to_string()))?;
    }
    match body.style.as_deref() {
        None => {}
        Some("none") => s.style = None,
        Some(p) => {
            s.style = Some(
                p.parse::<Pack>()
                    .map_err(|e| BadRequest(format!("{e} or none")))?,
            )
        }
    }
    for sel in body.select.iter().chain(&body.ignore).flatten() {
        registry::check_selector(sel).map_err(|e| BadRequest(format!("select/ignore: {e}")))?;
    }
    if let Some(select) = &body.select {
        if !select.is_empty() {
            s.select = select.clone();
        }
    }
    s.ignore.extend(body.ignore.iter().flatten().cloned());
    Ok(s)
}

/// The document `newslint check` would make of `text` in `format` (a
/// format name as `--input-format` takes it: `plain`, `markdown`, `html`,
/// `xml`), or why it cannot be checked: a Word document is a package of
/// bytes, not JSON text, and markup that cannot be read is the client's
/// error.
pub fn document_for(
    format: Option<&str>,
    text: String,
    settings: &Settings,
) -> Result<Document, BadRequest> {
    let name = format.unwrap_or("plain");
    let format = Format::from_name(name).ok_or_else(|| {
        BadRequest(format!(
            "unknown format `{name}` (expected plain, markdown, html or xml)"
        ))
    })?;
    if format == Format::Docx {
        return Err(BadRequest(
            "format `docx` cannot travel as JSON text: check the file with `newslint check`, or send its text".into(),
        ));
    }
    let options = MarkupOptions::with_prose_keys(&settings.front_matter_keys);
    Document::marked_up("-", text, format, &options)
        .map_err(|e| BadRequest(format!("format `{name}`: {e}")))
}

/// `GET /api/rules`: the server's defaults and every rule, with whether
/// it is on under the server's settings.
pub fn rules(base: &Settings) -> Result<Value, RulesError> {
    let selected = registry::selected(base)?.rules;
    let on: Vec<&str> = selected.iter().map(|r| r.info().id).collect();
    let mut all = registry::all();
    // Rules only the server's settings bring (Vale rules).
    for r in selected.iter().cloned() {
        if !all.iter().any(|a| a.info().id == r.info().id) {
            all.push(r);
        }
    }
    let rules: Vec<Value> = all
        .iter()
        .map(|r| {
            let i = r.info();
            json!({
                "id": i.id,
                "family": i.family(),
                "severity": i.severity.as_str(),
                "summary": i.summary,
                "doc": i.doc,
                "enabled": on.contains(&i.id),
            })
        })
        .collect();
    Ok(json!({
        "defaults": {
            "dialect": base.dialect.to_string(),
            "style": base.style.map(Pack::name),
        },
        "dialects": super::lt::DIALECTS.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        "styles": ["ap", "agency"],
        "rules": rules,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(json: &str) -> CheckBody {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_request_changes_dialect_style_and_rules_only() {
        let base = Settings {
            ignore: vec!["names".into()],
            word_files: vec!["desk.txt".into()],
            ..Settings::default()
        };
        let s = settings_for(
            &body(r#"{"text": "x", "dialect": "en-GB", "style": "agency", "select": ["spelling"], "ignore": ["context"]}"#),
            &base,
        )
        .unwrap();
        assert_eq!(s.dialect, Dialect::EnGb);
        assert_eq!(s.style, Some(Pack::Agency));
        assert_eq!(s.select, ["spelling"]);
        assert_eq!(s.ignore, ["names", "context"]);
        assert_eq!(s.word_files, base.word_files);
        let with_pack = Settings {
            style: Some(Pack::Ap),
            ..Settings::default()
        };
        let s = settings_for(&body(r#"{"text": "x", "style": "none"}"#), &with_pack).unwrap();
        assert_eq!(s.style, None);
        for bad in [
            r#"{"text": "x", "dialect": "fr"}"#,
            r#"{"text": "x", "style": "house"}"#,
            r#"{"text": "x", "select": ["spelin"]}"#,
        ] {
            assert!(settings_for(&body(bad), &base).is_err(), "{bad}");
        }
        assert!(
            serde_json::from_str::<CheckBody>(r#"{"text": "x", "words": ["/etc/passwd"]}"#)
                .is_err()
        );
    }

    #[test]
    fn formats_go_through_the_markup_stage() {
        let s = Settings::default();
        let plain = document_for(None, "x".into(), &s).unwrap();
        assert!(!plain.is_marked_up());
        let md = document_for(Some("markdown"), "# Hed\n\n`code`".into(), &s).unwrap();
        assert!(md.is_marked_up());
        assert!(!md.text.contains("code"), "{}", md.text);
        let html = document_for(
            Some("html"),
            "<p>council&rsquo;s <code>x</code></p>".into(),
            &s,
        )
        .unwrap();
        assert!(html.text.contains("council\u{2019}s"), "{}", html.text);
        assert!(!html.text.contains("<p>"));
        assert!(document_for(Some("xml"), "<nitf><body/></nitf>".into(), &s).is_ok());
        assert!(document_for(Some("docx"), "x".into(), &s).is_err());
        assert!(document_for(Some("rtf"), "x".into(), &s)
            .unwrap_err()
            .0
            .contains("unknown format"));
    }
}
