//! The architecture holds: every module sits in a layer and uses only the
//! layers above it (no cycles, no reaching down), no public function
//! returns a bare `String` error, nothing is leaked outside the one
//! deliberate interner, and no function grows past 100 lines outside the
//! named algorithmic kernels. `ARCHITECTURE.md` explains the layers; this
//! test is what keeps them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Top-level modules by layer, lowest first. A module may use modules of
/// lower layers only; modules of one layer never use each other.
const LAYERS: &[&[&str]] = &[
    &["base"],
    &["text"],
    &["spell"],
    &["ngram", "words"],
    &["rules"],
    &["style"],
    &["registry"],
    &["config"],
    &["lint"],
    &["fix", "report"],
    &["lsp", "serve"],
    &["cli"],
];

/// Functions allowed past 100 lines, and why.
const LONG_KERNELS: &[(&str, &str)] = &[(
    "src/spell/edits.rs::within",
    "an fst walk with one edit-distance row per key: one loop whose state is the row stack",
)];

/// Where `Box::leak` may appear: the rule-id interner.
const LEAK_ALLOWED: &[&str] = &["src/base/intern.rs"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out.sort();
    out
}

/// `src/lint/pool.rs` → `lint`; `src/registry.rs` → `registry`; the crate
/// root and `main.rs` → `None`.
fn module_of(path: &Path) -> Option<String> {
    let rel = path
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

fn rel(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .display()
        .to_string()
}

/// The code of a file without comments (line and doc comments) and
/// without its `#[cfg(test)]` modules.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<i32> = None;
    let mut depth = 0i32;
    let mut test_next = false;
    for line in text.lines() {
        let line = match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        let trimmed = line.trim();
        if skip_depth.is_none() && trimmed == "#[cfg(test)]" {
            test_next = true;
            continue;
        }
        let opens = line.matches('{').count() as i32;
        let closes = line.matches('}').count() as i32;
        if test_next && (trimmed.starts_with("mod ") || trimmed.starts_with("pub(crate) mod ")) {
            test_next = false;
            if opens > closes {
                skip_depth = Some(depth);
                depth += opens - closes;
                continue;
            }
        }
        test_next = false;
        depth += opens - closes;
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The top-level modules `code` names through `crate::`.
fn uses(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(i) = code[from..].find("crate::") {
        let at = from + i + "crate::".len();
        from = at;
        if at > 7 && (bytes[at - 8].is_ascii_alphanumeric() || bytes[at - 8] == b'_') {
            continue; // `newcrate::`, not ours
        }
        if code[at..].starts_with('{') {
            // `use crate::{a, b::c, d::{e, f}}`: the names at depth one.
            let mut depth = 0;
            let mut name = String::new();
            let mut expect_name = true;
            for c in code[at..].chars() {
                match c {
                    '{' => {
                        depth += 1;
                        if depth == 1 {
                            expect_name = true;
                        }
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect_name = true,
                    c if depth == 1 && expect_name && (c.is_alphanumeric() || c == '_') => {
                        name.push(c)
                    }
                    _ if depth == 1 && !name.is_empty() => {
                        out.push(std::mem::take(&mut name));
                        expect_name = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                out.push(name);
            }
        } else {
            let name: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn every_module_has_a_layer_and_uses_only_the_layers_above() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in code(&lib).lines() {
        if let Some(rest) = line
            .trim()
            .strip_prefix("pub mod ")
            .or(line.trim().strip_prefix("mod "))
        {
            let name = rest.trim_end_matches(';');
            assert!(
                layer_of(name).is_some(),
                "module `{name}` in lib.rs has no layer in tests/architecture.rs (and ARCHITECTURE.md)"
            );
        }
    }
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in sources() {
        let Some(module) = module_of(&path) else {
            continue;
        };
        let layer = layer_of(&module)
            .unwrap_or_else(|| panic!("{}: module `{module}` has no layer", rel(&path)));
        let text = std::fs::read_to_string(&path).unwrap();
        for used in uses(&code(&text)) {
            if used == module || used == "self" {
                continue;
            }
            let Some(used_layer) = layer_of(&used) else {
                continue; // an item of the crate root, such as a macro
            };
            if used_layer >= layer {
                wrong.entry(rel(&path)).or_default().push(format!(
                    "{module} (layer {layer}) uses {used} (layer {used_layer})"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "modules reaching across or down the layers:\n{}",
        wrong
            .iter()
            .map(|(file, why)| format!("  {file}: {}", why.join("; ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn no_public_function_returns_a_string_error() {
    let mut found = Vec::new();
    for path in sources() {
        let text = code(&std::fs::read_to_string(&path).unwrap());
        // Signatures span lines: join each `pub fn` up to its body.
        let mut from = 0;
        while let Some(i) = text[from..].find("pub fn ") {
            let start = from + i;
            let end = text[start..].find('{').map_or(text.len(), |j| start + j);
            let signature: String = text[start..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if signature.contains("String>")
                && signature.contains("Result<")
                && signature.ends_with("String>")
            {
                found.push(format!("{}: {signature}", rel(&path)));
            }
            from = end.max(start + 1);
        }
    }
    assert!(
        found.is_empty(),
        "public functions with String errors:\n{}",
        found.join("\n")
    );
}

#[test]
fn nothing_is_leaked_outside_the_interner() {
    let mut found = Vec::new();
    for path in sources() {
        let text = code(&std::fs::read_to_string(&path).unwrap());
        let rel = rel(&path);
        if (text.contains("Box::leak") || text.contains("mem::forget"))
            && !LEAK_ALLOWED.contains(&rel.as_str())
        {
            found.push(rel);
        }
    }
    assert!(
        found.is_empty(),
        "leaks outside {LEAK_ALLOWED:?}: {found:?}"
    );
}

#[test]
fn no_function_is_longer_than_100_lines_outside_the_kernels() {
    let mut long = Vec::new();
    for path in sources() {
        let text = code(&std::fs::read_to_string(&path).unwrap());
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let trimmed = line.trim_start();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "const fn ",
                "pub const fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn || line.trim_end().ends_with(';') {
                i += 1;
                continue;
            }
            let name: String = trimmed
                .split("fn ")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let mut depth = 0i32;
            let mut opened = false;
            let mut j = i;
            while j < lines.len() {
                depth +=
                    lines[j].matches('{').count() as i32 - lines[j].matches('}').count() as i32;
                opened |= lines[j].contains('{');
                if opened && depth <= 0 {
                    break;
                }
                j += 1;
            }
            let length = j - i + 1;
            let key = format!("{}::{name}", rel(&path));
            if length > 100 && !LONG_KERNELS.iter().any(|(k, _)| *k == key) {
                long.push(format!("{key}: {length} lines"));
            }
            i += 1;
        }
    }
    assert!(
        long.is_empty(),
        "functions over 100 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_layer_reader_sees_grouped_and_plain_paths() {
    let code = "use crate::base::{Dialect, Settings};\nuse crate::{text::token, spell::{Speller, data}};\nlet x = crate::rules::builtin();";
    assert_eq!(uses(code), ["base", "text", "spell", "rules"]);
    let with_tests = "fn a() {}\n#[cfg(test)]\nmod tests {\n    use crate::cli;\n}\nfn b() { crate::lint::x() }\n";
    assert_eq!(uses(&code_of(with_tests)), ["lint"]);
}

fn code_of(text: &str) -> String {
    code(text)
}

/// `pub` means "part of the library's API": an item nobody outside its
/// module tree can reach is `pub(crate)` or narrower, and clippy's
/// `-D warnings` in CI holds the lint to it.
#[test]
fn unreachable_pub_is_on() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    assert!(
        lib.lines().any(|l| l.trim() == "#![warn(unreachable_pub)]"),
        "src/lib.rs lost #![warn(unreachable_pub)]"
    );
}
