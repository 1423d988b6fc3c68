//! The change's errors (issue 15): with a base, which errors the change brought (`new_errors`)
//! and which it removed (`fixed_errors`).
//!
//! An issue's identity in its file is its rule, its message with numbers blanked (messages name
//! positions: `<a> opened at 12:5`), the whitespace-normalised text of its line, and its
//! occurrence among equal ones in line order — not its line number, so moving an error up or
//! down makes nothing new, while a second copy of it is new. The base's versions of the changed
//! files the gate checks are read from git's objects (one `git cat-file --batch`, never a
//! checkout) and checked in memory with the same checker, options and structure rules; a renamed
//! file's base issues take its new path. An issue is new when its file is changed and its
//! identity is not among the base version's (an untracked or added file: all are new); files the
//! change does not touch keep theirs (`unchanged`). Markdown files count the same way, their
//! fences and regions at the lines of the `.md` file.

use super::XmlGate;
use super::checker::{Issue, Level, Outcome};
use crate::changes::Changed;
use crate::gates::{GateCx, at_base};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::BufRead;

/// The lines `issues` point at.
pub(super) fn wanted_lines(issues: &[Issue]) -> BTreeSet<u64> {
    issues.iter().map(|i| i.line).collect()
}

/// The text of the `wanted` lines (1-based) of a file, read line by line (a streamed file is
/// never held whole).
pub(super) fn line_texts(
    mut r: impl BufRead,
    wanted: &BTreeSet<u64>,
) -> std::io::Result<HashMap<u64, String>> {
    let mut out = HashMap::new();
    let Some(&last) = wanted.last() else {
        return Ok(out);
    };
    let mut buf = Vec::new();
    let mut n = 0u64;
    while n < last {
        buf.clear();
        if r.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        n += 1;
        if wanted.contains(&n) {
            // A line is compared, never shown: its first 4 KiB are enough.
            buf.truncate(4096);
            out.insert(n, String::from_utf8_lossy(&buf).into_owned());
        }
    }
    Ok(out)
}

/// A message with its digit runs blanked.
fn without_numbers(m: &str) -> String {
    let mut out = String::with_capacity(m.len());
    let mut digits = false;
    for c in m.chars() {
        if c.is_ascii_digit() {
            if !digits {
                out.push('#');
            }
            digits = true;
        } else {
            out.push(c);
            digits = false;
        }
    }
    out
}

/// The identity of each issue of one file (`issues` in line and column order).
pub(super) fn identities(issues: &[Issue], texts: &HashMap<u64, String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    issues
        .iter()
        .map(|i| {
            let text = texts
                .get(&i.line)
                .map(|t| crate::gates::security::baseline::normalise(t))
                .unwrap_or_default();
            let key = format!(
                "{}\u{1f}{}\u{1f}{text}",
                i.rule,
                without_numbers(&i.message)
            );
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            format!("{key}\u{1f}{n}")
        })
        .collect()
}

/// One issue of a changed file at the base.
#[derive(Clone, Debug)]
pub(super) struct BaseIssue {
    pub error: bool,
    pub rule: &'static str,
    pub line: u64,
}

/// A changed file as the base had it.
#[derive(Debug, Default)]
pub(super) struct BaseFile {
    /// Its listed issues, by identity.
    pub issues: HashMap<String, BaseIssue>,
    /// Errors counted but not listed (beyond the per-file listing limit).
    pub unlisted_errors: u64,
}

/// The base's versions of the changed files the gate checks, by their path now.
#[derive(Debug, Default)]
pub(super) struct Base {
    pub by_path: HashMap<String, BaseFile>,
}

/// The listed issues of a checked file, in line and column order, with its structure rules.
pub(super) fn sorted(mut o: Outcome) -> (Vec<Issue>, u64) {
    let listed_e = o.issues.iter().filter(|i| i.level == Level::Error).count() as u64;
    o.issues.sort_by_key(|i| (i.line, i.col));
    (o.issues, o.errors.saturating_sub(listed_e))
}

/// Checks the base's versions of the changed files the gate checks (a deleted file: by its old
/// path), as XML or Markdown as the run checks them now.
pub(super) fn base(gate: &XmlGate, cx: &GateCx<'_>, changed: &Changed) -> anyhow::Result<Base> {
    let files = at_base::changed_files(cx, changed, |now| gate.selects(cx, now));
    let (parts, _) = at_base::map_blobs(cx, &changed.commit, &files, "checking", |f, blob| {
        let mut o = gate.check_content(cx.root, &f.now, blob, f.what).outcome;
        gate.apply_rules(&f.now, &mut o, None);
        let (issues, unlisted_errors) = sorted(o);
        let texts = line_texts(blob, &wanted_lines(&issues)).unwrap_or_default();
        let ids = identities(&issues, &texts);
        let issues = ids
            .into_iter()
            .zip(&issues)
            .map(|(id, i)| {
                let issue = BaseIssue {
                    error: i.level == Level::Error,
                    rule: i.rule,
                    line: i.line,
                };
                (id, issue)
            })
            .collect();
        let file = BaseFile {
            issues,
            unlisted_errors,
        };
        (f.now.clone(), file)
    })?;
    Ok(Base {
        by_path: parts.into_iter().collect(),
    })
}

/// A changed file as the run checked it.
pub(super) struct Now {
    pub path: String,
    /// Index of its first finding in the gate's findings; one per issue, in order, then its
    /// `xml/more` finding when it has one.
    pub start: usize,
    pub ids: Vec<String>,
    pub errors: Vec<bool>,
    pub unlisted_errors: u64,
    pub more: bool,
}

/// A base error the run no longer has.
#[derive(Debug)]
pub(super) struct Fixed {
    pub path: String,
    pub rule: &'static str,
    /// At the base.
    pub line: u64,
}

/// What the change brought and removed.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub new_errors: u64,
    pub fixed: Vec<Fixed>,
    /// Errors fixed beyond the listing limit (counted, not named).
    pub fixed_unlisted: u64,
}

/// Marks the findings `new` or `unchanged` and counts the new and fixed errors. `now` holds the
/// changed files the run checked; every other finding is unchanged.
pub(super) fn mark(findings: &mut [crate::model::Finding], now: &[Now], base: &Base) -> Tally {
    use crate::model::BaselineState;
    for f in findings.iter_mut() {
        f.baseline_state = Some(BaselineState::Unchanged);
    }
    let mut t = Tally::default();
    let mut current: HashMap<&str, HashSet<&str>> = HashMap::new();
    let empty = BaseFile::default();
    for n in now {
        let b = base.by_path.get(&n.path).unwrap_or(&empty);
        for (k, (id, &error)) in n.ids.iter().zip(&n.errors).enumerate() {
            let new = !b.issues.contains_key(id);
            if new && error {
                t.new_errors += 1;
            }
            if new && let Some(f) = findings.get_mut(n.start + k) {
                f.baseline_state = Some(BaselineState::New);
            }
        }
        let more_new = n.unlisted_errors.saturating_sub(b.unlisted_errors);
        t.new_errors += more_new;
        if n.more
            && more_new > 0
            && let Some(f) = findings.get_mut(n.start + n.ids.len())
        {
            f.baseline_state = Some(BaselineState::New);
        }
        t.fixed_unlisted += b.unlisted_errors.saturating_sub(n.unlisted_errors);
        current.insert(&n.path, n.ids.iter().map(String::as_str).collect());
    }
    for (path, b) in &base.by_path {
        let cur = current.get(path.as_str());
        if cur.is_none() {
            t.fixed_unlisted += b.unlisted_errors;
        }
        for (id, i) in &b.issues {
            if i.error && cur.is_none_or(|c| !c.contains(id.as_str())) {
                t.fixed.push(Fixed {
                    path: path.clone(),
                    rule: i.rule,
                    line: i.line,
                });
            }
        }
    }
    t.fixed
        .sort_by(|a, b| (&a.path, a.line, a.rule).cmp(&(&b.path, b.line, b.rule)));
    t
}

/// The note on the fixed errors: how many, and the first few (rule, path, line at the base).
pub(super) fn fixed_note(base_rev: &str, t: &Tally) -> Option<String> {
    let n = t.fixed.len() as u64 + t.fixed_unlisted;
    if n == 0 {
        return None;
    }
    let shown: Vec<String> = t
        .fixed
        .iter()
        .take(5)
        .map(|f| format!("{} in {} (line {} at the base)", f.rule, f.path, f.line))
        .collect();
    Some(format!(
        "{n} errors fixed since {base_rev}{}{}",
        if shown.is_empty() { "" } else { ": " },
        shown.join(", ")
            + if n > shown.len() as u64 && !shown.is_empty() {
                ", …"
            } else {
                ""
            }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(rule: &'static str, line: u64, message: &str) -> Issue {
        Issue {
            level: Level::Error,
            rule,
            line,
            col: 1,
            message: message.into(),
        }
    }

    #[test]
    fn identity_ignores_the_line_number_and_counts_copies() {
        let text = |l: u64, t: &str| HashMap::from([(l, t.to_string())]);
        let a = identities(
            &[issue("xml/tag", 3, "<a> opened at 3:1")],
            &text(3, "  <a> x "),
        );
        let b = identities(
            &[issue("xml/tag", 9, "<a> opened at 9:1")],
            &text(9, "<a>   x"),
        );
        assert_eq!(a, b);
        let two = identities(
            &[issue("xml/amp", 1, "bare &"), issue("xml/amp", 2, "bare &")],
            &HashMap::from([(1, "a & b".into()), (2, "a & b".into())]),
        );
        assert_ne!(two[0], two[1]);
        assert_eq!(
            two[0],
            identities(&[issue("xml/amp", 7, "bare &")], &text(7, "a & b"))[0]
        );
    }

    #[test]
    fn line_texts_reads_only_the_wanted_lines() {
        let got = line_texts(&b"one\ntwo\nthree"[..], &BTreeSet::from([2, 3, 9])).unwrap();
        assert_eq!(got.get(&2).map(String::as_str), Some("two\n"));
        assert_eq!(got.get(&3).map(String::as_str), Some("three"));
        assert_eq!(got.len(), 2);
    }
}
