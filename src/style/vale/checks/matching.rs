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
pub struct Existence {
    pattern: Pattern,
    except: Exceptions,
}

impl Existence {
    pub fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
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
        let body = template(&tokens.join("|"), !y.nonword && !tokens.is_empty());
        let src = if y.append { body + &raw } else { raw + &body };
        Ok(Existence {
            pattern: Pattern::new(&src, y.ignorecase)?,
            // A `nonword` pattern matches arbitrary spans, which an accepted
            // word inside them must not excuse.
            except: exceptions(y, cx, !y.nonword)?,
        })
    }

    pub fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        for m in self.pattern.find_all(text, env.budget) {
            let observed = &text[m.clone()];
            if m.is_empty() || self.except.excuse(observed, text, &m, env.budget) {
                continue;
            }
            out.push(Hit::at(env.abs(m), observed));
        }
    }
}

/// One `swap` entry: the key's own pattern (anchored, to read its groups
/// for `$1` in the replacement) and the replacement as written.
struct Swap {
    key: Pattern,
    replacement: String,
}

/// `substitution`: each match of a `swap` key is flagged with its
/// replacement(s) (`a|b` gives two), unless the text already is one.
pub struct Substitution {
    pattern: Pattern,
    swaps: Vec<Swap>,
    except: Exceptions,
    ignorecase: bool,
    capitalize: bool,
}

/// The name of the group that marks swap `i` in the joined pattern.
fn swap_group(i: usize) -> String {
    format!("newslint_swap_{i}")
}

impl Substitution {
    pub fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
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
                key: Pattern::new(&format!("^(?:{key})$"), y.ignorecase)?,
                replacement,
            });
        }
        Ok(Substitution {
            pattern: Pattern::new(&template(&alts.join("|"), !y.nonword), y.ignorecase)?,
            swaps,
            except: exceptions(y, cx, true)?,
            ignorecase: y.ignorecase,
            capitalize: y.capitalize,
        })
    }

    pub fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        let names = self.pattern.group_names();
        let index: Vec<Option<usize>> = names
            .iter()
            .map(|n| {
                let n = n.as_deref()?.strip_prefix("newslint_swap_")?;
                n.parse().ok()
            })
            .collect();
        for groups in self.pattern.captures_all(text, env.budget) {
            let Some((span, swap)) = groups
                .iter()
                .zip(&index)
                .find_map(|(g, i)| Some((g.clone()?, &self.swaps[(*i)?])))
            else {
                continue;
            };
            let observed = &text[span.clone()];
            if span.is_empty()
                || already(&swap.replacement, observed.trim(), self.ignorecase)
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
        let groups = swap
            .key
            .captures_all(observed, env.budget)
            .into_iter()
            .next()
            .unwrap_or_default();
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

/// Is `observed` already the replacement? A replacement is read as a
/// pattern, except a phrase, which must be equal as written.
fn already(expected: &str, observed: &str, ignorecase: bool) -> bool {
    if expected.contains(' ') {
        return expected == observed;
    }
    match Pattern::new(&format!("^(?:{expected})$"), ignorecase) {
        Ok(p) => p.is_match(observed),
        Err(_) => expected == observed,
    }
}

/// `occurrence`: fewer than `min` or more than `max` matches of `token` in
/// a block is flagged once, at the first match (or the block's start).
pub struct Occurrence {
    pattern: Pattern,
    max: usize,
    min: usize,
}

impl Occurrence {
    pub fn build(y: &RuleYaml) -> Result<Self, BuildError> {
        let token = y.token.as_deref().ok_or(BuildError::Missing {
            extends: "occurrence",
            key: "token",
        })?;
        Ok(Occurrence {
            pattern: Pattern::new(&format!("(?:{token})"), y.ignorecase)?,
            max: y.max.unwrap_or(0),
            min: y.min.unwrap_or(0),
        })
    }

    pub fn run(&self, env: &Env, out: &mut Vec<Hit>) {
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
pub struct Repetition {
    pattern: Pattern,
    max: usize,
    alpha: bool,
    ignorecase: bool,
    except: Exceptions,
}

impl Repetition {
    pub fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
        let mut tokens = strings(&y.tokens);
        if tokens.is_empty() {
            tokens.push(r"[^\s]+".to_string());
        }
        Ok(Repetition {
            pattern: Pattern::new(&format!("({})", tokens.join("|")), y.ignorecase)?,
            max: y.max.unwrap_or(0),
            alpha: y.alpha,
            ignorecase: y.ignorecase,
            except: exceptions(y, cx, true)?,
        })
    }

    pub fn run(&self, env: &Env, out: &mut Vec<Hit>) {
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
pub struct Terms {
    any_case: Pattern,
    terms: Vec<(Pattern, String)>,
}

impl Terms {
    pub fn new(accept: &[String]) -> Result<Self, BuildError> {
        let mut sorted: Vec<&String> = accept.iter().filter(|t| !t.is_empty()).collect();
        sorted.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let body: Vec<&str> = sorted.iter().map(|s| s.as_str()).collect();
        let mut terms = Vec::with_capacity(sorted.len());
        for t in &sorted {
            terms.push((Pattern::new(&format!("^(?:{t})$"), false)?, t.to_string()));
        }
        Ok(Terms {
            any_case: Pattern::new(&template(&body.join("|"), true), true)?,
            terms,
        })
    }

    pub fn run(&self, env: &Env, out: &mut Vec<Hit>) {
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
