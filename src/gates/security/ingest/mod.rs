//! Other scanners' reports. The format is detected from the content; each format has its own
//! file. A report that shows the scanner failed (an error object, every package skipped, an
//! empty or truncated file, a SARIF run without results) is an error, never "0 findings".

mod cargo_audit;
mod gitleaks;
mod grype;
mod npm_audit;
mod pip_audit;
mod sarif;
mod trivy;

use crate::model::Severity;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::Path;

/// A finding read from another tool's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Ext {
    /// The tool that produced it, e.g. `semgrep`, `npm-audit`.
    pub tool: String,
    pub rule: String,
    pub severity: Severity,
    /// As written in the report (repo-relative when the tool wrote it so).
    pub path: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
    /// Findings with the same key from several sources are one finding.
    pub dedup: String,
    pub secret: bool,
}

/// A parsed report.
#[derive(Debug)]
pub struct Report {
    pub format: &'static str,
    pub findings: Vec<Ext>,
    /// Results the tool itself marked suppressed.
    pub suppressed: u64,
    pub notes: Vec<String>,
}

/// Reads and parses one report; `unknown` is the severity for findings without one.
pub fn read(path: &Path, unknown: Severity) -> Result<Report> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read report {}", path.display()))?;
    parse(&text, unknown).with_context(|| format!("report {}", path.display()))
}

/// Parses a report's text.
pub fn parse(text: &str, unknown: Severity) -> Result<Report> {
    // A UTF-8 byte-order mark (Windows tools write one) is read past.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        bail!("the report is empty (did the scanner run?)");
    }
    let v: Value = serde_json::from_str(text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}: not valid JSON ({}){}",
            e.line(),
            e.column(),
            e,
            if e.is_eof() {
                "; the file is truncated"
            } else {
                ""
            }
        )
    })?;
    let format = detect(&v).ok_or_else(|| {
        anyhow::anyhow!("unrecognised report format (expected SARIF 2.1.0, npm audit, cargo-audit, pip-audit, trivy, grype or gitleaks JSON)")
    })?;
    let mut r = match format {
        "sarif" => sarif::parse(&v, unknown)?,
        "npm-audit" => npm_audit::parse(&v, unknown)?,
        "cargo-audit" => cargo_audit::parse(&v, unknown)?,
        "pip-audit" => pip_audit::parse(&v, unknown)?,
        "trivy" => trivy::parse(&v, unknown)?,
        "grype" => grype::parse(&v, unknown)?,
        _ => gitleaks::parse(&v)?,
    };
    r.format = format;
    Ok(r)
}

fn detect(v: &Value) -> Option<&'static str> {
    match v {
        Value::Object(o) => {
            if o.contains_key("runs")
                || o.get("$schema")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.contains("sarif"))
            {
                Some("sarif")
            } else if o.contains_key("auditReportVersion")
                || o.contains_key("advisories")
                || npm_error(v)
            {
                Some("npm-audit")
            } else if o
                .get("vulnerabilities")
                .is_some_and(|x| x.get("list").is_some() || x.get("found").is_some())
                || o.contains_key("database") && o.contains_key("lockfile")
            {
                Some("cargo-audit")
            } else if o.get("dependencies").is_some_and(Value::is_array) {
                Some("pip-audit")
            } else if o.contains_key("SchemaVersion")
                || o.contains_key("Results")
                || o.contains_key("ArtifactName")
            {
                Some("trivy")
            } else if o.contains_key("matches")
                && (o.contains_key("descriptor") || o.contains_key("source"))
            {
                Some("grype")
            } else {
                None
            }
        }
        Value::Array(a) => {
            let first = a.first()?;
            if first.get("RuleID").is_some() {
                Some("gitleaks")
            } else if first.get("vulns").is_some() && first.get("name").is_some() {
                Some("pip-audit")
            } else {
                None
            }
        }
        _ => None,
    }
}

fn npm_error(v: &Value) -> bool {
    v.get("error")
        .is_some_and(|e| e.get("code").is_some() || e.get("summary").is_some())
}

/// Normalises a tool's severity word.
pub fn severity_word(s: &str, unknown: Severity) -> Severity {
    match s.to_ascii_lowercase().as_str() {
        "critical" => Severity::Critical,
        "high" | "error" | "important" => Severity::High,
        "medium" | "moderate" | "warning" => Severity::Medium,
        "low" | "note" | "negligible" | "info" | "informational" | "minor" => Severity::Low,
        _ => unknown,
    }
}

/// GitHub's bands for a CVSS-like score: ≥ 9 critical, ≥ 7 high, ≥ 4 medium, > 0 low.
/// A CVSS-style score that means something: finite and in (0, 10]. `NaN`, a negative score, `0`
/// or one above 10 is no score at all, and the caller falls back to the level it has.
pub fn valid_score(score: f64) -> Option<f64> {
    (score.is_finite() && score > 0.0 && score <= 10.0).then_some(score)
}

pub fn score_band(score: f64) -> Severity {
    if score >= 9.0 {
        Severity::Critical
    } else if score >= 7.0 {
        Severity::High
    } else if score >= 4.0 {
        Severity::Medium
    } else if score > 0.0 {
        Severity::Low
    } else {
        Severity::Info
    }
}

/// A string field, or "".
pub(crate) fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// An array field, or an empty slice.
pub(crate) fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The canonical id among an advisory id and its aliases: a CVE if there is one.
pub(crate) fn canonical_id<'a>(id: &'a str, aliases: impl IntoIterator<Item = &'a str>) -> &'a str {
    let mut best = id;
    for a in aliases {
        if a.starts_with("CVE-") && (!best.starts_with("CVE-") || a < best) {
            best = a;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_errors() {
        assert!(parse("", Severity::High).is_err());
        assert!(
            parse("{\"runs\": [", Severity::High)
                .unwrap_err()
                .to_string()
                .contains("truncated")
        );
        assert!(parse("{\"hello\": 1}", Severity::High).is_err());
        assert!(
            parse(
                "{\"error\": {\"code\": \"ENOLOCK\", \"summary\": \"no lockfile\"}}",
                Severity::High
            )
            .is_err()
        );
    }

    #[test]
    fn bands() {
        assert_eq!(score_band(9.8), Severity::Critical);
        assert_eq!(score_band(7.0), Severity::High);
        assert_eq!(score_band(5.3), Severity::Medium);
        assert_eq!(score_band(0.5), Severity::Low);
    }
}
