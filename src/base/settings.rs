//! The settings a story is checked with, as plain data: the command line
//! and `newslint.toml` (the `config` layer) fill them in, the registry and
//! the linter read them.

use super::{Dialect, Severity};
use serde::Deserialize;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// A house-style pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pack {
    /// US news style (AP-like).
    Ap,
    /// British news-agency style.
    Agency,
}

/// A pack name newslint does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown style `{0}` (expected ap or agency)")]
pub struct UnknownPack(pub String);

impl FromStr for Pack {
    type Err = UnknownPack;
    fn from_str(s: &str) -> Result<Self, UnknownPack> {
        match s.to_ascii_lowercase().as_str() {
            "ap" => Ok(Pack::Ap),
            "agency" => Ok(Pack::Agency),
            _ => Err(UnknownPack(s.to_string())),
        }
    }
}

impl Pack {
    /// The pack's folder and id part: `style.agency.numerals`.
    pub fn name(self) -> &'static str {
        match self {
            Pack::Ap => "ap",
            Pack::Agency => "agency",
        }
    }
}

impl fmt::Display for Pack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `percent = "per cent" | "percent"` (agency pack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
pub enum Percent {
    #[default]
    #[serde(rename = "per cent")]
    PerCent,
    #[serde(rename = "percent")]
    Percent,
}

/// `dates = "day-month" | "month-day"` (agency pack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
pub enum Dates {
    #[default]
    #[serde(rename = "day-month")]
    DayMonth,
    #[serde(rename = "month-day")]
    MonthDay,
}

/// `quotes = "double" | "single"` (agency pack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
pub enum Quotes {
    #[default]
    #[serde(rename = "double")]
    Double,
    #[serde(rename = "single")]
    Single,
}

/// A desk's choices for its pack (`[style.agency]`); each has a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PackOptions {
    pub percent: Percent,
    pub dates: Dates,
    pub quotes: Quotes,
}

/// A condition on the pack options under which a data rule runs
/// (`when = { percent = "per cent" }` in a pack file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub percent: Option<Percent>,
    pub dates: Option<Dates>,
    pub quotes: Option<Quotes>,
}

impl When {
    /// Does every named option have the named value?
    pub fn holds(&self, options: &PackOptions) -> bool {
        self.percent.is_none_or(|p| p == options.percent)
            && self.dates.is_none_or(|d| d == options.dates)
            && self.quotes.is_none_or(|q| q == options.quotes)
    }
}

/// The settings a story is checked with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Settings {
    pub dialect: Dialect,
    /// Word files, in order: the configuration's, then `--words`.
    pub word_files: Vec<PathBuf>,
    /// The desk's own Hunspell dictionaries: `.dic` files, each with its
    /// `.aff` beside it (`hunspell = [...]`, then `--hunspell`).
    pub hunspell: Vec<PathBuf>,
    /// A context model file (`--model`) in place of the embedded one.
    pub model: Option<PathBuf>,
    /// The style pack (`--style`, `style = ...`); none runs no style rule.
    pub style: Option<Pack>,
    /// Pack options (`[style.agency] percent = "per cent"`).
    pub options: PackOptions,
    /// Rule ids or family prefixes to run (empty: the defaults).
    pub select: Vec<String>,
    /// Rule ids or family prefixes not to run.
    pub ignore: Vec<String>,
    /// Severity per rule id or prefix, most specific wins.
    pub severity: Vec<(String, Severity)>,
    /// Words and phrases the desk bans (`style.core.banned`).
    pub banned: Vec<String>,
    /// A folder of Vale YAML rules (a Vale `StylesPath`, or one style).
    pub vale: Option<PathBuf>,
    /// Front-matter keys whose values are prose (`front-matter-keys`);
    /// empty: the markup stage's defaults.
    pub front_matter_keys: Vec<String>,
    /// A `.vale.ini` named in `newslint.toml` (`vale_config`); the command
    /// line reads it into `vale` and `vale_setup`.
    pub vale_config: Option<PathBuf>,
    /// What a `.vale.ini` says for this story: which styles and rules run,
    /// at what level. `None`: every rule under `vale` runs as written.
    pub vale_setup: Option<ValeSetup>,
    /// A Vale rule that cannot be loaded stops the run (exit 2) instead of
    /// being reported and left out.
    pub vale_strict: bool,
}

/// A `Style.Rule = ...` line of a `.vale.ini`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValeToggle {
    /// `NO`: the rule does not run.
    Off,
    /// `YES`: the rule runs at its own level.
    On,
    /// `suggestion`, `warning` or `error`: the rule runs at that level.
    Level(Severity),
}

/// What a `.vale.ini` says for one story (its sections whose globs match
/// the story's path, over the file's global settings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ValeSetup {
    /// The `.vale.ini` itself, to name it in messages.
    pub config: PathBuf,
    /// `BasedOnStyles`: every rule of these styles runs.
    pub styles: Vec<String>,
    /// `Style.Rule = YES|NO|level`, in file order (the last one wins).
    pub rules: Vec<(String, ValeToggle)>,
    /// `MinAlertLevel`: rules below it do not run.
    pub min_level: Option<Severity>,
    /// `Vocab`: vocabularies (accept and reject lists) to use.
    pub vocab: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_holds_when_every_named_option_matches() {
        let options = PackOptions::default();
        assert!(When::default().holds(&options));
        let per_cent = When {
            percent: Some(Percent::PerCent),
            ..When::default()
        };
        assert!(per_cent.holds(&options));
        let single = When {
            quotes: Some(Quotes::Single),
            ..per_cent
        };
        assert!(!single.holds(&options));
        assert!(single.holds(&PackOptions {
            quotes: Quotes::Single,
            ..options
        }));
    }
}
