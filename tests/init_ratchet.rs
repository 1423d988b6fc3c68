//! Issue 15: `gatekeep init --ratchet` on a repository that fails its absolute gates today — the
//! `new-code` profile it writes is GO on the repository unchanged and NO-GO on a change that
//! makes things worse. With the real binary, on a real git repository.

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

fn git(dir: &Path, args: &[&str]) {
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
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const JUNIT_ONE_FAILING: &str = "<testsuites><testsuite name=\"s\">\
<testcase classname=\"t\" name=\"a\"><failure message=\"x\"/></testcase>\
<testcase classname=\"t\" name=\"b\"/></testsuite></testsuites>\n";

/// A repository that fails its default gates: a high security finding, a malformed XML file,
/// 50% line coverage, a failing test, no docs. Committed on `main`.
fn legacy_repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "src/app.py",
        "def run(x):\n    return eval(input())\n\n\ndef add(a, b):\n    return a + b\n",
    );
    write(r, "data/bad.xml", "<a><b></a>\n");
    write(
        r,
        "lcov.info",
        "SF:src/app.py\nDA:1,1\nDA:2,0\nDA:5,1\nDA:6,0\nend_of_record\n",
    );
    write(r, "target/nextest/ci/junit.xml", JUNIT_ONE_FAILING);
    git(r, &["init", "-q"]);
    git(r, &["add", "."]);
    git(r, &["commit", "-qm", "legacy"]);
    d
}

/// `check --profile new-code --base HEAD --format json`: exit code and report.
fn check_new_code(r: &Path) -> (i32, serde_json::Value) {
    let out = gk()
        .arg("check")
        .arg(r)
        .args([
            "--profile",
            "new-code",
            "--base",
            "HEAD",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), v)
}

fn failing(v: &serde_json::Value) -> Vec<String> {
    v["gates"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            g["conditions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["status"] != "PASS")
                .map(move |c| format!("{}: {}", g["id"].as_str().unwrap(), c["expr"]))
        })
        .collect()
}

/// `init --ratchet`, then the written config committed.
fn init_ratchet(r: &Path) -> String {
    let o = gk().args(["init", "--ratchet"]).arg(r).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("today's verdict is NO-GO"), "{err}");
    assert!(err.contains("--profile new-code"), "{err}");
    git(r, &["add", "gates.toml"]);
    git(r, &["commit", "-qm", "gatekeep"]);
    std::fs::read_to_string(r.join("gates.toml")).unwrap()
}

#[test]
fn ratchet_profile_holds_todays_figures_and_is_strict_on_new_code() {
    let d = legacy_repo();
    let r = d.path();
    let toml = init_ratchet(r);
    for want in [
        "[profiles.new-code.thresholds]",
        "written by `gatekeep init --ratchet` on 2026-01-15",
        "security = [\"critical == 0\", \"high <= 1\", \"unreadable == 0\", \"new_total == 0\"]",
        "xml = [\"errors <= 1\", \"new_errors == 0\"]",
        "docs = [\"coverage >= 0\", \"missing_files <= 2\", \"parse_errors == 0\", \"new_undocumented == 0\", \"new_broken_links == 0\"]",
        "coverage = [\"line >= 50\", \"new_line >= 80\"]",
        "tests = [\"failed <= 1\", \"errors == 0\", \"executed > 0\"]",
        "# xml: errors: 1 today (`errors == 0` fails): held at `errors <= 1`",
    ] {
        assert!(toml.contains(want), "missing {want:?} in:\n{toml}");
    }
    // The file is valid config; its default gates still fail (the legacy is not hidden).
    gk().arg("validate").arg(r).assert().success();
    gk().arg("check").arg(r).arg("-q").assert().code(1);

    // The repository unchanged: GO under the profile.
    let (code, v) = check_new_code(r);
    assert_eq!(code, 0, "{:?}", failing(&v));
    assert_eq!(v["profile"], "new-code");

    // A new finding in new code: NO-GO, on the new-code threshold and on the ratchet.
    write(
        r,
        "src/new.py",
        "import os\nimport sys\n\n\ndef f():\n    os.system(sys.argv[1])\n",
    );
    let (code, v) = check_new_code(r);
    assert_eq!(code, 1);
    let f = failing(&v);
    assert!(
        f.contains(&"security: \"new_total == 0\"".to_string()),
        "{f:?}"
    );
    assert!(f.contains(&"security: \"high <= 1\"".to_string()), "{f:?}");
}

#[test]
fn ratchet_profile_fails_on_one_more_failing_test_or_xml_error() {
    let d = legacy_repo();
    let r = d.path();
    init_ratchet(r);
    write(
        r,
        "target/nextest/ci/junit.xml",
        &JUNIT_ONE_FAILING.replace(
            "<testcase classname=\"t\" name=\"b\"/>",
            "<testcase classname=\"t\" name=\"b\"><failure message=\"y\"/></testcase>",
        ),
    );
    write(r, "data/worse.xml", "<a>&</a>\n");
    let (code, v) = check_new_code(r);
    assert_eq!(code, 1);
    let f = failing(&v);
    assert!(f.contains(&"tests: \"failed <= 1\"".to_string()), "{f:?}");
    assert!(f.contains(&"xml: \"errors <= 1\"".to_string()), "{f:?}");
    // The new file's XML error is new code: the strict threshold fails too.
    assert!(f.contains(&"xml: \"new_errors == 0\"".to_string()), "{f:?}");
    assert_eq!(f.len(), 3, "{f:?}");
}

#[test]
fn ratchet_refuses_an_existing_config_without_force_and_documents_itself() {
    let d = legacy_repo();
    let r = d.path();
    write(r, "gates.toml", "[gates.security]\n");
    gk().args(["init", "--ratchet"])
        .arg(r)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    let help = gk().args(["init", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("--ratchet") && help.contains("new-code") && help.contains("today's"),
        "{help}"
    );
}
