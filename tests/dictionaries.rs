//! Dictionaries beyond the embedded en-US and en-GB, end to end through the
//! command line: en-AU, en-CA and en-ZA (Hunspell at run time), and a
//! desk's own `.dic`/`.aff` with its affix rules.

use std::path::Path;
use std::process::{Command, Output};

fn newslint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("newslint runs")
}

/// `(rule, text, suggestions)` of a finding.
type Found = (String, String, Vec<String>);

/// The findings of a JSON run.
fn findings(out: &Output) -> Vec<Found> {
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON findings");
    all.as_array()
        .expect("an array")
        .iter()
        .map(|f| {
            let suggestions = f["suggestions"]
                .as_array()
                .map(|s| s.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            (
                f["rule"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
                suggestions,
            )
        })
        .collect()
}

fn check(dir: &Path, args: &[&str], story: &str) -> (Option<i32>, Vec<Found>) {
    std::fs::write(dir.join("story.txt"), story).unwrap();
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    all.push("story.txt");
    let out = newslint(&all, dir);
    let code = out.status.code();
    assert_ne!(code, Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    (code, findings(&out))
}

/// The texts a finding was made on.
fn texts(found: &[Found]) -> Vec<&str> {
    found.iter().map(|f| f.1.as_str()).collect()
}

const HARBOUR: &str = "The harbour authority will organise a colour-coded plan for the centre.\n";

#[test]
fn australian_and_south_african_copy_take_british_spellings() {
    let dir = tempfile::tempdir().unwrap();
    for dialect in ["en-AU", "en-ZA"] {
        let (code, found) = check(dir.path(), &["--dialect", dialect], HARBOUR);
        assert_eq!(code, Some(0), "{dialect}: {found:?}");
    }
    // American spellings in Australian copy are the dialect's findings,
    // with the Australian spelling.
    let story = "The harbor authority chose a new color.\n";
    let (_, found) = check(dir.path(), &["--dialect", "en-AU"], story);
    let wanted = [
        ("dialect.us-spelling", "harbor", "harbour"),
        ("dialect.us-spelling", "color", "colour"),
    ];
    for (rule, text, fix) in wanted {
        assert!(
            found.iter().any(|f| f.0 == rule
                && f.1 == text
                && f.2.first().map(String::as_str) == Some(fix)),
            "{rule} {text}: {found:?}"
        );
    }
}

#[test]
fn the_dictionary_decides_ize_or_ise() {
    let dir = tempfile::tempdir().unwrap();
    let story = "Volunteers will organize the clean-up.\n";
    // The en-AU dictionary has only -ise; the en-ZA one has both.
    let (_, au) = check(dir.path(), &["--dialect", "en-AU"], story);
    assert_eq!(texts(&au), ["organize"], "{au:?}");
    assert_eq!(au[0].2, ["organise"]);
    let (code, za) = check(dir.path(), &["--dialect", "en-ZA"], story);
    assert_eq!((code, texts(&za)), (Some(0), vec![]), "{za:?}");
}

#[test]
fn canadian_copy_takes_our_with_ize_from_newslint_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("newslint.toml"), "dialect = \"en-CA\"\n").unwrap();
    let story = "The harbour authority will organize a colour-coded plan for the centre.\n";
    let (code, found) = check(dir.path(), &[], story);
    assert_eq!((code, texts(&found)), (Some(0), vec![]), "{found:?}");
    let (_, found) = check(dir.path(), &[], "They organise the color guard.\n");
    let by_text = |t: &str| found.iter().find(|f| f.1 == t).cloned();
    let organise = by_text("organise").expect("organise is flagged in en-CA");
    assert_eq!(organise.0, "dialect.gb-spelling");
    assert_eq!(organise.2, ["organize"]);
    let color = by_text("color").expect("color is flagged in en-CA");
    assert_eq!(color.0, "dialect.us-spelling");
    assert_eq!(color.2, ["colour"]);
}

#[test]
fn slips_in_run_time_dialects_are_errors_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    for dialect in ["en-AU", "en-CA", "en-ZA"] {
        let story = "The neighbours said the goverment had not listend.\n";
        let (code, found) = check(dir.path(), &["--dialect", dialect], story);
        assert_eq!(code, Some(1), "{dialect}");
        let first = |t: &str| {
            found
                .iter()
                .find(|f| f.1 == t && f.0 == "spelling.unknown-word")
                .and_then(|f| f.2.first().cloned())
        };
        assert_eq!(
            first("goverment").as_deref(),
            Some("government"),
            "{dialect}: {found:?}"
        );
        assert_eq!(
            first("listend").as_deref(),
            Some("listened"),
            "{dialect}: {found:?}"
        );
        assert!(
            !texts(&found).contains(&"neighbours"),
            "{dialect}: {found:?}"
        );
    }
}

/// A desk dictionary of our own: `M` makes a possessive, `S` a plural.
fn write_desk(dir: &Path) {
    std::fs::create_dir_all(dir.join("dict")).unwrap();
    std::fs::write(
        dir.join("dict/desk.aff"),
        "SET UTF-8\n# the desk's affixes\nSFX M Y 1\nSFX M 0 's .\n\nSFX S Y 1\nSFX S 0 s .\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("dict/desk.dic"),
        "3\nSoleimani/M\nQarawenko/M\nfloodgauge/S\n",
    )
    .unwrap();
}

const DESK_STORY: &str = "Soleimani's aide met Qarawenko's team. Two floodgauges failed, \
officials said, and Soleimany later denied it.\n";

#[test]
fn a_desk_dictionary_works_end_to_end_with_its_affix_rules() {
    let dir = tempfile::tempdir().unwrap();
    write_desk(dir.path());
    // Without it: the made-up words are unknown.
    let (_, without) = check(dir.path(), &[], DESK_STORY);
    assert!(texts(&without).contains(&"floodgauges"), "{without:?}");
    assert!(texts(&without).contains(&"Qarawenko's"), "{without:?}");
    // From newslint.toml, relative to the file.
    std::fs::write(
        dir.path().join("newslint.toml"),
        "hunspell = [\"dict/desk.dic\"]\n",
    )
    .unwrap();
    let (code, found) = check(dir.path(), &[], DESK_STORY);
    assert_eq!(code, Some(1));
    assert_eq!(texts(&found), ["Soleimany"], "{found:?}");
    assert_eq!(found[0].0, "spelling.unknown-word");
    assert_eq!(found[0].2, ["Soleimani"]);
    // And from the command line.
    std::fs::remove_file(dir.path().join("newslint.toml")).unwrap();
    let (_, found) = check(dir.path(), &["--hunspell", "dict/desk.dic"], DESK_STORY);
    assert_eq!(texts(&found), ["Soleimany"], "{found:?}");
    let shown = newslint(
        &["config", "--show", "--hunspell", "dict/desk.dic"],
        dir.path(),
    );
    let shown = String::from_utf8_lossy(&shown.stdout);
    let line = shown.lines().find(|l| l.starts_with("hunspell")).unwrap();
    assert!(
        line.contains("dict/desk.dic") && line.ends_with("# command line"),
        "{line}"
    );
}

#[test]
fn a_bad_desk_dictionary_stops_the_run_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write_desk(dir.path());
    std::fs::write(dir.path().join("story.txt"), "A story.\n").unwrap();
    std::fs::write(dir.path().join("words.txt"), "Qarawenko\n").unwrap();
    std::fs::write(dir.path().join("lone.dic"), "1\nword\n").unwrap();
    std::fs::write(dir.path().join("junk.dic"), "no count here\n").unwrap();
    std::fs::write(dir.path().join("junk.aff"), "SET UTF-8\n").unwrap();
    let cases = [
        (
            "missing.dic",
            "missing.dic: cannot read Hunspell dictionary",
        ),
        ("words.txt", "words.txt: not a Hunspell dictionary"),
        ("lone.dic", "lone.aff: cannot read Hunspell dictionary"),
        ("junk.dic", "junk.dic: not a Hunspell dictionary"),
        ("dict", "dict: not a Hunspell dictionary"),
    ];
    for (file, said) in cases {
        let out = newslint(&["check", "--hunspell", file, "story.txt"], dir.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
        assert!(err.contains(said), "{file}: {err}");
    }
    std::fs::write(
        dir.path().join("newslint.toml"),
        "hunspell = [\"missing.dic\"]\n",
    )
    .unwrap();
    let out = newslint(&["check", "story.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_pipe_named_as_a_dictionary_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.txt"), "A story.\n").unwrap();
    std::fs::write(dir.path().join("pipe.aff"), "SET UTF-8\n").unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.dic"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let out = newslint(
        &["check", "--hunspell", "pipe.dic", "story.txt"],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}
