//! CLI tests of the `diagnostics` gate: the real binary on small repos.

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

const SRC: &str = "let a = 1;\nlet b = 2;\nlet c = 3;\n";

fn tsc(lines: &[(u64, char)]) -> String {
    lines
        .iter()
        .map(|(l, v)| {
            format!(
                "src/a.ts({l},5): error TS6133: '{v}' is declared but its value is never read.\n"
            )
        })
        .collect()
}

fn repo(config: &str, report: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("src")).unwrap();
    std::fs::write(d.path().join("src/a.ts"), SRC).unwrap();
    std::fs::write(d.path().join("tsc.txt"), report).unwrap();
    std::fs::write(d.path().join("gates.toml"), config).unwrap();
    d
}

const CONFIG: &str = r#"
[project]
name = "demo"

[gates.ts]
kind = "diagnostics"
reports = ["tsc.txt"]
thresholds = ["errors <= 5", "code.TS6133 <= 1", "code.TS2304 == 0"]
"#;

#[test]
fn code_metrics_in_thresholds_and_an_absent_code_is_zero() {
    let d = repo(CONFIG, &tsc(&[(1, 'a'), (2, 'b')]));
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            // The row shows the warnings beside the errors.
            "│ ts   ┆ errors      ┆ 2 (0 warnings) ┆ ≤ 5    ┆ PASS",
        ))
        .stdout(predicate::str::contains(
            "┆ code.TS6133 ┆ 2              ┆ ≤ 1    ┆ FAIL",
        ))
        .stdout(predicate::str::contains(
            "┆ code.TS2304 ┆ 0              ┆ == 0   ┆ PASS",
        ))
        .stdout(predicate::str::contains(
            "high     src/a.ts:1:5: TS6133: 'a' is declared but its value is never read.",
        ))
        .stdout(predicate::str::contains(
            "TS6133 ×2 — 'a' is declared but its value is never read.",
        ));
}

#[test]
fn an_unknown_metric_is_a_config_error_with_position() {
    let d = repo(
        "[gates.ts]\nkind = \"diagnostics\"\nreports = [\"tsc.txt\"]\nthresholds = [\"erors == 0\"]\n",
        "",
    );
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gates.toml:4:"))
        .stderr(predicate::str::contains("erors"));
}

#[test]
fn findings_flow_into_sarif_codeclimate_and_github() {
    let d = repo(CONFIG, &tsc(&[(1, 'a'), (2, 'b')]));
    let out = gk()
        .args(["check", "--format", "github"])
        .arg(d.path())
        .output()
        .unwrap();
    insta::assert_snapshot!("diagnostics_github", String::from_utf8(out.stdout).unwrap());
    let out = gk()
        .args(["check", "--format", "sarif"])
        .arg(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let diag: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "diagnostics/tsc/TS6133")
        .collect();
    assert_eq!(diag.len(), 2);
    assert_eq!(
        diag[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    assert!(diag[0]["partialFingerprints"]["gatekeepFingerprint/v1"].is_string());
    let out = gk()
        .args(["check", "--format", "codeclimate"])
        .arg(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let issues: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["check_name"] == "diagnostics/tsc/TS6133")
        .collect();
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[1]["location"]["path"], "src/a.ts");
    assert_eq!(issues[1]["location"]["lines"]["begin"], 2);
    // JUnit: the gate's findings in its testsuite's system-out.
    let out = gk()
        .args(["check", "--format", "junit"])
        .arg(d.path())
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.contains("<system-out>high src/a.ts:1:5: diagnostics/tsc/TS6133 ")
            && xml.contains("&#10;high src/a.ts:2:5: diagnostics/tsc/TS6133 "),
        "{xml}"
    );
}

#[test]
fn write_baseline_accepts_old_diagnostics_and_new_ones_block() {
    let config = "[gates.ts]\nkind = \"diagnostics\"\nreports = [\"tsc.txt\"]\nbaseline = \".gatekeep/tsc.json\"\n";
    let d = repo(config, &tsc(&[(1, 'a'), (2, 'b')]));
    std::fs::create_dir(d.path().join(".gatekeep")).unwrap();
    gk().args(["check", "--write-baseline"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "wrote baseline .gatekeep/tsc.json with 2 diagnostics",
        ));
    gk().arg("check").arg(d.path()).assert().code(0);
    // Code moved down two lines, and a new unused variable: only the new one blocks.
    std::fs::write(d.path().join("src/a.ts"), format!("// 1\n// 2\n{SRC}")).unwrap();
    std::fs::write(
        d.path().join("tsc.txt"),
        tsc(&[(3, 'a'), (4, 'b'), (5, 'c')]),
    )
    .unwrap();
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("│ ts   ┆ errors ┆ 1"))
        .stdout(predicate::str::contains("src/a.ts:5:5: TS6133: 'c'"))
        .stdout(predicate::str::contains("2 diagnostics accepted"));
}

#[test]
fn a_damaged_report_is_error_while_the_other_gates_run() {
    let config = "[gates.lint]\nkind = \"diagnostics\"\nreports = [\"eslint.json\"]\n\n[gates.build]\nkind = \"command\"\nrun = \"true\"\n";
    let d = repo(config, "");
    let full = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/diagnostics/eslint/eslint.json"),
    )
    .unwrap();
    std::fs::write(d.path().join("eslint.json"), &full[..full.len() / 3]).unwrap();
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("│ build ┆ exit_code ┆ 0"))
        .stdout(predicate::str::contains("ERROR lint: eslint.json:1:"))
        .stdout(predicate::str::contains("invalid eslint output"));
}

#[test]
fn run_mode_tool_not_found_is_error_never_zero() {
    let config =
        "[gates.ts]\nkind = \"diagnostics\"\nrun = \"no-such-tsc-gk --noEmit --pretty false\"\n";
    let d = repo(config, "");
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("command not found"))
        .stdout(predicate::str::contains("│ ts   ┆ errors ┆ —"));
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args([
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn new_errors_counts_errors_on_lines_changed_since_base() {
    let config = "[gates.ts]\nkind = \"diagnostics\"\nreports = [\"tsc.txt\"]\nthresholds = [\"new_errors == 0\"]\n";
    let d = repo(config, &tsc(&[(1, 'a')]));
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "base"]);
    // The old error stays on line 1; a new line 4 brings a new one.
    std::fs::write(d.path().join("src/a.ts"), format!("{SRC}let d = 4;\n")).unwrap();
    std::fs::write(d.path().join("tsc.txt"), tsc(&[(1, 'a'), (4, 'd')])).unwrap();
    gk().args(["check", "--base", "HEAD"])
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("│ ts   ┆ new_errors ┆ 1"));
    // Without `--base`, outside CI and without a remote, there is no base: ERROR, not a pass,
    // saying what to do.
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("pass --base REV"));
    // In a GitHub pull request the base is the PR's target branch (`origin/$GITHUB_BASE_REF`).
    git(
        d.path(),
        &["update-ref", "refs/remotes/origin/main", "HEAD"],
    );
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "change"]);
    let out = gk()
        .args(["check", "--format", "json"])
        .arg(d.path())
        .env("GITHUB_BASE_REF", "main")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["base"]["rev"], "origin/main", "{v}");
    assert!(
        v["base"]["found_by"]
            .as_str()
            .unwrap()
            .contains("GITHUB_BASE_REF")
    );
    assert_eq!(v["base"]["commit"].as_str().map(str::len), Some(40), "{v}");
    let m = &v["gates"][0]["metrics"];
    let new = m
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "new_errors")
        .unwrap();
    assert_eq!(new["value"], 1.0, "{v}");
    let states: Vec<(u64, &str)> = v["gates"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["baseline_state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(states, vec![(1, "unchanged"), (4, "new")], "{v}");
    // SARIF carries it as `baselineState`; GitHub annotations show the new one only, unless
    // --annotate-unchanged.
    let out = gk()
        .args([
            "check",
            "--base",
            "origin/main",
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
    assert!(gh.contains("src/a.ts,line=4"), "{gh}");
    assert!(!gh.contains("src/a.ts,line=1"), "{gh}");
    assert!(
        gh.contains("1 findings the change did not bring are not annotated"),
        "{gh}"
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("r.sarif")).unwrap()).unwrap();
    let bs: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap())
        .collect();
    assert_eq!(bs, vec!["unchanged", "new"]);
    let out = gk()
        .args([
            "check",
            "--base",
            "origin/main",
            "--format",
            "github",
            "--annotate-unchanged",
        ])
        .arg(d.path())
        .output()
        .unwrap();
    let gh = String::from_utf8_lossy(&out.stdout);
    assert!(gh.contains("src/a.ts,line=1"), "{gh}");
    // The other formats mark the new finding, list it first, and count the new ones.
    let out = gk()
        .args([
            "check",
            "--base",
            "origin/main",
            "-o",
            "markdown=r.md",
            "-o",
            "junit=r.xml",
            "-o",
            "html=r.html",
        ])
        .arg(d.path())
        .current_dir(d.path())
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    let new_at = table.find("[new] src/a.ts:4").expect("new finding marked");
    let old_at = table.find(" src/a.ts:1").expect("old finding");
    assert!(new_at < old_at, "{table}");
    assert!(!table.contains("[new] src/a.ts:1"), "{table}");
    assert!(table.contains("2 findings, 1 new"), "{table}");
    let md = std::fs::read_to_string(d.path().join("r.md")).unwrap();
    assert!(md.contains("*new* `src/a.ts:4"), "{md}");
    assert!(!md.contains("*new* `src/a.ts:1"), "{md}");
    let ju = std::fs::read_to_string(d.path().join("r.xml")).unwrap();
    assert!(ju.contains("[new] src/a.ts:4"), "{ju}");
    let html = std::fs::read_to_string(d.path().join("r.html")).unwrap();
    assert_eq!(html.matches(" <b>new</b>").count(), 1, "{html}");
}

/// Damaged copies of real samples never read as fewer diagnostics: they are ERROR with the
/// file and the line (Checkstyle renamed tag or severity, GCC damaged severity, mypy cut short).
#[test]
fn damaged_samples_are_errors_never_fewer_diagnostics() {
    let fx = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/diagnostics");
    let read = |p: &str| std::fs::read_to_string(fx.join(p)).unwrap();
    let checkstyle = read("checkstyle/eslint-checkstyle.xml");
    let gcc = read("gcc/gcc.txt");
    let mypy = read("mypy/mypy.txt");
    let cut_mypy = mypy[..mypy.find("Found ").unwrap()].to_string();
    let cases = [
        (
            "r.xml",
            checkstyle.replacen("<error ", "<errorx ", 1),
            "unknown element `<errorx>`",
        ),
        (
            "r.xml",
            checkstyle.replacen("severity=\"warning\"", "severity=\"wasning\"", 1),
            "unknown severity `wasning`",
        ),
        (
            "r.xml",
            checkstyle.replacen("<error ", "<err or ", 1),
            "r.xml:1:",
        ),
        (
            "r.txt",
            gcc.replacen("warning: unused variable", "warnng: unused variable", 1),
            "unknown severity",
        ),
        ("r.txt", cut_mypy, "summary line"),
    ];
    for (name, text, want) in cases {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(name), &text).unwrap();
        std::fs::write(
            d.path().join("gates.toml"),
            format!("[gates.d]\nkind = \"diagnostics\"\nreports = [\"{name}\"]\n"),
        )
        .unwrap();
        let out = gk().arg("check").arg(d.path()).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{want}: {stdout}");
        assert!(
            stdout.contains("ERROR") && stdout.contains(want),
            "{want}: {stdout}"
        );
    }
}

fn new_errors_of(dir: &Path, base: &str) -> (f64, Vec<(String, u64, String)>) {
    let out = gk()
        .args(["check", "--base", base, "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let g = &v["gates"][0];
    let n = g["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "new_errors")
        .unwrap_or_else(|| panic!("{v}"))["value"]
        .as_f64()
        .unwrap();
    let states = g["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["baseline_state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (n, states)
}

/// Issue 15 on real git histories: a renamed file keeps its history (its old error is not
/// new), a moved block's error is new by default and not with `ignore_moved_lines`, and a
/// shallow clone without the base is an ERROR that says how to fetch it.
#[test]
fn renames_moves_and_shallow_clones_for_new_errors() {
    let body = "export function total(items: Item[]): number {\n  return items.reduce((s, i) => s + i.price, 0);\n}\n";
    let config = "[gates.ts]\nkind = \"diagnostics\"\nreports = [\"tsc.txt\"]\nthresholds = [\"new_errors == 0\"]\n";
    let d = repo(config, "");
    std::fs::write(d.path().join("src/a.ts"), format!("{SRC}{body}")).unwrap();
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "base"]);
    // a.ts renamed to b.ts with one line added at the end; tsc reports the old line 1 and the
    // new line 7.
    git(d.path(), &["mv", "src/a.ts", "src/b.ts"]);
    std::fs::write(
        d.path().join("src/b.ts"),
        format!("{SRC}{body}let z = 9;\n"),
    )
    .unwrap();
    let err = |p: &str, l: u64| {
        format!("{p}({l},5): error TS6133: 'x' is declared but its value is never read.\n")
    };
    std::fs::write(
        d.path().join("tsc.txt"),
        format!("{}{}", err("src/b.ts", 1), err("src/b.ts", 7)),
    )
    .unwrap();
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "rename"]);
    let (n, states) = new_errors_of(d.path(), "HEAD~1");
    assert_eq!(n, 1.0);
    assert_eq!(
        states,
        vec![
            ("src/b.ts".to_string(), 1, "unchanged".to_string()),
            ("src/b.ts".to_string(), 7, "new".to_string())
        ]
    );
    // The function moves into a new file c.ts (re-indented into a namespace); tsc reports an
    // error on its return line.
    std::fs::write(d.path().join("src/b.ts"), format!("{SRC}let z = 9;\n")).unwrap();
    let moved: String = body.lines().map(|l| format!("  {l}\n")).collect();
    std::fs::write(
        d.path().join("src/c.ts"),
        format!("export namespace Cart {{\n{moved}}}\n"),
    )
    .unwrap();
    std::fs::write(d.path().join("tsc.txt"), err("src/c.ts", 3)).unwrap();
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "move total into Cart"]);
    let (n, _) = new_errors_of(d.path(), "HEAD~1");
    assert_eq!(n, 1.0, "moved lines are new by default");
    std::fs::write(
        d.path().join("gates.toml"),
        format!("{config}ignore_moved_lines = true\n"),
    )
    .unwrap();
    let (n, states) = new_errors_of(d.path(), "HEAD~1");
    assert_eq!(n, 0.0, "{states:?}");
    assert_eq!(
        states,
        vec![("src/c.ts".to_string(), 3, "unchanged".to_string())]
    );
    // A depth-1 clone has no HEAD~1: ERROR with the fix.
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", d.path().display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "c"]);
    let c = clone.path().join("c");
    gk().args(["check", "--base", "HEAD~1"])
        .arg(&c)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("fetch-depth: 0"));
}
