//! Stories kept as Markdown, HTML, NITF, NewsML-G2 and Word, end to end:
//! the fixtures in `tests/fixtures/formats/` have four planted slips in
//! their prose (`troups`, `goverment`, `the the`, `—-`) and traps
//! everywhere else (code, front matter, attributes, scripts, styles,
//! JSON-LD, metadata, document properties). Every slip is found, nothing
//! outside the prose is reported, and `--fix` leaves every byte that is
//! not prose as it was.

use newslint::text::document::Document;
use newslint::text::markup::{docx, Format, MarkupOptions};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newslint(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newslint"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("newslint runs");
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("newslint finishes");
    writer.join().unwrap();
    out
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

const TEXT_FIXTURES: [&str; 4] = ["story.md", "story.html", "story-nitf.xml", "story-g2.xml"];

/// The planted slips: (rule, text as it stands in the file).
fn planted(name: &str) -> Vec<(&'static str, &'static str)> {
    let dash = if name.ends_with(".xml") {
        "&#8212;-"
    } else {
        "—-"
    };
    let mut v = vec![
        ("spelling.unknown-word", "troups"),
        ("spelling.unknown-word", "goverment"),
        ("typography.repeated-word", "the the"),
        ("typography.dash-hyphen", dash),
    ];
    if name == "story.md" {
        // The front matter's title is prose too.
        v.insert(0, ("spelling.unknown-word", "troups"));
    }
    v
}

fn document(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display().to_string();
    match Format::of_path(path) {
        Format::Docx => Document::from_docx(name, &docx::read(&bytes).unwrap()),
        format => Document::marked_up(
            name,
            String::from_utf8(bytes).unwrap(),
            format,
            &MarkupOptions::default(),
        )
        .expect("the fixture's markup reads"),
    }
}

fn check_json(path: &Path) -> Vec<Value> {
    let out = newslint(
        &["check", "--format", "json", path.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn every_planted_slip_is_found_and_nothing_outside_the_prose() {
    for name in TEXT_FIXTURES.iter().chain(&["story.docx"]) {
        let path = fixture(name);
        let doc = document(&path);
        let found = check_json(&path);
        let serious: Vec<(&str, &str)> = found
            .iter()
            .filter(|f| f["severity"] != "info")
            .map(|f| (f["rule"].as_str().unwrap(), f["text"].as_str().unwrap()))
            .collect();
        assert_eq!(serious, planted(name), "{name}: {found:#?}");
        for f in &found {
            let span = f["byte_start"].as_u64().unwrap() as usize
                ..f["byte_end"].as_u64().unwrap() as usize;
            // The text is exactly the source's bytes...
            assert_eq!(
                f["text"].as_str().unwrap(),
                &doc.source()[span.clone()],
                "{name}"
            );
            // ...and lies within a block of prose.
            assert!(
                doc.segments()
                    .iter()
                    .any(|s| s.source.start <= span.start && span.end <= s.source.end),
                "{name}: a finding outside the prose: {f}"
            );
        }
    }
}

/// The source bytes outside every block of prose, in order.
fn outside_prose(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    for s in doc.segments() {
        if s.source.start >= at {
            out.push(doc.source()[at..s.source.start].to_string());
            at = s.source.end;
        }
    }
    out.push(doc.source()[at..].to_string());
    out
}

/// Traps that appear in the fixtures only outside the prose.
const TRAPS: [&str; 4] = ["lenght", "recieve", "goverment_", "troups-"];

#[test]
fn fix_changes_only_prose_in_text_formats() {
    let dir = tempfile::tempdir().unwrap();
    for name in TEXT_FIXTURES {
        let path = dir.path().join(name);
        std::fs::copy(fixture(name), &path).unwrap();
        let before = document(&path);
        let out = newslint(&["check", "--fix", path.to_str().unwrap()], None, None);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Still readable: well-formed, for XML.
        let after = document(&path);
        let fixed = after.source();
        assert!(
            !fixed.contains("the the") && fixed.contains("government"),
            "{name}: {fixed}"
        );
        assert_eq!(outside_prose(&before), outside_prose(&after), "{name}");
        for trap in TRAPS {
            assert_eq!(
                before.source().matches(trap).count(),
                fixed.matches(trap).count(),
                "{name}: {trap}"
            );
        }
        // An em dash written as a character reference is reported, not
        // rewritten: the fix is not a clean edit of the source.
        if name.ends_with(".xml") {
            assert!(fixed.contains("&#8212;-"), "{name}");
        } else {
            assert!(!fixed.contains("—-"), "{name}");
        }
        // A second run changes nothing.
        let again = std::fs::read_to_string(&path).unwrap();
        newslint(&["check", "--fix", path.to_str().unwrap()], None, None);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), again, "{name}");
    }
}

/// Runs python-docx on `script` with the document's path; `None` when
/// python-docx is missing (a failure when `CI` is set).
fn python_docx(script: &str, path: &Path) -> Option<String> {
    let probe = Command::new("python3").args(["-c", "import docx"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "python-docx is missing in CI: tools/setup.sh should install it"
        );
        eprintln!("skipping the python-docx check: python3 with python-docx is not installed");
        return None;
    }
    let out = Command::new("python3")
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

const DESCRIBE: &str = r#"
import sys, docx
d = docx.Document(sys.argv[1])
print(d.core_properties.title)
for p in d.paragraphs:
    print(repr([(r.text, r.bold, r.italic) for r in p.runs]))
"#;

#[test]
fn fix_rewrites_only_the_fixed_runs_of_a_word_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.docx");
    std::fs::copy(fixture("story.docx"), &path).unwrap();
    let original = std::fs::read(&path).unwrap();
    let out = newslint(&["check", "--fix", path.to_str().unwrap()], None, None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = std::fs::read(&path).unwrap();
    let text = document(&path).source().to_string();
    assert!(text.contains("The government said the pumps"), "{text}");
    assert!(text.contains("said the crews agreed — a rare"), "{text}");
    // Every part of the package but the body is byte for byte the same.
    let mut a = zip::ZipArchive::new(std::io::Cursor::new(&original)).unwrap();
    let mut b = zip::ZipArchive::new(std::io::Cursor::new(&fixed)).unwrap();
    assert_eq!(a.len(), b.len());
    for i in 0..a.len() {
        let (mut x, mut y) = (a.by_index(i).unwrap(), b.by_index(i).unwrap());
        assert_eq!(x.name(), y.name());
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        std::io::Read::read_to_end(&mut x, &mut xs).unwrap();
        std::io::Read::read_to_end(&mut y, &mut ys).unwrap();
        if x.name() != docx::DOCUMENT_PART {
            assert_eq!(xs, ys, "{}", x.name());
        }
    }
    let Some(before) = python_docx(DESCRIBE, &fixture("story.docx")) else {
        return;
    };
    let after = python_docx(DESCRIBE, &path).unwrap();
    let (before, after): (Vec<&str>, Vec<&str>) =
        (before.lines().collect(), after.lines().collect());
    assert_eq!(before.len(), after.len());
    // The properties are not prose and stay as they were.
    assert_eq!(after[0], "goverment troups");
    for (i, (x, y)) in before.iter().zip(&after).enumerate() {
        match i {
            // The split `goverment`: the first run takes the fix, the bold
            // one gives its letters up and keeps its formatting.
            3 => assert_eq!(*y, "[('The government', None, None), ('', True, None), (' said the pumps would run until morning.', None, None)]"),
            // `the the` over two runs: the first keeps one `the`, the
            // italic one gives its `the` up.
            4 => assert_eq!(*y, "[('One resident said the', None, None), (' crews agreed — a rare moment.', None, True)]"),
            _ => assert_eq!(x, y, "paragraph {i}"),
        }
    }
}

#[test]
fn standard_input_takes_its_format_from_a_name_or_a_flag() {
    let md = b"---\ntags: [troups]\n---\nThe `troups` list and the goverment.\n";
    let out = newslint(
        &[
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "desk/story.md",
        ],
        Some(md),
        None,
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(report.lines().count(), 1, "{report}");
    // Only `goverment`: the front matter's tags and the inline code are
    // not prose.
    assert!(
        report.starts_with("desk/story.md:4:27: error[spelling.unknown-word] `goverment`"),
        "{report}"
    );
    let out = newslint(
        &[
            "check",
            "--format",
            "compact",
            "--input-format",
            "html",
            "-",
        ],
        Some(b"<p title=\"x\">The <b>troups</b> left.</p><!-- goverment -->"),
        None,
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.starts_with("-:1:21: error[spelling.unknown-word] `troups`"),
        "{report}"
    );
    assert_eq!(report.lines().count(), 1, "{report}");
    let out = newslint(&["check", "--input-format", "rtf", "-"], Some(b""), None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn folders_include_every_format_and_say_when_there_is_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in TEXT_FIXTURES.iter().chain(&["story.docx"]) {
        std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("notes.rtf"), "troups").unwrap();
    let out = newslint(
        &["check", "--format", "compact", "."],
        None,
        Some(dir.path()),
    );
    let report = String::from_utf8_lossy(&out.stdout);
    let files: std::collections::BTreeSet<&str> = report
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(files.len(), 5, "{report}");
    let out = newslint(
        &[
            "check",
            "--format",
            "compact",
            "--extensions",
            "md,docx",
            ".",
        ],
        None,
        Some(dir.path()),
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report
            .lines()
            .all(|l| l.contains("story.md") || l.contains("story.docx")),
        "{report}"
    );
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("photo.jpg"), "x").unwrap();
    let out = newslint(&["check", "."], None, Some(empty.path()));
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing to check"), "{err}");
}

#[test]
fn a_bad_story_is_reported_after_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.xml"), "<rss><item>troups</item></rss>").unwrap();
    std::fs::write(dir.path().join("b.xml"), "<nitf><body>").unwrap();
    std::fs::write(dir.path().join("c.docx"), "not a zip").unwrap();
    std::fs::write(dir.path().join("d.txt"), "The troups left.\n").unwrap();
    let out = newslint(
        &["check", "--format", "compact", "."],
        None,
        Some(dir.path()),
    );
    assert_eq!(out.status.code(), Some(2));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("d.txt:1:5: error[spelling.unknown-word]"),
        "{report}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains("a.xml") && lines[0].contains("neither NITF nor NewsML-G2"),
        "{err}"
    );
    assert!(
        lines[1].contains("b.xml") && lines[1].contains("not well-formed"),
        "{err}"
    );
    assert!(
        lines[2].contains("c.docx") && lines[2].contains("not a Word document"),
        "{err}"
    );
}

#[test]
fn a_windows_1252_story_is_read_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wire.txt");
    std::fs::write(&path, b"The caf\xe9\x92s troups left \x96 at dawn.\n").unwrap();
    let out = newslint(
        &["check", "--format", "compact", path.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("wire.txt:1:12: error[spelling.unknown-word] `troups`"),
        "{report}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not UTF-8") && err.contains("Windows-1252"),
        "{err}"
    );
    // --fix leaves it alone, with a reason.
    let out = newslint(&["check", "--fix", path.to_str().unwrap()], None, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not fixed"));
    assert_eq!(std::fs::read(&path).unwrap()[7], 0xe9);
}

#[test]
fn suppression_comments_work_in_markdown_and_html() {
    let md =
        "The troups left.\n\n<!-- newslint-disable-next-line spelling -->\nThe troups came back.\n";
    let out = newslint(
        &["check", "--format", "compact", "--stdin-filename", "s.md"],
        Some(md.as_bytes()),
        None,
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(report.lines().count(), 1, "{report}");
    assert!(report.starts_with("s.md:1:5:"), "{report}");
    let html = "<p>The troups left.</p>\n<!-- newslint-disable spelling -->\n<p>The troups came back.</p>\n";
    let out = newslint(
        &["check", "--format", "compact", "--stdin-filename", "s.html"],
        Some(html.as_bytes()),
        None,
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(report.lines().count(), 1, "{report}");
}

#[test]
fn human_reports_show_the_source_line() {
    let out = newslint(
        &[
            "check",
            "--color",
            "never",
            fixture("story.html").to_str().unwrap(),
        ],
        None,
        None,
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("<p>The council&rsquo;s engineers said the goverment"),
        "{report}"
    );
    assert!(report.contains("story.html:17:43"), "{report}");
}
