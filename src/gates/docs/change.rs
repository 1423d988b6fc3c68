//! The change's undocumented items and broken links (issue 15): with a base, which the change
//! brought (`new_undocumented`, `new_broken_links`).
//!
//! **Undocumented items.** An item's identity is its kind and its qualified name (`method`
//! `Type.run`), not its line. The base's versions of the changed source files are read from
//! git's objects (one `git cat-file --batch`, never a checkout) and each is parsed alone with the
//! same parser and options; its undocumented items are the ones it declares (Rust: every
//! candidate the file declares, reachable or not; JavaScript/TypeScript: the file's own exports;
//! Python and Go as counted now). An undocumented item of a changed file is new when the base had
//! no undocumented item of that identity: first in the same file (a renamed file's under its new
//! path), then in any other changed file (an item moved between files). So moving an
//! undocumented item, or renaming its file, brings nothing new, while adding one, or removing the
//! docs of one, does. An item the change only made public (a new `pub use`, a new entry-point
//! export) keeps the identity its file had: it is not new.
//!
//! **Broken links.** A broken link, anchor or reference in a changed Markdown file is new when
//! its line is not a line of the base's version of the file (whitespace-normalised, one base line
//! per line now: a second copy is new), or when the file it names no longer exists because the
//! change deleted or renamed it. A link broken by a heading removed elsewhere, on a line the
//! change did not touch, is not counted.

use super::{DocsGate, code_lang_of, is_generated};
use crate::changes::Changed;
use crate::gates::security::baseline::normalise;
use crate::gates::{GateCx, at_base};
use crate::model::{BaselineState, Finding};
use crate::walk::Lang;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

/// An item's identity: (kind, qualified name).
type Key = (&'static str, String);

/// The base's versions of the changed files, by their path now.
#[derive(Debug, Default)]
pub(super) struct Base {
    /// Source files: their undocumented items.
    pub undocumented: HashMap<String, Vec<Key>>,
    /// Markdown files: how many times each whitespace-normalised line occurs.
    pub md_lines: HashMap<String, HashMap<String, usize>>,
    /// Changed files read at the base (those that existed then).
    pub files: u64,
}

/// What a changed file at the base is read as.
#[derive(Clone, Copy)]
enum What {
    Code(&'static str),
    Markdown,
}

/// The undocumented items one source file declares, parsed alone.
fn undocumented(gate: &DocsGate, now: &str, lang: &str, src: &str) -> Vec<Key> {
    let opts = &gate.opts;
    if !opts.include_generated && is_generated(src) {
        return Vec::new();
    }
    let items = match lang {
        "rust" => match super::rust::parse(src) {
            Ok(f) => {
                let mut v: Vec<super::Item> = f.cands.into_iter().map(|c| c.item).collect();
                if !f.inner_doc {
                    v.push(super::Item::new(1, "crate", now, false));
                }
                v
            }
            Err(_) => Vec::new(),
        },
        "python" => super::python::count(src, now, opts.py_mode, &opts.py_ignore),
        "javascript" | "typescript" => super::js::count(src),
        "go" => super::go::count(src),
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter(|i| !i.documented)
        .map(|i| (i.kind, i.name))
        .collect()
}

/// Each whitespace-normalised line of a text, counted.
fn line_counts(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for l in text.lines() {
        *m.entry(normalise(l)).or_default() += 1;
    }
    m
}

/// What one file at the base gave.
enum Got {
    Code(String, Vec<Key>),
    Markdown(String, HashMap<String, usize>),
}

/// Reads and parses the base's versions of the changed files the gate reads (a deleted file: by
/// its old path), as the run reads them now. A file that is not UTF-8 text has nothing counted.
pub(super) fn base(gate: &DocsGate, cx: &GateCx<'_>, changed: &Changed) -> anyhow::Result<Base> {
    let files = at_base::changed_files(cx, changed, |now| {
        if !cx.selector.matches(now) {
            return None;
        }
        let lang = Lang::detect(now);
        if lang == Some(Lang::Markdown) {
            gate.opts.markdown.then_some(What::Markdown)
        } else {
            code_lang_of(now, lang)
                .filter(|l| gate.opts.langs.contains(l))
                .map(What::Code)
        }
    });
    let (parts, read) = at_base::map_blobs(cx, &changed.commit, &files, "parsing", |f, blob| {
        let src = std::str::from_utf8(blob).ok()?;
        Some(match f.what {
            What::Code(lang) => Got::Code(f.now.clone(), undocumented(gate, &f.now, lang, src)),
            What::Markdown => Got::Markdown(f.now.clone(), line_counts(src)),
        })
    })?;
    let mut base = Base {
        files: read,
        ..Base::default()
    };
    for g in parts.into_iter().flatten() {
        match g {
            Got::Code(now, keys) => {
                base.undocumented.entry(now).or_default().extend(keys);
            }
            Got::Markdown(now, lines) => {
                base.md_lines.insert(now, lines);
            }
        }
    }
    Ok(base)
}

/// An undocumented item of a changed file now.
pub(super) struct NowItem<'a> {
    pub path: &'a str,
    pub line: u32,
    pub kind: &'static str,
    pub name: &'a str,
}

/// The undocumented items of changed files that are new: (path, line, kind, name), matched
/// against the base's first in their own file, then in any changed file; and how many of the
/// base's undocumented items no item now matches (documented since, or removed). `now` in path
/// and line order.
pub(super) fn new_undocumented<'a>(
    now: &[NowItem<'a>],
    base: &Base,
) -> (HashSet<(&'a str, u32, &'static str, &'a str)>, usize) {
    // Per file, then what is left over from every file.
    let mut per_file: HashMap<&str, HashMap<(&str, &str), usize>> = HashMap::new();
    for (p, keys) in &base.undocumented {
        let m = per_file.entry(p.as_str()).or_default();
        for (k, n) in keys {
            *m.entry((*k, n.as_str())).or_default() += 1;
        }
    }
    let mut left = Vec::new();
    for it in now {
        let slot = per_file
            .get_mut(it.path)
            .and_then(|m| m.get_mut(&(it.kind, it.name)))
            .filter(|c| **c > 0);
        match slot {
            Some(c) => *c -= 1,
            None => left.push(it),
        }
    }
    let mut pool: HashMap<(&str, &str), usize> = HashMap::new();
    for m in per_file.values() {
        for (k, c) in m {
            *pool.entry(*k).or_default() += c;
        }
    }
    let mut out = HashSet::new();
    for it in left {
        match pool.get_mut(&(it.kind, it.name)).filter(|c| **c > 0) {
            Some(c) => *c -= 1,
            None => {
                out.insert((it.path, it.line, it.kind, it.name));
            }
        }
    }
    (out, pool.values().sum())
}

/// Whether a finding is a broken link, anchor or reference (counted in `broken_links`).
pub(super) fn is_broken_link(f: &Finding) -> bool {
    matches!(
        f.rule.as_str(),
        "docs/broken-link" | "docs/broken-anchor" | "docs/broken-reference"
    )
}

/// The file a `docs/broken-link` finding says is missing (`link `x`: no file `t``).
fn missing_target(f: &Finding) -> Option<&str> {
    let (_, rest) = f.message.split_once(": no file `")?;
    rest.strip_suffix('`')
}

/// Marks the broken-link findings of changed Markdown files `new` or `unchanged` and counts the
/// new ones. `text_of(path)` is a changed file's text now.
pub(super) fn mark_links(
    findings: &mut [Finding],
    changed: &Changed,
    base: &Base,
    text_of: &dyn Fn(&str) -> Option<String>,
) -> u64 {
    let touched: HashSet<&str> = changed.files.iter().map(String::as_str).collect();
    // Per changed file: its findings' indices by line.
    let mut by_file: BTreeMap<String, BTreeMap<u64, Vec<usize>>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let (true, Some(p)) = (is_broken_link(f), f.path.as_deref())
            && touched.contains(p)
        {
            by_file
                .entry(p.to_string())
                .or_default()
                .entry(f.line.unwrap_or(0))
                .or_default()
                .push(i);
        }
    }
    let mut new = 0;
    for (path, lines) in by_file {
        let text = text_of(&path).unwrap_or_default();
        let now_lines: Vec<&str> = text.lines().collect();
        let mut left = base.md_lines.get(&path).cloned().unwrap_or_default();
        for (line, idx) in lines {
            let t = usize::try_from(line)
                .ok()
                .and_then(|l| l.checked_sub(1))
                .and_then(|l| now_lines.get(l))
                .map(|l| normalise(l));
            let old_line = match t.and_then(|t| left.get_mut(&t)).filter(|c| **c > 0) {
                Some(c) => {
                    *c -= 1;
                    true
                }
                None => false,
            };
            for i in idx {
                let Some(f) = findings.get_mut(i) else {
                    continue;
                };
                let target_gone = missing_target(f).is_some_and(|t| touched.contains(t));
                let is_new = !old_line || target_gone;
                if is_new {
                    new += 1;
                }
                f.baseline_state = Some(if is_new {
                    BaselineState::New
                } else {
                    BaselineState::Unchanged
                });
            }
        }
    }
    new
}

/// With a base: marks the findings `new` or `unchanged` and adds `new_undocumented` (and
/// `new_broken_links` when Markdown is checked). `per_file`: every counted file's items.
pub(super) fn apply(
    gate: &DocsGate,
    cx: &GateCx<'_>,
    rev: &str,
    per_file: &[(String, &'static str, Vec<super::Item>)],
    out: &mut crate::gates::GateOutput,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let deadline = cx.deadline.map_or(deadline, |d| d.min(deadline));
    let changed = crate::changes::changed_lines(cx.root, rev, deadline, cx.cancel)?;
    let base = base(gate, cx, &changed)?;
    let touched: HashSet<&str> = changed.files.iter().map(String::as_str).collect();
    let mut files: Vec<&(String, &'static str, Vec<super::Item>)> = per_file
        .iter()
        .filter(|(rel, _, _)| touched.contains(rel.as_str()))
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut now = Vec::new();
    for (rel, _, items) in files {
        let mut v: Vec<&super::Item> = items.iter().filter(|i| !i.documented).collect();
        v.sort_by_key(|i| i.line);
        now.extend(v.into_iter().map(|i| NowItem {
            path: rel,
            line: i.line,
            kind: i.kind,
            name: &i.name,
        }));
    }
    let (new, fixed) = new_undocumented(&now, &base);
    // The listed findings of the new items (as the run words them).
    let listed: HashSet<(&str, u64, String)> = new
        .iter()
        .map(|(p, l, k, n)| (*p, u64::from(*l), format!("undocumented {k} `{n}`")))
        .collect();
    for f in out.findings.iter_mut() {
        let is_new = f.rule == "docs/undocumented"
            && f.path
                .as_deref()
                .is_some_and(|p| listed.contains(&(p, f.line.unwrap_or(0), f.message.clone())));
        f.baseline_state = Some(if is_new {
            BaselineState::New
        } else {
            BaselineState::Unchanged
        });
    }
    out.notes.push(format!(
        "since {rev} ({}): {} changed files read as they were at the base",
        changed.commit.get(..12).unwrap_or(&changed.commit),
        base.files
    ));
    out.count("new_undocumented", new.len() as u64);
    out.count("fixed_undocumented", fixed as u64);
    if gate.opts.markdown {
        let text_of = |p: &str| {
            let e = cx.repo.get(p)?;
            let b = cx.repo.text(e).ok().flatten()?;
            Some(String::from_utf8_lossy(&b).into_owned())
        };
        let n = mark_links(&mut out.findings, &changed, &base, &text_of);
        out.count("new_broken_links", n);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn it<'a>(path: &'a str, line: u32, name: &'a str) -> NowItem<'a> {
        NowItem {
            path,
            line,
            kind: "function",
            name,
        }
    }

    #[test]
    fn moved_items_are_not_new_added_ones_are() {
        let mut base = Base::default();
        base.undocumented.insert(
            "a.py".into(),
            vec![("function", "f".into()), ("function", "g".into())],
        );
        // f stays (another line), g moved to b.py, h is added, a second f is new.
        let now = [
            it("a.py", 9, "f"),
            it("a.py", 12, "f"),
            it("a.py", 20, "h"),
            it("b.py", 1, "g"),
        ];
        let (got, fixed) = new_undocumented(&now, &base);
        // Every base item is matched: nothing was documented or removed.
        assert_eq!(fixed, 0);
        let mut got: Vec<_> = got.into_iter().collect();
        got.sort();
        assert_eq!(
            got,
            vec![("a.py", 12, "function", "f"), ("a.py", 20, "function", "h")]
        );
        // g documented since (or removed): one fixed.
        let (got, fixed) = new_undocumented(&now[..2], &base);
        assert_eq!((got.len(), fixed), (1, 1));
    }

    #[test]
    fn the_missing_target_is_read_from_the_message() {
        let f = Finding::new(
            "docs/broken-link",
            crate::model::Severity::Medium,
            "link `x.md`: no file `docs/x.md`",
        );
        assert_eq!(missing_target(&f), Some("docs/x.md"));
    }
}
