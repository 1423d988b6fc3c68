//! `go test -bench` text output (with `-benchmem`, `-count N` and `b.ReportMetric` units).

use super::{Out, fields, for_each_line, metric_name};
use crate::model::{Finding, Severity, Unit};
use std::collections::HashMap;
use std::path::Path;

/// Whether a line is a benchmark result: `BenchmarkName[-P]  N  value unit [value unit]…`.
pub fn is_result_line(line: &str) -> bool {
    let f = fields(line);
    f.len() >= 4
        && f.len().is_multiple_of(2)
        && f.first().is_some_and(|(_, n)| n.starts_with("Benchmark"))
        && f.get(1).is_some_and(|(_, n)| n.parse::<u64>().is_ok())
}

/// A statistic's name, unit and scale for a Go benchmark unit.
fn stat_of(unit: &str) -> (String, Unit, f64) {
    match unit {
        "ns/op" => ("time_per_op".into(), Unit::Seconds, 1e-9),
        "B/op" => ("bytes_per_op".into(), Unit::Bytes, 1.0),
        "allocs/op" => ("allocs_per_op".into(), Unit::None, 1.0),
        "MB/s" => ("throughput".into(), Unit::Other("B/s".into()), 1e6),
        other => (other.to_string(), Unit::Other(other.to_string()), 1.0),
    }
}

struct Bench {
    /// Full name as printed, e.g. `BenchmarkSort/n=100-2`.
    name: String,
    /// (unit, values) in first-seen order.
    values: Vec<(String, Vec<f64>)>,
}

/// Splits `BenchmarkX-8` into (`BenchmarkX`, Some(8)).
fn split_procs(name: &str) -> (&str, Option<&str>) {
    match name.rsplit_once('-') {
        Some((base, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            (base, Some(p))
        }
        _ => (name, None),
    }
}

pub fn parse(path: &Path, shown: &str, prefix: Option<&str>, out: &mut Out) -> anyhow::Result<()> {
    let f = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot open {shown}: {e}"))?;
    let mut benches: Vec<Bench> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut findings = Vec::new();
    for_each_line(f, shown, |n, line| {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("--- FAIL: Benchmark") {
            let name = format!(
                "Benchmark{}",
                rest.split_whitespace().next().unwrap_or_default()
            );
            findings.push(
                Finding::new(
                    "perf/bench-failed",
                    Severity::High,
                    format!("{name} failed"),
                )
                .at(shown, Some(n), Some(1)),
            );
            return Ok(());
        }
        if !is_result_line(line) {
            return Ok(());
        }
        let fs = fields(line);
        let name = fs.first().map(|x| x.1).unwrap_or_default().to_string();
        let i = *index.entry(name.clone()).or_insert_with(|| {
            benches.push(Bench {
                name,
                values: Vec::new(),
            });
            benches.len() - 1
        });
        let Some(bench) = benches.get_mut(i) else {
            return Ok(());
        };
        for pair in fs.get(2..).unwrap_or_default().chunks(2) {
            let (Some((col, v)), Some((_, unit))) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let v: f64 = v
                .parse()
                .map_err(|_| anyhow::anyhow!("{shown}:{n}:{col}: `{v}` is not a number"))?;
            match bench.values.iter_mut().find(|(u, _)| u == unit) {
                Some((_, vs)) => vs.push(v),
                None => bench.values.push((unit.to_string(), vec![v])),
            }
        }
        Ok(())
    })?;
    if benches.is_empty() {
        anyhow::bail!(
            "{shown}: no benchmark result lines (`BenchmarkName-8  1000  1234 ns/op`); is this `go test -bench` output?"
        );
    }
    // Strip the -GOMAXPROCS suffix when every benchmark has the same one.
    let procs: Vec<Option<&str>> = benches.iter().map(|b| split_procs(&b.name).1).collect();
    let uniform = procs.windows(2).all(|w| w.first() == w.get(1));
    for b in &benches {
        let id = if uniform {
            split_procs(&b.name).0
        } else {
            b.name.as_str()
        };
        for (unit, vs) in &b.values {
            let (stat, u, scale) = stat_of(unit);
            let scaled: Vec<f64> = vs.iter().map(|v| v * scale).collect();
            let mean = crate::stats::mean(&scaled).unwrap_or(f64::NAN);
            if let Some(m) = out.add(metric_name(prefix, &[id, &stat]), mean, u)
                && scaled.len() >= 2
            {
                m.samples = Some(scaled);
            }
        }
    }
    if uniform && let Some(Some(p)) = procs.first() {
        out.notes.push(format!(
            "{shown}: GOMAXPROCS suffix `-{p}` left out of the names"
        ));
    }
    out.findings.extend(findings);
    Ok(())
}
