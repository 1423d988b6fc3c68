//! gitleaks `--report-format json`: a list of leaks. gitleaks has no severities; a leak is high.

use super::{Ext, Report, s};
use crate::model::Severity;
use anyhow::{Result, bail};
use serde_json::Value;

pub fn parse(v: &Value) -> Result<Report> {
    let Some(list) = v.as_array() else {
        bail!("gitleaks report is not a JSON array");
    };
    let mut out = Report {
        format: "gitleaks",
        findings: Vec::new(),
        suppressed: 0,
        notes: Vec::new(),
    };
    for l in list {
        let path = s(l, "File");
        let line = l.get("StartLine").and_then(Value::as_u64);
        out.findings.push(Ext {
            tool: "gitleaks".into(),
            rule: s(l, "RuleID").to_string(),
            severity: Severity::High,
            path: Some(path.to_string()).filter(|p| !p.is_empty()),
            line,
            column: l.get("StartColumn").and_then(Value::as_u64),
            message: format!(
                "{} (commit {})",
                s(l, "Description"),
                s(l, "Commit").get(..8).unwrap_or("-")
            ),
            dedup: format!("secret:{path}:{}", line.unwrap_or(0)),
            secret: true,
        });
    }
    Ok(out)
}
