//! Compiles the vendored word lists under `dictionaries/` into finite-state
//! sets and maps (the `fst` crate) that the binary embeds, so a cold start
//! costs no parsing. Reads only files in this repository: nothing is fetched.

use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};

// The table the edit walk reads beside each word-form fst (only its
// writing half is used here).
#[path = "src/spell/reach.rs"]
#[allow(dead_code)]
mod reach;

fn read(path: &Path) -> String {
    println!("cargo:rerun-if-changed={}", path.display());
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn write_set(out: &Path, name: &str, words: &BTreeSet<String>) {
    let mut builder = fst::SetBuilder::memory();
    for w in words {
        builder.insert(w).expect("sorted insert");
    }
    fs::write(out.join(name), builder.into_inner().expect("fst set")).expect("write fst");
}

/// [`write_set`], and beside it (`.reach` for `.fst`) what lies below each
/// state, for the edit walk.
fn write_walked_set(out: &Path, name: &str, words: &BTreeSet<String>) {
    write_set(out, name, words);
    let bytes = fs::read(out.join(name)).expect("read fst");
    let table = reach::table(&bytes);
    fs::write(out.join(name.replace(".fst", ".reach")), table).expect("write reach");
}

/// The words a lexicon entry makes known: each space-separated word, and for
/// hyphenated ones each capitalised part too (`Al-Asad` makes `Al-Asad`, `Al`
/// and `Asad`; `Kim Jong-un` does not make `un` a word).
fn lexicon_words(entry: &str, into: &mut BTreeSet<String>) {
    for word in entry.split_whitespace() {
        let word = word.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '"'));
        let word = word.replace('’', "'");
        if word.is_empty() {
            continue;
        }
        into.insert(word.to_string());
        let parts = word
            .split('-')
            .filter(|p| p.chars().next().is_some_and(char::is_uppercase));
        for part in parts {
            into.insert(part.to_string());
        }
    }
}

/// Forms of the stems the dictionary marks `!` (NOSUGGEST: slurs and
/// obscenities): accepted when written, never offered as a suggestion.
/// A form is the stem plus at most three letters of inflection.
fn nosuggest(dic: &str, words: &BTreeSet<String>) -> BTreeSet<String> {
    let stems: Vec<&str> = dic
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('/'))
        .filter(|(_, flags)| flags.contains('!'))
        .map(|(stem, _)| stem)
        .collect();
    words
        .iter()
        .filter(|w| {
            stems.iter().any(|s| {
                w.strip_prefix(s).is_some_and(|rest| {
                    rest.chars().count() <= 3
                        && rest.chars().all(|c| c.is_alphabetic() || c == '\'')
                })
            })
        })
        .cloned()
        .collect()
}

/// Length of the Double Metaphone keys of the sound-alike index (the
/// crate's default); `spell::phonetic` encodes with the same.
const PHONETIC_KEY_LEN: usize = 4;

/// The sound-alike index: `KEY\0FULL\0form` for each form of `words`
/// under its primary and alternate Double Metaphone keys (of the
/// lower-cased form), cut to [`PHONETIC_KEY_LEN`] letters (`KEY`, what a
/// misspelling looks up) and whole (`FULL`, whether they sound alike).
fn phonetic_index(words: &BTreeSet<String>) -> BTreeSet<String> {
    use rphonetic::DoubleMetaphone;
    let encoder = DoubleMetaphone::new(None);
    let mut index = BTreeSet::new();
    for w in words {
        if w.chars().count() < 2 || !w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
            continue;
        }
        let keys = encoder.double_metaphone(&w.to_lowercase());
        for full in [keys.primary(), keys.alternate()] {
            if !full.is_empty() {
                let key: String = full.chars().take(PHONETIC_KEY_LEN).collect();
                index.insert(format!("{key}\0{full}\0{w}"));
            }
        }
    }
    index
}

/// The lower-cased forms of a dictionary's capitalised words
/// (`february` for `February`), which a lower-case misspelling may mean.
fn capitalised_lower(words: &BTreeSet<String>) -> BTreeSet<String> {
    words
        .iter()
        .filter(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
        })
        .map(|w| w.to_lowercase())
        .collect()
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("dictionaries");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=src/spell/reach.rs");

    let mut every_form = BTreeSet::new();
    for dialect in ["en_US", "en_GB"] {
        let text = read(&root.join(dialect).join("words.txt"));
        let words: BTreeSet<String> = lines(&text).map(|w| w.replace('’', "'")).collect();
        let dic = read(&root.join(dialect).join(format!("{dialect}.dic")));
        write_set(
            &out,
            &format!("{dialect}_nosuggest.fst"),
            &nosuggest(&dic, &words),
        );
        write_walked_set(&out, &format!("{dialect}.fst"), &words);
        write_walked_set(
            &out,
            &format!("{dialect}_caps.fst"),
            &capitalised_lower(&words),
        );
        every_form.extend(words);
    }
    write_set(&out, "phonetic.fst", &phonetic_index(&every_form));

    let lexicon_dir = root.join("lexicon");
    println!("cargo:rerun-if-changed={}", lexicon_dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&lexicon_dir)
        .expect("dictionaries/lexicon")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut lexicon = BTreeSet::new();
    for file in &files {
        for entry in lines(&read(file)) {
            for variant in entry.split(" | ") {
                lexicon_words(variant, &mut lexicon);
            }
        }
    }
    let lower: BTreeSet<String> = lexicon.iter().map(|w| w.to_lowercase()).collect();
    write_set(&out, "lexicon.fst", &lexicon);
    write_set(&out, "lexicon_lower.fst", &lower);

    // typos-dict's real misspellings -> corrections, as an fst map from the
    // lower-case misspelling to the offset of its line in a text of
    // comma-separated corrections.
    // With them, newslint's own list of phrases written as one word
    // (`alot`), which a list made for code lacks.
    let run_together_path = root.join("misspellings").join("run-together.txt");
    println!("cargo:rerun-if-changed={}", run_together_path.display());
    let run_together = fs::read_to_string(&run_together_path).expect("run-together.txt");
    let mut typos: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let listed = typos_dict::WORD
        .map
        .entries()
        .map(|(typo, fixes)| (typo.into_inner().to_lowercase(), fixes.to_vec()));
    let ours = run_together
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (typo, fix) = l
                .split_once('\t')
                .expect("run-together.txt: slip, tab, phrase");
            (typo.to_string(), vec![fix])
        });
    for (typo, fixes) in listed.chain(ours) {
        let entry = typos.entry(typo).or_default();
        for fix in fixes {
            if !entry.contains(&fix) {
                entry.push(fix);
            }
        }
    }
    let mut fixes_text = String::new();
    let mut builder = fst::MapBuilder::memory();
    for (typo, fixes) in &typos {
        builder
            .insert(typo, fixes_text.len() as u64)
            .expect("sorted insert");
        fixes_text.push_str(&fixes.join(","));
        fixes_text.push('\n');
    }
    fs::write(
        out.join("typos.fst"),
        builder.into_inner().expect("fst map"),
    )
    .expect("write fst");
    fs::write(out.join("typos.txt"), fixes_text).expect("write typos");

    let mut freq = BTreeMap::new();
    for line in lines(&read(&root.join("freq").join("en.tsv"))) {
        let Some((word, zipf)) = line.split_once('\t') else {
            continue;
        };
        let Ok(zipf) = zipf.trim().parse::<f64>() else {
            continue;
        };
        let centi = (zipf * 100.0).round().max(0.0) as u64;
        let entry = freq.entry(word.replace('’', "'")).or_insert(0);
        *entry = (*entry).max(centi);
    }
    let mut builder = fst::MapBuilder::memory();
    for (w, v) in &freq {
        builder.insert(w, *v).expect("sorted insert");
    }
    fs::write(out.join("freq.fst"), builder.into_inner().expect("fst map")).expect("write fst");
}
