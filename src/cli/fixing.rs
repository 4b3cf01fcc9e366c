//! `newslint check --fix` and `--diff`: the safe fixes of every story,
//! applied pass after pass until nothing changes; with `--diff` shown, with
//! `--fix` written (every file planned first, then all written or none:
//! see `crate::fix::write`), and what is left reported.
//!
//! Findings are in source coordinates, and a fix the markup stage could not
//! express as a clean source edit is no longer safe: a text format's fixes
//! are edits of its source, read again after each pass. A Word document's
//! are edits of its runs ([`crate::fix::settle_docx`]); one that cannot be
//! made leaves the document alone with a one-line reason, as does a story
//! read as Windows-1252. `--diff` on a Word document shows its extracted
//! text.

use super::check::{compact, deliver, keep_at_least, machine_report, status};
use super::inputs::{Input, Story};
use super::{emit, say, CheckArgs, CliError};
use crate::base::finding::Finding;
use crate::base::Settings;
use crate::fix::write::{self, FixError, Planned};
use crate::fix::{settle, settle_docx, Fixed};
use crate::lint::Pool;
use crate::report;
use crate::text::document::Document;
use std::collections::HashSet;

pub(super) fn run(
    args: &CheckArgs,
    inputs: &[Input],
    read: Vec<Story>,
    settings_of: &[Settings],
) -> Result<i32, CliError> {
    let mut pool = Pool::new();
    let pool = &mut pool;
    let mut seen = HashSet::new();
    let mut notices = Vec::new();
    let mut stories: Vec<(Document, Fixed, &Input, &Settings)> = Vec::new();
    let mut refused = false;
    // Each Word document's package as read, for its stories' order.
    let mut packages: Vec<Option<Vec<u8>>> = Vec::new();
    for ((story, input), settings) in read.into_iter().zip(inputs).zip(settings_of) {
        // The same file named twice (or a folder and a file in it) is
        // fixed once.
        if let Some(path) = input.path() {
            if !seen.insert(path.canonicalize().unwrap_or_else(|_| path.to_path_buf())) {
                continue;
            }
        }
        let linter = pool.get(settings)?;
        for p in linter.notices() {
            if !notices.contains(p) {
                notices.push(p.clone());
            }
        }
        let doc = story.doc;
        let findings = linter.check(&doc);
        let unchanged = Fixed {
            text: doc.source().to_string(),
            applied: 0,
            package: story.package.clone(),
        };
        let fixed = if story.legacy {
            Err("not UTF-8 (read as Windows-1252); fix it in its own encoding".to_string())
        } else if let Some(package) = &story.package {
            settle_docx(linter, &doc, package, &findings).map_err(|e| e.to_string())
        } else {
            settle(linter, &doc, &findings)
                .ok_or_else(|| "its fixes do not settle or would break its markup".to_string())
        };
        let fixed = fixed.unwrap_or_else(|reason| {
            say(&format!("{}: {reason}: not fixed", super::shown(&doc.path)));
            refused |= story.legacy || story.package.is_some();
            unchanged
        });
        stories.push((doc, fixed, input, settings));
        packages.push(story.package);
    }
    super::report_notices(&notices);
    if args.diff {
        let diffs: String = stories
            .iter()
            .map(|(doc, fixed, _, _)| crate::fix::diff(&doc.path, doc.source(), &fixed.text))
            .collect();
        emit(&diffs);
        return Ok(if refused {
            2
        } else {
            i32::from(!diffs.is_empty())
        });
    }
    write_all(&stories, &packages)?;
    let code = report_left(args, pool, stories)?;
    Ok(if refused { 2 } else { code })
}

/// Plans every changed file, then writes them all or none.
fn write_all(
    stories: &[(Document, Fixed, &Input, &Settings)],
    packages: &[Option<Vec<u8>>],
) -> Result<(), CliError> {
    let mut plans: Vec<Planned> = Vec::new();
    let mut problems: Vec<FixError> = Vec::new();
    for ((doc, fixed, input, _), package) in stories.iter().zip(packages) {
        let Some(path) = input.path() else {
            continue;
        };
        if fixed.applied > 0 {
            // What was read: a Word document's package, or the text.
            let before = package.as_deref().unwrap_or(doc.source().as_bytes());
            match write::plan(path, before, fixed.bytes()) {
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
        let fixed_doc = match &fixed.package {
            Some(bytes) => crate::text::markup::docx::read(bytes)
                .map(|d| Document::from_docx(doc.path.clone(), &d))
                .unwrap_or(doc),
            None => doc.with_source(fixed.text.clone()).unwrap_or(doc),
        };
        let remaining = pool.get(settings)?.check(&fixed_doc);
        match input {
            Input::Stdin => {
                emit_bytes(fixed.bytes());
                stdin_left.push((fixed_doc, remaining));
            }
            Input::File(_) => {
                left.push((fixed_doc, remaining));
                left_settings.push(settings.clone());
            }
        }
    }
    let out = &args.output;
    keep_at_least(out, &mut left);
    keep_at_least(out, &mut stdin_left);
    if !out.quiet {
        say(&format!(
            "{applied} fix{} applied in {files} file{}",
            if applied == 1 { "" } else { "es" },
            if files == 1 { "" } else { "s" }
        ));
    }
    for (doc, fs) in &stdin_left {
        for f in fs {
            say(&report::compact_line(doc, f));
        }
    }
    if !left.is_empty() {
        let text =
            machine_report(out.format, &left, &left_settings)?.unwrap_or_else(|| compact(&left));
        deliver(out, &text)?;
    }
    left.extend(stdin_left);
    Ok(status(out, &left))
}

/// Writes bytes to stdout (a fixed Word document on standard input); a
/// closed pipe is not an error.
fn emit_bytes(out: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out).and_then(|()| stdout.flush());
}
