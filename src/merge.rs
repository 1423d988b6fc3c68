//! `gatekeep merge`: one verdict from the reports of a CI matrix (one JSON report per job).
//!
//! A gate present in several parts takes the worst part's result: the worst status (ERROR > FAIL >
//! WAIVED > PASS; a part that skipped it does not count), then, between parts of one status, the
//! worst figures (the lower value of a `>=` condition, the higher of a `<=` one), then the part's
//! name — so the merged figures never depend on the order the parts are given in. Each condition
//! likewise, with the actual value of the part that decided it; findings are the union without
//! duplicates; notes say which part gave what. `--expect N` turns a missing part into an ERROR,
//! never a pass on partial data. The same part given twice (by content) and parts of different
//! projects are refused ([`check_parts`]).

use crate::model::{Condition, GateResult, Report, Status, ToolInfo, WaiverReport, WaiverState};
use anyhow::{Context, bail};
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::path::Path;

/// A part: its name (from the file name) and its report.
pub struct Part {
    pub name: String,
    /// The file as given on the command line.
    pub path: String,
    /// SHA-256 of the file's content (the same part given twice is refused).
    pub hash: String,
    pub report: Report,
}

/// Refuses parts that cannot be merged into one honest verdict: the same report given twice
/// (it would count twice, whatever its file name), and reports of different projects.
pub fn check_parts(parts: &[Part]) -> Result<(), String> {
    for (i, a) in parts.iter().enumerate() {
        if let Some(b) = parts[..i].iter().find(|b| b.hash == a.hash) {
            return Err(format!(
                "{} and {} are the same report (SHA-256 {}): a part given twice would count twice",
                b.path,
                a.path,
                a.hash.get(..12).unwrap_or(&a.hash)
            ));
        }
    }
    let mut projects: Vec<&str> = parts.iter().map(|p| p.report.project.as_str()).collect();
    projects.sort_unstable();
    projects.dedup();
    if projects.len() > 1 {
        let each: Vec<String> = parts
            .iter()
            .map(|p| format!("{} is `{}`", p.path, p.report.project))
            .collect();
        return Err(format!(
            "the parts are of different projects ({}): merge the parts of one project",
            each.join(", ")
        ));
    }
    Ok(())
}

/// Reads a part, refusing anything that is not a gatekeep JSON report of schema version 1.
pub fn read_part(path: &Path) -> anyhow::Result<Part> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let text = String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("{}: not UTF-8 text: {e}", path.display()))?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: not JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    match v.get("schema_version").and_then(|s| s.as_u64()) {
        Some(1) => {}
        Some(n) => bail!(
            "{}: schema_version {n} is not supported by this gatekeep (it reads 1)",
            path.display()
        ),
        None => bail!(
            "{}: not a gatekeep JSON report (no schema_version)",
            path.display()
        ),
    }
    let report: Report = serde_json::from_value(v)
        .with_context(|| format!("{}: not a gatekeep JSON report", path.display()))?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(Part {
        name,
        path: path.display().to_string(),
        hash,
        report,
    })
}

/// How much worse condition `b` is than `a`: status first, then no data, then the figure in
/// the condition's bad direction. `Equal` when neither is worse.
fn cmp_condition(a: &Condition, b: &Condition) -> Ordering {
    b.status
        .rank()
        .cmp(&a.status.rank())
        .then_with(|| match (a.actual, b.actual) {
            (Some(_), None) => Ordering::Greater,
            (None, Some(_)) => Ordering::Less,
            (Some(x), Some(y)) => {
                match crate::threshold::Op::parse(&a.op).and_then(|o| o.higher_is_better()) {
                    Some(true) => x.total_cmp(&y),
                    Some(false) => y.total_cmp(&x),
                    None => Ordering::Equal,
                }
            }
            (None, None) => Ordering::Equal,
        })
}

/// `Greater` when part result `b` is worse than `a`: its status, then its conditions in order.
fn cmp_gate(a: &GateResult, b: &GateResult) -> Ordering {
    b.status.rank().cmp(&a.status.rank()).then_with(|| {
        a.conditions
            .iter()
            .filter_map(|ca| {
                b.conditions
                    .iter()
                    .find(|cb| cb.expr == ca.expr)
                    .map(|cb| cmp_condition(ca, cb))
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    })
}

/// Merges parts into one report; `expect` is the number of parts there should be.
pub fn merge(parts: &[Part], expect: Option<usize>) -> (Report, Vec<String>) {
    // The order of the parts on the command line must not matter: work in the order of names.
    let mut sorted: Vec<&Part> = parts.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.hash.cmp(&b.hash)));
    let parts = sorted;
    let mut warnings = Vec::new();
    // The part result that decided each merged gate so far.
    let mut deciding: Vec<Option<&GateResult>> = Vec::new();
    let mut gates: Vec<GateResult> = Vec::new();
    let mut decided_by: Vec<Vec<(String, Status)>> = Vec::new();
    for part in &parts {
        for g in &part.report.gates {
            let idx = match gates.iter().position(|m| m.id == g.id) {
                Some(i) => i,
                None => {
                    let mut first = g.clone();
                    first.notes.clear();
                    first.conditions.clear();
                    first.findings.clear();
                    first.data = None;
                    first.status = Status::Skipped;
                    first.error = None;
                    gates.push(first);
                    decided_by.push(Vec::new());
                    deciding.push(None);
                    gates.len() - 1
                }
            };
            decided_by[idx].push((part.name.clone(), g.status));
            let m = &mut gates[idx];
            if m.kind != g.kind {
                warnings.push(format!(
                    "gate `{}` is kind `{}` in one part and `{}` in {}",
                    g.id, m.kind, g.kind, part.name
                ));
            }
            if g.status == Status::Skipped {
                continue;
            }
            // Strictly worse only: between equals the first part by name stays.
            if deciding[idx].is_none_or(|d| cmp_gate(d, g) == Ordering::Greater) {
                deciding[idx] = Some(g);
                m.status = g.status;
                m.metrics = g.metrics.clone();
                m.error = g.error.clone().map(|e| format!("{}: {e}", part.name));
                m.level = g.level;
            }
            m.duration_ms = m.duration_ms.max(g.duration_ms);
            m.findings_not_listed = m.findings_not_listed.max(g.findings_not_listed);
            for c in &g.conditions {
                merge_condition(&mut m.conditions, c, &part.name);
            }
            for f in &g.findings {
                if !m.findings.contains(f) {
                    m.findings.push(f.clone());
                }
            }
        }
    }
    for g in gates.iter_mut().filter(|g| g.kind == "coverage") {
        recompute_coverage(g, &parts, &mut warnings);
    }
    // The failing tests of every part, so a merged report can be a `--baseline` for
    // `new_failures`.
    for g in gates.iter_mut().filter(|g| g.kind == "junit") {
        g.data = crate::gates::junit::change::merge_data(
            parts
                .iter()
                .filter_map(|p| p.report.gate(&g.id))
                .filter(|pg| pg.status != Status::Skipped)
                .map(|pg| pg.data.as_ref()),
        );
    }
    for (g, by) in gates.iter_mut().zip(&decided_by) {
        let list: Vec<String> = by.iter().map(|(p, s)| format!("{p}: {s}")).collect();
        g.notes.push(format!(
            "merged from {} parts ({})",
            by.len(),
            list.join(", ")
        ));
        g.findings.sort_by(|a, b| {
            (
                a.path.as_deref(),
                a.line,
                a.rule.as_str(),
                a.column,
                a.message.as_str(),
            )
                .cmp(&(
                    b.path.as_deref(),
                    b.line,
                    b.rule.as_str(),
                    b.column,
                    b.message.as_str(),
                ))
        });
    }
    if let Some(n) = expect
        && parts.len() != n
    {
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        gates.push(GateResult {
            id: "merge".into(),
            kind: "merge".into(),
            level: crate::model::Level::Blocker,
            status: Status::Error,
            duration_ms: 0,
            error: Some(format!(
                "expected {n} parts, got {} ({}): a missing part is never a pass",
                parts.len(),
                names.join(", ")
            )),
            metrics: vec![crate::model::Metric::count("parts", parts.len() as u64)],
            conditions: vec![Condition {
                expr: format!("parts == {n}"),
                metric: "parts".into(),
                op: "==".into(),
                target: Some(n as f64),
                actual: Some(parts.len() as f64),
                unit: Default::default(),
                status: Status::Error,
                waiver: None,
                note: Some("missing matrix parts".into()),
            }],
            findings: Vec::new(),
            notes: Vec::new(),
            data: None,
            source: None,
            findings_not_listed: 0,
        });
    }
    let mut versions: Vec<&str> = parts
        .iter()
        .map(|p| p.report.tool.version.as_str())
        .collect();
    versions.sort();
    versions.dedup();
    if versions.len() > 1 {
        warnings.push(format!(
            "the parts come from different gatekeep versions: {}",
            versions.join(", ")
        ));
    }
    let mut waivers: Vec<WaiverReport> = Vec::new();
    for p in &parts {
        for w in &p.report.waivers {
            match waivers.iter_mut().find(|x| {
                x.gate == w.gate
                    && x.metric == w.metric
                    && x.owner == w.owner
                    && x.expires == w.expires
            }) {
                Some(x) if w.state == WaiverState::Applied => x.state = WaiverState::Applied,
                Some(_) => {}
                None => waivers.push(w.clone()),
            }
        }
    }
    let report = Report {
        schema_version: 1,
        tool: ToolInfo {
            name: "gatekeep".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        project: parts
            .first()
            .map(|p| p.report.project.clone())
            .unwrap_or_default(),
        verdict: crate::verdict::verdict(&gates),
        duration_ms: parts
            .iter()
            .map(|p| p.report.duration_ms)
            .max()
            .unwrap_or(0),
        profile: parts.first().and_then(|p| p.report.profile.clone()),
        base: parts.first().and_then(|p| p.report.base.clone()),
        gates,
        waivers,
        defaults_used: Vec::new(),
        release: false,
        members: vec![],
        signoff: None,
    };
    (report, warnings)
}

/// The metrics a coverage gate derives from its line data.
const COVERAGE_METRICS: &[&str] = &[
    "line",
    "branch",
    "lines_covered",
    "lines_total",
    "branches_covered",
    "branches_total",
    "min_file_line",
    "combined",
];

/// When every part that ran a coverage gate carries its line data (`merge_data = true`), the
/// merged figures are recomputed from the union of that data (hits add up, as `lcov -a`), and
/// the conditions on them are evaluated again; otherwise the worst part's figures stand.
fn recompute_coverage(g: &mut GateResult, parts: &[&Part], warnings: &mut Vec<String>) {
    let mut texts = Vec::new();
    let mut missing = Vec::new();
    for p in parts {
        let Some(pg) = p.report.gate(&g.id) else {
            continue;
        };
        if pg.status == Status::Skipped {
            continue;
        }
        match pg
            .data
            .as_ref()
            .and_then(|d| d.get("lcov"))
            .and_then(|l| l.as_str())
        {
            Some(t) => texts.push(t.to_string()),
            None => missing.push(p.name.clone()),
        }
    }
    if texts.is_empty() || !missing.is_empty() {
        if !texts.is_empty() {
            g.notes.push(format!(
                "coverage not recomputed: {} carr{} no line data (set `merge_data = true`)",
                missing.join(", "),
                if missing.len() == 1 { "ies" } else { "y" }
            ));
        }
        return;
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let metrics = match crate::gates::coverage::metrics_from_lcov(&refs) {
        Ok(m) => m,
        Err(e) => {
            warnings.push(format!("gate `{}`: {e:#}", g.id));
            return;
        }
    };
    g.metrics
        .retain(|m| !COVERAGE_METRICS.contains(&m.name.as_str()));
    g.metrics.extend(metrics);
    for c in &mut g.conditions {
        if !COVERAGE_METRICS.contains(&c.metric.as_str()) {
            continue;
        }
        let (Some(target), Some(op)) = (c.target, crate::threshold::Op::parse(&c.op)) else {
            continue;
        };
        match g.metrics.iter().find(|m| m.name == c.metric) {
            Some(m) => {
                c.actual = Some(m.value);
                c.status = if op.holds(m.value, target) {
                    Status::Pass
                } else if c.waiver.is_some() {
                    Status::Waived
                } else {
                    Status::Fail
                };
                c.note = Some(format!(
                    "recomputed from the line data of {} parts",
                    texts.len()
                ));
            }
            None => {
                c.actual = None;
                c.status = Status::Error;
                c.note = Some(format!(
                    "no data for `{}` in the merged line data",
                    c.metric
                ));
            }
        }
    }
    if g.error.is_none() {
        g.status = crate::verdict::gate_status(&g.conditions);
    }
    g.data = Some(serde_json::json!({ "lcov": texts.concat() }));
    g.notes.push(format!(
        "coverage recomputed from the line data of {} parts (hits add up, as `lcov -a`)",
        texts.len()
    ));
}

fn merge_condition(into: &mut Vec<Condition>, c: &Condition, part: &str) {
    match into.iter_mut().find(|x| x.expr == c.expr) {
        Some(x) => {
            if cmp_condition(x, c) == Ordering::Greater {
                *x = c.clone();
                x.note = Some(match &c.note {
                    Some(n) => format!("{part}: {n}"),
                    None => format!("decided by {part}"),
                });
            }
        }
        None => {
            let mut c = c.clone();
            if c.status != Status::Pass {
                c.note = Some(match &c.note {
                    Some(n) => format!("{part}: {n}"),
                    None => format!("decided by {part}"),
                });
            }
            into.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Finding, Level, Metric, Severity, Verdict};

    fn gate(id: &str, status: Status, value: f64) -> GateResult {
        GateResult {
            id: id.into(),
            kind: "command".into(),
            level: Level::Blocker,
            status,
            duration_ms: 5,
            error: None,
            metrics: vec![Metric::count("exit_code", value as u64)],
            conditions: vec![Condition {
                expr: "exit_code == 0".into(),
                metric: "exit_code".into(),
                op: "==".into(),
                target: Some(0.0),
                actual: Some(value),
                unit: Default::default(),
                status,
                waiver: None,
                note: None,
            }],
            findings: vec![Finding::new(
                "command/match",
                Severity::Medium,
                format!("v{value}"),
            )],
            notes: vec![],
            data: None,
            source: None,
            findings_not_listed: 0,
        }
    }

    fn part(name: &str, version: &str, gates: Vec<GateResult>) -> Part {
        let verdict = crate::verdict::verdict(&gates);
        Part {
            name: name.into(),
            path: format!("{name}.json"),
            hash: format!("{name}{version}"),
            report: Report {
                schema_version: 1,
                tool: ToolInfo {
                    name: "gatekeep".into(),
                    version: version.into(),
                },
                project: "p".into(),
                verdict,
                duration_ms: 10,
                profile: None,
                base: None,
                gates,
                waivers: vec![],
                defaults_used: vec![],
                release: false,
                members: vec![],
                signoff: None,
            },
        }
    }

    #[test]
    fn a_gate_failing_in_any_part_fails() {
        let parts = vec![
            part(
                "linux",
                "0.1.0",
                vec![
                    gate("build", Status::Pass, 0.0),
                    gate("lint", Status::Pass, 0.0),
                ],
            ),
            part(
                "macos",
                "0.1.0",
                vec![
                    gate("build", Status::Fail, 2.0),
                    gate("lint", Status::Skipped, 0.0),
                ],
            ),
        ];
        let (r, w) = merge(&parts, Some(2));
        assert!(w.is_empty());
        assert_eq!(r.verdict, Verdict::NoGo);
        assert_eq!(r.gates[0].status, Status::Fail);
        assert_eq!(r.gates[0].conditions[0].actual, Some(2.0));
        assert_eq!(
            r.gates[0].conditions[0].note.as_deref(),
            Some("decided by macos")
        );
        assert_eq!(r.gates[0].findings.len(), 2);
        assert!(r.gates[0].notes[0].contains("linux: PASS, macos: FAIL"));
        assert_eq!(
            r.gates[1].status,
            Status::Pass,
            "a part that skipped a gate does not count"
        );
    }

    #[test]
    fn a_missing_part_is_an_error() {
        let parts = vec![part(
            "linux",
            "0.1.0",
            vec![gate("build", Status::Pass, 0.0)],
        )];
        let (r, _) = merge(&parts, Some(3));
        assert_eq!(r.verdict, Verdict::NoGo);
        let m = r.gate("merge").unwrap();
        assert_eq!(m.status, Status::Error);
        assert!(
            m.error
                .as_deref()
                .unwrap()
                .contains("expected 3 parts, got 1")
        );
    }

    #[test]
    fn the_worst_part_wins_whatever_the_order() {
        let cov = |value: f64| {
            let mut g = gate("cov", Status::Pass, 0.0);
            g.metrics = vec![Metric::new("line", value, crate::model::Unit::Percent)];
            g.conditions = vec![Condition {
                expr: "line >= 80".into(),
                metric: "line".into(),
                op: ">=".into(),
                target: Some(80.0),
                actual: Some(value),
                unit: crate::model::Unit::Percent,
                status: Status::Pass,
                waiver: None,
                note: None,
            }];
            g
        };
        let low = || part("low", "0.1.0", vec![cov(80.28)]);
        let high = || part("high", "0.1.0", vec![cov(86.45)]);
        for parts in [vec![low(), high()], vec![high(), low()]] {
            let (r, _) = merge(&parts, None);
            assert_eq!(r.gates[0].metric("line").unwrap().value, 80.28);
            assert_eq!(r.gates[0].conditions[0].actual, Some(80.28));
            assert_eq!(
                r.gates[0].conditions[0].note.as_deref(),
                Some("decided by low")
            );
            assert!(r.gates[0].notes[0].contains("high: PASS, low: PASS"));
        }
        // For a `<=` condition the higher figure is the worse.
        let mut a = gate("t", Status::Pass, 0.0);
        a.conditions[0].op = "<=".into();
        a.conditions[0].actual = Some(1.0);
        let mut b = a.clone();
        b.conditions[0].actual = Some(3.0);
        assert_eq!(cmp_gate(&a, &b), Ordering::Greater);
        assert_eq!(cmp_gate(&b, &a), Ordering::Less);
    }

    #[test]
    fn a_part_given_twice_or_of_another_project_is_refused() {
        let a = part("a", "0.1.0", vec![gate("build", Status::Pass, 0.0)]);
        let mut twice = part("b", "0.1.0", vec![gate("build", Status::Pass, 0.0)]);
        twice.hash = a.hash.clone();
        let e = check_parts(&[a, twice]).unwrap_err();
        assert!(e.contains("a.json and b.json are the same report"), "{e}");
        let a = part("a", "0.1.0", vec![gate("build", Status::Pass, 0.0)]);
        let mut other = part("b", "0.1.0", vec![gate("build", Status::Pass, 0.0)]);
        other.report.project = "q".into();
        let e = check_parts(&[a, other]).unwrap_err();
        assert!(e.contains("a.json is `p`, b.json is `q`"), "{e}");
    }

    #[test]
    fn different_versions_are_reported() {
        let parts = vec![
            part("a", "0.1.0", vec![gate("build", Status::Pass, 0.0)]),
            part("b", "0.2.0", vec![gate("build", Status::Pass, 0.0)]),
        ];
        let (r, w) = merge(&parts, None);
        assert_eq!(r.verdict, Verdict::Go);
        assert!(w[0].contains("different gatekeep versions: 0.1.0, 0.2.0"));
    }
}
