//! The types that weigh one match against another: `consistency` (two
//! spellings of one thing in one story) and `conditional` (a term used
//! without its definition).

use super::{exceptions, BuildCx, BuildError, Env, Exceptions, Hit, Memory};
use crate::style::vale::definition::{pairs, RuleYaml};
use crate::style::vale::pattern::Pattern;

/// `consistency`: for each `either` pair, once a story has used both
/// spellings, a block using either is flagged once. Like Vale, the flag is
/// put on the first place in the block where the last spelling matched
/// appears.
pub(crate) struct Consistency {
    pairs: Vec<Pattern>,
}

impl Consistency {
    pub(crate) fn build(y: &RuleYaml) -> Result<Self, BuildError> {
        let either = pairs(&y.either);
        if either.is_empty() {
            return Err(BuildError::Missing {
                extends: "consistency",
                key: "either",
            });
        }
        let mut out = Vec::with_capacity(either.len());
        for (a, b) in either {
            let body = format!("(?P<first>{a})|(?P<second>{b})");
            let src = if y.nonword {
                format!("(?:{body})")
            } else {
                format!(r"\b(?:{body})\b")
            };
            out.push(Pattern::new(&src, y.ignorecase)?);
        }
        Ok(Consistency { pairs: out })
    }

    pub(crate) fn run(&self, env: &Env, memory: &mut Memory, out: &mut Vec<Hit>) {
        let text = env.text();
        for (i, pattern) in self.pairs.iter().enumerate() {
            let sides = [format!("{i}.first"), format!("{i}.second")];
            let found = pattern.captures_all(text, env.budget);
            let names = if found.is_empty() {
                Vec::new()
            } else {
                pattern.group_names()
            };
            let mut last = None;
            for groups in found {
                for (g, name) in groups.iter().zip(&names) {
                    let (Some(g), Some(name)) = (g, name) else {
                        continue;
                    };
                    memory.seen.push(format!("{i}.{name}"));
                    last = Some(g.clone());
                }
            }
            let both = sides.iter().all(|s| memory.seen.contains(s));
            if let (Some(last), true) = (last, both) {
                let word = &text[last.clone()];
                let at = first_place(text, word).unwrap_or(last.start);
                out.push(Hit::at(env.abs(at..at + word.len()), word));
            }
        }
    }
}

/// Where `word` first appears in `text` as a word (Vale's way of placing an
/// alert by its text).
fn first_place(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word)
        .find(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            let starts = word.chars().next().is_some_and(is_word);
            let ends = word.chars().next_back().is_some_and(is_word);
            (!starts || !before.is_some_and(is_word)) && (!ends || !after.is_some_and(is_word))
        })
        .map(|(i, _)| i)
}

/// `conditional`: each match of `first` needs `second`. When `second` has
/// a capture group (a definition such as `World Health Organization
/// (WHO)`), a `first` match must equal a term some `second` match captured
/// earlier in the story; otherwise `second` must merely appear in the same
/// block.
pub(crate) struct Conditional {
    first: Pattern,
    second: Pattern,
    second_has_group: bool,
    except: Exceptions,
}

impl Conditional {
    pub(crate) fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
        let missing = |key| BuildError::Missing {
            extends: "conditional",
            key,
        };
        let first = y.first.as_deref().ok_or(missing("first"))?;
        let second = y.second.as_deref().ok_or(missing("second"))?;
        let opens = second.matches('(').count();
        let plain = second.matches("(?").count() + second.matches(r"\(").count();
        Ok(Conditional {
            first: Pattern::finder(first, y.ignorecase)?,
            second: Pattern::new(second, y.ignorecase)?,
            second_has_group: opens > plain,
            except: exceptions(y, cx, true)?,
        })
    }

    pub(crate) fn run(&self, env: &Env, memory: &mut Memory, out: &mut Vec<Hit>) {
        let text = env.text();
        if !self.second_has_group && self.second.is_match(text) {
            return;
        }
        if self.second_has_group {
            for groups in self.second.captures_all(text, env.budget) {
                for g in groups.iter().skip(1).flatten() {
                    if !g.is_empty() {
                        memory.seen.push(text[g.clone()].to_string());
                    }
                }
            }
        }
        for m in self.first.find_all(text, env.budget) {
            let s = &text[m.clone()];
            let defined = self.second_has_group && memory.seen.iter().any(|d| d == s);
            if m.is_empty() || defined || self.except.excuse(s, text, &m, env.budget) {
                continue;
            }
            out.push(Hit::at(env.abs(m), s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_found_where_it_stands_alone() {
        assert_eq!(first_place("advisers adviser", "adviser"), Some(9));
        assert_eq!(first_place("x (WHO) WHO", "WHO"), Some(3));
        assert_eq!(first_place("none", "WHO"), None);
    }
}
