//! `--fix` on any story and any Vale substitutions: the fixes settle (or
//! are refused), fixing the settled text changes nothing, no applied fix
//! was empty, and the fixed text written through `fix::write` (all or
//! nothing, in a temporary folder) is exactly what was planned.
//!
//!     RUSTC_BOOTSTRAP=1 cargo fuzz run -O fix -- -max_len=2048 -timeout=10

#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::base::{Dialect, Settings};
use newslint::lint::Linter;
use newslint::text::document::Document;
use std::path::PathBuf;

/// Swap keys and replacements the fuzzer picks from by byte: some match
/// the empty string, some grow the text, some undo each other.
const KEYS: &[&str] = &["q*", "the", "a?", "e", "o+", "(?:the|a)", "x*y*", "\\.", "crews", "left|right"];
const VALUES: &[&str] = &["Q", "the the", "", "ee", "a", "left", "right", ".", "crew", "an"];

struct Desk {
    _dir: tempfile::TempDir,
    linter: Linter,
    dir: PathBuf,
}

fn desk(rules: &[u8]) -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let style = dir.path().join("Desk");
    std::fs::create_dir_all(&style).expect("style dir");
    let mut yaml = String::from(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\nnonword: true\nswap:\n",
    );
    for pair in rules.chunks(2).take(4) {
        let k = KEYS[usize::from(pair[0]) % KEYS.len()];
        let v = VALUES[usize::from(*pair.get(1).unwrap_or(&0)) % VALUES.len()];
        yaml.push_str(&format!("  '{k}': '{v}'\n"));
    }
    std::fs::write(style.join("R.yml"), yaml).expect("rule");
    let settings = Settings {
        dialect: Dialect::EnGb,
        vale: Some(dir.path().to_path_buf()),
        ..Settings::default()
    };
    let (linter, _) = Linter::lenient(&settings);
    let path = dir.path().to_path_buf();
    Desk {
        _dir: dir,
        linter,
        dir: path,
    }
}

fuzz_target!(|data: &[u8]| {
    let (rules, body) = data.split_at(data.len().min(8));
    let text = String::from_utf8_lossy(body).into_owned();
    let d = desk(rules);
    let doc = Document::new("fuzz.txt", text.as_str());
    let findings = d.linter.check(&doc);
    for f in findings.iter().filter(|f| f.is_safe_fix()) {
        assert!(!f.span.is_empty() || newslint::fix::apply(&text, &[f]).1 == 0);
    }
    let Some(once) = newslint::fix::settle(&d.linter, &doc, &findings) else {
        return;
    };
    let settled = Document::new("fuzz.txt", once.text.as_str());
    let left = d.linter.check(&settled);
    let twice = newslint::fix::settle(&d.linter, &settled, &left).expect("settled text settles");
    assert_eq!(twice.text, once.text);
    assert_eq!(twice.applied, 0);
    if once.text != text {
        let path = d.dir.join("story.txt");
        std::fs::write(&path, &text).expect("story");
        let plan = newslint::fix::write::plan(&path, text.as_bytes(), once.text.as_bytes())
            .expect("a fresh file can be planned");
        newslint::fix::write::commit(&[plan]).expect("and written");
        assert_eq!(std::fs::read(&path).expect("read back"), once.text.as_bytes());
    }
});
