//! Maps the paths written in reports onto repository files.
//!
//! In order: `path_map` prefixes; the report's roots (Cobertura `<sources>`) joined with the path;
//! an absolute path under the repository root; the Go module path from `go.mod`; leading folders
//! stripped until the rest is a repository file (absolute paths from another machine); and a
//! unique repository file ending with the path (JaCoCo package folders below a source root).

use super::GateCx;
use std::collections::{HashMap, HashSet};

pub struct PathMapper<'a> {
    root: String,
    exists: HashSet<&'a str>,
    by_name: HashMap<&'a str, Vec<&'a str>>,
    path_map: &'a [(String, String)],
    go_module: Option<String>,
    cache: HashMap<(String, usize), Option<String>>,
    roots_seen: Vec<Vec<String>>,
}

/// The key of a file no repository file matched: its path joined to the report's first root (so
/// the same file from a Cobertura report and from an LCOV report still merges), normalized.
pub fn unmapped_key(raw: &str, roots: &[String]) -> String {
    let p = normalize(raw);
    match roots.iter().find(|r| !r.trim().is_empty()) {
        Some(r) if !is_abs(&p) => normalize(&format!("{}/{}", normalize(r), p)),
        _ => p,
    }
}

/// `\` → `/`, no `file://`, no `./`, `a/../b` resolved.
pub fn normalize(p: &str) -> String {
    let p = p.trim();
    let p = p.strip_prefix("file://").unwrap_or(p);
    let p = p.replace('\\', "/");
    let abs = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !abs {
                    parts.push("..");
                }
            }
            c => parts.push(c),
        }
    }
    let j = parts.join("/");
    if abs { format!("/{j}") } else { j }
}

fn is_abs(p: &str) -> bool {
    p.starts_with('/')
        || (p.len() >= 2 && p.as_bytes()[1] == b':' && p.as_bytes()[0].is_ascii_alphabetic())
}

impl<'a> PathMapper<'a> {
    pub fn new(cx: &GateCx<'a>, path_map: &'a [(String, String)]) -> PathMapper<'a> {
        let files = cx.repo.files();
        let mut exists = HashSet::with_capacity(files.len());
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
        for f in files {
            exists.insert(f.rel.as_str());
            let name = f.rel.rsplit('/').next().unwrap_or(&f.rel);
            by_name.entry(name).or_default().push(f.rel.as_str());
        }
        let go_module = cx
            .repo
            .get("go.mod")
            .and_then(|e| cx.repo.text(e).ok().flatten())
            .and_then(|b| {
                let s = std::str::from_utf8(&b).ok()?;
                s.lines()
                    .find_map(|l| l.trim().strip_prefix("module "))
                    .map(|m| m.trim().trim_matches('"').to_string())
            });
        let root = normalize(&cx.root.to_string_lossy());
        PathMapper {
            root,
            exists,
            by_name,
            path_map,
            go_module,
            cache: HashMap::new(),
            roots_seen: Vec::new(),
        }
    }

    /// The repository file a report path names, if any.
    pub fn map(&mut self, raw: &str, roots: &[String]) -> Option<String> {
        let rid = match self.roots_seen.iter().position(|r| r == roots) {
            Some(i) => i,
            None => {
                self.roots_seen.push(roots.to_vec());
                self.roots_seen.len() - 1
            }
        };
        let key = (raw.to_string(), rid);
        if let Some(v) = self.cache.get(&key) {
            return v.clone();
        }
        let v = self.map_uncached(raw, roots);
        self.cache.insert(key, v.clone());
        v
    }

    fn check(&self, p: &str) -> Option<String> {
        let p = normalize(p);
        if is_abs(&p) {
            let rest = p.strip_prefix(&self.root)?.strip_prefix('/')?;
            return self.exists.contains(rest).then(|| rest.to_string());
        }
        self.exists.contains(p.as_str()).then_some(p)
    }

    fn map_uncached(&self, raw: &str, roots: &[String]) -> Option<String> {
        let mut p = raw.trim().to_string();
        for (from, to) in self.path_map {
            if let Some(rest) = p.strip_prefix(from.as_str()) {
                p = format!("{to}{rest}");
                break;
            }
        }
        let p = normalize(&p);
        if let Some(r) = self.check(&p) {
            return Some(r);
        }
        let mut candidates = Vec::new();
        if !is_abs(&p) {
            for root in roots {
                let j = format!("{}/{}", normalize(root), p);
                if let Some(r) = self.check(&j) {
                    return Some(r);
                }
                candidates.push(normalize(&j));
            }
        }
        if let Some(r) = self
            .go_module
            .as_deref()
            .and_then(|m| p.strip_prefix(m))
            .and_then(|r| r.strip_prefix('/'))
            .and_then(|rest| self.check(rest))
        {
            return Some(r);
        }
        candidates.push(p.clone());
        // Strip leading folders until the rest is a repository file.
        for c in &candidates {
            let parts: Vec<&str> = c.split('/').filter(|s| !s.is_empty()).collect();
            for i in 1..parts.len() {
                let rest = parts[i..].join("/");
                if self.exists.contains(rest.as_str()) {
                    return Some(rest);
                }
            }
        }
        // A unique repository file ending with the path (package-relative paths).
        let rel = p.trim_start_matches('/');
        let name = rel.rsplit('/').next()?;
        let hits: Vec<&&str> = self
            .by_name
            .get(name)?
            .iter()
            .filter(|f| {
                f.len() > rel.len()
                    && f.ends_with(rel)
                    && f.as_bytes()[f.len() - rel.len() - 1] == b'/'
            })
            .collect();
        match hits.as_slice() {
            [one] => Some(one.to_string()),
            _ => None,
        }
    }
}
