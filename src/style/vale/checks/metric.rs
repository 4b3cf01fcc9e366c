//! `metric`: a formula over the story's counts (words, sentences,
//! syllables…) and a condition on its result; when the condition holds,
//! the rule fires once, at the story's start, with the result (two
//! decimals) for `%s`. Formulas use `+ - * /`, parentheses, numbers, the
//! documented variables and `math.sqrt`, `math.abs`, `math.pow`,
//! `math.log`, `math.min`, `math.max`, `math.floor`, `math.ceil` and
//! `math.round`; conditions are `>`, `<`, `>=`, `<=`, `==` or `!=` and a
//! number.

use super::{BuildError, Env, Hit};
use crate::style::vale::definition::RuleYaml;
use crate::style::vale::scope;
use std::collections::HashMap;

/// The variables a formula may use.
pub(super) const VARIABLES: &[&str] = &[
    "words",
    "sentences",
    "characters",
    "syllables",
    "polysyllabic_words",
    "complex_words",
    "long_words",
    "paragraphs",
    "pre",
    "list",
    "blockquote",
    "heading.h1",
    "heading.h2",
    "heading.h3",
    "heading.h4",
    "heading.h5",
    "heading.h6",
];

pub(crate) struct Metric {
    formula: Formula,
    op: Op,
    limit: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Gt,
    Lt,
    Ge,
    Le,
    Eq,
    Ne,
}

impl Metric {
    pub(crate) fn build(y: &RuleYaml) -> Result<Self, BuildError> {
        let missing = |key| BuildError::Missing {
            extends: "metric",
            key,
        };
        let formula = Formula::parse(y.formula.as_deref().ok_or(missing("formula"))?)?;
        let condition = y.condition.as_deref().ok_or(missing("condition"))?.trim();
        let (op, rest) = [
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("==", Op::Eq),
            ("!=", Op::Ne),
            (">", Op::Gt),
            ("<", Op::Lt),
        ]
        .iter()
        .find_map(|(s, op)| condition.strip_prefix(s).map(|r| (*op, r)))
        .ok_or_else(|| {
            BuildError::Invalid(format!(
                "condition `{condition}`: expected > < >= <= == or != and a number"
            ))
        })?;
        let limit = Formula::parse(rest)?.eval(&HashMap::new());
        Ok(Metric { formula, op, limit })
    }

    pub(crate) fn run(&self, env: &Env, out: &mut Vec<Hit>) {
        let counts = counts(env);
        let v = self.formula.eval(&counts);
        let holds = match self.op {
            Op::Gt => v > self.limit,
            Op::Lt => v < self.limit,
            Op::Ge => v >= self.limit,
            Op::Le => v <= self.limit,
            Op::Eq => (v - self.limit).abs() < 1e-9,
            Op::Ne => (v - self.limit).abs() >= 1e-9,
        };
        if holds && v.is_finite() {
            let first = env.text().chars().next().map_or(0, char::len_utf8);
            out.push(Hit::at(env.abs(0..first), &format!("{v:.2}")));
        }
    }
}

/// The story's counts, by variable name.
fn counts(env: &Env) -> HashMap<&'static str, f64> {
    let text = env.text();
    let mut c: HashMap<&'static str, f64> = VARIABLES.iter().map(|v| (*v, 0.0)).collect();
    let paragraphs = scope::paragraphs(text, 0);
    c.insert("paragraphs", paragraphs.len() as f64);
    let sentences: usize = paragraphs
        .iter()
        .map(|p| scope::sentences(text, p.clone()).len())
        .sum();
    c.insert("sentences", sentences.max(1) as f64);
    let (mut words, mut chars, mut syl, mut poly, mut complex, mut long) = (0, 0, 0, 0, 0, 0);
    for w in text
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '\'' || ch == '’'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
    {
        words += 1;
        let n = w.chars().filter(|c| c.is_alphanumeric()).count();
        chars += n;
        let s = syllables(w);
        syl += s;
        if s > 2 {
            poly += 1;
            let lower = w.to_lowercase();
            let suffixed = ["es", "ed", "ing"].iter().any(|x| lower.ends_with(x));
            let proper = w.chars().next().is_some_and(char::is_uppercase);
            if !suffixed && !proper && !w.contains('-') {
                complex += 1;
            }
        }
        if n > 6 {
            long += 1;
        }
    }
    for (k, v) in [
        ("words", words),
        ("characters", chars),
        ("syllables", syl),
        ("polysyllabic_words", poly),
        ("complex_words", complex),
        ("long_words", long),
    ] {
        c.insert(k, v.max(if k == "words" { 1 } else { 0 }) as f64);
    }
    for line in text.lines() {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            *c.entry(VARIABLES[10 + hashes]).or_default() += 1.0;
        }
    }
    c
}

/// Syllables in an English word, by vowel groups: a silent final `e` is
/// not one, a final `le` after a consonant is; every word has one.
pub(super) fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut n: usize = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    let len = w.len();
    if len > 2 && w[len - 1] == 'e' && !vowel(w[len - 2]) {
        let le = w[len - 2] == 'l' && len > 3 && !vowel(w[len - 3]);
        if !le {
            n = n.saturating_sub(1usize);
        }
    }
    if len > 2 && w[len - 1] == 'd' && w[len - 2] == 'e' && !matches!(w[len - 3], 't' | 'd') {
        n = n.saturating_sub(1usize);
    }
    n.max(1)
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Formula {
    Num(f64),
    Var(&'static str),
    Neg(Box<Formula>),
    Bin(char, Box<Formula>, Box<Formula>),
    Call(&'static str, Vec<Formula>),
}

const FUNCTIONS: &[&str] = &[
    "math.sqrt",
    "math.abs",
    "math.pow",
    "math.log",
    "math.log10",
    "math.min",
    "math.max",
    "math.floor",
    "math.ceil",
    "math.round",
];

impl Formula {
    pub(super) fn parse(src: &str) -> Result<Formula, BuildError> {
        let tokens = lex(src)?;
        let mut p = Parser { tokens, at: 0 };
        let f = p.expr()?;
        if p.at != p.tokens.len() {
            return Err(bad(src, "unexpected text after the formula"));
        }
        Ok(f)
    }

    pub(super) fn eval(&self, vars: &HashMap<&'static str, f64>) -> f64 {
        match self {
            Formula::Num(n) => *n,
            Formula::Var(v) => vars.get(v).copied().unwrap_or(0.0),
            Formula::Neg(f) => -f.eval(vars),
            Formula::Bin(op, a, b) => {
                let (a, b) = (a.eval(vars), b.eval(vars));
                match op {
                    '+' => a + b,
                    '-' => a - b,
                    '*' => a * b,
                    '/' => a / b,
                    _ => a % b,
                }
            }
            Formula::Call(f, args) => {
                let a: Vec<f64> = args.iter().map(|x| x.eval(vars)).collect();
                let x = a.first().copied().unwrap_or(0.0);
                let y = a.get(1).copied().unwrap_or(0.0);
                match *f {
                    "math.sqrt" => x.sqrt(),
                    "math.abs" => x.abs(),
                    "math.pow" => x.powf(y),
                    "math.log" => x.ln(),
                    "math.log10" => x.log10(),
                    "math.min" => x.min(y),
                    "math.max" => x.max(y),
                    "math.floor" => x.floor(),
                    "math.ceil" => x.ceil(),
                    _ => x.round(),
                }
            }
        }
    }
}

fn bad(src: &str, why: &str) -> BuildError {
    BuildError::Invalid(format!("formula `{}`: {why}", src.trim()))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Op(char),
}

fn lex(src: &str) -> Result<Vec<Tok>, BuildError> {
    let mut out = Vec::new();
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            out.push(Tok::Num(s.parse().map_err(|_| bad(src, "bad number"))?));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.')) {
                i += 1;
            }
            out.push(Tok::Name(chars[start..i].iter().collect()));
        } else if "+-*/%(),".contains(c) {
            out.push(Tok::Op(c));
            i += 1;
        } else {
            return Err(bad(src, &format!("unexpected `{c}`")));
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek_op(&self) -> Option<char> {
        match self.tokens.get(self.at) {
            Some(Tok::Op(c)) => Some(*c),
            _ => None,
        }
    }

    fn expr(&mut self) -> Result<Formula, BuildError> {
        let mut left = self.term()?;
        while let Some(op @ ('+' | '-')) = self.peek_op() {
            self.at += 1;
            left = Formula::Bin(op, Box::new(left), Box::new(self.term()?));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Formula, BuildError> {
        let mut left = self.factor()?;
        while let Some(op @ ('*' | '/' | '%')) = self.peek_op() {
            self.at += 1;
            left = Formula::Bin(op, Box::new(left), Box::new(self.factor()?));
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Formula, BuildError> {
        let tok = self.tokens.get(self.at).cloned();
        self.at += 1;
        match tok {
            Some(Tok::Num(n)) => Ok(Formula::Num(n)),
            Some(Tok::Op('-')) => Ok(Formula::Neg(Box::new(self.factor()?))),
            Some(Tok::Op('(')) => {
                let f = self.expr()?;
                self.expect(')')?;
                Ok(f)
            }
            Some(Tok::Name(name)) => self.name(&name),
            _ => Err(BuildError::Invalid(
                "formula: expected a number, a variable or `(`".into(),
            )),
        }
    }

    fn name(&mut self, name: &str) -> Result<Formula, BuildError> {
        let name = name.replace("heading_", "heading.");
        if let Some(f) = FUNCTIONS.iter().find(|f| **f == name) {
            self.expect('(')?;
            let mut args = vec![self.expr()?];
            while self.peek_op() == Some(',') {
                self.at += 1;
                args.push(self.expr()?);
            }
            self.expect(')')?;
            return Ok(Formula::Call(f, args));
        }
        VARIABLES
            .iter()
            .find(|v| **v == name)
            .map(|v| Formula::Var(v))
            .ok_or_else(|| BuildError::Invalid(format!("formula: unknown variable `{name}`")))
    }

    fn expect(&mut self, c: char) -> Result<(), BuildError> {
        if self.peek_op() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(BuildError::Invalid(format!("formula: expected `{c}`")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_evaluate_with_precedence_and_functions() {
        let f =
            Formula::parse("(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59")
                .unwrap();
        let vars: HashMap<&str, f64> =
            [("words", 100.0), ("sentences", 5.0), ("syllables", 150.0)].into();
        assert!((f.eval(&vars) - (0.39 * 20.0 + 11.8 * 1.5 - 15.59)).abs() < 1e-9);
        let g =
            Formula::parse("1.043 * math.sqrt(polysyllabic_words * 30 / sentences) + -2").unwrap();
        let vars: HashMap<&str, f64> = [("polysyllabic_words", 6.0), ("sentences", 5.0)].into();
        assert!((g.eval(&vars) - (1.043 * 6.0 - 2.0)).abs() < 1e-9);
        assert!(Formula::parse("heading.h1 + heading_h2").is_ok());
        assert!(Formula::parse("words +").is_err());
        assert!(Formula::parse("wordz").is_err());
    }

    #[test]
    fn syllables_are_counted_by_vowel_groups() {
        assert_eq!(syllables("the"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("government"), 3);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("wanted"), 2);
        assert_eq!(syllables("jumped"), 1);
    }
}
