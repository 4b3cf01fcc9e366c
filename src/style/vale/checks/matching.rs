//! The pattern-matching types: `existence`, `substitution`, `occurrence`
//! and `repetition`.

use super::{exceptions, BuildCx, BuildError, Env, Exceptions, Hit};
use crate::style::vale::definition::{pairs, strings, RuleYaml};
use crate::style::vale::pattern::Pattern;
use crate::style::vale::scope;

/// Vale's word template: tokens joined with `|` between word boundaries,
/// or bare with `nonword`.
fn template(body: &str, word: bool) -> String {
    if word {
        format!(r"\b(?:{body})\b")
    } else {
        format!("(?:{body})")
    }
}

/// `existence`: every match of `tokens` (word-bounded unless `nonword`)
/// and `raw` (as written, before the tokens or, with `append`, after).
pub(crate) struct Existence {
    patterns: Vec<Pattern>,
    except: Exceptions,
}

impl Existence {
    pub(crate) fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
        let tokens: Vec<String> = strings(&y.tokens)
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect();
        let raw = strings(&y.raw).concat();
        if tokens.is_empty() && raw.is_empty() {
            return Err(BuildError::Missing {
                extends: "existence",
                key: "tokens",
            });
        }
        let word = !y.nonword && !tokens.is_empty();
        let patterns = if raw.is_empty() {
            split(
                &tokens,
                |group| template(&group.join("|"), word),
                y.ignorecase,
                false,
            )?
        } else {
            let body = template(&tokens.join("|"), word);
            let src = if y.append { body + &raw } else { raw + &body };
            vec![Pattern::finder(&src, y.ignorecase)?]
        };
        Ok(Existence {
            patterns,
            // A `nonword` pattern matches arbitrary spans, which an accepted
            // word inside them must not excuse.
            except: exceptions(y, cx, !y.nonword)?,
        })
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        let found = self
            .patterns
            .iter()
            .map(|p| p.find_all(text, env.budget))
            .collect();
        for m in merge(found) {
            let observed = &text[m.clone()];
            if m.is_empty() || self.except.excuse(observed, text, &m, env.budget) {
                continue;
            }
            out.push(Hit::at(env.abs(m), observed));
        }
    }
}

/// Tokens as few patterns as can be: every token the linear engine can
/// run in one alternation, each token that needs backtracking on its own
/// (so one lookaround does not put the whole rule on the slow engine).
fn split<F>(
    tokens: &[String],
    make: F,
    ignorecase: bool,
    groups: bool,
) -> Result<Vec<Pattern>, BuildError>
where
    F: Fn(&[String]) -> String,
{
    let (plain, fancy): (Vec<String>, Vec<String>) = tokens
        .iter()
        .cloned()
        .partition(|t| Pattern::is_plain(&make(std::slice::from_ref(t))));
    let compile = |src: &str| {
        if groups {
            Pattern::new(src, ignorecase)
        } else {
            Pattern::finder(src, ignorecase)
        }
    };
    let mut out = Vec::new();
    if !plain.is_empty() {
        out.push(compile(&make(&plain))?);
    }
    for t in fancy {
        out.push(compile(&make(std::slice::from_ref(&t)))?);
    }
    Ok(out)
}

/// The matches of several patterns as one alternation would give them:
/// left to right, the first pattern's at a tie, none overlapping.
fn merge(found: Vec<Vec<std::ops::Range<usize>>>) -> Vec<std::ops::Range<usize>> {
    if found.len() == 1 {
        return found.into_iter().next().unwrap_or_default();
    }
    let mut all: Vec<(usize, std::ops::Range<usize>)> = found
        .into_iter()
        .enumerate()
        .flat_map(|(i, v)| v.into_iter().map(move |r| (i, r)))
        .collect();
    all.sort_by_key(|(i, r)| (r.start, *i));
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(all.len());
    for (_, r) in all {
        if out
            .last()
            .is_none_or(|l| r.start >= l.end && !(r.is_empty() && r.start == l.start))
        {
            out.push(r);
        }
    }
    out
}

/// One `swap` entry: the key's own pattern (anchored, to read its groups
/// for `$1` in the replacement) and the replacement as written.
struct Swap {
    key: String,
    ignorecase: bool,
    replacement: String,
    /// The key anchored, to read its groups for `$1` (made when needed).
    anchored: std::sync::OnceLock<Option<Pattern>>,
    /// The replacement as an anchored pattern (made when first needed).
    done: std::sync::OnceLock<Option<Pattern>>,
}

impl Swap {
    /// Is `observed` already the replacement? A replacement is read as a
    /// pattern, except a phrase, which must be equal as written. The case
    /// counts even in an `ignorecase` rule (`javascript` is flagged for
    /// `JavaScript`), as in Vale.
    fn already(&self, observed: &str) -> bool {
        let expected = &self.replacement;
        if expected.contains(' ') {
            return expected == observed;
        }
        let done = self
            .done
            .get_or_init(|| Pattern::new(&format!("^(?:{expected})$"), false).ok());
        match done {
            Some(p) => p.is_match(observed),
            None => expected == observed,
        }
    }

    fn anchored(&self) -> Option<&Pattern> {
        self.anchored
            .get_or_init(|| Pattern::new(&format!("^(?:{})$", self.key), self.ignorecase).ok())
            .as_ref()
    }
}

/// `substitution`: each match of a `swap` key is flagged with its
/// replacement(s) (`a|b` gives two), unless the text already is one.
pub(crate) struct Substitution {
    patterns: Vec<Pattern>,
    swaps: Vec<Swap>,
    except: Exceptions,
    capitalize: bool,
}

/// The name of the group that marks swap `i` in the joined pattern.
fn swap_group(i: usize) -> String {
    format!("newslint_swap_{i}")
}

impl Substitution {
    pub(crate) fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
        let swap = pairs(&y.swap);
        if swap.is_empty() {
            return Err(BuildError::Missing {
                extends: "substitution",
                key: "swap",
            });
        }
        let mut alts = Vec::with_capacity(swap.len());
        let mut swaps = Vec::with_capacity(swap.len());
        for (i, (key, replacement)) in swap.into_iter().enumerate() {
            alts.push(format!("(?P<{}>{key})", swap_group(i)));
            swaps.push(Swap {
                key,
                ignorecase: y.ignorecase,
                replacement,
                anchored: std::sync::OnceLock::new(),
                done: std::sync::OnceLock::new(),
            });
        }
        let word = !y.nonword;
        Ok(Substitution {
            patterns: split(
                &alts,
                |group| template(&group.join("|"), word),
                y.ignorecase,
                true,
            )?,
            swaps,
            except: exceptions(y, cx, true)?,
            capitalize: y.capitalize,
        })
    }

    /// Every key's matches: (span, swap), left to right, none overlapping.
    fn matches(&self, text: &str, env: &Env) -> Vec<(std::ops::Range<usize>, usize)> {
        let mut all = Vec::new();
        for pattern in &self.patterns {
            let found = pattern.captures_all(text, env.budget);
            if found.is_empty() {
                continue;
            }
            let index: Vec<Option<usize>> = pattern
                .group_names()
                .iter()
                .map(|n| n.as_deref()?.strip_prefix("newslint_swap_")?.parse().ok())
                .collect();
            for groups in found {
                let hit = groups
                    .iter()
                    .zip(&index)
                    .find_map(|(g, i)| Some((g.clone()?, (*i)?)));
                all.extend(hit);
            }
        }
        if self.patterns.len() > 1 {
            all.sort_by_key(|(r, i)| (r.start, *i));
            let mut kept: Vec<(std::ops::Range<usize>, usize)> = Vec::with_capacity(all.len());
            for (r, i) in all {
                if kept.last().is_none_or(|(l, _)| r.start >= l.end) {
                    kept.push((r, i));
                }
            }
            all = kept;
        }
        all
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        for (span, i) in self.matches(text, env) {
            let swap = &self.swaps[i];
            let observed = &text[span.clone()];
            if span.is_empty()
                || swap.already(observed.trim())
                || self.except.excuse(observed, text, &span, env.budget)
            {
                continue;
            }
            let suggestions = self.replacements(swap, observed, env);
            let safe = suggestions.len() == 1 && suggestions[0] != observed;
            out.push(Hit {
                span: env.abs(span),
                args: vec![suggestions.join(" or "), observed.trim().to_string()],
                suggestions,
                safe,
            });
        }
    }

    /// The replacements for `observed`: `$1`… filled in from the key's
    /// groups, and capitalised like the text with `capitalize`.
    fn replacements(&self, swap: &Swap, observed: &str, env: &Env) -> Vec<String> {
        let groups = if swap.replacement.contains('$') {
            swap.anchored()
                .and_then(|k| k.captures_all(observed, env.budget).into_iter().next())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let capital = self.capitalize && observed.chars().next().is_some_and(char::is_uppercase);
        swap.replacement
            .split('|')
            .map(|r| {
                let filled = fill_groups(r.trim(), observed, &groups);
                if capital {
                    crate::spell::title_case(&filled)
                } else {
                    filled
                }
            })
            .filter(|r| !r.is_empty())
            .collect()
    }
}

/// `$1` … `$9` in a replacement, from the key's groups.
fn fill_groups(r: &str, observed: &str, groups: &[Option<std::ops::Range<usize>>]) -> String {
    let mut out = String::with_capacity(r.len());
    let mut chars = r.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('$', Some(n)) => {
                chars.next();
                if let Some(Some(g)) = groups.get(n as usize) {
                    out.push_str(&observed[g.clone()]);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// `occurrence`: fewer than `min` or more than `max` matches of `token` in
/// a block is flagged once, at the first match (or the block's start).
pub(crate) struct Occurrence {
    pattern: Pattern,
    max: usize,
    min: usize,
}

impl Occurrence {
    pub(crate) fn build(y: &RuleYaml) -> Result<Self, BuildError> {
        let token = y.token.as_deref().ok_or(BuildError::Missing {
            extends: "occurrence",
            key: "token",
        })?;
        Ok(Occurrence {
            pattern: Pattern::finder(&format!("(?:{token})"), y.ignorecase)?,
            max: y.max.unwrap_or(0),
            min: y.min.unwrap_or(0),
        })
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        let found = self.pattern.find_all(text, env.budget);
        let n = found.len();
        if !((self.max > 0 && n > self.max) || (self.min > 0 && n < self.min)) {
            return;
        }
        let span = match found.iter().find(|r| !r.is_empty()) {
            Some(r) => r.clone(),
            None => 0..text.chars().next().map_or(0, char::len_utf8),
        };
        // Vale leaves an occurrence message as written: no `%s`.
        out.push(Hit {
            span: env.abs(span),
            args: Vec::new(),
            suggestions: Vec::new(),
            safe: false,
        });
    }
}

/// `repetition`: a match equal to the one before it (within a sentence)
/// is flagged from the first copy to the second.
pub(crate) struct Repetition {
    pattern: Pattern,
    max: usize,
    alpha: bool,
    ignorecase: bool,
    except: Exceptions,
}

impl Repetition {
    pub(crate) fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
        let mut tokens = strings(&y.tokens);
        if tokens.is_empty() {
            tokens.push(r"[^\s]+".to_string());
        }
        Ok(Repetition {
            pattern: Pattern::finder(&format!("({})", tokens.join("|")), y.ignorecase)?,
            max: y.max.unwrap_or(0),
            alpha: y.alpha,
            ignorecase: y.ignorecase,
            except: exceptions(y, cx, true)?,
        })
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        let mut prev: Option<std::ops::Range<usize>> = None;
        let mut count = 0;
        for m in self.pattern.find_all(text, env.budget) {
            let curr = text[m.clone()].trim();
            let hit = prev.as_ref().is_some_and(|p| {
                let before = text[p.clone()].trim();
                !curr.is_empty()
                    && if self.ignorecase {
                        before.to_lowercase() == curr.to_lowercase()
                    } else {
                        before == curr
                    }
            }) && (!self.alpha || curr.chars().all(char::is_alphabetic));
            if hit {
                count += 1;
            }
            if let (true, Some(p)) = (hit && count > self.max, &prev) {
                let span = p.start..m.end;
                let both = &text[span.clone()];
                let one_sentence = scope::sentences(both, 0..both.len()).len() <= 1;
                if one_sentence && !self.except.excuse(both, text, &span, env.budget) {
                    out.push(Hit::at(env.abs(span), curr));
                    count = 0;
                }
            }
            prev = Some(m);
        }
    }
}

/// Vale's `Vale.Terms`: an accepted term written in another case
/// (`Javascript` for `JavaScript`) is flagged with the term's own case.
pub(crate) struct Terms {
    any_case: Pattern,
    terms: Vec<(Pattern, String)>,
}

impl Terms {
    pub(crate) fn new(accept: &[String]) -> Result<Self, BuildError> {
        let mut sorted: Vec<&String> = accept.iter().filter(|t| !t.is_empty()).collect();
        sorted.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let body: Vec<&str> = sorted.iter().map(|s| s.as_str()).collect();
        let mut terms = Vec::with_capacity(sorted.len());
        for t in &sorted {
            terms.push((
                Pattern::finder(&format!("^(?:{t})$"), false)?,
                t.to_string(),
            ));
        }
        Ok(Terms {
            any_case: Pattern::finder(&template(&body.join("|"), true), true)?,
            terms,
        })
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        for m in self.any_case.find_all(text, env.budget) {
            let observed = &text[m.clone()];
            if m.is_empty() || self.terms.iter().any(|(p, _)| p.is_match(observed)) {
                continue;
            }
            let lower = observed.to_lowercase();
            let Some((_, term)) = self.terms.iter().find(|(_, t)| t.to_lowercase() == lower) else {
                continue;
            };
            out.push(Hit {
                span: env.abs(m),
                args: vec![term.clone(), observed.to_string()],
                suggestions: vec![term.clone()],
                safe: false,
            });
        }
    }
}
