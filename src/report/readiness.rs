//! `gatekeep report`: the release readiness report teams otherwise write by hand — summary,
//! each gate's requirement with its initial and current state ("96 → 2 errors"), blockers with
//! their top findings, accepted risks, attested checks, checklists, approvals and the decision —
//! in Markdown and as an HTML page (the style of `--format html`, printable on A4).
//!
//! Every figure comes from the run, the history, the sign-offs or the attestations; a section
//! without data says "no data".

use super::html::esc;
use super::markdown::{cell, icon};
use super::{actual_text, location, target_text, top_findings};
use crate::attest::AttestationReport;
use crate::gates::checklist::ChecklistData;
use crate::history::Record;
use crate::model::{Condition, GateResult, Level, Report, Status, Verdict, WaiverState};
use crate::threshold::format_value;
use std::fmt::Write;

/// What the report needs besides the run.
pub struct Meta<'a> {
    /// The report's date (`YYYY-MM-DD`).
    pub date: String,
    pub commit: Option<String>,
    /// The recorded runs, oldest first (this run is not among them).
    pub history: &'a [Record],
    /// Which run is the initial state (`--since`); `None`: the first.
    pub since: Option<usize>,
    /// Whether a history is configured at all.
    pub has_history: bool,
}

const NO_DATA: &str = "no data";

/// One row of the gates table.
struct Row {
    gate: String,
    first: bool,
    requirement: String,
    initial: String,
    current: String,
    status: Status,
    change: Option<String>,
}

struct Blocker {
    gate: String,
    reasons: Vec<String>,
    findings: Vec<String>,
}

struct Risk {
    what: String,
    owner: String,
    reason: String,
    expires: String,
    days_left: String,
}

struct Checklist {
    gate: String,
    status: Status,
    done_total: Option<(u64, u64)>,
    sections: Vec<(String, u64, u64)>,
    open_required: Vec<String>,
    error: Option<String>,
}

struct Approval {
    role: String,
    by: String,
    date: String,
    state: String,
}

/// The report as data, rendered by [`markdown`] and [`html`].
struct Doc {
    project: String,
    verdict: Verdict,
    header: Vec<(String, String)>,
    summary: String,
    rows: Vec<Row>,
    skipped: Vec<String>,
    blockers: Vec<Blocker>,
    risks: Vec<Risk>,
    attested: Result<Vec<AttestationReport>, String>,
    checklists: Result<Vec<Checklist>, String>,
    approvals: Result<Vec<Approval>, String>,
    decision: String,
}

fn pct(done: u64, total: u64) -> String {
    if total == 0 {
        NO_DATA.into()
    } else {
        format!(
            "{done}/{total} items ({})",
            format_value(
                done as f64 * 100.0 / total as f64,
                &crate::model::Unit::Percent
            )
        )
    }
}

fn noun(metric: &str) -> String {
    metric.replace('_', " ")
}

fn attestations(g: &GateResult) -> Vec<AttestationReport> {
    g.data
        .as_ref()
        .and_then(|d| d.get("attestations"))
        .and_then(|a| serde_json::from_value(a.clone()).ok())
        .unwrap_or_default()
}

fn date_of(t: &str) -> &str {
    t.get(..10).unwrap_or(t)
}

fn attestation_state(a: &AttestationReport) -> String {
    match a.state.as_str() {
        "passed" => "✅ attested".into(),
        "failed" => "❌ attested FAILED".into(),
        "stale" => format!("⚠️ stale: {}", a.changed.join(", ")),
        "expired" => format!(
            "⚠️ expired {}",
            a.expires.as_deref().map(date_of).unwrap_or("")
        ),
        _ => "[Pending]".into(),
    }
}

/// A condition's reason for blocking, in words.
fn reason(c: &Condition, g: &GateResult) -> String {
    let note = super::condition_note(c);
    if g.kind == "manual" && c.metric.starts_with("attested.") {
        return note.unwrap_or_else(|| c.expr.clone());
    }
    match (c.actual, note) {
        (Some(_), note) => format!(
            "`{}` is {}, required {}{}",
            c.metric,
            actual_text(c, g),
            target_text(c),
            note.map(|n| format!(" — {n}")).unwrap_or_default()
        ),
        (None, Some(n)) => format!("`{}`: {n}", c.metric),
        (None, None) => format!("`{}`: {NO_DATA}", c.metric),
    }
}

fn build(report: &Report, meta: &Meta<'_>) -> Doc {
    let initial = meta.history.get(meta.since.unwrap_or(0));
    let mut header = vec![("Date".to_string(), meta.date.clone())];
    header.push((
        "Commit".into(),
        meta.commit
            .as_deref()
            .map(|c| format!("`{}`", c.get(..12).unwrap_or(c)))
            .unwrap_or_else(|| "not a git checkout".into()),
    ));
    if let Some(p) = &report.profile {
        header.push(("Profile".into(), format!("`{p}`")));
    }
    header.push((
        "Initial state".into(),
        match initial {
            Some(r) => format!(
                "run of {}{} ({} recorded run{})",
                r.time,
                r.commit
                    .as_deref()
                    .map(|c| format!(", commit `{}`", c.get(..7).unwrap_or(c)))
                    .unwrap_or_default(),
                meta.history.len(),
                if meta.history.len() == 1 { "" } else { "s" }
            ),
            None if meta.has_history => format!("{NO_DATA} (no run recorded yet)"),
            None => format!("{NO_DATA} (no history: set `[project] history`)"),
        },
    ));

    // Gates.
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for g in &report.gates {
        if g.status == Status::Skipped {
            skipped.push(g.id.clone());
            continue;
        }
        let label = if g.level == Level::Warning {
            format!("{} (warning)", g.id)
        } else {
            g.id.clone()
        };
        if g.conditions.is_empty() {
            rows.push(Row {
                gate: label,
                first: true,
                requirement: "—".into(),
                initial: NO_DATA.into(),
                current: NO_DATA.into(),
                status: g.status,
                change: None,
            });
            continue;
        }
        let att = attestations(g);
        // A manual gate's rows are its roles; its `failed == 0` says the same again.
        let conds: Vec<&Condition> = g
            .conditions
            .iter()
            .filter(|c| !(g.kind == "manual" && c.metric == "failed" && c.status == Status::Pass))
            .collect();
        for (i, c) in conds.into_iter().enumerate() {
            let key = format!("{}.{}", g.id, c.metric);
            let first_v = initial.and_then(|r| r.metrics.get(&key)).copied();
            let (requirement, current) = match att
                .iter()
                .find(|a| g.kind == "manual" && c.metric == format!("attested.{}", a.role))
            {
                Some(a) => (
                    format!("{} — attested by {}", a.question, a.role),
                    attestation_state(a),
                ),
                None => (
                    format!("{} {}", c.metric, target_text(c)),
                    if c.actual.is_some() {
                        actual_text(c, g)
                    } else {
                        NO_DATA.into()
                    },
                ),
            };
            let change = match (first_v, c.actual) {
                (Some(a), Some(b)) => Some(format!(
                    "{} → {}{}",
                    format_value(a, &c.unit),
                    format_value(b, &c.unit),
                    if c.unit == crate::model::Unit::None {
                        format!(" {}", noun(&c.metric))
                    } else {
                        String::new()
                    }
                )),
                _ => None,
            };
            rows.push(Row {
                gate: label.clone(),
                first: i == 0,
                requirement,
                initial: first_v
                    .map(|v| format_value(v, &c.unit))
                    .unwrap_or_else(|| NO_DATA.into()),
                current,
                status: c.status,
                change,
            });
        }
    }

    // Blockers.
    let mut blockers = Vec::new();
    for g in &report.gates {
        if g.level != Level::Blocker || !matches!(g.status, Status::Fail | Status::Error) {
            continue;
        }
        let mut reasons = Vec::new();
        if let Some(e) = &g.error {
            reasons.push(format!("could not run: {e}"));
        } else {
            for c in g
                .conditions
                .iter()
                .filter(|c| matches!(c.status, Status::Fail | Status::Error))
            {
                reasons.push(reason(c, g));
            }
        }
        let findings = top_findings(g, 3)
            .into_iter()
            .map(|f| {
                let loc = location(f);
                format!(
                    "{}{} `{}`: {}",
                    if loc.is_empty() {
                        String::new()
                    } else {
                        format!("`{loc}` ")
                    },
                    f.severity,
                    f.rule,
                    f.message.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            })
            .collect();
        blockers.push(Blocker {
            gate: g.id.clone(),
            reasons,
            findings,
        });
    }
    let awaiting: Vec<String> = report
        .signoff
        .as_ref()
        .map(|s| s.awaiting.clone())
        .unwrap_or_default();
    if report.release && !awaiting.is_empty() {
        blockers.push(Blocker {
            gate: "approvals".into(),
            reasons: vec![format!("awaiting approval by {}", awaiting.join(", "))],
            findings: Vec::new(),
        });
    }

    // Accepted risks: applied waivers, and warning-level gates that do not pass.
    let mut risks = Vec::new();
    for w in &report.waivers {
        if w.state != WaiverState::Applied {
            continue;
        }
        risks.push(Risk {
            what: format!(
                "{}{}",
                w.gate,
                w.metric
                    .as_deref()
                    .map(|m| format!(".{m}"))
                    .unwrap_or_default()
            ),
            owner: w.owner.clone(),
            reason: w.reason.clone(),
            expires: w.expires.clone(),
            days_left: match w.days_left {
                Some(0) => "expires today".into(),
                Some(d) => d.to_string(),
                None => NO_DATA.into(),
            },
        });
    }
    for g in &report.gates {
        if g.level == Level::Warning && matches!(g.status, Status::Fail | Status::Error) {
            risks.push(Risk {
                what: format!("{} ({})", g.id, g.status),
                owner: "—".into(),
                reason: "a warning-level gate: reported, never blocking".into(),
                expires: "—".into(),
                days_left: "—".into(),
            });
        }
    }

    // Attested checks.
    let manual: Vec<&GateResult> = report
        .gates
        .iter()
        .filter(|g| g.kind == "manual" && g.status != Status::Skipped)
        .collect();
    let attested = if manual.is_empty() {
        Err(format!("{NO_DATA} (no `manual` gate configured)"))
    } else {
        let mut all = Vec::new();
        let mut errors = Vec::new();
        for g in &manual {
            let a = attestations(g);
            if a.is_empty() {
                errors.push(format!(
                    "{}: {NO_DATA}{}",
                    g.id,
                    g.error
                        .as_deref()
                        .map(|e| format!(" ({e})"))
                        .unwrap_or_default()
                ));
            }
            all.extend(a);
        }
        if all.is_empty() {
            Err(errors.join("; "))
        } else {
            Ok(all)
        }
    };

    // Checklists.
    let lists: Vec<Checklist> = report
        .gates
        .iter()
        .filter(|g| g.kind == "checklist" && g.status != Status::Skipped)
        .map(|g| {
            let data: Option<ChecklistData> = g
                .data
                .as_ref()
                .and_then(|d| serde_json::from_value(d.clone()).ok());
            let m = |n: &str| g.metric(n).map(|m| m.value as u64);
            Checklist {
                gate: g.id.clone(),
                status: g.status,
                done_total: m("done").zip(m("total")),
                sections: data
                    .as_ref()
                    .map(|d| {
                        // A title heading over the whole list repeats the total.
                        let whole = m("done").zip(m("total"));
                        d.sections
                            .iter()
                            .filter(|s| d.sections.len() == 1 || Some((s.done, s.total)) != whole)
                            .map(|s| (s.title.clone(), s.done, s.total))
                            .collect()
                    })
                    .unwrap_or_default(),
                open_required: data.map(|d| d.open_required).unwrap_or_default(),
                error: g.error.clone(),
            }
        })
        .collect();
    let checklists = if lists.is_empty() {
        Err(format!("{NO_DATA} (no `checklist` gate configured)"))
    } else {
        Ok(lists)
    };

    // Approvals.
    let approvals = match &report.signoff {
        None => Err(format!(
            "{NO_DATA} (no `[signoff] required` roles in the config)"
        )),
        Some(s) => Ok(s
            .entries
            .iter()
            .map(|e| Approval {
                role: e.role.clone(),
                by: e.name.clone().unwrap_or_else(|| "[Pending]".into()),
                date: e
                    .time
                    .as_deref()
                    .map(|t| date_of(t).to_string())
                    .unwrap_or_else(|| "—".into()),
                state: match e.state.as_str() {
                    "signed" => "✅ approved".into(),
                    "stale" => format!("⚠️ stale: {} changed since", e.changed.join(", ")),
                    _ => "pending".into(),
                },
            })
            .collect()),
    };

    // Summary and decision.
    let run: Vec<&GateResult> = report
        .gates
        .iter()
        .filter(|g| g.status != Status::Skipped)
        .collect();
    let n = |s: Status| run.iter().filter(|g| g.status == s).count();
    let mut summary = format!(
        "**Decision: {}.** {} of {} gates passed",
        report.verdict.label(),
        n(Status::Pass),
        run.len()
    );
    if n(Status::Waived) > 0 {
        let _ = write!(summary, ", {} with an accepted risk", n(Status::Waived));
    }
    let failing: Vec<String> = run
        .iter()
        .filter(|g| matches!(g.status, Status::Fail | Status::Error))
        .map(|g| format!("{} ({})", g.id, g.status))
        .collect();
    if !failing.is_empty() {
        let _ = write!(summary, "; not passing: {}", failing.join(", "));
    }
    summary.push('.');
    let blocking: Vec<&str> = blockers.iter().map(|b| b.gate.as_str()).collect();
    if blocking.is_empty() {
        summary.push_str(" Nothing blocks the release.");
    } else {
        let _ = write!(summary, " Blocked by: {}.", blocking.join(", "));
    }
    if let Some(s) = &report.signoff {
        let signed = s.entries.iter().filter(|e| e.state == "signed").count();
        let _ = write!(
            summary,
            " Approvals: {signed} of {} roles signed.",
            s.required.len()
        );
    }
    let decision = match report.verdict {
        Verdict::NoGo => format!("**NO-GO** — blocked by {}.", blocking.join(", ")),
        Verdict::GoWithAcceptedRisks => format!(
            "**GO with accepted risks** — {} accepted risk{}, listed above with their owners and expiry.",
            risks.len(),
            if risks.len() == 1 { "" } else { "s" }
        ),
        Verdict::Go => "**GO** — every gate passes and every required approval is in.".into(),
    };
    Doc {
        project: report.project.clone(),
        verdict: report.verdict,
        header,
        summary,
        rows,
        skipped,
        blockers,
        risks,
        attested,
        checklists,
        approvals,
        decision,
    }
}

/// A release decision: with `[signoff] required`, GO also needs every role's valid approval
/// (as `check --release`).
pub fn as_release(report: &mut Report) {
    if let Some(s) = &report.signoff {
        report.release = true;
        if !s.awaiting.is_empty() {
            report.verdict = Verdict::NoGo;
        }
    }
}

fn status_cell(r: &Row) -> String {
    match &r.change {
        Some(c) => format!("{} {} · {c}", icon(r.status), r.status),
        None => format!("{} {}", icon(r.status), r.status),
    }
}

/// The report as Markdown.
pub fn markdown(report: &Report, meta: &Meta<'_>) -> String {
    let d = build(report, meta);
    let mut o = String::new();
    let _ = writeln!(o, "# Release readiness: {}\n", d.project);
    for (k, v) in &d.header {
        let _ = writeln!(o, "**{k}**: {v}  ");
    }
    let _ = writeln!(o, "\n## Summary\n\n{}\n", d.summary);

    let _ = writeln!(
        o,
        "## Quality gates\n\n| Gate | Requirement | Initial state | Current state | Status |\n|---|---|---|---|---|"
    );
    for r in &d.rows {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            if r.first {
                cell(&r.gate)
            } else {
                String::new()
            },
            cell(&r.requirement),
            cell(&r.initial),
            cell(&r.current),
            cell(&status_cell(r))
        );
    }
    if !d.skipped.is_empty() {
        let _ = writeln!(o, "\nNot run: {}.", d.skipped.join(", "));
    }

    o.push_str("\n## Blockers\n\n");
    if d.blockers.is_empty() {
        o.push_str("None.\n\n");
    }
    for b in &d.blockers {
        let _ = writeln!(o, "### {}\n", b.gate);
        for r in &b.reasons {
            let _ = writeln!(o, "- {r}");
        }
        if !b.findings.is_empty() {
            o.push_str("- Top findings:\n");
            for f in &b.findings {
                let _ = writeln!(o, "  - {f}");
            }
        }
        o.push('\n');
    }

    o.push_str("## Accepted risks\n\n");
    if d.risks.is_empty() {
        o.push_str("None.\n");
    } else {
        o.push_str("| Risk | Owner | Reason | Expires | Days left |\n|---|---|---|---|---:|\n");
        for r in &d.risks {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                cell(&r.what),
                cell(&r.owner),
                cell(&r.reason),
                cell(&r.expires),
                cell(&r.days_left)
            );
        }
    }

    o.push_str("\n## Attested checks\n\n");
    match &d.attested {
        Err(m) => {
            let _ = writeln!(o, "{m}");
        }
        Ok(list) => {
            o.push_str("| Check | Question | Role | Attested by | Date | Evidence | State |\n|---|---|---|---|---|---|---|\n");
            for a in list {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    cell(&a.gate),
                    cell(&a.question),
                    cell(&a.role),
                    cell(a.name.as_deref().unwrap_or("[Pending]")),
                    a.time.as_deref().map(date_of).unwrap_or("—"),
                    cell(a.evidence.as_deref().unwrap_or("—")),
                    cell(&attestation_state(a))
                );
            }
        }
    }

    o.push_str("\n## Checklists\n\n");
    match &d.checklists {
        Err(m) => {
            let _ = writeln!(o, "{m}");
        }
        Ok(lists) => {
            for c in lists {
                let _ = writeln!(
                    o,
                    "- **{}**: {} {} {}",
                    c.gate,
                    c.done_total
                        .map(|(d, t)| pct(d, t))
                        .unwrap_or_else(|| NO_DATA.into()),
                    icon(c.status),
                    c.status
                );
                if let Some(e) = &c.error {
                    let _ = writeln!(o, "  - could not be read: {e}");
                }
                for (title, done, total) in &c.sections {
                    let _ = writeln!(o, "  - {title}: {}", pct(*done, *total));
                }
                for r in &c.open_required {
                    let _ = writeln!(o, "  - required, not checked: `{r}`");
                }
            }
        }
    }

    o.push_str("\n## Approvals\n\n");
    match &d.approvals {
        Err(m) => {
            let _ = writeln!(o, "{m}");
        }
        Ok(list) => {
            o.push_str("| Role | Approved by | Date | State |\n|---|---|---|---|\n");
            for a in list {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} |",
                    cell(&a.role),
                    cell(&a.by),
                    a.date,
                    cell(&a.state)
                );
            }
        }
    }
    let _ = writeln!(o, "\n## Decision\n\n{}", d.decision);
    o
}

/// Markdown emphasis and code marks as HTML (the summary and decision lines).
fn inline(s: &str) -> String {
    let mut out = String::new();
    let e = esc(s);
    let mut bold = false;
    let mut code = false;
    let mut rest = e.as_str();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("**") {
            out.push_str(if bold { "</strong>" } else { "<strong>" });
            bold = !bold;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('`') {
            out.push_str(if code { "</code>" } else { "<code>" });
            code = !code;
            rest = r;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if code {
        out.push_str("</code>");
    }
    if bold {
        out.push_str("</strong>");
    }
    out
}

const PRINT: &str = r#"
.readiness .summary { font-size: 1.05rem; }
.readiness dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 0; }
.readiness dt { font-weight: 600; } .readiness dd { margin: 0; }
.readiness .decision { border: 3px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; font-size: 1.1rem; }
.readiness .decision.go { border-color: var(--pass); } .readiness .decision.risk { border-color: var(--waived); } .readiness .decision.nogo { border-color: var(--fail); }
.readiness .change { color: var(--muted); white-space: nowrap; }
.readiness td.wrap { overflow-wrap: anywhere; min-width: 8rem; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  :root { --bg:#fff; --fg:#000; --muted:#444; --line:#999; --card:#f2f2f2; }
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1.2rem; }
  table { font-size: 9.5pt; } th, td { padding: .2rem .35rem; }
  section, .decision, .banner { break-inside: avoid-page; }
  table, tr, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The page uses text symbols (as `--format html` does), not emoji, which many print and
/// headless fonts lack.
fn symbols(s: &str) -> String {
    s.replace("✅", "✔")
        .replace("❌", "✖")
        .replace("⚠️", "⚠")
        .replace("⏭️", "⏭")
}

fn badge(s: Status) -> String {
    let class = match s {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Error => "error",
        Status::Waived => "waived",
        Status::Skipped => "skipped",
    };
    format!(
        "<span class=\"badge {class}\"><span aria-hidden=\"true\">{}</span> {}</span>",
        symbols(icon(s)),
        s.as_str()
    )
}

/// The report as one self-contained HTML page.
pub fn html(report: &Report, meta: &Meta<'_>) -> String {
    let d = build(report, meta);
    let class = match d.verdict {
        Verdict::Go => "go",
        Verdict::GoWithAcceptedRisks => "risk",
        Verdict::NoGo => "nogo",
    };
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"color-scheme\" content=\"light dark\">\
<title>Release readiness: {p} — {v}</title><style>{s}{PRINT}</style></head><body class=\"readiness\">",
        p = esc(&d.project),
        v = d.verdict.label(),
        s = super::html::STYLE
    );
    let _ = write!(
        o,
        "<header class=\"banner {class}\"><div class=\"verdict\" id=\"verdict\">{}</div><h1>Release readiness: {}</h1><dl>",
        d.verdict.label(),
        esc(&d.project)
    );
    for (k, v) in &d.header {
        let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", esc(k), inline(v));
    }
    o.push_str("</dl></header>\n");
    let _ = writeln!(
        o,
        "<section id=\"summary\"><h2>Summary</h2><p class=\"summary\">{}</p></section>",
        inline(&d.summary)
    );

    o.push_str("<section id=\"gates\"><h2>Quality gates</h2><table><thead><tr><th scope=\"col\">Gate</th><th scope=\"col\">Requirement</th><th scope=\"col\">Initial state</th><th scope=\"col\">Current state</th><th scope=\"col\">Status</th></tr></thead><tbody>\n");
    for r in &d.rows {
        let _ = writeln!(
            o,
            "<tr data-status=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            r.status,
            if r.first { esc(&r.gate) } else { String::new() },
            esc(&r.requirement),
            esc(&r.initial),
            esc(&symbols(&r.current)),
            badge(r.status),
            r.change
                .as_deref()
                .map(|c| format!(" <span class=\"change\">{}</span>", esc(c)))
                .unwrap_or_default()
        );
    }
    o.push_str("</tbody></table>");
    if !d.skipped.is_empty() {
        let _ = write!(
            o,
            "<p class=\"muted\">Not run: {}.</p>",
            esc(&d.skipped.join(", "))
        );
    }
    o.push_str("</section>\n");

    o.push_str("<section id=\"blockers\"><h2>Blockers</h2>");
    if d.blockers.is_empty() {
        o.push_str("<p>None.</p>");
    }
    for b in &d.blockers {
        let _ = write!(o, "<h3>{}</h3><ul>", esc(&b.gate));
        for r in &b.reasons {
            let _ = write!(o, "<li>{}</li>", inline(r));
        }
        if !b.findings.is_empty() {
            o.push_str("<li>Top findings:<ul>");
            for f in &b.findings {
                let _ = write!(o, "<li>{}</li>", inline(f));
            }
            o.push_str("</ul></li>");
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>\n");

    o.push_str("<section id=\"risks\"><h2>Accepted risks</h2>");
    if d.risks.is_empty() {
        o.push_str("<p>None.</p>");
    } else {
        o.push_str("<table><thead><tr><th scope=\"col\">Risk</th><th scope=\"col\">Owner</th><th scope=\"col\">Reason</th><th scope=\"col\">Expires</th><th scope=\"col\">Days left</th></tr></thead><tbody>");
        for r in &d.risks {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(&r.what),
                esc(&r.owner),
                esc(&r.reason),
                esc(&r.expires),
                esc(&r.days_left)
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</section>\n");

    o.push_str("<section id=\"attested\"><h2>Attested checks</h2>");
    match &d.attested {
        Err(m) => {
            let _ = write!(o, "<p class=\"muted\">{}</p>", inline(m));
        }
        Ok(list) => {
            o.push_str("<table><thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Question</th><th scope=\"col\">Role</th><th scope=\"col\">Attested by</th><th scope=\"col\">Date</th><th scope=\"col\">Evidence</th><th scope=\"col\">State</th></tr></thead><tbody>");
            for a in list {
                let _ = write!(
                    o,
                    "<tr data-state=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"wrap\">{}</td><td>{}</td></tr>",
                    esc(&a.state),
                    esc(&a.gate),
                    esc(&a.question),
                    esc(&a.role),
                    esc(a.name.as_deref().unwrap_or("[Pending]")),
                    esc(a.time.as_deref().map(date_of).unwrap_or("—")),
                    esc(a.evidence.as_deref().unwrap_or("—")),
                    esc(&symbols(&attestation_state(a)))
                );
            }
            o.push_str("</tbody></table>");
        }
    }
    o.push_str("</section>\n");

    o.push_str("<section id=\"checklists\"><h2>Checklists</h2>");
    match &d.checklists {
        Err(m) => {
            let _ = write!(o, "<p class=\"muted\">{}</p>", inline(m));
        }
        Ok(lists) => {
            for c in lists {
                let _ = write!(
                    o,
                    "<h3>{} {}</h3><p>{}</p>",
                    esc(&c.gate),
                    badge(c.status),
                    esc(&c
                        .done_total
                        .map(|(d, t)| pct(d, t))
                        .unwrap_or_else(|| NO_DATA.into()))
                );
                if let Some(e) = &c.error {
                    let _ = write!(o, "<p>could not be read: {}</p>", esc(e));
                }
                if !c.sections.is_empty() {
                    o.push_str("<table><thead><tr><th scope=\"col\">Section</th><th scope=\"col\">Done</th></tr></thead><tbody>");
                    for (t, dn, tot) in &c.sections {
                        let _ = write!(
                            o,
                            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                            esc(t),
                            esc(&pct(*dn, *tot))
                        );
                    }
                    o.push_str("</tbody></table>");
                }
                if !c.open_required.is_empty() {
                    o.push_str("<p>Required, not checked:</p><ul>");
                    for r in &c.open_required {
                        let _ = write!(o, "<li><code>{}</code></li>", esc(r));
                    }
                    o.push_str("</ul>");
                }
            }
        }
    }
    o.push_str("</section>\n");

    o.push_str("<section id=\"approvals\"><h2>Approvals</h2>");
    match &d.approvals {
        Err(m) => {
            let _ = write!(o, "<p class=\"muted\">{}</p>", inline(m));
        }
        Ok(list) => {
            o.push_str("<table><thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Approved by</th><th scope=\"col\">Date</th><th scope=\"col\">State</th></tr></thead><tbody>");
            for a in list {
                let _ = write!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&a.role),
                    esc(&a.by),
                    esc(&a.date),
                    esc(&symbols(&a.state))
                );
            }
            o.push_str("</tbody></table>");
        }
    }
    o.push_str("</section>\n");
    let _ = writeln!(
        o,
        "<section id=\"decision\"><h2>Decision</h2><p class=\"decision {class}\">{}</p></section>\n<footer class=\"muted\"><p>gatekeep {}</p></footer></body></html>",
        inline(&d.decision),
        esc(&report.tool.version)
    );
    o
}

#[cfg(test)]
mod tests;
