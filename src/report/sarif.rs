//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning. Findings that have a file become
//! results, with rule metadata (from the gate kinds' rule docs where they have them),
//! `security-severity`, repo-relative URIs and stable `partialFingerprints`. GitHub's limit of
//! 25,000 results per run is respected (the most severe are kept).

use super::{Format, RenderCx, fingerprint};
use crate::model::{Finding, Report, Severity};
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub struct Sarif;

/// GitHub's limit of results per run.
pub const MAX_RESULTS: usize = 25_000;

/// A repo-relative path as a SARIF `uri` (a relative URI reference, RFC 3986): the bytes a path
/// segment may hold as they are (unreserved, sub-delims, `@`, and `/` between segments), every
/// other byte percent-encoded, so a space, `%`, `#`, `?`, `:`, `\` or a non-ASCII name stays the
/// same path for every consumer (`:` always, as in a first segment it would read as a scheme).
pub fn uri_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GitHub's `security-severity` bands: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low < 4.0.
pub fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "2.0",
        Severity::Info => "0.0",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn rule_descriptor(kind: &str, rule: &str, sample: &Finding) -> Value {
    let info = crate::gates::kind(kind).and_then(|k| {
        let short = rule.split_once('/').map(|(_, r)| r).unwrap_or(rule);
        k.rule(rule).or_else(|| k.rule(short))
    });
    match info {
        Some(i) => {
            let mut tags = i.tags.clone();
            if let Some(cwe) = &i.cwe {
                tags.push(format!("external/cwe/{}", cwe.to_lowercase()));
            }
            tags.push("security".into());
            let mut seen = std::collections::BTreeSet::new();
            tags.retain(|t| seen.insert(t.clone()));
            json!({
                "id": rule,
                "name": i.name,
                "shortDescription": {"text": i.short},
                "fullDescription": {"text": i.short},
                "help": {"text": i.help, "markdown": i.help},
                "defaultConfiguration": {"level": level(i.severity)},
                "properties": {
                    "tags": tags,
                    "security-severity": security_severity(i.severity),
                    "precision": "high"
                }
            })
        }
        None => json!({
            "id": rule,
            "name": rule.replace(['/', '-'], "_"),
            "shortDescription": {"text": format!("gatekeep {kind} gate: {rule}")},
            "defaultConfiguration": {"level": level(sample.severity)},
            "properties": {"tags": [kind]}
        }),
    }
}

/// A data-flow finding's path as one SARIF `codeFlow` (source first, sink last), all in the
/// finding's file.
fn code_flows(f: &Finding) -> Value {
    let uri = uri_of(f.path.as_deref().unwrap_or(""));
    let locations: Vec<Value> = f
        .flow
        .iter()
        .map(|s| {
            json!({
                "location": {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": s.line.max(1), "startColumn": s.column.max(1)}
                    },
                    "message": {"text": s.message}
                }
            })
        })
        .collect();
    json!([{"threadFlows": [{"locations": locations}]}])
}

impl Format for Sarif {
    fn name(&self) -> &'static str {
        "sarif"
    }
    fn summary(&self) -> &'static str {
        "SARIF 2.1.0 for GitHub code scanning (findings with a file)"
    }
    fn render(&self, report: &Report, _cx: &RenderCx<'_>) -> String {
        let mut findings: Vec<(&str, &Finding)> = report
            .gates
            .iter()
            .flat_map(|g| g.findings.iter().map(move |f| (g.kind.as_str(), f)))
            .filter(|(_, f)| f.path.is_some())
            .collect();
        let total = findings.len();
        if findings.len() > MAX_RESULTS {
            findings.sort_by_key(|f| std::cmp::Reverse(f.1.severity));
            findings.truncate(MAX_RESULTS);
        }
        let mut rules: BTreeMap<&str, (usize, Value)> = BTreeMap::new();
        for (kind, f) in &findings {
            if !rules.contains_key(f.rule.as_str()) {
                rules.insert(f.rule.as_str(), (0, rule_descriptor(kind, &f.rule, f)));
            }
        }
        for (i, (idx, _)) in rules.values_mut().enumerate() {
            *idx = i;
        }
        let results: Vec<Value> = findings
            .iter()
            .map(|(_, f)| {
                let mut region = serde_json::Map::new();
                if let Some(l) = f.line {
                    region.insert("startLine".into(), json!(l.max(1)));
                    if let Some(c) = f.column {
                        region.insert("startColumn".into(), json!(c.max(1)));
                    }
                }
                let mut phys = json!({
                    "artifactLocation": {"uri": uri_of(f.path.as_deref().unwrap_or("")), "uriBaseId": "%SRCROOT%"}
                });
                if !region.is_empty() {
                    phys["region"] = Value::Object(region);
                }
                let mut result = json!({
                    "ruleId": f.rule,
                    "ruleIndex": rules.get(f.rule.as_str()).map(|r| r.0).unwrap_or(0),
                    "level": level(f.severity),
                    "message": {"text": f.message},
                    "locations": [{"physicalLocation": phys}],
                    "partialFingerprints": {"gatekeepFingerprint/v1": fingerprint(f)},
                    "properties": {"severity": f.severity.as_str()}
                });
                if !f.flow.is_empty() {
                    result["codeFlows"] = code_flows(f);
                }
                if let Some(b) = f.baseline_state {
                    result["baselineState"] = json!(match b {
                        crate::model::BaselineState::New => "new",
                        crate::model::BaselineState::Unchanged => "unchanged",
                    });
                }
                result
            })
            .collect();
        let mut run = json!({
            "tool": {"driver": {
                "name": "gatekeep",
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "informationUri": "https://crates.io/crates/gatekeep",
                "rules": rules.into_values().map(|(_, v)| v).collect::<Vec<_>>()
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///"}},
            "results": results,
            "properties": {"verdict": report.verdict.label(), "project": report.project, "signoff": super::signoff_lines(report)}
        });
        if total > MAX_RESULTS {
            run["properties"]["truncated"] = json!(format!(
                "{} of {total} results kept (GitHub's limit)",
                MAX_RESULTS
            ));
        }
        // %SRCROOT% is left for the consumer to resolve; GitHub ignores uriBaseId values it does not know.
        run.as_object_mut().map(|o| o.remove("originalUriBaseIds"));
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run]
        });
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
        s.push('\n');
        s
    }
}
