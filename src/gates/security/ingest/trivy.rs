//! trivy `--format json` (SchemaVersion 2): vulnerabilities, failed misconfigurations and
//! secrets of every result. `UNKNOWN` severity becomes `unknown_severity`.

use super::{Ext, Report, arr, s, severity_word};
use crate::model::Severity;
use anyhow::Result;
use serde_json::Value;

pub fn parse(v: &Value, unknown: Severity) -> Result<Report> {
    let mut out = Report {
        format: "trivy",
        findings: Vec::new(),
        suppressed: 0,
        notes: Vec::new(),
    };
    for r in arr(v, "Results") {
        let target = s(r, "Target");
        for x in arr(r, "Vulnerabilities") {
            let id = s(x, "VulnerabilityID");
            let pkg = s(x, "PkgName");
            out.findings.push(Ext {
                tool: "trivy".into(),
                rule: id.to_string(),
                severity: severity_word(s(x, "Severity"), unknown),
                path: Some(target.to_string()).filter(|t| !t.is_empty()),
                line: None,
                column: None,
                message: format!("{pkg} {}: {id} {}", s(x, "InstalledVersion"), s(x, "Title")),
                dedup: format!("vuln:{id}:{pkg}"),
                secret: false,
            });
        }
        for x in arr(r, "Misconfigurations") {
            if s(x, "Status") == "PASS" {
                continue;
            }
            let id = if s(x, "AVDID").is_empty() {
                s(x, "ID")
            } else {
                s(x, "AVDID")
            };
            let line = x
                .pointer("/CauseMetadata/StartLine")
                .and_then(Value::as_u64);
            out.findings.push(Ext {
                tool: "trivy".into(),
                rule: id.to_string(),
                severity: severity_word(s(x, "Severity"), unknown),
                path: Some(target.to_string()),
                line,
                column: None,
                message: format!("{}: {}", s(x, "Title"), s(x, "Message")),
                dedup: format!("code:trivy:{target}:{}:{id}", line.unwrap_or(0)),
                secret: false,
            });
        }
        for x in arr(r, "Secrets") {
            let line = x.get("StartLine").and_then(Value::as_u64);
            out.findings.push(Ext {
                tool: "trivy".into(),
                rule: s(x, "RuleID").to_string(),
                severity: severity_word(s(x, "Severity"), unknown),
                path: Some(target.to_string()),
                line,
                column: None,
                message: s(x, "Title").to_string(),
                dedup: format!("secret:{target}:{}", line.unwrap_or(0)),
                secret: true,
            });
        }
    }
    Ok(out)
}
