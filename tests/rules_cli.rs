//! `gatekeep rules test`, a team's `rules_dir`, and data flow in the reports, through the real
//! binary.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn gk() -> Command {
    Command::cargo_bin("gatekeep").unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const RULE: &str = "id: team-pickle-input
language: python
message: pickle.loads of request data
note: Deserializing request bytes runs their code.
severity: high
category: deserialization
cwe: 502
keywords: [pickle]
rule:
  pattern: pickle.loads($DATA)
constant: [$DATA]
sources:
  - pattern: request.data
untainted: none
";

const TESTS: &str = "import pickle
from flask import request


def f():
    body = request.data
    # ruleid: team-pickle-input
    return pickle.loads(body)


def g(cached):
    # ok: team-pickle-input
    return pickle.loads(cached)
";

#[test]
fn builtin_rules_pass_their_annotated_tests() {
    gk().args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("PASS     py-os-system"))
        .stdout(predicate::str::contains("0 failed or untested"));
}

/// `rules test root/rules` passes: the one rule, `team-pickle-input`, with its test file.
fn the_pickle_rule_passes(root: &Path) {
    gk().args(["rules", "test"])
        .arg(root.join("rules"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "PASS     team-pickle-input (pickle.py): 1 ruleid caught, 1 ok clean",
        ))
        .stdout(predicate::str::contains("1 rules, 1 passed"));
}

#[test]
fn a_teams_rules_are_tested_and_a_miss_fails() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "rules/pickle.yml", RULE);
    write(d.path(), "rules/pickle.py", TESTS);
    the_pickle_rule_passes(d.path());
    // A ruleid the rule does not report, and a report with no ruleid: both fail.
    write(
        d.path(),
        "rules/pickle.py",
        &TESTS
            .replace(
                "    # ok: team-pickle-input\n",
                "    # ruleid: team-pickle-input\n",
            )
            .replace("body = request.data", "body = b\"x\""),
    );
    gk().args(["rules", "test"])
        .arg(d.path().join("rules"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL     team-pickle-input"))
        .stdout(predicate::str::contains(
            "missed (ruleid, not reported): line 8, 13",
        ));
    // An annotation naming no rule of the set (a typo) fails, with its line.
    write(
        d.path(),
        "rules/pickle.py",
        &TESTS.replace(
            "    # ok: team-pickle-input\n",
            "    # ok: team-pickle-imput\n",
        ),
    );
    gk().args(["rules", "test"])
        .arg(d.path().join("rules"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "line 12: the annotation names `team-pickle-imput`",
        ));
    // No test file: untested is a failure.
    std::fs::remove_file(d.path().join("rules/pickle.py")).unwrap();
    gk().args(["rules", "test"])
        .arg(d.path().join("rules"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("UNTESTED team-pickle-input"));
}

#[test]
fn a_bad_rule_file_exits_2_with_its_position() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "rules/bad.yml",
        &RULE.replace("category: deserialization", "category: nonsense"),
    );
    config_error_in_rules_test_and_check(
        d.path(),
        "bad.yml:6:1: rule `team-pickle-input`: unknown category `nonsense`",
        "rules/bad.yml:6:1",
    );
}

/// A bad file in a team's rule folder `root/rules`: `rules test` exits 2 with `in_test`, and
/// `check` with the folder as the gate's `rules_dir` is a config error (exit 2) naming
/// `in_check`.
fn config_error_in_rules_test_and_check(root: &Path, in_test: &str, in_check: &str) {
    gk().args(["rules", "test"])
        .arg(root.join("rules"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(in_test));
    write(
        root,
        "gates.toml",
        "[gates.security]\nrules_dir = \"rules\"\nexclude = [\"rules/**\"]\n",
    );
    gk().arg("check")
        .arg(root)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rules_dir"))
        .stderr(predicate::str::contains(in_check));
}

#[test]
fn a_teams_rule_runs_in_check_with_its_flow_in_json_and_sarif() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "rules/pickle.yml", RULE);
    write(d.path(), "rules/pickle.py", TESTS);
    write(
        d.path(),
        "gates.toml",
        "[gates.security]\nrules_dir = \"rules\"\nexclude = [\"rules/**\"]\n",
    );
    write(d.path(), "app.py", TESTS);
    let out = gk()
        .args(["check", "--format", "json", "-o"])
        .arg(format!("sarif={}", d.path().join("out.sarif").display()))
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
    let f = v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["findings"].as_array().cloned().unwrap_or_default())
        .find(|f| f["rule"] == "security/team-pickle-input")
        .expect("the team rule's finding");
    assert_eq!(f["line"], 8);
    assert_eq!(f["severity"], "high");
    let steps: Vec<(u64, String)> = f["flow"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().unwrap(),
                s["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            (6, "source: request.data".to_string()),
            (6, "assigned: body = request.data".to_string()),
            (8, "sink: pickle.loads(body)".to_string()),
        ]
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("out.sarif")).unwrap())
            .unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "security/team-pickle-input")
        .expect("the SARIF result")
        .clone();
    let locs = result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap();
    let lines: Vec<u64> = locs
        .iter()
        .map(|l| {
            l["location"]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, vec![6, 6, 8]);
    // The team's rule is documented in SARIF and by `explain` (run in the repository).
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(
        rules.iter().any(|r| r["id"] == "security/team-pickle-input"
            && r["help"]["text"]
                .as_str()
                .unwrap_or("")
                .contains("Deserializing request bytes")),
        "{rules:?}"
    );
    gk().args(["explain", "team-pickle-input"])
        .current_dir(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Deserializing request bytes"))
        .stdout(predicate::str::contains("return pickle.loads(body)"));
}

#[test]
fn the_table_and_markdown_show_the_flow_under_the_finding() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gates.toml", "[gates.security]\n");
    write(
        d.path(),
        "app.py",
        "import os\nimport sys\n\n\ndef main():\n    target = sys.argv[1]\n    os.system(\"ping \" + target)\n",
    );
    let out = gk().arg("check").arg(d.path()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("app.py:7:5: os.system / os.popen run their argument through a shell: a value from line 6 reaches it (sys.argv)"), "{text}");
    assert!(text.contains("↳ line 6: source: sys.argv\n"), "{text}");
    assert!(
        text.contains("↳ line 7: sink: os.system(\"ping \" + target)\n"),
        "{text}"
    );
    let md = gk()
        .args(["check", "--format", "markdown"])
        .arg(d.path())
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("  - line 6: assigned: target = sys.argv[1]"),
        "{md}"
    );
}

/// A team's `utils/` folder holds shared utility rules (ast-grep's global utilities): its rules
/// name them in `matches:`, `rules test` runs them, and a bad one is a config error (exit 2)
/// naming the utility's file and line, in `rules test` and in `check` alike.
#[test]
fn a_teams_shared_utilities_are_used_and_a_bad_one_exits_2() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "rules/utils/request-body.yml",
        "id: request-body\nlanguage: python\nrule:\n  pattern: request.data\n",
    );
    write(
        d.path(),
        "rules/pickle.yml",
        &RULE.replace("  - pattern: request.data", "  - matches: request-body"),
    );
    write(d.path(), "rules/pickle.py", TESTS);
    the_pickle_rule_passes(d.path());
    write(
        d.path(),
        "rules/utils/request-body.yml",
        "id: request-body\nlanguage: python\nrule:\n  kind: not_a_kind\n",
    );
    config_error_in_rules_test_and_check(
        d.path(),
        "utils/request-body.yml:3:1: utility `request-body` (Python)",
        "rules/utils/request-body.yml:3:1",
    );
}
