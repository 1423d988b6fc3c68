//! `--format codeclimate`: GitLab Code Quality JSON (a subset of the Code Climate spec): an array
//! of issues with `description`, `check_name`, `fingerprint`, `severity` and
//! `location.path` / `location.lines.begin`. Findings with a file become issues; a failing or
//! erroring condition is reported against the config file, at the threshold's line (at the
//! gate's line for a kind's default thresholds; at the repository root, `.`, when there is no
//! config file: the built-in default gates).

use super::{Format, RenderCx, actual_text, fingerprint, location, target_text};
use crate::model::{Finding, Report, Severity, Status};
use serde_json::{Value, json};

pub struct Codeclimate;

/// Code Climate severities: info, minor, major, critical, blocker.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "blocker",
        Severity::High => "critical",
        Severity::Medium => "major",
        Severity::Low => "minor",
        Severity::Info => "info",
    }
}

fn issue(check: &str, description: String, fp: String, sev: &str, path: &str, line: u64) -> Value {
    json!({
        "type": "issue",
        "check_name": check,
        "description": description,
        "categories": ["Bug Risk"],
        "fingerprint": fp,
        "severity": sev,
        "location": {"path": path, "lines": {"begin": line.max(1)}}
    })
}

impl Format for Codeclimate {
    fn name(&self) -> &'static str {
        "codeclimate"
    }
    fn summary(&self) -> &'static str {
        "GitLab Code Quality JSON (artifacts:reports:codequality)"
    }
    fn render(&self, report: &Report, _cx: &RenderCx<'_>) -> String {
        let mut issues = Vec::new();
        for g in &report.gates {
            for c in &g.conditions {
                if !matches!(c.status, Status::Fail | Status::Error) {
                    continue;
                }
                let sev = if g.level == crate::model::Level::Blocker {
                    "critical"
                } else {
                    "minor"
                };
                let what = match c.status {
                    Status::Error => format!(
                        "gatekeep {}: `{}` could not be evaluated: {}",
                        g.id,
                        c.expr,
                        g.error
                            .clone()
                            .or_else(|| c.note.clone())
                            .unwrap_or_default()
                    ),
                    _ => format!(
                        "gatekeep {}: {} is {} (target {})",
                        g.id,
                        c.metric,
                        actual_text(c, g),
                        target_text(c)
                    ),
                };
                let f = Finding::new(
                    format!("gatekeep/{}/{}", g.id, c.metric),
                    Severity::High,
                    c.expr.clone(),
                );
                let (path, line) = match &g.source {
                    Some(s) => (
                        s.path.as_str(),
                        s.thresholds.get(&c.expr).copied().unwrap_or(s.line),
                    ),
                    None => (".", 1),
                };
                issues.push(issue(&f.rule, what, fingerprint(&f), sev, path, line));
            }
            for f in &g.findings {
                let Some(path) = &f.path else { continue };
                let loc = location(f);
                issues.push(issue(
                    &f.rule,
                    format!("{} ({loc})", f.message),
                    fingerprint(f),
                    severity(f.severity),
                    path,
                    f.line.unwrap_or(1),
                ));
            }
        }
        // The sign-off block: in a release decision, each missing or stale sign-off is an issue.
        if let Some(so) = &report.signoff
            && report.release
        {
            let lines = super::signoff_lines(report);
            for (e, line) in so.entries.iter().zip(lines.iter().skip(1)) {
                if e.state != "signed" {
                    let f = Finding::new(
                        format!("gatekeep/signoff/{}", e.role),
                        Severity::High,
                        line.clone(),
                    );
                    // The sign-off requirement is in the config (the root's, in a workspace).
                    let config = report
                        .gates
                        .iter()
                        .filter_map(|g| g.source.as_ref())
                        .map(|s| s.path.as_str())
                        .min_by_key(|p| p.matches('/').count())
                        .unwrap_or(".");
                    issues.push(issue(
                        "gatekeep/signoff",
                        line.clone(),
                        fingerprint(&f),
                        "critical",
                        config,
                        1,
                    ));
                }
            }
        }
        let mut s =
            serde_json::to_string_pretty(&Value::Array(issues)).unwrap_or_else(|_| "[]".into());
        s.push('\n');
        s
    }
}
