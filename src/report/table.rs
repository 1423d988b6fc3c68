//! `--format table`: the verdict banner, the metrics table, top findings, waivers.

use super::{
    Format, RenderCx, Why, actual_text, delta_text, explanations, location, shows_findings,
    target_text, top_findings,
};
use crate::model::{Report, Status, Verdict, WaiverState};
use comfy_table::{Cell, Color, ContentArrangement, Table as CTable, presets};
use std::fmt::Write;

pub struct Table;

fn status_color(s: Status) -> Color {
    match s {
        Status::Pass => Color::Green,
        Status::Fail => Color::Red,
        Status::Error => Color::Magenta,
        Status::Waived => Color::Yellow,
        Status::Skipped => Color::DarkGrey,
    }
}

fn paint(text: &str, color: Color, on: bool) -> String {
    if !on {
        return text.to_string();
    }
    let code = match color {
        Color::Green => "32",
        Color::Red => "31",
        Color::Magenta => "35",
        Color::Yellow => "33",
        _ => "90",
    };
    format!("\x1b[1;{code}m{text}\x1b[0m")
}

/// The verdict line, e.g. `NO-GO  tallinn: 2 of 5 gates failed, 1 could not run`.
pub fn banner(report: &Report) -> String {
    let count = |s: Status| report.gates.iter().filter(|g| g.status == s).count();
    let run = report
        .gates
        .iter()
        .filter(|g| g.status != Status::Skipped)
        .count();
    let mut parts = vec![format!("{} of {run} gates passed", count(Status::Pass))];
    for (s, word) in [
        (Status::Fail, "failed"),
        (Status::Error, "in error"),
        (Status::Waived, "waived"),
        (Status::Skipped, "skipped"),
    ] {
        let n = count(s);
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    format!(
        "{}  {}: {}{}",
        report.verdict.label(),
        report.project,
        match &report.signoff {
            Some(s) if report.release && !s.awaiting.is_empty() => {
                format!("awaiting sign-off: {}; ", s.awaiting.join(", "))
            }
            _ => String::new(),
        },
        parts.join(", ")
    )
}

impl Format for Table {
    fn name(&self) -> &'static str {
        "table"
    }
    fn summary(&self) -> &'static str {
        "a verdict banner and the metrics table, for people (default)"
    }
    fn render(&self, report: &Report, cx: &RenderCx<'_>) -> String {
        let mut out = String::new();
        let vcolor = match report.verdict {
            Verdict::Go => Color::Green,
            Verdict::GoWithAcceptedRisks => Color::Yellow,
            Verdict::NoGo => Color::Red,
        };
        let _ = writeln!(out, "{}", paint(&banner(report), vcolor, cx.color));
        if let Some(p) = &report.profile {
            let _ = writeln!(out, "profile: {p}");
        }
        if let Some(b) = &report.base {
            let _ = writeln!(out, "base: {}", describe_base(b));
        }
        if !report.members.is_empty() {
            let w = report
                .members
                .iter()
                .map(|m| m.name.chars().count())
                .max()
                .unwrap_or(4);
            for m in &report.members {
                let color = match m.verdict {
                    Verdict::Go => Color::Green,
                    Verdict::GoWithAcceptedRisks => Color::Yellow,
                    Verdict::NoGo => Color::Red,
                };
                let _ = writeln!(
                    out,
                    "  {:<w$}  {}  ({}, {} gate{})",
                    m.name,
                    paint(m.verdict.label(), color, cx.color),
                    m.project,
                    m.gates,
                    if m.gates == 1 { "" } else { "s" }
                );
            }
        }
        if !report.defaults_used.is_empty() {
            let _ = writeln!(
                out,
                "no config found: using default gates ({}); `gatekeep init` writes them to gates.toml",
                report.defaults_used.join(", ")
            );
        }
        let mut t = CTable::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
        if let Some(w) = cx.width {
            // Wrap the widest cells to fit the terminal.
            t.set_width(w)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        if !cx.color {
            t.force_no_tty();
        }
        let mut header = vec!["Gate", "Metric", "Current", "Target", "Status"];
        if cx.baseline.is_some() {
            header.push("Δ");
        }
        if cx.initial.is_some() {
            header.push("Initial → Current");
        }
        t.set_header(header);
        for g in &report.gates {
            if g.status == Status::Skipped {
                let mut row = vec![
                    Cell::new(&g.id),
                    Cell::new("—"),
                    Cell::new(""),
                    Cell::new(""),
                    status_cell(Status::Skipped, cx.color),
                ];
                if cx.baseline.is_some() {
                    row.push(Cell::new(""));
                }
                if cx.initial.is_some() {
                    row.push(Cell::new(""));
                }
                t.add_row(row);
                continue;
            }
            let gate_label = if g.level == crate::model::Level::Warning {
                format!("{} (warning)", g.id)
            } else {
                g.id.clone()
            };
            for (i, c) in g.conditions.iter().enumerate() {
                let mut row = vec![
                    Cell::new(if i == 0 { gate_label.as_str() } else { "" }),
                    Cell::new(&c.metric),
                    Cell::new(actual_text(c, g)),
                    Cell::new(target_text(c)),
                    status_cell(c.status, cx.color),
                ];
                if cx.baseline.is_some() {
                    row.push(Cell::new(delta_text(c, g, cx.baseline)));
                }
                if cx.initial.is_some() {
                    row.push(Cell::new(super::trend_text(c, g, cx.initial)));
                }
                t.add_row(row);
            }
        }
        let _ = writeln!(out, "{t}");

        // Why things are not green.
        let mut why = String::new();
        for w in explanations(report) {
            let _ = match w {
                Why::GateError { gate, error } => writeln!(
                    why,
                    "  {} {}: {}",
                    paint("ERROR", Color::Magenta, cx.color),
                    gate.id,
                    indent(error)
                ),
                Why::Condition { gate, cond, text } => writeln!(
                    why,
                    "  {} {} `{}`: {}",
                    paint(cond.status.as_str(), status_color(cond.status), cx.color),
                    gate.id,
                    cond.expr,
                    text
                ),
            };
        }
        if !why.is_empty() {
            let _ = writeln!(out, "\n{why}");
        }

        for g in report
            .gates
            .iter()
            .filter(|g| shows_findings(g) && !g.findings.is_empty())
        {
            let top = top_findings(g, 10);
            let _ = writeln!(out, "{} — {}:", g.id, super::findings_count(g, top.len()));
            for f in top {
                let loc = location(f);
                let at = if loc.is_empty() {
                    String::new()
                } else {
                    format!("{loc}: ")
                };
                let _ = writeln!(
                    out,
                    "  {:<8} {}{at}{}",
                    f.severity.as_str(),
                    super::new_tag(f),
                    indent(&f.message)
                );
                for st in &f.flow {
                    let _ = writeln!(
                        out,
                        "           ↳ line {}: {}",
                        st.line,
                        indent(&st.message)
                    );
                }
            }
            let _ = writeln!(out);
        }
        let notes: Vec<(&str, &String)> = report
            .gates
            .iter()
            .flat_map(|g| g.notes.iter().map(move |n| (g.id.as_str(), n)))
            .collect();
        if !notes.is_empty() {
            let _ = writeln!(out, "notes:");
            for (id, n) in notes {
                let _ = writeln!(out, "  {id}: {}", indent(n));
            }
            let _ = writeln!(out);
        }
        let so = super::signoff_lines(report);
        if !so.is_empty() {
            for (i, l) in so.iter().enumerate() {
                let _ = writeln!(out, "{}{l}", if i == 0 { "" } else { "  " });
            }
            let _ = writeln!(out);
        }
        if !report.waivers.is_empty() {
            let _ = writeln!(out, "waivers:");
            for w in &report.waivers {
                let state = match w.state {
                    WaiverState::Applied => paint("applied", Color::Yellow, cx.color),
                    WaiverState::Expired => paint("EXPIRED", Color::Red, cx.color),
                    WaiverState::Unused => "unused".to_string(),
                };
                let days = match w.days_left {
                    Some(d) if d < 0 => format!("expired {} days ago", -d),
                    Some(0) => "expires today".into(),
                    Some(d) => format!("{d} days left"),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "  {state:<8} {}{}  owner {}, expires {} ({days}): {}",
                    w.gate,
                    w.metric
                        .as_deref()
                        .map(|m| format!(".{m}"))
                        .unwrap_or_default(),
                    w.owner,
                    w.expires,
                    w.reason
                );
            }
        }
        out
    }
}

/// The width of the terminal stdout goes to: `COLUMNS` when set (as shells and CI runners do),
/// else the terminal's own size; `None` when stdout is not a terminal and `COLUMNS` is unset.
pub fn terminal_width() -> Option<u16> {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w > 0)
    {
        return Some(w);
    }
    CTable::new().width()
}

fn indent(s: &str) -> String {
    s.replace('\n', "\n      ")
}

fn status_cell(s: Status, color: bool) -> Cell {
    let c = Cell::new(s.as_str());
    if color { c.fg(status_color(s)) } else { c }
}

/// `origin/main at 1a2b3c4d5e6f (the pull request's base, GITHUB_BASE_REF)`.
pub fn describe_base(b: &crate::model::BaseReport) -> String {
    match &b.commit {
        Some(c) => format!("{} at {} ({})", b.rev, c.get(..12).unwrap_or(c), b.found_by),
        None => format!("{} ({})", b.rev, b.found_by),
    }
}
