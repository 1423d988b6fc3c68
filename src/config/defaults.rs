//! The built-in gate set for a repo without a config (SPEC §6), and the commented `gates.toml`
//! that `gatekeep init` writes. Both come from one detection, so `check` without a config runs
//! exactly what `init` would write.

use super::{Config, ConfigError, Syntax, parse};
use crate::walk::{Lang, RepoIndex};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// Conventional places of coverage reports.
pub const COVERAGE_REPORTS: &[&str] = &[
    "coverage.xml",
    "coverage.json",
    "lcov.info",
    "coverage/lcov.info",
    "coverage/cobertura-coverage.xml",
    "coverage/coverage-final.json",
    "coverage/clover.xml",
    "target/llvm-cov/lcov.info",
    "target/site/jacoco/jacoco.xml",
    "build/reports/jacoco/test/jacocoTestReport.xml",
    "coverage.out",
    "cover.out",
];

/// Conventional places of JUnit reports (globs).
pub const JUNIT_REPORTS: &[&str] = &[
    "junit.xml",
    "report.xml",
    "test-results/**/*.xml",
    "target/nextest/**/junit.xml",
    "target/surefire-reports/TEST-*.xml",
    "build/test-results/**/*.xml",
];

/// What the repo contains, as far as choosing gates goes.
#[derive(Debug, Default)]
pub struct Detected {
    /// Code files per language.
    pub languages: BTreeMap<&'static str, usize>,
    pub xml_files: usize,
    /// Folders of Markdown files that hold top-level XML elements (prompt templates), as globs.
    pub markdown_xml: Vec<String>,
    pub coverage_reports: Vec<String>,
    pub junit_reports: Vec<String>,
    /// Build, lint and test commands found in the project's manifests (init only).
    pub commands: Vec<CommandGate>,
    /// hyperfine exports: (path, command name, mean seconds).
    pub hyperfine: Vec<(String, String, f64)>,
    /// CI configuration files.
    pub ci_files: Vec<String>,
    /// `diagnostics` gates for the compilers, type checkers and linters configured (init only).
    pub diagnostics: Vec<DiagnosticsProposal>,
}

/// A `diagnostics` gate `init` proposes.
#[derive(Debug, Clone)]
pub struct DiagnosticsProposal {
    pub id: &'static str,
    pub run: &'static str,
    pub why: &'static str,
    /// Running the tool needs a project install (npm, pip): the proposal is commented out.
    pub needs_install: bool,
}

/// The `diagnostics` gates for what the repo configures: tsconfig.json, an ESLint config,
/// `[tool.ruff]`/`[tool.mypy]` in pyproject.toml, Cargo.toml, go.mod.
fn diagnostics_proposals(repo: &RepoIndex) -> Vec<DiagnosticsProposal> {
    let mut out = Vec::new();
    let has = |p: &str| repo.get(p).is_some();
    if has("tsconfig.json") {
        out.push(DiagnosticsProposal {
            id: "tsc-diagnostics",
            run: "npx --no-install tsc --noEmit --pretty false",
            why: "tsconfig.json: TypeScript errors per code (needs `npm install`).",
            needs_install: true,
        });
    }
    let eslint = repo.files().iter().any(|f| {
        !f.rel.contains('/')
            && (f.rel.starts_with(".eslintrc") || f.rel.starts_with("eslint.config."))
    });
    if eslint {
        out.push(DiagnosticsProposal {
            id: "eslint-diagnostics",
            run: "npx --no-install eslint -f json .",
            why: "ESLint config: lint errors and warnings per rule (needs `npm install`).",
            needs_install: true,
        });
    }
    if has("pyproject.toml") {
        let text = text_of(repo, "pyproject.toml");
        if text.contains("[tool.ruff") {
            out.push(DiagnosticsProposal {
                id: "ruff-diagnostics",
                run: "ruff check --output-format json .",
                why: "pyproject.toml configures ruff: violations per code (needs `pip install ruff`).",
                needs_install: true,
            });
        }
        if text.contains("[tool.mypy") {
            out.push(DiagnosticsProposal {
                id: "mypy-diagnostics",
                run: "mypy --output json .",
                why: "pyproject.toml configures mypy: type errors per code (needs `pip install mypy`).",
                needs_install: true,
            });
        }
    }
    if has("Cargo.toml") {
        out.push(DiagnosticsProposal {
            id: "rust-diagnostics",
            run: "cargo clippy --all-targets --message-format=json",
            why: "Cargo.toml: rustc and Clippy diagnostics per lint (Clippy comes with the Rust toolchain).",
            needs_install: false,
        });
    }
    if has("go.mod") {
        out.push(DiagnosticsProposal {
            id: "vet-diagnostics",
            run: "go vet -json ./... 2>&1",
            why: "go.mod: `go vet` findings per analyzer (go vet comes with Go; -json writes to stderr).",
            needs_install: false,
        });
    }
    out
}

/// A command gate `init` proposes.
#[derive(Debug, Clone)]
pub struct CommandGate {
    pub id: &'static str,
    pub run: String,
    pub why: String,
    pub count: Option<&'static str>,
    pub thresholds: Option<&'static str>,
    /// The program the command needs, and how to install it, when it is not installed here
    /// (`init` then writes the gate commented out, saying so).
    pub missing: Option<(&'static str, &'static str)>,
}

/// Whether `program` is an executable file in one of the `PATH` folders.
pub fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|d| {
        let p = d.join(program);
        std::fs::metadata(&p).is_ok_and(|m| {
            use std::os::unix::fs::PermissionsExt;
            m.is_file() && m.permissions().mode() & 0o111 != 0
        })
    })
}

/// `Some((program, install hint))` when `program` is not installed.
fn need(program: &'static str, install: &'static str) -> Option<(&'static str, &'static str)> {
    (!on_path(program)).then_some((program, install))
}

/// A repo file's text, through the shared read cache (empty when absent or not text).
fn text_of(repo: &RepoIndex, rel: &str) -> String {
    repo.get(rel)
        .and_then(|f| repo.text(f).ok().flatten())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn commands(repo: &RepoIndex) -> Vec<CommandGate> {
    let mut out = Vec::new();
    let has = |p: &str| repo.get(p).is_some();
    if has("package.json") {
        let text = text_of(repo, "package.json");
        let scripts: Vec<String> = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| {
                v.get("scripts")
                    .and_then(|s| s.as_object())
                    .map(|o| o.keys().cloned().collect())
            })
            .unwrap_or_default();
        for (script, id) in [("build", "build"), ("lint", "lint"), ("test", "test")] {
            if scripts.iter().any(|s| s == script) {
                out.push(CommandGate {
                    id,
                    run: format!("npm run {script}"),
                    why: format!("package.json has a `{script}` script; the gate fails when it exits non-zero."),
                    count: None,
                    thresholds: None,
                    missing: need("npm", "install Node.js"),
                });
            }
        }
        if has("tsconfig.json") {
            out.push(CommandGate {
                id: "typescript",
                run: "npx --no-install tsc --noEmit".into(),
                why: "tsconfig.json: count the TypeScript errors; raise the limit only to adopt gradually.".into(),
                count: Some("error TS\\d+"),
                thresholds: Some("matches == 0"),
                missing: if repo.root().join("node_modules/.bin/tsc").is_file() || on_path("tsc") {
                    None
                } else {
                    Some(("tsc", "npm install --save-dev typescript"))
                },
            });
        }
    }
    if has("Cargo.toml") {
        // `--locked` fails without a Cargo.lock (a library that does not commit one).
        let locked = if repo.root().join("Cargo.lock").is_file() {
            " --locked"
        } else {
            ""
        };
        out.push(CommandGate {
            id: "clippy",
            run: format!("cargo clippy --all-targets{locked} -- -D warnings"),
            why: "Cargo.toml: the Rust lints, warnings denied, as CI runs them.".into(),
            count: None,
            thresholds: None,
            missing: need("cargo-clippy", "rustup component add clippy"),
        });
    }
    if has("pyproject.toml") {
        let text = text_of(repo, "pyproject.toml");
        if text.contains("[tool.ruff") {
            out.push(CommandGate {
                id: "ruff",
                run: "ruff check .".into(),
                why: "pyproject.toml configures ruff.".into(),
                count: None,
                thresholds: None,
                missing: need("ruff", "pip install ruff"),
            });
        }
        if text.contains("[tool.mypy") {
            out.push(CommandGate {
                id: "mypy",
                run: "mypy .".into(),
                why: "pyproject.toml configures mypy: count its errors.".into(),
                count: Some(": error:"),
                thresholds: Some("matches == 0"),
                missing: need("mypy", "pip install mypy"),
            });
        }
    }
    if has("go.mod") {
        out.push(CommandGate {
            id: "vet",
            run: "go vet ./...".into(),
            why: "go.mod: `go vet` finds suspicious constructs the compiler accepts.".into(),
            count: None,
            thresholds: None,
            missing: need("go", "install Go from https://go.dev/dl/"),
        });
    }
    out
}

/// Whether a Markdown file holds a top-level XML element outside code fences.
fn markdown_has_xml(text: &str) -> bool {
    let mut fenced = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if !fenced && line.starts_with('<') {
            let name: String = line[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            let html = [
                "br", "p", "div", "img", "a", "details", "summary", "table", "sub", "sup", "!--",
            ];
            if !name.is_empty()
                && !html.contains(&name.to_ascii_lowercase().as_str())
                && line.trim_end().ends_with('>')
            {
                return true;
            }
        }
    }
    false
}

pub fn detect(root: &Path, repo: &RepoIndex) -> Detected {
    let mut d = Detected::default();
    let mut md_dirs: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for f in repo.files() {
        if f.lang == Some(Lang::Markdown)
            && repo.size(f) < 1_000_000
            && let Ok(Some(b)) = repo.text(f)
            && markdown_has_xml(&String::from_utf8_lossy(&b))
        {
            let dir = f.rel.rsplit_once('/').map(|x| x.0).unwrap_or("");
            md_dirs.insert(if dir.is_empty() {
                "*.md".to_string()
            } else {
                format!("{dir}/**/*.md")
            });
        }
        if f.rel.starts_with(".github/workflows/")
            || f.rel == ".gitlab-ci.yml"
            || f.rel == "Jenkinsfile"
            || f.rel.starts_with(".circleci/")
        {
            d.ci_files.push(f.rel.clone());
        }
        if f.lang == Some(Lang::Json)
            && repo.size(f) < 5_000_000
            && (f.rel.contains("bench") || f.rel.contains("perf"))
            && let Ok(Some(text)) = repo.text(f)
            && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&text)
            && let Some(first) = v
                .get("results")
                .and_then(|r| r.as_array())
                .and_then(|a| a.first())
            && let (Some(cmd), Some(mean)) = (
                first.get("command").and_then(|c| c.as_str()),
                first.get("mean").and_then(|m| m.as_f64()),
            )
        {
            d.hyperfine.push((f.rel.clone(), cmd.to_string(), mean));
        }
        match f.lang {
            Some(Lang::Xml) if f.rel.ends_with(".xml") => d.xml_files += 1,
            Some(
                l @ (Lang::Rust | Lang::Python | Lang::JavaScript | Lang::TypeScript | Lang::Go),
            ) => *d.languages.entry(l.name()).or_default() += 1,
            _ => {}
        }
    }
    d.markdown_xml = md_dirs.into_iter().collect();
    d.commands = commands(repo);
    d.diagnostics = diagnostics_proposals(repo);
    d.coverage_reports = COVERAGE_REPORTS
        .iter()
        .filter(|p| root.join(p).is_file())
        .map(|p| p.to_string())
        .collect();
    for pat in JUNIT_REPORTS {
        let found = crate::reports_glob::expand(root, &[pat.to_string()]).unwrap_or_default();
        if !found.is_empty() {
            d.junit_reports.push(pat.to_string());
        }
    }
    d
}

fn quote(list: &[String]) -> String {
    list.iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The gates for a detection, as a commented `gates.toml`, and their ids.
pub fn render(d: &Detected, commented: bool) -> (String, Vec<String>) {
    let mut s = String::new();
    let mut ids = Vec::new();
    let c = |s: &mut String, text: &str| {
        if commented {
            for line in text.lines() {
                let _ = writeln!(s, "# {line}");
            }
        }
    };
    c(
        &mut s,
        "gates.toml — written by `gatekeep init` from what is in this repo.\n\
         Each gate's thresholds are its kind's defaults; `gatekeep explain <kind>` lists the\n\
         options and metrics. Check it with `gatekeep validate`, run it with `gatekeep check`.",
    );
    if commented {
        let total: usize = d.languages.values().sum();
        if total > 0 {
            let share: Vec<String> = d
                .languages
                .iter()
                .map(|(l, n)| format!("{l} {:.0}%", *n as f64 * 100.0 / total as f64))
                .collect();
            c(
                &mut s,
                &format!(
                    "Languages (share of {total} code file{}): {}.",
                    if total == 1 { "" } else { "s" },
                    share.join(", ")
                ),
            );
        }
        if !d.ci_files.is_empty() {
            c(
                &mut s,
                &format!(
                    "CI: {} — add `gatekeep check` as a step (see docs/CI.md).",
                    d.ci_files.join(", ")
                ),
            );
        }
        s.push_str("\n[project]\n# exclude = [\"vendor/**\"]   # on top of .gitignore\n\n");
    }
    c(
        &mut s,
        "Built-in security rules over the source tree; always on.\nAdd `reports = [...]` for SARIF / npm audit / cargo-audit / pip-audit output.",
    );
    s.push_str("[gates.security]\n\n");
    ids.push("security".to_string());
    if !d.languages.is_empty() {
        let langs: Vec<String> = d
            .languages
            .iter()
            .map(|(l, n)| format!("{l} ({n} files)"))
            .collect();
        c(
            &mut s,
            &format!(
                "Documentation coverage of public items: found {}.",
                langs.join(", ")
            ),
        );
        s.push_str("[gates.docs]\n\n");
        ids.push("docs".to_string());
    }
    if d.xml_files > 0 || !d.markdown_xml.is_empty() {
        c(
            &mut s,
            &format!(
                "XML well-formedness: {} XML files{}.",
                d.xml_files,
                if d.markdown_xml.is_empty() {
                    ""
                } else {
                    ", and Markdown files with XML structure (prompt templates)"
                }
            ),
        );
        s.push_str("[gates.xml]\n");
        if !d.markdown_xml.is_empty() {
            let _ = writeln!(s, "markdown = [{}]", quote(&d.markdown_xml));
        }
        s.push('\n');
        ids.push("xml".to_string());
    }
    if !d.coverage_reports.is_empty() {
        c(
            &mut s,
            "Coverage from the reports found; raise the threshold as coverage grows.",
        );
        let _ = writeln!(
            s,
            "[gates.coverage]\nreports = [{}]\n",
            quote(&d.coverage_reports)
        );
        ids.push("coverage".to_string());
    }
    if !d.junit_reports.is_empty() {
        c(&mut s, "Test results from the JUnit reports found.");
        let _ = writeln!(
            s,
            "[gates.tests]\nkind = \"junit\"\nreports = [{}]\n",
            quote(&d.junit_reports)
        );
        ids.push("tests".to_string());
    }
    if commented {
        for (i, (path, name, mean)) in d.hyperfine.iter().enumerate() {
            let id = if i == 0 {
                "perf".to_string()
            } else {
                format!("perf{}", i + 1)
            };
            c(
                &mut s,
                &format!(
                    "hyperfine results in {path}: `{name}` takes {} now; the threshold leaves 20% headroom.",
                    crate::threshold::format_value(*mean, &crate::model::Unit::Seconds)
                ),
            );
            let limit = crate::threshold::trim_num(mean * 1.2 * 1000.0, 0);
            let _ = writeln!(
                s,
                "[gates.{id}]\nkind = \"perf\"\nsources = [{{ path = {path:?}, format = \"hyperfine\" }}]\nthresholds = [{:?}]\n",
                format!("{name}.mean < {limit}ms")
            );
            ids.push(id);
        }
        for g in &d.commands {
            c(&mut s, &g.why);
            let mut gate = format!(
                "[gates.{}]\nkind = \"command\"\nrun = {:?}\ntimeout = \"10m\"\n",
                g.id, g.run
            );
            if let Some(re) = g.count {
                let _ = writeln!(gate, "count = '{}'", re.replace("\\\\", "\\"));
            }
            if let Some(t) = g.thresholds {
                let _ = writeln!(gate, "thresholds = [{t:?}]");
            }
            match g.missing {
                // Written, but commented out: it would fail (command not found) until installed.
                Some((program, install)) => {
                    let _ = writeln!(
                        s,
                        "# Needs `{program}`, which is not installed here ({install}); uncomment once it is."
                    );
                    for line in gate.lines() {
                        let _ = writeln!(s, "# {line}");
                    }
                }
                None => {
                    s.push_str(&gate);
                    ids.push(g.id.to_string());
                }
            }
            s.push('\n');
        }
        for g in &d.diagnostics {
            c(&mut s, g.why);
            let prefix = if g.needs_install { "# " } else { "" };
            let gate = format!(
                "[gates.{}]\nkind = \"diagnostics\"\nrun = {:?}\ntimeout = \"10m\"\nthresholds = [\"errors == 0\"]\n",
                g.id, g.run
            );
            for line in gate.lines() {
                let _ = writeln!(s, "{prefix}{line}");
            }
            s.push('\n');
            if !g.needs_install {
                ids.push(g.id.to_string());
            }
        }
        s.push_str(
            "# A waiver accepts a failing condition until it expires:\n\
             # [[waivers]]\n# gate = \"coverage\"\n# metric = \"line\"\n# reason = \"…\"\n# owner = \"qa-lead\"\n# expires = 2030-01-01\n",
        );
    }
    (s, ids)
}

/// The config `check` uses when there is none.
pub fn config_for(root: &Path, repo: &RepoIndex) -> Result<(Config, Vec<String>), ConfigError> {
    let (text, ids) = render(&detect(root, repo), false);
    let cfg = parse(&text, "<default gates>", Syntax::Toml, root)?;
    Ok((cfg, ids))
}

/// The commented config `init` writes.
pub fn init_toml(root: &Path, repo: &RepoIndex) -> String {
    render(&detect(root, repo), true).0
}

/// Files that mark a project folder.
const MANIFESTS: &[&str] = &[
    "package.json",
    "Cargo.toml",
    "pyproject.toml",
    "setup.py",
    "go.mod",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
];

/// The member globs a monorepo declares — npm/yarn `workspaces`, `pnpm-workspace.yaml`, Cargo's
/// `[workspace] members`, `go.work` — and where they were declared.
fn declared_members(repo: &RepoIndex) -> (Vec<String>, Vec<&'static str>) {
    let mut globs = Vec::new();
    let mut from = Vec::new();
    let clean = |g: &str| {
        g.trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .trim_start_matches("./")
            .trim_end_matches('/')
            .to_string()
    };
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text_of(repo, "package.json")) {
        let list = v.get("workspaces").and_then(|w| {
            w.as_array()
                .or_else(|| w.get("packages").and_then(|p| p.as_array()))
        });
        if let Some(list) = list {
            globs.extend(list.iter().filter_map(|g| g.as_str()).map(clean));
            from.push("package.json `workspaces`");
        }
    }
    let pnpm = text_of(repo, "pnpm-workspace.yaml");
    if !pnpm.is_empty() {
        let mut in_packages = false;
        for line in pnpm.lines() {
            if !line.starts_with([' ', '-']) {
                in_packages = line.trim_end() == "packages:";
            } else if in_packages && let Some(g) = line.trim().strip_prefix('-') {
                globs.push(clean(g));
            }
        }
        from.push("pnpm-workspace.yaml");
    }
    if let Ok(v) = text_of(repo, "Cargo.toml").parse::<toml::Table>()
        && let Some(list) = v
            .get("workspace")
            .and_then(|w| w.get("members"))
            .and_then(|m| m.as_array())
    {
        globs.extend(list.iter().filter_map(|g| g.as_str()).map(clean));
        from.push("Cargo.toml `[workspace] members`");
    }
    let gowork = text_of(repo, "go.work");
    if !gowork.is_empty() {
        let mut in_use = false;
        for line in gowork.lines() {
            let t = line.trim();
            if let Some(rest) = t.strip_prefix("use") {
                let rest = rest.trim();
                if rest == "(" {
                    in_use = true;
                } else if !rest.is_empty() {
                    globs.push(clean(rest));
                }
            } else if in_use {
                if t == ")" {
                    in_use = false;
                } else if !t.is_empty() && !t.starts_with("//") {
                    globs.push(clean(t));
                }
            }
        }
        from.push("go.work");
    }
    globs.retain(|g| !g.is_empty() && g != "." && !g.starts_with('!'));
    globs.sort();
    globs.dedup();
    (globs, from)
}

/// A monorepo: its member globs, the member folders they match (each with a project
/// manifest), and where the members were declared. `None` for fewer than two members.
pub fn monorepo(repo: &RepoIndex) -> Option<(Vec<String>, Vec<String>, Vec<&'static str>)> {
    let (globs, from) = declared_members(repo);
    if globs.is_empty() {
        return None;
    }
    let set = crate::walk::glob_set(globs.iter().map(String::as_str)).ok()?;
    let mut folders: Vec<String> = repo
        .files()
        .iter()
        .filter_map(|f| f.rel.rsplit_once('/'))
        .filter(|(dir, name)| MANIFESTS.contains(name) && set.is_match(dir))
        .map(|(dir, _)| dir.to_string())
        .collect();
    folders.sort();
    folders.dedup();
    (folders.len() >= 2).then_some((globs, folders, from))
}

/// What `gatekeep init` writes: `gates.toml` at the root, and in a monorepo a root config with
/// `[workspace]` plus one `gates.toml` per member that has none (relative paths, texts).
pub fn init_files(root: &Path, repo: &RepoIndex) -> Vec<(String, String)> {
    let Some((globs, folders, from)) = monorepo(repo) else {
        return vec![("gates.toml".into(), init_toml(root, repo))];
    };
    let mut out = vec![(
        "gates.toml".to_string(),
        format!(
            "# gates.toml — written by `gatekeep init`: a monorepo (members declared in {}).\n\
             # Each member has its own gates.toml, written next to it; `gatekeep check` checks them\n\
             # all, `--member NAME` one, `--changed --base REV` those a change touches.\n\n\
             [project]\n# exclude = [\"vendor/**\"]   # on top of .gitignore; members inherit it\n\n\
             [workspace]\nmembers = [{}]\n",
            from.join(", "),
            quote(&globs)
        ),
    )];
    for f in folders {
        let rel = format!("{f}/gates.toml");
        if super::find(&root.join(&f)).is_none() {
            out.push((rel, init_toml(&root.join(&f), &repo.member(&f))));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_gates_from_what_is_there() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("src")).unwrap();
        std::fs::create_dir_all(r.join("target/nextest/ci")).unwrap();
        std::fs::write(r.join("src/lib.rs"), "pub fn f() {}\n").unwrap();
        std::fs::write(r.join("pom.xml"), "<project/>").unwrap();
        std::fs::write(r.join("lcov.info"), "").unwrap();
        std::fs::write(r.join("target/nextest/ci/junit.xml"), "<testsuites/>").unwrap();
        let repo = RepoIndex::scan(r, &globset::GlobSet::empty(), 1).unwrap();
        let (cfg, ids) = config_for(r, &repo).unwrap();
        assert_eq!(ids, vec!["security", "docs", "xml", "coverage", "tests"]);
        assert_eq!(cfg.gates.len(), 5);
        let text = init_toml(r, &repo);
        assert!(text.contains("# Documentation coverage of public items: found rust (1 files)."));
        parse(&text, "init", Syntax::Toml, r).unwrap();
    }

    #[test]
    fn init_proposes_diagnostics_gates_commented_where_an_install_is_needed() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::write(r.join("tsconfig.json"), "{}").unwrap();
        std::fs::write(r.join("eslint.config.js"), "module.exports = [];\n").unwrap();
        std::fs::write(r.join("pyproject.toml"), "[tool.ruff]\n[tool.mypy]\n").unwrap();
        std::fs::write(r.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        std::fs::write(r.join("go.mod"), "module x\n").unwrap();
        let repo = RepoIndex::scan(r, &globset::GlobSet::empty(), 1).unwrap();
        let text = init_toml(r, &repo);
        for id in ["tsc", "eslint", "ruff", "mypy"] {
            assert!(
                text.contains(&format!(
                    "# [gates.{id}-diagnostics]\n# kind = \"diagnostics\""
                )),
                "{id}: {text}"
            );
        }
        assert!(text.contains("\n[gates.rust-diagnostics]\nkind = \"diagnostics\"\nrun = \"cargo clippy --all-targets --message-format=json\""));
        assert!(text.contains("\n[gates.vet-diagnostics]\nkind = \"diagnostics\""));
        // The proposal is a valid config, and the commented-out ones are too once uncommented.
        let cfg = parse(&text, "init", Syntax::Toml, r).unwrap();
        assert!(cfg.gates.iter().any(|g| g.id == "rust-diagnostics"));
        let mut in_diag = false;
        let uncommented = text
            .replace("# kind = \"diagnostics\"", "kind = \"diagnostics\"")
            .lines()
            .map(|l| {
                if l.starts_with("# [gates.") {
                    in_diag = l.ends_with("-diagnostics]");
                    if in_diag {
                        return l["# ".len()..].to_string();
                    }
                }
                if l.starts_with("[gates.") {
                    in_diag = false;
                }
                if !in_diag {
                    return l.to_string();
                }
                l.strip_prefix("# run = ")
                    .map(|r| format!("run = {r}"))
                    .or_else(|| {
                        l.strip_prefix("# timeout = ")
                            .map(|r| format!("timeout = {r}"))
                    })
                    .or_else(|| {
                        l.strip_prefix("# thresholds = ")
                            .map(|r| format!("thresholds = {r}"))
                    })
                    .unwrap_or_else(|| l.to_string())
            })
            .collect::<Vec<_>>()
            .join("\n");
        let cfg = parse(&uncommented, "init", Syntax::Toml, r).unwrap();
        assert!(cfg.gates.iter().any(|g| g.id == "tsc-diagnostics"));
    }

    #[test]
    fn empty_repo_gets_security_only() {
        let d = tempfile::tempdir().unwrap();
        let repo = RepoIndex::scan(d.path(), &globset::GlobSet::empty(), 1).unwrap();
        let (_, ids) = config_for(d.path(), &repo).unwrap();
        assert_eq!(ids, vec!["security"]);
    }
}
