//! Issue 15, security: the findings a change brings (`new_*`) and removes (`fixed_total`), on
//! real git histories built here, with the real binary.

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

const CONFIG: &str = "[gates.security]\nthresholds = [\"new_total == 0\"]\n";

/// A token gatekeep's GitHub rule finds (critical).
// gatekeep:ignore[secret-github-token] made-up token (the demo fixture's), the test's input
const TOKEN: &str = "ghp_9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a";

/// A repository whose first commit, on `main`, holds `files` and the config; HEAD is then on a
/// branch `topic`.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gates.toml", CONFIG);
    for (p, t) in files {
        write(d.path(), p, t);
    }
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "base"]);
    git(d.path(), &["checkout", "-qb", "topic"]);
    d
}

/// `check --base main --format json`: the security gate's JSON.
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

#[test]
fn an_added_finding_is_new_and_the_change_fails() {
    let d = repo(&[("src/a.py", "def f(x):\n    return eval(input(x))\n")]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_total"), 0.0, "{g}");
    assert_eq!(g["status"], "PASS", "{g}");
    write(
        d.path(),
        "src/a.py",
        "def f(x):\n    return eval(input(x))\n\ndef g(y):\n    return eval(input(y))\n",
    );
    git(d.path(), &["commit", "-qam", "add"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_total"), 1.0, "{g}");
    assert_eq!(metric(&g, "new_high"), 1.0, "{g}");
    assert_eq!(metric(&g, "new_critical"), 0.0, "{g}");
    assert_eq!(metric(&g, "high"), 2.0, "{g}");
    assert_eq!(
        states(&g),
        vec![s("src/a.py", 2, "unchanged"), s("src/a.py", 5, "new")]
    );
    assert_eq!(g["status"], "FAIL", "{g}");
}

#[test]
fn moved_findings_are_not_new_and_removed_ones_are_fixed() {
    let d = repo(&[
        ("src/a.py", "def f(x):\n    return eval(input(x))\n"),
        (
            "src/old.py",
            "import os\n\ndef g(y):\n    return eval(input(y))\n",
        ),
        ("src/gone.py", "def h(z):\n    return eval(input(z))\n"),
        (
            "src/b.py",
            "def k(w):\n    return eval(input(w))\n\nOK = 1\n",
        ),
    ]);
    // Within a file: lines above the finding. To another file: a rename with an edit.
    write(
        d.path(),
        "src/a.py",
        "# a header\n# that moves the code\n\ndef f(x):\n    return eval(input(x))\n",
    );
    git(d.path(), &["mv", "src/old.py", "src/new_name.py"]);
    write(
        d.path(),
        "src/new_name.py",
        "import os\nimport sys\n\ndef g(y):\n    return eval(input(y))\n",
    );
    // Removed: a deleted file's finding, and one fixed in place.
    git(d.path(), &["rm", "-q", "src/gone.py"]);
    write(
        d.path(),
        "src/b.py",
        "import ast\n\ndef k(w):\n    return ast.literal_eval(w)\n\nOK = 1\n",
    );
    git(d.path(), &["commit", "-qam", "move and fix"]);
    let g = check(d.path());
    assert_eq!(metric(&g, "new_total"), 0.0, "{g}");
    assert_eq!(metric(&g, "fixed_total"), 2.0, "{g}");
    assert_eq!(
        states(&g),
        vec![
            s("src/a.py", 5, "unchanged"),
            s("src/new_name.py", 5, "unchanged")
        ]
    );
    let notes = g["notes"].to_string();
    assert!(
        notes.contains("2 findings fixed since main")
            && notes.contains("security/py-eval in src/b.py (line 2 at the base)")
            && notes.contains("security/py-eval in src/gone.py"),
        "{notes}"
    );
    assert_eq!(g["status"], "PASS", "{g}");
}

#[test]
fn a_second_identical_line_and_an_untracked_file_are_new() {
    let d = repo(&[("src/a.py", "def f(x):\n    return eval(input(x))\n")]);
    // The same line again (its own occurrence), uncommitted; a new untracked file with a secret.
    write(
        d.path(),
        "src/a.py",
        "def f(x):\n    return eval(input(x))\n\ndef f2(x):\n    return eval(input(x))\n",
    );
    write(d.path(), "src/conf.py", &format!("TOKEN = \"{TOKEN}\"\n"));
    let g = check(d.path());
    assert_eq!(metric(&g, "new_high"), 1.0, "{g}");
    assert_eq!(metric(&g, "new_critical"), 1.0, "{g}");
    assert_eq!(metric(&g, "new_total"), 2.0, "{g}");
    assert_eq!(metric(&g, "fixed_total"), 0.0, "{g}");
    let st = states(&g);
    assert_eq!(st.iter().filter(|x| x.2 == "new").count(), 2, "{st:?}");
    assert!(st.contains(&s("src/conf.py", 1, "new")), "{st:?}");
}

#[test]
fn other_scanners_findings_are_new_on_changed_lines() {
    let sarif = |line: u64| {
        format!(
            r#"{{"version":"2.1.0","runs":[{{"tool":{{"driver":{{"name":"semgrep","rules":[]}}}},"results":[{{"ruleId":"x.sql","level":"error","message":{{"text":"sql"}},"locations":[{{"physicalLocation":{{"artifactLocation":{{"uri":"src/q.js"}},"region":{{"startLine":{line}}}}}}}]}}]}}]}}"#
        )
    };
    let d = repo(&[("src/q.js", "let a = 1;\nlet b = 2;\n")]);
    write(
        d.path(),
        "gates.toml",
        "[gates.security]\nbuiltin = false\nreports = [\"semgrep.sarif\"]\nthresholds = [\"new_total == 0\"]\n",
    );
    write(d.path(), "semgrep.sarif", &sarif(1));
    let g = check(d.path());
    assert_eq!(metric(&g, "new_total"), 0.0, "{g}");
    write(d.path(), "src/q.js", "let a = 1;\nlet b = 3;\n");
    write(d.path(), "semgrep.sarif", &sarif(2));
    let g = check(d.path());
    assert_eq!(metric(&g, "new_total"), 1.0, "{g}");
    assert_eq!(states(&g), vec![s("src/q.js", 2, "new")]);
}

#[test]
fn sarif_and_github_mark_security_findings_new_or_unchanged() {
    let d = repo(&[("src/a.py", "def f(x):\n    return eval(input(x))\n")]);
    write(
        d.path(),
        "src/a.py",
        &format!("def f(x):\n    return eval(input(x))\n\nTOKEN = \"{TOKEN}\"\n"),
    );
    let out = gk()
        .args([
            "check",
            "--base",
            "main",
            "--format",
            "github",
            "-o",
            "sarif=r.sarif",
        ])
        .arg(d.path())
        .current_dir(d.path())
        .output()
        .unwrap();
    let gh = String::from_utf8_lossy(&out.stdout);
    assert!(gh.contains("file=src/a.py,line=4"), "{gh}");
    assert!(!gh.contains("file=src/a.py,line=2"), "{gh}");
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("r.sarif")).unwrap()).unwrap();
    let got: Vec<(String, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["baselineState"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("security/py-eval".to_string(), "unchanged".to_string()),
            (
                "security/secret-github-token".to_string(),
                "new".to_string()
            ),
        ]
    );
}

#[test]
fn new_total_without_a_base_asks_for_base() {
    let d = repo(&[("src/a.py", "def f(x):\n    return eval(input(x))\n")]);
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("pass --base REV"));
    // Without a threshold on a change metric, no base is looked for: the gate runs as ever.
    write(d.path(), "gates.toml", "[gates.security]\n");
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("pass --base REV").not())
        .stdout(predicate::str::contains("high"));
}

#[test]
fn a_shallow_clone_without_the_base_is_an_error_with_the_fix() {
    let d = repo(&[("src/a.py", "def f(x):\n    return eval(input(x))\n")]);
    let first = git(d.path(), &["rev-parse", "HEAD"]);
    write(d.path(), "src/b.py", "x = 1\n");
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
