//! The base's versions of the changed files (issue 15), for the gates that compare their findings
//! with the base's (security, xml, docs): which changed files a gate reads there, and reading
//! them from git's objects (one `git cat-file --batch`, never a checkout) on the gate's threads
//! as git hands them over.

use super::GateCx;
use crate::changes::Changed;
use crate::walk::STATE_DIRS;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long reading the base's files may take when the runner set no deadline.
const NO_DEADLINE: Duration = Duration::from_secs(600);

/// The stack of the threads that handle the blobs: the docs parsers recurse over nesting
/// (bounded), so they get a roomy stack, as the run's own parsing threads do.
const STACK: usize = 64 << 20;

/// A changed file to read at the base.
pub struct ToRead<T> {
    /// Its path at the base: a renamed file's old path.
    pub at_base: String,
    /// Its path now (a deleted file's last path).
    pub now: String,
    /// What the gate reads it as.
    pub what: T,
}

/// The changed files a gate reads now, each under its path at the base (a renamed file under its
/// old path, a deleted one by its last path). Files in gatekeep's own state folders, and files on
/// disk that the walk skipped (ignored), are left out, as the run leaves them out; `pick(now)`
/// is the gate's own selection and says what the file is read as.
pub fn changed_files<T>(
    cx: &GateCx<'_>,
    changed: &Changed,
    mut pick: impl FnMut(&str) -> Option<T>,
) -> Vec<ToRead<T>> {
    let new_name: HashMap<&str, &str> = changed
        .renames
        .iter()
        .map(|(o, n)| (o.as_str(), n.as_str()))
        .collect();
    let renamed: HashSet<&str> = changed.renames.iter().map(|(_, n)| n.as_str()).collect();
    let mut out = Vec::new();
    for p in &changed.files {
        // A renamed file's base is its old path.
        if renamed.contains(p.as_str()) {
            continue;
        }
        let now = new_name.get(p.as_str()).copied().unwrap_or(p);
        let state = now.split('/').any(|d| STATE_DIRS.contains(&d));
        let walked =
            cx.repo.get(now).is_some() || std::fs::symlink_metadata(cx.root.join(now)).is_err();
        if state || !walked {
            continue;
        }
        if let Some(what) = pick(now) {
            out.push(ToRead {
                at_base: p.clone(),
                now: now.to_string(),
                what,
            });
        }
    }
    out
}

/// Reads `files` as they are at `commit` and runs `work` on each one that existed then, on the
/// gate's threads as git hands the blobs over (at most two per thread wait). Returns the results
/// (in no particular order) and how many files were read. A panic in `work` is caught, so the
/// other threads keep draining git's output (its reader would otherwise wait on a full channel
/// for ever), and is an error; `what` names the work in errors ("scanning").
pub fn map_blobs<T: Sync, R: Send>(
    cx: &GateCx<'_>,
    commit: &str,
    files: &[ToRead<T>],
    what: &str,
    work: impl Fn(&ToRead<T>, &[u8]) -> R + Sync,
) -> anyhow::Result<(Vec<R>, u64)> {
    let names: Vec<String> = files.iter().map(|f| f.at_base.clone()).collect();
    let deadline = cx.deadline.unwrap_or_else(|| Instant::now() + NO_DEADLINE);
    let threads = crate::gates::threads().clamp(1, 16);
    let mut read = 0u64;
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(threads * 2);
    let rx = Mutex::new(rx);
    let (read_result, parts) = std::thread::scope(|sc| {
        let mut workers = Vec::new();
        for _ in 0..threads {
            let (rx, work) = (&rx, &work);
            let spawned =
                std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(sc, move || {
                        let mut part = Vec::new();
                        let mut panicked = false;
                        loop {
                            let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                            let Ok((i, blob)) = next else { break };
                            let Some(f) = files.get(i) else { continue };
                            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                work(f, &blob)
                            })) {
                                Ok(r) => part.push(r),
                                Err(_) => panicked = true,
                            }
                        }
                        (part, panicked)
                    });
            match spawned {
                Ok(h) => workers.push(h),
                // Fewer threads than asked still read every blob; none is an error.
                Err(e) if workers.is_empty() => {
                    return (
                        Err(anyhow::Error::new(e).context("cannot start a thread")),
                        Vec::new(),
                    );
                }
                Err(_) => {}
            }
        }
        let r = crate::changes::for_each_blob(
            cx.root,
            commit,
            &names,
            deadline,
            cx.cancel,
            &mut |i, blob| {
                if let Some(blob) = blob {
                    read += 1;
                    // A worker that is gone (it panicked outside `work`) is reported below.
                    let _ = tx.send((i, blob));
                }
            },
        );
        drop(tx);
        let parts: Vec<std::thread::Result<(Vec<R>, bool)>> =
            workers.into_iter().map(|h| h.join()).collect();
        (r, parts)
    });
    read_result?;
    let mut out = Vec::new();
    for p in parts {
        let (p, panicked) =
            p.map_err(|_| anyhow::anyhow!("{what} the base's files failed (a thread panicked)"))?;
        if panicked {
            anyhow::bail!("{what} the base's files failed (it panicked on one)");
        }
        out.extend(p);
    }
    Ok((out, read))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::{RepoIndex, Selector};

    fn git(dir: &std::path::Path, args: &[&str]) {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git")
            .status
            .success();
        assert!(ok, "git {args:?}");
    }

    /// A renamed file is read under its old path, a deleted one by its old path, an added one
    /// has nothing at the base; a panic on one blob of many is an error, never a hang (more
    /// blobs than the channel holds still drain).
    #[test]
    fn reads_the_base_under_old_paths_and_a_panic_is_an_error() {
        let d = tempfile::tempdir().expect("tempdir");
        let root = d.path().canonicalize().expect("root");
        for i in 0..40 {
            std::fs::write(root.join(format!("f{i}.txt")), format!("old {i}\n")).expect("write");
        }
        std::fs::write(root.join("gone.txt"), "gone\n").expect("write");
        std::fs::write(root.join("a.txt"), "a\n").expect("write");
        git(&root, &["init", "-q"]);
        git(&root, &["add", "."]);
        git(&root, &["commit", "-qm", "base"]);
        for i in 0..40 {
            std::fs::write(root.join(format!("f{i}.txt")), format!("new {i}\n")).expect("write");
        }
        git(&root, &["mv", "a.txt", "b.txt"]);
        std::fs::remove_file(root.join("gone.txt")).expect("rm");
        std::fs::write(root.join("added.txt"), "added\n").expect("write");
        let cancel = crate::cancel::Cancel::default();
        let deadline = Instant::now() + Duration::from_secs(60);
        let changed =
            crate::changes::changed_lines(&root, "HEAD", deadline, &cancel).expect("diff");
        let repo = RepoIndex::scan(&root, &globset::GlobSet::empty(), 2).expect("walk");
        let include = vec!["**".to_string()];
        let selector = Selector::new(&include, &[]).expect("selector");
        let cx = GateCx {
            id: "t",
            root: &root,
            config_dir: &root,
            repo: &repo,
            selector: &selector,
            include: &include,
            base: None,
            baseline: None,
            cancel: &cancel,
            deadline: None,
            write_baseline: false,
        };
        let files = changed_files(&cx, &changed, |now| Some(now.len()));
        let mut pairs: Vec<(&str, &str)> = files
            .iter()
            .filter(|f| !f.now.starts_with('f'))
            .map(|f| (f.at_base.as_str(), f.now.as_str()))
            .collect();
        pairs.sort();
        assert_eq!(
            pairs,
            [
                ("a.txt", "b.txt"),
                ("added.txt", "added.txt"),
                ("gone.txt", "gone.txt")
            ]
        );
        let (mut got, read) = map_blobs(&cx, &changed.commit, &files, "reading", |f, blob| {
            (f.now.clone(), String::from_utf8_lossy(blob).into_owned())
        })
        .expect("read");
        got.sort();
        assert_eq!(read, 42, "every file but the added one");
        assert!(got.contains(&("b.txt".to_string(), "a\n".to_string())));
        assert!(got.contains(&("f7.txt".to_string(), "old 7\n".to_string())));
        let e = map_blobs(&cx, &changed.commit, &files, "reading", |f, _| {
            assert!(f.now != "f3.txt", "a checker bug");
        })
        .expect_err("a panic is an error");
        assert!(
            format!("{e}").contains("reading the base's files failed"),
            "{e}"
        );
    }
}
