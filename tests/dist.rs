//! Distribution files (issue 22): the GitHub Action and its scripts, the release packaging the
//! action and `cargo binstall` download, the pre-commit hook's package, and the docs' snippets.
//! The scripts run for real here (bash, curl with a file:// "release server", tar, sha256sum);
//! the workflows themselves are linted by ci/check-dist.sh (actionlint, schemas).

#![cfg(unix)]

use serde_yaml::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_gatekeep")
}

/// The action's inputs, from action.yml.
fn action_inputs() -> BTreeSet<String> {
    let action: Value = serde_yaml::from_str(&read("action.yml")).unwrap();
    action["inputs"]
        .as_mapping()
        .expect("action.yml has inputs")
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

/// The ```yaml blocks of a Markdown file.
fn yaml_blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in md.lines() {
        match &mut cur {
            None if line.trim_start().starts_with("```yaml") => cur = Some(String::new()),
            Some(b) if line.trim_start().starts_with("```") => {
                out.push(std::mem::take(b));
                cur = None;
            }
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None => {}
        }
    }
    out
}

/// Each use of the gatekeep action in a YAML document: the `with:` keys that are not inputs.
/// Returns (uses found, unknown keys).
fn check_action_uses(doc: &Value, inputs: &BTreeSet<String>) -> (usize, Vec<String>) {
    let mut found = 0;
    let mut bad = Vec::new();
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            Value::Mapping(m) => {
                let uses = m.get("uses").and_then(Value::as_str).unwrap_or("");
                if uses.contains("/gatekeep@") || uses == "./" {
                    found += 1;
                    if let Some(with) = m.get("with").and_then(Value::as_mapping) {
                        for k in with.keys() {
                            let k = k.as_str().unwrap_or("?").to_string();
                            if !inputs.contains(&k) {
                                bad.push(format!("{uses}: with.{k}"));
                            }
                        }
                    }
                }
                stack.extend(m.values());
            }
            Value::Sequence(s) => stack.extend(s),
            _ => {}
        }
    }
    (found, bad)
}

#[test]
fn doc_snippets_use_only_the_actions_inputs() {
    let inputs = action_inputs();
    for must in ["config", "profile", "base", "sarif", "version"] {
        assert!(inputs.contains(must), "action.yml lacks input {must}");
    }
    for file in ["README.md", "docs/CI.md"] {
        let mut uses = 0;
        for (i, block) in yaml_blocks(&read(file)).iter().enumerate() {
            let doc: Value = serde_yaml::from_str(block)
                .unwrap_or_else(|e| panic!("{file}: yaml block {i} does not parse: {e}\n{block}"));
            let (n, bad) = check_action_uses(&doc, &inputs);
            assert!(
                bad.is_empty(),
                "{file}: yaml block {i} uses unknown inputs {bad:?}"
            );
            uses += n;
        }
        assert!(uses > 0, "{file} shows no use of the action");
    }
    // The checker catches a wrong input (so the loop above proves something).
    let doc: Value =
        serde_yaml::from_str("- uses: acme/gatekeep@v1\n  with: {sarif: true, profiles: fast}\n")
            .unwrap();
    assert_eq!(
        check_action_uses(&doc, &inputs),
        (1, vec!["acme/gatekeep@v1: with.profiles".to_string()])
    );
}

#[test]
fn ci_md_documents_every_input_and_action_yml_uses_them() {
    let inputs = action_inputs();
    let ci = read("docs/CI.md");
    let documented: BTreeSet<String> = ci
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once("` |"))
        .map(|(name, _)| name.to_string())
        .filter(|n| !n.contains(' '))
        .collect();
    assert_eq!(documented, inputs, "docs/CI.md's input table vs action.yml");
    let action = read("action.yml");
    for i in &inputs {
        assert!(
            action.contains(&format!("${{{{ inputs.{i} }}}}")),
            "action.yml never passes input {i} on"
        );
    }
}

#[test]
fn pre_commit_hook_installs_the_wheel_of_this_version() {
    let version = env!("CARGO_PKG_VERSION");
    let hooks: Value = serde_yaml::from_str(&read(".pre-commit-hooks.yaml")).unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("gatekeep"));
    assert_eq!(hook["language"].as_str(), Some("python"));
    assert!(
        hook["entry"]
            .as_str()
            .unwrap()
            .starts_with("gatekeep check")
    );
    // The root package pre-commit installs pins the wheel of the crate's version.
    let shim: toml::Table = toml::from_str(&read("pyproject.toml")).unwrap();
    assert_eq!(shim["project"]["version"].as_str(), Some(version));
    let deps = shim["project"]["dependencies"].as_array().unwrap();
    assert_eq!(deps.len(), 1);
    assert_eq!(
        deps[0].as_str(),
        Some(format!("gatekeep-cli=={version}").as_str())
    );
    assert!(
        !shim.contains_key("tool") || !shim["tool"].as_table().unwrap().contains_key("maturin"),
        "the root package must not build the crate"
    );
    // The wheel: the crate's binary through maturin.
    let wheel: toml::Table = toml::from_str(&read("python/pyproject.toml")).unwrap();
    assert_eq!(wheel["project"]["name"].as_str(), Some("gatekeep-cli"));
    assert_eq!(
        wheel["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    assert_eq!(wheel["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    assert_eq!(
        wheel["tool"]["maturin"]["manifest-path"].as_str(),
        Some("../Cargo.toml")
    );
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the command starts")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A stand-in executable for the packaging and download tests: the debug binary is over 100 MB
/// and gzipping it several times would make these tests slow; what they test is the archive,
/// its checksum and where things land. (bench/wheel.sh and the release workflow run the real one.)
fn stand_in(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join("gatekeep");
    std::fs::write(&p, "#!/bin/sh\necho 'gatekeep 0.0.0-stand-in'\n").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// ci/package.sh TARGET gatekeep OUT, for the stand-in binary.
fn package(target: &str, out: &Path) -> PathBuf {
    let src = tempfile::tempdir().unwrap();
    let o = run(Command::new("bash")
        .arg(root().join("ci/package.sh"))
        .arg(target)
        .arg(stand_in(src.path()))
        .arg(out));
    assert!(o.status.success(), "package.sh: {}", text(&o.stderr));
    out.join(format!("gatekeep-{target}.tar.gz"))
}

#[test]
fn package_matches_binstall_metadata_and_checksums() {
    let tmp = tempfile::tempdir().unwrap();
    let target = "x86_64-unknown-linux-musl";
    let archive = package(target, tmp.path());
    let o = run(Command::new("sha256sum")
        .arg("-c")
        .arg(format!("gatekeep-{target}.tar.gz.sha256"))
        .current_dir(tmp.path()));
    assert!(o.status.success(), "{}", text(&o.stdout));
    // Where `cargo binstall` looks: the pkg-url's file name and bin-dir inside it.
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    let meta = &cargo["package"]["metadata"]["binstall"];
    let expand = |t: &str| {
        t.replace("{ name }", "gatekeep")
            .replace("{ target }", target)
            .replace("{ bin }", "gatekeep")
            .replace("{ binary-ext }", "")
            .replace("{ version }", env!("CARGO_PKG_VERSION"))
    };
    let url = expand(meta["pkg-url"].as_str().unwrap());
    assert!(
        url.ends_with(&format!("/gatekeep-{target}.tar.gz")),
        "{url}"
    );
    let bin_dir = expand(meta["bin-dir"].as_str().unwrap());
    let o = run(Command::new("tar").arg("tzf").arg(&archive));
    let listing = text(&o.stdout);
    for want in [
        bin_dir.as_str(),
        &format!("gatekeep-{target}/LICENSE"),
        &format!("gatekeep-{target}/CHANGELOG.md"),
    ] {
        assert!(
            listing.lines().any(|l| l == want),
            "{want} not in {listing}"
        );
    }
    let win = &meta["overrides"]["x86_64-pc-windows-msvc"];
    assert_eq!(win["pkg-fmt"].as_str(), Some("zip"));
    assert!(
        win["pkg-url"]
            .as_str()
            .unwrap()
            .ends_with("{ name }-{ target }.zip")
    );
}

/// A file:// release server holding this build's binary as the Linux x64 asset of v0.1.0 and
/// of "latest".
fn release_server() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let target = "x86_64-unknown-linux-musl";
    for dir in [
        "acme/gk/releases/download/v0.1.0",
        "acme/gk/releases/latest/download",
    ] {
        package(target, &tmp.path().join(dir));
    }
    let base = format!("file://{}", tmp.path().display());
    (tmp, base)
}

fn install(base: &str, envs: &[(&str, &str)]) -> (Output, tempfile::TempDir) {
    let temp = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("ci/action/install.sh"))
        .env_remove("GATEKEEP_REPO")
        .env_remove("GATEKEEP_VERSION")
        .env_remove("GITHUB_ACTION_PATH")
        .env_remove("GITHUB_REPOSITORY")
        .env("GATEKEEP_RELEASES", base)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", temp.path());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    (run(&mut cmd), temp)
}

#[test]
fn action_install_downloads_verifies_and_runs() {
    let (_srv, base) = release_server();
    // A pinned version.
    let (o, _t) = install(
        &base,
        &[("GATEKEEP_REPO", "acme/gk"), ("GATEKEEP_VERSION", "0.1.0")],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let path = text(&o.stdout).trim().to_string();
    let v = run(Command::new(&path).arg("--version"));
    assert!(text(&v.stdout).starts_with("gatekeep "), "{path}");
    assert!(text(&o.stderr).contains("verified"));
    // Repository and version from where the runner put the action (a full version tag)...
    let (o, _t) = install(
        &base,
        &[(
            "GITHUB_ACTION_PATH",
            "/runner/_work/_actions/acme/gk/v0.1.0",
        )],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("/acme/gk/releases/download/v0.1.0/"));
    // ... and a major tag means the latest release.
    let (o, _t) = install(
        &base,
        &[("GITHUB_ACTION_PATH", "/runner/_work/_actions/acme/gk/v1")],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("/acme/gk/releases/latest/download/"));
}

#[test]
fn action_install_refuses_a_bad_checksum_missing_asset_or_platform() {
    let (srv, base) = release_server();
    let asset = srv
        .path()
        .join("acme/gk/releases/download/v0.1.0/gatekeep-x86_64-unknown-linux-musl.tar.gz");
    let mut bytes = std::fs::read(&asset).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0xff;
    std::fs::write(&asset, bytes).unwrap();
    let env = [("GATEKEEP_REPO", "acme/gk"), ("GATEKEEP_VERSION", "v0.1.0")];
    let (o, t) = install(&base, &env);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("checksum mismatch"));
    assert!(
        !t.path()
            .join("gatekeep/gatekeep-x86_64-unknown-linux-musl")
            .exists(),
        "a tampered archive must not be unpacked"
    );
    // A release without the asset.
    let (o, _t) = install(
        &base,
        &[("GATEKEEP_REPO", "acme/gk"), ("GATEKEEP_VERSION", "9.9.9")],
    );
    assert!(!o.status.success());
    // A runner without a binary.
    let (o, _t) = install(
        &base,
        &[("GATEKEEP_REPO", "acme/gk"), ("RUNNER_OS", "FreeBSD")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no release binary"));
}

fn small_repo(xml: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.xml"), xml).unwrap();
    std::fs::write(
        d.path().join("gates.toml"),
        "[gates.xml]\ninclude = [\"**/*.xml\"]\nthresholds = [\"errors == 0\"]\n",
    )
    .unwrap();
    d
}

/// ci/action/run.sh as the action runs it; returns (exit code, $GITHUB_OUTPUT, step summary).
fn action_run(repo: &Path, envs: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("output");
    let summary = temp.path().join("summary.md");
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("ci/action/run.sh"))
        .current_dir(repo)
        .env("GATEKEEP", bin())
        .env("RUNNER_TEMP", temp.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", &out)
        .env("GITHUB_STEP_SUMMARY", &summary);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let o = run(&mut cmd);
    (
        o.status.code(),
        std::fs::read_to_string(out).unwrap_or_default(),
        std::fs::read_to_string(summary).unwrap_or_default(),
    )
}

#[test]
fn action_run_reports_and_fails_the_step_on_no_go() {
    let good = small_repo("<a><b/></a>\n");
    let (code, outputs, summary) = action_run(good.path(), &[("INPUT_SARIF", "true")]);
    assert_eq!(code, Some(0), "{outputs}");
    assert!(outputs.contains("verdict=GO\n"), "{outputs}");
    assert!(outputs.contains("sarif=gatekeep.sarif\n"), "{outputs}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(good.path().join("gatekeep.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(summary.contains("GO"), "{summary}");

    let bad = small_repo("<a><b></a>\n");
    let (code, outputs, summary) = action_run(bad.path(), &[("INPUT_SARIF", "false")]);
    assert_eq!(code, Some(1));
    assert!(outputs.contains("verdict=NO_GO\n"), "{outputs}");
    assert!(!outputs.contains("sarif="), "{outputs}");
    assert!(!bad.path().join("gatekeep.sarif").exists());
    assert!(summary.contains("NO-GO"), "{summary}");

    // A config error: exit 2, verdict ERROR; profile and config inputs reach gatekeep.
    let (code, outputs, _) = action_run(good.path(), &[("INPUT_PROFILE", "nope")]);
    assert_eq!(code, Some(2));
    assert!(outputs.contains("verdict=ERROR\n"), "{outputs}");
    let (code, _, _) = action_run(good.path(), &[("INPUT_CONFIG", "missing.toml")]);
    assert_eq!(code, Some(2));
}

#[test]
fn release_notes_come_from_the_changelog() {
    let notes = |v: &str| {
        run(Command::new("bash")
            .arg(root().join("ci/release-notes.sh"))
            .arg(v))
    };
    let o = notes("Unreleased");
    assert!(o.status.success());
    let s = text(&o.stdout);
    assert!(s.starts_with("### "), "{s}");
    assert!(!s.contains("## [Unreleased]"));
    // A tag without a CHANGELOG section is not released.
    let o = notes("v99.0.0");
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("no section"));
}

/// Runs action.yml's steps as the runner does (`bash --noprofile --norc -eo pipefail`, the step's
/// `env:` with `${{ inputs.* }}` and `${{ steps.*.outputs.* }}` filled in, GITHUB_ACTION_PATH
/// the repository root), against a file:// release server. Returns each step's exit code and
/// the outputs.
fn run_action(
    inputs: &[(&str, &str)],
    base: &str,
    repo: &Path,
) -> Vec<(
    String,
    Option<i32>,
    std::collections::BTreeMap<String, String>,
)> {
    let action: Value = serde_yaml::from_str(&read("action.yml")).unwrap();
    let defaults = action["inputs"].as_mapping().unwrap();
    let input = |name: &str| -> String {
        inputs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
            .or_else(|| {
                let d = defaults.get(name)?.get("default")?.as_str()?;
                (!d.contains("${{")).then(|| d.to_string())
            })
            .unwrap_or_default()
    };
    let expr = regex::Regex::new(r"\$\{\{\s*([\w.-]+)\s*\}\}").unwrap();
    let temp = tempfile::tempdir().unwrap();
    let mut outputs: std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, String>,
    > = Default::default();
    let mut done = Vec::new();
    for step in action["runs"]["steps"].as_sequence().unwrap() {
        let id = step["id"].as_str().unwrap().to_string();
        let out_file = temp.path().join(format!("out-{id}"));
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
            .arg(step["run"].as_str().unwrap())
            .current_dir(repo)
            .env_remove("GATEKEEP_REPO")
            .env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_OUTPUT", &out_file)
            .env("GITHUB_STEP_SUMMARY", temp.path().join("summary"))
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_REPOSITORY", "acme/gk")
            .env("GATEKEEP_RELEASES", base)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", temp.path());
        if let Some(env) = step["env"].as_mapping() {
            for (k, v) in env {
                let v = expr.replace_all(v.as_str().unwrap(), |c: &regex::Captures| {
                    let path: Vec<&str> = c[1].split('.').collect();
                    match path.as_slice() {
                        ["inputs", name] => input(name),
                        ["steps", sid, "outputs", name] => outputs
                            .get(*sid)
                            .and_then(|o| o.get(*name))
                            .cloned()
                            .unwrap_or_default(),
                        other => panic!("expression {other:?} not simulated"),
                    }
                });
                cmd.env(k.as_str().unwrap(), v.as_ref());
            }
        }
        let o = run(&mut cmd);
        let got: std::collections::BTreeMap<String, String> = std::fs::read_to_string(&out_file)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        outputs.insert(id.clone(), got.clone());
        let code = o.status.code();
        done.push((id, code, got));
        if code != Some(0) {
            break; // the runner stops at a failed step
        }
    }
    done
}

#[test]
fn action_steps_install_then_check_and_fail_on_no_go() {
    let (srv, base) = release_server();
    // The release asset is the real binary here: the check step runs it.
    let pinned = srv.path().join("acme/gk/releases/download/v0.1.0");
    let o = run(Command::new("bash")
        .arg(root().join("ci/package.sh"))
        .args(["x86_64-unknown-linux-musl", bin()])
        .arg(&pinned));
    assert!(o.status.success(), "{}", text(&o.stderr));
    for f in ["", ".sha256"] {
        let name = format!("gatekeep-x86_64-unknown-linux-musl.tar.gz{f}");
        std::fs::copy(
            pinned.join(&name),
            srv.path()
                .join("acme/gk/releases/latest/download")
                .join(&name),
        )
        .unwrap();
    }
    let good = small_repo("<a><b/></a>\n");
    let steps = run_action(
        &[("sarif", "true"), ("version", "0.1.0")],
        &base,
        good.path(),
    );
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert_eq!(steps[0].1, Some(0), "{steps:?}");
    assert!(steps[0].2["bin"].ends_with("/gatekeep-x86_64-unknown-linux-musl/gatekeep"));
    assert_eq!(steps[1].1, Some(0), "{steps:?}");
    assert_eq!(steps[1].2["verdict"], "GO");
    assert!(good.path().join("gatekeep.sarif").exists());

    let bad = small_repo("<a><b></a>\n");
    let steps = run_action(&[], &base, bad.path());
    assert_eq!(steps[1].1, Some(1), "{steps:?}");
    assert_eq!(steps[1].2["verdict"], "NO_GO");

    // A tampered download fails the install step; the check never runs.
    let asset = srv
        .path()
        .join("acme/gk/releases/latest/download/gatekeep-x86_64-unknown-linux-musl.tar.gz");
    std::fs::write(&asset, b"not the archive").unwrap();
    let steps = run_action(&[], &base, good.path());
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(steps[0].1, Some(2), "{steps:?}");
}

#[test]
fn action_install_reads_a_windows_action_path() {
    let (_srv, base) = release_server();
    let (o, _t) = install(
        &base,
        &[("GITHUB_ACTION_PATH", r"D:\a\_actions\acme\gk\v0.1.0")],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("/acme/gk/releases/download/v0.1.0/"));
}
