//! Folders on the command line: checked in parallel with findings in file
//! order, binary files skipped with a notice (and refused when named), an
//! unreadable file stopping the run with its path.

use std::path::Path;
use std::process::{Command, Output};

fn newslint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .output()
        .expect("newslint runs")
}

fn paths_in_json(out: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON array");
    v.as_array()
        .expect("array")
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn a_folder_checked_in_parallel_reports_in_file_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        let text = if i % 2 == 0 {
            "The troups left the the base.\n"
        } else {
            "The goverment said —- nothing.\n"
        };
        write(dir.path(), &format!("story-{i:02}.txt"), text.as_bytes());
    }
    let root = dir.path().to_str().unwrap();
    let one = newslint(&["check", "--format", "json", "--jobs", "1", root]);
    let many = newslint(&["check", "--format", "json", "--jobs", "4", root]);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(
        one.stdout, many.stdout,
        "same findings whatever the workers"
    );
    let paths = paths_in_json(&many);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "findings in file order");
    assert_eq!(
        paths
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        12
    );
    // No progress bar or other noise in JSON runs.
    assert!(
        many.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&many.stderr)
    );
}

#[test]
fn binary_files_in_a_folder_are_skipped_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"The troups left.\n");
    let mut binary = b"PK\x03\x04".to_vec();
    binary.extend([0u8; 64]);
    write(dir.path(), "b.txt", &binary);
    let out = newslint(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("skipping") && stderr.contains("b.txt"),
        "{stderr}"
    );
    assert!(paths_in_json(&out).iter().all(|p| p.ends_with("a.txt")));
}

#[test]
fn a_binary_file_named_on_the_command_line_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", b"text\0more");
    let path = dir.path().join("b.txt");
    let out = newslint(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("b.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unreadable_file_is_exit_2_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let dangling = dir.path().join("dangling.txt");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), &dangling).unwrap();
    let mut paths = vec![missing, dangling];
    // A file that exists but fails to read (EIO), even for root.
    if Path::new("/proc/self/mem").exists() {
        paths.push("/proc/self/mem".into());
    }
    for p in &paths {
        let out = newslint(&["check", p.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", p.display());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(p.to_str().unwrap()), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}
