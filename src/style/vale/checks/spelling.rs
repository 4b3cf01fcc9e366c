//! `spelling`: routed to newslint's own speller. A word the speller does
//! not know is flagged (with its suggestions) unless a filter or an
//! ignore file lets it go. Vale's default filters skip mixed-case words
//! (`MongoDB`), words with anything but ASCII letters, `_` and `'` (numbers,
//! hyphenated compounds) and all-caps words; `custom: true` drops them,
//! `filters` adds patterns of its own. `ignore` files (one word a line,
//! any case) are read from the styles folder's `config/ignore/`, the
//! styles folder itself or beside the rule. Vale's `dictionaries` are not
//! read: the speller uses the story's dialect.

use super::{BuildCx, BuildError, Env, Hit};
use crate::style::vale::definition::{strings, RuleYaml};
use crate::style::vale::pattern::Pattern;
use crate::words::Verdict;
use std::collections::HashSet;
use std::path::PathBuf;

const DEFAULT_FILTERS: &[&str] = &[r"[A-Z]{1}[a-z]+[A-Z]+\w+", r"[^a-zA-Z_']", r"^[A-Z]+$"];

pub(crate) struct Spelling {
    filters: Vec<Pattern>,
    ignored: HashSet<String>,
    accept: Option<Pattern>,
}

impl Spelling {
    pub(crate) fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
        let mut filters = Vec::new();
        if !y.custom {
            for f in DEFAULT_FILTERS {
                filters.push(Pattern::finder(f, false)?);
            }
        }
        for f in strings(&y.filters) {
            filters.push(Pattern::finder(&f, false)?);
        }
        let mut ignored = HashSet::new();
        for name in strings(&y.ignore) {
            let text = ignore_file(cx, &name).ok_or_else(|| {
                BuildError::Invalid(format!(
                    "ignore file `{name}` not found under the styles folder"
                ))
            })?;
            ignored.extend(
                text.lines()
                    .map(|l| l.trim().to_lowercase())
                    .filter(|l| !l.is_empty() && !l.starts_with('#')),
            );
        }
        let vocab: Vec<&str> = if y.vocab.unwrap_or(true) {
            cx.accept.iter().map(|s| s.as_str()).collect()
        } else {
            Vec::new()
        };
        let accept = if vocab.is_empty() {
            None
        } else {
            Some(Pattern::finder(
                &format!("^(?:{})$", vocab.join("|")),
                false,
            )?)
        };
        Ok(Spelling {
            filters,
            ignored,
            accept,
        })
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let block = env.block.span.clone();
        for w in &env.cx.words.words {
            if w.span().start < block.start || w.span().end > block.end {
                continue;
            }
            let suggestions = match w.verdict() {
                Verdict::Known => continue,
                Verdict::Name => Vec::new(),
                Verdict::Misspelt(s) | Verdict::Unfamiliar(s) => s.to_vec(),
                Verdict::OtherDialect(s) => s.clone(),
            };
            let word = &env.cx.doc.text[w.span()];
            if self.ignored.contains(&word.to_lowercase())
                || self.filters.iter().any(|f| f.is_match(word))
                || self.accept.as_ref().is_some_and(|a| a.is_match(word))
            {
                continue;
            }
            out.push(Hit {
                span: w.span(),
                args: vec![word.to_string()],
                suggestions,
                safe: false,
            });
        }
    }
}

/// The text of an `ignore` file, wherever Vale would look for it.
fn ignore_file(cx: &BuildCx, name: &str) -> Option<String> {
    let beside = cx.file.parent().map(|d| d.join(name));
    let candidates: Vec<PathBuf> = [
        Some(cx.styles.join("config").join("ignore").join(name)),
        Some(cx.styles.join(name)),
        beside,
    ]
    .into_iter()
    .flatten()
    .collect();
    candidates
        .iter()
        .find_map(|p| crate::base::files::read_bounded(p, 16 << 20).ok())
        .and_then(|b| String::from_utf8(b).ok())
}
