//! Required project files: `README`, `LICENSE`, `CHANGELOG`, … at the repository root.
//!
//! A name matches case-insensitively with any extension or suffix (`README.md`, `license.txt`,
//! `LICENSE-MIT`), and the usual synonyms count: `LICENCE`/`COPYING` for `LICENSE`,
//! `HISTORY`/`CHANGES`/`NEWS` for `CHANGELOG`. An empty (or whitespace-only) file is missing.

use crate::model::{Finding, Severity};
use crate::walk::RepoIndex;

/// The names that satisfy a required name.
pub fn synonyms(required: &str) -> Vec<String> {
    let up = required.to_ascii_uppercase();
    let group: &[&str] = match up.as_str() {
        "LICENSE" | "LICENCE" | "COPYING" => &["LICENSE", "LICENCE", "COPYING"],
        "CHANGELOG" | "HISTORY" | "CHANGES" | "NEWS" => {
            &["CHANGELOG", "HISTORY", "CHANGES", "NEWS"]
        }
        _ => &[],
    };
    if group.is_empty() {
        vec![up]
    } else {
        group.iter().map(|s| s.to_string()).collect()
    }
}

/// Whether a root file name satisfies `name` (upper case): equal, or followed by `.`, `-`, `_`.
fn name_matches(file: &str, name: &str) -> bool {
    let f = file.to_ascii_uppercase();
    match f.strip_prefix(name) {
        Some("") => true,
        Some(rest) => rest.starts_with(['.', '-', '_']),
        None => false,
    }
}

/// Checks the required files; returns the number missing and a finding for each.
pub fn check(repo: &RepoIndex, required: &[String]) -> anyhow::Result<(u64, Vec<Finding>)> {
    let mut missing = 0;
    let mut findings = Vec::new();
    for req in required {
        let names = synonyms(req);
        let mut found_empty: Option<String> = None;
        let mut ok = false;
        for f in repo.files().iter().filter(|f| !f.rel.contains('/')) {
            if !names.iter().any(|n| name_matches(&f.rel, n)) {
                continue;
            }
            let empty = repo.size(f) == 0 || repo.bytes(f)?.iter().all(|b| b.is_ascii_whitespace());
            if empty {
                found_empty.get_or_insert_with(|| f.rel.clone());
            } else {
                ok = true;
                break;
            }
        }
        if ok {
            continue;
        }
        missing += 1;
        let looked = names.join(", ");
        let f = match found_empty {
            Some(rel) => Finding::new(
                "docs/missing-file",
                Severity::Medium,
                format!("required file {req} is empty"),
            )
            .at(rel, None, None),
            None => Finding::new(
                "docs/missing-file",
                Severity::Medium,
                format!(
                    "required file {req} is missing (looked for {looked}, any case and extension, at the repository root)"
                ),
            ),
        };
        findings.push(f);
    }
    Ok((missing, findings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_synonyms() {
        assert!(name_matches("readme.md", "README"));
        assert!(name_matches("README", "README"));
        assert!(name_matches("LICENSE-MIT", "LICENSE"));
        assert!(!name_matches("READMEFIRST", "README"));
        assert!(synonyms("changelog").contains(&"HISTORY".to_string()));
        assert!(synonyms("License").contains(&"COPYING".to_string()));
        assert_eq!(synonyms("CONTRIBUTING"), ["CONTRIBUTING"]);
    }

    #[test]
    fn empty_and_nested_files_do_not_count() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("Readme.rst"), "hello").unwrap();
        std::fs::write(d.path().join("COPYING"), "  \n").unwrap();
        std::fs::create_dir(d.path().join("docs")).unwrap();
        std::fs::write(d.path().join("docs/CHANGELOG.md"), "x").unwrap();
        std::fs::write(d.path().join("NEWS.txt"), "x").unwrap();
        let idx = RepoIndex::scan(d.path(), &globset::GlobSet::empty(), 1).unwrap();
        let req =
            |v: &[&str]| check(&idx, &v.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        assert_eq!(req(&["README"]).0, 0);
        let (n, f) = req(&["LICENSE"]);
        assert_eq!(n, 1);
        assert!(f[0].message.contains("empty"), "{f:?}");
        assert_eq!(
            req(&["CHANGELOG"]).0,
            0,
            "NEWS.txt at the root is a synonym"
        );
        assert_eq!(req(&["CONTRIBUTING"]).0, 1);
    }
}
