//! The command line: `newslint check`, `newslint rules`, `newslint rule ID`.
//! The contract is `docs/cli.md`: exit 0 when nothing serious is
//! found, 1 when an error or warning is, 2 (with a one-line reason on
//! stderr) when the run cannot be done.

mod args;
mod check;
mod fixing;
mod inputs;
mod model;
mod settings;

pub use args::{CheckArgs, Color, Format, OutputArgs, ServeArgs, SettingsArgs, ValeArgs};

use crate::config::ConfigError;
use crate::lint::BuildError;
use crate::registry::{self, RulesError, UnknownSelector};
use crate::style::vale::ini::IniError;
use clap::{CommandFactory, Parser, Subcommand};
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
    /// Check stories: files, folders (*.txt, *.md, *.markdown, *.html, *.htm, *.xml, *.docx) or `-` for standard input.
    Check(CheckArgs),
    /// List every rule: id, default severity and one line.
    Rules {
        /// Print docs/rules.md instead: every built-in rule with its documentation, in Markdown.
        #[arg(long)]
        markdown: bool,
        #[command(flatten)]
        vale: ValeArgs,
    },
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
    /// Show the settings a story is checked with, and where each came from.
    Config {
        /// Print the effective settings (the only action for now).
        #[arg(long, required = true)]
        show: bool,
        /// The story or folder whose settings to show (default: the current folder).
        path: Option<PathBuf>,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Print a shell's completion script: bash, zsh, fish, elvish or powershell.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory.
    Man,
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
    #[error("{}: cannot write the report: {}", path.display(), crate::base::files::reason(source))]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub fn run(cli: Cli) -> Result<i32, CliError> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Model(cmd) => Ok(model::run(cmd)?),
        Command::Lsp => Ok(crate::lsp::run()),
        Command::Serve(args) => check::serve(args),
        Command::Config { path, settings, .. } => {
            emit(&settings::show(path.as_deref(), &settings)?);
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "newslint", &mut out);
            emit(&String::from_utf8_lossy(&out));
            Ok(0)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|source| CliError::Output {
                    path: PathBuf::from("-"),
                    source,
                })?;
            emit(&String::from_utf8_lossy(&out));
            Ok(0)
        }
        Command::Rules { markdown: true, .. } => {
            emit(&crate::report::rules_markdown(&registry::all()));
            Ok(0)
        }
        Command::Rules { vale, .. } => {
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
