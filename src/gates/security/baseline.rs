//! Baselines: fingerprints of accepted findings, independent of line numbers.
//!
//! A fingerprint hashes the rule, the path, the finding's line text with whitespace collapsed,
//! and the occurrence index of that (rule, path, text) triple in the file, so moving code up or
//! down keeps it, while a second identical line gets its own.

use crate::model::Finding;
use anyhow::Context;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Whitespace-collapsed, trimmed line text.
pub fn normalise(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 128-bit FNV-1a as 32 hex digits (stable across versions and platforms).
fn fnv128(parts: &[&[u8]]) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for p in parts {
        for &b in *p {
            h ^= b as u128;
            h = h.wrapping_mul(PRIME);
        }
        // Separator so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(PRIME);
    }
    format!("{h:032x}")
}

pub fn fingerprint(rule: &str, path: &str, line_text: &str, occurrence: usize) -> String {
    fnv128(&[
        rule.as_bytes(),
        path.as_bytes(),
        normalise(line_text).as_bytes(),
        occurrence.to_string().as_bytes(),
    ])
}

/// Sets `fingerprint` on every finding. `texts[i]` is finding `i`'s line text when known (the
/// message stands in otherwise). Findings must be in a stable order (path, line, column, rule).
pub fn assign(findings: &mut [Finding], texts: &[Option<String>]) {
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    for (i, f) in findings.iter_mut().enumerate() {
        let text = normalise(
            texts
                .get(i)
                .and_then(|t| t.as_deref())
                .unwrap_or(&f.message),
        );
        let path = f.path.clone().unwrap_or_default();
        let n = seen
            .entry((f.rule.clone(), path.clone(), text.clone()))
            .or_insert(0);
        f.fingerprint = Some(fingerprint(&f.rule, &path, &text, *n));
        *n += 1;
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    message: String,
}

/// Writes the fingerprints of `findings` (those that have one) as a baseline file.
pub fn write_baseline(findings: &[Finding], path: &Path) -> anyhow::Result<()> {
    let mut entries: Vec<Entry> = findings
        .iter()
        .filter_map(|f| {
            Some(Entry {
                fingerprint: f.fingerprint.clone()?,
                rule: f.rule.clone(),
                path: f.path.clone(),
                message: f.message.clone(),
            })
        })
        .collect();
    entries.sort_by(|a, b| {
        (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint))
    });
    entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let json = serde_json::to_string_pretty(&File {
        version: 1,
        findings: entries,
    })?;
    crate::atomic::write_atomic(path, (json + "\n").as_bytes())
        .with_context(|| format!("cannot write baseline {}", path.display()))
}

/// Reads a baseline's fingerprints.
pub fn read_baseline(path: &Path) -> anyhow::Result<BTreeSet<String>> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read baseline {} (create it with `gatekeep check --write-baseline`)",
            path.display()
        )
    })?;
    let f: File = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: not a gatekeep baseline: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if f.version != 1 {
        anyhow::bail!(
            "{}: unsupported baseline version {}",
            path.display(),
            f.version
        );
    }
    Ok(f.findings.into_iter().map(|e| e.fingerprint).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn f(line: u64) -> Finding {
        Finding::new("security/py-eval", Severity::High, "eval").at("a.py", Some(line), Some(1))
    }

    #[test]
    fn independent_of_lines_distinct_per_occurrence() {
        let mut a = vec![f(3), f(9)];
        let mut b = vec![f(30), f(90)];
        assign(
            &mut a,
            &[Some("  eval(x)".into()), Some("  eval(x)".into())],
        );
        assign(&mut b, &[Some("eval(x)   ".into()), Some("eval(x)".into())]);
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
        assert_eq!(a[1].fingerprint, b[1].fingerprint);
        assert_ne!(a[0].fingerprint, a[1].fingerprint);
    }

    #[test]
    fn round_trip() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("b.json");
        let mut a = vec![f(3)];
        assign(&mut a, &[None]);
        write_baseline(&a, &p).unwrap();
        let set = read_baseline(&p).unwrap();
        assert!(set.contains(a[0].fingerprint.as_ref().unwrap()));
        std::fs::write(&p, "{\"version\": 1, \"findings\": [").unwrap();
        let e = read_baseline(&p).unwrap_err().to_string();
        assert!(e.contains("b.json:1:"), "{e}");
    }
}
