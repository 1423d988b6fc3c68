//! The seed scenario (`fixtures/demo`): the classic pre-release report computed from real
//! inputs. Plain `check` is NO-GO; `--profile fast-track` with its waivers is GO WITH ACCEPTED
//! RISKS; once the waivers expire it is NO-GO again.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

/// A copy of the demo in a temporary folder (so its absolute report paths must be mapped).
fn demo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    for e in walkdir::WalkDir::new(&src)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let rel = e.path().strip_prefix(&src).unwrap();
        if rel.components().any(|c| c.as_os_str() == "__pycache__") {
            continue;
        }
        let to = d.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(e.path(), to).unwrap();
    }
    d
}

fn gk(today: &str) -> Command {
    let mut c = Command::cargo_bin("gatekeep").unwrap();
    c.env("GATEKEEP_TODAY", today)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    c
}

#[test]
fn plain_check_is_no_go_with_the_seed_figures() {
    let d = demo();
    let out = gk("2026-11-21")
        .args(["check", "--format", "json"])
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "NO_GO");
    let gate = |id: &str| {
        v["gates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .unwrap()
            .clone()
    };
    let metric = |id: &str, m: &str| {
        gate(id)["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == m)
            .unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    // XML: 2 errors (< 5): PASS.
    assert_eq!(gate("xml")["status"], "PASS");
    assert_eq!(metric("xml", "errors"), 2.0);
    // Coverage: 29 of 90 lines, as coverage.py reports (32.2%): FAIL against 85%.
    assert_eq!(gate("coverage")["status"], "FAIL");
    assert_eq!(metric("coverage", "lines_covered"), 29.0);
    assert_eq!(metric("coverage", "lines_total"), 90.0);
    // Perf: the hyperfine mean under 10 s and the measured peak RSS under 500 MB: PASS.
    assert_eq!(gate("perf")["status"], "PASS");
    assert!(metric("perf", "api.mean") < 10.0);
    let rss = metric("perf", "server.peak_rss");
    assert!(rss > 300e6 && rss <= 500e6, "{rss}");
    // Security: the eight real findings, none from eval(/exec( in comments or strings: FAIL.
    assert_eq!(gate("security")["status"], "FAIL");
    let findings = gate("security")["findings"].as_array().unwrap().clone();
    assert_eq!(findings.len(), 8, "{findings:#?}");
    assert!(
        findings
            .iter()
            .all(|f| f["path"] != "src/tallinn/security_audit.py")
    );
    // Docs: 47 of 48 items (97.9%): PASS against 95%.
    assert_eq!(gate("docs")["status"], "PASS");
    assert_eq!(metric("docs", "documented"), 47.0);
    assert_eq!(metric("docs", "items"), 48.0);
}

#[test]
fn fast_track_with_waivers_is_go_with_accepted_risks() {
    let d = demo();
    gk("2026-11-21")
        .args(["check", "--profile", "fast-track"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "GO WITH ACCEPTED RISKS  tallinn",
        ))
        .stdout(predicate::str::contains(
            "applied  coverage.line  owner qa-lead, expires 2026-12-15 (24 days left)",
        ))
        .stdout(predicate::str::contains(
            "applied  security  owner security-lead",
        ));
}

#[test]
fn an_expired_waiver_is_no_go_again() {
    let d = demo();
    gk("2026-12-16")
        .args(["check", "--profile", "fast-track"])
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("NO-GO  tallinn"))
        .stdout(predicate::str::contains("EXPIRED  coverage.line"))
        .stdout(predicate::str::contains(
            "waiver by qa-lead expired on 2026-12-15",
        ));
}

#[test]
fn readiness_report_reproduces_the_hand_written_report_from_data() {
    let d = demo();
    // The attested checks and the checklist are in; the approvals are not: NO-GO, and the
    // report says so the way the hand-written one did ("Approved by: [Pending]").
    gk("2026-11-21")
        .args(["report", "--profile", "fast-track"])
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "**Decision: NO-GO.** 6 of 8 gates passed, 2 with an accepted risk. Blocked by: approvals.",
        ))
        .stdout(predicate::str::contains(
            "| coverage.line | qa-lead | core stable; tests for mcp_server and storage land in 0.4.1 | 2026-12-15 | 24 |",
        ))
        .stdout(predicate::str::contains(
            "| rollback | Rollback tested in staging? | ops-lead | Kadri Tamm | 2026-11-20 |",
        ))
        .stdout(predicate::str::contains(
            "- **deploy-checklist**: 10/18 items (55.6%) ✅ PASS",
        ))
        .stdout(predicate::str::contains(
            "  - Pre-Deployment: 7/9 items (77.8%)",
        ))
        .stdout(predicate::str::contains(
            "  - Post-Deployment: 0/3 items (0%)",
        ))
        .stdout(predicate::str::contains(
            "| tech-lead | [Pending] | — | pending |",
        ))
        .stdout(predicate::str::contains(
            "**NO-GO** — blocked by approvals.",
        ));
    // The three roles sign the fast-track verdict: GO with accepted risks.
    for (role, name) in [
        ("tech-lead", "Kadri Tamm"),
        ("qa-lead", "Liis Mets"),
        ("security-lead", "Mart Kask"),
    ] {
        gk("2026-11-21")
            .args([
                "signoff",
                "--profile",
                "fast-track",
                "--role",
                role,
                "--name",
                name,
            ])
            .arg(d.path())
            .assert()
            .code(0);
    }
    gk("2026-11-21")
        .args(["report", "--profile", "fast-track"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "**Decision: GO WITH ACCEPTED RISKS.** 6 of 8 gates passed, 2 with an accepted risk. Nothing blocks the release. Approvals: 3 of 3 roles signed.",
        ))
        .stdout(predicate::str::contains("| qa-lead | Liis Mets |"))
        .stdout(predicate::str::contains("**GO with accepted risks** — 2 accepted risks"));
    // A change to the rollback script makes its attestation stale (and the sign-offs with it).
    let script = d.path().join("deploy/rollback.sh");
    let mut text = std::fs::read_to_string(&script).unwrap();
    text.push_str("echo done\n");
    std::fs::write(&script, text).unwrap();
    gk("2026-11-21")
        .args(["report", "--profile", "fast-track"])
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "| ops-lead | Kadri Tamm | 2026-11-20 | https://ci.example.com/tallinn/staging/rollback-drill/412 | ⚠️ stale: deploy/rollback.sh changed |",
        ))
        .stdout(predicate::str::contains("⚠️ stale: code, gate results changed since"));
}
