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
    pub coverage_reports: Vec<String>,
    pub junit_reports: Vec<String>,
}

pub fn detect(root: &Path, repo: &RepoIndex) -> Detected {
    let mut d = Detected::default();
    for f in repo.files() {
        match f.lang {
            Some(Lang::Xml) if f.rel.ends_with(".xml") => d.xml_files += 1,
            Some(
                l @ (Lang::Rust | Lang::Python | Lang::JavaScript | Lang::TypeScript | Lang::Go),
            ) => *d.languages.entry(l.name()).or_default() += 1,
            _ => {}
        }
    }
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
    if d.xml_files > 0 {
        c(
            &mut s,
            &format!("XML well-formedness: {} XML files.", d.xml_files),
        );
        s.push_str("[gates.xml]\n\n");
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
    fn empty_repo_gets_security_only() {
        let d = tempfile::tempdir().unwrap();
        let repo = RepoIndex::scan(d.path(), &globset::GlobSet::empty(), 1).unwrap();
        let (_, ids) = config_for(d.path(), &repo).unwrap();
        assert_eq!(ids, vec!["security"]);
    }
}
