//! `newslint model build|train` and `newslint check --model`: a model made
//! from a newsroom's archive is used in place of the built-in one, and a
//! broken model or ARPA file stops the run with one line and exit 2.

use std::process::{Command, Output};

fn newslint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .output()
        .expect("newslint runs")
}

fn one_line_error(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_trained_model_is_used_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let story = "The council said the trial would start on Monday. \
                 The trial of the two men was delayed. A trial date was set.\n";
    for i in 0..20 {
        std::fs::write(archive.join(format!("{i}.txt")), story).unwrap();
    }
    // The model must know the written word too.
    std::fs::write(
        archive.join("hills.md"),
        "Walkers left the trail in the hills.\n",
    )
    .unwrap();
    let model = dir.path().join("desk.nlm");
    let out = newslint(&[
        "model",
        "train",
        archive.to_str().unwrap(),
        "-o",
        model.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("bigrams"));

    let copy = dir.path().join("story.txt");
    std::fs::write(&copy, "The council said the trail would start on Monday.\n").unwrap();
    let out = newslint(&[
        "check",
        "--format",
        "json",
        "--model",
        model.to_str().unwrap(),
        copy.to_str().unwrap(),
    ]);
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let context: Vec<&serde_json::Value> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "context.real-word")
        .collect();
    assert_eq!(context.len(), 1, "{found}");
    assert_eq!(context[0]["suggestions"][0], "trial");
}

#[test]
fn an_arpa_model_converts() {
    let dir = tempfile::tempdir().unwrap();
    let arpa = dir.path().join("tiny.arpa");
    std::fs::write(
        &arpa,
        "\\data\\\nngram 1=3\nngram 2=1\n\n\\1-grams:\n-1.0\t<s>\t-0.3\n-1.5\tthe\t-0.2\n\
         -2.0\ttrial\t0\n\n\\2-grams:\n-0.5\tthe trial\n\n\\end\\\n",
    )
    .unwrap();
    let out_path = dir.path().join("tiny.nlm");
    let out = newslint(&[
        "model",
        "build",
        "--arpa",
        arpa.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let bytes = std::fs::read(&out_path).unwrap();
    assert!(bytes.starts_with(b"NLCTXLM"));
}

#[test]
fn broken_models_are_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, "A story.\n").unwrap();
    let junk = dir.path().join("junk.nlm");
    std::fs::write(&junk, b"NLCTXLM3 and then nothing that makes sense").unwrap();
    let err = one_line_error(&newslint(&[
        "check",
        "--model",
        junk.to_str().unwrap(),
        story.to_str().unwrap(),
    ]));
    assert!(err.contains("junk.nlm"), "{err}");

    let arpa = dir.path().join("bad.arpa");
    std::fs::write(&arpa, "\\data\\\n\\1-grams:\nnot-a-number word\n").unwrap();
    let err = one_line_error(&newslint(&[
        "model",
        "build",
        "--arpa",
        arpa.to_str().unwrap(),
        "-o",
        dir.path().join("x.nlm").to_str().unwrap(),
    ]));
    assert!(err.contains("bad.arpa") && err.contains("line 3"), "{err}");
}
