//! Expands `reports = [...]` globs. Report files are usually git-ignored build output
//! (`target/`, `coverage/`), so this deliberately does not use the `.gitignore`-aware repo walk.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

fn has_glob_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// The part of a pattern that names a path literally: the whole pattern when it has no glob
/// character, else its folders before the first one (`reports/**/*.xml` → `reports`). Every file
/// a pattern matches is this path or a real file below it: the walk follows no symbolic link.
pub fn literal_part(pat: &str) -> PathBuf {
    let pat = pat.strip_prefix("./").unwrap_or(pat);
    if !has_glob_meta(pat) {
        return PathBuf::from(pat);
    }
    let lit: PathBuf = pat
        .split('/')
        .take_while(|p| !has_glob_meta(p))
        .filter(|p| !p.is_empty())
        .collect();
    if pat.starts_with('/') {
        Path::new("/").join(lit)
    } else {
        lit
    }
}

/// Expands each pattern relative to `base`: a literal path is kept when it exists, a glob walks
/// only below its literal leading folders (skipping `.git`). Results are sorted and deduplicated.
pub fn expand(base: &Path, patterns: &[String]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for pat in patterns {
        let pat = pat.strip_prefix("./").unwrap_or(pat);
        if !has_glob_meta(pat) {
            let p = base.join(pat);
            if p.is_file() {
                out.push(p);
            }
            continue;
        }
        let parts: Vec<&str> = pat.split('/').collect();
        let lit = parts.iter().take_while(|p| !has_glob_meta(p)).count();
        let mut prefix: PathBuf = parts[..lit].iter().filter(|p| !p.is_empty()).collect();
        if pat.starts_with('/') {
            prefix = Path::new("/").join(prefix);
        }
        let start = base.join(&prefix);
        if !start.is_dir() {
            continue;
        }
        let rest = parts[lit..].join("/");
        let matcher = crate::walk::glob(&rest)
            .with_context(|| format!("invalid glob `{pat}`"))?
            .compile_matcher();
        let names_hidden = rest.split('/').any(|c| c.starts_with('.'));
        for e in walkdir::WalkDir::new(&start)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| {
                let n = e.file_name().to_string_lossy();
                e.depth() == 0
                    || !(n == ".git" || (n == "node_modules" && !rest.contains("node_modules")))
            })
            .flatten()
        {
            if !e.file_type().is_file() {
                continue;
            }
            let Ok(rel) = e.path().strip_prefix(&start) else {
                continue;
            };
            let rel = crate::walk::rel_string(rel);
            if !names_hidden
                && rel.split('/').any(|c| c.starts_with('.'))
                && !rest.starts_with("**")
            {
                continue;
            }
            if matcher.is_match(&rel) {
                out.push(e.into_path());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_part_is_the_path_before_the_first_glob() {
        assert_eq!(literal_part("coverage.xml"), PathBuf::from("coverage.xml"));
        assert_eq!(
            literal_part("./target/nextest/**/junit.xml"),
            PathBuf::from("target/nextest")
        );
        assert_eq!(literal_part("*.xml"), PathBuf::new());
        assert_eq!(literal_part("/abs/r/TEST-*.xml"), PathBuf::from("/abs/r"));
    }

    #[test]
    fn expands_literals_and_globs_in_ignored_folders() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("target/nextest/ci")).unwrap();
        std::fs::create_dir_all(r.join("surefire")).unwrap();
        std::fs::write(r.join(".gitignore"), "target/\n").unwrap();
        std::fs::write(r.join("target/nextest/ci/junit.xml"), "<x/>").unwrap();
        std::fs::write(r.join("surefire/TEST-a.xml"), "<x/>").unwrap();
        std::fs::write(r.join("surefire/TEST-b.xml"), "<x/>").unwrap();
        std::fs::write(r.join("coverage.xml"), "<x/>").unwrap();
        let got = expand(
            r,
            &[
                "target/nextest/**/junit.xml".into(),
                "surefire/TEST-*.xml".into(),
                "coverage.xml".into(),
                "missing.xml".into(),
            ],
        )
        .unwrap();
        let abs = expand(
            Path::new("/nonexistent"),
            &[format!("{}/surefire/TEST-*.xml", r.display())],
        )
        .unwrap();
        assert_eq!(abs.len(), 2, "absolute globs work whatever the base");
        let rels: Vec<String> = got
            .iter()
            .map(|p| crate::walk::rel_string(p.strip_prefix(r).unwrap()))
            .collect();
        assert_eq!(
            rels,
            vec![
                "coverage.xml",
                "surefire/TEST-a.xml",
                "surefire/TEST-b.xml",
                "target/nextest/ci/junit.xml"
            ]
        );
    }
}
