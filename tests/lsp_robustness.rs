//! `newslint lsp` against what went wrong in issue #12 (items 11-15):
//! stale code actions, what `newslint.addWord` may write, bytes that frame
//! nothing, line ends, and a long session on a large story with word lists
//! and Vale rules that change under it.

mod lsp_support;

use lsp_support::{codes, find, framed, uri, wait_exit, Client};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

fn titles(actions: &Value) -> Vec<String> {
    actions["result"]
        .as_array()
        .unwrap_or_else(|| panic!("an array of actions, not {actions}"))
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect()
}

fn whole(text: &str) -> Value {
    json!([{ "text": text }])
}

/// A workspace whose stories are checked only when asked (a long
/// debounce), so a request can arrive between a change and its check.
fn slow_session(dir: &Path) -> Client {
    let mut c = Client::start(dir);
    c.initialize(dir, json!({"debounceMs": 10000, "fullCheckDelayMs": 10000}));
    c
}

/// Item 11: a code action for the old text, after a change and before its
/// check, is answered from a fresh check of the new text: never from old
/// findings sliced out of it, and never a panic when the text got shorter.
#[test]
fn code_actions_after_a_change_come_from_the_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("story.md"));
    let mut c = slow_session(dir.path());
    c.open(&u, "The troups left the base.\n");
    let old = find(&c.diagnostics(&u, 1), "spelling.unknown-word").clone();
    // Same length, other words: bytes 4..10 are now `own qu`.
    c.change(&u, 2, whole("Our own quotes were wrong.\n"));
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": old["range"], "context": {"diagnostics": [old]}}),
    );
    let got = titles(&r);
    assert!(
        !got.iter()
            .any(|t| t.contains("own qu") || t.contains("troups")),
        "{got:?}"
    );
    // The fresh check was published first, for the new version.
    assert!(
        c.last_published(&u).is_empty(),
        "{:?}",
        c.last_published(&u)
    );
    // Shorter than the old finding's span: answered, not a panic.
    c.change(&u, 3, whole("It was.\n"));
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": old["range"], "context": {"diagnostics": [old]}}),
    );
    assert_eq!(r["result"], json!([]), "{r}");
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 5}}),
    );
    assert_eq!(h["result"], Value::Null, "{h}");
    // A new slip on the line is offered from the new text.
    c.change(&u, 4, whole("The goverment fell.\n"));
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": old["range"], "context": {"diagnostics": [old]}}),
    );
    let got = titles(&r);
    assert!(
        got.iter()
            .any(|t| t == "Replace `goverment` with `government`"),
        "{got:?}"
    );
    assert_eq!(c.shutdown(), 0);
}

/// Item 11: a command offered for one version is refused once the story
/// has moved on (ContentModified), and nothing is written.
#[test]
fn an_add_word_command_for_an_older_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("story.md"));
    let mut c = slow_session(dir.path());
    c.open(&u, "Officials named Qxzwieka.\n");
    let d = find(&c.diagnostics(&u, 1), "names.unknown").clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let add = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["command"]["command"] == "newslint.addWord")
        .expect("an add-word action")
        .clone();
    assert_eq!(add["command"]["arguments"][0]["version"], 1);
    c.change(&u, 2, whole("Officials named nobody.\n"));
    let r = c.request("workspace/executeCommand", add["command"].clone());
    assert_eq!(r["error"]["code"], -32801, "{r}");
    assert!(!dir.path().join("newslint-words.txt").exists());
    assert_eq!(c.shutdown(), 0);
}

fn add_word(c: &mut Client, word: &str, u: &str) -> Value {
    c.request(
        "workspace/executeCommand",
        json!({"command": "newslint.addWord", "arguments": [{"word": word, "uri": u}]}),
    )
}

/// Item 12: `newslint.addWord` writes only for open stories inside the
/// workspace, only the configured word file, and only a word.
#[test]
fn add_word_writes_only_a_word_to_the_workspace_word_file() {
    let top = tempfile::tempdir().unwrap();
    let ws = top.path().join("ws");
    let elsewhere = top.path().join("elsewhere");
    for d in [&ws, &elsewhere, &ws.join("sub")] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(ws.join("newslint.toml"), "words = [\"desk-words.txt\"]\n").unwrap();
    std::fs::write(elsewhere.join("newslint.toml"), "words = [\"evil.txt\"]\n").unwrap();
    // A folder of the workspace whose configuration points outside it.
    std::fs::write(
        ws.join("sub/newslint.toml"),
        "words = [\"../../outside.txt\"]\n",
    )
    .unwrap();
    let inside = uri(&ws.join("story.md"));
    let outside = uri(&elsewhere.join("story.md"));
    let sub = uri(&ws.join("sub/story.md"));
    let mut c = Client::start(&ws);
    c.initialize(&ws, json!(null));

    // Not open, then open but outside the workspace.
    assert_eq!(
        add_word(&mut c, "Qxzwieka", &outside)["error"]["code"],
        -32602
    );
    c.open(&outside, "Officials named Qxzwieka.\n");
    c.diagnostics(&outside, 1);
    assert_eq!(
        add_word(&mut c, "Qxzwieka", &outside)["error"]["code"],
        -32602
    );
    assert!(!elsewhere.join("evil.txt").exists());

    // Inside, but the configured file lies outside and does not exist.
    c.open(&sub, "Officials named Qxzwieka.\n");
    c.diagnostics(&sub, 1);
    assert_eq!(add_word(&mut c, "Qxzwieka", &sub)["error"]["code"], -32602);
    assert!(!top.path().join("outside.txt").exists());

    // Inside: anything but a word is refused.
    c.open(&inside, "Officials named Qxzwieka.\n");
    c.diagnostics(&inside, 1);
    let huge = "a".repeat(10 << 20);
    for bad in [
        "bell\u{7}",
        "two\nlines",
        "#comment",
        "1990s",
        "",
        huge.as_str(),
    ] {
        let r = add_word(&mut c, bad, &inside);
        assert_eq!(
            r["error"]["code"],
            -32602,
            "{}",
            &r.to_string()[..200.min(r.to_string().len())]
        );
    }
    assert!(!ws.join("desk-words.txt").exists());
    let r = add_word(&mut c, "Qxzwieka", &inside);
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(
        std::fs::read_to_string(ws.join("desk-words.txt")).unwrap(),
        "Qxzwieka\n"
    );
    assert!(c.last_published(&inside).is_empty());
    assert_eq!(c.shutdown(), 0);
}

/// Item 13: bytes that frame no message (not UTF-8 in a header, no
/// length, a length too large or not a number, a body that is not JSON)
/// are answered with a parse error and the server carries on.
#[test]
fn the_server_survives_any_bytes_between_messages() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    let u = uri(&dir.path().join("s.md"));
    let mut junk: Vec<u8> = Vec::new();
    junk.extend_from_slice(b"X-Note: caf\xe9 \xff\xfe\r\n");
    junk.extend(framed(&json!({})));
    junk.extend_from_slice(b"Content-Length: 2\xff\r\n\r\n{}");
    junk.extend_from_slice(b"\r\nContent-Type: text/plain\r\n\r\n");
    junk.extend_from_slice(b"Content-Length: 99999999999999999999\r\n\r\n");
    junk.extend_from_slice(b"Content-Length: -3\r\n\r\n");
    let not_json = b"{\"jsonrpc\": \"2.0\", \"method\": \xff}";
    junk.extend(format!("Content-Length: {}\r\n\r\n", not_json.len()).into_bytes());
    junk.extend_from_slice(not_json);
    junk.extend_from_slice(&[0, 0xc0, 0x80, b'\n', b'\n']);
    c.raw(&junk);
    c.open(&u, "the troups");
    assert!(!c.diagnostics(&u, 1).is_empty());
    let errors = c
        .seen
        .iter()
        .filter(|m| m["error"]["code"] == -32700)
        .count();
    assert!(errors >= 4, "{errors} parse errors: {:?}", c.logs());
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 5}}),
    );
    assert!(r["result"]["contents"]["value"]
        .as_str()
        .is_some_and(|v| v.contains("spelling.unknown-word")));
    assert_eq!(c.shutdown(), 0);
}

/// Item 13: input cut off in the middle of a message is the end of the
/// session, not a hang.
#[test]
fn a_truncated_message_ends_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    c.raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\"");
    drop(c.stdin.take());
    assert_eq!(wait_exit(&mut c.child), 1);
}

/// Item 14: `\n`, `\r\n` and a lone `\r` all end a line, so positions
/// match the editor's, in diagnostics and in edits alike.
#[test]
fn lone_carriage_returns_end_lines() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("s.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    c.open(&u, "Intro\rThe troups left.\r\nThen\nthe goverment fell.");
    let diags = c.diagnostics(&u, 1);
    let d = find(&diags, "spelling.unknown-word");
    assert_eq!(
        d["range"],
        json!({"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 10}})
    );
    let g = diags
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("goverment"))
        .expect("goverment");
    assert_eq!(g["range"]["start"], json!({"line": 3, "character": 4}));
    // An edit on line 1 as the editor counts lines lands on `troups`.
    c.change(&u, 2, json!([{"range": d["range"], "text": "troops"}]));
    let diags = c.diagnostics(&u, 2);
    assert_eq!(
        codes(&diags),
        [(
            "spelling.unknown-word".to_string(),
            "`goverment` is not a word: did you mean `government`?".to_string()
        )]
    );
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 3, "character": 4})
    );
    assert_eq!(c.shutdown(), 0);
}

/// Item 15: 5,000 keystrokes on a 20 MB story (over `maxBytes`, so kept
/// but not checked) leave the server answering at once: the edits are
/// applied to a rope, and only the last version is published.
#[test]
fn a_long_burst_of_keystrokes_on_a_huge_story_leaves_the_server_responsive() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("big.md"));
    let mut c = Client::start(dir.path());
    // Quiet time enough that the burst is one change to the server.
    c.initialize(dir.path(), json!({"debounceMs": 1000}));
    let paragraph = "The coalition troops left the base on Tuesday, officials said.\n\n";
    let big = paragraph.repeat(20 * 1024 * 1024 / paragraph.len() + 1);
    let lines = big.matches('\n').count() as u64;
    c.open(&u, &big);
    assert!(c.diagnostics(&u, 1).is_empty());
    let mut burst = Vec::new();
    for i in 0..5000u64 {
        // Typing at the top, the middle and the end of the story in turn.
        let line = [0, lines / 2, lines - 1][(i % 3) as usize];
        burst.extend(framed(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": u, "version": 2 + i},
                "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"}],
            },
        })));
    }
    c.raw(&burst);
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null);
    assert!(c.diagnostics(&u, 5001).is_empty());
    let stale = c.seen.iter().any(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["version"]
                .as_i64()
                .is_some_and(|v| (2..5001).contains(&v))
    });
    assert!(!stale, "a superseded version was published");
    assert_eq!(c.shutdown(), 0);
}

const HEDGES: &str =
    "extends: existence\nmessage: \"Cut the hedge '%s'.\"\nlevel: warning\ntokens:\n  - arguably\n";

fn vale_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("styles/Desk")).unwrap();
    std::fs::write(dir.path().join("styles/Desk/Hedges.yml"), HEDGES).unwrap();
    std::fs::write(dir.path().join("newslint.toml"), "vale = \"styles\"\n").unwrap();
    dir
}

/// Rewrites a file with a modification time later than any so far.
fn rewrite(path: &Path, text: &str, seconds_later: u64) {
    std::fs::write(path, text).unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(seconds_later);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(later)
        .unwrap();
}

fn hedges(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d["code"] == "vale.Desk.Hedges")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

/// Item 15: the server asks a client that can watch files to watch the
/// configuration, the word lists and the Vale rules, and a Vale rule
/// edited on disk is in force at the next check.
#[test]
fn vale_rule_edits_are_reloaded_and_watched() {
    let dir = vale_workspace();
    let u = uri(&dir.path().join("story.md"));
    let mut c = Client::start(dir.path());
    c.initialize_with(
        dir.path(),
        json!(null),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    c.open(&u, "The plan is arguably dead, perhaps.\n");
    assert_eq!(hedges(&c.diagnostics(&u, 1)), ["Cut the hedge 'arguably'."]);
    let reg = c.wait_for("a watcher registration", |m| {
        m["method"] == "client/registerCapability"
    });
    let watchers = &reg["params"]["registrations"][0];
    assert_eq!(watchers["method"], "workspace/didChangeWatchedFiles");
    let patterns: Vec<&str> = watchers["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(patterns.contains(&"**/newslint.toml"), "{patterns:?}");
    let styles = dir.path().join("styles");
    let vale_glob = format!("{}/**/*.{{yml,yaml}}", styles.display());
    assert!(patterns.contains(&vale_glob.as_str()), "{patterns:?}");
    c.send(json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));

    let rule = styles.join("Desk/Hedges.yml");
    rewrite(&rule, &HEDGES.replace("arguably", "perhaps"), 5);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&rule), "type": 2}]}),
    );
    c.change(&u, 2, whole("The plan is arguably dead, perhaps.\n"));
    assert_eq!(hedges(&c.diagnostics(&u, 2)), ["Cut the hedge 'perhaps'."]);
    assert_eq!(c.shutdown(), 0);
}

/// Item 15: a client that watches nothing (Neovim 0.7) still gets an
/// edited Vale rule: the files' sizes and times are looked at, at most
/// once a second.
#[test]
fn vale_rule_edits_are_reloaded_without_watchers() {
    let dir = vale_workspace();
    let u = uri(&dir.path().join("story.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    c.open(&u, "The plan is arguably dead, perhaps.\n");
    assert_eq!(hedges(&c.diagnostics(&u, 1)), ["Cut the hedge 'arguably'."]);
    assert!(!c
        .seen
        .iter()
        .any(|m| m["method"] == "client/registerCapability"));
    rewrite(
        &dir.path().join("styles/Desk/Hedges.yml"),
        &HEDGES.replace("arguably", "perhaps"),
        5,
    );
    std::thread::sleep(Duration::from_millis(1100));
    c.change(&u, 2, whole("The plan is arguably dead, perhaps.\n"));
    assert_eq!(hedges(&c.diagnostics(&u, 2)), ["Cut the hedge 'perhaps'."]);
    assert_eq!(c.shutdown(), 0);
}

/// Issue #11: a model and a word file that cannot be read are each
/// reported once, naming the file, and the rest of the desk's settings
/// (the style pack here) stay in force.
#[test]
fn missing_files_are_reported_once_and_the_rest_applies() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("newslint.toml"),
        "style = \"agency\"\nmodel = \"gone.nlm\"\nwords = [\"gone-words.txt\"]\n",
    )
    .unwrap();
    let u = uri(&dir.path().join("story.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!({"debounceMs": 0}));
    c.open(&u, "Prices rose 5 percent as the troups left.\n");
    let rules: Vec<String> = codes(&c.diagnostics(&u, 1))
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    // Said at once, before any keystroke.
    for name in ["gone.nlm", "gone-words.txt"] {
        c.wait_for(name, |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(name))
        });
    }
    assert!(
        rules.iter().any(|r| r.starts_with("style.agency")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"spelling.unknown-word".to_string()),
        "{rules:?}"
    );
    for version in 2..6 {
        c.change(
            &u,
            version,
            whole("Prices rose 5 percent as the troups left.\n"),
        );
        c.diagnostics(&u, version);
    }
    // Not said again: `wait_for` took the first, and none is left.
    let logs = c.logs();
    let about = |name: &str| logs.iter().filter(|l| l.contains(name)).count();
    assert_eq!(about("gone.nlm"), 0, "{logs:?}");
    assert_eq!(about("gone-words.txt"), 0, "{logs:?}");
    assert_eq!(c.shutdown(), 0);
}
