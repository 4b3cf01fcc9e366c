//! The command line: `newslint check`, `newslint rules`, `newslint rule ID`.
//! The contract is `docs/cli.md`: exit 0 when nothing serious is
//! found, 1 when an error or warning is, 2 (with a one-line reason on
//! stderr) when the run cannot be done.

mod check;
mod fixing;
mod inputs;
mod model;

use crate::base::{Dialect, Pack};
use crate::config::ConfigError;
use crate::lint::BuildError;
use crate::registry::{self, RulesError, UnknownSelector};
use crate::style::vale::ini::IniError;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

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
    Rules(ValeArgs),
    /// Print one rule's documentation.
    Rule {
        /// The rule id, e.g. `spelling.unknown-word`.
        id: String,
        #[command(flatten)]
        vale: ValeArgs,
    },
    /// Run as a language server over stdio, for editors (see docs/editors.md).
    Lsp,
    /// Serve the LanguageTool-compatible HTTP API and a page for the desk (see docs/serve.md).
    Serve(ServeArgs),
    /// Build a context model from an ARPA model, or train one on an archive.
    #[command(subcommand)]
    Model(model::ModelCommand),
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check; none, or `-`, reads standard input.
    pub paths: Vec<PathBuf>,
    /// How findings are printed: human, json, compact, json-lines, github or sarif.
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
    pub style: Option<Pack>,
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
    /// A `.vale.ini` to take styles and rules from (default: the nearest one
    /// beside or above each story).
    #[arg(long, value_name = "FILE")]
    pub vale_config: Option<PathBuf>,
    /// A Vale rule that cannot be loaded stops the run (exit 2) instead of
    /// being reported and left out.
    #[arg(long)]
    pub vale_strict: bool,
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

/// Where `newslint rules` and `newslint rule` find Vale rules to list.
#[derive(clap::Args, Debug, Default)]
pub struct ValeArgs {
    /// A folder of Vale rules to list with the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub vale: Option<PathBuf>,
    /// A `.vale.ini` whose rules to list (default: the one in the current
    /// folder or above it).
    #[arg(long, value_name = "FILE")]
    pub vale_config: Option<PathBuf>,
}

/// `newslint serve`: the settings flags of `check` (applied as for
/// standard input, over the nearest `newslint.toml`), then the server's own.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Use this newslint.toml instead of the nearest one above the current folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// en-US or en-GB: the dialect when a request names none.
    #[arg(long, value_parser = parse_dialect)]
    pub dialect: Option<Dialect>,
    /// A newsroom word list: one word a line, `#` comments. May be repeated.
    #[arg(long = "words", value_name = "FILE")]
    pub words: Vec<PathBuf>,
    /// A context model (`newslint model build|train`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// A house-style pack when a request names none: `ap` or `agency`.
    #[arg(long, value_parser = parse_pack)]
    pub style: Option<Pack>,
    /// Rules or families to run, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules or families not to run, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// A folder of Vale YAML rules.
    #[arg(long, value_name = "DIR")]
    pub vale: Option<PathBuf>,
    #[command(flatten)]
    pub server: crate::serve::ServeOptions,
}

fn parse_pack(s: &str) -> Result<Pack, String> {
    s.parse()
        .map_err(|e: crate::base::UnknownPack| e.to_string())
}

fn parse_dialect(s: &str) -> Result<Dialect, String> {
    s.parse()
        .map_err(|e: crate::base::UnknownDialect| e.to_string())
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Compact,
    /// One JSON object a line, the fields of `json`.
    JsonLines,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A SARIF 2.1.0 log (GitHub code scanning, SARIF viewers).
    Sarif,
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
            say(&reason.to_string());
            2
        }
    }
}

/// Why a command cannot be run: one line on standard error, exit 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Input(#[from] inputs::InputError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error("--select/--ignore: {0}")]
    Selector(UnknownSelector),
    #[error("{}: no such configuration file", .0.display())]
    NoConfig(PathBuf),
    #[error("cannot read the current folder: {0}")]
    CurrentDir(std::io::Error),
    #[error("no rule `{0}` (see `newslint rules`)")]
    NoRule(String),
    #[error(transparent)]
    Model(#[from] model::ModelCommandError),
    #[error(transparent)]
    ValeConfig(#[from] IniError),
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error(transparent)]
    Fix(#[from] crate::fix::write::FixError),
    #[error(transparent)]
    Serve(#[from] crate::serve::ServeError),
}

pub fn run(cli: Cli) -> Result<i32, CliError> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Model(cmd) => Ok(model::run(cmd)?),
        Command::Lsp => Ok(crate::lsp::run()),
        Command::Serve(args) => check::serve(args),
        Command::Rules(vale) => {
            let mut out = String::new();
            for rule in listed_rules(&vale)? {
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
        Command::Rule { id, vale } => {
            let rule = listed_rules(&vale)?
                .into_iter()
                .find(|r| r.info().id == id)
                .ok_or(CliError::NoRule(id))?;
            let info = rule.info();
            emit(&format!(
                "{} ({})\n{}\n\n{}\n",
                info.id, info.severity, info.summary, info.doc
            ));
            Ok(0)
        }
    }
}

/// Every rule, and the Vale rules `--vale`/`--vale-config` (or the
/// `.vale.ini` in the current folder or above it) name; a Vale rule that
/// cannot be loaded is reported on stderr.
fn listed_rules(vale: &ValeArgs) -> Result<Vec<crate::rules::RuleRef>, CliError> {
    let mut settings = crate::base::Settings {
        vale: vale.vale.clone(),
        vale_config: vale.vale_config.clone(),
        ..Default::default()
    };
    let here = std::env::current_dir().map_err(CliError::CurrentDir)?;
    crate::config::apply_vale(&mut settings, None, &here)?;
    // Listing: every rule of the styles folder, not one story's set.
    settings.vale_setup = None;
    let selection = registry::all_with(&settings)?;
    report_notices(&selection.problems);
    Ok(selection.rules)
}

/// Each Vale rule left out, once, on stderr.
pub(crate) fn report_notices(problems: &[crate::style::vale::RuleProblem]) {
    for p in problems {
        say(&format!("{p}: {}", p.outcome()));
    }
}

/// One line on standard error, `newslint: ` first, control characters
/// escaped; a closed standard error is not an error (the exit status
/// still says how the run went).
fn say(line: &str) {
    let line = crate::report::escape_controls(line);
    let _ = writeln!(std::io::stderr().lock(), "newslint: {line}");
}

/// A path as the terminal should show it: control characters escaped.
fn shown(path: &str) -> std::borrow::Cow<'_, str> {
    crate::report::escape_controls(path)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn emit(out: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
}
