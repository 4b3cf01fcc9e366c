//! `newslint check`: read every story first (a missing or non-UTF-8 file
//! stops the run before anything is reported), put each story's settings
//! together, check them on every core, and report.

use super::inputs::{self, Input};
use super::{emit, CheckArgs, CliError, Color, Format, ServeArgs};
use crate::base::finding::Finding;
use crate::base::Settings;
use crate::config;
use crate::lint::pool::{self, Pool};
use crate::lint::BuildError;
use crate::registry;
use crate::report;
use crate::text::document::Document;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub(super) fn run(args: CheckArgs) -> Result<i32, CliError> {
    let inputs = inputs::collect(&args.paths)?;
    let mut docs = Vec::with_capacity(inputs.len());
    for input in &inputs {
        docs.push(inputs::read(input)?);
    }
    check_selectors(&args)?;
    let settings_of = inputs
        .iter()
        .map(|input| settings_for(input, &args))
        .collect::<Result<Vec<Settings>, CliError>>()?;
    if args.fix || args.diff {
        let mut pool = Pool::new();
        let mut results: Vec<(Document, Vec<Finding>)> = Vec::with_capacity(docs.len());
        let mut notices = Vec::new();
        for (doc, settings) in docs.into_iter().zip(&settings_of) {
            let linter = pool.get(settings)?;
            for p in linter.notices() {
                if !notices.contains(p) {
                    notices.push(p.clone());
                }
            }
            let findings = linter.check(&doc);
            results.push((doc, findings));
        }
        super::report_notices(&notices);
        return super::fixing::run(&args, &inputs, results, &settings_of, &mut pool);
    }
    // Stories are checked in parallel, one pool per worker; findings stay
    // in file order. A progress bar only on a terminal, never in JSON.
    let progress = matches!(args.format, Format::Human | Format::Compact)
        && docs.len() >= pool::PROGRESS_MIN_STORIES
        && std::io::stderr().is_terminal();
    let jobs = args.jobs.map_or_else(pool::default_jobs, usize::from);
    let (findings, notices) = pool::check_all_noting(&docs, &settings_of, jobs, progress)?;
    super::report_notices(&notices);
    let results: Vec<(Document, Vec<Finding>)> = docs.into_iter().zip(findings).collect();
    let serious = results
        .iter()
        .flat_map(|(_, f)| f)
        .any(|f| f.severity.is_serious());
    emit(&render(&args, &results, &settings_of)?);
    Ok(i32::from(serious))
}

fn check_selectors(args: &CheckArgs) -> Result<(), CliError> {
    for arg in args.select.iter().chain(&args.ignore) {
        registry::check_selector(arg).map_err(CliError::Selector)?;
    }
    Ok(())
}

/// `newslint serve`: every text is checked with the settings `check` uses
/// for standard input with the same flags.
pub(super) fn serve(args: ServeArgs) -> Result<i32, CliError> {
    let check = CheckArgs {
        paths: Vec::new(),
        format: Format::Json,
        color: Color::Never,
        dialect: args.dialect,
        words: args.words,
        model: args.model,
        style: args.style,
        config: args.config,
        select: args.select,
        ignore: args.ignore,
        vale: args.vale,
        vale_config: None,
        vale_strict: false,
        fix: false,
        diff: false,
        jobs: None,
    };
    check_selectors(&check)?;
    let settings = settings_for(&Input::Stdin, &check)?;
    Ok(crate::serve::run(settings, &args.server)?)
}

/// The report for tools: `json`, `json-lines`, `github` or `sarif` (`None`
/// for the formats meant for people).
pub(super) fn machine_report(
    format: Format,
    results: &[(Document, Vec<Finding>)],
    settings_of: &[Settings],
) -> Result<Option<String>, CliError> {
    Ok(Some(match format {
        Format::Human | Format::Compact => return Ok(None),
        Format::Json => report::json(results) + "\n",
        Format::JsonLines => report::json_lines(results),
        Format::Github => report::github::lines(results),
        Format::Sarif => {
            let rules = report::sarif::rules_run(settings_of).map_err(BuildError::from)?;
            let base = std::env::current_dir().ok();
            let log = report::sarif::log(results, &rules, base.as_deref());
            serde_json::to_string_pretty(&log).expect("SARIF serializes") + "\n"
        }
    }))
}

/// The report in the format asked for.
fn render(
    args: &CheckArgs,
    results: &[(Document, Vec<Finding>)],
    settings_of: &[Settings],
) -> Result<String, CliError> {
    Ok(match args.format {
        Format::Compact => results
            .iter()
            .flat_map(|(doc, fs)| fs.iter().map(move |f| report::compact_line(doc, f) + "\n"))
            .collect(),
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let renderer = report::human::renderer(color);
            let mut out = String::new();
            for (doc, findings) in results {
                for f in findings {
                    out.push_str(&report::human::render(&renderer, doc, f));
                    out.push_str("\n\n");
                }
            }
            out + &report::human::summary(results) + "\n"
        }
        format => machine_report(format, results, settings_of)?.unwrap_or_default(),
    })
}

/// The command line's settings over the nearest `newslint.toml`'s.
fn settings_for(input: &Input, args: &CheckArgs) -> Result<Settings, CliError> {
    let dir = match input.path() {
        None => std::env::current_dir().map_err(CliError::CurrentDir)?,
        Some(path) => path
            .canonicalize()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let mut settings = Settings::default();
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
        config::apply_config(&file, input.path(), &mut settings)?;
    }
    if let Some(d) = args.dialect {
        settings.dialect = d;
    }
    settings.word_files.extend(args.words.iter().cloned());
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
    if let Some(ini) = args.vale_config.clone() {
        settings.vale_config = Some(ini);
    }
    config::apply_vale(&mut settings, input.path(), &dir)?;
    Ok(settings)
}
