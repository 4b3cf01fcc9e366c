//! `newslint serve`'s routes, in process: every status code and limit,
//! the LanguageTool-compatible shapes and offsets, and the native API
//! against `newslint check --format json`. (Network behaviour, signals and
//! the binary are in `serve_net.rs`; real clients in `serve_e2e.rs`.)

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use newslint::base::{Dialect, Settings};
use newslint::serve::{app, AppState, Config};
use serde_json::Value;
use std::time::Duration;
use tower::ServiceExt;

const STORY: &str = include_str!("fixtures/serve/story-en-gb.txt");

fn gb() -> Settings {
    Settings {
        dialect: Dialect::EnGb,
        ..Settings::default()
    }
}

fn config(settings: Settings) -> Config {
    Config {
        workers: 1,
        ..Config::new(settings)
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn send(state: &AppState, req: Request<Body>) -> Reply {
    let res = app(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn post_form(path: &str, pairs: &[(&str, &str)]) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form(pairs)))
        .unwrap()
}

fn post_json(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

/// The text a LanguageTool match covers, by its UTF-16 offset and length.
fn covered(text: &str, m: &Value) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let at = m["offset"].as_u64().unwrap() as usize;
    let len = m["length"].as_u64().unwrap() as usize;
    String::from_utf16(&units[at..at + len]).unwrap()
}

#[tokio::test]
async fn languages_are_the_dialects() {
    let state = AppState::new(config(gb())).unwrap();
    let r = send(&state, get("/v2/languages")).await;
    assert_eq!(r.status, StatusCode::OK);
    let langs = r.json();
    let long: Vec<&str> = langs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["longCode"].as_str().unwrap())
        .collect();
    assert_eq!(long, ["en-US", "en-GB", "en-AU", "en-CA", "en-ZA"]);
    for l in langs.as_array().unwrap() {
        assert_eq!(l["code"], "en");
        assert!(l["name"].as_str().unwrap().starts_with("English"));
    }
}

#[tokio::test]
async fn the_story_gives_its_three_slips_with_the_right_fixes_first() {
    let state = AppState::new(config(Settings::default())).unwrap();
    for req in [
        post_form("/v2/check", &[("text", STORY), ("language", "en-GB")]),
        get(&format!(
            "/v2/check?{}",
            form(&[("text", STORY), ("language", "en-GB")])
        )),
    ] {
        let r = send(&state, req).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(
            r.headers[header::CONTENT_TYPE],
            "application/json",
            "{:?}",
            r.headers
        );
        let body = r.json();
        assert_eq!(body["language"]["code"], "en-GB");
        assert_eq!(body["software"]["apiVersion"], 1);
        let matches = body["matches"].as_array().unwrap();
        let got: Vec<(String, &str, &str, &str, &str)> = matches
            .iter()
            .map(|m| {
                (
                    covered(STORY, m),
                    m["replacements"][0]["value"].as_str().unwrap(),
                    m["rule"]["id"].as_str().unwrap(),
                    m["rule"]["issueType"].as_str().unwrap(),
                    m["rule"]["category"]["id"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "drowns".to_string(),
                    "drones",
                    "context.real-word",
                    "grammar",
                    "context"
                ),
                (
                    "troups".to_string(),
                    "troops",
                    "spelling.unknown-word",
                    "misspelling",
                    "spelling"
                ),
                (
                    "—-".to_string(),
                    "—",
                    "typography.dash-hyphen",
                    "typographical",
                    "typography"
                ),
            ]
        );
        let troups = &matches[1];
        assert_eq!(troups["type"]["typeName"], "UnknownWord");
        assert_eq!(troups["shortMessage"], "Spelling mistake");
        let ctx = &troups["context"];
        let ctx_text = ctx["text"].as_str().unwrap();
        assert_eq!(
            covered(
                ctx_text,
                &serde_json::json!({"offset": ctx["offset"], "length": ctx["length"]})
            ),
            "troups"
        );
        assert!(troups["sentence"]
            .as_str()
            .unwrap()
            .starts_with("BAGHDAD — Air defences"));
        assert!(troups["sentence"]
            .as_str()
            .unwrap()
            .ends_with("a security official said."));
    }
}

#[tokio::test]
async fn offsets_after_an_emoji_count_utf16_units() {
    let state = AppState::new(config(Settings::default())).unwrap();
    let text = "Fans 🙂🎉 cheered as the troups left — and the the band played.";
    let r = send(
        &state,
        post_form("/v2/check", &[("text", text), ("language", "en-US")]),
    )
    .await;
    let body = r.json();
    let matches = body["matches"].as_array().unwrap();
    let spans: Vec<String> = matches.iter().map(|m| covered(text, m)).collect();
    assert_eq!(spans, ["troups", "the the"]);
    // Two emoji are four UTF-16 units but two characters.
    let chars_before = text[..text.find("troups").unwrap()].chars().count();
    assert_eq!(
        matches[0]["offset"].as_u64().unwrap() as usize,
        chars_before + 2
    );
}

#[tokio::test]
async fn both_dialects() {
    let state = AppState::new(config(Settings::default())).unwrap();
    let text =
        "The colour of the flag honours the organisation. The color honors the organization.";
    for (language, want) in [
        ("en-US", ["colour", "honours", "organisation"]),
        ("en-GB", ["color", "honors", "organization"]),
    ] {
        let r = send(
            &state,
            post_form("/v2/check", &[("text", text), ("language", language)]),
        )
        .await;
        let body = r.json();
        assert_eq!(body["language"]["code"], language);
        let words: Vec<String> = body["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| covered(text, m))
            .collect();
        assert_eq!(words, want, "{language}");
    }
    // `auto` and bare `en` are the server's dialect.
    let gb_state = AppState::new(config(gb())).unwrap();
    for language in ["auto", "en"] {
        let r = send(
            &gb_state,
            post_form("/v2/check", &[("text", text), ("language", language)]),
        )
        .await;
        assert_eq!(r.json()["language"]["code"], "en-GB", "{language}");
    }
}

#[tokio::test]
async fn annotated_data_skips_markup_and_counts_it_in_offsets() {
    let state = AppState::new(config(Settings::default())).unwrap();
    let data = serde_json::json!({"annotation": [
        {"markup": "<p>"}, {"text": "The "}, {"markup": "<b class=\"x\">"}, {"text": "troups"},
        {"markup": "</b>"}, {"text": " left 🙂."}, {"markup": "</p><p>", "interpretAs": "\n\n"},
        {"text": "Then the the band played."}, {"markup": "</p>"}
    ]})
    .to_string();
    let r = send(
        &state,
        post_form("/v2/check", &[("data", &data), ("language", "en-US")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let whole = "<p>The <b class=\"x\">troups</b> left 🙂.</p><p>Then the the band played.</p>";
    let words: Vec<String> = r.json()["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| covered(whole, m))
        .collect();
    assert_eq!(words, ["troups", "the the"]);
}

#[tokio::test]
async fn level_and_rule_parameters() {
    let state = AppState::new(config(Settings::default())).unwrap();
    let text = "Zbigniewska said the troups left  early.";
    let ids = |r: Reply| -> Vec<String> {
        r.json()["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["rule"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    let default = ids(send(&state, post_form("/v2/check", &[("text", text)])).await);
    assert_eq!(
        default,
        ["spelling.unknown-word", "typography.double-space"]
    );
    let picky = ids(send(
        &state,
        post_form("/v2/check", &[("text", text), ("level", "picky")]),
    )
    .await);
    assert_eq!(
        picky,
        [
            "names.unknown",
            "spelling.unknown-word",
            "typography.double-space"
        ]
    );
    let off = ids(send(
        &state,
        post_form(
            "/v2/check",
            &[
                ("text", text),
                ("disabledRules", "typography.double-space,WHITESPACE_RULE"),
                ("disabledCategories", "TYPOS"),
            ],
        ),
    )
    .await);
    assert!(off.is_empty(), "{off:?}");
    let only = ids(send(
        &state,
        post_form(
            "/v2/check",
            &[
                ("text", text),
                ("enabledOnly", "true"),
                ("enabledCategories", "typography"),
            ],
        ),
    )
    .await);
    assert_eq!(only, ["typography.double-space"]);
}

#[tokio::test]
async fn bad_check_requests_get_400_in_plain_text() {
    let state = AppState::new(config(Settings::default())).unwrap();
    for (pairs, says) in [
        (vec![("language", "en-US")], "missing 'text' or 'data'"),
        (
            vec![("text", "x"), ("language", "de-DE")],
            "unsupported language",
        ),
        (vec![("text", "x"), ("data", "{}")], "not both"),
        (vec![("data", "{not json")], "could not parse JSON"),
        (vec![("text", "x"), ("level", "loud")], "unknown level"),
    ] {
        let r = send(&state, post_form("/v2/check", &pairs)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{pairs:?}");
        assert!(r.body.starts_with("Error: "), "{}", r.body);
        assert!(r.body.contains(says), "{pairs:?}: {}", r.body);
    }
}

#[tokio::test]
async fn bodies_and_texts_over_the_limits_get_413() {
    let state = AppState::new(Config {
        max_body: 2_000,
        max_text: 100,
        ..config(Settings::default())
    })
    .unwrap();
    // Declared too large: refused before reading.
    let big = "a".repeat(3_000);
    let body = form(&[("text", &big)]);
    let req = Request::post("/v2/check")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body.clone()))
        .unwrap();
    let r = send(&state, req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("2000 bytes"), "{}", r.body);
    // No length declared (as with a chunked body): refused when the limit
    // is passed while reading.
    let r = send(&state, post_form("/v2/check", &[("text", &big)])).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("2000 bytes"), "{}", r.body);
    let json = serde_json::json!({ "text": big }).to_string();
    let r = send(&state, post_json("/api/check", &json)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.json()["error"].as_str().unwrap().contains("2000 bytes"));
    // Within the body limit, over the text limit (in characters).
    let long = "é".repeat(101);
    let r = send(&state, post_form("/v2/check", &[("text", &long)])).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("101 characters"), "{}", r.body);
    let body = serde_json::json!({"text": long}).to_string();
    assert_eq!(
        send(&state, post_json("/api/check", &body)).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let ok = "é".repeat(100);
    let r = send(&state, post_form("/v2/check", &[("text", &ok)])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_gets_503_and_a_slow_check_times_out() {
    let state = AppState::new(Config {
        workers: 1,
        queue: 0,
        timeout: Duration::from_millis(300),
        ..Config::new(Settings::default())
    })
    .unwrap();
    // Hold the only worker.
    let (release, held) = std::sync::mpsc::channel::<()>();
    let (started_tx, started) = tokio::sync::oneshot::channel::<()>();
    let pool = state.pool().clone();
    let holder = tokio::spawn(async move {
        pool.run(move |_| {
            let _ = started_tx.send(());
            let _ = held.recv();
        })
        .await
    });
    started.await.unwrap();
    let r = send(
        &state,
        post_form("/v2/check", &[("text", "The troups left.")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers[header::RETRY_AFTER], "1");
    assert!(r.body.contains("busy"), "{}", r.body);
    let r = send(&state, post_json("/api/check", r#"{"text": "x"}"#)).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.json()["error"].as_str().unwrap().contains("busy"));
    release.send(()).unwrap();
    holder.await.unwrap().unwrap();

    // With room to wait but a worker that does not come free in time.
    let state = AppState::new(Config {
        workers: 1,
        queue: 4,
        timeout: Duration::from_millis(300),
        ..Config::new(Settings::default())
    })
    .unwrap();
    let (release, held) = std::sync::mpsc::channel::<()>();
    let (started_tx, started) = tokio::sync::oneshot::channel::<()>();
    let pool = state.pool().clone();
    let holder = tokio::spawn(async move {
        pool.run(move |_| {
            let _ = started_tx.send(());
            let _ = held.recv();
        })
        .await
    });
    started.await.unwrap();
    let r = send(
        &state,
        post_form("/v2/check", &[("text", "The troups left.")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.body.contains("300 ms"), "{}", r.body);
    release.send(()).unwrap();
    holder.await.unwrap().unwrap();
    // The server goes on: the timed-out job was skipped, the next works.
    let r = send(
        &state,
        post_form("/v2/check", &[("text", "The troups left.")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn a_token_guards_every_api_route() {
    let state = AppState::new(Config {
        token: Some("s3cret".into()),
        ..config(Settings::default())
    })
    .unwrap();
    let with = |mut req: Request<Body>, auth: &str| {
        req.headers_mut()
            .insert(header::AUTHORIZATION, auth.parse().unwrap());
        req
    };
    let requests = || {
        vec![
            get("/v2/languages"),
            post_form("/v2/check", &[("text", "x")]),
            post_json("/api/check", r#"{"text": "x"}"#),
            get("/api/rules"),
        ]
    };
    for req in requests() {
        let path = req.uri().path().to_string();
        let r = send(&state, req).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(r.headers.contains_key(header::WWW_AUTHENTICATE));
    }
    for req in requests() {
        let r = send(&state, with(req, "Bearer wrong")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    for req in requests() {
        let path = req.uri().path().to_string();
        let r = send(&state, with(req, "Bearer s3cret")).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    // The page and the health check stay open (the page asks for the token).
    for path in ["/", "/healthz", "/assets/page.js"] {
        assert_eq!(
            send(&state, get(path)).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
}

#[tokio::test]
async fn cors_is_off_unless_origins_are_allowed() {
    let preflight = || {
        Request::builder()
            .method("OPTIONS")
            .uri("/v2/check")
            .header(header::ORIGIN, "https://cms.example.com")
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .body(Body::empty())
            .unwrap()
    };
    let closed = AppState::new(config(Settings::default())).unwrap();
    let r = send(&closed, preflight()).await;
    assert!(!r.headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    let open = AppState::new(Config {
        cors_origins: vec!["https://cms.example.com".into()],
        token: Some("t".into()),
        ..config(Settings::default())
    })
    .unwrap();
    // A preflight needs no token.
    let r = send(&open, preflight()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://cms.example.com"
    );
    let mut other = preflight();
    other
        .headers_mut()
        .insert(header::ORIGIN, "https://elsewhere.example".parse().unwrap());
    let r = send(&open, other).await;
    assert!(!r.headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}

/// `newslint check --format json -` on `text`, run in an empty folder.
fn cli_json(text: &str, args: &[&str]) -> String {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["check", "--format", "json"])
        .args(args)
        .arg("-")
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn api_check_answers_exactly_what_check_prints() {
    let state = AppState::new(config(gb())).unwrap();
    let emoji = format!("🙂 {STORY}\nThe the goverment sayed  so.");
    for (body, args) in [
        (
            serde_json::json!({"text": STORY}),
            vec!["--dialect", "en-GB"],
        ),
        (
            serde_json::json!({"text": format!("# Goverment hed\n\n{emoji}\n\n    recieve_timeout = 3\n"), "format": "markdown"}),
            vec!["--dialect", "en-GB", "--input-format", "markdown"],
        ),
        (
            serde_json::json!({"text": "<h1>The troups</h1><p>council&rsquo;s <code>recieve</code> plan</p>", "format": "html"}),
            vec!["--dialect", "en-GB", "--input-format", "html"],
        ),
        (
            serde_json::json!({"text": emoji, "dialect": "en-US", "style": "ap", "ignore": ["names"]}),
            vec!["--dialect", "en-US", "--style", "ap", "--ignore", "names"],
        ),
        (
            serde_json::json!({"text": STORY, "select": ["typography"]}),
            vec!["--dialect", "en-GB", "--select", "typography"],
        ),
        (serde_json::json!({"text": ""}), vec!["--dialect", "en-GB"]),
    ] {
        let text = body["text"].as_str().unwrap().to_string();
        let r = send(&state, post_json("/api/check", &body.to_string())).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let cli = cli_json(&text, &args);
        assert!(!cli.is_empty());
        assert_eq!(r.body, cli, "{body}");
    }
}

#[tokio::test]
async fn bad_native_requests_get_400_in_json() {
    let state = AppState::new(config(Settings::default())).unwrap();
    for (body, says) in [
        ("not json", "JSON object"),
        (r#"{"txt": "x"}"#, "unknown field"),
        (
            r#"{"text": "x", "words": ["/etc/passwd"]}"#,
            "unknown field",
        ),
        (r#"{"text": "x", "dialect": "fr-FR"}"#, "unknown dialect"),
        (r#"{"text": "x", "style": "house"}"#, "unknown style"),
        (
            r#"{"text": "x", "select": ["spelin"]}"#,
            "no rule or family",
        ),
        (
            r#"{"text": "x", "format": "docx"}"#,
            "cannot travel as JSON",
        ),
        (r#"{"text": "x", "format": "rtf"}"#, "unknown format"),
    ] {
        let r = send(&state, post_json("/api/check", body)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        let err = r.json()["error"].as_str().unwrap().to_string();
        assert!(err.contains(says), "{body}: {err}");
    }
    let r = send(&state, get("/api/nothing")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json()["error"].is_string());
    let r = send(&state, get("/v2/nothing")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.starts_with("Error: "));
    let r = send(&state, get("/api/check")).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.json()["error"].as_str().unwrap().contains("GET"));
}

#[tokio::test]
async fn rules_health_and_page() {
    let state = AppState::new(Config {
        settings: Settings {
            ignore: vec!["names".into()],
            ..gb()
        },
        ..config(Settings::default())
    })
    .unwrap();
    let rules = send(&state, get("/api/rules")).await.json();
    assert_eq!(rules["defaults"]["dialect"], "en-GB");
    let find = |id: &str| {
        rules["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    let unknown = find("spelling.unknown-word");
    assert_eq!(unknown["enabled"], true);
    assert_eq!(unknown["family"], "spelling");
    assert!(!unknown["doc"].as_str().unwrap().is_empty());
    assert_eq!(find("names.unknown")["enabled"], false);
    assert_eq!(find("style.core.cliche")["enabled"], false);

    let health = send(&state, get("/healthz")).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json()["status"], "ok");
    assert_eq!(health.json()["workers"], 1);

    let page = send(&state, get("/")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(page.body.contains("/assets/page.js"));
    for (path, kind) in [
        ("/assets/page.js", "text/javascript"),
        ("/assets/page.css", "text/css"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let r = send(&state, get(path)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(kind));
    }
}
