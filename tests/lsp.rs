//! `newslint lsp` driven over JSON-RPC, the way an editor drives it.

mod lsp_support;

use lsp_support::{codes, find, framed, uri, wait_exit, Client};
use serde_json::{json, Value};
use std::time::Duration;

const STORY: &str =
    "“Señor Peña’s 🙂 troops” — the coalition troups left Kyiv.\n\nThey returned on Tuesday.\n";

#[test]
fn open_change_hover_and_code_actions() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.md");
    let u = uri(&story);
    let mut c = Client::start(dir.path());
    let init = c.initialize(dir.path(), json!(null));
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2);
    assert_eq!(
        caps["executeCommandProvider"]["commands"][0],
        "newslint.addWord"
    );

    c.open(&u, STORY);
    let diags = c.diagnostics(&u, 1);
    let d = find(&diags, "spelling.unknown-word");
    // UTF-16 units: “ Señor␠ Peña’s␠ 🙂␠ troops ”␠ —␠ the␠ coalition␠ =
    // 1+5+1 + 6+1 + 2+1 + 6+1+1 + 1+1 + 3+1 + 9+1 = 41 (bytes: 52).
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": 41}));
    assert_eq!(d["range"]["end"], json!({"line": 0, "character": 47}));
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "newslint");
    assert!(d["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("#spellingunknown-word"));

    // Hover over the misspelling shows the rule's doc.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 44}}),
    );
    let value = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("**spelling.unknown-word**"), "{value}");
    assert!(value.contains("Bad:"), "{value}");

    // A code action request with a wrong (byte) range still finds the
    // finding through `data`.
    let mut sent = d.clone();
    sent["range"] =
        json!({"start": {"line": 0, "character": 57}, "end": {"line": 0, "character": 63}});
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": u},
            "range": sent["range"],
            "context": {"diagnostics": [sent]},
        }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "Replace `troups` with `troops`", "{titles:?}");
    assert!(titles.contains(&"Add `troups` to the newsroom dictionary"));
    assert!(titles.contains(&"Ignore `spelling.unknown-word` here"));
    let edit = &actions[0]["edit"]["changes"][&u][0];
    assert_eq!(edit["range"], d["range"]);

    // The editor applies the fix as an incremental change.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": u, "version": 2},
            "contentChanges": [{"range": edit["range"], "text": "troops"}],
        }),
    );
    let diags = c.diagnostics(&u, 2);
    assert!(
        !diags.iter().any(|d| d["code"] == "spelling.unknown-word"),
        "{:?}",
        codes(&diags)
    );

    // The ignore action: insert the comment, and the finding is gone.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": u, "version": 3},
            "contentChanges": [{"range": {"start": {"line": 2, "character": 24}, "end": {"line": 2, "character": 24}}, "text": " with the troups"}],
        }),
    );
    let diags = c.diagnostics(&u, 3);
    let d = find(&diags, "spelling.unknown-word");
    assert_eq!(d["range"]["start"]["line"], 2);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let ignore = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Ignore `spelling.unknown-word` here")
        .unwrap()
        .clone();
    let edit = &ignore["edit"]["changes"][&u][0];
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": u, "version": 4},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}],
        }),
    );
    let diags = c.diagnostics(&u, 4);
    assert!(
        !diags.iter().any(|d| d["code"] == "spelling.unknown-word"),
        "{:?}",
        codes(&diags)
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn add_to_dictionary_writes_the_words_file_and_relints() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("newslint.toml"),
        "words = [\"desk-words.txt\"]\n",
    )
    .unwrap();
    let story = dir.path().join("desk/story.txt");
    std::fs::create_dir_all(story.parent().unwrap()).unwrap();
    let u = uri(&story);
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!({}));
    c.open(&u, "The envoy met Zbigniewska in the capital.\n");
    let diags = c.diagnostics(&u, 1);
    let d = find(&diags, "names.unknown").clone();
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
    // The configured word file is reported missing until it exists.
    let r = c.request("workspace/executeCommand", add["command"].clone());
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("desk-words.txt")).unwrap(),
        "Zbigniewska\n"
    );
    let diags = c.last_published(&u);
    assert!(
        !diags.iter().any(|d| d["code"] == "names.unknown"),
        "{:?}",
        codes(&diags)
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn default_words_file_is_created_in_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("story.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    c.open(&u, "Officials named Qxzwieka.\n");
    c.diagnostics(&u, 1);
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "newslint.addWord", "arguments": [{"word": "Qxzwieka", "uri": u}]}),
    );
    assert_eq!(r["result"], Value::Null, "{r}");
    let words = dir.path().join("newslint-words.txt");
    assert_eq!(std::fs::read_to_string(words).unwrap(), "Qxzwieka\n");
    let diags = c.last_published(&u);
    assert!(diags.is_empty(), "{:?}", codes(&diags));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn configuration_changes_apply_and_bad_settings_are_logged() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("story.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!({"dialect": 42, "colour": "red"}));
    let story = "The army will defend the colour of the flag.\n";
    c.open(&u, story);
    // en-US: `colour` is the British spelling.
    let diags = c.diagnostics(&u, 1);
    assert_eq!(find(&diags, "dialect.gb-spelling")["severity"], 2);
    // Wrong settings were logged, not fatal.
    let logs: Vec<String> = c
        .seen
        .iter()
        .filter(|m| m["method"] == "window/logMessage")
        .map(|m| m["params"]["message"].as_str().unwrap().to_string())
        .collect();
    assert!(logs.iter().any(|l| l.contains("dialect")), "{logs:?}");
    assert!(logs.iter().any(|l| l.contains("colour")), "{logs:?}");

    // Null settings: ignored. Then a word file through the editor.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    std::fs::write(dir.path().join("extra.txt"), "Qxzwieka\n").unwrap();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newslint": {"dialect": "en-GB", "words": ["extra.txt"]}}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": u, "version": 2},
            "contentChanges": [{"text": "The colour guard: Qxzwieka and Zbigniewska met.\n"}],
        }),
    );
    let diags = c.diagnostics(&u, 2);
    assert_eq!(
        codes(&diags)
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>(),
        ["names.unknown"],
        "{:?}",
        codes(&diags)
    );
    assert!(diags[0]["message"]
        .as_str()
        .unwrap()
        .contains("Zbigniewska"));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn malformed_input_and_unknown_methods_do_not_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    // A request before initialize.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    c.initialize(dir.path(), json!(null));
    let again = c.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600);
    c.raw(b"Content-Length: 9\r\n\r\n{not json");
    let err = c.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(err["id"], Value::Null);
    c.raw(b"Content-Length: 5\r\n\r\n[1,2]");
    c.wait_for("a second parse error", |m| m["error"]["code"] == -32700);
    let r = c.request("textDocument/frobnicate", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    c.notify("$/unknownNotification", json!({"x": 1}));
    c.notify("textDocument/didChange", json!({"nonsense": true}));
    c.notify("textDocument/didOpen", json!(null));
    let r = c.request("textDocument/hover", json!({"textDocument": {}}));
    assert_eq!(r["error"]["code"], -32602);
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "newslint.addWord", "arguments": []}),
    );
    assert_eq!(r["error"]["code"], -32602);
    // Still answering.
    let u = uri(&dir.path().join("s.md"));
    c.open(&u, "the troups");
    assert!(!c.diagnostics(&u, 1).is_empty());
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_five_megabyte_document_is_handled() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    let paragraph = "The coalition troops left the base on Tuesday, officials said.\n\n";
    let big = paragraph.repeat(5 * 1024 * 1024 / paragraph.len() + 1);
    assert!(big.len() > 5 * 1024 * 1024);
    let u = uri(&dir.path().join("big.md"));
    c.open(&u, &big);
    let diags = c.diagnostics(&u, 1);
    assert!(diags.is_empty());
    // The server says why it does not check it, and keeps answering.
    c.wait_for("a too-large log line", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("maxBytes"))
    });
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 3}}),
    );
    assert_eq!(r["result"], Value::Null);
    // Cut down to a story, it is checked again.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": u, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 999999, "character": 0}}, "text": "the troups\n"}],
        }),
    );
    let diags = c.diagnostics(&u, 2);
    assert_eq!(
        find(&diags, "spelling.unknown-word")["range"]["start"]["line"],
        1
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn exit_without_shutdown_is_status_1_and_a_dead_client_ends_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    c.notify("exit", json!(null));
    assert_eq!(wait_exit(&mut c.child), 1);

    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    c.open(&uri(&dir.path().join("s.md")), "the troups");
    drop(c.stdin.take());
    assert_eq!(wait_exit(&mut c.child), 1);
}

#[test]
fn requests_after_shutdown_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    let r = c.request("shutdown", json!(null));
    assert_eq!(r["result"], Value::Null);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32600);
    c.notify("exit", json!(null));
    assert_eq!(wait_exit(&mut c.child), 0);
}

#[test]
fn word_files_edited_on_disk_are_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("newslint.toml"), "words = [\"w.txt\"]\n").unwrap();
    let words = dir.path().join("w.txt");
    std::fs::write(&words, "# desk names\n").unwrap();
    let u = uri(&dir.path().join("story.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!(null));
    c.open(&u, "Officials named Qxzwieka.\n");
    find(&c.diagnostics(&u, 1), "names.unknown");
    // Another desk adds the name; the file's time moves on.
    std::fs::write(&words, "# desk names\nQxzwieka\n").unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&words)
        .unwrap()
        .set_modified(later)
        .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&words), "type": 2}]}),
    );
    // The re-check is published before the answer to the next request.
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 0}}),
    );
    let diags = c.last_published(&u);
    assert!(diags.is_empty(), "{:?}", codes(&diags));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    let r = c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(dir.path()),
            "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
        }),
    );
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-8");
    let u = uri(&dir.path().join("s.md"));
    c.open(&u, STORY);
    let diags = c.diagnostics(&u, 1);
    let d = find(&diags, "spelling.unknown-word");
    let byte = STORY.find("troups").unwrap();
    assert_eq!(d["range"]["start"]["character"], byte);
    // An edit in bytes: `troups` → `troops`.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": u, "version": 2},
            "contentChanges": [{"range": d["range"], "text": "troops"}],
        }),
    );
    let diags = c.diagnostics(&u, 2);
    assert!(!diags.iter().any(|d| d["code"] == "spelling.unknown-word"));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_burst_of_changes_is_checked_once_at_its_last_version() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("s.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!({"debounceMs": 50}));
    c.open(&u, "The troops left.\n");
    assert!(c.diagnostics(&u, 1).is_empty());
    // Five keystrokes in one write: `The troops left.` → `The troupsxxxx left.`
    let mut burst = Vec::new();
    for (i, text) in ["u", "x", "x", "x", "x"].iter().enumerate() {
        let (start, end) = if i == 0 {
            (7, 8)
        } else {
            (9 + i as u32, 9 + i as u32)
        };
        burst.extend(framed(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": u, "version": 2 + i},
                "contentChanges": [{"range": {"start": {"line": 0, "character": start}, "end": {"line": 0, "character": end}}, "text": text}],
            },
        })));
    }
    c.raw(&burst);
    let diags = c.diagnostics(&u, 6);
    assert_eq!(codes(&diags).len(), 1, "{:?}", codes(&diags));
    assert!(diags[0]["message"].as_str().unwrap().contains("troupsxxxx"));
    // No check was published for a version the burst had replaced.
    assert!(
        !c.seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"]
                    .as_i64()
                    .is_some_and(|v| (2..6).contains(&v))),
        "a stale version was published"
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn marked_up_documents_get_diagnostics_only_for_their_prose() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!({}));
    let md = "---\ntitle: Flood troups\ntags: [goverment, recieve]\n---\n\n# Rescue\n\nThe goverment said `lenght = 12` was fine.\n\n```\nrecieve_timeout = 5\n```\n";
    let md_uri = "untitled:story-1";
    c.open_as(md_uri, "markdown", md);
    let diags = c.diagnostics(md_uri, 1);
    let lines: Vec<(u64, u64, String)> = diags
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            let (line, ch) = (
                start["line"].as_u64().unwrap(),
                start["character"].as_u64().unwrap(),
            );
            let end = d["range"]["end"]["character"].as_u64().unwrap();
            let text = md.lines().nth(line as usize).unwrap();
            let word: String = text
                .chars()
                .skip(ch as usize)
                .take((end - ch) as usize)
                .collect();
            (line, ch, word)
        })
        .collect();
    assert_eq!(
        lines,
        [
            (1, 13, "troups".to_string()),
            (7, 4, "goverment".to_string())
        ],
        "{diags:?}"
    );
    // The same text as plain text: the front matter and the code are
    // checked too.
    let txt_uri = "untitled:story-2";
    c.open_as(txt_uri, "plaintext", md);
    assert!(c.diagnostics(txt_uri, 1).len() > diags.len());
    // HTML by its extension: the script and the attributes are not prose.
    let html = "<html><head><script>var recieve_timeout;</script></head><body><p class=\"goverment\">The troups left.</p></body></html>";
    let html_path = dir.path().join("story.html");
    let html_uri = uri(&html_path);
    c.open_as(&html_uri, "unknown-language", html);
    let diags = c.diagnostics(&html_uri, 1);
    assert_eq!(codes(&diags).len(), 1, "{diags:?}");
    assert_eq!(
        find(&diags, "spelling.unknown-word")["range"]["start"]["character"],
        87
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn editor_settings_choose_the_style_pack_and_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("newslint.toml"), "style = \"ap\"\n").unwrap();
    let u = uri(&dir.path().join("story.md"));
    let story =
        "Officials named Zbigniewska as envoy; 40 percent of the troups left the U.S. base \
                 and 60 per cent stayed.\n";
    let rules =
        |diags: &[Value]| -> Vec<String> { codes(diags).into_iter().map(|(c, _)| c).collect() };
    let mut c = Client::start(dir.path());
    // The editor's pack replaces newslint.toml's; `ignore` adds to it.
    c.initialize(
        dir.path(),
        json!({"newslint": {"style": "agency", "ignore": ["names"],
                            "severity": {"style": "info"}}}),
    );
    c.open(&u, story);
    let diags = c.diagnostics(&u, 1);
    assert_eq!(
        rules(&diags),
        [
            "style.agency.per-cent",
            "spelling.unknown-word",
            "style.agency.us-points",
            "style.core.consistent-spelling"
        ]
    );
    assert_eq!(find(&diags, "style.agency.per-cent")["severity"], 3);

    // On a change of settings the story is checked again at once: no pack
    // now, only the spelling rules.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newslint": {"style": "none", "select": ["spelling"], "ignore": [],
                                         "severity": {}}}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [{"text": story}]}),
    );
    assert_eq!(rules(&c.diagnostics(&u, 2)), ["spelling.unknown-word"]);

    // `auto` gives newslint.toml back its pack.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newslint": {"style": "auto", "select": []}}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 3}, "contentChanges": [{"text": story}]}),
    );
    let diags = c.diagnostics(&u, 3);
    assert_eq!(
        rules(&diags),
        [
            "names.unknown",
            "spelling.unknown-word",
            "style.ap.percent",
            "style.core.consistent-spelling"
        ]
    );
    assert_eq!(c.shutdown(), 0);
}
