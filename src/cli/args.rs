//! The command line's options, as clap reads them. The settings a story is
//! checked with are one group ([`SettingsArgs`]) that `check` and `serve`
//! share; how findings are shown is another ([`OutputArgs`]).

use crate::base::finding::Severity;
use crate::base::{Dialect, Pack};
use clap::ValueEnum;
use std::path::PathBuf;

/// What a story is checked with, over the nearest `newslint.toml`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SettingsArgs {
    /// en-US, en-GB, en-AU, en-CA or en-ZA: the dictionary and the spellings
    /// counted as correct (en-AU, en-CA and en-ZA are checked by Hunspell).
    #[arg(long, value_parser = parse_dialect)]
    pub dialect: Option<Dialect>,
    /// A newsroom word list: one word a line, `#` comments. May be repeated.
    #[arg(long = "words", value_name = "FILE")]
    pub words: Vec<PathBuf>,
    /// A desk's own Hunspell dictionary: a .dic file with its .aff beside
    /// it (affix rules work). May be repeated.
    #[arg(long = "hunspell", value_name = "FILE.dic")]
    pub hunspell: Vec<PathBuf>,
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

/// How findings are shown and what the exit status says.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// How findings are printed: human, json, compact, json-lines, github or sarif.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour in the human report: auto follows the terminal and NO_COLOR,
    /// CLICOLOR, CLICOLOR_FORCE and TERM=dumb.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Report only findings of this severity or above (info, warning, error).
    #[arg(long, value_name = "LEVEL", default_value = "info", value_parser = parse_severity)]
    pub min_severity: Severity,
    /// Print only the findings: no summary line, no notices.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Exit 0 even when errors or warnings are found (2 still means the
    /// run could not be done).
    #[arg(long)]
    pub exit_zero: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input. With none,
    /// standard input when it is piped, else the current folder.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Apply the safe fixes in place (standard input: print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// Show the safe fixes as a unified diff; change nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Read every story as this format: text, markdown, html, xml or docx
    /// (default: by each file's extension; standard input: text).
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    pub input_format: Option<crate::text::markup::Format>,
    /// The path standard input stands for: its format, its newslint.toml,
    /// and the name in the report.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Folders are walked for these extensions, comma-separated (default:
    /// every format's).
    #[arg(long, value_delimiter = ',', value_name = "EXTS")]
    pub extensions: Vec<String>,
    /// Stories checked at once (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

/// `newslint serve`: the settings of `check` (applied as for standard
/// input, over the nearest `newslint.toml`), then the server's own.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    pub server: crate::serve::ServeOptions,
}

fn parse_pack(s: &str) -> Result<Pack, String> {
    s.parse()
        .map_err(|e: crate::base::UnknownPack| e.to_string())
}

fn parse_input_format(s: &str) -> Result<crate::text::markup::Format, String> {
    crate::text::markup::Format::from_name(s)
        .ok_or_else(|| format!("unknown format `{s}` (expected text, markdown, html, xml or docx)"))
}

fn parse_dialect(s: &str) -> Result<Dialect, String> {
    s.parse()
        .map_err(|e: crate::base::UnknownDialect| e.to_string())
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    match s.to_ascii_lowercase().as_str() {
        "info" => Ok(Severity::Info),
        "warning" => Ok(Severity::Warning),
        "error" => Ok(Severity::Error),
        _ => Err(format!(
            "unknown severity `{s}` (expected info, warning or error)"
        )),
    }
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
