//! How a story becomes the model's stream: lower-case words (compound
//! parts one by one) and the breaks the model cannot read across.

use crate::text::token::{is_apostrophe, is_hyphen, Token, TokenKind};
use std::ops::Range;

/// The story as the model sees it: 12 bytes a piece (a story of 5 MB has
/// some two million).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// A word (or a part of a hyphenated one): its span in the text (the
    /// model reads it lower-case, apostrophes straight: [`model_word`]).
    Word(WordSpan),
    /// Something the model cannot read (a number, a URL, a bracket, a
    /// dash): the context starts afresh after it.
    Cut,
    /// A comma: the model (from speech) has none, so the words before it
    /// are not read across it, and the word after it is read as a
    /// clause's first, after the model's sentence start.
    Clause,
    /// The end of a sentence.
    End,
}

/// A word's span, held as `u32` as a [`Token`]'s is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordSpan {
    start: u32,
    end: u32,
}

impl WordSpan {
    fn new(span: Range<usize>) -> WordSpan {
        WordSpan {
            start: span.start as u32,
            end: span.end as u32,
        }
    }
    pub fn start(self) -> usize {
        self.start as usize
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Splits tokens into model words and breaks. Quotes are transparent;
/// a comma starts a clause (the model comes from speech, which has none,
/// and `In California, two drives` is not `California two`); sentence
/// punctuation ends a sentence, a blank line too.
///
/// The pieces are counted first, so the list is allocated once at its size.
pub fn pieces(text: &str, tokens: &[Token]) -> Vec<Piece> {
    let mut count = 0;
    walk(text, tokens, |_| count += 1);
    let mut out = Vec::with_capacity(count);
    walk(text, tokens, |p| out.push(p));
    out
}

/// How many pieces [`pieces`] makes of the tokens, and how many of them
/// are words: for a reader that keeps something of each to allocate once.
pub fn count(text: &str, tokens: &[Token]) -> (usize, usize) {
    let (mut all, mut words) = (0, 0);
    walk(text, tokens, |p| {
        all += 1;
        words += usize::from(matches!(p, Piece::Word(_)));
    });
    (all, words)
}

/// [`pieces`] a block at a time, for a reader that need not hold a whole
/// story's: `block` is given, in story order, each run of at least `min`
/// pieces that ends with a [`Piece::End`] (the last run may be shorter or
/// end otherwise). The model reads nothing across a sentence's end, so a
/// block reads as it would inside the whole story; the pieces of a 5 MB
/// story took 12 MB.
pub fn blocks(text: &str, tokens: &[Token], min: usize, mut block: impl FnMut(&[Piece])) {
    let mut run = Vec::with_capacity(min + min / 4);
    walk(text, tokens, |p| {
        run.push(p);
        if p == Piece::End && run.len() >= min {
            block(&run);
            run.clear();
        }
    });
    if !run.is_empty() {
        block(&run);
    }
}

/// [`pieces`], each given to `emit` in order.
fn walk(text: &str, tokens: &[Token], mut emit: impl FnMut(Piece)) {
    // Whether nothing, or an end, was emitted last.
    let after_end = std::cell::Cell::new(true);
    let mut out = |p: Piece| {
        after_end.set(p == Piece::End);
        emit(p);
    };
    let mut newline = false;
    for t in tokens {
        match t.kind() {
            TokenKind::Word => {
                newline = false;
                let s = t.text(text);
                // One look at the bytes: a digit, or what may start a
                // hyphen (`-`, or the first byte of `‐` and `‑`).
                let (mut digit, mut hyphen) = (false, false);
                for &b in s.as_bytes() {
                    digit |= b.is_ascii_digit();
                    hyphen |= b == b'-' || b == 0xE2;
                }
                if digit {
                    out(Piece::Cut);
                    continue;
                }
                if t.sentence_start() && !after_end.get() {
                    out(Piece::End);
                }
                if !hyphen {
                    out(Piece::Word(WordSpan::new(t.span())));
                    continue;
                }
                let mut start = t.start();
                for (i, c) in s.char_indices().chain(std::iter::once((s.len(), '-'))) {
                    if is_hyphen(c) {
                        if start < t.start() + i {
                            out(Piece::Word(WordSpan::new(start..t.start() + i)));
                        }
                        start = t.start() + i + c.len_utf8();
                    }
                }
            }
            TokenKind::Verbatim => out(Piece::Cut),
            TokenKind::Space => {}
            TokenKind::Newline => {
                if newline {
                    out(Piece::End);
                }
                newline = true;
            }
            TokenKind::Punct => {
                newline = false;
                // A punctuation token is one character.
                match t.text(text).chars().next() {
                    Some('.' | '!' | '?' | ';' | ':' | '…') => out(Piece::End),
                    Some('"' | '\'' | '“' | '”' | '‘' | '’') => {}
                    Some(',') => out(Piece::Clause),
                    _ => out(Piece::Cut),
                }
            }
        }
    }
}

/// A word as the model spells it: lower-case, apostrophes straight.
pub fn model_word(text: &str, span: Range<usize>) -> String {
    let mut out = String::new();
    model_word_into(text, span, &mut out);
    out
}

/// [`model_word`] into a buffer, replacing what it held.
pub fn model_word_into(text: &str, span: Range<usize>, out: &mut String) {
    out.clear();
    out.extend(
        text[span]
            .chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn words(text: &str) -> Vec<String> {
        pieces(text, &tokenize(text, 0))
            .into_iter()
            .map(|p| match p {
                Piece::Word(span) => model_word(text, span.range()),
                Piece::Cut => "|".into(),
                Piece::Clause => ",".into(),
                Piece::End => "#".into(),
            })
            .collect()
    }

    /// The pieces as first written: each word's characters looked at one
    /// by one, each punctuation mark compared as a string.
    fn pieces_char_by_char(text: &str, tokens: &[Token]) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut newline = false;
        for t in tokens {
            let s = t.text(text);
            let after_end = matches!(out.last(), None | Some(Piece::End));
            match t.kind() {
                TokenKind::Word => {
                    newline = false;
                    if s.chars().any(|c| c.is_ascii_digit()) {
                        out.push(Piece::Cut);
                        continue;
                    }
                    if t.sentence_start() && !after_end {
                        out.push(Piece::End);
                    }
                    let mut start = t.start();
                    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), '-'))) {
                        if is_hyphen(c) {
                            if start < t.start() + i {
                                out.push(Piece::Word(WordSpan::new(start..t.start() + i)));
                            }
                            start = t.start() + i + c.len_utf8();
                        }
                    }
                }
                TokenKind::Verbatim => out.push(Piece::Cut),
                TokenKind::Space => {}
                TokenKind::Newline => {
                    if newline {
                        out.push(Piece::End);
                    }
                    newline = true;
                }
                TokenKind::Punct => {
                    newline = false;
                    match s {
                        "." | "!" | "?" | ";" | ":" | "…" => out.push(Piece::End),
                        "\"" | "'" | "“" | "”" | "‘" | "’" => {}
                        "," => out.push(Piece::Clause),
                        _ => out.push(Piece::Cut),
                    }
                }
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn pieces_are_those_read_char_by_char(
            text in "([a-zA-Z0-9 \n.,;:!?…'’‘“”\"()—–-]|‐|‑|é|€|x-ray|self‑made|www.a.com){0,60}"
        ) {
            let tokens = tokenize(&text, 0);
            proptest::prop_assert_eq!(pieces(&text, &tokens), pieces_char_by_char(&text, &tokens));
        }
    }

    #[test]
    fn blocks_end_at_sentence_ends_and_make_up_the_pieces() {
        let text = "Two armed drones. Twelve of them, now.\n\nIt's over — self-defence! A b c";
        let tokens = tokenize(text, 0);
        let whole = pieces(text, &tokens);
        for min in [1, 2, 5, 100] {
            let mut joined = Vec::new();
            let mut runs = Vec::new();
            blocks(text, &tokens, min, |b| {
                joined.extend_from_slice(b);
                runs.push(b.to_vec());
            });
            assert_eq!(joined, whole, "{min}");
            let (last, full) = runs.split_last().unwrap();
            for run in full {
                assert!(
                    run.len() >= min && run.last() == Some(&Piece::End),
                    "{run:?}"
                );
            }
            assert!(!last.is_empty());
        }
        let words = whole.iter().filter(|p| matches!(p, Piece::Word(_))).count();
        assert_eq!(count(text, &tokens), (whole.len(), words));
    }

    #[test]
    fn pieces_cut_at_numbers_and_end_at_sentences() {
        // A dash cuts the context, and the tokenizer starts a sentence after it.
        assert_eq!(
            words("Two armed drones, 12 of them. It’s “over” (now) — self-defence"),
            [
                "two", "armed", "drones", ",", "|", "of", "them", "#", "it's", "over", "|", "now",
                "|", "|", "#", "self", "defence"
            ]
        );
    }
}
