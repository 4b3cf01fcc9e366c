//! `newslint check`: put each story's settings together, read every story
//! (a missing or unreadable file stops the run before anything is
//! reported; a story whose markup cannot be read is reported, exit 2,
//! after every other story has been checked and reported), check them on
//! every core, and report.

use super::inputs::{self, Input, InputError, ReadAs, Story};
use super::{emit, CheckArgs, CliError, Color, Format, ServeArgs};
use crate::base::finding::Finding;
use crate::base::Settings;
use crate::config;
use crate::lint::pool;
use crate::lint::BuildError;
use crate::registry;
use crate::report;
use crate::text::document::Document;
use crate::text::markup::MarkupOptions;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub(super) fn run(args: CheckArgs) -> Result<i32, CliError> {
    let inputs = inputs::collect(&args.paths, &args.extensions)?;
    check_selectors(&args)?;
    let all_settings = inputs
        .iter()
        .map(|input| settings_for(input, &args))
        .collect::<Result<Vec<Settings>, CliError>>()?;
    let (read, bad) = read_all(&args, &inputs, all_settings)?;
    let code = check_read(&args, read)?;
    for e in &bad {
        eprintln!("newslint: {e}");
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
    if settings.front_matter_keys.is_empty() {
        MarkupOptions::default()
    } else {
        MarkupOptions {
            prose_keys: settings.front_matter_keys.clone(),
        }
    }
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
    let progress = matches!(args.format, Format::Human | Format::Compact)
        && docs.len() >= pool::PROGRESS_MIN_STORIES
        && std::io::stderr().is_terminal();
    let jobs = args.jobs.map_or_else(pool::default_jobs, usize::from);
    let findings = pool::check_all(&docs, &settings_of, jobs, progress)?;
    let results: Vec<(Document, Vec<Finding>)> = docs.into_iter().zip(findings).collect();
    let serious = results
        .iter()
        .flat_map(|(_, f)| f)
        .any(|f| f.severity.is_serious());
    emit(&render(args, &results, &settings_of)?);
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
        fix: false,
        diff: false,
        jobs: None,
        input_format: None,
        stdin_filename: None,
        extensions: Vec::new(),
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
    let stdin_name = args
        .stdin_filename
        .as_deref()
        .filter(|_| *input == Input::Stdin);
    let story = input.path().or(stdin_name);
    let dir = match input.path() {
        None => {
            let cwd = std::env::current_dir().map_err(CliError::CurrentDir)?;
            match stdin_name.and_then(Path::parent) {
                Some(parent) => cwd.join(parent),
                None => cwd,
            }
        }
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
        config::apply_config(&file, story, &mut settings)?;
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
    Ok(settings)
}
