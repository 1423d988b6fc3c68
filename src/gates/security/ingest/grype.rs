//! grype `-o json`: one finding per match (vulnerability × artifact); `Negligible` is low,
//! `Unknown` becomes `unknown_severity`. Related CVE ids make the dedup key, so the same
//! advisory from trivy or pip-audit counts once.

use super::{Ext, Report, arr, s, severity_word};
use crate::model::Severity;
use anyhow::Result;
use serde_json::Value;

pub fn parse(v: &Value, unknown: Severity) -> Result<Report> {
    let mut out = Report {
        format: "grype",
        findings: Vec::new(),
        suppressed: 0,
        notes: Vec::new(),
    };
    for m in arr(v, "matches") {
        let vuln = m.get("vulnerability").unwrap_or(&Value::Null);
        let art = m.get("artifact").unwrap_or(&Value::Null);
        let id = s(vuln, "id");
        let pkg = s(art, "name");
        let related = arr(m, "relatedVulnerabilities").iter().map(|r| s(r, "id"));
        let canon = super::canonical_id(id, related);
        let path = arr(art, "locations")
            .first()
            .map(|l| s(l, "path").trim_start_matches('/').to_string());
        out.findings.push(Ext {
            tool: "grype".into(),
            rule: id.to_string(),
            severity: severity_word(s(vuln, "severity"), unknown),
            path: path.filter(|p| !p.is_empty()),
            line: None,
            column: None,
            message: format!(
                "{pkg} {}: {id} {}",
                s(art, "version"),
                s(vuln, "description").lines().next().unwrap_or("")
            ),
            dedup: format!("vuln:{canon}:{pkg}"),
            secret: false,
        });
    }
    Ok(out)
}
