//! Monorepos: a root config with `[workspace] members = ["services/*"]`. Each member has its own
//! config and inherits the root's `[project] exclude` (through the one shared walk) and waivers.
//! One run checks every member's gates concurrently; the report lists each member's verdict,
//! then the overall one.

use crate::config::{self, Config};
use crate::walk::{RepoIndex, glob_set};
use anyhow::Context;
use std::collections::BTreeSet;
use std::path::Path;

/// A member folder with its loaded config.
pub struct Member {
    /// The folder, relative to the root (`services/api`).
    pub name: String,
    pub config: Config,
    pub repo: RepoIndex,
}

const CONFIG_NAMES: &[&str] = &["gates.toml", "gates.yaml", "gates.yml"];

/// Finds the member folders: folders matching a `members` glob that hold a config file.
/// Returns the members and the matching folders that have no config (a warning each).
pub fn discover(root_cfg: &Config, repo: &RepoIndex) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let Some(ws) = &root_cfg.workspace else {
        return Ok((Vec::new(), Vec::new()));
    };
    // The config's folder relative to the repo root (members are relative to it).
    let base = root_cfg
        .dir
        .strip_prefix(repo.root())
        .map(crate::walk::rel_string)
        .unwrap_or_default();
    let globs: Vec<String> = ws
        .members
        .iter()
        .map(|m| {
            let m = m.value.trim_end_matches('/');
            if base.is_empty() {
                m.to_string()
            } else {
                format!("{base}/{m}")
            }
        })
        .collect();
    let set = glob_set(globs.iter().map(String::as_str)).context("invalid member glob")?;
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    let mut with_config: BTreeSet<String> = BTreeSet::new();
    // Each folder is tested once (files are sorted, so a folder's files are consecutive, and
    // an ancestor already seen has been tested): 50,000 files are a few hundred folders.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut last_dir = None;
    for f in repo.files() {
        let Some((dir, name)) = f.rel.rsplit_once('/') else {
            continue;
        };
        if last_dir != Some(dir) {
            last_dir = Some(dir);
            // Every ancestor folder of the file could be a member.
            let mut d = dir;
            while seen.insert(d) {
                if set.is_match(d) {
                    dirs.insert(d.to_string());
                }
                match d.rsplit_once('/') {
                    Some((parent, _)) => d = parent,
                    None => break,
                }
            }
        }
        if CONFIG_NAMES.contains(&name) && set.is_match(dir) {
            with_config.insert(dir.to_string());
        }
    }
    // Members that are symbolic links to folders: the walk does not follow links (a link
    // could lead out of the repository or round in a circle), so look for them by name.
    let depth = globs
        .iter()
        .map(|g| {
            if g.contains("**") {
                MAX_LINK_DEPTH
            } else {
                g.split('/').count()
            }
        })
        .max()
        .unwrap_or(1);
    for (rel, target) in linked_dirs(repo.root(), depth) {
        if !set.is_match(&rel) {
            continue;
        }
        if CONFIG_NAMES.iter().any(|c| target.join(c).is_file()) {
            with_config.insert(rel);
        } else {
            dirs.insert(rel);
        }
    }
    let missing = dirs.difference(&with_config).cloned().collect();
    Ok((with_config.into_iter().collect(), missing))
}

/// How deep below the root a `**` member glob looks for symbolic links.
const MAX_LINK_DEPTH: usize = 8;

/// Symbolic links to folders below `root` (at most `depth` levels down), repo-relative, with
/// their targets; `.gitignore` is honoured, `.git/` and `.gatekeep/` are not entered.
fn linked_dirs(root: &Path, depth: usize) -> Vec<(String, std::path::PathBuf)> {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .parents(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .max_depth(Some(depth))
        .filter_entry(|e| !crate::walk::STATE_DIRS.iter().any(|d| e.file_name() == *d))
        .build();
    let mut out = Vec::new();
    for e in walker.flatten() {
        if !e.path_is_symlink() {
            continue;
        }
        let Ok(target) = std::fs::canonicalize(e.path()) else {
            continue;
        };
        if !target.is_dir() {
            continue;
        }
        if let Ok(rel) = e.path().strip_prefix(root) {
            out.push((crate::walk::rel_string(rel), target));
        }
    }
    out
}

/// The config file of a folder: the one of gates.toml, gates.yaml, gates.yml that exists. Two
/// or more are refused, naming them: gatekeep would read one and silently ignore the other,
/// whose gates a reader of the repo may believe are checked.
pub fn find_config(dir: &Path) -> Result<Option<std::path::PathBuf>, String> {
    let found: Vec<std::path::PathBuf> = CONFIG_NAMES
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        many => Err(format!(
            "{} has {}: gatekeep reads one config per folder; delete or rename all but one, or \
             name one with -c FILE",
            dir.display(),
            many.iter()
                .filter_map(|p| p.file_name())
                .map(|n| format!("`{}`", n.to_string_lossy()))
                .collect::<Vec<_>>()
                .join(" and ")
        )),
    }
}

/// Loads one member: its config (first of gates.toml, .yaml, .yml) with the root's waivers
/// added, and its view of the shared walk minus its own excludes.
pub fn load_member(
    name: &str,
    root_cfg: &Config,
    repo: &RepoIndex,
) -> Result<Member, config::ConfigError> {
    let dir = repo.root().join(name);
    let file = find_config(&dir)
        .map_err(|m| config::ConfigError::Io {
            path: dir.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, m),
        })?
        .ok_or_else(|| config::ConfigError::Io {
            path: dir.display().to_string(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no gates.toml in the member",
            ),
        })?;
    let mut cfg = config::load(&file)?;
    cfg.waivers.extend(root_cfg.waivers.iter().cloned());
    let excludes = glob_set(cfg.project.exclude.iter().map(String::as_str))
        .unwrap_or_else(|_| globset::GlobSet::empty());
    let view = if dir.is_symlink() {
        // A linked member is not in the shared walk: walk it on its own, with the root's
        // excludes too.
        let root_excludes = glob_set(root_cfg.project.exclude.iter().map(String::as_str))
            .unwrap_or_else(|_| globset::GlobSet::empty());
        RepoIndex::scan(&dir, &root_excludes, crate::gates::threads())
            .map_err(|e| config::ConfigError::Io {
                path: dir.display().to_string(),
                source: std::io::Error::other(format!("{e:#}")),
            })?
            .without(&excludes)
    } else {
        repo.member(name).without(&excludes)
    };
    Ok(Member {
        name: name.to_string(),
        config: cfg,
        repo: view,
    })
}

/// Whether a member's name matches `--member` (its folder, or the folder's last part).
pub fn selected(name: &str, wanted: &[String]) -> bool {
    wanted.is_empty()
        || wanted
            .iter()
            .any(|w| w == name || name.rsplit('/').next() == Some(w.as_str()))
}

/// Files the change since the merge base of `base` and HEAD touches (committed, staged, unstaged
/// and untracked; both sides of a rename), repo-relative: the same change every gate sees.
pub fn changed_files(root: &Path, base: &str) -> anyhow::Result<Vec<String>> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let c = crate::changes::changed_lines(root, base, deadline, &crate::cancel::Cancel::default())?;
    Ok(c.files.clone())
}

/// Whether any changed file is in the member's folder.
pub fn touched(member: &str, changed: &[String]) -> bool {
    let dir = format!("{member}/");
    changed.iter().any(|c| c.starts_with(&dir))
}

/// A finding path of a member's gate (relative to the member's folder, or absolute) made
/// relative to the repository root, as every output format shows paths (SPEC §4): `src/a.py` of
/// member `services/api` is `services/api/src/a.py`. A path outside the repository is kept.
pub fn repo_path(root: &Path, member: &str, path: &str) -> String {
    let p = Path::new(path);
    if p.is_absolute() {
        return match p.strip_prefix(root) {
            Ok(r) => crate::walk::rel_string(r),
            Err(_) => path.to_string(),
        };
    }
    let mut parts: Vec<&str> = member
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    // Above the repository root: keep the member-relative path as written.
                    return path.to_string();
                }
            }
            c => parts.push(c),
        }
    }
    parts.join("/")
}

/// Rewrites the finding paths of a member's gate result to be repository-relative.
pub fn rebase_findings(root: &Path, member: &str, r: &mut crate::model::GateResult) {
    if member.is_empty() || member == "." {
        return;
    }
    for f in &mut r.findings {
        if let Some(p) = &f.path {
            f.path = Some(repo_path(root, member, p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_matching() {
        assert!(selected("services/api", &[]));
        assert!(selected("services/api", &["api".into()]));
        assert!(selected("services/api", &["services/api".into()]));
        assert!(!selected("services/api", &["web".into()]));
        assert!(touched("services/api", &["services/api/src/a.py".into()]));
        assert!(!touched("services/api", &["services/apiv2/a.py".into()]));
    }

    #[test]
    fn member_paths_become_repo_relative() {
        let root = Path::new("/repo");
        assert_eq!(
            repo_path(root, "services/api", "src/a.py"),
            "services/api/src/a.py"
        );
        assert_eq!(
            repo_path(root, "services/api", "./src/a.py"),
            "services/api/src/a.py"
        );
        assert_eq!(
            repo_path(root, "services/api", "../shared/x.py"),
            "services/shared/x.py"
        );
        assert_eq!(
            repo_path(root, "services/api", "/repo/libs/b.rs"),
            "libs/b.rs"
        );
        assert_eq!(
            repo_path(root, "services/api", "/elsewhere/c.rs"),
            "/elsewhere/c.rs"
        );
        assert_eq!(repo_path(root, "api", "../../up.txt"), "../../up.txt");
    }
}
