//! News-aware tokenizer: words with curly or straight apostrophes,
//! hyphenated compounds, dotted abbreviations (`U.S.`, `a.m.`), numbers,
//! URLs, e-mail addresses, @handles and HTML entities, with every token's
//! byte span.

use super::markup::PLACEHOLDER;
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, possibly joined by apostrophes, hyphens or
    /// abbreviation points: `Iran’s`, `self-defence`, `F-16`, `U.S.`.
    Word,
    /// A URL, e-mail address, @handle, #hashtag or HTML entity (`&amp;`),
    /// or the placeholder the markup stage puts for inline code: never
    /// spell-checked.
    Verbatim,
    /// Spaces and tabs.
    Space,
    /// `\n` or `\r\n`.
    Newline,
    /// Any other single character.
    Punct,
}

/// A token: 8 bytes (a story of 5 MB has some two million tokens): its
/// start as `u32` ([`MAX_TEXT`] bounds the text), and its length (at most
/// [`MAX_TOKEN`]), kind and sentence-start mark packed in another.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    start: u32,
    /// The length in the low [`LEN_BITS`] bits, then the kind (3 bits),
    /// then the sentence-start mark.
    packed: u32,
}

/// The longest text [`tokenize`] takes: spans are held as `u32`.
pub const MAX_TEXT: usize = u32::MAX as usize;

const LEN_BITS: u32 = 28;
/// The longest token, 256 MB: [`tokenize`] cuts a longer run of spaces,
/// letters or a verbatim span into tokens of this length at most.
pub const MAX_TOKEN: usize = (1 << LEN_BITS) - 1;
const KIND_SHIFT: u32 = LEN_BITS;
const START_BIT: u32 = 1 << 31;

impl Token {
    /// A token over `start..end`, both at most [`MAX_TEXT`] and at most
    /// [`MAX_TOKEN`] apart.
    fn new(kind: TokenKind, start: usize, end: usize, sentence_start: bool) -> Token {
        debug_assert!(start <= end && end <= MAX_TEXT && end - start <= MAX_TOKEN);
        let kind = match kind {
            TokenKind::Word => 0,
            TokenKind::Verbatim => 1,
            TokenKind::Space => 2,
            TokenKind::Newline => 3,
            TokenKind::Punct => 4,
        };
        Token {
            start: start as u32,
            packed: (end - start) as u32
                | kind << KIND_SHIFT
                | if sentence_start { START_BIT } else { 0 },
        }
    }
    pub fn kind(&self) -> TokenKind {
        match (self.packed & !START_BIT) >> KIND_SHIFT {
            0 => TokenKind::Word,
            1 => TokenKind::Verbatim,
            2 => TokenKind::Space,
            3 => TokenKind::Newline,
            _ => TokenKind::Punct,
        }
    }
    /// For words: nothing but spaces, quotes or brackets separate it from
    /// the start of a line, a sentence, a colon or a dash.
    pub fn sentence_start(&self) -> bool {
        self.packed & START_BIT != 0
    }
    pub fn start(&self) -> usize {
        self.start as usize
    }
    pub fn end(&self) -> usize {
        self.start() + (self.packed & MAX_TOKEN as u32) as usize
    }
    pub fn span(&self) -> Range<usize> {
        self.start()..self.end()
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span()]
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("kind", &self.kind())
            .field("sentence_start", &self.sentence_start())
            .field("span", &self.span())
            .finish()
    }
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// `word` with every apostrophe written `'`, as the dictionaries, word
/// lists and models store them.
pub fn straighten(word: &str) -> Cow<'_, str> {
    if word.contains(|c: char| c != '\'' && is_apostrophe(c)) {
        Cow::Owned(
            word.chars()
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(word)
    }
}

/// Whether `word` is written with a typographic apostrophe: a suggestion
/// for it is given one too (see [`curl_if`]).
pub fn has_curly_apostrophe(word: &str) -> bool {
    word.contains('’')
}

/// `word` (with straight apostrophes) as the writer types apostrophes:
/// curled (`’`) when `curly`.
pub fn curl_if(word: &str, curly: bool) -> String {
    if curly {
        word.replace('\'', "’")
    } else {
        word.to_string()
    }
}

pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Abbreviations whose full point does not end a sentence.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "Capt", "Maj", "Adm", "Cmdr", "Sen", "Rep",
    "Gov", "Pres", "Prof", "Rev", "St", "Mt", "Ft", "Jr", "Sr", "No", "vs", "Jan", "Feb", "Aug",
    "Sept", "Sep", "Oct", "Nov", "Dec", "Inc", "Corp", "Co", "Ltd", "Bros", "approx", "est",
];

/// Whether `word` is a title or other abbreviation whose point does not
/// end a sentence (`Mr`, `Gen`, `Rep`, `Corp`).
pub fn is_title_abbreviation(word: &str) -> bool {
    TITLE_ABBREVIATIONS.contains(&word)
}

/// The verbatim pattern's alternatives: URLs, e-mail addresses, handles
/// and hashtags, HTML entities, bare domains.
const VERBATIM: [&str; 5] = [
    r"\b(?:https?://|ftp://|www\.)[^\s<>\x22“”]+",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"(?:^|\B)[@#][A-Za-z_][A-Za-z0-9_]*",
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",
    r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|int|info|io|co\.uk|org\.uk|gov\.uk|ac\.uk|com\.au|net\.au|gov\.au)\b(?:/[^\s<>\x22“”]*)?",
];

/// Which of [`VERBATIM`] is the e-mail address.
const EMAIL: usize = 1;

/// The verbatim pattern, with or without its e-mail alternative. The
/// e-mail one's Unicode `\w` classes are most of the pattern's compile
/// time (0.7 ms of 1.2, paid by every run that meets a `U.S.`), and it
/// cannot match a text with no `@`: such a text gets the pattern without
/// it, which finds exactly the same spans.
fn verbatim_re(email: bool) -> &'static Regex {
    static WITH: OnceLock<Regex> = OnceLock::new();
    static WITHOUT: OnceLock<Regex> = OnceLock::new();
    let cell = if email { &WITH } else { &WITHOUT };
    cell.get_or_init(|| {
        let alternatives: Vec<&str> = VERBATIM
            .iter()
            .enumerate()
            .filter(|&(i, _)| email || i != EMAIL)
            .map(|(_, p)| *p)
            .collect();
        Regex::new(&format!("(?i){}", alternatives.join("|"))).expect("verbatim pattern")
    })
}

/// Spans of URLs, e-mail addresses and handles, with trailing sentence
/// punctuation left out of the span.
///
/// The pattern runs line by line, and only on lines that could hold a
/// match: with Unicode word boundaries the regex crate's fast engines give
/// up on non-ASCII text (curly quotes, dashes), and its slow one over a
/// whole story cost a tenth of a check. No match spans a line break, and a
/// line break is a non-word character like the edge of the text, so the
/// matches are exactly those of one search over the whole text.
///
/// A line longer than [`SEGMENT`] bytes is cut after a space or tab, which
/// no match holds and which is a non-word character too: a 10 MB line is
/// searched only where it could match, in linear time.
fn verbatim_spans(text: &str) -> Vec<Range<usize>> {
    let re = verbatim_re(text.contains('@'));
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        for (at, segment) in segments(line) {
            if may_hold_verbatim(segment.as_bytes()) {
                let offset = line_start + at;
                out.extend(verbatim_matches(re, segment).map(|r| r.start + offset..r.end + offset));
            }
        }
        line_start += line.len();
    }
    out
}

const SEGMENT: usize = 4096;

/// `line` cut into pieces of about [`SEGMENT`] bytes, each ending after an
/// ASCII space or tab (or at the line's end), with their offsets.
fn segments(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= line.len() {
            return None;
        }
        let start = at;
        at = if line.len() - start <= SEGMENT {
            line.len()
        } else {
            bytes[start + SEGMENT..]
                .iter()
                .position(|&b| b == b' ' || b == b'\t')
                .map_or(line.len(), |i| start + SEGMENT + i + 1)
        };
        Some((start, &line[start..at]))
    })
}

/// Whether a line could hold a verbatim match: every one needs `://`, `@`,
/// `#`, `&`, `www.`, or a point followed by a letter (a domain ending).
/// Lines of plain prose (`said.`, `7.82`) skip the regex.
fn may_hold_verbatim(line: &[u8]) -> bool {
    line.iter().enumerate().any(|(i, &b)| match b {
        b'@' | b'#' | b'&' => true,
        b':' => line[i + 1..].starts_with(b"//"),
        b'.' => {
            line.get(i + 1)
                .is_some_and(|&n| n.is_ascii_alphabetic() || n >= 0x80)
                || (i >= 3 && line[i - 3..i].eq_ignore_ascii_case(b"www"))
        }
        _ => false,
    })
}

/// The pattern's matches in one search over `text`.
fn verbatim_matches<'a>(re: &'a Regex, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
    re.find_iter(text)
        .map(|m| {
            if m.as_str().starts_with('&') {
                return m.range();
            }
            let trimmed = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '’', '\'']);
            m.start()..m.start() + trimmed.len()
        })
        .filter(|r| !r.is_empty())
}

/// The tokens of `text` from byte `from` on.
///
/// # Panics
///
/// If `text` is longer than [`MAX_TEXT`]: readers refuse such a story first.
pub fn tokenize(text: &str, from: usize) -> Vec<Token> {
    tokenize_cut(text, from, MAX_TOKEN)
}

/// [`tokenize`], cutting tokens longer than `longest` bytes.
fn tokenize_cut(text: &str, from: usize, longest: usize) -> Vec<Token> {
    assert!(
        text.len() <= MAX_TEXT,
        "a text of more than 4 GB cannot be tokenized"
    );
    let verbatim = verbatim_spans(&text[from..]);
    let mut verbatim = verbatim
        .into_iter()
        .map(|r| r.start + from..r.end + from)
        .peekable();
    // News has a token every three bytes or so: room for one every two,
    // so the list is not grown (and copied) on the way; what is never
    // written is never in memory.
    let mut tokens = Vec::with_capacity((text.len() - from) / 2);
    let bytes = text.as_bytes();
    let mut i = from;
    let mut at_start = true;
    while i < text.len() {
        while verbatim.peek().is_some_and(|r| r.start < i) {
            verbatim.next();
        }
        if let Some(r) = verbatim.peek().filter(|r| r.start == i).cloned() {
            verbatim.next();
            let start = cut_long(
                text,
                &mut tokens,
                TokenKind::Verbatim,
                r.start,
                r.end,
                longest,
                false,
            );
            tokens.push(Token::new(TokenKind::Verbatim, start, r.end, false));
            at_start = false;
            i = r.end;
            continue;
        }
        let c = text[i..].chars().next().expect("char boundary");
        let (kind, end) = if c == '\n' {
            (TokenKind::Newline, i + 1)
        } else if c == '\r' && bytes.get(i + 1) == Some(&b'\n') {
            (TokenKind::Newline, i + 2)
        } else if c == ' ' || c == '\t' || c == '\u{a0}' {
            let len = text[i..]
                .find(|c: char| !matches!(c, ' ' | '\t' | '\u{a0}'))
                .unwrap_or(text.len() - i);
            (TokenKind::Space, i + len)
        } else if c.is_alphanumeric() {
            (TokenKind::Word, word_end(text, i))
        } else if c == PLACEHOLDER {
            (TokenKind::Verbatim, i + c.len_utf8())
        } else {
            (TokenKind::Punct, i + c.len_utf8())
        };
        let start_mark = kind == TokenKind::Word && at_start;
        let start = cut_long(text, &mut tokens, kind, i, end, longest, start_mark);
        let token = Token::new(kind, start, end, start_mark && start == i);
        if let Some(starts) = starts_sentence_after(text, &token, tokens.last()) {
            at_start = starts;
        }
        tokens.push(token);
        i = end;
    }
    tokens
}

/// Pushes the first parts of a token of `kind` over `start..end` longer
/// than `longest` bytes (at most [`MAX_TOKEN`]) as tokens of that kind,
/// cut at character boundaries (the first with the sentence-start mark
/// `mark`), and gives where its last part starts:
/// `start` for any shorter token. Only a story with a run of 256 MB of
/// letters, spaces or a verbatim span has one.
fn cut_long(
    text: &str,
    tokens: &mut Vec<Token>,
    kind: TokenKind,
    mut start: usize,
    end: usize,
    longest: usize,
    mark: bool,
) -> usize {
    let first = start;
    while end - start > longest {
        let mut cut = start + longest;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        tokens.push(Token::new(kind, start, cut, mark && start == first));
        start = cut;
    }
    start
}

/// What `token` (after `prev`) says about whether the next word starts a
/// sentence: `Some(true)` after a line break, `!`, `?`, a colon, a dash or
/// a full point (not one of a title abbreviation, `Mr.`), `Some(false)`
/// after a word or other punctuation, `None` for what is transparent
/// (spaces, quotes, brackets, list bullets). The one definition of a
/// sentence start: [`tokenize`] and [`sentence_start_at`] both use it.
fn starts_sentence_after(text: &str, token: &Token, prev: Option<&Token>) -> Option<bool> {
    match token.kind() {
        TokenKind::Newline => Some(true),
        TokenKind::Space => None,
        TokenKind::Word | TokenKind::Verbatim => Some(false),
        TokenKind::Punct => match token.text(text).chars().next() {
            Some('!' | '?' | ':' | '–' | '—') => Some(true),
            Some('.') => {
                let prev = prev.filter(|t| t.kind() == TokenKind::Word);
                Some(!prev.is_some_and(|t| TITLE_ABBREVIATIONS.contains(&t.text(text))))
            }
            Some('"' | '“' | '”' | '‘' | '’' | '\'' | '(' | ')' | '[' | ']' | '*' | '_' | '•') => {
                None
            }
            _ => Some(false),
        },
    }
}

/// Whether byte `at` of `text` (tokenized into `tokens` from its start)
/// starts a sentence, by the rule words are marked with: at a word token,
/// its mark; inside a token, no; elsewhere, what the tokens before it say.
pub fn sentence_start_at(text: &str, tokens: &[Token], at: usize) -> bool {
    let i = tokens.partition_point(|t| t.start() < at);
    match tokens.get(i) {
        Some(t) if t.start() == at && t.kind() == TokenKind::Word => t.sentence_start(),
        _ if i > 0 && tokens[i - 1].end() > at => false,
        _ => (0..i)
            .rev()
            .find_map(|j| {
                starts_sentence_after(text, &tokens[j], j.checked_sub(1).map(|k| &tokens[k]))
            })
            .unwrap_or(true),
    }
}

/// The end of the word starting at `start`: alphanumerics joined by single
/// apostrophes or hyphens, or by points between single letters (`U.S.`).
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut segment_len = 0;
    let mut dotted = false;
    let mut joined = false;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if c.is_alphanumeric() || c.is_mark() {
            end = start + off + c.len_utf8();
            segment_len += 1;
            continue;
        }
        let next_alnum = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        let point = c == '.' && segment_len == 1 && !joined;
        let joiner = (is_apostrophe(c) || is_hyphen(c)) && !dotted;
        if !next_alnum || !(point || joiner) {
            // `U.S.`: keep the closing point of a dotted abbreviation.
            if c == '.' && dotted && segment_len == 1 {
                end = start + off + 1;
            }
            break;
        }
        dotted |= point;
        joined |= joiner;
        segment_len = 0;
    }
    end
}

trait IsMark {
    fn is_mark(&self) -> bool;
}

impl IsMark for char {
    /// Combining marks (U+0300–U+036F) keep decomposed accents in a word.
    fn is_mark(&self) -> bool {
        ('\u{300}'..='\u{36f}').contains(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0)
            .into_iter()
            .filter(|t| t.kind() == TokenKind::Word)
            .map(|t| &text[t.span()])
            .collect()
    }

    #[test]
    fn news_typography_tokenizes_as_one_word() {
        assert_eq!(
            words("Iran’s then-US F-16 24-hour 1990s self-defence Al-Asad coalition's"),
            [
                "Iran’s",
                "then-US",
                "F-16",
                "24-hour",
                "1990s",
                "self-defence",
                "Al-Asad",
                "coalition's"
            ]
        );
    }

    #[test]
    fn dotted_abbreviations_keep_their_points() {
        assert_eq!(
            words("the U.S. army at 9 a.m. today"),
            ["the", "U.S.", "army", "at", "9", "a.m.", "today"]
        );
        assert_eq!(words("in the U.S."), ["in", "the", "U.S."]);
        assert_eq!(words("troops. The"), ["troops", "The"]);
    }

    #[test]
    fn urls_emails_and_handles_are_verbatim() {
        let text = "See https://example.com/a-b, mail desk@afp.com or @AFP #breaking.";
        let verbatim: Vec<&str> = tokenize(text, 0)
            .into_iter()
            .filter(|t| t.kind() == TokenKind::Verbatim)
            .map(|t| &text[t.span()])
            .collect();
        assert_eq!(
            verbatim,
            [
                "https://example.com/a-b",
                "desk@afp.com",
                "@AFP",
                "#breaking"
            ]
        );
        let text = "the Instituto del Fr&iacute;o and H&#229;kan &amp; co";
        let verbatim: Vec<&str> = tokenize(text, 0)
            .into_iter()
            .filter(|t| t.kind() == TokenKind::Verbatim)
            .map(|t| &text[t.span()])
            .collect();
        assert_eq!(verbatim, ["&iacute;", "&#229;", "&amp;"]);
    }

    #[test]
    fn line_by_line_verbatim_matches_equal_one_search() {
        let texts = [
            "See https://example.com/a-b,\nmail desk@afp.com\r\n@AFP #x.\nwww.bbc.co.uk/news.",
            "“Quote” – at 7.82 metres &amp; more.\nbbc.COM and U.S. x.io\n#tag\n\n@h",
            "WWW.X\u{212a}.org café.com naïve@x.y ex.\u{e9}du:\n//a://b &#x27;",
            // No `@`: the pattern without its e-mail alternative.
            "See http://x.com/a, www.bbc.co.uk/news. and x.io;\n#tag &amp; U.S. a.m. naïve.com",
        ];
        for text in texts {
            let whole: Vec<Range<usize>> = verbatim_matches(verbatim_re(true), text).collect();
            assert_eq!(verbatim_spans(text), whole, "{text:?}");
        }
        // One long line, cut into segments at spaces.
        let long =
            "See www.example.com, mail a.b@afp.com or @AFP #x &amp; “at” 7.82 U.S. ".repeat(300);
        let whole: Vec<Range<usize>> = verbatim_matches(verbatim_re(true), &long).collect();
        assert!(whole.len() > 1000);
        assert_eq!(verbatim_spans(&long), whole);
    }

    proptest::proptest! {
        #[test]
        fn prefiltered_verbatim_matches_equal_one_search(
            text in "([a-zA-Z0-9_.@#&:/;+ \n\r“”’é\u{212a}-]|www|http|com|org|co\\.uk){0,40}"
        ) {
            let whole: Vec<Range<usize>> = verbatim_matches(verbatim_re(true), &text).collect();
            proptest::prop_assert_eq!(verbatim_spans(&text), whole);
        }
    }

    #[test]
    fn sentence_starts_are_marked() {
        let text = "Troops left. “Drones came,” Gen. Smith said: Two more.\nBAGHDAD – Two";
        let starts: Vec<&str> = tokenize(text, 0)
            .into_iter()
            .filter(|t| t.sentence_start())
            .map(|t| &text[t.span()])
            .collect();
        assert_eq!(starts, ["Troops", "Drones", "Two", "BAGHDAD", "Two"]);
    }

    #[test]
    fn a_position_starts_a_sentence_by_the_same_rule_as_a_word() {
        let text = "Troops left. “Drones came,” Gen. Smith said: 3 more — “yes”.";
        let tokens = tokenize(text, 0);
        let at = |s: &str| sentence_start_at(text, &tokens, text.find(s).unwrap());
        // Word tokens carry their mark.
        assert!(at("Troops") && at("Drones") && !at("Smith") && !at("came"));
        // A quote mark after a full point or a dash, a number after a colon.
        assert!(at("“Drones"));
        assert!(at("3 more"));
        assert!(at("“yes"));
        // After a title abbreviation's point, and inside a word: no.
        assert!(!at(" Smith"));
        assert!(!sentence_start_at(text, &tokens, 1));
        for t in tokens.iter().filter(|t| t.kind() == TokenKind::Word) {
            assert_eq!(
                sentence_start_at(text, &tokens, t.start()),
                t.sentence_start()
            );
        }
    }

    #[test]
    fn apostrophes_are_straightened_and_curled_back() {
        assert_eq!(straighten("Iran’s"), "Iran's");
        assert_eq!(straighten("Hawaiʼi"), "Hawai'i");
        assert!(matches!(straighten("troops"), Cow::Borrowed(_)));
        assert!(has_curly_apostrophe("Iran’s") && !has_curly_apostrophe("Iran's"));
        assert_eq!(curl_if("government's", true), "government’s");
        assert_eq!(curl_if("government's", false), "government's");
    }

    #[test]
    fn a_token_is_eight_bytes_and_keeps_what_it_is_given() {
        assert_eq!(std::mem::size_of::<Token>(), 8);
        let kinds = [
            TokenKind::Word,
            TokenKind::Verbatim,
            TokenKind::Space,
            TokenKind::Newline,
            TokenKind::Punct,
        ];
        for kind in kinds {
            for mark in [false, true] {
                for (start, end) in [(0, 0), (7, 9), (MAX_TEXT - MAX_TOKEN, MAX_TEXT)] {
                    let t = Token::new(kind, start, end, mark);
                    assert_eq!(
                        (t.kind(), t.sentence_start(), t.span()),
                        (kind, mark, start..end)
                    );
                }
            }
        }
    }

    #[test]
    fn a_token_too_long_is_cut_at_character_boundaries() {
        let text = "Éééé   x-ray  www.exampleé.com\n";
        let cut = tokenize_cut(text, 0, 4);
        let parts: Vec<(TokenKind, &str, bool)> = cut
            .iter()
            .map(|t| (t.kind(), t.text(text), t.sentence_start()))
            .collect();
        use TokenKind::*;
        assert_eq!(
            parts,
            [
                (Word, "Éé", true),
                (Word, "éé", false),
                (Space, "   ", false),
                (Word, "x-ra", false),
                (Word, "y", false),
                (Space, "  ", false),
                (Verbatim, "www.", false),
                (Verbatim, "exam", false),
                (Verbatim, "ple", false),
                (Verbatim, "é.c", false),
                (Verbatim, "om", false),
                (Newline, "\n", false),
            ]
        );
        for pair in cut.windows(2) {
            assert_eq!(pair[0].end(), pair[1].start());
        }
        assert_eq!(tokenize_cut(text, 0, MAX_TOKEN), tokenize(text, 0));
    }

    #[test]
    fn spans_skip_a_bom_and_cover_every_byte() {
        let text = "\u{feff}a  b\r\nc—-d";
        let tokens = tokenize(text, 3);
        assert_eq!(tokens.first().map(|t| t.start()), Some(3));
        for pair in tokens.windows(2) {
            assert_eq!(pair[0].end(), pair[1].start());
        }
        assert_eq!(tokens.last().map(|t| t.end()), Some(text.len()));
    }
}
