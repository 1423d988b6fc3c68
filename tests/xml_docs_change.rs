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

const CONFIG: &str =
    "[gates.xml]\nmarkdown = [\"prompts/*.md\"]\nthresholds = [\"new_errors == 0\"]\n";

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
    write(
        d.path(),
        "a.xml",
        "<r>\n  <a>x & y</a>\n  <b>p & q</b>\n</r>\n",
    );
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
    write(
        d.path(),
        "old.xml",
        "<r>\n  <a>1 &amp; 2</a>\n  <b>3 < 4</b>\n</r>\n",
    );
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
    write(
        d.path(),
        "b.xml",
        "<r>\n  <a>x & y</a>\n  <b>fine</b>\n</r>\n",
    );
    git(d.path(), &["commit", "-qam", "rename"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_errors"), 0.0, "{g}");
    assert_eq!(metric(&g, "fixed_errors"), 0.0, "{g}");
    assert_eq!(states(&g), vec![s("b.xml", 2, "unchanged")]);
}

#[test]
fn xml_an_untracked_file_and_a_second_copy_are_new() {
    let d = repo(&[("a.xml", A)]);
    write(
        d.path(),
        "a.xml",
        "<r>\n  <a>x & y</a>\n  <a>x & y</a>\n</r>\n",
    );
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
    write(
        d.path(),
        "a.xml",
        "<r>\n  <a>x & y</a>\n  <b>3 < 4</b>\n</r>\n",
    );
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

/// A shallow clone of a repository with `config` and `files` lacks its first commit: checking
/// against it is an ERROR that says how to fetch the history.
fn shallow_clone_is_an_error(config: &str, files: &[(&str, &str)]) {
    let d = repo_with(config, files);
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

#[test]
fn xml_a_shallow_clone_without_the_base_is_an_error_with_the_fix() {
    shallow_clone_is_an_error(CONFIG, &[("a.xml", A)]);
}

const DOCS: &str = "[gates.docs]\nlanguages = [\"python\"]\nrequired_files = []\nthresholds = [\"new_undocumented == 0\", \"new_broken_links == 0\"]\n";

const PY: &str =
    "\"\"\"A module.\"\"\"\n\n\ndef f():\n    pass\n\n\ndef g():\n    \"\"\"Documented.\"\"\"\n";

/// (rule, path, line, baseline_state) of each finding.
fn rule_states(g: &serde_json::Value) -> Vec<(String, String, u64, String)> {
    g["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["path"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["baseline_state"].as_str().unwrap_or("none").to_string(),
            )
        })
        .collect()
}

fn r(rule: &str, p: &str, l: u64, st: &str) -> (String, String, u64, String) {
    (rule.to_string(), p.to_string(), l, st.to_string())
}

#[test]
fn docs_an_added_undocumented_item_counts() {
    let d = repo_with(DOCS, &[("src/a.py", PY)]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_undocumented"), 0.0, "{g}");
    assert_eq!(g["status"], "PASS", "{g}");
    write(
        d.path(),
        "src/a.py",
        &format!("{PY}\n\ndef h():\n    pass\n"),
    );
    git(d.path(), &["commit", "-qam", "add h"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_undocumented"), 1.0, "{g}");
    assert_eq!(
        rule_states(&g),
        vec![
            r("docs/undocumented", "src/a.py", 4, "unchanged"),
            r("docs/undocumented", "src/a.py", 12, "new"),
        ]
    );
    assert_eq!(g["status"], "FAIL", "{g}");
    assert_eq!(metric(&g, "fixed_undocumented"), 0.0, "{g}");
}

#[test]
fn docs_an_item_documented_since_the_base_is_fixed() {
    let d = repo_with(DOCS, &[("src/a.py", PY)]);
    // f (undocumented at the base) gets its docstring.
    write(
        d.path(),
        "src/a.py",
        &PY.replacen(
            "def f():\n",
            "def f():\n    \"\"\"Now documented.\"\"\"\n",
            1,
        ),
    );
    git(d.path(), &["commit", "-qam", "document f"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "fixed_undocumented"), 1.0, "{g}");
    assert_eq!(metric(&g, "new_undocumented"), 0.0, "{g}");
}

#[test]
fn docs_an_old_undocumented_item_that_moved_does_not_count() {
    let d = repo_with(
        DOCS,
        &[
            ("src/a.py", PY),
            ("src/b.py", "\"\"\"B.\"\"\"\n\n\ndef k():\n    pass\n"),
        ],
    );
    // f moves below g in its file; k moves to another file, and b.py is renamed.
    write(
        d.path(),
        "src/a.py",
        "\"\"\"A module.\"\"\"\n\n\ndef g():\n    \"\"\"Documented.\"\"\"\n\n\ndef f():\n    pass\n",
    );
    git(d.path(), &["mv", "src/b.py", "src/c.py"]);
    write(d.path(), "src/c.py", "\"\"\"B.\"\"\"\n");
    write(
        d.path(),
        "src/d.py",
        "\"\"\"D.\"\"\"\n\n\ndef k():\n    pass\n",
    );
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "move"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_undocumented"), 0.0, "{g}");
    assert_eq!(
        rule_states(&g),
        vec![
            r("docs/undocumented", "src/a.py", 8, "unchanged"),
            r("docs/undocumented", "src/d.py", 4, "unchanged"),
        ]
    );
    assert_eq!(g["status"], "PASS", "{g}");
}

#[test]
fn docs_a_renamed_file_keeps_its_history_and_removed_docs_are_new() {
    let d = repo_with(DOCS, &[("src/a.py", PY)]);
    git(d.path(), &["mv", "src/a.py", "src/z.py"]);
    // g loses its docstring: undocumented now, documented at the base.
    write(
        d.path(),
        "src/z.py",
        "\"\"\"A module.\"\"\"\n\n\ndef f():\n    pass\n\n\ndef g():\n    return 1\n",
    );
    let g = check(d.path());
    assert_eq!(metric(&g, "new_undocumented"), 1.0, "{g}");
    assert_eq!(
        rule_states(&g),
        vec![
            r("docs/undocumented", "src/z.py", 4, "unchanged"),
            r("docs/undocumented", "src/z.py", 8, "new"),
        ]
    );
}

#[test]
fn docs_new_broken_links_are_added_lines_or_deleted_targets() {
    let d = repo_with(
        DOCS,
        &[
            (
                "README.md",
                "# Title\n\nSee [old](missing.md).\n\nSee [guide](guide.md).\n",
            ),
            ("guide.md", "# Guide\n"),
        ],
    );
    let g = check(d.path());
    assert_eq!(metric(&g, "new_broken_links"), 0.0, "{g}");
    assert_eq!(metric(&g, "broken_links"), 1.0, "{g}");
    // The old broken link moves down; a new one is added; guide.md is deleted, which breaks
    // a link on a line the change does not touch.
    write(
        d.path(),
        "README.md",
        "# Title\n\nIntro.\n\nSee [old](missing.md).\n\nSee [guide](guide.md).\n\nAnd [new](nope.md).\n",
    );
    git(d.path(), &["rm", "-q", "guide.md"]);
    git(d.path(), &["commit", "-qam", "links"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "broken_links"), 3.0, "{g}");
    assert_eq!(metric(&g, "new_broken_links"), 2.0, "{g}");
    assert_eq!(
        rule_states(&g),
        vec![
            r("docs/broken-link", "README.md", 5, "unchanged"),
            r("docs/broken-link", "README.md", 7, "new"),
            r("docs/broken-link", "README.md", 9, "new"),
        ]
    );
}

#[test]
fn new_undocumented_without_a_base_asks_for_base() {
    let d = repo_with(DOCS, &[("src/a.py", PY)]);
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("pass --base REV"));
}

#[test]
fn docs_a_shallow_clone_without_the_base_is_an_error_with_the_fix() {
    shallow_clone_is_an_error(DOCS, &[("src/a.py", PY)]);
}

#[test]
fn docs_rust_items_are_compared_by_kind_and_name() {
    let config = "[gates.docs]\nlanguages = [\"rust\"]\nrequired_files = []\nthresholds = [\"new_undocumented == 0\"]\n";
    let d = repo_with(
        config,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"x\"\nversion = \"0.1.0\"\n",
            ),
            (
                "src/lib.rs",
                "//! Crate.\n\npub fn f() {}\n\n/// Doc.\npub fn g() {}\n",
            ),
        ],
    );
    // f moves below g; S is added without docs.
    write(
        d.path(),
        "src/lib.rs",
        "//! Crate.\n\n/// Doc.\npub fn g() {}\n\npub fn f() {}\n\npub struct S;\n",
    );
    let g = check(d.path());
    assert_eq!(metric(&g, "new_undocumented"), 1.0, "{g}");
    assert_eq!(
        rule_states(&g),
        vec![
            r("docs/undocumented", "src/lib.rs", 6, "unchanged"),
            r("docs/undocumented", "src/lib.rs", 8, "new"),
        ]
    );
}
