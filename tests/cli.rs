//! CLI tests: the real binary on small repos.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn gk() -> Command {
    let mut c = Command::cargo_bin("gatekeep").unwrap();
    c.env_remove("GITHUB_BASE_REF")
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .env("GATEKEEP_TODAY", "2026-01-15");
    c
}

fn repo(config: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("gates.toml"), config).unwrap();
    d
}

const GO: &str = r#"
[project]
name = "demo"

[gates.build]
kind = "command"
run = "echo built"

[gates.tsc]
kind = "command"
run = "printf 'src/a.ts(3,1): error TS2322: nope\n'"
count = 'error TS\d+'
thresholds = ["matches == 0"]
"#;

#[test]
fn version_and_help() {
    gk().arg("--version").assert().success().stdout(
        predicate::str::is_match(
            r"^gatekeep \d+\.\d+\.\d+\ncommit: ([0-9a-f]{7,40}|unknown)\ntarget: \w+-\w+-\w+",
        )
        .unwrap(),
    );
    // The commit is the build's, the target is the triple the binary was compiled for.
    let out = gk().arg("--version").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let target = text.lines().nth(2).unwrap().trim_start_matches("target: ");
    assert!(target.contains(std::env::consts::ARCH), "{text}");
    // `-V` stays one line, for scripts that read the version alone.
    gk().arg("-V")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^gatekeep \d+\.\d+\.\d+\n$").unwrap());
    gk().arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("check"));
}

#[test]
fn go_exits_0() {
    let d = repo("[gates.build]\nkind = \"command\"\nrun = \"true\"\n");
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("GO  "))
        .stdout(predicate::str::contains(
            "│ build ┆ exit_code ┆ 0       ┆ == 0   ┆ PASS",
        ));
}

#[test]
fn no_go_exits_1() {
    let d = repo(GO);
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "NO-GO  demo: 1 of 2 gates passed, 1 failed",
        ))
        .stdout(predicate::str::contains(
            "src/a.ts(3,1): error TS2322: nope",
        ));
}

#[test]
fn go_with_accepted_risks_shows_the_waiver() {
    let d = repo(&format!(
        "{GO}\n[[waivers]]\ngate = \"tsc\"\nmetric = \"matches\"\nreason = \"legacy typings\"\nowner = \"qa-lead\"\nexpires = 2026-02-01\n"
    ));
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("GO WITH ACCEPTED RISKS"))
        .stdout(predicate::str::contains("WAIVED"))
        .stdout(predicate::str::contains("applied  tsc.matches  owner qa-lead, expires 2026-02-01 (17 days left): legacy typings"));
}

#[test]
fn an_expired_waiver_is_no_go_and_shows_the_expiry() {
    let d = repo(&format!(
        "{GO}\n[[waivers]]\ngate = \"tsc\"\nreason = \"legacy typings\"\nowner = \"qa-lead\"\nexpires = 2025-08-15\n"
    ));
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("NO-GO"))
        .stdout(predicate::str::contains(
            "waiver by qa-lead expired on 2025-08-15",
        ))
        .stdout(predicate::str::contains(
            "EXPIRED  tsc  owner qa-lead, expires 2025-08-15 (expired 153 days ago)",
        ));
}

#[test]
fn warning_gates_do_not_block() {
    let d = repo("[gates.lint]\nkind = \"command\"\nrun = \"exit 3\"\nlevel = \"warning\"\n");
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("GO WITH ACCEPTED RISKS"));
}

/// (config, expected `file:line:col: message` prefix) — every config error exits 2.
const CONFIG_ERRORS: &[(&str, &str)] = &[
    (
        "[gates.build]\nkind = \"command\"\nrnu = \"make\"\n",
        "gates.toml:3:1: unknown key `rnu`",
    ),
    (
        "[gates.build]\nkind = \"command\"\nrun = 5\n",
        "gates.toml:3:7: expected a string, found the integer 5",
    ),
    (
        "[gates.build]\nkind = \"comand\"\nrun = \"make\"\n",
        "gates.toml:2:8: unknown gate kind `comand`",
    ),
    (
        "[gates.build]\nkind = \"command\"\nrun = \"make\"\nthresholds = [\"exit == 0\"]\n",
        "gates.toml:4:16: unknown metric `exit`",
    ),
    (
        "[gates.build]\nkind = \"command\"\nrun = \"make\"\nthresholds = [\"duration < 5MB\"]\n",
        "gates.toml:4:16: invalid threshold `duration < 5MB`: `duration` is a time, but the value is a size",
    ),
    (
        "[gates.build]\nkind = \"command\"\nrun = \"make\"\n[[waivers]]\ngate = \"buld\"\nreason = \"r\"\nowner = \"o\"\nexpires = 2026-01-01\n",
        "gates.toml:5:8: waiver for unknown gate `buld`",
    ),
    (
        "[gates.build]\nkind = \"command\"\nrun = \"make\"\n[[waivers]]\ngate = \"build\"\nreason = \"r\"\nowner = \"o\"\nexpires = \"next week\"\n",
        "gates.toml:8:11: invalid date `next week`, expected YYYY-MM-DD",
    ),
    (
        "[gates.build\nkind = \"command\"\n",
        "gates.toml:1:13: invalid TOML",
    ),
];

#[test]
fn every_config_error_exits_2_with_position() {
    for (cfg, expected) in CONFIG_ERRORS {
        let d = repo(cfg);
        let out = gk()
            .arg("check")
            .arg(d.path())
            .current_dir(d.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cfg}");
        let err = String::from_utf8_lossy(&out.stderr);
        let p = d.path().join("gates.toml");
        let got = err.replace(&format!("{}", p.display()), "gates.toml");
        assert!(
            got.starts_with(&format!("error: {expected}")),
            "expected `{expected}`, got:\n{got}"
        );
        assert!(
            out.stdout.is_empty(),
            "nothing on stdout for a config error"
        );
        // `validate` gives the same error.
        let v = gk().arg("validate").arg(d.path()).output().unwrap();
        assert_eq!(v.status.code(), Some(2));
        assert_eq!(String::from_utf8_lossy(&v.stderr), err);
    }
}

#[test]
fn yaml_config_errors_have_positions_too() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("gates.yaml"),
        "gates:\n  build:\n    kind: command\n    run: make\n    levle: warning\n",
    )
    .unwrap();
    let out = gk().arg("validate").arg(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gates.yaml:5:5: unknown key `levle`"), "{err}");
    assert!(err.contains("did you mean `level`?"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let d = repo(GO);
    gk().args(["check", "--gate", "biuld"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `build`?"));
    gk().args(["check", "--profile", "nope"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown profile `nope`"));
    gk().args(["check", "--format", "yaml"])
        .arg(d.path())
        .assert()
        .code(2);
    gk().args(["check", "-o", "json"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FMT=FILE"));
    gk().args(["check", "/definitely/not/here"])
        .assert()
        .code(2);
    gk().args(["explain", "coverge"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `coverage`?"));
}

#[test]
fn gate_selection_marks_the_rest_skipped() {
    let d = repo(GO);
    gk().args(["check", "--gate", "build"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "│ tsc   ┆ —         ┆         ┆        ┆ SKIPPED │",
        ));
}

#[test]
fn json_report_and_atomic_outputs() {
    let d = repo(GO);
    let json = d.path().join("out/report.json");
    let md = d.path().join("out/report.md");
    let out = gk()
        .args(["check", "--format", "json", "-o"])
        .arg(format!("json={}", json.display()))
        .arg("-o")
        .arg(format!("markdown={}", md.display()))
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["verdict"], "NO_GO");
    assert_eq!(v["project"], "demo");
    assert_eq!(v["gates"][1]["id"], "tsc");
    assert_eq!(v["gates"][1]["metrics"][2]["name"], "matches");
    assert_eq!(v["gates"][1]["conditions"][0]["actual"], 1.0);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(file["verdict"], "NO_GO");
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("## ❌ NO-GO — demo")
    );
    let leftovers: Vec<_> = std::fs::read_dir(d.path().join("out"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn baseline_adds_delta_and_ratchets() {
    let d = repo(
        "[gates.t]\nkind = \"command\"\nrun = \"printf 'x\\nx\\n'\"\ncount = 'x'\nthresholds = [\"matches <= baseline\"]\n",
    );
    // Without --baseline, a baseline target cannot be evaluated.
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("needs --baseline"));
    let base = d.path().join("base.json");
    let mut prev: serde_json::Value = serde_json::from_slice(
        &gk()
            .args(["check", "--format", "json"])
            .arg(d.path())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    prev["gates"][0]["metrics"][2]["value"] = serde_json::json!(1.0);
    std::fs::write(&base, serde_json::to_string(&prev).unwrap()).unwrap();
    gk().args(["check", "--baseline"])
        .arg(&base)
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Δ"))
        .stdout(predicate::str::contains("+1"));
    std::fs::write(&base, "{not json").unwrap();
    gk().args(["check", "--baseline"])
        .arg(&base)
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("base.json:1:2"));
}

#[test]
fn a_timed_out_command_leaves_no_process_behind() {
    let d = repo(
        "[gates.hang]\nkind = \"command\"\nrun = \"echo $$ > pid; sleep 60 & echo $! >> pid; sleep 60\"\ntimeout = \"500ms\"\n",
    );
    let start = std::time::Instant::now();
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("timed out"));
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    let pids = std::fs::read_to_string(d.path().join("pid")).unwrap();
    for pid in pids.split_whitespace() {
        // Give the kernel a moment to reap, then check the process is gone (or a zombie).
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
        loop {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let state = stat
                .rsplit_once(") ")
                .map(|x| x.1.chars().next().unwrap_or('Z'))
                .unwrap_or('Z');
            if state == 'Z' {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "process {pid} still alive: {stat}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

#[test]
fn results_keep_config_order_whatever_finishes_first() {
    let mut cfg = String::new();
    for (i, s) in [0.4, 0.0, 0.2, 0.1].iter().enumerate() {
        cfg.push_str(&format!(
            "[gates.g{i}]\nkind = \"command\"\nrun = \"sleep {s}\"\n"
        ));
    }
    let d = repo(&cfg);
    let out = gk()
        .args(["check", "--format", "json", "-j", "4"])
        .arg(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["g0", "g1", "g2", "g3"]);
}

#[test]
fn no_config_uses_defaults_and_says_so() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.txt"), "hello\n").unwrap();
    let out = gk()
        .args(["check", "--format", "json"])
        .arg(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["defaults_used"][0], "security");
    assert!(String::from_utf8_lossy(&out.stderr).contains("using the default gates: security"));
}

#[test]
fn init_writes_a_config_that_validates_and_never_overwrites() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("lib.py"), "def f():\n    pass\n").unwrap();
    gk().arg("init").arg(d.path()).assert().success();
    let text = std::fs::read_to_string(d.path().join("gates.toml")).unwrap();
    assert!(text.contains("[gates.docs]"), "{text}");
    gk().arg("validate")
        .arg(d.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("ok, 2 gates"));
    gk().arg("init")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    gk().args(["init", "--force"])
        .arg(d.path())
        .assert()
        .success();
}

#[test]
fn list_and_explain_read_the_kinds_docs() {
    let d = repo(GO);
    gk().arg("list")
        .arg(d.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "tsc                  command    blocker  matches == 0",
        ))
        .stdout(predicate::str::contains("coverage"))
        .stdout(predicate::str::contains("sarif"));
    gk().args(["explain", "command"])
        .assert()
        .success()
        .stdout(predicate::str::contains("# `command`"))
        .stdout(predicate::str::contains("| `exit_code` |"));
}

#[test]
fn completions() {
    gk().args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("gatekeep"));
}

#[test]
fn color_follows_the_environment() {
    let d = repo("[gates.build]\nkind = \"command\"\nrun = \"true\"\n");
    let plain = gk().arg("check").arg(d.path()).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
    let forced = gk()
        .arg("check")
        .arg(d.path())
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\x1b'));
    let no = gk()
        .arg("check")
        .arg(d.path())
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&no.stdout).contains('\x1b'));
    let always = gk()
        .args(["check", "--color", "always"])
        .arg(d.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&always.stdout).contains('\x1b'));
}

#[test]
fn a_broken_pipe_is_not_an_error() {
    let d = repo("[gates.build]\nkind = \"command\"\nrun = \"true\"\n");
    let bin = assert_cmd::cargo::cargo_bin("gatekeep");
    // gatekeep:ignore[rs-command-shell] a test of a shell pipeline with fixed, quoted paths
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' check '{}' | head -c 1 >/dev/null; echo ${{PIPESTATUS:-0}}",
            bin.display(),
            d.path().display()
        ))
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn relative_paths_resolve_against_the_config_folder() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("ci/sub")).unwrap();
    std::fs::write(
        d.path().join("ci/gates.toml"),
        "[gates.b]\nkind = \"command\"\nrun = \"test -f marker\"\ncwd = \"sub\"\n",
    )
    .unwrap();
    std::fs::write(d.path().join("ci/sub/marker"), "").unwrap();
    gk().arg("check")
        .arg(d.path())
        .arg("-c")
        .arg(d.path().join("ci/gates.toml"))
        .assert()
        .code(0);
    let _ = Path::new(".");
}

#[test]
fn history_records_runs_and_shows_the_trend() {
    let d = repo(
        "[project]\nname = \"h\"\nhistory = \".gatekeep/history.jsonl\"\n[gates.t]\nkind = \"command\"\nrun = \"printf 'x\\n'\"\ncount = 'x'\nthresholds = [\"matches <= 5\"]\n",
    );
    gk().arg("check").arg(d.path()).assert().code(0);
    // A corrupt line is skipped with a warning, never fatal.
    let h = d.path().join(".gatekeep/history.jsonl");
    let mut text = std::fs::read_to_string(&h).unwrap();
    text.push_str("{garbage\n");
    std::fs::write(&h, text).unwrap();
    std::fs::write(
        d.path().join("gates.toml"),
        "[project]\nname = \"h\"\nhistory = \".gatekeep/history.jsonl\"\n[gates.t]\nkind = \"command\"\nrun = \"printf 'x\\nx\\nx\\n'\"\ncount = 'x'\nthresholds = [\"matches <= 5\"]\n",
    )
    .unwrap();
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("skipped a corrupt history line"))
        .stdout(predicate::str::contains("Initial → Current"))
        .stdout(predicate::str::contains("1 → 3"));
    let lines = std::fs::read_to_string(&h).unwrap().lines().count();
    assert_eq!(lines, 3);
    gk().args(["history", "--metric", "matches"])
        .arg(d.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("t.matches  1 → 3  (+2)  ▁█"));
    let out = gk()
        .args(["history", "--format", "json", "--metric", "t.matches"])
        .arg(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["first"], 1.0);
    assert_eq!(v[0]["current"], 3.0);
    gk().args(["history", "--format", "markdown"])
        .arg(d.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "| t.matches | 1 | 1 | 3 | +2 | ▁█ |",
        ));
    gk().args(["history", "--metric", "nope"])
        .arg(d.path())
        .assert()
        .code(2);
}

#[test]
fn release_needs_every_signoff_for_the_current_state() {
    let d = repo(
        "[project]\nname = \"rel\"\n[signoff]\nrequired = [\"qa-lead\", \"tech-lead\"]\n[gates.build]\nkind = \"command\"\nrun = \"test ! -f broken\"\n",
    );
    std::fs::write(d.path().join("app.py"), "print('v1')\n").unwrap();
    // Without --release the block is shown but does not change the verdict.
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Approved by: [Pending] (qa-lead)"));
    gk().args(["check", "--release"])
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "NO-GO  rel: awaiting sign-off: qa-lead, tech-lead;",
        ));
    gk().args([
        "signoff", "--role", "qa-lead", "--name", "Ann Tamm", "--note", "ok",
    ])
    .arg(d.path())
    .assert()
    .code(0);
    gk().args(["signoff", "--role", "qa-lad", "--name", "X"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `qa-lead`?"));
    gk().args(["check", "--release"])
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("awaiting sign-off: tech-lead;"));
    gk().args(["signoff", "--role", "tech-lead", "--name", "Bo"])
        .arg(d.path())
        .assert()
        .code(0);
    gk().args(["check", "--release", "--format", "markdown"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "### Sign-off (release): 2 of 2 roles signed",
        ))
        .stdout(predicate::str::contains(
            "Approved by: Ann Tamm (qa-lead) on",
        ));
    // The code changes: both sign-offs are stale, and say what changed.
    std::fs::write(d.path().join("app.py"), "print('v2')\n").unwrap();
    gk().args(["check", "--release"])
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("STALE: code changed since"));
    // A NO-GO cannot be signed into a GO.
    std::fs::write(d.path().join("broken"), "").unwrap();
    let before = std::fs::read_to_string(d.path().join(".gatekeep/signoffs.toml")).unwrap();
    gk().args(["signoff", "--role", "qa-lead", "--name", "Ann Tamm"])
        .arg(d.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a NO-GO cannot be signed"));
    assert_eq!(
        std::fs::read_to_string(d.path().join(".gatekeep/signoffs.toml")).unwrap(),
        before
    );
}

#[test]
fn release_without_signoff_config_is_a_usage_error() {
    let d = repo("[gates.build]\nkind = \"command\"\nrun = \"true\"\n");
    gk().args(["check", "--release"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("[signoff] required"));
}

#[test]
fn github_actions_annotations_and_step_summary() {
    let d = repo(GO);
    let summary = d.path().join("summary.md");
    std::fs::write(&summary, "# earlier step\n").unwrap();
    let out = gk()
        .arg("check")
        .arg(d.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("::error title=gatekeep%3A NO-GO::"),
        "{err}"
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("NO-GO"),
        "stdout stays the table"
    );
    let s = std::fs::read_to_string(&summary).unwrap();
    assert!(s.starts_with("# earlier step\n## ❌ NO-GO — demo"), "{s}");
    // Disabled.
    std::fs::write(&summary, "").unwrap();
    let out = gk()
        .args(["check", "--no-github"])
        .arg(d.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("::error"));
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), "");
}

#[test]
fn merge_matrix_parts() {
    let linux = repo(
        "[project]\nname = \"m\"\n[gates.build]\nkind = \"command\"\nrun = \"true\"\n[gates.test]\nkind = \"command\"\nrun = \"true\"\n",
    );
    let macos = repo(
        "[project]\nname = \"m\"\n[gates.build]\nkind = \"command\"\nrun = \"exit 3\"\n[gates.test]\nkind = \"command\"\nrun = \"true\"\n",
    );
    let out = tempfile::tempdir().unwrap();
    let p1 = out.path().join("part-linux.json");
    let p2 = out.path().join("part-macos.json");
    gk().args(["check", "-q", "-o"])
        .arg(format!("json={}", p1.display()))
        .arg(linux.path())
        .assert()
        .code(0);
    gk().args(["check", "-q", "-o"])
        .arg(format!("json={}", p2.display()))
        .arg(macos.path())
        .assert()
        .code(1);
    // Conflicting parts: the gate that failed anywhere fails.
    gk().args(["merge", "--expect", "2"])
        .arg(&p1)
        .arg(&p2)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "NO-GO  m: 1 of 2 gates passed, 1 failed",
        ))
        .stdout(predicate::str::contains("decided by part-macos"));
    // Only the passing part, but three expected: a missing part is an ERROR.
    gk().args(["merge", "--expect", "3"])
        .arg(&p1)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "expected 3 parts, got 1 (part-linux)",
        ));
    gk().args(["merge"]).arg(&p1).assert().code(0);
    // Parts from another gatekeep version merge with a warning; another schema is refused.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p2).unwrap()).unwrap();
    v["tool"]["version"] = serde_json::json!("0.0.9");
    std::fs::write(&p2, v.to_string()).unwrap();
    gk().args(["merge"])
        .arg(&p1)
        .arg(&p2)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("different gatekeep versions"));
    v["schema_version"] = serde_json::json!(2);
    std::fs::write(&p2, v.to_string()).unwrap();
    gk().args(["merge"])
        .arg(&p1)
        .arg(&p2)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "schema_version 2 is not supported",
        ));
    std::fs::write(&p2, "{\"truncated\": ").unwrap();
    gk().args(["merge"])
        .arg(&p1)
        .arg(&p2)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("part-macos.json:1:"));
}

#[test]
fn man_page() {
    gk().arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH gatekeep"));
}

#[test]
fn workspace_members_run_together_and_report_each() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    let write = |p: &str, s: &str| {
        let p = r.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, s).unwrap();
    };
    write(
        "gates.toml",
        "[project]\nname = \"mono\"\nexclude = [\"**/generated/**\"]\n[workspace]\nmembers = [\"services/*\", \"packages/*\"]\n\
         [[waivers]]\ngate = \"build\"\nreason = \"known flaky\"\nowner = \"qa\"\nexpires = 2026-06-01\n",
    );
    write(
        "services/api/gates.toml",
        "[gates.build]\nkind = \"command\"\nrun = \"exit 1\"\n[gates.files]\nkind = \"size\"\ninclude = [\"**/*.py\"]\nthresholds = [\"files == 1\"]\n",
    );
    write("services/api/app.py", "x = 1\n");
    write("services/api/generated/gen.py", "y = 2\n");
    write(
        "services/web/gates.toml",
        "[gates.lint]\nkind = \"command\"\nrun = \"true\"\n",
    );
    write(
        "packages/util/gates.toml",
        "[gates.test]\nkind = \"command\"\nrun = \"exit 2\"\n",
    );
    write("packages/nocfg/readme.md", "# no config\n");
    let out = gk()
        .args(["check", "--format", "json"])
        .arg(r)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![
            "packages/util:test",
            "services/api:build",
            "services/api:files",
            "services/web:lint"
        ]
    );
    // The root's waiver is inherited (build is WAIVED), the root's exclude applies in the member.
    assert_eq!(v["gates"][1]["status"], "WAIVED");
    assert_eq!(v["gates"][2]["status"], "PASS", "{}", v["gates"][2]);
    let members: Vec<(&str, &str)> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        members,
        vec![
            ("packages/util", "NO_GO"),
            ("services/api", "GO_WITH_ACCEPTED_RISKS"),
            ("services/web", "GO")
        ]
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("packages/nocfg matches `members` but has no gates.toml")
    );
    // --member narrows the run.
    gk().args(["check", "--member", "web"])
        .arg(r)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("services/web:lint"));
    gk().args(["check", "--member", "wbe"])
        .arg(r)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean"));
    // --changed: only members touched since a git revision.
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(r)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    git(&["-c", "user.email=a@b", "-c", "user.name=a", "add", "-A"]);
    git(&[
        "-c",
        "user.email=a@b",
        "-c",
        "user.name=a",
        "commit",
        "-qm",
        "init",
    ]);
    write("services/web/new.txt", "changed\n");
    let out = gk()
        .args(["check", "--format", "json", "--changed", "--base", "HEAD"])
        .arg(r)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["gates"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["gates"][0]["id"], "services/web:lint");
    gk().args(["check", "--changed"]).arg(r).assert().code(2);
}

#[test]
fn init_on_a_project_of_each_language_validates_and_runs() {
    for (lang, expect) in [
        (
            "typescript",
            &[
                "[gates.build]",
                "[gates.typescript]",
                "count = 'error TS\\d+'",
            ][..],
        ),
        ("python", &["[gates.ruff]", "[gates.docs]"][..]),
        ("go", &["[gates.vet]", "[gates.docs]"][..]),
        ("rust", &["[gates.clippy]", "[gates.docs]"][..]),
    ] {
        let d = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/init")
            .join(lang);
        for e in walkdir::WalkDir::new(&src)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let to = d.path().join(e.path().strip_prefix(&src).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), to).unwrap();
        }
        gk().arg("init").arg(d.path()).assert().success();
        let text = std::fs::read_to_string(d.path().join("gates.toml")).unwrap();
        for e in expect {
            assert!(text.contains(e), "{lang}: `{e}` missing from\n{text}");
        }
        gk().arg("validate").arg(d.path()).assert().success();
        // It runs: a verdict (0 or 1), never a config or usage error.
        let out = gk()
            .args([
                "check", "--format", "json", "--gate", "security", "--gate", "docs",
            ])
            .arg(d.path())
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{lang}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn write_baseline_accepts_current_security_findings() {
    let d = repo("[gates.security]\nbaseline = \".gatekeep/security-baseline.json\"\n");
    std::fs::write(
        d.path().join("app.py"),
        "import os\nimport sys\n\ndef run():\n    return os.system(sys.argv[1])\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.path().join(".gatekeep")).unwrap();
    std::fs::write(
        d.path().join(".gatekeep/security-baseline.json"),
        "{\"version\": 1, \"findings\": []}",
    )
    .unwrap();
    gk().arg("check").arg(d.path()).assert().code(1);
    gk().args(["check", "--write-baseline"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("wrote baseline"));
    // Accepted now; a new finding still counts.
    gk().arg("check").arg(d.path()).assert().code(0);
    std::fs::write(
        d.path().join("more.py"),
        "import os\nimport sys\n\ndef go():\n    os.system(\"ls \" + sys.argv[2])\n",
    )
    .unwrap();
    gk().arg("check").arg(d.path()).assert().code(1);
}

/// The perf significance rule through the real binary: a noisy 3% regression does not fail a
/// `+2%` gate (the note says why), a clean 10% regression does.
#[test]
fn perf_regressions_must_be_significant_to_fail() {
    fn hyperfine(path: &Path, times_ms: &[f64]) {
        let times: Vec<f64> = times_ms.iter().map(|t| t / 1000.0).collect();
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        let doc = serde_json::json!({"results": [{
            "command": "api", "mean": mean, "stddev": 0.0, "median": mean, "user": 0.0, "system": 0.0,
            "min": times.iter().cloned().fold(f64::INFINITY, f64::min),
            "max": times.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
            "times": times, "exit_codes": vec![0; times_ms.len()]
        }]});
        std::fs::write(path, doc.to_string()).unwrap();
    }
    let z = [-1.5, -1.0, -0.5, -0.2, 0.0, 0.2, 0.5, 1.0, 1.5, 0.0];
    let d = repo(
        "[gates.perf]\nsources = [{ path = \"cur.json\", name = \"bench\" }]\nbaseline = \"base.json\"\nthresholds = [\"bench.api.mean <= baseline + 2%\"]\n",
    );
    let base: Vec<f64> = z.iter().map(|z| 100.0 + 10.0 * z).collect();
    hyperfine(&d.path().join("base.json"), &base);
    hyperfine(
        &d.path().join("cur.json"),
        &base.iter().map(|x| x * 1.03).collect::<Vec<_>>(),
    );
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("PASS"))
        .stdout(predicate::str::contains("Welch"));
    let base: Vec<f64> = z.iter().map(|z| 100.0 + 0.5 * z).collect();
    hyperfine(&d.path().join("base.json"), &base);
    hyperfine(
        &d.path().join("cur.json"),
        &z.iter().map(|z| 110.0 + 0.5 * z).collect::<Vec<_>>(),
    );
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL"));
}

#[test]
fn a_missing_or_malformed_report_is_error_and_the_other_gates_still_run() {
    let d = repo(
        "[gates.coverage]\nreports = [\"coverage.xml\"]\n[gates.tests]\nkind = \"junit\"\nreports = [\"junit.xml\"]\n[gates.build]\nkind = \"command\"\nrun = \"true\"\n",
    );
    std::fs::write(
        d.path().join("junit.xml"),
        "<testsuite name=\"s\" tests=\"1\"><testcase classname=\"c\" name=\"a\"/></testsuite>\n",
    )
    .unwrap();
    let report = d.path().join("out/report.json");
    let out = gk()
        .args(["check", "--format", "json", "-o"])
        .arg(format!("json={}", report.display()))
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["gates"][0]["status"], "ERROR");
    assert!(
        v["gates"][0]["error"]
            .as_str()
            .unwrap()
            .contains("coverage.xml"),
        "{}",
        v["gates"][0]["error"]
    );
    assert_eq!(v["gates"][1]["status"], "PASS");
    assert_eq!(v["gates"][2]["status"], "PASS");
    assert!(report.exists(), "the report is still written");
    // A truncated report: ERROR with the file and the parser's position.
    std::fs::write(
        d.path().join("coverage.xml"),
        "<?xml version=\"1.0\"?>\n<coverage line-rate=\"0.5\">\n  <packages>\n",
    )
    .unwrap();
    let out = gk()
        .args(["check", "--format", "json"])
        .arg(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = v["gates"][0]["error"].as_str().unwrap();
    assert!(
        e.contains("coverage.xml:") && e.chars().any(|c| c.is_ascii_digit()),
        "{e}"
    );
    assert_eq!(v["gates"][1]["status"], "PASS");
}

/// A CI matrix whose jobs each cover part of the code: with `merge_data = true` the merged
/// coverage is recomputed from the union of the line data, not taken from the worst part.
#[test]
fn merge_recomputes_coverage_from_line_data() {
    let part = |lines: &str, merge_data: bool| {
        let d = repo(&format!(
            "[project]\nname = \"m\"\n[gates.coverage]\nreports = [\"lcov.info\"]\nthresholds = [\"line >= 80\"]\n{}",
            if merge_data {
                "merge_data = true\n"
            } else {
                ""
            }
        ));
        std::fs::create_dir_all(d.path().join("src")).unwrap();
        std::fs::write(d.path().join("src/app.py"), "a\nb\nc\nd\n").unwrap();
        std::fs::write(
            d.path().join("lcov.info"),
            format!("TN:\nSF:src/app.py\n{lines}end_of_record\n"),
        )
        .unwrap();
        d
    };
    let out = tempfile::tempdir().unwrap();
    let run = |d: &tempfile::TempDir, name: &str| {
        let p = out.path().join(name);
        gk().args(["check", "-q", "-o"])
            .arg(format!("json={}", p.display()))
            .arg(d.path())
            .assert()
            .code(1);
        p
    };
    // linux covers lines 1-2, macos lines 3-4: 50% each, 100% together.
    let linux = part("DA:1,1\nDA:2,3\nDA:3,0\nDA:4,0\n", true);
    let macos = part("DA:1,0\nDA:2,0\nDA:3,2\nDA:4,1\n", true);
    let (p1, p2) = (
        run(&linux, "part-linux.json"),
        run(&macos, "part-macos.json"),
    );
    let o = gk()
        .args(["merge", "--expect", "2", "--format", "json"])
        .arg(&p1)
        .arg(&p2)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let g = &v["gates"][0];
    assert_eq!(g["status"], "PASS");
    let line = g["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "line")
        .unwrap();
    assert_eq!(line["value"], 100.0);
    // `combined` is recomputed too, once (not the parts' 50% beside the merged 100%).
    let combined: Vec<&serde_json::Value> = g["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["name"] == "combined")
        .collect();
    assert_eq!(combined.len(), 1);
    assert_eq!(combined[0]["value"], 100.0);
    assert!(
        g["notes"]
            .to_string()
            .contains("recomputed from the line data of 2 parts")
    );
    // Without line data in every part, the worst part's figure stands, and a note says why.
    let macos = part("DA:1,0\nDA:2,0\nDA:3,2\nDA:4,1\n", false);
    let p2 = run(&macos, "part-macos.json");
    let o = gk()
        .args(["merge", "--format", "json"])
        .arg(&p1)
        .arg(&p2)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["gates"][0]["notes"]
            .to_string()
            .contains("part-macos carries no line data"),
        "{}",
        v["gates"][0]["notes"]
    );
}

/// The coverage gate's default threshold is on `statements` when every report is a Go
/// coverprofile (the figure `go tool cover` prints), on `line` otherwise; a threshold on
/// `statements` with no Go report is an ERROR (no data), never a pass.
#[test]
fn coverage_default_threshold_follows_the_reports() {
    let check = |config: &str, files: &[(&str, &str)]| -> serde_json::Value {
        let d = repo(config);
        for (p, c) in files {
            std::fs::write(d.path().join(p), c).unwrap();
        }
        let p = d.path().join("out.json");
        gk().args(["check", "-q", "-o"])
            .arg(format!("json={}", p.display()))
            .arg(d.path())
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        v["gates"][0].clone()
    };
    let conds = |g: &serde_json::Value| -> Vec<(String, String)> {
        g["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["expr"].as_str().unwrap().to_string(),
                    c["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // 3 blocks: 5 statements, 4 covered (80%); lines 1-2 and 3-9 covered, 10 not: 9 of 10 lines.
    let go = "mode: set\na.go:1.1,2.2 1 1\na.go:3.1,9.2 3 1\na.go:10.1,10.9 1 0\n";
    let g = check(
        "[project]\nname = \"g\"\n[gates.coverage]\nreports = [\"c.out\"]\n",
        &[("c.out", go)],
    );
    assert_eq!(conds(&g), vec![("statements >= 80".into(), "PASS".into())]);
    // The same profile with an LCOV report: `line >= 80` (9 + 0 of 10 + 2 lines: 75%).
    let lcov = "SF:b.c\nDA:1,0\nDA:2,0\nend_of_record\n";
    let g = check(
        "[project]\nname = \"g\"\n[gates.coverage]\nreports = [\"c.out\", \"b.info\"]\n",
        &[("c.out", go), ("b.info", lcov)],
    );
    assert_eq!(conds(&g), vec![("line >= 80".into(), "FAIL".into())]);
    // Configured thresholds win; `statements` on LCOV alone has no data: ERROR.
    let g = check(
        "[project]\nname = \"g\"\n[gates.coverage]\nreports = [\"b.info\"]\nthresholds = [\"statements >= 50\", \"combined >= 0\"]\n",
        &[("b.info", lcov)],
    );
    assert_eq!(
        conds(&g),
        vec![
            ("statements >= 50".into(), "ERROR".into()),
            ("combined >= 0".into(), "PASS".into())
        ]
    );
    assert_eq!(g["status"], "ERROR");
}
