//! The change's findings (issue 15): with a base, which findings the change brought (`new`)
//! and which it removed (`fixed`).
//!
//! A built-in finding is new when its fingerprint (rule, path, normalised line text,
//! occurrence: see [`super::baseline`]) is not among the findings of the base's version of its
//! file. The base's versions of the changed files are read from git's objects (one
//! `git cat-file --batch`, never a checkout) and scanned in memory with the same rules; a renamed
//! file's base findings take its new path, so moving code makes nothing new. A file the change
//! does not touch has the findings it had: they are unchanged. Other tools' findings (`reports`)
//! cannot be rescanned at the base: they are new when on a line the change adds, as diagnostics'.

use super::{Partial, SecurityGate, TestsMode, baseline, is_test_path, scan};
use crate::changes::Changed;
use crate::gates::{GateCx, at_base};
use crate::model::{BaselineState, Finding, Severity};
use std::collections::{BTreeMap, HashSet};

/// The findings the base's versions of the changed files had, by fingerprint (paths as they
/// are now: a renamed file's under its new name).
#[derive(Default)]
pub(super) struct Base {
    pub by_fingerprint: BTreeMap<String, Finding>,
    /// Changed files read at the base (those that existed then).
    pub files: u64,
}

/// Scans the base's versions of the changed files the gate selects (a deleted file: by its old
/// path), under their path at the base; their findings take the path the file has now.
pub(super) fn base(
    gate: &SecurityGate,
    cx: &GateCx<'_>,
    changed: &Changed,
) -> anyhow::Result<Base> {
    let c = scan::compiled()?;
    let files = at_base::changed_files(cx, changed, |now| {
        let skipped = gate.tests == TestsMode::Skip && is_test_path(now);
        (!skipped && cx.selector.matches(now)).then_some(())
    });
    let (parts, read) = at_base::map_blobs(cx, &changed.commit, &files, "scanning", |f, blob| {
        let mut one = Partial::default();
        gate.scan_name(c, &f.at_base, &mut one);
        let lang = crate::walk::Lang::detect(&f.at_base);
        gate.scan_content(c, &f.at_base, lang, blob, &mut one);
        for n in &mut one.found {
            n.finding.path = Some(f.now.clone());
        }
        one.found
    })?;
    // Fingerprinted as the run fingerprints its own: counted findings, in order.
    let mut found: Vec<(Finding, String)> = parts
        .into_iter()
        .flatten()
        .filter(|n| !n.suppressed)
        .map(|n| (n.finding, n.line_text))
        .collect();
    found.sort_by(|a, b| {
        (&a.0.path, a.0.line, a.0.column, &a.0.rule)
            .cmp(&(&b.0.path, b.0.line, b.0.column, &b.0.rule))
    });
    let texts: Vec<Option<String>> = found.iter().map(|(_, t)| Some(t.clone())).collect();
    let mut fs: Vec<Finding> = found.into_iter().map(|(f, _)| f).collect();
    baseline::assign(&mut fs, &texts);
    Ok(Base {
        by_fingerprint: fs
            .into_iter()
            .filter_map(|f| Some((f.fingerprint.clone()?, f)))
            .collect(),
        files: read,
    })
}

/// What the change brought and removed.
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// New findings by severity: critical, high, medium, low, info.
    pub new: [u64; 5],
    /// Findings the base had in the changed files that the run no longer counts.
    pub fixed: Vec<Finding>,
}

fn rank(s: Severity) -> usize {
    match s {
        Severity::Critical => 0,
        Severity::High => 1,
        Severity::Medium => 2,
        Severity::Low => 3,
        Severity::Info => 4,
    }
}

/// Marks each counted finding `new` or `unchanged` (`native[i]`: finding `i` is a built-in
/// rule's), and finds the fixed ones: base findings whose fingerprint no finding of the run has
/// (`current`, the fingerprints of every counted finding, baselined ones included).
pub(super) fn mark(
    findings: &mut [Finding],
    native: &[bool],
    current: &HashSet<String>,
    changed: &Changed,
    base: &Base,
) -> Tally {
    let touched: HashSet<&str> = changed.files.iter().map(String::as_str).collect();
    let mut t = Tally::default();
    for (f, &native) in findings.iter_mut().zip(native) {
        let new = match (&f.path, native) {
            (Some(p), true) => {
                touched.contains(p.as_str())
                    && f.fingerprint
                        .as_ref()
                        .is_none_or(|fp| !base.by_fingerprint.contains_key(fp))
            }
            (Some(p), false) => changed.get(p).is_some_and(|ls| {
                f.line
                    .and_then(|l| u32::try_from(l).ok())
                    .is_some_and(|l| ls.binary_search(&l).is_ok())
            }),
            (None, _) => false,
        };
        if new {
            t.new[rank(f.severity)] += 1;
        }
        f.baseline_state = Some(if new {
            BaselineState::New
        } else {
            BaselineState::Unchanged
        });
    }
    t.fixed = base
        .by_fingerprint
        .iter()
        .filter(|(fp, _)| !current.contains(*fp))
        .map(|(_, f)| f.clone())
        .collect();
    t.fixed
        .sort_by(|a, b| (&a.path, a.line, &a.rule).cmp(&(&b.path, b.line, &b.rule)));
    t
}

/// The note on the fixed findings: how many, and the first few (rule, path, line at the base).
pub(super) fn fixed_note(base_rev: &str, fixed: &[Finding]) -> Option<String> {
    if fixed.is_empty() {
        return None;
    }
    let shown: Vec<String> = fixed
        .iter()
        .take(5)
        .map(|f| {
            let p = f.path.as_deref().unwrap_or("");
            match f.line {
                Some(l) => format!("{} in {p} (line {l} at the base)", f.rule),
                None => format!("{} in {p}", f.rule),
            }
        })
        .collect();
    Some(format!(
        "{} findings fixed since {base_rev}: {}{}",
        fixed.len(),
        shown.join(", "),
        if fixed.len() > shown.len() {
            ", …"
        } else {
            ""
        }
    ))
}
