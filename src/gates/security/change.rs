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
use crate::model::{BaselineState, Finding, Severity};
use crate::walk::STATE_DIRS;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::super::GateCx;

/// The findings the base's versions of the changed files had, by fingerprint (paths as they
/// are now: a renamed file's under its new name).
#[derive(Default)]
pub(super) struct Base {
    pub by_fingerprint: BTreeMap<String, Finding>,
    /// Changed files read at the base (those that existed then).
    pub files: u64,
}

/// How long reading and scanning the base's files may take when the runner set no deadline.
const NO_DEADLINE: Duration = Duration::from_secs(600);

/// Which changed files to read at the base: (path at the base, path now), for the files the gate
/// selects now (a deleted file: by its old path). A renamed file is read under its old path; a
/// file that is on disk but not in the walk (ignored) is left out, as the scan leaves it out.
fn to_read(gate: &SecurityGate, cx: &GateCx<'_>, changed: &Changed) -> Vec<(String, String)> {
    let new_name: HashMap<&str, &str> = changed
        .renames
        .iter()
        .map(|(o, n)| (o.as_str(), n.as_str()))
        .collect();
    let renamed: HashSet<&str> = changed.renames.iter().map(|(_, n)| n.as_str()).collect();
    let mut out = Vec::new();
    for p in &changed.files {
        // Its base is its old path.
        if renamed.contains(p.as_str()) {
            continue;
        }
        let now = new_name.get(p.as_str()).copied().unwrap_or(p);
        let state = now.split('/').any(|d| STATE_DIRS.contains(&d));
        let skipped = gate.tests == TestsMode::Skip && is_test_path(now);
        let walked =
            cx.repo.get(now).is_some() || std::fs::symlink_metadata(cx.root.join(now)).is_err();
        if !state && !skipped && walked && cx.selector.matches(now) {
            out.push((p.clone(), now.to_string()));
        }
    }
    out
}

/// Scans the base's versions of the changed files the gate selects. The blobs come from git
/// one at a time and are scanned on the gate's threads as they come (a few wait at most).
pub(super) fn base(
    gate: &SecurityGate,
    cx: &GateCx<'_>,
    changed: &Changed,
) -> anyhow::Result<Base> {
    let c = scan::compiled()?;
    let files = to_read(gate, cx, changed);
    let names: Vec<String> = files.iter().map(|(b, _)| b.clone()).collect();
    let deadline = cx.deadline.unwrap_or_else(|| Instant::now() + NO_DEADLINE);
    let threads = crate::gates::threads().clamp(1, 16);
    let mut read = 0u64;
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(threads * 2);
    let rx = Mutex::new(rx);
    let (read_result, parts) = std::thread::scope(|sc| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (rx, files) = (&rx, &files);
                sc.spawn(move || {
                    let mut part = Partial::default();
                    let mut panicked = false;
                    loop {
                        let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok((i, blob)) = next else { break };
                        let Some((at_base, now)) = files.get(i) else {
                            continue;
                        };
                        // A panic is caught so that this worker keeps draining the channel (git's
                        // reader would otherwise wait on it for ever); it is an error below.
                        let scanned =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                let mut one = Partial::default();
                                gate.scan_name(c, at_base, &mut one);
                                let lang = crate::walk::Lang::detect(at_base);
                                gate.scan_content(c, at_base, lang, &blob, &mut one);
                                one
                            }));
                        let Ok(one) = scanned else {
                            panicked = true;
                            continue;
                        };
                        for mut n in one.found {
                            n.finding.path = Some(now.clone());
                            part.found.push(n);
                        }
                    }
                    (part, panicked)
                })
            })
            .collect();
        let r = crate::changes::for_each_blob(
            cx.root,
            &changed.commit,
            &names,
            deadline,
            cx.cancel,
            &mut |i, blob| {
                if let Some(blob) = blob {
                    read += 1;
                    // A worker that is gone (it panicked) is reported below.
                    let _ = tx.send((i, blob));
                }
            },
        );
        drop(tx);
        let parts: Vec<std::thread::Result<(Partial, bool)>> =
            workers.into_iter().map(|h| h.join()).collect();
        (r, parts)
    });
    read_result?;
    let mut found = Vec::new();
    for p in parts {
        let (p, panicked) =
            p.map_err(|_| anyhow::anyhow!("scanning the base's files failed (a thread panicked)"))?;
        if panicked {
            anyhow::bail!("scanning the base's files failed (the scanner panicked on one)");
        }
        found.extend(p.found);
    }
    // Fingerprinted as the run fingerprints its own: counted findings, in order.
    let mut found: Vec<(Finding, String)> = found
        .into_iter()
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
