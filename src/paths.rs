//! Paths the config names, checked after symbolic links are resolved. SPEC §2.1: a relative
//! path must stay inside the repository; only an absolute path the user wrote may leave it.
//! The `..` check at load time is textual; a link inside the repo (`reports/ -> /etc`,
//! `.gatekeep -> /tmp/elsewhere`) would pass it, so reads of reports and writes of gatekeep's
//! own files are checked again here, on the resolved path.

use crate::node::de::{DeError, Spanned};
use std::path::{Component, Path, PathBuf};

/// `p` with every symbolic link resolved as far as the path exists; the part that does not
/// exist yet is appended as written (with `.` and `..` folded lexically).
pub fn resolve(p: &Path) -> PathBuf {
    let mut existing = p.to_path_buf();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&existing) {
            let mut out = real;
            for c in rest.iter().rev() {
                if c == ".." {
                    out.pop();
                } else if c != "." {
                    out.push(c);
                }
            }
            return out;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => {
                // Nothing of it exists (or `..` at the end): fold lexically.
                let mut out = PathBuf::new();
                for c in p.components() {
                    match c {
                        Component::ParentDir => {
                            out.pop();
                        }
                        Component::CurDir => {}
                        other => out.push(other.as_os_str()),
                    }
                }
                return out;
            }
        }
    }
}

/// Checks that `path`, which the config gave as `written` (relative to the config's folder),
/// stays inside `root` once links are resolved. An absolute `written` is the user's own choice
/// and is not checked. Returns the path to use.
pub fn confine(root: &Path, path: &Path, written: &str) -> Result<PathBuf, String> {
    if Path::new(written).is_absolute() {
        return Ok(path.to_path_buf());
    }
    let real_root = resolve(root);
    let real = resolve(path);
    if real.starts_with(&real_root) {
        Ok(path.to_path_buf())
    } else {
        Err(format!(
            "`{written}` leads outside the repository through a symbolic link (to {}); \
             use an absolute path if that is intended",
            real.display()
        ))
    }
}

/// Refuses a relative path that leaves the folder it is relative to (SPEC §2.1).
pub fn check_path(p: &Spanned<String>) -> Result<(), DeError> {
    let path = Path::new(&p.value);
    if path.is_absolute() {
        return Ok(());
    }
    let mut depth: i32 = 0;
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return Err(DeError::at(
                p.pos,
                format!(
                    "path `{}` leaves the repository; use an absolute path if that is intended",
                    p.value
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_out_of_the_root_is_refused_an_absolute_path_is_not() {
        let outside = tempfile::tempdir().unwrap();
        let repo = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.xml"), "<x/>").unwrap();
        std::os::unix::fs::symlink(outside.path(), repo.path().join("reports")).unwrap();
        std::fs::create_dir(repo.path().join("in")).unwrap();
        let p = repo.path().join("reports/secret.xml");
        let e = confine(repo.path(), &p, "reports/secret.xml").unwrap_err();
        assert!(e.contains("outside the repository"), "{e}");
        let abs = outside.path().join("secret.xml");
        assert!(confine(repo.path(), &abs, &abs.display().to_string()).is_ok());
        // Inside, and not existing yet (a history file to be created), is fine.
        let new = repo.path().join("in/new/history.jsonl");
        assert!(confine(repo.path(), &new, "in/new/history.jsonl").is_ok());
        // Not existing yet, below a link that leaves: refused.
        let below = repo.path().join("reports/new/history.jsonl");
        assert!(confine(repo.path(), &below, "reports/new/history.jsonl").is_err());
    }

    #[test]
    fn resolve_folds_what_does_not_exist() {
        let d = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(d.path()).unwrap();
        assert_eq!(resolve(&d.path().join("a/../b")), real.join("b"));
    }
}
