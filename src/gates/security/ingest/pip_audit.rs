//! `pip-audit -f json` (`{"dependencies": [...]}`, or the older top-level list). pip-audit has
//! no severities: every vulnerability gets `unknown_severity` (default high). A run that audited
//! nothing — no dependencies, or every one skipped — is an error.

use super::{Ext, Report, arr, s};
use crate::model::Severity;
use anyhow::{Result, bail};
use serde_json::Value;

pub fn parse(v: &Value, unknown: Severity) -> Result<Report> {
    let deps: &[Value] = match v {
        Value::Array(a) => a,
        _ => arr(v, "dependencies"),
    };
    if deps.is_empty() {
        bail!("pip-audit audited no dependencies");
    }
    let skipped = deps
        .iter()
        .filter(|d| d.get("skip_reason").is_some_and(|r| !r.is_null()))
        .count();
    if skipped == deps.len() {
        let why = deps.first().map_or("", |d| s(d, "skip_reason"));
        bail!("pip-audit skipped every dependency ({skipped}), e.g. {why}");
    }
    let mut out = Report {
        format: "pip-audit",
        findings: Vec::new(),
        suppressed: 0,
        notes: Vec::new(),
    };
    if skipped > 0 {
        out.notes.push(format!(
            "pip-audit skipped {skipped} of {} dependencies",
            deps.len()
        ));
    }
    for d in deps {
        for vuln in arr(d, "vulns") {
            let id = s(vuln, "id");
            let aliases = arr(vuln, "aliases").iter().filter_map(Value::as_str);
            let canon = super::canonical_id(id, aliases);
            let fixes: Vec<&str> = arr(vuln, "fix_versions")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            out.findings.push(Ext {
                tool: "pip-audit".into(),
                rule: id.to_string(),
                severity: unknown,
                path: None,
                line: None,
                column: None,
                message: format!(
                    "{} {}: {id}{}",
                    s(d, "name"),
                    s(d, "version"),
                    if fixes.is_empty() {
                        String::new()
                    } else {
                        format!(" (fixed in {})", fixes.join(", "))
                    }
                ),
                dedup: format!("vuln:{canon}:{}", s(d, "name").to_ascii_lowercase()),
                secret: false,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_severity_and_all_skipped() {
        let v: Value = serde_json::from_str(r#"{"dependencies":[{"name":"jinja2","version":"2.4.1","vulns":[{"id":"PYSEC-2019-217","fix_versions":["2.10.1"],"aliases":["CVE-2019-10906"]}]},{"name":"x","skip_reason":"not on PyPI"}],"fixes":[]}"#).unwrap();
        let r = parse(&v, Severity::Medium).unwrap();
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].severity, Severity::Medium);
        assert_eq!(r.findings[0].dedup, "vuln:CVE-2019-10906:jinja2");
        let all_skipped: Value =
            serde_json::from_str(r#"{"dependencies":[{"name":"x","skip_reason":"no"}]}"#).unwrap();
        assert!(parse(&all_skipped, Severity::High).is_err());
    }
}
