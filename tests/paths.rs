//! Issue 18 item 12: a symbolic link inside the repo does not let a relative path in the config
//! read or write outside it; only an absolute path the user wrote may leave the repository.

use assert_cmd::Command;
use std::os::unix::fs::symlink;

fn gk() -> Command {
    let mut c = Command::cargo_bin("gatekeep").unwrap();
    c.env_remove("GITHUB_BASE_REF")
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        .env("GATEKEEP_TODAY", "2026-01-15");
    c
}

const JUNIT: &str =
    r#"<testsuite name="s" tests="1" failures="0"><testcase name="t" classname="c"/></testsuite>"#;

#[test]
fn a_report_read_through_a_link_out_of_the_repo_is_an_error() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("junit.xml"), JUNIT).unwrap();
    let repo = tempfile::tempdir().unwrap();
    symlink(outside.path(), repo.path().join("reports")).unwrap();
    std::fs::write(
        repo.path().join("gates.toml"),
        "[gates.tests]\nkind = \"junit\"\nreports = [\"reports/*.xml\"]\n",
    )
    .unwrap();
    let out = gk().arg("check").arg(repo.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("leads outside the repository through a symbolic link"),
        "{stdout}"
    );
    // The same file named by its absolute path is the user's choice.
    std::fs::write(
        repo.path().join("gates.toml"),
        format!(
            "[gates.tests]\nkind = \"junit\"\nreports = [\"{}/junit.xml\"]\n",
            outside.path().display()
        ),
    )
    .unwrap();
    gk().arg("check").arg(repo.path()).assert().code(0);
}

#[test]
fn gatekeeps_own_files_are_not_written_through_a_link_out_of_the_repo() {
    let outside = tempfile::tempdir().unwrap();
    let repo = tempfile::tempdir().unwrap();
    symlink(outside.path(), repo.path().join(".gatekeep")).unwrap();
    std::fs::write(
        repo.path().join("gates.toml"),
        "[project]\nhistory = \".gatekeep/history.jsonl\"\n[gates.ok]\nkind = \"command\"\nrun = \"true\"\n",
    )
    .unwrap();
    let out = gk().arg("check").arg(repo.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("[project] history") && stderr.contains("symbolic link"),
        "{stderr}"
    );
    assert!(!outside.path().join("history.jsonl").exists());
    // A security baseline written with --write-baseline: the gate is ERROR, nothing written.
    std::fs::write(
        repo.path().join("gates.toml"),
        "[gates.security]\nbaseline = \".gatekeep/baseline.json\"\n",
    )
    .unwrap();
    std::fs::write(repo.path().join("a.py"), "x = 1\n").unwrap();
    let out = gk()
        .arg("check")
        .arg(repo.path())
        .arg("--write-baseline")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("symbolic link"), "{stdout}");
    assert!(!outside.path().join("baseline.json").exists());
}
