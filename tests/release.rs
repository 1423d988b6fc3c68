//! Release readiness end to end, with the real binary: checklists, attestations (`gatekeep
//! attest`) bound to a real git history, and `gatekeep report`.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn gk() -> Command {
    let mut c = Command::cargo_bin("gatekeep").unwrap();
    c.env_remove("GITHUB_BASE_REF")
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("GATEKEEP_TODAY")
        .env_remove("GITHUB_ACTIONS");
    c
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn git(root: &Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .args([
            "-c",
            "user.email=rel@example.com",
            "-c",
            "user.name=rel",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(root)
        .output()
        .expect("git");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

const CONFIG: &str = r#"[project]
name = "shop"
history = ".gatekeep/history.jsonl"

[signoff]
required = ["tech-lead"]

[gates.rollback]
kind = "manual"
question = "Rollback tested in staging?"
roles = ["ops-lead"]
valid_for = "14d"
paths = ["deploy/**"]

[gates.monitoring]
kind = "manual"
question = "Monitoring and alerting operational?"
roles = ["sre"]

[gates.deploy-checklist]
kind = "checklist"
files = ["docs/CHECKLIST.md"]
sections = true
required = ["rollback"]
thresholds = ["done_pct >= 50"]
"#;

const CHECKLIST: &str = "# Deployment checklist\r\n\
## Pre-Deployment\r\n\
- [x] XML validation passing\r\n\
- [x] Production config reviewed\r\n\
  - [ ] Secrets rotated\r\n\
## Deployment\r\n\
1. [x] Rollback scripts tested <!-- id: rollback -->\r\n\
```sh\r\n\
- [ ] an example in a code block, not a task\r\n\
```\r\n";

/// A git repo with the config, a deploy script, a checklist, and one commit.
fn repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gates.toml", CONFIG);
    write(d.path(), "deploy/rollback.sh", "#!/bin/sh\necho rollback\n");
    write(d.path(), "src/app.py", "print('hi')\n");
    write(d.path(), "docs/CHECKLIST.md", CHECKLIST);
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "init"]);
    d
}

fn json(root: &Path, today: Option<&str>) -> serde_json::Value {
    let mut c = gk();
    if let Some(t) = today {
        c.env("GATEKEEP_TODAY", t);
    }
    let out = c
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn gate(v: &serde_json::Value, id: &str) -> serde_json::Value {
    v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == id)
        .unwrap()
        .clone()
}

fn attest(root: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    gk().arg("attest").args(args).arg(root).assert()
}

#[test]
fn checklist_gate_counts_crlf_nested_items_but_not_code_blocks() {
    let d = repo();
    let v = json(d.path(), None);
    let g = gate(&v, "deploy-checklist");
    let m = |name: &str| {
        g["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(m("total"), 4.0);
    assert_eq!(m("done"), 3.0);
    assert_eq!(m("pre-deployment.open"), 1.0);
    assert_eq!(m("deployment.done_pct"), 100.0);
    assert_eq!(m("required_open"), 0.0);
    assert_eq!(g["status"], "PASS");
}

#[test]
fn a_required_item_missing_from_the_checklist_is_an_error_naming_it() {
    let d = repo();
    write(
        d.path(),
        "gates.toml",
        &CONFIG.replace(
            "required = [\"rollback\"]",
            "required = [\"rollback\", \"Monitoring dashboard live\"]",
        ),
    );
    let v = json(d.path(), None);
    let g = gate(&v, "deploy-checklist");
    assert_eq!(g["status"], "ERROR");
    assert!(
        g["error"]
            .as_str()
            .unwrap()
            .contains("required item `Monitoring dashboard live` not in docs/CHECKLIST.md"),
        "{g}"
    );
}

#[test]
fn no_attestation_is_an_error_awaiting_the_role() {
    let d = repo();
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("awaiting attestation by ops-lead"))
        .stdout(predicate::str::contains("awaiting attestation by sre"));
}

#[test]
fn an_attestation_passes_until_a_commit_touches_its_paths() {
    let d = repo();
    attest(
        d.path(),
        &[
            "rollback",
            "--role",
            "ops-lead",
            "--name",
            "Dana",
            "--evidence",
            "https://ci.example/run/812",
        ],
    )
    .code(0)
    .stdout(predicate::str::contains("bound to 1 file under deploy/**"));
    let text = std::fs::read_to_string(d.path().join(".gatekeep/attestations.toml")).unwrap();
    assert!(text.contains("\"deploy/rollback.sh\" = "), "{text}");
    let v = json(d.path(), None);
    assert_eq!(gate(&v, "rollback")["status"], "PASS");
    let a = &gate(&v, "rollback")["data"]["attestations"][0];
    assert_eq!(a["state"], "passed");
    assert_eq!(a["name"], "Dana");

    // A commit elsewhere does not touch the binding.
    write(d.path(), "src/app.py", "print('v2')\n");
    git(d.path(), &["commit", "-qam", "app v2"]);
    assert_eq!(gate(&json(d.path(), None), "rollback")["status"], "PASS");

    // A commit touching deploy/ makes it stale, with what changed; never counted.
    write(
        d.path(),
        "deploy/rollback.sh",
        "#!/bin/sh\necho rollback v2\n",
    );
    write(d.path(), "deploy/migrate.sh", "#!/bin/sh\n");
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "deploy v2"]);
    let v = json(d.path(), None);
    let g = gate(&v, "rollback");
    assert_eq!(g["status"], "ERROR");
    let a = &g["data"]["attestations"][0];
    assert_eq!(a["state"], "stale");
    assert_eq!(
        a["changed"],
        serde_json::json!(["deploy/migrate.sh added", "deploy/rollback.sh changed"])
    );
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "awaiting attestation by ops-lead: the attestation by Dana on",
        ))
        .stdout(predicate::str::contains(
            "is stale (deploy/migrate.sh added, deploy/rollback.sh changed)",
        ));
}

#[test]
fn a_commit_bound_attestation_goes_stale_on_the_next_commit() {
    let d = repo();
    attest(
        d.path(),
        &[
            "monitoring",
            "--role",
            "sre",
            "--name",
            "Lee",
            "--evidence",
            "dashboards green",
        ],
    )
    .code(0)
    .stdout(predicate::str::contains("bound to commit"));
    assert_eq!(gate(&json(d.path(), None), "monitoring")["status"], "PASS");
    write(d.path(), "src/app.py", "print('v2')\n");
    git(d.path(), &["commit", "-qam", "v2"]);
    let g = gate(&json(d.path(), None), "monitoring");
    assert_eq!(g["status"], "ERROR");
    let changed = g["data"]["attestations"][0]["changed"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(changed.starts_with("commit "), "{changed}");
}

#[test]
fn a_commit_bound_attestation_needs_a_git_checkout() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gates.toml", CONFIG);
    write(d.path(), "docs/CHECKLIST.md", CHECKLIST);
    attest(
        d.path(),
        &[
            "monitoring",
            "--role",
            "sre",
            "--name",
            "Lee",
            "--evidence",
            "x",
        ],
    )
    .code(2)
    .stderr(predicate::str::contains("is not a git checkout"));
}

#[test]
fn a_failed_attestation_fails_the_gate() {
    let d = repo();
    attest(
        d.path(),
        &[
            "rollback",
            "--role",
            "ops-lead",
            "--name",
            "Dana",
            "--evidence",
            "rollback left the schema half-migrated",
            "--fail",
        ],
    )
    .code(0)
    .stdout(predicate::str::contains("FAILED"));
    let v = json(d.path(), None);
    let g = gate(&v, "rollback");
    assert_eq!(g["status"], "FAIL");
    assert_eq!(g["data"]["attestations"][0]["state"], "failed");
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("attested that it FAILED"));
}

#[test]
fn an_attestation_expires_after_valid_for() {
    let d = repo();
    attest(
        d.path(),
        &[
            "rollback",
            "--role",
            "ops-lead",
            "--name",
            "Dana",
            "--evidence",
            "ok",
        ],
    )
    .code(0);
    let text = std::fs::read_to_string(d.path().join(".gatekeep/attestations.toml")).unwrap();
    let time = text
        .lines()
        .find_map(|l| l.strip_prefix("time = \""))
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    let made = gatekeep::attest::parse_time(&time).unwrap();
    let day = |secs: i64| gatekeep::config::Date::from_days(secs.div_euclid(86400)).to_string();
    // valid_for = 14d: still valid 13 days on, expired 15 days on.
    let v = json(d.path(), Some(&day(made + 13 * 86400)));
    assert_eq!(gate(&v, "rollback")["status"], "PASS");
    let v = json(d.path(), Some(&day(made + 15 * 86400)));
    let g = gate(&v, "rollback");
    assert_eq!(g["status"], "ERROR");
    assert_eq!(g["data"]["attestations"][0]["state"], "expired");
    let mut c = gk();
    c.env("GATEKEEP_TODAY", day(made + 15 * 86400))
        .arg("check")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "the attestation by Dana on {} expired on {}",
            day(made),
            day(made + 14 * 86400)
        )));
}

#[test]
fn a_hand_edited_attestation_whose_binding_does_not_match_is_stale_never_counted() {
    let d = repo();
    attest(
        d.path(),
        &[
            "rollback",
            "--role",
            "ops-lead",
            "--name",
            "Dana",
            "--evidence",
            "ok",
            "--fail",
        ],
    )
    .code(0);
    let p = d.path().join(".gatekeep/attestations.toml");
    // Someone turns the failure into a pass and "fixes" the hash by hand.
    let text = std::fs::read_to_string(&p).unwrap();
    let edited: String = text
        .lines()
        .map(|l| {
            if l.starts_with("result") {
                "result = \"pass\"".to_string()
            } else if l.starts_with("\"deploy/rollback.sh\"") {
                "\"deploy/rollback.sh\" = \"0000000000000000\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&p, edited).unwrap();
    let v = json(d.path(), None);
    let g = gate(&v, "rollback");
    assert_eq!(g["status"], "ERROR", "{g}");
    let a = &g["data"]["attestations"][0];
    assert_eq!(a["state"], "stale");
    assert_eq!(
        a["changed"],
        serde_json::json!(["deploy/rollback.sh changed"])
    );
    let attested = g["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "attested")
        .unwrap()["value"]
        .as_f64()
        .unwrap();
    assert_eq!(attested, 0.0);
}

#[test]
fn a_malformed_attestations_file_exits_2_with_its_position() {
    let d = repo();
    write(
        d.path(),
        ".gatekeep/attestations.toml",
        "[[attestation]]\ngate = \"rollback\"\nrole = \"ops-lead\"\nname = \"Dana\"\nresult = \"maybe\"\n",
    );
    for cmd in [vec!["check"], vec!["validate"], vec!["report"]] {
        gk().args(&cmd)
            .arg(d.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                ".gatekeep/attestations.toml:5:10: unknown value `maybe`",
            ));
    }
    attest(
        d.path(),
        &[
            "rollback",
            "--role",
            "ops-lead",
            "--name",
            "D",
            "--evidence",
            "x",
        ],
    )
    .code(2)
    .stderr(predicate::str::contains(
        ".gatekeep/attestations.toml:5:10:",
    ));
    write(d.path(), ".gatekeep/attestations.toml", "[[attestation]\n");
    gk().arg("check")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".gatekeep/attestations.toml:1:"));
}

#[test]
fn attest_refuses_unknown_gates_roles_and_measured_gates() {
    let d = repo();
    attest(
        d.path(),
        &[
            "rollbak",
            "--role",
            "ops-lead",
            "--name",
            "D",
            "--evidence",
            "x",
        ],
    )
    .code(2)
    .stderr(predicate::str::contains("did you mean `rollback`"));
    attest(
        d.path(),
        &[
            "rollback",
            "--role",
            "ops",
            "--name",
            "D",
            "--evidence",
            "x",
        ],
    )
    .code(2)
    .stderr(predicate::str::contains("not a role of gate `rollback`"));
    attest(
        d.path(),
        &[
            "deploy-checklist",
            "--role",
            "ops-lead",
            "--name",
            "D",
            "--evidence",
            "x",
        ],
    )
    .code(2)
    .stderr(predicate::str::contains(
        "only `manual` gates take attestations",
    ));
    attest(
        d.path(),
        &[
            "rollback",
            "--role",
            "ops-lead",
            "--name",
            " ",
            "--evidence",
            "x",
        ],
    )
    .code(2)
    .stderr(predicate::str::contains("--name must not be empty"));
    assert!(!d.path().join(".gatekeep/attestations.toml").exists());
}

#[test]
fn attestations_appear_in_every_report_format() {
    let d = repo();
    attest(
        d.path(),
        &[
            "rollback",
            "--role",
            "ops-lead",
            "--name",
            "Dana",
            "--evidence",
            "https://ci/812",
        ],
    )
    .code(0);
    for fmt in ["table", "markdown", "html", "json"] {
        let out = gk()
            .args(["check", "--format", fmt])
            .arg(d.path())
            .output()
            .unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(s.contains("Dana"), "{fmt}: {s}");
        assert!(s.contains("awaiting attestation by sre"), "{fmt}: {s}");
    }
}

#[test]
fn report_without_history_says_no_data_and_no_go_with_pending_approvals() {
    let d = repo();
    std::fs::write(
        d.path().join("gates.toml"),
        CONFIG.replace("history = \".gatekeep/history.jsonl\"\n", ""),
    )
    .unwrap();
    git(d.path(), &["commit", "-qam", "no history"]);
    for (who, role, gate) in [
        ("Dana", "ops-lead", "rollback"),
        ("Lee", "sre", "monitoring"),
    ] {
        attest(
            d.path(),
            &[gate, "--role", role, "--name", who, "--evidence", "ok"],
        )
        .code(0);
    }
    // Every gate passes, but the tech lead has not approved: NO-GO.
    gk().arg("report")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "**Decision: NO-GO.** 3 of 3 gates passed. Blocked by: approvals.",
        ))
        .stdout(predicate::str::contains(
            "**Initial state**: no data (no history: set `[project] history`)",
        ))
        .stdout(predicate::str::contains(
            "| tech-lead | [Pending] | — | pending |",
        ))
        .stdout(predicate::str::contains(
            "**NO-GO** — blocked by approvals.",
        ))
        .stdout(predicate::str::contains(
            "| rollback | Rollback tested in staging? | ops-lead | Dana |",
        ))
        .stdout(predicate::str::contains(
            "Pre-Deployment: 2/3 items (66.7%)",
        ));
    gk().args(["report", "--since", "1"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no run is recorded yet"));
}

#[test]
fn report_with_history_shows_initial_to_current_and_writes_html() {
    let d = repo();
    // Two recorded runs: the checklist went from 3 of 4 to 4 of 4.
    gk().arg("check").arg(d.path()).assert().code(1);
    write(
        d.path(),
        "docs/CHECKLIST.md",
        &CHECKLIST.replace("- [ ] Secrets rotated", "- [x] Secrets rotated"),
    );
    gk().arg("check").arg(d.path()).assert().code(1);
    gk().arg("report")
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("(2 recorded runs)"))
        .stdout(predicate::str::contains(
            "| 75% | 100% (4/4) | ✅ PASS · 75% → 100% |",
        ));
    gk().args(["report", "--since", "2"])
        .arg(d.path())
        .assert()
        .stdout(predicate::str::contains("✅ PASS · 100% → 100% |"));
    let html = d.path().join("out/readiness.html");
    gk().args(["report", "--format", "html", "-o"])
        .arg(&html)
        .arg(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
    let h = std::fs::read_to_string(&html).unwrap();
    assert!(h.contains("@page { size: A4"), "{h}");
    assert!(h.contains("75% → 100%"), "{h}");
    // The report does not record a run of its own.
    let lines = std::fs::read_to_string(d.path().join(".gatekeep/history.jsonl"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(lines, 2);
}

#[test]
fn explain_documents_the_new_kinds() {
    gk().args(["explain", "manual"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("gatekeep attest GATE --role ROLE"))
        .stdout(predicate::str::contains("valid_for"));
    gk().args(["explain", "checklist"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("<!-- id: rollback -->"))
        .stdout(predicate::str::contains("done_pct"));
    gk().arg("list")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("checklist"))
        .stdout(predicate::str::contains("manual"));
}
