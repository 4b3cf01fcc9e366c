//! A story's settings: the defaults, then the nearest `newslint.toml` (and
//! the files it extends), then the command line; and, for `newslint config
//! --show`, where each setting came from.

use super::{CliError, SettingsArgs};
use crate::base::Settings;
use crate::config;
use crate::registry;
use std::path::{Path, PathBuf};

/// Where each setting's value came from: `(setting, source)`, source being
/// `default`, a configuration file or `command line`.
pub(super) type Provenance = Vec<(&'static str, String)>;

/// The settings' fields as `(name, value)`, for showing and for telling
/// which a layer changed.
pub(super) fn fields(s: &Settings) -> Vec<(&'static str, String)> {
    let list = |l: &[String]| format!("{l:?}");
    let path = |p: &Option<PathBuf>| p.as_ref().map_or("-".into(), |p| p.display().to_string());
    let paths = |l: &[PathBuf]| {
        format!(
            "{:?}",
            l.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
        )
    };
    vec![
        ("dialect", s.dialect.to_string()),
        ("style", s.style.map_or("-".into(), |p| p.to_string())),
        ("options", format!("{:?}", s.options)),
        ("words", paths(&s.word_files)),
        ("hunspell", paths(&s.hunspell)),
        ("model", path(&s.model)),
        ("vale", path(&s.vale)),
        ("select", list(&s.select)),
        ("ignore", list(&s.ignore)),
        ("severity", format!("{:?}", s.severity)),
        ("banned", list(&s.banned)),
    ]
}

/// Marks every field that differs between `before` and `after` as set by
/// `source`.
fn note(provenance: &mut Provenance, before: &Settings, after: &Settings, source: &str) {
    for ((name, a), (_, b)) in fields(before).into_iter().zip(fields(after)) {
        if a != b {
            if let Some(entry) = provenance.iter_mut().find(|(n, _)| *n == name) {
                entry.1 = source.to_string();
            }
        }
    }
}

/// The settings for the story at `story` (standard input: `None`, looked
/// up from the current folder), and where each came from.
pub(super) fn for_story(
    story: Option<&Path>,
    args: &SettingsArgs,
) -> Result<(Settings, Provenance), CliError> {
    let cwd = std::env::current_dir().map_err(CliError::CurrentDir)?;
    let dir = match story {
        None => cwd,
        Some(path) if path.is_dir() => path.to_path_buf(),
        // A story's folder; `--stdin-filename` may name one that does not
        // exist, so it is not canonicalised unless it can be.
        Some(path) => {
            let abs = cwd.join(path);
            let abs = abs.canonicalize().unwrap_or(abs);
            abs.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        }
    };
    let mut settings = Settings::default();
    let mut provenance: Provenance = fields(&settings)
        .into_iter()
        .map(|(name, _)| (name, "default".to_string()))
        .collect();
    let file = match &args.config {
        Some(f) => {
            if !f.exists() || f.is_dir() {
                return Err(CliError::NoConfig(f.clone()));
            }
            Some(f.clone())
        }
        None => config::find_config(&dir),
    };
    if let Some(file) = file {
        for layer in config::chain(&file)? {
            let before = settings.clone();
            config::apply_config(&layer, story.filter(|s| !s.is_dir()), &mut settings)?;
            note(
                &mut provenance,
                &before,
                &settings,
                &layer.display().to_string(),
            );
        }
    }
    let before = settings.clone();
    apply_args(args, &mut settings);
    note(&mut provenance, &before, &settings, "command line");
    config::apply_vale(&mut settings, story.filter(|s| !s.is_dir()), &dir)?;
    Ok((settings, provenance))
}

/// The command line's `--select` and `--ignore` must name rules or
/// families (checked once, not per story).
pub(super) fn check_args(args: &SettingsArgs) -> Result<(), CliError> {
    for arg in args.select.iter().chain(&args.ignore) {
        registry::check_selector(arg).map_err(CliError::Selector)?;
    }
    Ok(())
}

fn apply_args(args: &SettingsArgs, settings: &mut Settings) {
    if let Some(d) = args.dialect {
        settings.dialect = d;
    }
    settings.word_files.extend(args.words.iter().cloned());
    settings.hunspell.extend(args.hunspell.iter().cloned());
    if args.model.is_some() {
        settings.model = args.model.clone();
    }
    if args.style.is_some() {
        settings.style = args.style;
    }
    if !args.select.is_empty() {
        settings.select = args.select.clone();
    }
    settings.ignore.extend(args.ignore.iter().cloned());
    if args.vale.is_some() {
        settings.vale = args.vale.clone();
    }
    settings.vale_strict |= args.vale_strict;
    if args.vale_config.is_some() {
        settings.vale_config = args.vale_config.clone();
    }
}

/// `newslint config --show [PATH]`: the effective settings for a story (or
/// a folder's stories), one a line, with where each came from.
pub(super) fn show(path: Option<&Path>, args: &SettingsArgs) -> Result<String, CliError> {
    check_args(args)?;
    let (settings, provenance) = for_story(path, args)?;
    let mut out = String::new();
    for ((name, value), (_, source)) in fields(&settings).into_iter().zip(provenance) {
        out.push_str(&format!("{name:9} = {value:40} # {source}\n"));
    }
    Ok(out)
}
