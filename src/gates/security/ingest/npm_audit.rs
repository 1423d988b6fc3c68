//! `npm audit --json`, v2 (`auditReportVersion: 2`, npm 7+) and v1 (`advisories`). Advisories
//! are counted once per `source` (the advisory id), however many packages they reach through;
//! `moderate` is medium. npm's error object (`{"error": {...}}`) is an error.

use super::{Ext, Report, s, severity_word};
use crate::model::Severity;
use anyhow::{Result, bail};
use serde_json::Value;
use std::collections::BTreeMap;

pub fn parse(v: &Value, unknown: Severity) -> Result<Report> {
    if let Some(e) = v.get("error") {
        let why = [
            s(e, "code"),
            s(e, "summary"),
            s(e, "detail"),
            s(v, "message"),
        ]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
        bail!(
            "npm audit failed: {}",
            if why.is_empty() {
                "error object without details"
            } else {
                &why
            }
        );
    }
    let mut by_source: BTreeMap<String, Ext> = BTreeMap::new();
    if let Some(vulns) = v.get("vulnerabilities").and_then(Value::as_object) {
        for (pkg, entry) in vulns {
            for via in entry
                .get("via")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                // A string `via` names another vulnerable package, not an advisory.
                if !via.is_object() {
                    continue;
                }
                let source = via
                    .get("source")
                    .map(|x| x.to_string().trim_matches('"').to_string())
                    .filter(|x| !x.is_empty() && x != "null")
                    .unwrap_or_else(|| s(via, "url").to_string());
                let sev = severity_word(
                    if s(via, "severity").is_empty() {
                        s(entry, "severity")
                    } else {
                        s(via, "severity")
                    },
                    unknown,
                );
                let name = if s(via, "name").is_empty() {
                    pkg.as_str()
                } else {
                    s(via, "name")
                };
                let id = advisory_id(s(via, "url")).unwrap_or_else(|| source.clone());
                by_source.entry(source.clone()).or_insert_with(|| Ext {
                    tool: "npm-audit".into(),
                    rule: id.clone(),
                    severity: sev,
                    path: Some("package-lock.json".into()),
                    line: None,
                    column: None,
                    message: format!(
                        "{name} {}: {} ({})",
                        s(via, "range"),
                        s(via, "title"),
                        s(via, "url")
                    ),
                    dedup: format!("vuln:{id}:{name}"),
                    secret: false,
                });
            }
        }
    } else if let Some(adv) = v.get("advisories").and_then(Value::as_object) {
        for (source, a) in adv {
            let id = advisory_id(s(a, "url")).unwrap_or_else(|| source.clone());
            by_source.insert(
                source.clone(),
                Ext {
                    tool: "npm-audit".into(),
                    rule: id.clone(),
                    severity: severity_word(s(a, "severity"), unknown),
                    path: Some("package-lock.json".into()),
                    line: None,
                    column: None,
                    message: format!(
                        "{} {}: {}",
                        s(a, "module_name"),
                        s(a, "vulnerable_versions"),
                        s(a, "title")
                    ),
                    dedup: format!("vuln:{id}:{}", s(a, "module_name")),
                    secret: false,
                },
            );
        }
    } else {
        bail!("npm audit report without `vulnerabilities` or `advisories`");
    }
    Ok(Report {
        format: "npm-audit",
        findings: by_source.into_values().collect(),
        suppressed: 0,
        notes: Vec::new(),
    })
}

/// `https://github.com/advisories/GHSA-xxxx` → `GHSA-xxxx`.
fn advisory_id(url: &str) -> Option<String> {
    let last = url.trim_end_matches('/').rsplit('/').next()?;
    (last.starts_with("GHSA-") || last.starts_with("CVE-")).then(|| last.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedups_by_source() {
        let v: Value = serde_json::from_str(r#"{"auditReportVersion":2,"vulnerabilities":{
          "a":{"severity":"moderate","via":[{"source":1,"name":"a","title":"t","url":"https://github.com/advisories/GHSA-1","severity":"moderate","range":"<2"}]},
          "b":{"severity":"moderate","via":["a",{"source":1,"name":"a","title":"t","url":"https://github.com/advisories/GHSA-1","severity":"moderate","range":"<2"}]},
          "c":{"severity":"critical","via":[{"source":2,"name":"c","title":"rce","url":"https://github.com/advisories/GHSA-2","severity":"critical","range":"*"}]}}}"#).unwrap();
        let r = parse(&v, Severity::High).unwrap();
        assert_eq!(r.findings.len(), 2);
        assert_eq!(r.findings[0].severity, Severity::Medium);
        assert_eq!(r.findings[1].severity, Severity::Critical);
    }
}
