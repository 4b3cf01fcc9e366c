//! The leaf layer: plain types every other layer shares and that depend on
//! nothing else in the crate: the dialect, the style pack and its options,
//! the settings a story is checked with, findings and their severity, rule
//! ids, and the fast hasher of the hot tables.

pub mod dialect;
pub mod files;
pub mod finding;
pub mod hash;
pub mod intern;
pub mod selector;
pub mod settings;

pub use dialect::{Dialect, UnknownDialect};
pub use finding::{Applicability, Finding, Severity};
pub use settings::{Pack, PackOptions, Settings, UnknownPack, ValeSetup, ValeToggle};
