//! The `run` source: a command gatekeep measures itself (wall time and peak RSS of its process
//! tree), through the shared spawner in `crate::process`.

use super::{GateCx, Out, metric_name};
use crate::model::{Condition, Finding, Metric, Severity, Status, Unit};
use crate::process::{self, Exit};
use crate::stats;
use crate::threshold::format_value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A configured `run` source.
#[derive(Clone, Debug)]
pub struct RunSpec {
    pub command: String,
    pub name: Option<String>,
    pub runs: u32,
    pub warmup: u32,
    pub concurrency: u32,
    /// Limit of one run; `None`: until the gate's deadline.
    pub timeout: Option<Duration>,
    pub cwd: Option<PathBuf>,
}

/// What measuring gives.
#[derive(Debug, Default)]
pub struct Measured {
    pub metrics: Vec<Metric>,
    pub findings: Vec<Finding>,
    pub notes: Vec<String>,
    pub conditions: Vec<Condition>,
}

/// Without a gate deadline or `timeout`, one run may take this long.
const DEFAULT_RUN_TIMEOUT: Duration = Duration::from_secs(600);

fn exit_code(e: &Exit) -> i64 {
    match e {
        Exit::Code(c) => i64::from(*c),
        Exit::Signal(s) => 128 + i64::from(*s),
        Exit::TimedOut | Exit::Cancelled => -1,
    }
}

pub fn measure(spec: &RunSpec, cx: &GateCx<'_>) -> anyhow::Result<Measured> {
    let cwd = spec
        .cwd
        .clone()
        .unwrap_or_else(|| cx.config_dir.to_path_buf());
    let prefix = spec.name.as_deref();
    let name = |parts: &[&str]| metric_name(prefix, parts);
    let mut walls: Vec<f64> = Vec::new();
    let mut peak: Option<u64> = None;
    let mut failure: Option<(u32, i64, String)> = None;
    let total = spec.warmup + spec.runs;
    'runs: for i in 0..total {
        let timeout = match (spec.timeout, cx.deadline) {
            (Some(t), _) => t,
            (None, Some(d)) => d.saturating_duration_since(Instant::now()),
            (None, None) => DEFAULT_RUN_TIMEOUT,
        };
        let p = process::Spec {
            run: spec.command.clone(),
            cwd: cwd.clone(),
            env: Vec::new(),
            timeout,
            count: None,
            tail_bytes: 2048,
        };
        let outcomes: Vec<anyhow::Result<process::Outcome>> = if spec.concurrency <= 1 {
            vec![process::run(&p, Some(cx.cancel))]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..spec.concurrency)
                    .map(|_| s.spawn(|| process::run(&p, Some(cx.cancel))))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join()
                            .unwrap_or_else(|_| Err(anyhow::anyhow!("a measuring thread panicked")))
                    })
                    .collect()
            })
        };
        for o in outcomes {
            let o = o?;
            match &o.exit {
                Exit::TimedOut => anyhow::bail!(
                    "`{}`: run {} of {total} timed out after {} (killed)",
                    spec.command,
                    i + 1,
                    format_value(timeout.as_secs_f64(), &Unit::Seconds)
                ),
                Exit::Cancelled => anyhow::bail!("`{}`: cancelled", spec.command),
                Exit::Code(0) => {}
                e => {
                    failure = Some((i + 1, exit_code(e), o.tail.clone()));
                    break 'runs;
                }
            }
            if i >= spec.warmup {
                walls.push(o.duration.as_secs_f64());
                if let Some(r) = o.peak_rss {
                    peak = Some(peak.map_or(r, |p| p.max(r)));
                }
            }
        }
    }
    let mut m = Measured::default();
    let code = failure.as_ref().map_or(0, |f| f.1);
    m.metrics
        .push(Metric::new(name(&["exit_code"]), code as f64, Unit::None));
    let mut cond = Condition {
        expr: format!("{} == 0", name(&["exit_code"])),
        metric: name(&["exit_code"]),
        op: "==".into(),
        target: Some(0.0),
        actual: Some(code as f64),
        unit: Unit::None,
        status: Status::Pass,
        waiver: None,
        // Implied by the `run` source (a failing command gives no timing); said only on failure.
        note: None,
    };
    if let Some((run_no, code, tail)) = failure {
        cond.status = Status::Fail;
        let last: String = tail
            .lines()
            .rev()
            .take(5)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        m.findings.push(Finding::new(
            "perf/run-failed",
            Severity::High,
            format!(
                "`{}` exited with {code} on run {run_no} of {total}; no timing is reported. Output ended with:\n{last}",
                spec.command
            ),
        ));
        m.conditions.push(cond);
        return Ok(m);
    }
    m.conditions.push(cond);
    let sorted = stats::sorted(&walls);
    let mut out = Out::default();
    if let Some(mean) = stats::mean(&walls)
        && let Some(wm) = out.add(name(&["wall", "mean"]), mean, Unit::Seconds)
        && walls.len() >= 2
    {
        wm.samples = Some(walls.clone());
    }
    for (stat, p) in [
        ("median", 50.0),
        ("p95", 95.0),
        ("min", 0.0),
        ("max", 100.0),
    ] {
        if let Some(v) = stats::percentile_sorted(&sorted, p) {
            out.add(name(&["wall", stat]), v, Unit::Seconds);
        }
    }
    let sd = stats::stddev(&walls);
    if let Some(sd) = sd {
        out.add(name(&["wall", "stddev"]), sd, Unit::Seconds);
    }
    if let Some(p) = peak {
        out.add(name(&["peak_rss"]), p as f64, Unit::Bytes);
    }
    out.add(name(&["runs"]), walls.len() as f64, Unit::None);
    let f = |v: f64| format_value(v, &Unit::Seconds);
    m.notes.push(format!(
        "`{}`: wall {} ± {} (min {} … max {}), {} run(s){}{} after {} warmup; peak RSS {}",
        spec.command,
        f(stats::mean(&walls).unwrap_or(f64::NAN)),
        f(sd.unwrap_or(0.0)),
        f(sorted.first().copied().unwrap_or(f64::NAN)),
        f(sorted.last().copied().unwrap_or(f64::NAN)),
        spec.runs,
        if spec.concurrency > 1 {
            format!(" × {} concurrent copies", spec.concurrency)
        } else {
            String::new()
        },
        if spec.concurrency > 1 {
            " (each copy's wall time is a sample)"
        } else {
            ""
        },
        spec.warmup,
        peak.map(|p| format_value(p as f64, &Unit::Bytes))
            .unwrap_or_else(|| "not reported by the OS".into())
    ));
    m.metrics.extend(out.metrics);
    Ok(m)
}
