//! SARIF 2.1.0 from any tool, read leniently: only `runs` is required. Severity comes from the
//! rule's (or result's) `security-severity` property in GitHub's bands when present, else from
//! the result `level` (or the rule's default level): error → high, warning → medium,
//! note → low. A `security-severity` that is no valid score (`NaN`, negative, `0`, above 10, not a
//! number) is ignored, so the level decides. Results with `suppressions` are counted as suppressed; a run whose invocation
//! failed, or that has no `results` array, is an error.

use super::{Ext, Report, arr, s, score_band};
use crate::model::Severity;
use anyhow::{Result, bail};
use serde_json::Value;

pub fn parse(v: &Value, unknown: Severity) -> Result<Report> {
    let Some(runs) = v.get("runs").and_then(Value::as_array) else {
        bail!("SARIF without a `runs` array");
    };
    let mut out = Report {
        format: "sarif",
        findings: Vec::new(),
        suppressed: 0,
        notes: Vec::new(),
    };
    for (ri, run) in runs.iter().enumerate() {
        let driver = run.pointer("/tool/driver");
        let tool = driver
            .map(|d| s(d, "name"))
            .filter(|n| !n.is_empty())
            .unwrap_or("sarif");
        let tool = tool.to_ascii_lowercase().replace(' ', "-");
        for inv in arr(run, "invocations") {
            if inv.get("executionSuccessful") == Some(&Value::Bool(false)) {
                let why = arr(inv, "toolExecutionNotifications")
                    .iter()
                    .filter_map(|n| n.pointer("/message/text").and_then(Value::as_str))
                    .next()
                    .unwrap_or("no reason given");
                bail!("run {ri} ({tool}): the tool reports it did not run successfully: {why}");
            }
        }
        let Some(results) = run.get("results").and_then(Value::as_array) else {
            bail!(
                "run {ri} ({tool}) has no `results` array (SARIF's sign that the tool did not finish)"
            );
        };
        let rules: Vec<&Value> = driver
            .map(|d| arr(d, "rules").iter().collect())
            .unwrap_or_default();
        for res in results {
            if !arr(res, "suppressions").is_empty() {
                out.suppressed += 1;
                continue;
            }
            if s(res, "baselineState") == "absent" {
                continue;
            }
            let rule_id = res
                .get("ruleId")
                .and_then(Value::as_str)
                .or_else(|| res.pointer("/rule/id").and_then(Value::as_str));
            let idx = res
                .get("ruleIndex")
                .or_else(|| res.pointer("/rule/index"))
                .and_then(Value::as_u64)
                .map(|i| i as usize);
            let rule = idx.and_then(|i| rules.get(i).copied()).or_else(|| {
                rule_id.and_then(|id| rules.iter().copied().find(|r| s(r, "id") == id))
            });
            let rule_id = rule_id
                .or_else(|| rule.map(|r| s(r, "id")))
                .unwrap_or("result")
                .to_string();
            let sev = severity(res, rule, unknown);
            let message = res
                .pointer("/message/text")
                .and_then(Value::as_str)
                .or_else(|| {
                    rule.and_then(|r| r.pointer("/shortDescription/text"))
                        .and_then(Value::as_str)
                })
                .unwrap_or("")
                .to_string();
            let loc = arr(res, "locations")
                .first()
                .and_then(|l| l.get("physicalLocation"));
            let path = loc
                .and_then(|p| p.pointer("/artifactLocation/uri"))
                .and_then(Value::as_str)
                .map(uri_to_path);
            let line = loc
                .and_then(|p| p.pointer("/region/startLine"))
                .and_then(Value::as_u64);
            let column = loc
                .and_then(|p| p.pointer("/region/startColumn"))
                .and_then(Value::as_u64);
            let secret = tool.contains("gitleaks")
                || tool.contains("secret")
                || rule_id.to_ascii_lowercase().contains("secret");
            let dedup = if secret {
                format!(
                    "secret:{}:{}",
                    path.as_deref().unwrap_or(""),
                    line.unwrap_or(0)
                )
            } else if let Some(cwe) = cwe_of(res, rule) {
                // The same weakness at the same place from another tool (or gatekeep's own
                // rules) is the same finding.
                format!(
                    "cwe:{}:{}:{}",
                    path.as_deref().unwrap_or(""),
                    line.unwrap_or(0),
                    cwe
                )
            } else {
                format!(
                    "code:{}:{}:{}:{}",
                    tool,
                    path.as_deref().unwrap_or(""),
                    line.unwrap_or(0),
                    rule_id
                )
            };
            out.findings.push(Ext {
                tool: tool.clone(),
                rule: rule_id,
                severity: sev,
                path,
                line,
                column,
                message,
                dedup,
                secret,
            });
        }
    }
    Ok(out)
}

fn severity(res: &Value, rule: Option<&Value>, unknown: Severity) -> Severity {
    let sec = |v: &Value| -> Option<f64> {
        let p = v.pointer("/properties/security-severity")?;
        p.as_f64()
            .or_else(|| p.as_str()?.trim().parse().ok())
            .and_then(super::valid_score)
    };
    if let Some(score) = sec(res).or_else(|| rule.and_then(sec)) {
        return score_band(score);
    }
    let level = res.get("level").and_then(Value::as_str).or_else(|| {
        rule.and_then(|r| r.pointer("/defaultConfiguration/level"))
            .and_then(Value::as_str)
    });
    match level {
        Some("error") => Severity::High,
        Some("warning") | None => Severity::Medium,
        Some("note") => Severity::Low,
        Some("none") => Severity::Info,
        Some(_) => unknown,
    }
}

/// The CWE number a result or its rule names (`properties.cwe`, or a `CWE-n` tag), if any.
fn cwe_of(res: &Value, rule: Option<&Value>) -> Option<u32> {
    let parse = |s: &str| -> Option<u32> {
        let up = s.to_ascii_uppercase();
        let k = up.find("CWE-")?;
        let digits: String = up[k + 4..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().ok()
    };
    for v in [Some(res), rule].into_iter().flatten() {
        let Some(p) = v.get("properties") else {
            continue;
        };
        let direct = p.get("cwe").into_iter().flat_map(|c| match c {
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>(),
            Value::String(s) => vec![s.as_str()],
            _ => Vec::new(),
        });
        let tags = arr(p, "tags").iter().filter_map(Value::as_str);
        if let Some(n) = direct.chain(tags).find_map(parse) {
            return Some(n);
        }
    }
    None
}

/// `file:///abs/path` → `/abs/path`; `./a/b` → `a/b`; percent escapes decoded (RFC 3986; an
/// escape that does not decode to UTF-8 is kept as written).
fn uri_to_path(u: &str) -> String {
    let p = u.strip_prefix("file://").unwrap_or(u);
    let p = p.strip_prefix("./").unwrap_or(p);
    if !p.contains('%') {
        return p.to_string();
    }
    let b = p.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| char::from(c).to_digit(16);
        match (
            b.get(i),
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (Some(b'%'), Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (Some(&c), _, _) => {
                out.push(c);
                i += 1;
            }
            (None, _, _) => break,
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_minimal_sarif() {
        let v: Value = serde_json::from_str(
            r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Semgrep","rules":[{"id":"r1","properties":{"security-severity":"9.1"}}]}},
            "results":[{"ruleId":"r1","message":{"text":"bad"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/a.py"},"region":{"startLine":3}}}]},
                       {"ruleId":"r2","level":"note","message":{"text":"meh"}},
                       {"ruleId":"r1","suppressions":[{"kind":"inSource"}]}]}]}"#,
        )
        .unwrap();
        let r = parse(&v, Severity::High).unwrap();
        assert_eq!(r.findings.len(), 2);
        assert_eq!(r.findings[0].severity, Severity::Critical);
        assert_eq!(r.findings[0].path.as_deref(), Some("src/a.py"));
        assert_eq!(r.findings[1].severity, Severity::Low);
        assert_eq!(r.suppressed, 1);
        let no_results: Value =
            serde_json::from_str(r#"{"runs":[{"tool":{"driver":{"name":"x"}}}]}"#).unwrap();
        assert!(parse(&no_results, Severity::High).is_err());
    }
}
