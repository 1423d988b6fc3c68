//! The change a run gates: the lines added between the merge base of a base revision and HEAD
//! and the working tree (committed, staged, unstaged and untracked), as diff-cover finds them,
//! with renames followed. Read once per run and shared by every gate. Also the changed files'
//! contents at the base, from git's objects ([`for_each_blob`]).

use crate::cancel::Cancel;
use anyhow::{Context, bail};
use std::collections::BTreeMap;

use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Runs git with a deadline, in its own process group (the deadline, cancellation and Ctrl-C
/// kill the group, as for every external command): whether it succeeded, its standard output,
/// and the tail of its standard error.
fn git(
    root: &Path,
    args: &[&str],
    deadline: Instant,
    cancel: &Cancel,
) -> anyhow::Result<(bool, Vec<u8>, String)> {
    let mut argv: Vec<String> = vec!["-C".into(), root.display().to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let mut out = Vec::new();
    let done = crate::process::run_piped(
        &crate::process::Piped {
            program: "git",
            args: &argv,
            cwd: root,
            input: Vec::new(),
            deadline,
        },
        Some(cancel),
        &mut |chunk: &[u8]| {
            out.extend_from_slice(chunk);
            true
        },
    )
    .context("cannot run `git` (needed to compare with the base, --base)")?;
    match done.exit {
        crate::process::Exit::Code(c) => Ok((c == 0, out, done.stderr.trim().to_string())),
        crate::process::Exit::TimedOut | crate::process::Exit::Cancelled => {
            bail!("`git {}` did not finish in time", args.join(" "))
        }
        other => Ok((false, out, format!("{other:?}: {}", done.stderr.trim()))),
    }
}

/// Repo-relative file → added line numbers (sorted).
pub type Lines = BTreeMap<String, Vec<u32>>;

/// The change a run gates: the lines added since the merge base of a base revision and HEAD,
/// in the working tree (committed, staged, unstaged and untracked files). Dereferences to the
/// file → added lines map.
#[derive(Debug, Default)]
pub struct Changed {
    /// The revision the user gave or CI named (`origin/main`).
    pub base: String,
    /// The commit compared with: the merge base of `base` and HEAD (or `base` itself when they
    /// share no history).
    pub commit: String,
    /// File → added or changed lines. A renamed file keeps its history (`git diff -M`): only its
    /// changed lines are here. An untracked file counts whole.
    pub lines: Lines,
    /// Every path the change touches: added, modified, deleted, and both sides of a rename.
    pub files: Vec<String>,
    /// Renames: (old path, new path).
    pub renames: Vec<(String, String)>,
    /// The added lines that only moved: part of a block of added lines, each equal (whitespace
    /// aside) to a line the change removed somewhere, the block holding at least
    /// [`MOVED_MIN_ALNUM`] letters and digits — git's `--color-moved` rule, with indentation
    /// ignored as `--color-moved-ws=allow-indentation-change` does. Gates count them as new unless
    /// their `ignore_moved_lines` option is set.
    pub moved: Lines,
}

/// git's `COLOR_MOVED_MIN_ALNUM_COUNT`: a moved block shorter than this is not a move.
pub const MOVED_MIN_ALNUM: usize = 20;

impl Changed {
    /// The change with its moved lines ([`Changed::moved`]) not counted as added: what a gate
    /// with `ignore_moved_lines` gates. The same change when nothing moved.
    pub fn without_moved(self: &Arc<Changed>) -> Arc<Changed> {
        if self.moved.is_empty() {
            return self.clone();
        }
        let mut lines = Lines::new();
        for (f, ls) in &self.lines {
            let moved = self.moved.get(f).map_or(&[][..], |m| m.as_slice());
            let keep: Vec<u32> = ls
                .iter()
                .copied()
                .filter(|l| moved.binary_search(l).is_err())
                .collect();
            if !keep.is_empty() {
                lines.insert(f.clone(), keep);
            }
        }
        Arc::new(Changed {
            base: self.base.clone(),
            commit: self.commit.clone(),
            lines,
            files: self.files.clone(),
            renames: self.renames.clone(),
            moved: Lines::new(),
        })
    }
}

impl std::ops::Deref for Changed {
    type Target = Lines;
    fn deref(&self) -> &Lines {
        &self.lines
    }
}

/// How the base revision was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseSource {
    /// `--base REV`.
    Flag,
    /// GitHub Actions pull request: `origin/$GITHUB_BASE_REF`.
    GithubPullRequest,
    /// GitLab merge request: `$CI_MERGE_REQUEST_DIFF_BASE_SHA`.
    GitlabMergeRequest,
    /// Neither given nor named by CI: the remote's default branch, `origin/HEAD`.
    OriginHead,
}

/// The base to compare with when `--base` is not given: the pull request's target branch under
/// GitHub Actions (`GITHUB_BASE_REF`), the merge request's diff base under GitLab CI
/// (`CI_MERGE_REQUEST_DIFF_BASE_SHA`), and `origin/HEAD` otherwise.
pub fn detect_base(env: impl Fn(&str) -> Option<String>) -> (String, BaseSource) {
    let set = |k: &str| {
        env(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if let Some(r) = set("GITHUB_BASE_REF") {
        return (format!("origin/{r}"), BaseSource::GithubPullRequest);
    }
    if let Some(sha) = set("CI_MERGE_REQUEST_DIFF_BASE_SHA") {
        return (sha, BaseSource::GitlabMergeRequest);
    }
    ("origin/HEAD".to_string(), BaseSource::OriginHead)
}

type Slot = Arc<Mutex<Option<Arc<Changed>>>>;
/// The changes read in this process, by (root, base).
static SEEN: Mutex<BTreeMap<(PathBuf, String), Slot>> = Mutex::new(BTreeMap::new());

/// The commit compared with for `base` (the merge base), once some gate has read the change.
/// Every folder of a repository (workspace members) finds the same commit.
pub fn resolved_commit(base: &str) -> Option<String> {
    let slots: Vec<Slot> = SEEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|((_, b), _)| b == base)
        .map(|(_, s)| s.clone())
        .collect();
    slots.iter().find_map(|slot| {
        let got = slot.lock().unwrap_or_else(|e| e.into_inner());
        got.as_ref().map(|c| c.commit.clone())
    })
}

/// The lines changed since `base`, read once per run: every gate that asks for the same root and
/// base (coverage's `diff_line`, diagnostics' and xml's `new_errors`, security's `new_total`,
/// docs' `new_undocumented`, workspace
/// `--changed`) shares one `git diff`. A failure is not kept, so a gate with a later deadline may try again.
pub fn changed_lines(
    root: &Path,
    base: &str,
    deadline: Instant,
    cancel: &Cancel,
) -> anyhow::Result<Arc<Changed>> {
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

/// The fix for a clone that lacks the base's history.
const SHALLOW_FIX: &str = "fetch the history (`git fetch --deepen=200`, or `fetch-depth: 0` in \
actions/checkout, `GIT_DEPTH: 0` in GitLab CI)";

fn read_changed_lines(
    root: &Path,
    base: &str,
    deadline: Instant,
    cancel: &Cancel,
) -> anyhow::Result<Changed> {
    if base.starts_with('-') {
        bail!("invalid --base revision `{base}`");
    }
    // The untracked files do not depend on the base: list them while the diff runs (each walks
    // the whole work tree, so one after the other they cost twice the time).
    std::thread::scope(|s| {
        let untracked = s.spawn(|| {
            git(
                root,
                &[
                    "-c",
                    "core.quotePath=false",
                    "ls-files",
                    "-z",
                    "--others",
                    "--exclude-standard",
                ],
                deadline,
                cancel,
            )
        });
        let changed = read_diff(root, base, deadline, cancel);
        let untracked = untracked
            .join()
            .map_err(|_| anyhow::anyhow!("`git ls-files --others` panicked"))?;
        let mut changed = changed?;
        let (ok, out, err) = untracked?;
        if !ok {
            bail!("`git ls-files --others` failed: {err}");
        }
        // Untracked files are part of the working tree the user checks: every line is new.
        for p in out.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            let p = String::from_utf8_lossy(p).into_owned();
            let n = std::fs::read(root.join(&p))
                .map(|b| line_count(&b))
                .unwrap_or(0);
            changed.lines.insert(p.clone(), (1..=n).collect());
            changed.files.push(p);
        }
        changed.files.sort();
        changed.files.dedup();
        Ok(changed)
    })
}

/// The merge base and `git diff -M` from it to the working tree.
fn read_diff(
    root: &Path,
    base: &str,
    deadline: Instant,
    cancel: &Cancel,
) -> anyhow::Result<Changed> {
    let shallow = || -> anyhow::Result<bool> {
        let (ok, out, _) = git(
            root,
            &["rev-parse", "--is-shallow-repository"],
            deadline,
            cancel,
        )?;
        Ok(ok && String::from_utf8_lossy(&out).trim() == "true")
    };
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
        if shallow()? {
            bail!(
                "the base `{base}` is not in this shallow clone: {SHALLOW_FIX}; \
gatekeep never falls back to a whole-repository figure"
            );
        }
        if base == "origin/HEAD" {
            bail!(
                "no --base REV was given and CI names no pull-request base, and `origin/HEAD` (the \
remote's default branch, the base used then) is not here: pass --base REV"
            );
        }
        bail!(
            "the base `{base}` is not a git revision here{}",
            if err.is_empty() {
                String::new()
            } else {
                format!(": {err}")
            }
        );
    }
    let (ok, mb, _) = git(root, &["merge-base", base, "HEAD"], deadline, cancel)?;
    let from = if ok {
        String::from_utf8_lossy(&mb).trim().to_string()
    } else if shallow()? {
        bail!(
            "no merge base of `{base}` and HEAD in this shallow clone: {SHALLOW_FIX}; \
gatekeep never falls back to a whole-repository figure"
        );
    } else {
        // Unrelated histories: compare with the base itself.
        let (_, c, _) = git(
            root,
            &["rev-parse", &format!("{base}^{{commit}}")],
            deadline,
            cancel,
        )?;
        String::from_utf8_lossy(&c).trim().to_string()
    };
    let (ok, out, err) = git(
        root,
        &[
            "-c",
            "core.quotePath=false",
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "-M",
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
    let mut changed = parse_diff_full(&out);
    changed.base = base.to_string();
    changed.commit = from;
    Ok(changed)
}

/// Reads the answers of `git cat-file --batch`: a header line (`<oid> <type> <size>`, or
/// `<name> missing`) and, for an object, its bytes and a newline.
struct Batch<'a> {
    /// Which path each question asked, in the order asked.
    asked: Vec<usize>,
    answered: usize,
    header: Vec<u8>,
    /// The object being read: whether it is a blob, its size, what has come of it.
    body: Option<(bool, usize, Vec<u8>)>,
    each: &'a mut (dyn FnMut(usize, Option<Vec<u8>>) + Send),
    error: Option<anyhow::Error>,
}

impl Batch<'_> {
    fn answer(&mut self, blob: Option<Vec<u8>>) -> anyhow::Result<()> {
        let Some(&i) = self.asked.get(self.answered) else {
            bail!("`git cat-file --batch` answered more names than it was asked");
        };
        self.answered += 1;
        (self.each)(i, blob);
        Ok(())
    }

    /// `(is a blob, size)` from a header; `None` when the name is no object (`missing`).
    fn header(h: &[u8]) -> Option<(bool, usize)> {
        let h = std::str::from_utf8(h).ok()?;
        let mut w = h.split(' ');
        let (oid, ty, size) = (w.next()?, w.next()?, w.next()?);
        if w.next().is_some() || oid.is_empty() || !oid.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some((ty == "blob", size.parse().ok()?))
    }

    fn feed(&mut self, mut rest: &[u8]) -> anyhow::Result<()> {
        while !rest.is_empty() {
            if let Some((blob, size, buf)) = &mut self.body {
                // The object's bytes, then one newline.
                let want = (*size + 1).saturating_sub(buf.len());
                let take = want.min(rest.len());
                buf.extend_from_slice(&rest[..take]);
                rest = &rest[take..];
                if buf.len() == *size + 1 {
                    let (blob, size, mut buf) = (*blob, *size, std::mem::take(buf));
                    self.body = None;
                    buf.truncate(size);
                    self.answer(blob.then_some(buf))?;
                }
                continue;
            }
            match rest.iter().position(|&b| b == b'\n') {
                Some(nl) => {
                    self.header.extend_from_slice(&rest[..nl]);
                    rest = &rest[nl + 1..];
                    let h = std::mem::take(&mut self.header);
                    match Self::header(&h) {
                        // Growing as the bytes come: the size is git's word, not a promise.
                        Some((blob, size)) => {
                            self.body =
                                Some((blob, size, Vec::with_capacity(size.min(1 << 24) + 1)))
                        }
                        None => self.answer(None)?,
                    }
                }
                None => {
                    self.header.extend_from_slice(rest);
                    rest = &[];
                    if self.header.len() > 64 * 1024 {
                        bail!("`git cat-file --batch` wrote no header line");
                    }
                }
            }
        }
        Ok(())
    }
}

/// The files `paths` (relative to `root`, as the change lists them) as they are at `commit`,
/// read from git's objects — not a checkout — with one `git cat-file --batch` fed every
/// `<commit>:./<path>`. `each(i, content)` is called once for each path, `None` when the path is
/// no file at that commit (added since, or a folder then). The blobs come one at a time as git
/// writes them (`each` runs on the thread reading git's output), so memory follows what `each`
/// keeps, not the change.
pub fn for_each_blob(
    root: &Path,
    commit: &str,
    paths: &[String],
    deadline: Instant,
    cancel: &Cancel,
    each: &mut (dyn FnMut(usize, Option<Vec<u8>>) + Send),
) -> anyhow::Result<()> {
    if commit.starts_with('-') || commit.contains(['\n', ':']) {
        bail!("invalid commit `{commit}`");
    }
    let mut input = Vec::new();
    let mut asked = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        // A name holding a newline cannot be asked one line at a time: no file then.
        if p.contains('\n') {
            each(i, None);
            continue;
        }
        asked.push(i);
        input.extend_from_slice(format!("{commit}:./{p}\n").as_bytes());
    }
    if asked.is_empty() {
        return Ok(());
    }
    let n = asked.len();
    let mut batch = Batch {
        asked,
        answered: 0,
        header: Vec::new(),
        body: None,
        each,
        error: None,
    };
    let args: Vec<String> = ["cat-file", "--batch", "--buffer"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let o = crate::process::run_piped(
        &crate::process::Piped {
            program: "git",
            args: &args,
            cwd: root,
            input,
            deadline,
        },
        Some(cancel),
        &mut |chunk: &[u8]| match batch.feed(chunk) {
            Ok(()) => true,
            Err(e) => {
                batch.error = Some(e);
                false
            }
        },
    )
    .context("cannot run `git cat-file` (needed for the base's findings with --base)")?;
    if let Some(e) = batch.error {
        return Err(e);
    }
    match o.exit {
        crate::process::Exit::Code(0) => {}
        crate::process::Exit::TimedOut => bail!("`git cat-file --batch` did not finish in time"),
        crate::process::Exit::Cancelled => bail!("cancelled"),
        e => bail!(
            "`git cat-file --batch` failed ({e:?}){}",
            if o.stderr.is_empty() {
                String::new()
            } else {
                format!(": {}", o.stderr)
            }
        ),
    }
    if batch.answered != n || batch.body.is_some() || !batch.header.is_empty() {
        bail!(
            "`git cat-file --batch` answered {} of {n} names",
            batch.answered
        );
    }
    Ok(())
}

/// Lines in a file as git counts them (a last line without a newline counts). Binary files
/// (a NUL byte) have none.
fn line_count(b: &[u8]) -> u32 {
    if b.contains(&0) {
        return 0;
    }
    let n = b.iter().filter(|&&c| c == b'\n').count();
    let n = if b.last().is_some_and(|&c| c != b'\n') {
        n + 1
    } else {
        n
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Parses `git diff --unified=0` output: the added lines per file.
pub fn parse_diff(out: &[u8]) -> Lines {
    parse_diff_full(out).lines
}

/// Parses `git diff -M --unified=0` output: added lines, touched files and renames.
pub fn parse_diff_full(out: &[u8]) -> Changed {
    let mut c = Changed::default();
    let mut file: Option<String> = None;
    let mut rename_from: Option<String> = None;
    // For move detection: the removed lines' texts (how many of each), and every added line.
    let mut removed: std::collections::HashMap<&[u8], usize> = std::collections::HashMap::new();
    let mut added: Vec<(usize, u32, &[u8])> = Vec::new();
    let mut files_added: Vec<String> = Vec::new();
    let mut next_new: u32 = 0;
    let mut in_hunk = false;
    for line in out.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if in_hunk {
            match line.first() {
                Some(b'+') => {
                    if file.is_some() {
                        added.push((
                            files_added.len().saturating_sub(1),
                            next_new,
                            trim_ws(&line[1..]),
                        ));
                    }
                    next_new = next_new.saturating_add(1);
                    continue;
                }
                Some(b'-') => {
                    *removed.entry(trim_ws(&line[1..])).or_default() += 1;
                    continue;
                }
                Some(b' ') => {
                    next_new = next_new.saturating_add(1);
                    continue;
                }
                Some(b'\\') => continue,
                _ => in_hunk = false,
            }
        }
        if line.starts_with(b"diff --git ") {
            file = None;
            rename_from = None;
        } else if let Some(p) = line.strip_prefix(b"rename from ") {
            rename_from = Some(unquote(&String::from_utf8_lossy(p)));
        } else if let Some(p) = line.strip_prefix(b"rename to ") {
            let to = unquote(&String::from_utf8_lossy(p));
            if let Some(from) = rename_from.take() {
                c.files.push(from.clone());
                c.files.push(to.clone());
                c.renames.push((from, to));
            }
        } else if let Some(p) = line.strip_prefix(b"--- ") {
            let p = String::from_utf8_lossy(p);
            if p != "/dev/null" {
                let p = unquote(&p);
                c.files.push(p.strip_prefix("a/").unwrap_or(&p).to_string());
            }
        } else if let Some(p) = line.strip_prefix(b"+++ ") {
            let p = String::from_utf8_lossy(p);
            file = if p == "/dev/null" {
                None
            } else {
                let p = unquote(&p);
                let p = p.strip_prefix("b/").unwrap_or(&p).to_string();
                c.files.push(p.clone());
                files_added.push(p.clone());
                Some(p)
            };
        } else if let Some(h) = line.strip_prefix(b"@@ ") {
            in_hunk = true;
            let Some(f) = &file else {
                next_new = 0;
                continue;
            };
            let h = String::from_utf8_lossy(h);
            let Some(plus) = h.split(' ').find(|s| s.starts_with('+')) else {
                continue;
            };
            let plus = &plus[1..];
            let (start, count) = match plus.split_once(',') {
                Some((s, c)) => (s.parse::<u32>().unwrap_or(0), c.parse::<u32>().unwrap_or(0)),
                None => (plus.parse::<u32>().unwrap_or(0), 1),
            };
            next_new = start;
            let v = c.lines.entry(f.clone()).or_default();
            for l in start..start.saturating_add(count.min(1_000_000)) {
                v.push(l);
            }
        }
    }
    c.moved = moved_lines(&added, &mut removed, &files_added);
    for v in c.lines.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    c.files.sort();
    c.files.dedup();
    c
}

/// A line's text without its leading and trailing whitespace.
fn trim_ws(t: &[u8]) -> &[u8] {
    let start = t
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(t.len());
    let end = t
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &t[start..end]
}

/// The added lines that are moves ([`Changed::moved`]): runs of consecutive added lines of one
/// file, each matching a removed line not matched before, whose letters and digits add up to
/// [`MOVED_MIN_ALNUM`]. Blank lines match nothing.
fn moved_lines(
    added: &[(usize, u32, &[u8])],
    removed: &mut std::collections::HashMap<&[u8], usize>,
    files: &[String],
) -> Lines {
    let mut out = Lines::new();
    let mut run: Vec<(usize, u32)> = Vec::new();
    let mut alnum = 0usize;
    let flush = |run: &mut Vec<(usize, u32)>, alnum: &mut usize, out: &mut Lines| {
        if *alnum >= MOVED_MIN_ALNUM {
            for &(f, l) in run.iter() {
                if let Some(name) = files.get(f) {
                    out.entry(name.clone()).or_default().push(l);
                }
            }
        }
        run.clear();
        *alnum = 0;
    };
    for &(f, l, text) in added {
        let continues = run
            .last()
            .is_some_and(|&(rf, rl)| rf == f && rl.checked_add(1) == Some(l));
        if !continues {
            flush(&mut run, &mut alnum, &mut out);
        }
        let matched = !text.is_empty()
            && removed.get_mut(text).is_some_and(|n| {
                let free = *n > 0;
                *n = n.saturating_sub(1);
                free
            });
        if matched {
            run.push((f, l));
            alnum += text.iter().filter(|b| b.is_ascii_alphanumeric()).count();
        } else {
            flush(&mut run, &mut alnum, &mut out);
        }
    }
    flush(&mut run, &mut alnum, &mut out);
    for v in out.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    out
}

/// A path as git prints it: `"…"` with C escapes (octal bytes, `\t`, `\"`) when it holds
/// unusual characters, as is otherwise.
fn unquote(p: &str) -> String {
    let Some(q) = p.strip_prefix('"').and_then(|q| q.strip_suffix('"')) else {
        return p.to_string();
    };
    let b = q.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            let e = b[i + 1];
            if let Some(oct) = b.get(i + 1..i + 4)
                && oct.iter().all(|d| (b'0'..=b'7').contains(d))
            {
                let v = oct.iter().fold(0u32, |a, d| a * 8 + u32::from(d - b'0'));
                out.push(u8::try_from(v).unwrap_or(u8::MAX));
                i += 4;
                continue;
            }
            out.push(match e {
                b'n' => b'\n',
                b't' => b'\t',
                b'r' => b'\r',
                b'a' => 7,
                b'b' => 8,
                b'f' => 12,
                b'v' => 11,
                other => other,
            });
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;
    use std::time::Duration;

    /// A function moved to another file and re-indented, a short moved block, a line whose one
    /// removed twin is taken by the first copy, and diff lines that look like file headers.
    #[test]
    fn moved_lines_follow_gits_color_moved_rule() {
        let d = b"diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -10,3 +9,0 @@\n\
-def total(items):\n-    return sum(i.price for i in items)\n-x = 1\n\
@@ -20,2 +19,2 @@\n-y = 2\n--- sql comment\n+y = 3\n+++ counter\n\
diff --git a/b.py b/b.py\n--- a/b.py\n+++ b/b.py\n@@ -1,0 +2,6 @@\n\
+class Cart:\n+    def total(items):\n+        return sum(i.price for i in items)\n+\n+x = 1\n+x = 1\n";
        let c = parse_diff_full(d);
        assert_eq!(c.lines["a.py"], vec![19, 20]);
        assert_eq!(c.lines["b.py"], vec![2, 3, 4, 5, 6, 7]);
        // The two moved lines (re-indented) hold 32 letters and digits: a move. `x = 1` alone
        // (one letter, one digit) is too short to be one, and `class Cart:` is new.
        assert_eq!(c.moved.get("b.py"), Some(&vec![3, 4]));
        assert!(!c.moved.contains_key("a.py"));
        // `--- sql comment` and `+++ counter` are a removed and an added line, not file headers.
        assert_eq!(c.files, vec!["a.py", "b.py"]);
        let all = Arc::new(c);
        let kept = all.without_moved();
        assert_eq!(kept.lines["b.py"], vec![2, 5, 6, 7]);
        assert_eq!(kept.lines["a.py"], vec![19, 20]);
        // Nothing moved: the same change.
        let none = Arc::new(parse_diff_full(
            b"diff --git a/c b/c\n--- a/c\n+++ b/c\n@@ -0,0 +1 @@\n+z\n",
        ));
        assert!(Arc::ptr_eq(&none, &none.without_moved()));
    }

    #[test]
    fn added_lines_of_a_diff() {
        let d = b"diff --git a/src/a.py b/src/a.py\n--- a/src/a.py\n+++ b/src/a.py\n@@ -3,0 +4,2 @@\n+x\n+y\n@@ -10 +12 @@\n-a\n+b\n@@ -20,3 +22,0 @@\n-q\ndiff --git a/gone b/gone\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n";
        let m = parse_diff(d);
        assert_eq!(m.get("src/a.py"), Some(&vec![4, 5, 12]));
        assert_eq!(m.len(), 1);
    }

    fn git_in(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .args([
                "-c",
                "user.email=t@example.com",
                "-c",
                "user.name=t",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn read(dir: &Path, base: &str) -> anyhow::Result<Changed> {
        read_changed_lines(
            dir,
            base,
            Instant::now() + Duration::from_secs(60),
            &Cancel::default(),
        )
    }

    fn numbered(n: u32, tag: &str) -> String {
        (1..=n).map(|i| format!("{tag} line {i}\n")).collect()
    }

    /// A repository with one commit on `main` holding `src/a.py` (20 lines).
    fn repo() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        git_in(d.path(), &["init", "-q"]);
        std::fs::create_dir(d.path().join("src")).unwrap();
        std::fs::write(d.path().join("src/a.py"), numbered(20, "a")).unwrap();
        git_in(d.path(), &["add", "."]);
        git_in(d.path(), &["commit", "-qm", "base"]);
        d
    }

    #[test]
    fn a_rename_keeps_its_history_and_only_changed_lines_are_new() {
        let d = repo();
        git_in(d.path(), &["checkout", "-qb", "topic"]);
        git_in(d.path(), &["mv", "src/a.py", "src/b.py"]);
        let mut text = numbered(20, "a");
        text = text.replace("a line 7\n", "changed 7\n");
        std::fs::write(d.path().join("src/b.py"), text).unwrap();
        git_in(d.path(), &["commit", "-qam", "rename"]);
        let c = read(d.path(), "main").unwrap();
        assert_eq!(c.get("src/b.py"), Some(&vec![7]), "{c:?}");
        assert_eq!(c.renames, vec![("src/a.py".into(), "src/b.py".into())]);
        assert_eq!(c.files, vec!["src/a.py".to_string(), "src/b.py".into()]);
    }

    #[test]
    fn the_base_is_the_merge_base_and_untracked_files_count_whole() {
        let d = repo();
        git_in(d.path(), &["checkout", "-qb", "topic"]);
        // The change: one line added at the end, committed; one unstaged edit; one new file.
        std::fs::write(d.path().join("src/a.py"), numbered(20, "a") + "added 21\n").unwrap();
        git_in(d.path(), &["commit", "-qam", "add"]);
        std::fs::write(
            d.path().join("src/a.py"),
            numbered(20, "a").replace("a line 2\n", "edit 2\n") + "added 21\n",
        )
        .unwrap();
        std::fs::write(d.path().join("src/new.py"), "x = 1\ny = 2\nz = 3").unwrap();
        // Meanwhile main moves on: its own changes are not part of this change.
        git_in(d.path(), &["stash", "-q", "--include-untracked"]);
        git_in(d.path(), &["checkout", "-q", "main"]);
        std::fs::write(d.path().join("other.txt"), "main only\n").unwrap();
        git_in(d.path(), &["add", "."]);
        git_in(d.path(), &["commit", "-qm", "main moves"]);
        git_in(d.path(), &["checkout", "-q", "topic"]);
        git_in(d.path(), &["stash", "pop", "-q"]);
        let c = read(d.path(), "main").unwrap();
        assert_eq!(c.get("src/a.py"), Some(&vec![2, 21]), "{c:?}");
        assert_eq!(c.get("src/new.py"), Some(&vec![1, 2, 3]), "{c:?}");
        assert!(c.get("other.txt").is_none(), "{c:?}");
        let main = git_in(d.path(), &["rev-parse", "main~1"]);
        assert_eq!(c.commit, main);
    }

    #[test]
    fn a_shallow_clone_without_the_base_is_an_error_with_the_fix() {
        let d = repo();
        std::fs::write(d.path().join("src/a.py"), numbered(21, "a")).unwrap();
        git_in(d.path(), &["commit", "-qam", "second"]);
        let first = git_in(d.path(), &["rev-parse", "HEAD~1"]);
        let clone = tempfile::tempdir().unwrap();
        let url = format!("file://{}", d.path().display());
        git_in(
            clone.path(),
            &["clone", "-q", "--depth", "1", &url, "shallow"],
        );
        let e = read(&clone.path().join("shallow"), &first)
            .unwrap_err()
            .to_string();
        assert!(e.contains("shallow clone"), "{e}");
        assert!(e.contains("fetch-depth: 0"), "{e}");
        assert!(e.contains("never falls back"), "{e}");
    }

    #[test]
    fn no_base_and_no_origin_says_to_pass_base() {
        let d = repo();
        let e = read(d.path(), "origin/HEAD").unwrap_err().to_string();
        assert!(e.contains("pass --base REV"), "{e}");
    }

    #[test]
    fn the_base_comes_from_ci_when_not_given() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            detect_base(env(&[("GITHUB_BASE_REF", "main")])),
            ("origin/main".into(), BaseSource::GithubPullRequest)
        );
        // A push build has GITHUB_BASE_REF set but empty.
        assert_eq!(
            detect_base(env(&[
                ("GITHUB_BASE_REF", ""),
                ("CI_MERGE_REQUEST_DIFF_BASE_SHA", "abc")
            ])),
            ("abc".into(), BaseSource::GitlabMergeRequest)
        );
        assert_eq!(
            detect_base(env(&[])),
            ("origin/HEAD".into(), BaseSource::OriginHead)
        );
    }

    fn blobs(dir: &Path, commit: &str, paths: &[&str]) -> Vec<Option<Vec<u8>>> {
        let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
        let mut got = vec![None; paths.len()];
        let mut calls = 0;
        for_each_blob(
            dir,
            commit,
            &paths,
            Instant::now() + Duration::from_secs(60),
            &Cancel::default(),
            &mut |i, b| {
                calls += 1;
                got[i] = b;
            },
        )
        .unwrap();
        assert_eq!(calls, paths.len());
        got
    }

    #[test]
    fn base_blobs_come_from_git_objects_not_the_work_tree() {
        let d = repo();
        // A blob larger than one read, with every byte value, and one in a subfolder.
        let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(d.path().join("big.bin"), &big).unwrap();
        std::fs::write(d.path().join("src/b c.py"), "x = 1\n").unwrap();
        git_in(d.path(), &["add", "."]);
        git_in(d.path(), &["commit", "-qm", "more"]);
        let commit = git_in(d.path(), &["rev-parse", "HEAD"]);
        // The work tree moves on; the commit's files are read.
        std::fs::write(d.path().join("src/a.py"), "changed\n").unwrap();
        let got = blobs(
            d.path(),
            &commit,
            &[
                "src/a.py",
                "gone.py",
                "big.bin",
                "src",
                "src/b c.py",
                "new\nline",
            ],
        );
        assert_eq!(got[0].as_deref(), Some(numbered(20, "a").as_bytes()));
        assert_eq!(got[1], None);
        assert_eq!(got[2].as_deref(), Some(&big[..]));
        assert_eq!(got[3], None, "a folder is no file");
        assert_eq!(got[4].as_deref(), Some(&b"x = 1\n"[..]));
        assert_eq!(got[5], None);
        // Paths are relative to the folder asked from (a workspace member), as the change's are.
        let got = blobs(&d.path().join("src"), &commit, &["a.py", "src/a.py"]);
        assert_eq!(got[0].as_deref(), Some(numbered(20, "a").as_bytes()));
        assert_eq!(got[1], None);
        let e = for_each_blob(
            d.path(),
            "0000000000000000000000000000000000000000",
            &["src/a.py".to_string()],
            Instant::now() + Duration::from_secs(60),
            &Cancel::default(),
            &mut |_, b| assert!(b.is_none()),
        );
        assert!(e.is_ok(), "an unknown commit's files are missing: {e:?}");
    }

    #[test]
    fn quoted_paths_are_unquoted() {
        assert_eq!(unquote("\"sp\\303\\251cial\\tx\""), "sp\u{e9}cial\tx");
        assert_eq!(unquote("plain/b/path"), "plain/b/path");
        let d = b"diff --git \"a/x\\ty\" \"b/x\\ty\"\n--- \"a/x\\ty\"\n+++ \"b/x\\ty\"\n@@ -0,0 +1 @@\n+q\n";
        assert_eq!(parse_diff(d).get("x\ty"), Some(&vec![1]));
    }
}
