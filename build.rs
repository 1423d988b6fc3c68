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
    tree_rules();
}

/// The built-in tree rules: every `rules/security/**/*.yml` with its test file (same stem,
/// another extension), compiled in with `include_str!`. Adding a rule is adding its two files.
fn tree_rules() {
    use std::fmt::Write;
    let Ok(dir) = std::env::var("CARGO_MANIFEST_DIR") else {
        return;
    };
    let root = std::path::Path::new(&dir).join("rules/security");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files: Vec<std::path::PathBuf> = walkdir(&root);
    files.sort();
    let mut s = String::from(
        "/// (path, rule file, test file name and text)\npub type Builtin = (&'static str, &'static str, Option<(&'static str, &'static str)>);\npub static BUILTIN: &[Builtin] = &[\n",
    );
    // Files under a `utils/` folder are shared utility rules, not rules.
    let is_util = |f: &std::path::Path| {
        f.strip_prefix(&root)
            .ok()
            .and_then(|r| r.parent())
            .is_some_and(|p| p.components().any(|c| c.as_os_str() == "utils"))
    };
    let mut utils =
        String::from("/// (path, utility file)\npub static BUILTIN_UTILS: &[(&str, &str)] = &[\n");
    for f in &files {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "yml" {
            continue;
        }
        if is_util(f) {
            let rel = f
                .strip_prefix(&dir)
                .unwrap_or(f)
                .to_string_lossy()
                .replace('\\', "/");
            let _ = writeln!(
                utils,
                "    ({rel:?}, include_str!({:?})),",
                f.display().to_string()
            );
            continue;
        }
        let rel = f
            .strip_prefix(&dir)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let test = files.iter().find(|c| {
            let e = c.extension().and_then(|e| e.to_str()).unwrap_or("");
            !matches!(e, "yml" | "yaml" | "md" | "")
                && c.file_stem() == f.file_stem()
                && c.parent() == f.parent()
        });
        let test = match test {
            Some(t) => format!(
                "Some(({:?}, include_str!({:?})))",
                t.file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
                t.display().to_string()
            ),
            None => "None".to_string(),
        };
        let _ = writeln!(
            s,
            "    ({rel:?}, include_str!({:?}), {test}),",
            f.display().to_string()
        );
    }
    s.push_str("];\n");
    utils.push_str("];\n");
    s.push_str(&utils);
    let Ok(out) = std::env::var("OUT_DIR") else {
        return;
    };
    let _ = std::fs::write(std::path::Path::new(&out).join("tree_rules.rs"), s);
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}
