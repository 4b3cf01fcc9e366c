//! The context model engine: a compact trigram model of English read in
//! place ([`model`] has the file format), how one is built from an ARPA
//! file or trained on an archive ([`builder`]), and how a story becomes the
//! model's stream of words and breaks ([`pieces`]). It holds no rule logic:
//! what to suggest and when to warn is `rules::context`.
//!
//! The model embedded in the binary is derived from the CMU Sphinx US
//! English language model (see `dictionaries/context/README.md`); it is
//! opened on first use only, and `--model FILE` replaces it.

pub mod builder;
pub mod model;
pub mod pieces;

use model::Model;
use std::sync::OnceLock;

static EMBEDDED: &[u8] = include_bytes!("../../dictionaries/context/en-us.nlm");

/// The model newslint ships, opened on first use (`None` if the embedded
/// file is empty or damaged: the context rule then stays silent).
pub fn embedded() -> Option<&'static Model> {
    static CELL: OnceLock<Option<Model>> = OnceLock::new();
    CELL.get_or_init(|| Model::embedded(EMBEDDED).ok()).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_passes_every_check() {
        // `embedded()` skips the offset tables' walk at start-up: this is
        // where they are checked.
        let model = Model::new(model::Bytes::Embedded(EMBEDDED)).expect("embedded model");
        let (vocab, bigrams, trigrams) = model.counts();
        assert!(vocab > 70_000 && bigrams > 1_000_000 && trigrams > 500_000);
        assert!(embedded().is_some());
        let drones = model.id("drones").unwrap();
        assert_eq!(model.word(drones).as_deref(), Some("drones"));
        let slips: Vec<String> = model
            .slips(model.id("drowns").unwrap())
            .filter_map(|id| model.word(id))
            .collect();
        assert!(slips.contains(&"drones".to_string()), "{slips:?}");
    }
}
