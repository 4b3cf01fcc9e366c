//! The command line: `newslint check`, `newslint rules`, `newslint rule ID`.
//! The contract is `../shared/spec/cli.md`: exit 0 when nothing serious is
//! found, 1 when an error or warning is, 2 (with a one-line reason on
//! stderr) when the run cannot be done.

use crate::config::{self, Dialect, Settings};
use crate::document::Document;
use crate::finding::Finding;
use crate::lint::Linter;
use crate::report;
use crate::rules;
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "newslint",
    version,
    about = "A typo and house-style linter for news copy"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check stories: files, folders (*.txt, *.md, *.markdown) or `-` for standard input.
    Check(CheckArgs),
    /// List every rule: id, default severity and one line.
    Rules,
    /// Print one rule's documentation.
    Rule {
        /// The rule id, e.g. `spelling.unknown-word`.
        id: String,
    },
    /// Run as a language server over stdio, for editors (see docs/editors.md).
    Lsp,
    /// Serve the LanguageTool-compatible HTTP API and a page for the desk (see docs/serve.md).
    Serve(crate::serve::ServeArgs),
    /// Build a context model from an ARPA model, or train one on an archive.
    #[command(subcommand)]
    Model(crate::context::cli::ModelCommand),
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check; none, or `-`, reads standard input.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// en-US or en-GB: the dictionary and the spellings counted as correct.
    #[arg(long, value_parser = parse_dialect)]
    pub dialect: Option<Dialect>,
    /// A newsroom word list: one word a line, `#` comments. May be repeated.
    #[arg(long = "words", value_name = "FILE")]
    pub words: Vec<PathBuf>,
    /// A context model (`newslint model build|train`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// A house-style pack: `ap` (US news) or `agency` (British wire copy).
    #[arg(long, value_parser = parse_pack)]
    pub style: Option<config::Pack>,
    /// Use this newslint.toml instead of the nearest one above each story.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Rules or families to run, comma-separated (replaces the config's `select`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules or families not to run, comma-separated (added to the config's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// A folder of Vale YAML rules to run as `vale.STYLE.RULE` (see docs/vale.md).
    #[arg(long, value_name = "DIR")]
    pub vale: Option<PathBuf>,
    /// Apply the safe fixes in place (standard input: print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// Show the safe fixes as a unified diff; change nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Stories checked at once (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

fn parse_pack(s: &str) -> Result<config::Pack, String> {
    s.parse()
}

fn parse_dialect(s: &str) -> Result<Dialect, String> {
    s.parse()
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Compact,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(reason) => {
            eprintln!("newslint: {reason}");
            2
        }
    }
}

pub fn run(cli: Cli) -> Result<i32, String> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Model(cmd) => crate::context::cli::run(cmd),
        Command::Lsp => Ok(crate::lsp::run()),
        Command::Serve(args) => crate::serve::run(args),
        Command::Rules => {
            let mut out = String::new();
            for rule in rules::all() {
                let info = rule.info();
                out.push_str(&format!(
                    "{:36} {:11} {:8} {}\n",
                    info.id,
                    info.family(),
                    info.severity.as_str(),
                    info.summary
                ));
            }
            emit(&out);
            Ok(0)
        }
        Command::Rule { id } => {
            let rule = rules::all()
                .into_iter()
                .find(|r| r.info().id == id)
                .ok_or_else(|| format!("no rule `{id}` (see `newslint rules`)"))?;
            let info = rule.info();
            emit(&format!(
                "{} ({})\n{}\n\n{}\n",
                info.id, info.severity, info.summary, info.doc
            ));
            Ok(0)
        }
    }
}

/// Reads every input first, so a missing or non-UTF-8 file stops the run
/// before anything is reported.
fn check(args: CheckArgs) -> Result<i32, String> {
    let inputs = collect_inputs(&args.paths)?;
    let mut docs = Vec::with_capacity(inputs.len());
    for input in &inputs {
        docs.push(read_input(input)?);
    }
    check_selectors(&args)?;
    let settings_of = inputs
        .iter()
        .map(|input| settings_for(input, &args))
        .collect::<Result<Vec<Settings>, String>>()?;
    if args.fix || args.diff {
        let mut linters: HashMap<Settings, Linter> = HashMap::new();
        let mut results: Vec<(Document, Vec<Finding>)> = Vec::with_capacity(docs.len());
        for (doc, settings) in docs.into_iter().zip(&settings_of) {
            if !linters.contains_key(settings) {
                linters.insert(settings.clone(), Linter::new(settings)?);
            }
            let findings = linters[settings].check(&doc);
            results.push((doc, findings));
        }
        return fix(&args, &inputs, results, &settings_of, &linters);
    }
    // Stories are checked in parallel, one linter per worker; findings
    // stay in file order. A progress bar only on a terminal, never in JSON.
    let progress = args.format != Format::Json
        && docs.len() >= crate::parallel::PROGRESS_MIN_STORIES
        && std::io::stderr().is_terminal();
    let jobs = args
        .jobs
        .map_or_else(crate::parallel::default_jobs, usize::from);
    let findings = crate::parallel::check_all(&docs, &settings_of, jobs, progress)?;
    let results: Vec<(Document, Vec<Finding>)> = docs.into_iter().zip(findings).collect();
    let serious = results
        .iter()
        .flat_map(|(_, f)| f)
        .any(|f| f.severity.is_serious());
    let out = match args.format {
        Format::Json => report::json(&results) + "\n",
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
            for (doc, findings) in &results {
                for f in findings {
                    out.push_str(&report::human::render(&renderer, doc, f));
                    out.push_str("\n\n");
                }
            }
            out + &report::human::summary(&results) + "\n"
        }
    };
    emit(&out);
    Ok(i32::from(serious))
}

/// At most this many fix-and-recheck passes over one story.
const FIX_PASSES: usize = 4;

/// `--fix` and `--diff`: the safe fixes of every story, written
/// atomically or shown as a diff; with `--fix`, what is left is reported.
fn fix(
    args: &CheckArgs,
    inputs: &[Input],
    results: Vec<(Document, Vec<Finding>)>,
    settings_of: &[Settings],
    linters: &HashMap<Settings, Linter>,
) -> Result<i32, String> {
    let mut diffs = String::new();
    let mut failed = false;
    let mut left: Vec<(Document, Vec<Finding>)> = Vec::new();
    let mut total = 0;
    for (((doc, findings), input), settings) in results.into_iter().zip(inputs).zip(settings_of) {
        let linter = &linters[settings];
        // Fix, check the result, fix again (a fix may uncover another, and
        // overlapping ones wait a pass), until nothing changes: so a second
        // `--fix` run changes nothing.
        let (mut fixed, mut n) = (doc.text.clone(), 0);
        let mut pending = findings.clone();
        for _ in 0..FIX_PASSES {
            let safe: Vec<&Finding> = pending.iter().filter(|f| linter.safe_fix(f)).collect();
            let (next, applied) = crate::fix::apply(&fixed, &safe);
            if applied == 0 {
                break;
            }
            n += applied;
            fixed = next;
            pending = linter.check(&Document::new(doc.path.clone(), fixed.clone()));
        }
        total += n;
        if args.diff {
            diffs.push_str(&crate::fix::diff(&doc.path, &doc.text, &fixed));
            continue;
        }
        match input {
            Input::Stdin => {
                emit(&fixed);
                continue;
            }
            Input::File(path) => {
                if n > 0 {
                    if let Err(e) = crate::fix::write_atomic(path, &doc.text, &fixed) {
                        eprintln!("newslint: {e}");
                        failed = true;
                        left.push((doc, findings));
                        continue;
                    }
                }
            }
        }
        let fixed_doc = Document::new(doc.path.clone(), fixed);
        let remaining = linter.check(&fixed_doc);
        left.push((fixed_doc, remaining));
    }
    if args.diff {
        emit(&diffs);
        return Ok(i32::from(!diffs.is_empty()));
    }
    if !left.is_empty() {
        eprintln!("newslint: {total} fix(es) applied");
        let out: String = left
            .iter()
            .flat_map(|(doc, fs)| fs.iter().map(move |f| report::compact_line(doc, f) + "\n"))
            .collect();
        let out = match args.format {
            Format::Json => report::json(&left) + "\n",
            _ => out,
        };
        emit(&out);
    }
    if failed {
        return Ok(2);
    }
    Ok(i32::from(
        left.iter()
            .flat_map(|(_, f)| f)
            .any(|f| f.severity.is_serious()),
    ))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn emit(out: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    Stdin,
    File(PathBuf),
}

const STORY_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(path).build() {
                let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
                let p = entry.path();
                let is_story = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| STORY_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if is_story && entry.file_type().is_some_and(|t| t.is_file()) {
                    if let Some(at) = binary_at(p) {
                        eprintln!(
                            "newslint: skipping {}: a binary file (NUL byte at offset {at})",
                            p.display()
                        );
                        continue;
                    }
                    found.push(p.to_path_buf());
                }
            }
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

/// How much of a file is read to tell text from binary: a NUL byte in the
/// first 8 KB makes it binary (as git and ripgrep decide).
const BINARY_SNIFF: usize = 8 * 1024;

/// Where the first NUL byte of `path`'s first 8 KB is, if any. A file that
/// cannot be read is not called binary: reading it fails later, with its path.
fn binary_at(path: &Path) -> Option<usize> {
    let mut head = Vec::with_capacity(BINARY_SNIFF);
    std::fs::File::open(path)
        .ok()?
        .take(BINARY_SNIFF as u64)
        .read_to_end(&mut head)
        .ok()?;
    head.iter().position(|&b| b == 0)
}

fn read_input(input: &Input) -> Result<Document, String> {
    let (name, bytes) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            ("-".to_string(), bytes)
        }
        Input::File(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| format!("cannot read {}: {}", path.display(), io_reason(&e)))?;
            if let Some(at) = bytes[..bytes.len().min(BINARY_SNIFF)]
                .iter()
                .position(|&b| b == 0)
            {
                return Err(format!(
                    "{}: a binary file, not text (NUL byte at offset {at})",
                    path.display()
                ));
            }
            (path.display().to_string(), bytes)
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Document::new(name, text))
}

/// `No such file or directory`, without Rust's `(os error 2)`.
fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn check_selectors(args: &CheckArgs) -> Result<(), String> {
    for arg in args.select.iter().chain(&args.ignore) {
        config::check_selector(arg).map_err(|e| format!("--select/--ignore: {e}"))?;
    }
    Ok(())
}

/// The settings `check` uses for standard input with these arguments:
/// `newslint serve` checks every text with them.
pub(crate) fn stdin_settings(args: &CheckArgs) -> Result<Settings, String> {
    check_selectors(args)?;
    settings_for(&Input::Stdin, args)
}

/// The command line's settings over the nearest `newslint.toml`'s.
fn settings_for(input: &Input, args: &CheckArgs) -> Result<Settings, String> {
    let dir = match input {
        Input::Stdin => {
            std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?
        }
        Input::File(path) => path
            .canonicalize()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let mut settings = Settings::default();
    let story = match input {
        Input::Stdin => None,
        Input::File(p) => Some(p.as_path()),
    };
    let file = match &args.config {
        Some(f) => {
            if !f.exists() || f.is_dir() {
                return Err(format!("{}: no such configuration file", f.display()));
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
