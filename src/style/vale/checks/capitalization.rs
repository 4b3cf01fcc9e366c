//! `capitalization`: a block (a heading, by default) must be in title
//! case (`$title`, AP or Chicago `style`), sentence case (`$sentence`),
//! lower or upper case, or match a pattern. Title and sentence case are
//! judged word by word, as Vale does: the block passes when more than
//! `threshold` (0.8) of its words fit, all-caps words and `exceptions`
//! always fitting.

use super::{exceptions, BuildCx, BuildError, Env, Exceptions, Hit};
use crate::style::vale::definition::{strings, RuleYaml};
use crate::style::vale::pattern::{Budget, Pattern, PatternError};

enum Case {
    Title { chicago: bool },
    Sentence { indicators: Vec<String> },
    Lower,
    Upper,
    Pattern(Pattern),
}

pub(crate) struct Capitalization {
    case: Case,
    except: Exceptions,
    /// Splits a block into words, an exception counting as one.
    words: Pattern,
    exception_list: Option<Pattern>,
    threshold: f64,
}

/// Words AP style leaves in lower case inside a title.
const AP_SMALL: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or",
    "per", "so", "the", "to", "up", "v", "v.", "via", "vs", "vs.", "yet",
];

/// Chicago adds every preposition, whatever its length.
const CHICAGO_SMALL: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "among",
    "around",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "down",
    "during",
    "except",
    "from",
    "inside",
    "into",
    "like",
    "near",
    "off",
    "onto",
    "out",
    "outside",
    "over",
    "past",
    "since",
    "through",
    "throughout",
    "till",
    "toward",
    "towards",
    "under",
    "underneath",
    "until",
    "upon",
    "with",
    "within",
    "without",
];

const WORD: &str = r"[\p{N}\p{L}*]+[^\s]*";

impl Capitalization {
    pub(crate) fn build(y: &RuleYaml, cx: &BuildCx) -> Result<Self, BuildError> {
        let how = y.match_.as_deref().unwrap_or("$title");
        let case = match how {
            "$title" => Case::Title {
                chicago: y.style.as_deref() == Some("Chicago"),
            },
            "$sentence" => Case::Sentence {
                indicators: strings(&y.indicators),
            },
            "$lower" => Case::Lower,
            "$upper" => Case::Upper,
            pattern => Case::Pattern(Pattern::finder(pattern, false)?),
        };
        let own = strings(&y.exceptions);
        let vocab = if y.vocab.unwrap_or(true) {
            cx.accept
        } else {
            &[]
        };
        let exception_list = alternation(own.iter().chain(vocab))?;
        let words = match &exception_list {
            Some(e) => Pattern::finder(&format!("{}|{WORD}", e.as_str()), false)?,
            None => Pattern::finder(WORD, false)?,
        };
        Ok(Capitalization {
            case,
            except: exceptions(y, cx, true)?,
            words,
            exception_list,
            threshold: y.threshold.filter(|t| *t > 0.0).unwrap_or(0.8),
        })
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let text = env.text();
        if text.trim().is_empty() || self.fits(text, env.budget) {
            return;
        }
        out.push(Hit::at(env.abs(0..text.len()), text));
    }

    fn fits(&self, s: &str, budget: &Budget) -> bool {
        let excused = |w: &str| self.exception_list.as_ref().is_some_and(|e| e.is_match(w));
        match &self.case {
            Case::Lower => s == s.to_lowercase() || excused(s),
            Case::Upper => s == s.to_uppercase() || excused(s),
            Case::Pattern(p) => p.is_match(s) || self.except.excuse(s, s, &(0..s.len()), budget),
            Case::Title { chicago } => self.title(s, *chicago, budget, &excused),
            Case::Sentence { indicators } => self.sentence(s, indicators, budget, &excused),
        }
    }

    fn split<'s>(&self, s: &'s str, budget: &Budget) -> Vec<&'s str> {
        self.words
            .find_all(s, budget)
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    fn title(
        &self,
        s: &str,
        chicago: bool,
        budget: &Budget,
        excused: &dyn Fn(&str) -> bool,
    ) -> bool {
        let expected = title_case(s, chicago);
        let want = self.split(&expected, budget);
        let got = self.split(s, budget);
        let fit = got
            .iter()
            .enumerate()
            .filter(|(i, w)| {
                want.get(*i).is_none_or(|e| e == *w) || excused(w) || **w == w.to_uppercase()
            })
            .count();
        ratio(fit, got.len()) > self.threshold
    }

    fn sentence(
        &self,
        s: &str,
        indicators: &[String],
        budget: &Budget,
        excused: &dyn Fn(&str) -> bool,
    ) -> bool {
        let tokens = self.split(s.trim_end_matches(['?', '!', '.', ':']), budget);
        let mut fit = 0;
        for (i, token) in tokens.iter().enumerate() {
            let prev = if i > 0 { tokens[i - 1] } else { "" };
            // `Top-level` and `Client's` are judged by their first part.
            let w = token.split(['-', '\'', '’']).next().unwrap_or(token);
            let after_indicator = indicators.iter().any(|x| prev.ends_with(x.as_str()));
            // An exception is matched against the whole token.
            if w == w.to_uppercase() || after_indicator || excused(token) {
                fit += 1;
            } else if i == 0 && w != capitalised(&w.to_lowercase()) {
                return false;
            } else if i == 0 || w == w.to_lowercase() {
                fit += 1;
            }
        }
        ratio(fit, tokens.len()) >= self.threshold
    }
}

fn ratio(fit: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        fit as f64 / of as f64
    }
}

/// The exceptions as one word-bounded alternation, longest first.
fn alternation<'a>(
    list: impl Iterator<Item = &'a String>,
) -> Result<Option<Pattern>, PatternError> {
    let mut all: Vec<&String> = list.filter(|e| !e.is_empty()).collect();
    if all.is_empty() {
        return Ok(None);
    }
    all.sort_by_key(|e| std::cmp::Reverse(e.len()));
    let body: Vec<&str> = all.iter().map(|s| s.as_str()).collect();
    Pattern::finder(&format!(r"\b(?:{})\b", body.join("|")), false).map(Some)
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `s` in title case: every word capitalised but the small ones inside
/// (and not after a colon); the first and last always capitalised.
pub(super) fn title_case(s: &str, chicago: bool) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let last = words.iter().rposition(|w| !w.is_empty()).unwrap_or(0);
    let mut out = Vec::with_capacity(words.len());
    let mut after_colon = false;
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let small = AP_SMALL.contains(&bare) || (chicago && CHICAGO_SMALL.contains(&bare));
        let word = if i == 0 || i == last || after_colon || !small {
            capitalised(w)
        } else {
            lower.clone()
        };
        after_colon = w.ends_with(':');
        out.push(word);
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_keeps_small_words_small() {
        assert_eq!(
            title_case("the state of the art", false),
            "The State of the Art"
        );
        assert_eq!(title_case("life after war", false), "Life After War");
        assert_eq!(title_case("life after war", true), "Life after War");
    }
}
