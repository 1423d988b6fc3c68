//! `--format markdown`: the table report for PR comments and `$GITHUB_STEP_SUMMARY`, kept under
//! GitHub's 1 MiB limit however many findings there are.

use super::{
    Format, RenderCx, Why, actual_text, delta_text, explanations, location, shows_findings,
    target_text, top_findings,
};
use crate::model::{Report, Status, Verdict, WaiverState};
use std::fmt::Write;

pub struct Markdown;

/// GitHub's limit for a step summary.
pub const LIMIT: usize = 1024 * 1024;

pub(super) fn icon(s: Status) -> &'static str {
    match s {
        Status::Pass => "✅",
        Status::Fail => "❌",
        Status::Error => "⛔",
        Status::Waived => "⚠️",
        Status::Skipped => "⏭️",
    }
}

/// Escapes text for a Markdown table cell.
pub(super) fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
        .replace('<', "&lt;")
        .replace("&lt;br>", "<br>")
}

impl Format for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }
    fn summary(&self) -> &'static str {
        "the table report as Markdown, for PR comments and $GITHUB_STEP_SUMMARY (< 1 MiB)"
    }
    fn render(&self, report: &Report, cx: &RenderCx<'_>) -> String {
        let mut out = String::new();
        let v = match report.verdict {
            Verdict::Go => "✅ GO",
            Verdict::GoWithAcceptedRisks => "⚠️ GO WITH ACCEPTED RISKS",
            Verdict::NoGo => "❌ NO-GO",
        };
        let _ = writeln!(out, "## {v} — {}\n", cell(&report.project));
        let _ = writeln!(out, "{}\n", cell(&super::table::banner(report)));
        if let Some(p) = &report.profile {
            let _ = writeln!(out, "Profile: `{p}`\n");
        }
        if let Some(b) = &report.base {
            let _ = writeln!(out, "Base: {}\n", cell(&super::table::describe_base(b)));
        }
        if !report.members.is_empty() {
            let _ = writeln!(out, "| Member | Verdict | Gates |\n|---|---|---:|");
            for m in &report.members {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    cell(&m.name),
                    m.verdict.label(),
                    m.gates
                );
            }
            out.push('\n');
        }
        let delta = cx.baseline.is_some();
        let trend = cx.initial.is_some();
        let extra_head = format!(
            "{}{}",
            if delta { " Δ |" } else { "" },
            if trend { " Initial → Current |" } else { "" }
        );
        let extra_rule = format!(
            "{}{}",
            if delta { "---:|" } else { "" },
            if trend { "---|" } else { "" }
        );
        let _ = writeln!(
            out,
            "| Gate | Metric | Current | Target | Status |{extra_head}"
        );
        let _ = writeln!(out, "|---|---|---:|---|---|{extra_rule}");
        let empty_extra = format!(
            "{}{}",
            if delta { " |" } else { "" },
            if trend { " |" } else { "" }
        );
        for g in &report.gates {
            if g.status == Status::Skipped {
                let _ = writeln!(
                    out,
                    "| {} | — | | | {} SKIPPED |{empty_extra}",
                    cell(&g.id),
                    icon(Status::Skipped),
                );
                continue;
            }
            let label = if g.level == crate::model::Level::Warning {
                format!("{} (warning)", cell(&g.id))
            } else {
                cell(&g.id)
            };
            for (i, c) in g.conditions.iter().enumerate() {
                let mut extra = String::new();
                if delta {
                    extra.push_str(&format!(" {} |", delta_text(c, g, cx.baseline)));
                }
                if trend {
                    extra.push_str(&format!(" {} |", super::trend_text(c, g, cx.initial)));
                }
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} {} |{extra}",
                    if i == 0 { label.clone() } else { String::new() },
                    cell(&c.metric),
                    cell(&actual_text(c, g)),
                    cell(&target_text(c)),
                    icon(c.status),
                    c.status,
                );
            }
        }
        out.push('\n');
        for w in explanations(report) {
            let _ = match w {
                Why::GateError { gate, error } => {
                    writeln!(
                        out,
                        "- ⛔ **{}** could not run: {}",
                        cell(&gate.id),
                        cell(error)
                    )
                }
                Why::Condition { gate, cond, text } => writeln!(
                    out,
                    "- {} **{}** `{}`: {}",
                    icon(cond.status),
                    cell(&gate.id),
                    cond.expr,
                    cell(&text)
                ),
            };
        }
        out.push('\n');
        // Findings, within the size limit: reserve room for the waivers and the closing note.
        let budget = LIMIT - 64 * 1024;
        let mut omitted = 0usize;
        for g in report
            .gates
            .iter()
            .filter(|g| shows_findings(g) && !g.findings.is_empty())
        {
            let top = top_findings(g, 50);
            let mut section = format!(
                "<details><summary><b>{}</b>: {}</summary>\n\n",
                cell(&g.id),
                super::findings_count(g, top.len())
            );
            for f in &top {
                let loc = location(f);
                let _ = writeln!(
                    section,
                    "- **{}** {}{}{} {}",
                    f.severity,
                    if super::is_new(f) { "*new* " } else { "" },
                    if loc.is_empty() {
                        String::new()
                    } else {
                        format!("`{}`", loc.replace('`', "'"))
                    },
                    if loc.is_empty() { "" } else { ":" },
                    cell(&f.message)
                );
                for st in &f.flow {
                    let _ = writeln!(section, "  - line {}: {}", st.line, cell(&st.message));
                }
            }
            if g.findings_total() > top.len() as u64 {
                let _ = writeln!(
                    section,
                    "- … and {} more{}",
                    super::thousands(g.findings_total() - top.len() as u64),
                    if g.findings_not_listed > 0 {
                        ""
                    } else {
                        " (see the JSON or SARIF report)"
                    }
                );
            }
            section.push_str("\n</details>\n\n");
            if out.len() + section.len() > budget {
                omitted += g.findings.len();
                continue;
            }
            out.push_str(&section);
        }
        if omitted > 0 {
            let _ = writeln!(
                out,
                "_{omitted} findings left out to stay under GitHub's 1 MiB summary limit._\n"
            );
        }
        if !report.waivers.is_empty() {
            let _ = writeln!(
                out,
                "### Accepted risks\n\n| Gate | Owner | Expires | State | Reason |\n|---|---|---|---|---|"
            );
            for w in &report.waivers {
                let state = match w.state {
                    WaiverState::Applied => "applied",
                    WaiverState::Expired => "**expired**",
                    WaiverState::Unused => "unused",
                };
                let _ = writeln!(
                    out,
                    "| {}{} | {} | {} | {} | {} |",
                    cell(&w.gate),
                    w.metric
                        .as_deref()
                        .map(|m| format!(".{}", cell(m)))
                        .unwrap_or_default(),
                    cell(&w.owner),
                    w.expires,
                    state,
                    cell(&w.reason)
                );
            }
            out.push('\n');
        }
        let so = super::signoff_lines(report);
        if !so.is_empty() {
            let _ = writeln!(out, "### {}\n", cell(&so[0]));
            for l in &so[1..] {
                let _ = writeln!(out, "- {}", cell(l));
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "<sub>gatekeep {} · {} ms</sub>",
            report.tool.version, report.duration_ms
        );
        if out.len() > LIMIT {
            out.truncate(LIMIT - 100);
            while !out.is_char_boundary(out.len()) {
                out.pop();
            }
            out.push_str("\n\n_(truncated to stay under 1 MiB)_\n");
        }
        out
    }
}
