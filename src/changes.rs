//! Changed lines since a base revision, as diff-cover finds them: the lines added between the
//! merge base of REV and HEAD and the working tree (committed, staged and unstaged changes).

use crate::cancel::Cancel;
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Runs git with a deadline; its standard output.
fn git(
    root: &Path,
    args: &[&str],
    deadline: Instant,
    cancel: &Cancel,
) -> anyhow::Result<(bool, Vec<u8>, String)> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run `git` (needed for `diff_line` with --base)")?;
    let mut so = child.stdout.take();
    let mut se = child.stderr.take();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(s) = so.as_mut() {
            let _ = s.read_to_end(&mut v);
        }
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(s) = se.as_mut() {
            let _ = s.read_to_end(&mut v);
        }
        v
    });
    let status = loop {
        if let Some(st) = child.try_wait().context("waiting for git")? {
            break st;
        }
        if Instant::now() >= deadline || cancel.is_cancelled() {
            let _ = child.kill();
            let _ = child.wait();
            bail!("`git {}` did not finish in time", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let out = out_t.join().unwrap_or_default();
    let err = err_t.join().unwrap_or_default();
    Ok((
        status.success(),
        out,
        String::from_utf8_lossy(&err).trim().to_string(),
    ))
}

/// Repo-relative file → added line numbers (sorted).
pub type Changed = BTreeMap<String, Vec<u32>>;

/// The lines changed since `base`, read once per run: every gate that asks for the same root and
/// base (coverage's `diff_line`, diagnostics' `new_errors`) shares one `git diff`. A failure is
/// not kept, so a gate with a later deadline may try again.
pub fn changed_lines(
    root: &Path,
    base: &str,
    deadline: Instant,
    cancel: &Cancel,
) -> anyhow::Result<Arc<Changed>> {
    type Slot = Arc<Mutex<Option<Arc<Changed>>>>;
    static SEEN: Mutex<BTreeMap<(PathBuf, String), Slot>> = Mutex::new(BTreeMap::new());
    let slot = SEEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry((root.to_path_buf(), base.to_string()))
        .or_default()
        .clone();
    // One gate reads the diff while the others wait for it.
    let mut got = slot.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = got.as_ref() {
        return Ok(c.clone());
    }
    let c = Arc::new(read_changed_lines(root, base, deadline, cancel)?);
    *got = Some(c.clone());
    Ok(c)
}

fn read_changed_lines(
    root: &Path,
    base: &str,
    deadline: Instant,
    cancel: &Cancel,
) -> anyhow::Result<BTreeMap<String, Vec<u32>>> {
    if base.starts_with('-') {
        bail!("invalid --base revision `{base}`");
    }
    let (ok, mb, _) = git(root, &["merge-base", base, "HEAD"], deadline, cancel)?;
    let from = if ok {
        String::from_utf8_lossy(&mb).trim().to_string()
    } else {
        let (ok, _, err) = git(
            root,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{base}^{{commit}}"),
            ],
            deadline,
            cancel,
        )?;
        if !ok {
            bail!(
                "--base `{base}` is not a git revision here{}",
                if err.is_empty() {
                    String::new()
                } else {
                    format!(": {err}")
                }
            );
        }
        base.to_string()
    };
    let (ok, out, err) = git(
        root,
        &[
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--unified=0",
            "--relative",
            &from,
            "--",
        ],
        deadline,
        cancel,
    )?;
    if !ok {
        bail!("`git diff {from}` failed: {err}");
    }
    Ok(parse_diff(&out))
}

/// Parses `git diff --unified=0` output.
pub fn parse_diff(out: &[u8]) -> BTreeMap<String, Vec<u32>> {
    let mut map: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut file: Option<String> = None;
    for line in out.split(|&b| b == b'\n') {
        if let Some(p) = line.strip_prefix(b"+++ ") {
            let p = String::from_utf8_lossy(p);
            let p = p.trim_end_matches('\r');
            file = if p == "/dev/null" {
                None
            } else {
                let p = p.strip_prefix("b/").unwrap_or(p);
                Some(unquote(p))
            };
        } else if let Some(h) = line.strip_prefix(b"@@ ") {
            let Some(f) = &file else { continue };
            let h = String::from_utf8_lossy(h);
            let Some(plus) = h.split(' ').find(|s| s.starts_with('+')) else {
                continue;
            };
            let plus = &plus[1..];
            let (start, count) = match plus.split_once(',') {
                Some((s, c)) => (s.parse::<u32>().unwrap_or(0), c.parse::<u32>().unwrap_or(0)),
                None => (plus.parse::<u32>().unwrap_or(0), 1),
            };
            let v = map.entry(f.clone()).or_default();
            for l in start..start.saturating_add(count.min(1_000_000)) {
                v.push(l);
            }
        }
    }
    for v in map.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    map
}

fn unquote(p: &str) -> String {
    // git quotes unusual paths as "b/..." with C escapes; keep the common case simple.
    let p = p.trim_matches('"');
    p.strip_prefix("b/").unwrap_or(p).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_lines_of_a_diff() {
        let d = b"diff --git a/src/a.py b/src/a.py\n--- a/src/a.py\n+++ b/src/a.py\n@@ -3,0 +4,2 @@\n+x\n+y\n@@ -10 +12 @@\n-a\n+b\n@@ -20,3 +22,0 @@\n-q\ndiff --git a/gone b/gone\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n";
        let m = parse_diff(d);
        assert_eq!(m.get("src/a.py"), Some(&vec![4, 5, 12]));
        assert_eq!(m.len(), 1);
    }
}
