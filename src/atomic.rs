//! Files gatekeep writes — reports (`-o`), sign-offs, baselines, `init`'s config — are written
//! atomically: a temporary file in the same folder, then a rename, so a reader never sees a
//! partial file. Several files of one run (`-o a.json -o b.sarif`) are all staged first and
//! renamed last, so a failure leaves the old set, never half of each.
//!
//! - Permissions follow the umask (`0666 & ~umask`), as other tools' output files do.
//! - A path that is a symbolic link is written through: the link stays, its target is replaced.
//!   A path that is not a regular file (`/dev/stdout`, a FIFO, a character device) is written
//!   to directly: it is never replaced by a regular file.
//! - Temporary files are named `.gatekeep-<pid>-<random>.tmp`. They are registered while they
//!   exist, so a signal handler can remove them ([`remove_pending`]); one left by a process that
//!   was killed with SIGKILL is removed by a later run ([`sweep_stale`]). The run's own scratch
//!   files ([`scratch`]) are registered the same way.

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files that exist now (staged, not yet renamed).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes every temporary file this process has staged and not renamed (for a signal
/// handler: the run ends without finishing its writes). Returns how many were removed.
pub fn remove_pending() -> usize {
    let mut g = pending();
    let n = g.iter().filter(|p| std::fs::remove_file(p).is_ok()).count();
    g.clear();
    n
}

/// Where a write to `path` must go, and how.
enum Target {
    /// A regular file (or none yet): written atomically at this path (a link's target).
    Replace(PathBuf),
    /// Not a regular file (a device, a FIFO): written to directly.
    Through(PathBuf),
}

fn target(path: &Path) -> anyhow::Result<Target> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling link is written at its target; a plain new file at its path.
            return match std::fs::read_link(path) {
                Ok(to) => Ok(Target::Replace(match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                })),
                Err(_) => Ok(Target::Replace(path.to_path_buf())),
            };
        }
        Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
    };
    if meta.is_dir() {
        anyhow::bail!("cannot write {}: it is a folder", path.display());
    }
    if !meta.is_file() {
        return Ok(Target::Through(path.to_path_buf()));
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        let real = std::fs::canonicalize(path)
            .with_context(|| format!("cannot resolve the link {}", path.display()))?;
        return Ok(Target::Replace(real));
    }
    Ok(Target::Replace(path.to_path_buf()))
}

/// A staged file: written and synced under a temporary name, renamed by [`Staged::commit`].
struct Staged {
    tmp: Option<tempfile::TempPath>,
    to: PathBuf,
    shown: PathBuf,
}

fn stage(path: &Path, content: &[u8]) -> anyhow::Result<Option<Staged>> {
    let to = match target(path)? {
        Target::Through(p) => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(&p)
                .with_context(|| format!("cannot open {}", p.display()))?;
            f.write_all(content)
                .and_then(|_| f.flush())
                .with_context(|| format!("cannot write {}", p.display()))?;
            return Ok(None);
        }
        Target::Replace(p) => p,
    };
    let dir = match to.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))?;
    // What a killed run left here goes first.
    sweep_stale(&dir);
    #[cfg(unix)]
    let perms = {
        use std::os::unix::fs::PermissionsExt;
        // open(2) applies the umask to this mode.
        std::fs::Permissions::from_mode(0o666)
    };
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".gatekeep-{}-", std::process::id());
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(perms);
    let mut pend = pending();
    let mut tmp = builder
        .tempfile_in(&dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    pend.push(tmp.path().to_path_buf());
    drop(pend);
    let written = tmp
        .write_all(content)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()));
    let tmp = tmp.into_temp_path();
    if let Err(e) = written {
        forget(&tmp);
        return Err(e);
    }
    Ok(Some(Staged {
        tmp: Some(tmp),
        to,
        shown: path.to_path_buf(),
    }))
}

fn forget(p: &Path) {
    pending().retain(|x| x != p);
}

impl Staged {
    fn commit(mut self) -> anyhow::Result<()> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let p = tmp.to_path_buf();
        let r = tmp
            .persist(&self.to)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", self.shown.display()));
        forget(&p);
        r
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Not committed: the TempPath removes the file; stop tracking it.
        if let Some(t) = &self.tmp {
            forget(t);
        }
    }
}

/// A temporary file of the run's own (a tool's captured output), in the system's temporary
/// folder. It is removed when dropped, and by the signal handler ([`remove_pending`]) when the
/// run is interrupted before that.
pub struct Scratch(tempfile::NamedTempFile);

impl Scratch {
    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        forget(self.0.path());
    }
}

/// Creates a [`Scratch`] file whose name starts with `prefix`.
pub fn scratch(prefix: &str) -> std::io::Result<Scratch> {
    let mut pend = pending();
    let t = tempfile::Builder::new().prefix(prefix).tempfile()?;
    pend.push(t.path().to_path_buf());
    Ok(Scratch(t))
}

/// Writes one file atomically (see the module documentation).
pub fn write_atomic(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    write_all_atomic(&[(path.to_path_buf(), content.to_vec())])
}

/// Writes several files: all are staged first, then renamed one after the other, so a failure
/// to stage any leaves every old file as it was.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    crate::interrupt::checkpoint();
    let mut staged = Vec::with_capacity(files.len());
    for (path, content) in files {
        if let Some(s) = stage(path, content)? {
            staged.push(s);
        }
    }
    crate::interrupt::checkpoint();
    for s in staged {
        s.commit()?;
    }
    Ok(())
}

/// Removes temporary files left in `dir` by gatekeep processes that no longer exist (killed
/// with SIGKILL, or by a power cut). A file of a live process is left alone; one without a
/// process id (older versions) is removed when it is more than an hour old. Returns the
/// removed files.
pub fn sweep_stale(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return removed;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(mid) = name
            .strip_prefix(".gatekeep-")
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        let stale = match mid
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<i32>().ok())
        {
            Some(pid) => !process_exists(pid),
            None => e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600),
        };
        if stale
            && e.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(e.path()).is_ok()
        {
            removed.push(e.path());
        }
    }
    removed
}

fn process_exists(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    if pid as u32 == std::process::id() {
        return true;
    }
    // SAFETY: signal 0 checks for existence only; EPERM means it exists (another user's).
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_and_leaves_no_temporary_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("r.json");
        write_atomic(&p, b"{}").unwrap();
        write_atomic(&p, b"{\"a\":1}").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"{\"a\":1}");
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("r.json")]);
        // Other tests write at the same time: only this folder's files must be untracked.
        assert!(!pending().iter().any(|p| p.starts_with(d.path())));
    }

    /// Issue 18 item 11 / issue 21 item 23: the umask decides, not a fixed 0600.
    #[cfg(unix)]
    #[test]
    fn mode_follows_the_umask() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("r.txt");
        write_atomic(&p, b"x").unwrap();
        // SAFETY: reads the umask by setting it and restoring it at once.
        let mask = unsafe {
            let m = libc::umask(0o022);
            libc::umask(m);
            m
        };
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !(mask as u32));
        assert_ne!(mode, 0o600, "not the temporary file's private mode");
    }

    /// Issue 18 item 11: a link is written through, never replaced by a regular file.
    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        let link = d.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        // A device: written to, not replaced.
        write_atomic(Path::new("/dev/null"), b"x").unwrap();
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    }

    /// Issue 18 item 6: one file that cannot be staged leaves every file of the set as it was.
    #[test]
    fn a_set_is_all_new_or_all_old() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.json");
        std::fs::write(&a, "old").unwrap();
        let bad = d.path().join("dir");
        std::fs::create_dir(&bad).unwrap();
        let e =
            write_all_atomic(&[(a.clone(), b"new".to_vec()), (bad, b"x".to_vec())]).unwrap_err();
        assert!(format!("{e:#}").contains("it is a folder"), "{e:#}");
        assert_eq!(std::fs::read(&a).unwrap(), b"old");
        let left: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty());
    }

    /// Issue 18 item 6: temporary files of dead processes are swept, a live one's are kept.
    #[test]
    fn stale_temporary_files_are_swept() {
        let d = tempfile::tempdir().unwrap();
        let dead = d.path().join(".gatekeep-2147483646-abc.tmp");
        let live = d
            .path()
            .join(format!(".gatekeep-{}-abc.tmp", std::process::id()));
        let other = d.path().join("keep.tmp");
        for p in [&dead, &live, &other] {
            std::fs::write(p, "x").unwrap();
        }
        assert_eq!(sweep_stale(d.path()), vec![dead.clone()]);
        assert!(live.exists() && other.exists() && !dead.exists());
    }
}
