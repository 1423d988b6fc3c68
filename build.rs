//! Build provenance for `gatekeep --version`: the commit and the target triple.
//!
//! The commit comes from `GATEKEEP_BUILD_COMMIT` when set (release CI, distro builds, a source
//! tarball), else from `git rev-parse` when the source is a git checkout, else `unknown`: the
//! build never needs git.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// True when the crate root is the top of a git work tree. A crate unpacked from a registry or
/// vendored inside another repository must not report that other repository's commit.
fn own_checkout() -> bool {
    let Ok(dir) = std::env::var("CARGO_MANIFEST_DIR") else {
        return false;
    };
    let Some(top) = git(&["-C", &dir, "rev-parse", "--show-toplevel"]) else {
        return false;
    };
    match (std::fs::canonicalize(&top), std::fs::canonicalize(&dir)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=GATEKEEP_BUILD_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");
    let commit = match std::env::var("GATEKEEP_BUILD_COMMIT") {
        Ok(c) if !c.trim().is_empty() => c.trim().to_string(),
        _ if !own_checkout() => "unknown".into(),
        _ => {
            // Rebuild when HEAD moves: HEAD itself (branch switch) and the ref it points to.
            // Only files that exist (cargo reruns on a missing one every time), and not the
            // other branches (their commits must not rebuild this one).
            let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
            watch.extend(git(&["symbolic-ref", "-q", "HEAD"]));
            for p in &watch {
                if let Some(path) = git(&["rev-parse", "--git-path", p])
                    && std::path::Path::new(&path).exists()
                {
                    println!("cargo:rerun-if-changed={path}");
                }
            }
            git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into())
        }
    };
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());
    println!("cargo:rustc-env=GATEKEEP_BUILD_COMMIT={commit}");
    println!("cargo:rustc-env=GATEKEEP_BUILD_TARGET={target}");
}
