//! Issue 15: gate the change, not the legacy — with the real binary.
//!
//! - junit `new_failures` / `fixed_failures` against a `--baseline` report;
//! - `baseline` thresholds of the command (`count`), size and perf gates against a report that
//!   gatekeep wrote on the base commit of a real git history.

use assert_cmd::Command;
use std::path::Path;

fn gk() -> Command {
    let mut c = Command::cargo_bin("gatekeep").unwrap();
    c.env_remove("GITHUB_BASE_REF")
        .env_remove("GITHUB_ACTIONS")
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

/// A JUnit report: `(classname, name, outcome)` with outcome `pass`, `fail`, `error`, `skip`.
fn junit(cases: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("<testsuites><testsuite name=\"s\">\n");
    for (c, n, o) in cases {
        let body = match *o {
            "fail" => "<failure message=\"assert 1 == 2\"/>",
            "error" => "<error message=\"boom\"/>",
            "skip" => "<skipped/>",
            _ => "",
        };
        s.push_str(&format!(
            "<testcase classname=\"{c}\" name=\"{n}\">{body}</testcase>\n"
        ));
    }
    s.push_str("</testsuite></testsuites>\n");
    s
}

const JUNIT_CONFIG: &str = "[gates.tests]\nkind = \"junit\"\nreports = [\"junit.xml\"]\n\
thresholds = [\"new_failures == 0\", \"fixed_failures >= 0\"]\n";

/// Runs `check` on `dir` with `args`, returns (exit code, JSON report).
fn check_json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let out = gk()
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), v)
}

fn metric(gate: &serde_json::Value, name: &str) -> Option<f64> {
    gate["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .and_then(|m| m["value"].as_f64())
}

/// The baseline run: `old` and `fixed` fail, `ok` passes. Returns the report's path.
fn junit_baseline(dir: &Path, out: &Path) -> std::path::PathBuf {
    write(dir, "gates.toml", JUNIT_CONFIG);
    write(
        dir,
        "junit.xml",
        &junit(&[
            ("t.A", "old", "fail"),
            ("t.A", "fixed", "error"),
            ("t.A", "ok", "pass"),
            ("t.A", "later", "skip"),
        ]),
    );
    let base = out.join("base.json");
    // Without --baseline the change metrics have no data: ERROR, but the report still lists the
    // failing tests for the next run to compare with.
    let o = gk()
        .arg("check")
        .arg(dir)
        .arg("-o")
        .arg(format!("json={}", base.display()))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    base
}

#[test]
fn new_failure_counted_old_failure_not_fixed_counted() {
    let d = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let base = junit_baseline(d.path(), out.path());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(
        v["gates"][0]["data"]["failing_tests"],
        serde_json::json!([
            {"classname": "t.A", "name": "fixed"},
            {"classname": "t.A", "name": "old"},
        ])
    );

    // Now: `old` still fails (an old failure), `fixed` passes, `later` (skipped before) and
    // `brand_new` (absent before) fail.
    write(
        d.path(),
        "junit.xml",
        &junit(&[
            ("t.A", "old", "fail"),
            ("t.A", "fixed", "pass"),
            ("t.A", "ok", "pass"),
            ("t.A", "later", "fail"),
            ("t.B", "brand_new", "error"),
        ]),
    );
    let b = base.to_str().unwrap();
    let (code, v) = check_json(d.path(), &["--baseline", b]);
    assert_eq!(code, 1, "{v:#}");
    let g = &v["gates"][0];
    assert_eq!(metric(g, "new_failures"), Some(2.0));
    assert_eq!(metric(g, "fixed_failures"), Some(1.0));
    assert_eq!(g["conditions"][0]["status"], "FAIL");
    let state = |needle: &str| {
        g["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["message"].as_str().unwrap().contains(needle))
            .map(|f| f["baseline_state"].clone())
            .unwrap_or_else(|| panic!("no finding for {needle}: {g:#}"))
    };
    assert_eq!(state("t.A::old"), "unchanged");
    assert_eq!(state("t.A::later"), "new");
    assert_eq!(state("t.B::brand_new"), "new");
    let notes = g["notes"].to_string();
    assert!(
        notes.contains("2 new failing tests: t.A::later, t.B::brand_new")
            && notes.contains("1 fixed: t.A::fixed"),
        "{notes}"
    );

    // SARIF carries the same marks.
    let o = gk()
        .arg("check")
        .arg(d.path())
        .args(["--format", "sarif", "--baseline", b])
        .output()
        .unwrap();
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = s["runs"][0]["results"].as_array().unwrap();
    let sarif_state = |needle: &str| {
        results
            .iter()
            .find(|r| r["message"]["text"].as_str().unwrap().contains(needle))
            .map(|r| r["baselineState"].clone())
            .unwrap_or_else(|| panic!("no result for {needle}: {s:#}"))
    };
    assert_eq!(sarif_state("t.A::old"), "unchanged");
    assert_eq!(sarif_state("t.B::brand_new"), "new");
}

#[test]
fn only_old_failures_is_go() {
    let d = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let base = junit_baseline(d.path(), out.path());
    // The old failures still fail (one now errors instead of failing): nothing new.
    write(
        d.path(),
        "junit.xml",
        &junit(&[
            ("t.A", "old", "fail"),
            ("t.A", "fixed", "fail"),
            ("t.A", "ok", "pass"),
        ]),
    );
    let (code, v) = check_json(d.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code, 0, "{v:#}");
    let g = &v["gates"][0];
    assert_eq!(metric(g, "new_failures"), Some(0.0));
    assert_eq!(metric(g, "fixed_failures"), Some(0.0));
    assert_eq!(g["metrics"][2]["name"], "failed");
    assert!(
        g["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["baseline_state"] == "unchanged"),
        "{g:#}"
    );
}

#[test]
fn new_failures_without_baseline_says_baseline_is_needed() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gates.toml", JUNIT_CONFIG);
    write(d.path(), "junit.xml", &junit(&[("t.A", "ok", "pass")]));
    let (code, v) = check_json(d.path(), &[]);
    assert_eq!(code, 1);
    let g = &v["gates"][0];
    assert_eq!(g["status"], "ERROR");
    let c = &g["conditions"][0];
    assert_eq!(c["status"], "ERROR");
    let note = c["note"].as_str().unwrap();
    assert!(
        note.starts_with("`new_failures`: it compares the failing tests with an earlier run's and needs --baseline REPORT"),
        "{note}"
    );
    assert!(g["error"].as_str().unwrap().contains("--baseline"), "{g:#}");
    // Without a baseline the findings carry no mark.
    assert!(g["metrics"].to_string().find("new_failures").is_none());
    // The table says so too.
    let o = gk().arg("check").arg(d.path()).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("--baseline"), "{text}");
}

#[test]
fn a_baseline_without_the_gate_is_an_error_that_says_so() {
    let d = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let base = junit_baseline(d.path(), out.path());
    // The gate was renamed since the baseline: nothing to compare with.
    write(
        d.path(),
        "gates.toml",
        &JUNIT_CONFIG.replace("[gates.tests]", "[gates.unit]"),
    );
    let (code, v) = check_json(d.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code, 1);
    let note = v["gates"][0]["conditions"][0]["note"].as_str().unwrap();
    assert!(
        note.starts_with("`new_failures`: the baseline report has no gate `unit`"),
        "{note}"
    );
}

// ---------- `baseline` thresholds against a report written on the base commit ----------

const RATCHET_CONFIG: &str = r#"[gates.lint]
kind = "command"
run = "cat warnings.txt"
count = 'warning:'
thresholds = ["exit_code == 0", "matches <= baseline"]

[gates.bundle]
kind = "size"
include = ["dist/**"]
thresholds = ["bytes <= baseline + 10%", "files <= baseline"]

[gates.perf]
kind = "perf"
sources = [{ path = "bench/hyperfine.json", name = "cli" }]
thresholds = ["cli.run.mean <= baseline + 5%"]
"#;

fn hyperfine(times: &[f64]) -> String {
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let list = times
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let codes = times.iter().map(|_| "0").collect::<Vec<_>>().join(", ");
    format!(
        "{{\"results\": [{{\"command\": \"run\", \"mean\": {mean}, \"stddev\": 0.001, \"median\": {mean}, \
         \"user\": 0.1, \"system\": 0.01, \"min\": {mean}, \"max\": {mean}, \"times\": [{list}], \
         \"exit_codes\": [{codes}]}}]}}"
    )
}

fn ratchet_repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "gates.toml", RATCHET_CONFIG);
    write(
        r,
        "warnings.txt",
        "warning: unused x\nwarning: unused y\nok\n",
    );
    write(r, "dist/app.js", &"x".repeat(1000));
    write(
        r,
        "bench/hyperfine.json",
        &hyperfine(&[1.00, 1.01, 0.99, 1.00, 1.02, 0.98]),
    );
    git(r, &["init", "-q"]);
    git(r, &["add", "."]);
    git(r, &["commit", "-qm", "base"]);
    d
}

/// The base commit's report, written by gatekeep at the base commit (outside the repo).
fn base_report(r: &Path, out: &Path) -> String {
    let base = out.join("base.json");
    gk().arg("check")
        .arg(r)
        .args(["--format", "json", "-q", "-o"])
        .arg(format!("json={}", base.display()))
        .assert()
        .code(1); // `baseline` targets without --baseline are ERROR
    base.to_string_lossy().into_owned()
}

fn statuses(v: &serde_json::Value) -> Vec<(String, String)> {
    v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            g["conditions"].as_array().unwrap().iter().map(move |c| {
                (
                    format!(
                        "{}: {}",
                        g["id"].as_str().unwrap(),
                        c["expr"].as_str().unwrap()
                    ),
                    c["status"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn baseline_thresholds_hold_against_the_base_commits_report() {
    let d = ratchet_repo();
    let r = d.path();
    let out = tempfile::tempdir().unwrap();
    let base = base_report(r, out.path());
    // A branch that keeps every figure (one warning fixed, the bundle a little bigger, the
    // benchmark within noise): GO.
    git(r, &["checkout", "-qb", "topic"]);
    write(r, "warnings.txt", "warning: unused x\nok\n");
    write(r, "dist/app.js", &"x".repeat(1050));
    write(
        r,
        "bench/hyperfine.json",
        &hyperfine(&[1.01, 1.00, 1.02, 0.99, 1.01, 1.00]),
    );
    git(r, &["commit", "-qam", "small change"]);
    let (code, v) = check_json(r, &["--baseline", &base]);
    assert_eq!(code, 0, "{:?}", statuses(&v));
    assert!(
        statuses(&v).iter().all(|(_, s)| s == "PASS"),
        "{:?}",
        statuses(&v)
    );
    let lint = &v["gates"][0];
    let c = &lint["conditions"][1];
    assert_eq!(
        (c["actual"].as_f64(), c["target"].as_f64()),
        (Some(1.0), Some(2.0))
    );
}

#[test]
fn baseline_thresholds_fail_on_a_regression_since_the_base_commit() {
    let d = ratchet_repo();
    let r = d.path();
    let out = tempfile::tempdir().unwrap();
    let base = base_report(r, out.path());
    git(r, &["checkout", "-qb", "topic"]);
    write(
        r,
        "warnings.txt",
        "warning: unused x\nwarning: unused y\nwarning: unused z\n",
    );
    write(r, "dist/app.js", &"x".repeat(1200));
    write(r, "dist/extra.js", "y");
    write(
        r,
        "bench/hyperfine.json",
        &hyperfine(&[1.30, 1.31, 1.29, 1.30, 1.32, 1.28]),
    );
    git(r, &["add", "."]);
    git(r, &["commit", "-qm", "regressions"]);
    let (code, v) = check_json(r, &["--baseline", &base]);
    assert_eq!(code, 1);
    let st = statuses(&v);
    let want = [
        ("lint: exit_code == 0", "PASS"),
        ("lint: matches <= baseline", "FAIL"),
        ("bundle: bytes <= baseline + 10%", "FAIL"),
        ("bundle: files <= baseline", "FAIL"),
        ("perf: cli.run.mean <= baseline + 5%", "FAIL"),
    ];
    for (expr, status) in want {
        assert!(
            st.iter().any(|(e, s)| e == expr && s == status),
            "{expr} should be {status}: {st:?}"
        );
    }
    // The perf regression is confirmed with the samples both reports carry.
    let perf = &v["gates"][2]["conditions"][0];
    assert!(
        perf["note"]
            .as_str()
            .unwrap_or_default()
            .contains("significant regression"),
        "{perf:#}"
    );
}

#[test]
fn a_merged_matrix_report_is_a_baseline_too() {
    // Two matrix jobs, each with its own failing test; merged into one report.
    let out = tempfile::tempdir().unwrap();
    let mut parts = Vec::new();
    for (job, failing) in [("linux", "only_linux"), ("mac", "only_mac")] {
        let d = tempfile::tempdir().unwrap();
        write(
            d.path(),
            "gates.toml",
            &format!("[project]\nname = \"p\"\n{JUNIT_CONFIG}"),
        );
        write(
            d.path(),
            "junit.xml",
            &junit(&[("t.A", failing, "fail"), ("t.A", "ok", "pass")]),
        );
        let part = out.path().join(format!("part-{job}.json"));
        gk().arg("check")
            .arg(d.path())
            .arg("-q")
            .arg("-o")
            .arg(format!("json={}", part.display()))
            .assert()
            .code(1);
        parts.push(part);
    }
    let merged = out.path().join("merged.json");
    let o = gk()
        .arg("merge")
        .args(&parts)
        .args(["--expect", "2", "--format", "json"])
        .output()
        .unwrap();
    std::fs::write(&merged, &o.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    assert_eq!(
        v["gates"][0]["data"]["failing_tests"]
            .as_array()
            .map(|a| a.len()),
        Some(2),
        "{v:#}"
    );
    // Now only `only_mac` fails, and a new one.
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gates.toml", JUNIT_CONFIG);
    write(
        d.path(),
        "junit.xml",
        &junit(&[
            ("t.A", "only_mac", "fail"),
            ("t.A", "only_linux", "pass"),
            ("t.A", "fresh", "fail"),
        ]),
    );
    let (_, v) = check_json(d.path(), &["--baseline", merged.to_str().unwrap()]);
    let g = &v["gates"][0];
    assert_eq!(metric(g, "new_failures"), Some(1.0), "{g:#}");
    assert_eq!(metric(g, "fixed_failures"), Some(1.0), "{g:#}");
}

#[test]
fn github_annotations_show_the_new_failures_only() {
    let d = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let base = junit_baseline(d.path(), out.path());
    write(
        d.path(),
        "junit.xml",
        &junit(&[("t.A", "old", "fail"), ("t.B", "brand_new", "fail")]),
    );
    let b = base.to_str().unwrap();
    let o = gk()
        .arg("check")
        .arg(d.path())
        .args(["--format", "github", "--baseline", b])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("t.B::brand_new"), "{text}");
    assert!(!text.contains("t.A::old"), "{text}");
    let o = gk()
        .arg("check")
        .arg(d.path())
        .args([
            "--format",
            "github",
            "--annotate-unchanged",
            "--baseline",
            b,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("t.A::old"), "{text}");
}
