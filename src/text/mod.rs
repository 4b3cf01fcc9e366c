//! A story's text: the document with its line table, its tokens, and the
//! lexical helpers (what an apostrophe or a hyphen is, a word's case).

pub mod document;
pub mod markup;
pub mod token;
