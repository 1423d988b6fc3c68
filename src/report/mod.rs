//! Output formats, one module each. Adding a format: a new file with a type implementing
//! [`Format`], and one line in [`FORMATS`].

pub mod codeclimate;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod readiness;
pub mod sarif;
pub mod table;

use crate::model::{Condition, Finding, GateResult, Report, Status, Unit};
use crate::threshold::format_value;

/// Everything a format may need besides the report.
#[derive(Default)]
pub struct RenderCx<'a> {
    /// ANSI colours (table only).
    pub color: bool,
    /// `--baseline`: adds a Δ column.
    pub baseline: Option<&'a Report>,
    /// The first recorded value of each `gate.metric` in the history: adds "initial → current".
    pub initial: Option<&'a std::collections::BTreeMap<String, f64>>,
    /// The recorded runs (for trend charts), oldest first, this run included when recorded.
    pub history: &'a [crate::history::Record],
    /// The width to fit the table in (stdout: `COLUMNS`, or the terminal's); `None`: no limit.
    pub width: Option<u16>,
    /// `--annotate-unchanged`: GitHub annotations also for findings the change did not bring.
    pub annotate_unchanged: bool,
}

/// An output format.
pub trait Format: Sync {
    fn name(&self) -> &'static str;
    /// One line for `--help` and `list`.
    fn summary(&self) -> &'static str;
    fn render(&self, report: &Report, cx: &RenderCx<'_>) -> String;
}

/// Every format, by name.
pub static FORMATS: &[&dyn Format] = &[
    &table::Table,
    &json::Json,
    &markdown::Markdown,
    &junit::Junit,
    &sarif::Sarif,
    &github::Github,
    &html::Html,
    &codeclimate::Codeclimate,
];

pub fn format(name: &str) -> Option<&'static dyn Format> {
    FORMATS.iter().copied().find(|f| f.name() == name)
}

pub fn format_names() -> Vec<&'static str> {
    FORMATS.iter().map(|f| f.name()).collect()
}

pub use crate::atomic::{write_all_atomic, write_atomic};

/// The target as the user wrote it (`< 15MB`, `< 500ms`, `≥ 80%`, `≤ 30KiB`), normalised only in
/// spacing; a bare number on a metric with a unit gets the unit's symbol; a baseline target adds
/// its resolved value: `≤ baseline + 5% (2.1 s)`.
pub fn target_text(c: &Condition) -> String {
    let rhs = c.expr[c.expr.find(&c.op).map(|i| i + c.op.len()).unwrap_or(0)..].trim();
    let rhs = rhs.split_whitespace().collect::<Vec<_>>().join(" ");
    if rhs.starts_with("baseline") {
        return match c.target {
            Some(t) => format!(
                "{} {} ({})",
                op_symbol(&c.op),
                rhs,
                format_value(t, &c.unit)
            ),
            None => format!("{} {}", op_symbol(&c.op), rhs),
        };
    }
    let bare = rhs.replace('_', "").parse::<f64>().is_ok();
    let written = match (bare, &c.unit) {
        (true, Unit::Percent) => format!("{rhs}%"),
        (true, Unit::Seconds | Unit::Bytes) => {
            format!("{rhs} {}", c.unit.symbol().unwrap_or_default())
        }
        _ => rhs,
    };
    format!("{} {}", op_symbol(&c.op), written)
}

pub fn op_symbol(op: &str) -> &str {
    match op {
        "<=" => "≤",
        ">=" => "≥",
        "!=" => "≠",
        other => other,
    }
}

/// The current value of a condition, or `—` without data. Shown with as many decimals as it
/// takes to be on the same side of the target as the exact value (`94.95%`, never `95%`
/// beside a FAIL of `>= 95%`).
pub fn actual_text(c: &Condition, g: &GateResult) -> String {
    let shown = |v: f64| match (c.target, crate::threshold::Op::parse(&c.op)) {
        (Some(t), Some(op)) => crate::threshold::format_value_beside(v, &c.unit, op, t),
        _ => format_value(v, &c.unit),
    };
    match c.actual {
        Some(v) => {
            let ratio = g
                .metrics
                .iter()
                .find(|m| m.name == c.metric)
                .and_then(|m| m.ratio)
                .filter(|_| c.unit == Unit::Percent);
            let detail = g
                .metrics
                .iter()
                .find(|m| m.name == c.metric)
                .and_then(|m| m.detail.as_deref());
            match (ratio, detail) {
                (Some((n, d)), _) => format!("{} ({n}/{d})", shown(v)),
                (None, Some(d)) => format!("{} ({d})", shown(v)),
                (None, None) => shown(v),
            }
        }
        None => "—".into(),
    }
}

/// Δ against the baseline report, e.g. `+2.1 pp` (a change of a percentage is in percentage
/// points) or `-120 ms`.
pub fn delta_text(c: &Condition, g: &GateResult, baseline: Option<&Report>) -> String {
    let (Some(cur), Some(b)) = (
        c.actual,
        baseline
            .and_then(|b| b.gate(&g.id))
            .and_then(|bg| bg.metric(&c.metric))
            .map(|m| m.value),
    ) else {
        return String::new();
    };
    let d = cur - b;
    if d == 0.0 {
        return "±0".into();
    }
    let sign = if d > 0.0 { "+" } else { "-" };
    if c.unit == Unit::Percent {
        let mut text = crate::threshold::trim_num(d.abs(), 1);
        if text == "0" {
            text = crate::threshold::trim_num(d.abs(), 2);
        }
        return format!("{sign}{text} pp");
    }
    format!("{sign}{}", format_value(d.abs(), &c.unit))
}

/// `32% → 58.4%` from the history's first value, or empty.
pub fn trend_text(
    c: &Condition,
    g: &GateResult,
    initial: Option<&std::collections::BTreeMap<String, f64>>,
) -> String {
    match (
        initial.and_then(|m| m.get(&format!("{}.{}", g.id, c.metric))),
        c.actual,
    ) {
        (Some(first), Some(cur)) => format!(
            "{} → {}",
            format_value(*first, &c.unit),
            format_value(cur, &c.unit)
        ),
        _ => String::new(),
    }
}

/// The sign-off block as lines of text (empty when the config requires no sign-off).
pub fn signoff_lines(report: &Report) -> Vec<String> {
    let Some(s) = &report.signoff else {
        return Vec::new();
    };
    let signed = s.entries.iter().filter(|e| e.state == "signed").count();
    let mut lines = vec![format!(
        "Sign-off{}: {signed} of {} roles signed{}",
        if report.release { " (release)" } else { "" },
        s.required.len(),
        if s.awaiting.is_empty() {
            String::new()
        } else {
            format!("; awaiting: {}", s.awaiting.join(", "))
        }
    )];
    for e in &s.entries {
        let who = e.name.as_deref().unwrap_or("[Pending]");
        let line = match e.state.as_str() {
            "signed" => format!(
                "Approved by: {who} ({}) on {}",
                e.role,
                e.time.as_deref().unwrap_or("")
            ),
            "stale" => format!(
                "Approved by: {who} ({}) on {} — STALE: {} changed since",
                e.role,
                e.time.as_deref().unwrap_or(""),
                e.changed.join(", ")
            ),
            _ => format!("Approved by: [Pending] ({})", e.role),
        };
        let note = e
            .note
            .as_deref()
            .map(|n| format!(" — \"{n}\""))
            .unwrap_or_default();
        lines.push(format!("{line}{note}"));
    }
    lines
}

/// Why a condition has its status, in a few words.
pub fn condition_note(c: &Condition) -> Option<String> {
    if let Some(w) = &c.waiver {
        return Some(format!(
            "waived by {} until {}: {}",
            w.owner, w.expires, w.reason
        ));
    }
    c.note.clone()
}

/// One reason a report is not plain green, for the human formats' notes under the table.
pub enum Why<'a> {
    /// The gate could not run.
    GateError {
        gate: &'a GateResult,
        error: &'a str,
    },
    /// A condition's waiver or note (why it is ERROR, how a baseline comparison was decided).
    Condition {
        gate: &'a GateResult,
        cond: &'a Condition,
        text: String,
    },
}

/// The reasons, in report order: each gate's error, then its conditions' notes (a condition
/// that is ERROR only because its gate could not run is not repeated).
pub fn explanations(report: &Report) -> Vec<Why<'_>> {
    let mut out = Vec::new();
    for g in &report.gates {
        if let Some(e) = &g.error {
            out.push(Why::GateError { gate: g, error: e });
        }
        for c in &g.conditions {
            if (c.status == Status::Pass && c.note.is_none())
                || (g.error.is_some() && c.status == Status::Error)
            {
                continue;
            }
            if let Some(text) = condition_note(c) {
                out.push(Why::Condition {
                    gate: g,
                    cond: c,
                    text,
                });
            }
        }
    }
    out
}

/// `1,465 findings, showing 10` — the true count of a gate's findings (also those counted but
/// not listed), and how many are shown when not all.
pub fn findings_count(g: &GateResult, shown: usize) -> String {
    let total = g.findings_total();
    let mut s = format!(
        "{} finding{}",
        thousands(total),
        if total == 1 { "" } else { "s" }
    );
    let new = g.findings.iter().filter(|f| is_new(f)).count();
    if new > 0 {
        s.push_str(&format!(", {} new", thousands(new as u64)));
    }
    if (shown as u64) < total {
        s.push_str(&format!(", showing {}", thousands(shown as u64)));
    }
    s
}

/// `1465` → `1,465`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Findings of gates that did not pass, most severe first, at most `per_gate` each.
pub fn top_findings(g: &GateResult, per_gate: usize) -> Vec<&Finding> {
    let mut f: Vec<&Finding> = g.findings.iter().collect();
    // With a base, what the change added comes first: it is what the change's author can fix.
    f.sort_by(|a, b| {
        is_new(b)
            .cmp(&is_new(a))
            .then_with(|| b.severity.cmp(&a.severity))
            .then_with(|| (a.path.as_deref(), a.line).cmp(&(b.path.as_deref(), b.line)))
    });
    f.truncate(per_gate);
    f
}

/// Whether a finding is new since the base (`--base`): added by the change.
pub fn is_new(f: &Finding) -> bool {
    f.baseline_state == Some(crate::model::BaselineState::New)
}

/// `"[new] "` for a finding the change added, `""` otherwise: how the text formats mark it.
pub fn new_tag(f: &Finding) -> &'static str {
    if is_new(f) { "[new] " } else { "" }
}

/// Whether a gate's findings belong in the summary.
pub fn shows_findings(g: &GateResult) -> bool {
    matches!(g.status, Status::Fail | Status::Error | Status::Waived)
}

/// `path:line:col` of a finding.
pub fn location(f: &Finding) -> String {
    match (&f.path, f.line, f.column) {
        (Some(p), Some(l), Some(c)) => format!("{p}:{l}:{c}"),
        (Some(p), Some(l), None) => format!("{p}:{l}"),
        (Some(p), None, _) => p.clone(),
        (None, _, _) => String::new(),
    }
}

/// A stable fingerprint for a finding: the gate's own, or a hash of rule, path and message.
pub fn fingerprint(f: &Finding) -> String {
    if let Some(fp) = &f.fingerprint {
        return fp.clone();
    }
    let mut h: u64 = 0xcbf29ce484222325;
    for part in [
        f.rule.as_str(),
        f.path.as_deref().unwrap_or(""),
        f.message.as_str(),
    ] {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
pub(crate) mod sample;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_leaves_no_temp_files() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out/report.json");
        write_atomic(&p, b"{}").unwrap();
        write_atomic(&p, b"{\"a\":1}").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "{\"a\":1}");
        let names: Vec<_> = std::fs::read_dir(d.path().join("out"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn atomic_write_to_a_missing_root_fails_cleanly() {
        let e =
            write_atomic(std::path::Path::new("/proc/definitely/not/here.json"), b"x").unwrap_err();
        assert!(format!("{e:#}").contains("cannot create"), "{e:#}");
    }
}

#[cfg(test)]
mod snapshots {
    use super::*;

    fn render(name: &str, baseline: Option<&Report>) -> String {
        let r = sample::report();
        format(name).unwrap().render(
            &r,
            &RenderCx {
                color: false,
                baseline,
                initial: None,
                history: &[],
                width: None,
                annotate_unchanged: false,
            },
        )
    }

    #[test]
    fn table() {
        insta::assert_snapshot!(render("table", None));
    }

    #[test]
    fn table_fits_a_narrow_terminal() {
        let r = sample::report();
        let text = table::Table.render(
            &r,
            &RenderCx {
                width: Some(60),
                annotate_unchanged: false,
                ..Default::default()
            },
        );
        for line in text.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└'])) {
            assert!(
                line.chars().count() <= 60,
                "{} columns: {line}",
                line.chars().count()
            );
        }
        insta::assert_snapshot!(text);
    }

    #[test]
    fn table_with_baseline_delta() {
        let mut b = sample::report();
        b.gates[1].metrics[0].value = 30.0;
        insta::assert_snapshot!(render("table", Some(&b)));
    }

    #[test]
    fn markdown() {
        insta::assert_snapshot!(render("markdown", None));
    }

    #[test]
    fn html() {
        insta::assert_snapshot!(render("html", None));
    }

    #[test]
    fn html_is_self_contained_and_escapes() {
        let s = render("html", None);
        assert!(!s.contains("src=\"http"), "no external scripts");
        assert!(!s.contains("href=\"http"), "no external styles");
        assert!(!s.contains("<link"), "no linked resources");
        assert!(s.contains("message with | pipe"));
        assert!(!s.contains("<script src"));
        // Colour is never the only signal: every status badge carries its word.
        assert!(s.contains("✖</span> FAIL"));
    }

    #[test]
    fn codeclimate() {
        insta::assert_snapshot!(render("codeclimate", None));
    }

    #[test]
    fn junit() {
        insta::assert_snapshot!(render("junit", None));
    }

    #[test]
    fn github() {
        insta::assert_snapshot!(render("github", None));
    }

    #[test]
    fn sarif() {
        insta::assert_snapshot!(render("sarif", None));
    }

    #[test]
    fn json_round_trips_and_follows_the_spec() {
        let s = render("json", None);
        insta::assert_snapshot!(s);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["verdict"], "NO_GO");
        assert_eq!(v["gates"][0]["conditions"][0]["status"], "PASS");
        assert_eq!(v["gates"][1]["metrics"][0]["unit"], "%");
        assert_eq!(v["gates"][0]["metrics"][0]["unit"], serde_json::Value::Null);
        assert_eq!(v["waivers"][1]["state"], "expired");
        let back: Report = serde_json::from_str(&s).unwrap();
        assert_eq!(back, sample::report());
    }

    #[test]
    fn markdown_stays_under_one_mib_with_many_findings() {
        let mut r = sample::report();
        let f = r.gates[2].findings[0].clone();
        r.gates[2].findings = (0..100_000)
            .map(|i| {
                let mut f = f.clone();
                f.line = Some(i);
                f.message = format!("{} {}", f.message, "x".repeat(200));
                f
            })
            .collect();
        for g in 0..30 {
            let mut extra = r.gates[2].clone();
            extra.id = format!("sec{g}");
            r.gates.push(extra);
        }
        let s = format("markdown").unwrap().render(&r, &RenderCx::default());
        assert!(s.len() < markdown::LIMIT, "{}", s.len());
        assert!(s.contains("more (see the JSON or SARIF report)"));
    }

    #[test]
    fn github_escapes_and_limits() {
        assert_eq!(github::escape_data("50%\nx"), "50%25%0Ax");
        assert_eq!(github::escape_property("a:b,c"), "a%3Ab%2Cc");
        let mut r = sample::report();
        let f = r.gates[2].findings[0].clone();
        r.gates[2].findings = (0..50).map(|_| f.clone()).collect();
        let s = format("github").unwrap().render(&r, &RenderCx::default());
        assert!(s.starts_with("::error title=gatekeep%3A NO-GO::"));
        assert_eq!(
            s.lines()
                .skip(1)
                .filter(|l| l.starts_with("::error "))
                .count(),
            10
        );
        assert!(s.contains("more annotations were left out"));
    }

    #[test]
    fn sarif_limits_results() {
        let mut r = sample::report();
        let f = r.gates[2].findings[0].clone();
        r.gates[2].findings = (0..(sarif::MAX_RESULTS as u64 + 10))
            .map(|i| {
                let mut f = f.clone();
                f.line = Some(i + 1);
                f
            })
            .collect();
        let s = format("sarif").unwrap().render(&r, &RenderCx::default());
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(
            v["runs"][0]["results"].as_array().unwrap().len(),
            sarif::MAX_RESULTS
        );
        assert!(v["runs"][0]["properties"]["truncated"].is_string());
    }
}

#[cfg(test)]
mod json_schemas {
    use super::*;

    fn validate(schema_file: &str, doc: &str) {
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!(
                "{}/fixtures/schemas/{schema_file}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap();
        let instance: serde_json::Value = serde_json::from_str(doc).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{schema_file}: {errors:#?}");
    }

    #[test]
    fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
        let s = format("sarif")
            .unwrap()
            .render(&sample::report(), &RenderCx::default());
        validate("sarif-schema-2.1.0.json", &s);
    }

    #[test]
    fn codeclimate_output_validates_against_gitlabs_format() {
        let s = format("codeclimate")
            .unwrap()
            .render(&sample::report(), &RenderCx::default());
        validate("gitlab-codequality.schema.json", &s);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        let issues = v.as_array().unwrap();
        // The failing `high == 0`, the two ERROR conditions, and the four findings with files.
        assert_eq!(issues.len(), 7);
        assert!(
            issues
                .iter()
                .any(|i| i["location"]["path"] == "src/files.py"
                    && i["location"]["lines"]["begin"] == 41)
        );
        let fps: std::collections::BTreeSet<&str> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap())
            .collect();
        assert_eq!(fps.len(), issues.len(), "fingerprints are unique");
        // In a release decision, the pending and stale sign-offs are issues too.
        let mut r = sample::report();
        r.release = true;
        let s = format("codeclimate")
            .unwrap()
            .render(&r, &RenderCx::default());
        validate("gitlab-codequality.schema.json", &s);
        assert!(s.contains("Approved by: [Pending] (qa-lead)"));
    }
}

#[cfg(test)]
mod junit_schema {
    use super::*;

    /// `--format junit` is valid against the common JUnit XSD (Jenkins junit-4.xsd).
    #[test]
    fn junit_output_validates_against_the_common_xsd() {
        if std::process::Command::new("xmllint")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!(
                "SKIPPED: xmllint is not installed (Debian libxml2-utils); .ci/run installs it"
            );
            return;
        }
        let d = tempfile::tempdir().unwrap();
        let xml = d.path().join("report.xml");
        std::fs::write(
            &xml,
            format("junit")
                .unwrap()
                .render(&sample::report(), &RenderCx::default()),
        )
        .unwrap();
        let xsd = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schemas/junit-4.xsd");
        let out = std::process::Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema", xsd])
            .arg(&xml)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
