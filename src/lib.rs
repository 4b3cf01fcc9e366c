//! newslint: a typo and house-style linter for news copy.
//!
//! The pipeline reads top to bottom, and so do the layers: a module uses
//! only the modules above it in this list (`tests/architecture.rs` holds
//! them to it; `ARCHITECTURE.md` is the map).
//!
//! 1. [`base`]: leaf types: dialect, pack, settings, findings, the hasher.
//! 2. [`text`]: a story's text: document and lines, tokens, paragraphs,
//!    and what counts as a word (apostrophes, hyphens, case).
//! 3. [`spell`]: which words are known, edits and the slip channel,
//!    suggestions.
//! 4. [`ngram`]: the context model engine (no rule logic);
//!    [`words`]: every word of a story with its spelling verdict.
//! 5. [`rules`]: the rule trait and the built-in rules, one a module.
//! 6. [`style`]: house-style rules made from data (packs, Vale YAML).
//! 7. [`registry`]: every rule, selectors, severities.
//! 8. [`config`]: `newslint.toml` and word files into [`base::Settings`].
//! 9. [`lint`]: the linter for one story, the pool of linters,
//!    suppression comments.
//! 10. [`fix`]: safe fixes applied until they settle, files written
//!     without losing a word; [`report`]: human, JSON and compact output.
//! 11. Front ends: [`lsp`] and [`serve`], then [`cli`].

#![warn(unreachable_pub)]
pub mod base;
pub mod text;

pub mod spell;

pub mod ngram;
pub mod words;

pub mod rules;

pub mod style;

pub mod registry;

pub mod config;

pub mod lint;

pub mod fix;
pub mod report;

pub mod lsp;
pub mod serve;

pub mod cli;
