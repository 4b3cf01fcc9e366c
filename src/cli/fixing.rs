//! `newslint check --fix` and `--diff`: the safe fixes of every story,
//! applied pass after pass until nothing changes; with `--diff` shown, with
//! `--fix` written (every file planned first, then all written or none:
//! see `crate::fix::write`), and what is left reported.

use super::inputs::Input;
use super::{emit, say, CheckArgs, CliError};
use crate::base::finding::Finding;
use crate::base::Settings;
use crate::fix::write::{self, FixError, Planned};
use crate::fix::{settle, Fixed};
use crate::lint::Pool;
use crate::report;
use crate::text::document::Document;
use std::collections::HashSet;

pub(super) fn run(
    args: &CheckArgs,
    inputs: &[Input],
    results: Vec<(Document, Vec<Finding>)>,
    settings_of: &[Settings],
    pool: &mut Pool,
) -> Result<i32, CliError> {
    let mut seen = HashSet::new();
    let mut stories: Vec<(Document, Fixed, &Input, &Settings)> = Vec::new();
    for (((doc, findings), input), settings) in results.into_iter().zip(inputs).zip(settings_of) {
        // The same file named twice (or a folder and a file in it) is
        // fixed once.
        if let Some(path) = input.path() {
            if !seen.insert(path.canonicalize().unwrap_or_else(|_| path.to_path_buf())) {
                continue;
            }
        }
        let linter = pool.get(settings)?;
        let fixed = settle(linter, &doc, &findings).unwrap_or_else(|| {
            say(&format!(
                "{}: its fixes do not settle: not fixed",
                super::shown(&doc.path)
            ));
            Fixed {
                text: doc.text.clone(),
                applied: 0,
            }
        });
        stories.push((doc, fixed, input, settings));
    }
    if args.diff {
        let diffs: String = stories
            .iter()
            .map(|(doc, fixed, _, _)| crate::fix::diff(&doc.path, &doc.text, &fixed.text))
            .collect();
        emit(&diffs);
        return Ok(i32::from(!diffs.is_empty()));
    }
    write_all(&stories)?;
    report_left(args, pool, stories)
}

/// Plans every changed file, then writes them all or none.
fn write_all(stories: &[(Document, Fixed, &Input, &Settings)]) -> Result<(), CliError> {
    let mut plans: Vec<Planned> = Vec::new();
    let mut problems: Vec<FixError> = Vec::new();
    for (doc, fixed, input, _) in stories {
        let Some(path) = input.path() else {
            continue;
        };
        if fixed.text != doc.text {
            match write::plan(path, &doc.text, &fixed.text) {
                Ok(p) => plans.push(p),
                Err(e) => problems.push(e),
            }
        }
    }
    if let Some(last) = problems.pop() {
        for e in &problems {
            say(&e.to_string());
        }
        return Err(last.into());
    }
    if !plans.is_empty() {
        write::clean_up_on_signals();
        write::commit(&plans)?;
    }
    Ok(())
}

/// Reports what the fixes left: a fixed standard input is printed on
/// standard output and its findings go to standard error; files' findings
/// go to standard output. Exit 1 while an error or warning remains.
fn report_left(
    args: &CheckArgs,
    pool: &mut Pool,
    stories: Vec<(Document, Fixed, &Input, &Settings)>,
) -> Result<i32, CliError> {
    let mut left: Vec<(Document, Vec<Finding>)> = Vec::new();
    let mut left_settings: Vec<Settings> = Vec::new();
    let mut stdin_left: Vec<(Document, Vec<Finding>)> = Vec::new();
    let (mut applied, mut files) = (0, 0);
    for (doc, fixed, input, settings) in stories {
        applied += fixed.applied;
        files += usize::from(fixed.applied > 0);
        let fixed_doc = Document::new(doc.path.clone(), fixed.text);
        let remaining = pool.get(settings)?.check(&fixed_doc);
        match input {
            Input::Stdin => {
                emit(&fixed_doc.text);
                stdin_left.push((fixed_doc, remaining));
            }
            Input::File(_) => {
                left.push((fixed_doc, remaining));
                left_settings.push(settings.clone());
            }
        }
    }
    say(&format!(
        "{applied} fix{} applied in {files} file{}",
        if applied == 1 { "" } else { "es" },
        if files == 1 { "" } else { "s" }
    ));
    for (doc, fs) in &stdin_left {
        for f in fs {
            say(&report::compact_line(doc, f));
        }
    }
    if !left.is_empty() {
        let compact: String = left
            .iter()
            .flat_map(|(doc, fs)| fs.iter().map(move |f| report::compact_line(doc, f) + "\n"))
            .collect();
        let out =
            super::check::machine_report(args.format, &left, &left_settings)?.unwrap_or(compact);
        emit(&out);
    }
    Ok(i32::from(
        left.iter()
            .chain(&stdin_left)
            .flat_map(|(_, f)| f)
            .any(|f| f.severity.is_serious()),
    ))
}
