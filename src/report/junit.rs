//! `--format junit`: one testsuite per gate, one testcase per condition, so CI systems that
//! understand test reports show the gates.

use super::{Format, RenderCx, actual_text, condition_note, target_text};
use crate::model::{Report, Status};
use std::fmt::Write;

pub struct Junit;

/// Findings listed in a gate's `<system-out>` (the most severe first).
const FINDINGS_PER_GATE: usize = 50;

/// Escapes text for XML attribute values and content; drops characters XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

impl Format for Junit {
    fn name(&self) -> &'static str {
        "junit"
    }
    fn summary(&self) -> &'static str {
        "JUnit XML: a testsuite per gate, a testcase per condition, the gate's findings in its system-out"
    }
    fn render(&self, report: &Report, _cx: &RenderCx<'_>) -> String {
        let count = |s: Status| -> usize {
            report
                .gates
                .iter()
                .map(|g| {
                    if g.status == Status::Skipped {
                        usize::from(s == Status::Skipped)
                    } else {
                        g.conditions.iter().filter(|c| c.status == s).count()
                    }
                })
                .sum()
        };
        let tests: usize = report
            .gates
            .iter()
            .map(|g| {
                g.conditions
                    .len()
                    .max(usize::from(g.status == Status::Skipped))
            })
            .sum();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"gatekeep: {}\" tests=\"{tests}\" failures=\"{}\" errors=\"{}\" disabled=\"{}\" time=\"{:.3}\">",
            xml_escape(&format!("{} {}", report.project, report.verdict.label())),
            count(Status::Fail),
            count(Status::Error),
            count(Status::Skipped) + count(Status::Waived),
            report.duration_ms as f64 / 1000.0
        );
        for g in &report.gates {
            let n = |s: Status| g.conditions.iter().filter(|c| c.status == s).count();
            let skipped = if g.status == Status::Skipped {
                1
            } else {
                n(Status::Waived)
            };
            let _ = writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{skipped}\" time=\"{:.3}\">",
                xml_escape(&g.id),
                g.conditions
                    .len()
                    .max(usize::from(g.status == Status::Skipped)),
                n(Status::Fail),
                n(Status::Error),
                g.duration_ms as f64 / 1000.0
            );
            let class = xml_escape(&format!("gatekeep.{}", g.id));
            if g.status == Status::Skipped {
                let _ = writeln!(
                    out,
                    "    <testcase classname=\"{class}\" name=\"{}\">\n      <skipped>not selected</skipped>\n    </testcase>",
                    xml_escape(&g.id)
                );
            }
            for c in &g.conditions {
                let _ = write!(
                    out,
                    "    <testcase classname=\"{class}\" name=\"{}\"",
                    xml_escape(&c.expr)
                );
                let msg = format!(
                    "{} is {} (target {})",
                    c.metric,
                    actual_text(c, g),
                    target_text(c)
                );
                match c.status {
                    Status::Pass | Status::Skipped => {
                        out.push_str("/>\n");
                    }
                    Status::Fail => {
                        let body = condition_note(c).unwrap_or_default();
                        let _ = writeln!(
                            out,
                            ">\n      <failure message=\"{}\" type=\"threshold\">{}</failure>\n    </testcase>",
                            xml_escape(&msg),
                            xml_escape(&body)
                        );
                    }
                    Status::Waived => {
                        let _ = writeln!(
                            out,
                            ">\n      <skipped>{}</skipped>\n    </testcase>",
                            xml_escape(&format!(
                                "{msg}; {}",
                                condition_note(c).unwrap_or_default()
                            ))
                        );
                    }
                    Status::Error => {
                        let why = g
                            .error
                            .clone()
                            .or_else(|| c.note.clone())
                            .unwrap_or_default();
                        let _ = writeln!(
                            out,
                            ">\n      <error message=\"{}\" type=\"no-data\">{}</error>\n    </testcase>",
                            xml_escape(&format!("{} could not be evaluated", c.expr)),
                            xml_escape(&why)
                        );
                    }
                }
            }
            // The gate's findings, most severe first, for the CI system's test view.
            if !g.findings.is_empty() {
                let shown = super::top_findings(g, FINDINGS_PER_GATE);
                let mut text = String::new();
                for f in &shown {
                    let at = super::location(f);
                    let _ = writeln!(
                        text,
                        "{} {}{}{}{} {}",
                        f.severity,
                        super::new_tag(f),
                        at,
                        if at.is_empty() { "" } else { ": " },
                        f.rule,
                        f.message
                    );
                }
                let total = g.findings_total();
                if total > shown.len() as u64 {
                    let _ = writeln!(text, "{total} findings, showing {}", shown.len());
                }
                let _ = writeln!(out, "    <system-out>{}</system-out>", xml_escape(&text));
            }
            out.push_str("  </testsuite>\n");
        }
        if let Some(so) = &report.signoff {
            let failing = if report.release { so.awaiting.len() } else { 0 };
            let _ = writeln!(
                out,
                "  <testsuite name=\"signoff\" tests=\"{}\" failures=\"{failing}\" errors=\"0\">",
                so.entries.len()
            );
            let lines = super::signoff_lines(report);
            for (e, line) in so.entries.iter().zip(lines.iter().skip(1)) {
                let _ = write!(
                    out,
                    "    <testcase classname=\"gatekeep.signoff\" name=\"{}\"",
                    xml_escape(&e.role)
                );
                if e.state == "signed" {
                    let _ = writeln!(
                        out,
                        ">\n      <system-out>{}</system-out>\n    </testcase>",
                        xml_escape(line)
                    );
                } else if report.release {
                    let _ = writeln!(
                        out,
                        ">\n      <failure message=\"{}\" type=\"signoff\"/>\n    </testcase>",
                        xml_escape(line)
                    );
                } else {
                    let _ = writeln!(
                        out,
                        ">\n      <skipped>{}</skipped>\n    </testcase>",
                        xml_escape(line)
                    );
                }
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        out
    }
}
