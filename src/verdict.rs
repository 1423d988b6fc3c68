//! From raw gate outputs to statuses, waivers and the verdict (SPEC §2.3).

use crate::config::{Date, GateSpec, Waiver};
use crate::gates::{GateOutput, MetricLookup};
use crate::model::{
    Condition, GateResult, Level, Metric, Report, Status, Verdict, WaiverRef, WaiverReport,
    WaiverState,
};
use crate::threshold::{Target, Threshold};

/// Tracks which waivers were used.
pub struct Waivers<'a> {
    list: &'a [Waiver],
    today: Date,
    used: Vec<bool>,
}

impl<'a> Waivers<'a> {
    pub fn new(list: &'a [Waiver], today: Date) -> Waivers<'a> {
        Waivers {
            list,
            today,
            used: vec![false; list.len()],
        }
    }

    /// A waiver is valid through its expiry date.
    fn valid(&self, w: &Waiver) -> bool {
        w.expires >= self.today
    }

    /// Finds a valid waiver for a failed condition, marking it used.
    fn cover(&mut self, gate: &str, metric: &str) -> Option<WaiverRef> {
        let i = self.list.iter().enumerate().position(|(_, w)| {
            w.gate == gate && w.metric.as_deref().is_none_or(|m| m == metric) && self.valid(w)
        })?;
        self.used[i] = true;
        let w = &self.list[i];
        Some(WaiverRef {
            owner: w.owner.clone(),
            reason: w.reason.clone(),
            expires: w.expires.to_string(),
        })
    }

    /// An expired waiver that would have covered this condition (for the note).
    fn expired_for(&self, gate: &str, metric: &str) -> Option<&Waiver> {
        self.list.iter().find(|w| {
            w.gate == gate && w.metric.as_deref().is_none_or(|m| m == metric) && !self.valid(w)
        })
    }

    /// The waivers' states for the report.
    pub fn report(&self) -> Vec<WaiverReport> {
        self.list
            .iter()
            .zip(&self.used)
            .map(|(w, used)| WaiverReport {
                gate: w.gate.clone(),
                metric: w.metric.clone(),
                owner: w.owner.clone(),
                expires: w.expires.to_string(),
                reason: w.reason.clone(),
                state: if !self.valid(w) {
                    WaiverState::Expired
                } else if *used {
                    WaiverState::Applied
                } else {
                    WaiverState::Unused
                },
                days_left: Some(w.expires.days() - self.today.days()),
            })
            .collect()
    }
}

/// Evaluates one gate.
pub fn evaluate(
    spec: &GateSpec,
    output: Result<GateOutput, String>,
    duration_ms: u64,
    baseline: Option<&Report>,
    waivers: &mut Waivers<'_>,
) -> GateResult {
    evaluate_as(spec, &spec.id, output, duration_ms, baseline, waivers)
}

/// Evaluates one gate whose result is reported under `report_id` (a workspace member's gates
/// are `member:gate`); the baseline is looked up by that id, waivers by the gate's own id.
pub fn evaluate_as(
    spec: &GateSpec,
    report_id: &str,
    output: Result<GateOutput, String>,
    duration_ms: u64,
    baseline: Option<&Report>,
    waivers: &mut Waivers<'_>,
) -> GateResult {
    let mut result = GateResult {
        id: spec.id.clone(),
        kind: spec.kind.doc().kind.to_string(),
        level: spec.level,
        status: Status::Pass,
        duration_ms,
        error: None,
        metrics: Vec::new(),
        conditions: Vec::new(),
        findings: Vec::new(),
        notes: Vec::new(),
        data: None,
        source: None,
        findings_not_listed: 0,
    };
    let out = match output {
        Ok(o) => o,
        Err(e) => {
            result.error = Some(e.clone());
            result.status = Status::Error;
            result.conditions = spec
                .thresholds
                .iter()
                .map(|t| error_condition(t, "the gate could not run".into()))
                .collect();
            return result;
        }
    };
    let base_gate = baseline.and_then(|b| b.gate(report_id));
    // The gate's own choice of defaults (from its inputs), when none are configured.
    let chosen: Option<Vec<Threshold>> = out
        .default_thresholds
        .as_ref()
        .filter(|_| spec.default_thresholds)
        .and_then(|ts| ts.iter().map(|t| Threshold::parse(t).ok()).collect());
    for t in chosen.as_deref().unwrap_or(&spec.thresholds) {
        let mut c = condition(
            spec,
            t,
            &out,
            base_gate.map(|g| g.metrics.as_slice()),
            baseline.is_some(),
        );
        if c.status == Status::Fail {
            if let Some(w) = waivers.cover(&spec.id, &t.metric) {
                c.status = Status::Waived;
                c.waiver = Some(w);
            } else if let Some(w) = waivers.expired_for(&spec.id, &t.metric) {
                c.note = Some(format!("waiver by {} expired on {}", w.owner, w.expires));
            }
        }
        result.conditions.push(c);
    }
    for mut c in out.conditions {
        if c.status == Status::Fail
            && let Some(w) = waivers.cover(&spec.id, &c.metric)
        {
            c.status = Status::Waived;
            c.waiver = Some(w);
        }
        result.conditions.push(c);
    }
    result.status = gate_status(&result.conditions);
    if result.conditions.is_empty() {
        result.error = Some("the gate has no conditions to check".into());
    } else if result.status == Status::Error {
        // An ERROR always says why (a JSON reader must not find `error: null` on an ERROR):
        // the conditions that could not be decided, with their reasons.
        let why: Vec<String> = result
            .conditions
            .iter()
            .filter(|c| c.status == Status::Error)
            .map(|c| match &c.note {
                Some(n) => format!("`{}`: {n}", c.expr),
                None => format!("`{}` could not be decided", c.expr),
            })
            .collect();
        result.error = Some(why.join("; "));
    }
    result.metrics = out.metrics;
    result.findings = out.findings;
    result.findings.sort_by(|a, b| {
        (a.path.as_deref(), a.line, a.rule.as_str(), a.column).cmp(&(
            b.path.as_deref(),
            b.line,
            b.rule.as_str(),
            b.column,
        ))
    });
    result.notes = out.notes;
    result.data = out.data;
    result.findings_not_listed = out.findings_not_listed;
    result
}

/// The metric a missing `wanted` most likely means. Names that keep its first and last parts
/// with something between come first — a `run` source's `import.wall.mean` for `import.mean`
/// (a file source's scheme, `<name>.<statistic>`) — then the nearest name by edit distance.
fn suggest_metric<'a>(wanted: &str, names: &[&'a str]) -> Option<&'a str> {
    if let Some((first, last)) = wanted
        .split_once('.')
        .map(|(f, _)| f)
        .zip(wanted.rsplit('.').next())
    {
        let (head, tail) = (format!("{first}."), format!(".{last}"));
        let mut across: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| {
                n.len() > head.len() + tail.len() && n.starts_with(&head) && n.ends_with(&tail)
            })
            .collect();
        across.sort_by_key(|n| (n.len(), *n));
        if let Some(best) = across.first() {
            return Some(best);
        }
    }
    crate::suggest::did_you_mean(wanted, names.iter().copied())
}

fn error_condition(t: &Threshold, note: String) -> Condition {
    Condition {
        expr: t.expr.clone(),
        metric: t.metric.clone(),
        op: t.op.as_str().into(),
        target: match t.target {
            Target::Value(q) => Some(q.value),
            Target::Baseline { .. } => None,
        },
        actual: None,
        unit: Default::default(),
        status: Status::Error,
        waiver: None,
        note: Some(note),
    }
}

fn condition(
    spec: &GateSpec,
    t: &Threshold,
    out: &GateOutput,
    base_metrics: Option<&[Metric]>,
    have_baseline: bool,
) -> Condition {
    let Some(m) = out.metrics.iter().find(|m| m.name == t.metric) else {
        let names: Vec<&str> = out.metrics.iter().map(|m| m.name.as_str()).collect();
        if let Some((_, why)) = out.no_data.iter().find(|(name, _)| *name == t.metric) {
            return error_condition(t, why.clone());
        }
        let mut note = format!("no data for `{}`", t.metric);
        if spec.gate.lookup_metric(spec.kind.doc(), &t.metric) == MetricLookup::Dynamic {
            if names.is_empty() {
                note.push_str("; the sources gave no metrics");
            } else {
                note.push_str(&format!("; available: {}", names.join(", ")));
            }
            if let Some(s) = suggest_metric(&t.metric, &names) {
                note.push_str(&format!(" (did you mean `{s}`?)"));
            }
        }
        return error_condition(t, note);
    };
    let mut c = Condition {
        expr: t.expr.clone(),
        metric: t.metric.clone(),
        op: t.op.as_str().into(),
        target: None,
        actual: Some(m.value),
        unit: m.unit.clone(),
        status: Status::Error,
        waiver: None,
        note: None,
    };
    if let Err(e) = t.check_unit(&m.unit) {
        c.note = Some(e);
        return c;
    }
    let base = if t.needs_baseline() {
        let own = out.baseline.iter().find(|b| b.name == t.metric);
        let from_report = base_metrics.and_then(|ms| ms.iter().find(|b| b.name == t.metric));
        match own.or(from_report) {
            Some(b) => Some(b),
            None => {
                c.note = Some(if !out.baseline.is_empty() || have_baseline {
                    format!("the baseline has no `{}`", t.metric)
                } else {
                    "a `baseline` target needs --baseline (or the gate's own baseline)".into()
                });
                return c;
            }
        }
    } else {
        None
    };
    let Some(target) = t.resolve(base.map(|b| b.value)) else {
        c.note = Some("no baseline value".into());
        return c;
    };
    c.target = Some(target);
    if t.op.holds(m.value, target) {
        c.status = Status::Pass;
        return c;
    }
    c.status = Status::Fail;
    if let (Some(b), Some(cur)) = (base, m.samples.as_deref())
        && let Some(bs) = b.samples.as_deref()
        && let Some(d) = crate::stats::confirm_regression(t.op, cur, bs, target)
    {
        if !d.fails {
            c.status = Status::Pass;
        }
        c.note = Some(d.note);
    }
    c
}

/// A gate's status from its conditions (SPEC §2.3): ERROR if any is ERROR, FAIL if any is FAIL,
/// WAIVED if any is WAIVED, else PASS; a gate without conditions is ERROR.
pub fn gate_status(conditions: &[Condition]) -> Status {
    conditions
        .iter()
        .map(|c| c.status)
        .max_by_key(|s| s.rank())
        .unwrap_or(Status::Error)
}

/// The verdict over all gates (SPEC §2.3).
pub fn verdict(gates: &[GateResult]) -> Verdict {
    let mut risks = false;
    for g in gates {
        match (g.level, g.status) {
            (Level::Blocker, Status::Fail | Status::Error) => return Verdict::NoGo,
            (Level::Warning, Status::Fail | Status::Error) => risks = true,
            (_, Status::Waived) => risks = true,
            _ => {}
        }
    }
    if risks {
        Verdict::GoWithAcceptedRisks
    } else {
        Verdict::Go
    }
}

/// A result for a gate that was not selected.
/// Where `spec` is configured: the config file (`text` is its content) relative to `root`, the
/// gate's line, and the line of each threshold written in the file (a profile's thresholds are
/// found in its table; the kind's default thresholds are not in the file and take the gate's line).
pub fn config_source(
    file: &std::path::Path,
    root: &std::path::Path,
    text: &str,
    spec: &GateSpec,
) -> crate::model::ConfigSource {
    let canonical = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    let path = canonical
        .strip_prefix(root)
        .map(crate::walk::rel_string)
        .unwrap_or_else(|_| file.display().to_string());
    let lines: Vec<&str> = text.lines().collect();
    let gate_line = spec.pos.line.max(1);
    let mut thresholds = std::collections::BTreeMap::new();
    for t in &spec.thresholds {
        let after = lines
            .iter()
            .enumerate()
            .skip(gate_line - 1)
            .chain(lines.iter().enumerate().take(gate_line - 1))
            .find(|(_, l)| l.contains(t.expr.as_str()));
        if let Some((i, _)) = after {
            thresholds.insert(t.expr.clone(), i as u64 + 1);
        }
    }
    crate::model::ConfigSource {
        path,
        line: gate_line as u64,
        thresholds,
    }
}

pub fn skipped(spec: &GateSpec) -> GateResult {
    GateResult {
        id: spec.id.clone(),
        kind: spec.kind.doc().kind.to_string(),
        level: spec.level,
        status: Status::Skipped,
        duration_ms: 0,
        error: None,
        metrics: Vec::new(),
        conditions: Vec::new(),
        findings: Vec::new(),
        notes: Vec::new(),
        data: None,
        source: None,
        findings_not_listed: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Syntax, parse};
    use crate::model::Unit;

    fn cfg(src: &str) -> crate::config::Config {
        parse(src, "gates.toml", Syntax::Toml, std::path::Path::new(".")).unwrap()
    }

    fn out(metrics: &[(&str, f64)]) -> Result<GateOutput, String> {
        Ok(GateOutput {
            metrics: metrics
                .iter()
                .map(|(n, v)| {
                    Metric::new(
                        *n,
                        *v,
                        if *n == "duration" {
                            Unit::Seconds
                        } else {
                            Unit::None
                        },
                    )
                })
                .collect(),
            ..Default::default()
        })
    }

    const TWO: &str = "[gates.b]\nkind = \"command\"\nrun = \"x\"\nthresholds = [\"exit_code == 0\", \"duration < 10s\"]\n";

    #[test]
    fn statuses_combine() {
        let c = cfg(TWO);
        let today = Date::parse("2026-01-01").unwrap();
        let mut w = Waivers::new(&c.waivers, today);
        let r = evaluate(
            &c.gates[0],
            out(&[("exit_code", 0.0), ("duration", 1.0)]),
            1,
            None,
            &mut w,
        );
        assert_eq!(r.status, Status::Pass);
        let r = evaluate(
            &c.gates[0],
            out(&[("exit_code", 1.0), ("duration", 1.0)]),
            1,
            None,
            &mut w,
        );
        assert_eq!(r.status, Status::Fail);
        // A metric without data is ERROR, never PASS.
        let r = evaluate(&c.gates[0], out(&[("exit_code", 1.0)]), 1, None, &mut w);
        assert_eq!(r.status, Status::Error);
        assert_eq!(r.conditions[1].status, Status::Error);
        assert!(r.conditions[1].note.as_deref().unwrap().contains("no data"));
        // Issue 18 item 13: the ERROR says why; `error` is never null on an ERROR.
        assert_eq!(
            r.error.as_deref(),
            Some("`duration < 10s`: no data for `duration`")
        );
        let r = evaluate(&c.gates[0], Err("boom".into()), 1, None, &mut w);
        assert_eq!(r.status, Status::Error);
        assert_eq!(r.error.as_deref(), Some("boom"));
        assert!(r.conditions.iter().all(|c| c.status == Status::Error));
    }

    #[test]
    fn waivers_apply_expire_and_stay_unused() {
        let src = format!(
            "{TWO}[[waivers]]\ngate = \"b\"\nmetric = \"exit_code\"\nreason = \"r\"\nowner = \"qa\"\nexpires = 2026-03-01\n\
             [[waivers]]\ngate = \"b\"\nmetric = \"duration\"\nreason = \"r\"\nowner = \"qa\"\nexpires = 2026-03-01\n"
        );
        let c = cfg(&src);
        let mut w = Waivers::new(&c.waivers, Date::parse("2026-03-01").unwrap());
        let r = evaluate(
            &c.gates[0],
            out(&[("exit_code", 1.0), ("duration", 1.0)]),
            1,
            None,
            &mut w,
        );
        assert_eq!(r.status, Status::Waived);
        assert_eq!(r.conditions[0].waiver.as_ref().unwrap().owner, "qa");
        let states: Vec<WaiverState> = w.report().iter().map(|w| w.state).collect();
        assert_eq!(states, vec![WaiverState::Applied, WaiverState::Unused]);
        assert_eq!(verdict(&[r]), Verdict::GoWithAcceptedRisks);

        let mut w = Waivers::new(&c.waivers, Date::parse("2026-03-02").unwrap());
        let r = evaluate(
            &c.gates[0],
            out(&[("exit_code", 1.0), ("duration", 1.0)]),
            1,
            None,
            &mut w,
        );
        assert_eq!(r.status, Status::Fail);
        assert!(
            r.conditions[0]
                .note
                .as_deref()
                .unwrap()
                .contains("expired on 2026-03-01")
        );
        assert_eq!(w.report()[0].state, WaiverState::Expired);
        assert_eq!(w.report()[0].days_left, Some(-1));
        assert_eq!(verdict(&[r]), Verdict::NoGo);
    }

    #[test]
    fn warning_gates_never_block() {
        let c = cfg("[gates.b]\nkind = \"command\"\nrun = \"x\"\nlevel = \"warning\"\n");
        let mut w = Waivers::new(&c.waivers, Date::parse("2026-01-01").unwrap());
        let r = evaluate(&c.gates[0], out(&[("exit_code", 1.0)]), 1, None, &mut w);
        assert_eq!(r.status, Status::Fail);
        assert_eq!(verdict(&[r]), Verdict::GoWithAcceptedRisks);
        assert_eq!(verdict(&[]), Verdict::Go);
    }

    #[test]
    fn baseline_targets() {
        let c = cfg(
            "[gates.b]\nkind = \"command\"\nrun = \"x\"\nthresholds = [\"duration <= baseline + 10%\"]\n",
        );
        let mut w = Waivers::new(&c.waivers, Date::parse("2026-01-01").unwrap());
        let r = evaluate(&c.gates[0], out(&[("duration", 1.0)]), 1, None, &mut w);
        assert_eq!(r.status, Status::Error);
        assert!(
            r.conditions[0]
                .note
                .as_deref()
                .unwrap()
                .contains("needs --baseline")
        );
        let mut prev = evaluate(&c.gates[0], out(&[("duration", 1.0)]), 1, None, &mut w);
        prev.metrics = vec![Metric::new("duration", 2.0, Unit::Seconds)];
        let report = Report {
            schema_version: 1,
            tool: crate::model::ToolInfo {
                name: "gatekeep".into(),
                version: "0".into(),
            },
            project: "p".into(),
            verdict: Verdict::Go,
            duration_ms: 0,
            profile: None,
            base: None,
            gates: vec![prev],
            waivers: vec![],
            defaults_used: vec![],
            release: false,
            members: vec![],
            signoff: None,
        };
        let r = evaluate(
            &c.gates[0],
            out(&[("duration", 2.2)]),
            1,
            Some(&report),
            &mut w,
        );
        assert_eq!(r.conditions[0].target, Some(2.2));
        assert_eq!(r.status, Status::Pass);
        let r = evaluate(
            &c.gates[0],
            out(&[("duration", 2.3)]),
            1,
            Some(&report),
            &mut w,
        );
        assert_eq!(r.status, Status::Fail);
    }
}
