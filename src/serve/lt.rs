//! The LanguageTool-compatible API: `GET /v2/languages` and
//! `GET|POST /v2/check`, with LanguageTool's parameters and response
//! shapes, so browser add-ons, office plug-ins and client libraries made
//! for LanguageTool can use newslint instead.
//!
//! Rule ids are newslint's (`spelling.unknown-word`); a match's category is
//! the rule's family (`spelling`, `typography`, ...). Offsets and lengths
//! count UTF-16 code units, as LanguageTool's do.

use super::text::{self, Annotated, Utf16Index};
use super::BadRequest;
use crate::base::{Dialect, Finding, Settings, Severity};
use crate::registry;
use crate::rules::RuleRef;
use serde::Serialize;
use serde_json::{json, Value};

/// The dialects newslint has, as LanguageTool names them.
pub const DIALECTS: [Dialect; 5] = Dialect::ALL;

pub fn language_name(d: Dialect) -> &'static str {
    match d {
        Dialect::EnUs => "English (US)",
        Dialect::EnGb => "English (GB)",
        Dialect::EnAu => "English (Australian)",
        Dialect::EnCa => "English (Canadian)",
        Dialect::EnZa => "English (South African)",
    }
}

/// `GET /v2/languages`.
pub fn languages() -> Value {
    Value::Array(
        DIALECTS
            .iter()
            .map(|&d| json!({"name": language_name(d), "code": "en", "longCode": d.to_string()}))
            .collect(),
    )
}

/// A `/v2/check` request, read from its parameters.
#[derive(Debug)]
pub struct CheckRequest {
    pub text: Annotated,
    pub dialect: Dialect,
    /// The language as asked for (`auto`, `en`, `en-GB`).
    pub asked: String,
    pub settings: Settings,
    /// `level=picky`: report `info` findings too.
    pub picky: bool,
}

/// LanguageTool's category ids that clients send, as newslint families.
fn category_families(category: &str) -> Vec<String> {
    match category.to_ascii_uppercase().as_str() {
        // language-tool-python's disable_spellchecking() sends TYPOS.
        "TYPOS" => vec!["spelling".into(), "names".into()],
        "TYPOGRAPHY" | "PUNCTUATION" => vec!["typography".into()],
        "STYLE" | "REDUNDANCY" => vec!["style".into(), "dialect".into()],
        "GRAMMAR" | "CONFUSED_WORDS" => vec!["context".into()],
        _ => vec![category.to_ascii_lowercase()],
    }
}

/// A comma-separated list, without empty items.
fn list(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The rule selectors of `items` that name newslint rules or families;
/// others (LanguageTool's own rule ids, which clients send by habit) are
/// passed over, as LanguageTool passes over ids it does not know.
fn known(items: impl IntoIterator<Item = String>) -> Vec<String> {
    items
        .into_iter()
        .filter(|s| registry::check_selector(s).is_ok())
        .collect()
}

/// Reads a check request's parameters (query and form fields together;
/// the last of a repeated one wins). Unknown parameters are ignored. The
/// error is the reason for a 400.
pub fn parse(params: &[(String, String)], base: &Settings) -> Result<CheckRequest, BadRequest> {
    let get = |key: &str| {
        params
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let text = match (get("text"), get("data")) {
        (Some(_), Some(_)) => return Err("set only 'text' or 'data', not both".into()),
        (Some(t), None) => Annotated::plain(t.to_string()),
        (None, Some(d)) => Annotated::from_data(d)?,
        (None, None) => return Err("missing 'text' or 'data' parameter".into()),
    };
    let asked = get("language").unwrap_or("auto").trim().to_string();
    let dialect = match asked.to_ascii_lowercase().as_str() {
        // newslint checks English only: `auto` and bare `en` are the
        // server's dialect, or the client's preferred English variant.
        "auto" | "en" | "" => list(get("preferredVariants"))
            .iter()
            .find_map(|v| v.parse::<Dialect>().ok())
            .unwrap_or(base.dialect),
        _ => asked.parse::<Dialect>().map_err(|_| {
            format!("unsupported language '{asked}': this server checks en-US, en-GB, en-AU, en-CA and en-ZA (or auto)")
        })?,
    };
    let picky = match get("level").unwrap_or("default") {
        "default" | "" => false,
        "picky" => true,
        other => return Err(format!("unknown level '{other}' (expected default or picky)").into()),
    };
    let enabled_only = match get("enabledOnly").unwrap_or("false") {
        "true" => true,
        "false" | "" => false,
        other => return Err(format!("enabledOnly must be true or false, not '{other}'").into()),
    };
    let enabled: Vec<String> = known(
        list(get("enabledRules")).into_iter().chain(
            list(get("enabledCategories"))
                .iter()
                .flat_map(|c| category_families(c)),
        ),
    );
    let disabled: Vec<String> = known(
        list(get("disabledRules")).into_iter().chain(
            list(get("disabledCategories"))
                .iter()
                .flat_map(|c| category_families(c)),
        ),
    );
    let mut settings = Settings {
        dialect,
        ..base.clone()
    };
    if enabled_only {
        if get("enabledRules").is_none() && get("enabledCategories").is_none() {
            return Err("enabledOnly=true needs enabledRules or enabledCategories".into());
        }
        // Only these: none at all when none of them is newslint's.
        if enabled.is_empty() {
            settings.select.clear();
            settings.ignore.push("ALL".into());
        } else {
            settings.select = enabled;
        }
    } else if !enabled.is_empty() {
        // On in addition to what is on, and over the server's `ignore`
        // (the more specific selector wins).
        if settings.select.is_empty() {
            settings.select.push("ALL".into());
        }
        settings.select.extend(enabled);
    }
    settings.ignore.extend(disabled);
    Ok(CheckRequest {
        text,
        dialect,
        asked,
        settings,
        picky,
    })
}

#[derive(Serialize)]
struct Response<'a> {
    software: Software,
    warnings: Warnings,
    language: Language<'a>,
    matches: Vec<Match<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Software {
    name: &'static str,
    version: &'static str,
    build_date: &'static str,
    api_version: u32,
    premium: bool,
    status: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Warnings {
    incomplete_results: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Language<'a> {
    name: &'static str,
    code: String,
    detected_language: Detected<'a>,
}

#[derive(Serialize)]
struct Detected<'a> {
    name: &'static str,
    code: String,
    confidence: f32,
    source: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Match<'a> {
    message: &'a str,
    short_message: &'static str,
    replacements: Vec<Replacement<'a>>,
    offset: usize,
    length: usize,
    context: Context,
    sentence: &'a str,
    #[serde(rename = "type")]
    kind: TypeName,
    rule: Rule<'a>,
    ignore_for_incomplete_sentence: bool,
    context_for_sure_match: i32,
}

#[derive(Serialize)]
struct Replacement<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Context {
    text: String,
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TypeName {
    type_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    description: &'a str,
    issue_type: &'static str,
    category: Category<'a>,
}

#[derive(Serialize)]
struct Category<'a> {
    id: &'a str,
    name: &'static str,
}

/// LanguageTool's issue type (the ITS 2.0 localization quality issue
/// types its clients colour by) for a newslint rule.
pub fn issue_type(rule: &str) -> &'static str {
    match rule {
        "typography.repeated-word" => "duplication",
        "typography.double-space" => "whitespace",
        "names.inconsistent" => "inconsistency",
        _ => match rule.split('.').next().unwrap_or(rule) {
            "spelling" | "names" => "misspelling",
            "typography" => "typographical",
            "context" => "grammar",
            "style" | "dialect" | "vale" => "style",
            _ => "uncategorized",
        },
    }
}

/// A family's display name, LanguageTool's `category.name`.
pub fn family_name(family: &str) -> &'static str {
    match family {
        "spelling" => "Spelling",
        "names" => "Names",
        "typography" => "Typography",
        "context" => "Words in context",
        "style" => "House style",
        "dialect" => "British and American spelling",
        "vale" => "Vale rules",
        _ => "Other",
    }
}

fn short_message(rule: &str) -> &'static str {
    match rule {
        "spelling.unknown-word" => "Spelling mistake",
        "spelling.unfamiliar-word" => "Unfamiliar word",
        "names.unknown" => "Name to check",
        "names.inconsistent" => "Name spelled two ways",
        "context.real-word" => "Wrong word?",
        "typography.repeated-word" => "Repeated word",
        _ => family_name(rule.split('.').next().unwrap_or(rule)),
    }
}

/// LanguageTool's match type: `UnknownWord` for a word no dictionary
/// has, `Hint` for what is only worth a glance (newslint's `info`).
fn type_name(f: &Finding) -> &'static str {
    if f.severity == Severity::Info {
        "Hint"
    } else if f.rule == "spelling.unknown-word" {
        "UnknownWord"
    } else {
        "Other"
    }
}

/// The `/v2/check` response for `findings` of `req.text.plain`, by the
/// linter that ran `rules` (for their descriptions). `info` findings only
/// at `level=picky`.
pub fn response(req: &CheckRequest, findings: &[Finding], rules: &[RuleRef]) -> String {
    let original = &req.text.original;
    let utf16 = Utf16Index::new(original);
    let matches = findings
        .iter()
        .filter(|f| req.picky || f.severity != Severity::Info)
        .map(|f| {
            let info = rules.iter().map(|r| r.info()).find(|i| i.id == f.rule);
            let family = f.rule.split('.').next().unwrap_or(f.rule);
            let span = req.text.to_original(f.span.clone());
            let (ctx, ctx_offset, ctx_length) = text::context(original, span.clone());
            let offset = utf16.at(span.start);
            Match {
                message: &f.message,
                short_message: short_message(f.rule),
                replacements: f
                    .suggestions
                    .iter()
                    .map(|s| Replacement { value: s })
                    .collect(),
                offset,
                length: utf16.at(span.end) - offset,
                context: Context {
                    text: ctx,
                    offset: ctx_offset,
                    length: ctx_length,
                },
                sentence: text::sentence(&req.text.plain, f.span.clone()),
                kind: TypeName {
                    type_name: type_name(f),
                },
                rule: Rule {
                    id: f.rule,
                    description: info.map_or(f.rule, |i| i.summary.as_ref()),
                    issue_type: issue_type(f.rule),
                    category: Category {
                        id: family,
                        name: family_name(family),
                    },
                },
                ignore_for_incomplete_sentence: false,
                context_for_sure_match: 0,
            }
        })
        .collect();
    let code = req.dialect.to_string();
    let response = Response {
        software: Software {
            name: "newslint",
            version: env!("CARGO_PKG_VERSION"),
            build_date: "",
            api_version: 1,
            premium: false,
            status: "",
        },
        warnings: Warnings {
            incomplete_results: false,
        },
        language: Language {
            name: language_name(req.dialect),
            code: code.clone(),
            detected_language: Detected {
                name: language_name(req.dialect),
                code,
                confidence: 1.0,
                source: if req.asked.eq_ignore_ascii_case("auto") {
                    "server default"
                } else {
                    "given"
                },
            },
        },
        matches,
    };
    serde_json::to_string(&response).expect("a response serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn languages_map_to_dialects() {
        let base = Settings {
            dialect: Dialect::EnGb,
            ..Settings::default()
        };
        for (language, want) in [
            ("en-US", Dialect::EnUs),
            ("en_gb", Dialect::EnGb),
            ("auto", Dialect::EnGb),
            ("en", Dialect::EnGb),
        ] {
            let r = parse(&params(&[("text", "x"), ("language", language)]), &base).unwrap();
            assert_eq!(r.dialect, want, "{language}");
        }
        let r = parse(
            &params(&[
                ("text", "x"),
                ("language", "auto"),
                ("preferredVariants", "de-AT,en-US"),
            ]),
            &base,
        )
        .unwrap();
        assert_eq!(r.dialect, Dialect::EnUs);
        let err = parse(&params(&[("text", "x"), ("language", "de-DE")]), &base)
            .unwrap_err()
            .0;
        assert!(err.contains("de-DE"), "{err}");
    }

    #[test]
    fn missing_or_doubled_text_is_an_error() {
        let base = Settings::default();
        assert!(parse(&params(&[("language", "en-US")]), &base)
            .unwrap_err()
            .0
            .contains("missing"));
        assert!(parse(&params(&[("text", "a"), ("data", "{}")]), &base)
            .unwrap_err()
            .0
            .contains("not both"));
        assert!(parse(&params(&[("text", "a"), ("level", "loud")]), &base).is_err());
        assert!(parse(&params(&[("text", "a"), ("enabledOnly", "true")]), &base).is_err());
    }

    #[test]
    fn rules_and_categories_become_select_and_ignore() {
        let base = Settings {
            ignore: vec!["names".into()],
            ..Settings::default()
        };
        let r = parse(
            &params(&[
                ("text", "x"),
                ("disabledRules", "WHITESPACE_RULE,typography.double-space"),
                ("disabledCategories", "TYPOS"),
                ("enabledRules", "names.unknown,EN_A_VS_AN"),
                ("unknownParameter", "ignored"),
            ]),
            &base,
        )
        .unwrap();
        assert_eq!(r.settings.select, ["ALL", "names.unknown"]);
        assert_eq!(
            r.settings.ignore,
            ["names", "typography.double-space", "spelling", "names"]
        );
        let r = parse(
            &params(&[
                ("text", "x"),
                ("enabledOnly", "true"),
                ("enabledCategories", "typography"),
            ]),
            &base,
        )
        .unwrap();
        assert_eq!(r.settings.select, ["typography"]);
        // Only rules newslint does not have: nothing runs.
        let r = parse(
            &params(&[
                ("text", "x"),
                ("enabledOnly", "true"),
                ("enabledRules", "EN_A_VS_AN"),
            ]),
            &base,
        )
        .unwrap();
        let linter = crate::lint::Linter::new(&r.settings).unwrap();
        assert!(linter.rules().is_empty());
    }

    #[test]
    fn issue_types_follow_the_family() {
        assert_eq!(issue_type("spelling.unknown-word"), "misspelling");
        assert_eq!(issue_type("names.unknown"), "misspelling");
        assert_eq!(issue_type("typography.dash-hyphen"), "typographical");
        assert_eq!(issue_type("typography.repeated-word"), "duplication");
        assert_eq!(issue_type("context.real-word"), "grammar");
        assert_eq!(issue_type("style.ap.numerals"), "style");
        assert_eq!(issue_type("vale.Desk.Rule"), "style");
    }
}
