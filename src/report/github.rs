//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::…`), properly
//! escaped, the verdict first. At most 10 error and 10 warning annotations are emitted (GitHub
//! shows no more per step), the worst first, with a notice saying how many were left out.

use super::{Format, RenderCx, actual_text, condition_note, shows_findings, target_text};
use crate::model::{Report, Severity, Status, Verdict};
use std::fmt::Write;

pub struct Github;

/// GitHub's per-step limit for each annotation level.
pub const MAX_PER_LEVEL: usize = 10;

/// Escapes the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

struct Annotation {
    level: &'static str,
    rank: u8,
    props: String,
    message: String,
}

impl Format for Github {
    fn name(&self) -> &'static str {
        "github"
    }
    fn summary(&self) -> &'static str {
        "GitHub Actions annotations (::error / ::warning), verdict first"
    }
    fn render(&self, report: &Report, cx: &RenderCx<'_>) -> String {
        let mut out = String::new();
        let level = match report.verdict {
            Verdict::NoGo => "error",
            Verdict::GoWithAcceptedRisks => "warning",
            Verdict::Go => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} title={}::{}",
            escape_property(&format!("gatekeep: {}", report.verdict.label())),
            escape_data(&super::table::banner(report))
        );
        let mut anns: Vec<Annotation> = Vec::new();
        let mut unchanged = 0usize;
        for g in &report.gates {
            if let Some(e) = &g.error {
                let level = if g.level == crate::model::Level::Blocker {
                    "error"
                } else {
                    "warning"
                };
                anns.push(Annotation {
                    level,
                    rank: 5,
                    props: format!(
                        "title={}",
                        escape_property(&format!("gatekeep {}: ERROR", g.id))
                    ),
                    message: escape_data(e),
                });
            }
            for c in &g.conditions {
                let (level, rank) = match (c.status, g.level) {
                    (Status::Fail, crate::model::Level::Blocker) => ("error", 5),
                    (Status::Error, crate::model::Level::Blocker) if g.error.is_none() => {
                        ("error", 5)
                    }
                    (Status::Fail | Status::Error, _) if g.error.is_none() => ("warning", 4),
                    (Status::Waived, _) => ("warning", 3),
                    _ => continue,
                };
                let mut msg = format!(
                    "{} is {} (target {})",
                    c.metric,
                    actual_text(c, g),
                    target_text(c)
                );
                if let Some(n) = condition_note(c) {
                    msg.push_str(&format!(": {n}"));
                }
                anns.push(Annotation {
                    level,
                    rank,
                    props: format!(
                        "title={}",
                        escape_property(&format!("gatekeep {}: {}", g.id, c.status))
                    ),
                    message: escape_data(&msg),
                });
            }
            if !shows_findings(g) {
                continue;
            }
            for f in &g.findings {
                // With a base, annotate what the change brought; the rest is in the report.
                if f.baseline_state == Some(crate::model::BaselineState::Unchanged)
                    && !cx.annotate_unchanged
                {
                    unchanged += 1;
                    continue;
                }
                let (level, rank) = match f.severity {
                    Severity::Critical | Severity::High => ("error", 2),
                    Severity::Medium => ("warning", 1),
                    Severity::Low | Severity::Info => ("warning", 0),
                };
                let mut props = String::new();
                if let Some(p) = &f.path {
                    let _ = write!(props, "file={}", escape_property(p));
                    if let Some(l) = f.line {
                        let _ = write!(props, ",line={l}");
                        if let Some(c) = f.column {
                            let _ = write!(props, ",col={c}");
                        }
                    }
                    props.push(',');
                }
                let _ = write!(
                    props,
                    "title={}",
                    escape_property(&format!("{} ({})", f.rule, f.severity))
                );
                anns.push(Annotation {
                    level,
                    rank,
                    props,
                    message: escape_data(&f.message),
                });
            }
        }
        anns.sort_by_key(|a| std::cmp::Reverse(a.rank));
        let mut left_out = 0;
        for lvl in ["error", "warning"] {
            let all: Vec<&Annotation> = anns.iter().filter(|a| a.level == lvl).collect();
            for a in all.iter().take(MAX_PER_LEVEL) {
                let _ = writeln!(out, "::{} {}::{}", a.level, a.props, a.message);
            }
            left_out += all.len().saturating_sub(MAX_PER_LEVEL);
        }
        let so = super::signoff_lines(report);
        if !so.is_empty() {
            let _ = writeln!(
                out,
                "::notice title={}::{}",
                escape_property(&so[0]),
                escape_data(&so[1..].join("\n"))
            );
        }
        if unchanged > 0 {
            let _ = writeln!(
                out,
                "::notice title=gatekeep::{unchanged} findings the change did not bring are not annotated (--annotate-unchanged shows them); see the full report"
            );
        }
        if left_out > 0 {
            let _ = writeln!(
                out,
                "::notice title=gatekeep::{left_out} more annotations were left out (GitHub shows {MAX_PER_LEVEL} errors and {MAX_PER_LEVEL} warnings per step); see the full report"
            );
        }
        out
    }
}
