//! The rule registry: every rule newslint has, which of them a story's
//! settings turn on, and how selectors (`select`, `ignore`, `[severity]`)
//! are checked and resolved. The built-in rules live in `rules`, house
//! style and Vale rules in `style`; the registry is the one place that
//! lists them together.

use crate::base::selector::{covers, most_specific, specificity};
use crate::base::{Settings, Severity};
use crate::rules::{self, RuleRef};
use crate::style::vale::{RuleProblem, ValeError};
use crate::style::{self, StyleError};

/// Every rule newslint has, in the order they run: the built-in rules,
/// then house style (run only with a style pack).
pub fn all() -> Vec<RuleRef> {
    let mut list = rules::builtin();
    list.extend(style::all());
    list
}

/// Why the rules for some settings cannot be put together.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// A desk's banned list that does not compile.
    #[error(transparent)]
    Style(#[from] StyleError),
    /// A folder of Vale rules that cannot be read or run.
    #[error(transparent)]
    Vale(#[from] ValeError),
    /// A `select` entry that names a real rule or family, none of whose
    /// rules can run with these settings.
    #[error("`{pattern}` selects no rule that can run{hint}")]
    SelectsNothing { pattern: String, hint: &'static str },
}

/// The rules a linter runs, and the Vale rules that could not be loaded
/// (each left out, the others running).
#[derive(Default)]
pub struct Selection {
    pub rules: Vec<RuleRef>,
    pub problems: Vec<RuleProblem>,
}

/// The Vale rules `settings` name (their folder and `.vale.ini` setup),
/// and the problems of those that cannot be loaded.
pub fn vale_rules(settings: &Settings) -> Result<Selection, RulesError> {
    let Some(dir) = &settings.vale else {
        return Ok(Selection::default());
    };
    let loaded = style::vale::load(dir, settings.vale_setup.as_ref())?;
    Ok(Selection {
        rules: loaded.rules,
        problems: loaded.problems,
    })
}

/// Every rule newslint has for these settings: `all()` and the Vale rules
/// they name (what `newslint rules` lists).
pub fn all_with(settings: &Settings) -> Result<Selection, RulesError> {
    let mut vale = vale_rules(settings)?;
    let mut list = all();
    list.append(&mut vale.rules);
    Ok(Selection {
        rules: list,
        problems: vale.problems,
    })
}

/// The rules on for these settings, ruff-like: the defaults (every rule
/// but house style, plus the chosen pack's and any Vale rules) or those
/// `select`ed, less those `ignore`d; the more specific selector wins, and
/// `ignore` wins a tie.
pub fn selected(settings: &Settings) -> Result<Selection, RulesError> {
    // Not `all()`: that lists every style rule, and so parses the embedded
    // packs, which a run without `--style` has no use for.
    let mut available = rules::builtin();
    available.extend(style::active(settings)?);
    let vale = vale_rules(settings)?;
    available.extend(vale.rules);
    if let Some(pattern) = settings
        .select
        .iter()
        .find(|p| !available.iter().any(|r| covers(p, r.info().id)))
    {
        let hint = if pattern.starts_with("style") || pattern.starts_with("dialect") {
            ": house-style rules run only with a style pack (`--style` or `style = ...`)"
        } else if pattern.starts_with("vale") {
            ": Vale rules run only with a Vale folder (`--vale` or `vale = ...`)"
        } else {
            ""
        };
        return Err(RulesError::SelectsNothing {
            pattern: pattern.clone(),
            hint,
        });
    }
    let best = |list: &[String], id: &str| list.iter().filter_map(|p| specificity(p, id)).max();
    let rules = available
        .into_iter()
        .filter(|r| {
            let id = r.info().id;
            let on = if settings.select.is_empty() {
                Some(0)
            } else {
                best(&settings.select, id)
            };
            match (on, best(&settings.ignore, id)) {
                (None, _) => false,
                (Some(s), Some(i)) => s > i,
                (Some(_), None) => true,
            }
        })
        .collect();
    Ok(Selection {
        rules,
        problems: vale.problems,
    })
}

/// The severity a finding of rule `id` gets under `[severity]`, if the
/// desk changed it: the most specific selector wins.
pub fn severity_override(overrides: &[(String, Severity)], id: &str) -> Option<Severity> {
    most_specific(overrides, id)
}

/// A selector that names no rule or family.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no rule or family `{0}` (expected a rule id such as `typography.double-space` or a family such as `spelling`; see `newslint rules`)")]
pub struct UnknownSelector(pub String);

/// A `select`/`ignore`/`severity` entry must name a rule or a family
/// (`vale.*` names rules read at run time, so any is accepted).
pub fn check_selector(pattern: &str) -> Result<(), UnknownSelector> {
    if pattern == "ALL" || pattern.starts_with("vale") {
        return Ok(());
    }
    if all()
        .iter()
        .any(|r| crate::base::selector::covers(pattern, r.info().id))
    {
        Ok(())
    } else {
        Err(UnknownSelector(pattern.to_string()))
    }
}

/// Is this a house-style rule, run only with a style pack?
pub fn is_style(id: &str) -> bool {
    style::is_style(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a pack, the rules are those of `all()` less house style,
    /// found without reading the style packs.
    #[test]
    fn without_a_pack_no_style_rule_is_selected() {
        let ids = |rules: Vec<RuleRef>| -> Vec<&'static str> {
            rules.iter().map(|r| r.info().id).collect()
        };
        let want: Vec<&str> = ids(all()).into_iter().filter(|id| !is_style(id)).collect();
        assert_eq!(ids(rules::builtin()), want);
        assert_eq!(ids(selected(&Settings::default()).unwrap().rules), want);
    }

    #[test]
    fn a_selection_that_can_run_nothing_is_an_error_and_banned_words_need_no_pack() {
        let settings = Settings {
            select: vec!["style.core.cliche".into()],
            ..Settings::default()
        };
        let err = selected(&settings).err().expect("selects nothing");
        assert!(err.to_string().contains("style pack"), "{err}");
        let settings = Settings {
            banned: vec!["slammed".into()],
            ..Settings::default()
        };
        let ids: Vec<&str> = selected(&settings)
            .unwrap()
            .rules
            .iter()
            .map(|r| r.info().id)
            .collect();
        assert!(ids.contains(&"style.core.banned"), "{ids:?}");
    }

    #[test]
    fn selectors_must_name_a_rule_or_family() {
        assert!(check_selector("typography").is_ok());
        assert!(check_selector("style.agency").is_ok());
        assert!(check_selector("vale.Desk.Anything").is_ok());
        assert_eq!(
            check_selector("typo").unwrap_err(),
            UnknownSelector("typo".into())
        );
    }
}
