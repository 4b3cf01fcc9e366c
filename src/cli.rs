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
        Command::Rules => {
            let mut out = String::new();
            for rule in rules::all() {
                let info = rule.info();
                out.push_str(&format!(
                    "{:34} {:8} {}\n",
                    info.id,
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
    let mut linters: HashMap<Settings, Linter> = HashMap::new();
    let mut results: Vec<(Document, Vec<Finding>)> = Vec::with_capacity(docs.len());
    for (doc, input) in docs.into_iter().zip(&inputs) {
        let settings = settings_for(input, &args)?;
        if !linters.contains_key(&settings) {
            let linter = Linter::new(&settings)?;
            linters.insert(settings.clone(), linter);
        }
        let findings = linters[&settings].check(&doc);
        results.push((doc, findings));
    }
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
    if let Some(file) = config::find_config(&dir) {
        let (dialect, words) = config::load_config(&file)?;
        settings.dialect = dialect.unwrap_or_default();
        settings.word_files = words;
    }
    if let Some(d) = args.dialect {
        settings.dialect = d;
    }
    settings.word_files.extend(args.words.iter().cloned());
    settings.model = args.model.clone();
    Ok(settings)
}
