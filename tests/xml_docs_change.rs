//! Issue 15, xml and docs: the errors and undocumented items a change brings (`new_errors`,
//! `new_undocumented`, `new_broken_links`) and removes (`fixed_errors`), on real git histories
//! built here, with the real binary.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn gk() -> Command {
    let mut c = Command::cargo_bin("gatekeep").unwrap();
    c.env_remove("GITHUB_BASE_REF")
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("GATEKEEP_TODAY", "2026-01-15");
    c
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const CONFIG: &str = "[gates.xml]\nmarkdown = [\"prompts/*.md\"]\nthresholds = [\"new_errors == 0\"]\n";

/// A repository whose first commit, on `main`, holds `files` and the config `config`; HEAD is
/// then on a branch `topic`.
fn repo_with(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gates.toml", config);
    for (p, t) in files {
        write(d.path(), p, t);
    }
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "base"]);
    git(d.path(), &["checkout", "-qb", "topic"]);
    d
}

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    repo_with(CONFIG, files)
}

/// `check --base main --format json`: the first gate's JSON.
fn check(dir: &Path) -> serde_json::Value {
    let out = gk()
        .args(["check", "--base", "main", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v["gates"][0].clone()
}

fn metric(g: &serde_json::Value, name: &str) -> f64 {
    g["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no {name}: {g}"))["value"]
        .as_f64()
        .unwrap()
}

/// (path, line, baseline_state) of each finding.
fn states(g: &serde_json::Value) -> Vec<(String, u64, String)> {
    g["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["baseline_state"].as_str().unwrap_or("none").to_string(),
            )
        })
        .collect()
}

fn s(p: &str, l: u64, st: &str) -> (String, u64, String) {
    (p.to_string(), l, st.to_string())
}

const A: &str = "<r>\n  <a>x & y</a>\n</r>\n";

#[test]
fn xml_an_added_error_is_new_and_the_change_fails() {
    let d = repo(&[("a.xml", A)]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_errors"), 0.0, "{g}");
    assert_eq!(metric(&g, "errors"), 1.0, "{g}");
    assert_eq!(g["status"], "PASS", "{g}");
    write(d.path(), "a.xml", "<r>\n  <a>x & y</a>\n  <b>p & q</b>\n</r>\n");
    git(d.path(), &["commit", "-qam", "add"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_errors"), 1.0, "{g}");
    assert_eq!(metric(&g, "fixed_errors"), 0.0, "{g}");
    assert_eq!(
        states(&g),
        vec![s("a.xml", 2, "unchanged"), s("a.xml", 3, "new")]
    );
    assert_eq!(g["status"], "FAIL", "{g}");
}

#[test]
fn xml_a_moved_error_is_not_new_and_a_removed_one_is_fixed() {
    let d = repo(&[
        ("a.xml", A),
        ("old.xml", "<r>\n  <a>1 & 2</a>\n  <b>3 < 4</b>\n</r>\n"),
        ("gone.xml", "<r><unclosed></r>\n"),
    ]);
    // The error moves down (its message names its new position); one error of old.xml is
    // fixed; gone.xml is deleted with its error.
    write(
        d.path(),
        "a.xml",
        "<r>\n  <c>fine</c>\n  <c>fine</c>\n  <a>x & y</a>\n</r>\n",
    );
    write(d.path(), "old.xml", "<r>\n  <a>1 &amp; 2</a>\n  <b>3 < 4</b>\n</r>\n");
    git(d.path(), &["rm", "-q", "gone.xml"]);
    git(d.path(), &["commit", "-qam", "move and fix"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_errors"), 0.0, "{g}");
    assert_eq!(metric(&g, "fixed_errors"), 2.0, "{g}");
    assert_eq!(
        states(&g),
        vec![s("a.xml", 4, "unchanged"), s("old.xml", 3, "unchanged")]
    );
    let notes = g["notes"].to_string();
    assert!(notes.contains("2 errors fixed since main"), "{notes}");
    assert_eq!(g["status"], "PASS", "{g}");
}

#[test]
fn xml_a_rename_keeps_its_history() {
    let d = repo(&[("a.xml", A)]);
    git(d.path(), &["mv", "a.xml", "b.xml"]);
    write(d.path(), "b.xml", "<r>\n  <a>x & y</a>\n  <b>fine</b>\n</r>\n");
    git(d.path(), &["commit", "-qam", "rename"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_errors"), 0.0, "{g}");
    assert_eq!(metric(&g, "fixed_errors"), 0.0, "{g}");
    assert_eq!(states(&g), vec![s("b.xml", 2, "unchanged")]);
}

#[test]
fn xml_an_untracked_file_and_a_second_copy_are_new() {
    let d = repo(&[("a.xml", A)]);
    write(d.path(), "a.xml", "<r>\n  <a>x & y</a>\n  <a>x & y</a>\n</r>\n");
    write(d.path(), "new.xml", "<r>\n<x></r>\n");
    let g = check(d.path());
    assert_eq!(metric(&g, "new_errors"), 2.0, "{g}");
    let st = states(&g);
    assert!(st.contains(&s("a.xml", 3, "new")), "{st:?}");
    assert!(st.contains(&s("a.xml", 2, "unchanged")), "{st:?}");
    assert!(st.contains(&s("new.xml", 2, "new")), "{st:?}");
}

#[test]
fn xml_markdown_regions_count_the_same_way() {
    let md = "# Prompt\n\n<task>\nuse a & b\n</task>\n";
    let d = repo(&[("prompts/p.md", md)]);
    // The region moves down under a new paragraph; a second region brings a new error.
    write(
        d.path(),
        "prompts/p.md",
        "# Prompt\n\nSome words.\n\n<task>\nuse a & b\n</task>\n\n<more>\nc < d\n</more>\n",
    );
    let g = check(d.path());
    assert_eq!(metric(&g, "new_errors"), 1.0, "{g}");
    assert_eq!(
        states(&g),
        vec![
            s("prompts/p.md", 6, "unchanged"),
            s("prompts/p.md", 10, "new")
        ]
    );
}

#[test]
fn xml_sarif_marks_new_errors() {
    let d = repo(&[("a.xml", A)]);
    write(d.path(), "a.xml", "<r>\n  <a>x & y</a>\n  <b>3 < 4</b>\n</r>\n");
    gk().args(["check", "--base", "main", "-o", "sarif=r.sarif"])
        .arg(d.path())
        .current_dir(d.path())
        .assert()
        .code(1);
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("r.sarif")).unwrap()).unwrap();
    let got: Vec<(u64, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
                r["baselineState"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, vec![(2, "unchanged".into()), (3, "new".into())]);
}

#[test]
fn new_errors_without_a_base_asks_for_base() {
    let d = repo(&[("a.xml", A)]);
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("pass --base REV"));
}

#[test]
fn xml_a_shallow_clone_without_the_base_is_an_error_with_the_fix() {
    let d = repo(&[("a.xml", A)]);
    let first = git(d.path(), &["rev-parse", "HEAD"]);
    write(d.path(), "b.xml", "<r/>\n");
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "second"]);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", d.path().display());
    git(
        clone.path(),
        &[
            "clone", "-q", "--depth", "1", "--branch", "topic", &url, "c",
        ],
    );
    gk().args(["check", "--base", &first])
        .arg(clone.path().join("c"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("shallow clone"))
        .stdout(predicate::str::contains("fetch-depth: 0"))
        .stdout(predicate::str::contains("ERROR"));
}
