//! `newslint check`: put each story's settings together, read every story
//! (a missing or unreadable file stops the run before anything is
//! reported; a story whose markup cannot be read is reported, exit 2,
//! after every other story has been checked and reported), check them on
//! every core, and report.

use super::inputs::{self, Input, InputError, ReadAs, Story};
use super::{emit, say, settings, CheckArgs, CliError, Color, Format, OutputArgs, ServeArgs};
use crate::base::finding::Finding;
use crate::base::Settings;
use crate::lint::pool;
use crate::lint::BuildError;
use crate::report;
use crate::text::document::Document;
use crate::text::markup::MarkupOptions;
use std::io::IsTerminal;
use std::path::PathBuf;

pub(super) fn run(mut args: CheckArgs) -> Result<i32, CliError> {
    if args.paths.is_empty() && std::io::stdin().is_terminal() {
        // Nothing piped in and nothing named: the current folder, as ruff
        // and typos do, rather than waiting silently for typing.
        args.paths.push(PathBuf::from("."));
    }
    // A folder's walk follows its newslint.toml's `exclude` and
    // `extensions` (a broken file is reported when its stories' settings
    // are read).
    let rules_for = |dir: &std::path::Path| {
        let file = args
            .settings
            .config
            .clone()
            .or_else(|| crate::config::find_config(&dir.canonicalize().ok()?))?;
        crate::config::WalkRules::of(&file).ok()
    };
    let inputs = inputs::collect(&args.paths, &args.extensions, &rules_for)?;
    settings::check_args(&args.settings)?;
    let all_settings = inputs
        .iter()
        .map(|input| {
            let story = input.path().or(args.stdin_filename.as_deref());
            settings::for_story(story, &args.settings).map(|(s, _)| s)
        })
        .collect::<Result<Vec<Settings>, CliError>>()?;
    let (read, bad) = read_all(&args, &inputs, all_settings)?;
    let code = check_read(&args, read)?;
    for e in &bad {
        say(&e.to_string());
    }
    Ok(if bad.is_empty() { code } else { 2 })
}

/// Every story read: those that can be checked, with their inputs and
/// settings, and those whose content cannot (reported last).
type ReadAll = (Vec<(Input, Settings, Story)>, Vec<InputError>);

fn read_all(
    args: &CheckArgs,
    inputs: &[Input],
    settings: Vec<Settings>,
) -> Result<ReadAll, CliError> {
    let mut read = Vec::with_capacity(inputs.len());
    let mut bad = Vec::new();
    for (input, settings) in inputs.iter().zip(settings) {
        let how = ReadAs {
            format: args.input_format,
            stdin_name: args.stdin_filename.clone(),
            markup: markup_options(&settings),
        };
        match inputs::read(input, &how) {
            Ok(story) => read.push((input.clone(), settings, story)),
            Err(e) if e.is_content() => bad.push(e),
            Err(e) => return Err(e.into()),
        }
    }
    Ok((read, bad))
}

/// The markup stage's options from a story's settings.
fn markup_options(settings: &Settings) -> MarkupOptions {
    MarkupOptions::with_prose_keys(&settings.front_matter_keys)
}

fn check_read(args: &CheckArgs, read: Vec<(Input, Settings, Story)>) -> Result<i32, CliError> {
    let mut inputs = Vec::with_capacity(read.len());
    let mut settings_of = Vec::with_capacity(read.len());
    let mut stories = Vec::with_capacity(read.len());
    for (input, settings, story) in read {
        inputs.push(input);
        settings_of.push(settings);
        stories.push(story);
    }
    if args.fix || args.diff {
        return super::fixing::run(args, &inputs, stories, &settings_of);
    }
    let docs: Vec<Document> = stories.into_iter().map(|s| s.doc).collect();
    // Stories are checked in parallel, one pool per worker; findings stay
    // in file order. A progress bar only on a terminal, never in JSON.
    let out = &args.output;
    let progress = matches!(out.format, Format::Human | Format::Compact)
        && out.output_file.is_none()
        && !out.quiet
        && docs.len() >= pool::PROGRESS_MIN_STORIES
        && std::io::stderr().is_terminal();
    let jobs = args.jobs.map_or_else(pool::default_jobs, usize::from);
    let (findings, notices) = pool::check_all_noting(&docs, &settings_of, jobs, progress)?;
    super::report_notices(&notices);
    let mut results: Vec<(Document, Vec<Finding>)> = docs.into_iter().zip(findings).collect();
    keep_at_least(out, &mut results);
    deliver(out, &render(out, &results, &settings_of)?)?;
    Ok(status(out, &results))
}

/// Drops the findings under `--min-severity`.
pub(super) fn keep_at_least(out: &OutputArgs, results: &mut [(Document, Vec<Finding>)]) {
    for (_, findings) in results.iter_mut() {
        findings.retain(|f| f.severity >= out.min_severity);
    }
}

/// 1 when a reported finding is an error or a warning (unless
/// `--exit-zero`), else 0.
pub(super) fn status(out: &OutputArgs, results: &[(Document, Vec<Finding>)]) -> i32 {
    let serious = results
        .iter()
        .flat_map(|(_, f)| f)
        .any(|f| f.severity.is_serious());
    i32::from(serious && !out.exit_zero)
}

/// Writes the report to `--output-file`, or to standard output.
pub(super) fn deliver(out: &OutputArgs, report: &str) -> Result<(), CliError> {
    match &out.output_file {
        Some(path) => std::fs::write(path, report).map_err(|source| CliError::Output {
            path: path.clone(),
            source,
        }),
        None => {
            emit(report);
            Ok(())
        }
    }
}

/// `newslint serve`: every text is checked with the settings `check` uses
/// for standard input with the same flags.
pub(super) fn serve(args: ServeArgs) -> Result<i32, CliError> {
    settings::check_args(&args.settings)?;
    let settings = settings::for_story(None, &args.settings)?.0;
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

/// Whether the human report is coloured: `--color`, else the conventions
/// of the terminal world (a terminal, NO_COLOR, CLICOLOR, CLICOLOR_FORCE,
/// TERM=dumb), never into a file.
fn colored(out: &OutputArgs) -> bool {
    match out.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            // anstream lets a CI variable override TERM=dumb; a dumb
            // terminal cannot show colour wherever it runs.
            let forced =
                std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            out.output_file.is_none()
                && (forced || !dumb)
                && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// The report in the format asked for.
pub(super) fn render(
    out: &OutputArgs,
    results: &[(Document, Vec<Finding>)],
    settings_of: &[Settings],
) -> Result<String, CliError> {
    Ok(match out.format {
        Format::Compact => compact(results),
        Format::Human => {
            let width = terminal_size::terminal_size()
                .filter(|_| out.output_file.is_none() && std::io::stdout().is_terminal())
                .map(|(w, _)| usize::from(w.0));
            let renderer = report::human::renderer(colored(out), width);
            let mut text = String::new();
            for (doc, findings) in results {
                for f in findings {
                    text.push_str(&report::human::render(&renderer, doc, f));
                    text.push_str("\n\n");
                }
            }
            if out.quiet {
                text
            } else {
                text + &report::human::summary(results) + "\n"
            }
        }
        format => machine_report(format, results, settings_of)?.unwrap_or_default(),
    })
}

/// One line a finding.
pub(super) fn compact(results: &[(Document, Vec<Finding>)]) -> String {
    results
        .iter()
        .flat_map(|(doc, fs)| fs.iter().map(move |f| report::compact_line(doc, f) + "\n"))
        .collect()
}
