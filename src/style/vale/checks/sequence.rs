//! `sequence`: a run of word tokens, each described by a `pattern` (and
//! optionally `negate` and `skip`), looked for in every sentence. Vale
//! also lets a token be a part-of-speech `tag`; newslint has no tagger, so
//! a rule with a `tag` is reported as not supported and left out, and
//! rules made only of patterns run as Vale runs them: the first pattern is
//! the anchor, the tokens before it are matched leftwards and those after
//! it rightwards, `skip: n` allowing up to `n` tokens before the next one.

use super::{BuildError, Env, Hit};
use crate::style::vale::definition::{scalar, RuleYaml};
use crate::style::vale::pattern::Pattern;
use crate::style::vale::Unsupported;
use serde_norway::Value;
use std::ops::Range;

struct Step {
    pattern: Pattern,
    negate: bool,
    skip: usize,
}

pub(crate) struct Sequence {
    steps: Vec<Step>,
    anchor: usize,
    words: Pattern,
}

impl Sequence {
    pub(crate) fn build(y: &RuleYaml) -> Result<Self, BuildError> {
        let Some(Value::Sequence(tokens)) = &y.tokens else {
            return Err(BuildError::Missing {
                extends: "sequence",
                key: "tokens",
            });
        };
        let mut steps = Vec::with_capacity(tokens.len());
        for t in tokens {
            let get = |k: &str| t.get(k).and_then(scalar);
            if get("tag").is_some() {
                return Err(Unsupported::Tagging.into());
            }
            let pattern = get("pattern").ok_or(BuildError::Missing {
                extends: "sequence",
                key: "pattern",
            })?;
            steps.push(Step {
                pattern: Pattern::finder(&format!("^(?:{pattern})$"), y.ignorecase)?,
                negate: get("negate").is_some_and(|v| v == "true"),
                skip: get("skip").and_then(|v| v.parse().ok()).unwrap_or(0),
            });
        }
        let anchor = steps
            .iter()
            .position(|s| !s.negate)
            .ok_or(BuildError::Missing {
                extends: "sequence",
                key: "pattern",
            })?;
        Ok(Sequence {
            steps,
            anchor,
            words: Pattern::finder(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*|[^\s\p{L}\p{N}]", false)?,
        })
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        let words = self.words.find_all(text, env.budget);
        for start in 0..words.len() {
            if !self.steps[self.anchor]
                .pattern
                .is_match(&text[words[start].clone()])
            {
                continue;
            }
            let Some(found) = self.match_at(text, &words, start) else {
                continue;
            };
            let first = found.iter().flatten().map(|r| r.start).min().unwrap_or(0);
            let last = found.iter().flatten().map(|r| r.end).max().unwrap_or(0);
            let args: Vec<String> = found
                .iter()
                .map(|r| r.clone().map(|r| text[r].to_string()).unwrap_or_default())
                .collect();
            out.push(Hit {
                span: env.abs(first..last),
                args,
                suggestions: Vec::new(),
                safe: false,
            });
        }
    }

    /// The tokens each step took (none for a negated step), with the anchor
    /// at `words[start]`.
    #[allow(clippy::needless_range_loop)] // steps are matched against neighbours
    fn match_at(
        &self,
        text: &str,
        words: &[Range<usize>],
        start: usize,
    ) -> Option<Vec<Option<Range<usize>>>> {
        let mut found = vec![None; self.steps.len()];
        found[self.anchor] = Some(words[start].clone());
        let mut at = start;
        for i in self.anchor + 1..self.steps.len() {
            let gap = self.steps[i - 1].skip;
            at = self.step(text, words, at + 1, gap, &self.steps[i], true)?;
            if !self.steps[i].negate {
                found[i] = Some(words[at].clone());
            } else {
                at -= 1;
            }
        }
        let mut at = start as isize;
        for i in (0..self.anchor).rev() {
            let gap = self.steps[i].skip;
            let from = at - 1;
            if from < 0 {
                if self.steps[i].negate {
                    continue;
                }
                return None;
            }
            let j = self.step(text, words, from as usize, gap, &self.steps[i], false)?;
            if !self.steps[i].negate {
                found[i] = Some(words[j].clone());
                at = j as isize;
            }
        }
        Some(found)
    }

    /// The index of the word step `s` takes, starting at `from` and going
    /// forwards or backwards over at most `gap` other words; a negated step
    /// succeeds (at `from`) when the word there does not match.
    fn step(
        &self,
        text: &str,
        words: &[Range<usize>],
        from: usize,
        gap: usize,
        s: &Step,
        forward: bool,
    ) -> Option<usize> {
        let at = |k: usize| -> Option<usize> {
            if forward {
                Some(from + k).filter(|&i| i < words.len())
            } else {
                from.checked_sub(k)
            }
        };
        if s.negate {
            let i = at(0);
            return match i {
                Some(i) if s.pattern.is_match(&text[words[i].clone()]) => None,
                _ => Some(from),
            };
        }
        (0..=gap).find_map(|k| {
            let i = at(k)?;
            s.pattern.is_match(&text[words[i].clone()]).then_some(i)
        })
    }
}
