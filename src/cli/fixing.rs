//! `newslint check --fix` and `--diff`: the safe fixes of every story,
//! applied until nothing changes, then written atomically or shown as a
//! diff; with `--fix`, what is left is reported.
//!
//! Findings are already in source coordinates, and a fix the markup stage
//! could not express as a clean source edit is no longer safe, so a text
//! format's fixes are edits of its source; the fixed source is read again
//! (an XML story must still be well-formed, or it is not written). A Word
//! document's fixes are edits of its runs ([`docx::Docx::rewrite`]); one
//! that cannot be made is a one-line refusal and the file is left alone.

use super::inputs::{Input, Story};
use super::{emit, CheckArgs, CliError, Format};
use crate::base::finding::Finding;
use crate::base::Settings;
use crate::lint::{Linter, Pool};
use crate::report;
use crate::text::document::Document;
use crate::text::markup::docx;

/// At most this many fix-and-recheck passes over one story.
const FIX_PASSES: usize = 4;

/// A story after its fixes.
struct Fixed {
    /// The file's new bytes.
    bytes: Vec<u8>,
    /// The story as now read, and its findings.
    doc: Document,
    findings: Vec<Finding>,
    applied: usize,
}

/// `--fix` and `--diff`: the safe fixes of every story, written
/// atomically or shown as a diff; with `--fix`, what is left is reported.
pub(super) fn run(
    args: &CheckArgs,
    inputs: &[Input],
    stories: Vec<Story>,
    settings_of: &[Settings],
) -> Result<i32, CliError> {
    let mut pool = Pool::new();
    let mut diffs = String::new();
    let mut failed = false;
    let mut left: Vec<(Document, Vec<Finding>)> = Vec::new();
    let mut total = 0;
    for ((story, input), settings) in stories.into_iter().zip(inputs).zip(settings_of) {
        let linter = pool.get(settings)?;
        let findings = linter.check(&story.doc);
        let fixed = match fix_story(linter, &story, findings.clone()) {
            Ok(fixed) => fixed,
            Err(reason) => {
                eprintln!("newslint: {}: not fixed: {reason}", story.doc.path);
                failed = true;
                left.push((story.doc, findings));
                continue;
            }
        };
        total += fixed.applied;
        if args.diff {
            diffs.push_str(&crate::fix::diff(
                &story.doc.path,
                story.doc.source(),
                fixed.doc.source(),
            ));
            continue;
        }
        match input {
            Input::Stdin => {
                emit_bytes(&fixed.bytes);
                continue;
            }
            Input::File(path) if fixed.applied > 0 => {
                let before = original_bytes(&story);
                if let Err(e) = crate::fix::write_atomic(path, &before, &fixed.bytes) {
                    eprintln!("newslint: {e}");
                    failed = true;
                    left.push((story.doc, findings));
                    continue;
                }
            }
            Input::File(_) => {}
        }
        left.push((fixed.doc, fixed.findings));
    }
    if args.diff {
        emit(&diffs);
        return Ok(if failed {
            2
        } else {
            i32::from(!diffs.is_empty())
        });
    }
    if !left.is_empty() {
        eprintln!("newslint: {total} fix(es) applied");
        let out = match args.format {
            Format::Json => report::json(&left) + "\n",
            _ => left
                .iter()
                .flat_map(|(doc, fs)| fs.iter().map(move |f| report::compact_line(doc, f) + "\n"))
                .collect(),
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

/// The file as read.
fn original_bytes(story: &Story) -> Vec<u8> {
    match &story.package {
        Some(bytes) => bytes.clone(),
        None => story.doc.source().as_bytes().to_vec(),
    }
}

fn safe(findings: &[Finding]) -> Vec<&Finding> {
    findings.iter().filter(|f| f.is_safe_fix()).collect()
}

/// Fixes, checks the result, fixes again (a fix may uncover another, and
/// overlapping ones wait a pass), until nothing changes: so a second
/// `--fix` run changes nothing.
fn fix_story(linter: &Linter, story: &Story, findings: Vec<Finding>) -> Result<Fixed, String> {
    if story.legacy {
        return Err("not UTF-8 (read as Windows-1252); fix it in its own encoding".into());
    }
    if let Some(package) = &story.package {
        return fix_docx(linter, story, package, findings);
    }
    let doc = &story.doc;
    let (mut fixed, mut applied) = (doc.source().to_string(), 0);
    let mut now = doc.clone();
    let mut pending = findings;
    for _ in 0..FIX_PASSES {
        let (next, n) = crate::fix::apply(&fixed, &safe(&pending));
        if n == 0 {
            break;
        }
        now = doc
            .with_source(next.clone())
            .map_err(|e| format!("the fixes would leave it unreadable ({e})"))?;
        applied += n;
        fixed = next;
        pending = linter.check(&now);
    }
    Ok(Fixed {
        bytes: fixed.into_bytes(),
        doc: now,
        findings: pending,
        applied,
    })
}

/// A Word document's fixes, made in its runs, pass by pass.
fn fix_docx(
    linter: &Linter,
    story: &Story,
    package: &[u8],
    findings: Vec<Finding>,
) -> Result<Fixed, String> {
    let mut bytes = package.to_vec();
    let mut word = docx::read(&bytes).map_err(|e| e.to_string())?;
    let mut doc = story.doc.clone();
    let (mut pending, mut applied) = (findings, 0);
    for _ in 0..FIX_PASSES {
        let edits = crate::fix::edits(doc.source(), &safe(&pending));
        if edits.is_empty() {
            break;
        }
        bytes = word.rewrite(&bytes, &edits).map_err(|e| e.to_string())?;
        word = docx::read(&bytes).map_err(|e| format!("the fixed package is unreadable ({e})"))?;
        doc = Document::from_docx(doc.path.clone(), &word);
        applied += edits.len();
        pending = linter.check(&doc);
    }
    Ok(Fixed {
        bytes,
        doc,
        findings: pending,
        applied,
    })
}

/// Writes bytes to stdout; a closed pipe is not an error.
fn emit_bytes(out: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out).and_then(|()| stdout.flush());
}
