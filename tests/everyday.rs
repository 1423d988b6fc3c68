//! CLI tests for everyday use (issue 21): figures shown as they are, monorepos, merge,
//! gatekeep's own state, docs and help. Each test runs the real binary.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn gk() -> Command {
    let mut c = Command::cargo_bin("gatekeep").unwrap();
    c.env_remove("GITHUB_BASE_REF")
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "200")
        .env("GATEKEEP_TODAY", "2026-01-15");
    c
}

fn repo(config: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("gates.toml"), config).unwrap();
    d
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The exit code and stdout of a run.
fn run(c: &mut Command) -> (i32, String) {
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
    )
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.output().unwrap().stdout).unwrap()
}

/// An LCOV tracefile (the format `lcov --capture` and `cargo llvm-cov --lcov` write) of one
/// source file with `total` lines, the first `hit` of them executed.
fn lcov(hit: usize, total: usize) -> String {
    let mut s = String::from("TN:\nSF:src/lib.rs\n");
    for i in 1..=total {
        s.push_str(&format!("DA:{i},{}\n", usize::from(i <= hit)));
    }
    s.push_str(&format!("LF:{total}\nLH:{hit}\nend_of_record\n"));
    s
}

// ── 11: rounding never makes a FAIL look like a pass ─────────────────────────────────────────

#[test]
fn a_fail_is_never_shown_rounded_onto_the_threshold() {
    let d = repo(
        "[gates.cov]\nkind = \"coverage\"\nreports = [\"lcov.info\"]\nthresholds = [\"line >= 95%\"]\n",
    );
    write(d.path(), "lcov.info", &lcov(1899, 2000));
    let out = stdout(gk().arg("check").arg(d.path()));
    assert!(out.contains("94.95% (1899/2000)"), "{out}");
    assert!(out.contains("FAIL"), "{out}");
    assert!(!out.contains(" 95% (1899/2000)"), "{out}");
    // Markdown shows the same figure.
    let md = stdout(gk().args(["check", "--format", "markdown"]).arg(d.path()));
    assert!(md.contains("94.95% (1899/2000)"), "{md}");
}

// ── 12: the Target column keeps the user's units ─────────────────────────────────────────────

#[test]
fn targets_are_shown_as_the_user_wrote_them() {
    let d = repo(
        "[gates.pkg]\nkind = \"size\"\ninclude = [\"dist/**\"]\nthresholds = [\"bytes < 15MB\", \"largest <=   30KiB\"]\n\n\
         [gates.cov]\nkind = \"coverage\"\nreports = [\"missing.info\"]\nthresholds = [\"line >= 80%\"]\n\n\
         [gates.t]\nkind = \"command\"\nrun = \"true\"\nthresholds = [\"exit_code == 0\", \"duration < 500ms\"]\n",
    );
    write(d.path(), "dist/app.js", &"x".repeat(2000));
    let out = stdout(gk().arg("check").arg(d.path()));
    for t in ["< 15MB", "≤ 30KiB", "≥ 80%", "< 500ms"] {
        assert!(out.contains(t), "`{t}` missing:\n{out}");
    }
    for t in ["15000000", "30.7 KB", "≥ 80 ", "< 0.5"] {
        assert!(!out.contains(t), "`{t}` shown:\n{out}");
    }
}

// ── 13: a change of a percentage is in percentage points ─────────────────────────────────────

#[test]
fn delta_of_a_percentage_is_in_percentage_points() {
    let d = repo(
        "[gates.cov]\nkind = \"coverage\"\nreports = [\"lcov.info\"]\nthresholds = [\"line >= 50%\"]\n",
    );
    write(d.path(), "lcov.info", &lcov(738, 1000));
    let mut prev: serde_json::Value = serde_json::from_str(&stdout(
        gk().args(["check", "--format", "json"]).arg(d.path()),
    ))
    .unwrap();
    for m in prev["gates"][0]["metrics"].as_array_mut().unwrap() {
        if m["name"] == "line" {
            m["value"] = serde_json::json!(80.0);
        }
    }
    let base = d.path().join("base.json");
    std::fs::write(&base, serde_json::to_string(&prev).unwrap()).unwrap();
    let out = stdout(gk().args(["check", "--baseline"]).arg(&base).arg(d.path()));
    assert!(out.contains("-6.2 pp"), "{out}");
    assert!(!out.contains("-6.2%"), "{out}");
}

// ── 14: a JUnit report in which every test is skipped is no data ─────────────────────────────

fn fixture(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

#[test]
fn junit_with_every_test_skipped_is_error_by_default() {
    let d = repo("[gates.tests]\nkind = \"junit\"\nreports = [\"junit.xml\"]\n");
    std::fs::copy(
        fixture("junit-all-skipped/junit.xml"),
        d.path().join("junit.xml"),
    )
    .unwrap();
    let (code, out) = run(gk().arg("check").arg(d.path()));
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("NO-GO"), "{out}");
    assert!(out.contains("executed"), "{out}");
    assert!(out.contains("> 0"), "{out}");
    assert!(out.contains("ERROR"), "{out}");
    assert!(out.contains("all 3 test cases were skipped"), "{out}");
    // With a test that ran, `executed` counts it and the gate passes.
    let one_ran = std::fs::read_to_string(fixture("junit-all-skipped/junit.xml"))
        .unwrap()
        .replacen(
            "<skipped type=\"pytest.skip\" message=\"needs a database\">/tmp/ev/pyskip/tests/test_db.py:4: needs a database</skipped>",
            "",
            1,
        );
    std::fs::write(d.path().join("junit.xml"), one_ran).unwrap();
    let (code, out) = run(gk().arg("check").arg(d.path()));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("executed"), "{out}");
}

// ── 10: gatekeep's own state is never an input to a gate ─────────────────────────────────────

/// `security.files` of a JSON report.
fn scanned_files(json: &str) -> f64 {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let g = v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "security")
        .unwrap();
    g["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "files")
        .unwrap()["value"]
        .as_f64()
        .unwrap()
}

#[test]
fn the_security_gate_never_reads_gatekeeps_own_state() {
    for history in [".gatekeep/history.jsonl", "ci/history.jsonl"] {
        let d = repo(&format!(
            "[project]\nname = \"state\"\nhistory = \"{history}\"\n[signoff]\nrequired = [\"qa-lead\"]\n\
             [gates.security]\nkind = \"security\"\n"
        ));
        write(d.path(), "app.py", "print('hello')\n");
        let first = stdout(gk().args(["check", "--format", "json"]).arg(d.path()));
        let files = scanned_files(&first);
        // A sign-off note that holds a token: the run stays GO and the sign-off stays valid.
        gk().args([
            "signoff",
            "--role",
            "qa-lead",
            "--name",
            "Ann",
            "--note",
            // A GitHub token shape, built at run time so that this file holds none.
            &format!(
                "rotated {}",
                ["ghp", "8fK2mQ9xLw3RtZ7vB1nY5cJ0hD4sE6aP2uXk"].join("_")
            ),
        ])
        .arg(d.path())
        .assert()
        .code(0);
        let (code, out) = run(gk().args(["check", "--release"]).arg(d.path()));
        assert_eq!(code, 0, "{history}:\n{out}");
        assert!(!out.contains("STALE"), "{history}:\n{out}");
        // The history grows with every run; the figures do not move.
        for _ in 0..2 {
            let again = stdout(gk().args(["check", "--format", "json"]).arg(d.path()));
            assert_eq!(scanned_files(&again), files, "{history}:\n{again}");
        }
        assert!(d.path().join(history).is_file(), "{history}");
    }
}

// ── 5, 6, 7: monorepos ────────────────────────────────────────────────────────────────────────

/// A workspace: `services/api` (a failing size gate with findings), `services/web` (a symbolic
/// link to `shared/web`, outside the member globs), and a README at the root.
fn monorepo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "gates.toml",
        "[project]\nname = \"mono\"\n[workspace]\nmembers = [\"services/*\"]\n",
    );
    write(
        r,
        "services/api/gates.toml",
        "[gates.py]\nkind = \"size\"\ninclude = [\"**/*.py\"]\nthresholds = [\"bytes < 1B\"]\n",
    );
    write(r, "services/api/src/app.py", "x = 1\n");
    write(
        r,
        "shared/web/gates.toml",
        "[gates.lint]\nkind = \"command\"\nrun = \"test -f index.js\"\n",
    );
    write(r, "shared/web/index.js", "console.log(1)\n");
    std::os::unix::fs::symlink("../shared/web", r.join("services/web")).unwrap();
    write(r, "README.md", "# mono\n");
    d
}

#[test]
fn workspace_finding_paths_are_repo_relative_in_every_format() {
    let d = monorepo();
    let path = "services/api/src/app.py";
    let json = stdout(gk().args(["check", "--format", "json"]).arg(d.path()));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let api = v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "services/api:py")
        .unwrap();
    assert_eq!(api["findings"][0]["path"], path, "{json}");
    let table = stdout(gk().arg("check").arg(d.path()));
    assert!(table.contains(path), "{table}");
    let sarif = stdout(gk().args(["check", "--format", "sarif"]).arg(d.path()));
    assert!(sarif.contains(&format!("\"uri\": \"{path}\"")), "{sarif}");
    let cc = stdout(
        gk().args(["check", "--format", "codeclimate"])
            .arg(d.path()),
    );
    assert!(cc.contains(&format!("\"path\": \"{path}\"")), "{cc}");
    let gh = stdout(gk().args(["check", "--format", "github"]).arg(d.path()));
    assert!(gh.contains(&format!("file={path}")), "{gh}");
    let md = stdout(gk().args(["check", "--format", "markdown"]).arg(d.path()));
    assert!(md.contains(path), "{md}");
    for text in [&json, &table, &sarif, &cc, &gh, &md] {
        assert!(!text.contains("\"src/app.py\""), "{text}");
        assert!(!text.contains("file=src/app.py"), "{text}");
    }
}

#[test]
fn symlinked_workspace_members_are_found() {
    let d = monorepo();
    let json = stdout(gk().args(["check", "--format", "json"]).arg(d.path()));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["services/api:py", "services/web:lint"], "{json}");
    let web = &v["gates"][1];
    assert_eq!(web["status"], "PASS", "{web}");
    gk().args(["check", "--member", "web"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("services/web:lint"));
}

fn git(root: &Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .args(["-c", "user.email=a@b", "-c", "user.name=a"])
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_change_that_touches_no_member_is_not_a_failure() {
    let d = monorepo();
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "init"]);
    write(d.path(), "README.md", "# mono, documented\n");
    gk().args(["check", "--changed", "--base", "HEAD"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "no workspace member was touched since HEAD: nothing to check",
        ));
    // A machine format keeps stdout clean and says it on stderr.
    gk().args(["check", "--format", "json", "--changed", "--base", "HEAD"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("nothing to check"));
    // A change in a member runs that member.
    write(d.path(), "services/api/src/app.py", "x = 2\n");
    gk().args(["check", "--changed", "--base", "HEAD"])
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("services/api:py"));
    // Without --base, a GitHub pull request's base is found (`origin/$GITHUB_BASE_REF`), and a
    // rename moves the member's file: both sides count as touched.
    git(
        d.path(),
        &["update-ref", "refs/remotes/origin/main", "HEAD"],
    );
    git(d.path(), &["checkout", "-q", "--", "."]);
    git(
        d.path(),
        &["mv", "services/api/src/app.py", "services/api/src/main.py"],
    );
    git(d.path(), &["commit", "-qm", "rename"]);
    gk().args(["check", "--changed"])
        .arg(d.path())
        .env("GITHUB_BASE_REF", "main")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("services/api:py"))
        .stdout(predicate::str::contains("base: origin/main at "))
        .stdout(predicate::str::contains(
            "(the pull request's base, GITHUB_BASE_REF)",
        ));
    // Without a base anywhere, --changed says what to do.
    gk().args(["check", "--changed"])
        .arg(d.path())
        .env_remove("GITHUB_BASE_REF")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --base REV"));
}

#[test]
fn member_and_changed_outside_a_workspace_are_usage_errors() {
    let d = repo("[gates.build]\nkind = \"command\"\nrun = \"true\"\n");
    gk().args(["check", "--member", "api"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--member needs a workspace"));
    gk().args(["check", "--changed", "--base", "HEAD"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no `[workspace]` table"));
}

// ── 8: merge ─────────────────────────────────────────────────────────────────────────────────

/// A JSON part: a coverage run of `hit` of 1000 lines in project `project`.
fn coverage_part(dir: &Path, name: &str, project: &str, hit: usize) -> std::path::PathBuf {
    let d = repo(&format!(
        "[project]\nname = \"{project}\"\n[gates.cov]\nkind = \"coverage\"\nreports = [\"lcov.info\"]\nthresholds = [\"line >= 80%\"]\n"
    ));
    write(d.path(), "lcov.info", &lcov(hit, 1000));
    let p = dir.join(format!("{name}.json"));
    gk().args(["check", "-q", "-o"])
        .arg(format!("json={}", p.display()))
        .arg(d.path())
        .assert()
        .code(0);
    p
}

fn merged_line(parts: &[&Path]) -> f64 {
    let out = stdout(gk().args(["merge", "--format", "json"]).args(parts));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["gates"][0]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "line")
        .unwrap()["value"]
        .as_f64()
        .unwrap()
}

#[test]
fn merge_takes_the_worst_part_whatever_the_order() {
    let out = tempfile::tempdir().unwrap();
    let low = coverage_part(out.path(), "low", "m", 803);
    let high = coverage_part(out.path(), "high", "m", 865);
    assert_eq!(merged_line(&[&low, &high]), 80.3);
    assert_eq!(merged_line(&[&high, &low]), 80.3);
    let a = stdout(gk().args(["merge"]).arg(&low).arg(&high));
    let b = stdout(gk().args(["merge"]).arg(&high).arg(&low));
    assert_eq!(a, b);
}

#[test]
fn merge_refuses_a_part_given_twice_and_parts_of_other_projects() {
    let out = tempfile::tempdir().unwrap();
    let low = coverage_part(out.path(), "low", "m", 803);
    let copy = out.path().join("low-again.json");
    std::fs::copy(&low, &copy).unwrap();
    gk().arg("merge")
        .arg(&low)
        .arg(&copy)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("are the same report"));
    let other = coverage_part(out.path(), "other", "another-project", 900);
    gk().arg("merge")
        .arg(&low)
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the parts are of different projects",
        ))
        .stderr(predicate::str::contains("is `another-project`"));
}

// ── 9: CodeClimate issues of failed conditions point at the threshold ─────────────────────────

fn codeclimate_locations(c: &mut Command) -> Vec<(String, String, u64)> {
    let out = stdout(c.args(["--format", "codeclimate"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["check_name"].as_str().unwrap().to_string(),
                i["location"]["path"].as_str().unwrap().to_string(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn codeclimate_points_at_the_real_config_and_the_thresholds_line() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "ci/gates.toml",
        "[project]\nname = \"cc\"\n\n[gates.build]\nkind = \"command\"\nrun = \"exit 3\"\n\n\
         [gates.pkg]\nkind = \"size\"\ninclude = [\"dist/**\"]\nthresholds = [\n  \"files >= 1\",\n  \"bytes < 10B\",\n]\n",
    );
    write(d.path(), "dist/app.js", &"x".repeat(100));
    let locs = codeclimate_locations(
        gk().arg("check")
            .arg("-c")
            .arg(d.path().join("ci/gates.toml"))
            .arg(d.path()),
    );
    // `bytes < 10B` is on line 13; the command's default `exit_code == 0` takes the gate's line 4.
    assert!(
        locs.contains(&("gatekeep/pkg/bytes".into(), "ci/gates.toml".into(), 13)),
        "{locs:?}"
    );
    assert!(
        locs.contains(&("gatekeep/build/exit_code".into(), "ci/gates.toml".into(), 4)),
        "{locs:?}"
    );
    assert!(locs.iter().all(|l| l.1 != "gates.toml"), "{locs:?}");
}

#[test]
fn codeclimate_without_a_config_points_at_the_repository() {
    // No config: the built-in default gates. A Python project without tests fails docs or
    // security; whatever fails points at `.`, not at a `gates.toml` that does not exist.
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "app.py", "import os\nos.system(input())\n");
    let locs = codeclimate_locations(gk().arg("check").arg(d.path()));
    let conditions: Vec<_> = locs.iter().filter(|l| !l.1.ends_with(".py")).collect();
    assert!(!conditions.is_empty(), "{locs:?}");
    assert!(conditions.iter().all(|l| l.1 == "."), "{locs:?}");
}

// ── 15: finding counts are the true counts ───────────────────────────────────────────────────

#[test]
fn finding_counts_state_the_true_count_and_how_many_are_shown() {
    let d = repo(
        "[gates.mypy]\nkind = \"command\"\nrun = \"for i in $(seq 1 1398); do echo \\\"src/m.py:$i: error: bad\\\"; done\"\n\
         count = 'error:'\nthresholds = [\"matches == 0\"]\n\n\
         [gates.docs]\nkind = \"docs\"\nmax_findings = 25\nthresholds = [\"coverage >= 90%\"]\n",
    );
    let mut py = String::new();
    for i in 0..40 {
        py.push_str(&format!("def f{i}():\n    return {i}\n\n"));
    }
    write(d.path(), "pkg/mod.py", &py);
    let out = stdout(gk().arg("check").arg(d.path()));
    assert!(out.contains("mypy — 1,398 findings, showing 10:"), "{out}");
    let json = stdout(gk().args(["check", "--format", "json"]).arg(d.path()));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let docs = v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "docs")
        .unwrap();
    let metric = |n: &str| {
        docs["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == n)
            .unwrap()["value"]
            .as_f64()
            .unwrap() as u64
    };
    // One finding per undocumented item and per missing required file.
    let undocumented = metric("items") - metric("documented") + metric("missing_files");
    let listed = docs["findings"].as_array().unwrap().len() as u64;
    let total = listed + docs["findings_not_listed"].as_u64().unwrap_or(0);
    assert!(undocumented > 25, "{docs}");
    assert_eq!(total, undocumented, "{docs}");
    assert!(
        out.contains(&format!("docs — {undocumented} findings, showing 10:")),
        "{out}"
    );
    let md = stdout(gk().args(["check", "--format", "markdown"]).arg(d.path()));
    assert!(md.contains("1,398 findings, showing 20"), "{md}");
}

// ── 16: the table fits the terminal ──────────────────────────────────────────────────────────

#[test]
fn the_table_honours_the_terminal_width() {
    let d = repo(
        "[gates.a_rather_long_gate_name_for_a_command]\nkind = \"command\"\nrun = \"true\"\n\
         thresholds = [\"exit_code == 0\", \"duration < 500ms\"]\n",
    );
    let out = stdout(gk().env("COLUMNS", "50").arg("check").arg(d.path()));
    let table: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
        .collect();
    assert!(!table.is_empty(), "{out}");
    for l in &table {
        assert!(
            l.chars().count() <= 50,
            "{} columns:\n{out}",
            l.chars().count()
        );
    }
    // Wide enough: one line per row, nothing wrapped.
    let wide = stdout(gk().env("COLUMNS", "200").arg("check").arg(d.path()));
    assert!(
        wide.contains("a_rather_long_gate_name_for_a_command ┆ exit_code"),
        "{wide}"
    );
}

// ── 17: gates.toml and gates.yaml side by side ────────────────────────────────────────────────

#[test]
fn two_configs_in_one_folder_are_refused() {
    let d = repo("[gates.build]\nkind = \"command\"\nrun = \"true\"\n");
    write(
        d.path(),
        "gates.yaml",
        "gates:\n  build:\n    kind: command\n    run: \"false\"\n",
    );
    for cmd in ["check", "validate", "list"] {
        gk().arg(cmd)
            .arg(d.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "has `gates.toml` and `gates.yaml`",
            ))
            .stderr(predicate::str::contains("-c FILE"));
    }
    // Naming one is fine.
    gk().arg("check")
        .arg("-c")
        .arg(d.path().join("gates.toml"))
        .arg(d.path())
        .assert()
        .code(0);
    // `init --force` does not write a second config beside a YAML one.
    std::fs::remove_file(d.path().join("gates.toml")).unwrap();
    gk().args(["init", "--force"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gates.yaml already exists"));
    assert!(!d.path().join("gates.toml").exists());
}

// ── 21: messages that say what is true ───────────────────────────────────────────────────────

#[test]
fn messages_say_what_is_true() {
    // `thresholds = []` on a kind with defaults: name the defaults.
    let d = repo("[gates.cov]\nkind = \"coverage\"\nreports = [\"lcov.info\"]\nthresholds = []\n");
    let e = gk()
        .arg("validate")
        .arg(d.path())
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let e = String::from_utf8(e).unwrap();
    assert!(e.contains("`thresholds = []`, which checks nothing"), "{e}");
    assert!(
        e.contains("kind `coverage`'s defaults (`line >= 80`)"),
        "{e}"
    );
    assert!(!e.contains("has no defaults"), "{e}");
    // A bad duration lists time units only.
    let d = repo("[gates.b]\nkind = \"command\"\nrun = \"true\"\ntimeout = \"5 sec\"\n");
    let e = gk()
        .arg("validate")
        .arg(d.path())
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let e = String::from_utf8(e).unwrap();
    assert!(e.contains("invalid duration `5 sec`"), "{e}");
    assert!(e.contains("e.g. `30s`"), "{e}");
    assert!(!e.contains('%') && !e.contains("KiB"), "{e}");
    // A missing perf metric suggests across the naming schemes of `run` and file sources.
    let d = repo(
        "[gates.perf]\nkind = \"perf\"\nsources = [{ name = \"import\", run = \"true\", runs = 2, warmup = 0 }]\n\
         thresholds = [\"import.mean < 10s\"]\n",
    );
    let (code, out) = run(gk().arg("check").arg(d.path()));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("(did you mean `import.wall.mean`?)"), "{out}");
}

// ── 4: gatekeep's own gates: tests and coverage under `--profile ci` ─────────────────────────

#[test]
fn own_config_runs_tests_and_coverage_only_under_the_ci_profile() {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("gates.toml");
    let text = std::fs::read_to_string(&own).unwrap();
    gk().arg("validate")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(0);
    let list = stdout(gk().arg("list").arg(env!("CARGO_MANIFEST_DIR")));
    for g in ["tests", "coverage"] {
        let line = list
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{g} ")))
            .unwrap_or_else(|| panic!("no `{g}` gate:\n{list}"));
        assert!(line.contains("(only with --profile ci)"), "{line}");
    }
    // The same gates over a folder with reports: skipped by default, run under `ci`.
    let d = repo(&text);
    std::fs::create_dir_all(d.path().join("target/gatekeep")).unwrap();
    std::fs::copy(
        fixture("junit-all-skipped/junit.xml"),
        d.path().join("target/gatekeep/junit.xml"),
    )
    .unwrap();
    write(d.path(), "target/gatekeep/lcov.info", &lcov(9, 10));
    let args = ["--gate", "tests", "--gate", "coverage", "--format", "json"];
    gk().arg("check")
        .args(args)
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "these run only under a profile: tests (--profile ci), coverage (--profile ci)",
        ));
    // In a default run they are SKIPPED.
    let json = stdout(
        gk().args(["check", "--gate", "security", "--format", "json"])
            .arg(d.path()),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for g in v["gates"].as_array().unwrap() {
        if g["id"] == "tests" || g["id"] == "coverage" {
            assert_eq!(g["status"], "SKIPPED", "{g}");
        }
    }
    let json = stdout(
        gk().args(["check", "--profile", "ci"])
            .args(args)
            .arg(d.path()),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let status = |id: &str| {
        v["gates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("coverage"), "PASS", "{json}");
    // Every test skipped: ERROR under `ci` (item 14), never a pass.
    assert_eq!(status("tests"), "ERROR", "{json}");
}

// ── 3: the README says what a newcomer needs ─────────────────────────────────────────────────

#[test]
fn readme_states_the_rust_version_install_and_build_time() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let cargo = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let msrv = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .unwrap()
        .trim_matches('"');
    assert!(
        readme.contains(&format!("Rust {msrv} or newer")),
        "MSRV {msrv}"
    );
    assert!(cargo.contains("edition = \"2024\"") && readme.contains("edition 2024"));
    assert!(readme.contains("cargo install --locked --path ."));
    assert!(readme.contains("on a 2-core machine"));
}

// ── 19: `gatekeep explain ID` for every finding id ───────────────────────────────────────────

#[test]
fn explain_knows_every_finding_id_it_prints() {
    for (id, says) in [
        ("xml/amp", "&amp;"),
        ("xml/xxe", "never fetches"),
        ("coverage/low-file", "lowest line coverage"),
        ("coverage/headline-mismatch", "records"),
        ("junit/failed", "<failure>"),
        ("docs/undocumented", "doc comment"),
        ("command/match", "count"),
        ("size/largest", "largest"),
        ("perf/run-failed", "exit_code"),
        ("security/py-eval", "eval"),
        ("gatekeep/signoff", "gatekeep signoff"),
    ] {
        gk().args(["explain", id])
            .assert()
            .code(0)
            .stdout(
                predicate::str::contains(format!("`{id}`")).or(predicate::str::contains("py-eval")),
            )
            .stdout(predicate::str::contains(says));
    }
    // A kind's page lists its finding ids.
    gk().args(["explain", "coverage"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("| `coverage/low-file` |"));
    gk().args(["explain", "xml/ampp"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `xml/amp`?"));
}

// ── 20: a man page per command; completion of explain topics ─────────────────────────────────

#[test]
fn man_pages_per_command_with_exit_codes_and_environment() {
    for cmd in ["check", "merge", "init", "explain"] {
        let page = stdout(gk().args(["man", cmd]));
        assert!(page.contains(&format!(".TH gatekeep-{cmd} 1")), "{page}");
        assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
        assert!(page.contains(".SH \"ENVIRONMENT\""), "{page}");
        for var in ["NO_COLOR", "CLICOLOR_FORCE", "COLUMNS", "GITHUB_ACTIONS"] {
            assert!(page.contains(var), "{cmd}: {var}");
        }
    }
    let top = stdout(gk().arg("man"));
    assert!(top.contains(".TH gatekeep 1") && top.contains("gatekeep man check"));
    gk().args(["man", "chek"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `check`?"));
}

#[test]
fn bash_completion_offers_kinds_and_ids_for_explain() {
    let script = stdout(gk().args(["completions", "bash"]));
    let explain = script
        .split("gatekeep__subcmd__explain)")
        .nth(1)
        .and_then(|s| s.lines().find(|l| l.trim_start().starts_with("opts=")))
        .unwrap();
    for word in [
        "coverage",
        "junit",
        "xml/amp",
        "coverage/low-file",
        "py-eval",
    ] {
        assert!(
            explain.split(['"', ' ']).any(|w| w == word),
            "{word} not offered: {explain}"
        );
    }
    // Completion lists them, parsing does not restrict them: an unknown topic gets a hint.
    gk().args(["explain", "coverag"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `coverage`?"));
}

// ── 22: `init` writes what runs ──────────────────────────────────────────────────────────────

fn init(dir: &Path, path_var: Option<&str>) -> (i32, String) {
    let mut c = gk();
    if let Some(p) = path_var {
        c.env("PATH", p);
    }
    let o = c.arg("init").arg(dir).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn init_uses_locked_only_with_a_cargo_lock() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "Cargo.toml",
        "[package]\nname = \"x\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    );
    write(d.path(), "src/lib.rs", "//! x\n");
    assert_eq!(init(d.path(), None).0, 0);
    let text = std::fs::read_to_string(d.path().join("gates.toml")).unwrap();
    assert!(
        text.contains("cargo clippy --all-targets -- -D warnings"),
        "{text}"
    );
    assert!(!text.contains("--locked"), "{text}");
    write(d.path(), "Cargo.lock", "version = 4\n");
    gk().args(["init", "--force"])
        .arg(d.path())
        .assert()
        .code(0);
    let text = std::fs::read_to_string(d.path().join("gates.toml")).unwrap();
    assert!(
        text.contains("cargo clippy --all-targets --locked -- -D warnings"),
        "{text}"
    );
}

#[test]
fn init_comments_out_gates_whose_tools_are_not_installed() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "pyproject.toml",
        "[project]\nname = \"p\"\n\n[tool.ruff]\nline-length = 100\n\n[tool.mypy]\nstrict = true\n",
    );
    write(d.path(), "p/__init__.py", "\"\"\"p.\"\"\"\n");
    // A PATH with the shell and core tools, but neither ruff nor mypy.
    let bin = tempfile::tempdir().unwrap();
    for tool in ["sh", "cat", "true", "git"] {
        if let Ok(p) = which(tool) {
            std::os::unix::fs::symlink(p, bin.path().join(tool)).unwrap();
        }
    }
    let (code, err) = init(d.path(), Some(bin.path().to_str().unwrap()));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(d.path().join("gates.toml")).unwrap();
    for tool in ["ruff", "mypy"] {
        assert!(
            text.contains(&format!(
                "# Needs `{tool}`, which is not installed here (pip install {tool})"
            )),
            "{text}"
        );
        assert!(text.contains(&format!("# [gates.{tool}]")), "{text}");
        assert!(!text.contains(&format!("\n[gates.{tool}]")), "{text}");
        assert!(err.contains(&format!("Needs `{tool}`")), "{err}");
    }
    // What init wrote runs: no gate fails for a missing program.
    let out = stdout(gk().arg("check").arg(d.path()));
    assert!(!out.contains("command not found"), "{out}");
}

fn which(tool: &str) -> Result<std::path::PathBuf, ()> {
    std::env::split_paths(&std::env::var_os("PATH").ok_or(())?)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
        .ok_or(())
}

#[test]
fn init_writes_a_workspace_for_a_monorepo() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "package.json",
        "{\"name\": \"mono\", \"private\": true, \"workspaces\": [\"packages/*\"]}\n",
    );
    for p in ["a", "b"] {
        write(
            d.path(),
            &format!("packages/{p}/package.json"),
            &format!("{{\"name\": \"{p}\", \"version\": \"1.0.0\"}}\n"),
        );
        write(
            d.path(),
            &format!("packages/{p}/index.js"),
            "/** Adds. */\nexport function add(a, b) { return a + b; }\n",
        );
    }
    let (code, err) = init(d.path(), None);
    assert_eq!(code, 0, "{err}");
    let root = std::fs::read_to_string(d.path().join("gates.toml")).unwrap();
    assert!(
        root.contains("[workspace]\nmembers = [\"packages/*\"]"),
        "{root}"
    );
    assert!(root.contains("package.json `workspaces`"), "{root}");
    for p in ["a", "b"] {
        assert!(d.path().join(format!("packages/{p}/gates.toml")).is_file());
    }
    let (code, out) = run(gk().arg("check").arg(d.path()));
    assert!(code == 0 || code == 1, "{out}");
    assert!(
        out.contains("packages/a") && out.contains("packages/b"),
        "{out}"
    );
}
