//! newslint: a typo and house-style linter for news copy.
//!
//! The pipeline reads top to bottom: [`document`] (text, lines, byte spans)
//! → [`token`] (news typography) → [`words`] (spelling verdicts) →
//! [`rules`] (each a small module with a stable id and its doc) →
//! [`finding`]s → [`report`]ers. [`lint::Linter`] runs it for one story.

pub mod cli;
pub mod config;
pub mod context;
pub mod document;
pub mod finding;
pub mod fix;
pub mod hash;
pub mod lint;
pub mod lsp;
pub mod parallel;
pub mod report;
pub mod rules;
pub mod serve;
pub mod spell;
pub mod style;
pub mod suppress;
pub mod token;
pub mod words;
