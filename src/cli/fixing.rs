//! `newslint check --fix` and `--diff`: the safe fixes of every story,
//! applied until nothing changes, then written atomically or shown as a
//! diff; with `--fix`, what is left is reported.

use super::inputs::Input;
use super::{emit, CheckArgs, CliError, Format};
use crate::base::finding::Finding;
use crate::base::Settings;
use crate::lint::Pool;
use crate::report;
use crate::text::document::Document;

/// At most this many fix-and-recheck passes over one story.
const FIX_PASSES: usize = 4;

/// `--fix` and `--diff`: the safe fixes of every story, written
/// atomically or shown as a diff; with `--fix`, what is left is reported.
pub(super) fn run(
    args: &CheckArgs,
    inputs: &[Input],
    results: Vec<(Document, Vec<Finding>)>,
    settings_of: &[Settings],
    pool: &mut Pool,
) -> Result<i32, CliError> {
    let mut diffs = String::new();
    let mut failed = false;
    let mut left: Vec<(Document, Vec<Finding>)> = Vec::new();
    let mut total = 0;
    for (((doc, findings), input), settings) in results.into_iter().zip(inputs).zip(settings_of) {
        let linter = pool.get(settings)?;
        // Fix, check the result, fix again (a fix may uncover another, and
        // overlapping ones wait a pass), until nothing changes: so a second
        // `--fix` run changes nothing.
        let (mut fixed, mut n) = (doc.text.clone(), 0);
        let mut pending = findings.clone();
        for _ in 0..FIX_PASSES {
            let safe: Vec<&Finding> = pending.iter().filter(|f| f.is_safe_fix()).collect();
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
