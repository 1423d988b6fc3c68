//! criterion: `target/criterion/<id>/new/estimates.json`, with the sibling `benchmark.json` for
//! the benchmark's id and `sample.json` for the raw samples.

use super::{Out, metric_name, read_json};
use crate::model::Unit;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
    confidence_interval: Option<Interval>,
}

#[derive(Deserialize)]
struct Interval {
    lower_bound: f64,
    upper_bound: f64,
}

#[derive(Deserialize)]
struct Estimates {
    mean: Estimate,
    median: Option<Estimate>,
    std_dev: Option<Estimate>,
    median_abs_dev: Option<Estimate>,
    slope: Option<Estimate>,
}

#[derive(Deserialize)]
struct Benchmark {
    full_id: String,
}

#[derive(Deserialize)]
struct Sample {
    iters: Vec<f64>,
    times: Vec<f64>,
}

const NS: f64 = 1e-9;

/// The benchmark id: `full_id` of `benchmark.json`, else the folder above `new/`.
fn bench_id(path: &Path, shown: &str) -> anyhow::Result<String> {
    let dir = path.parent();
    if let Some(b) = dir.map(|d| d.join("benchmark.json"))
        && b.is_file()
    {
        let shown_b = format!(
            "{}/benchmark.json",
            shown.rsplit_once('/').map(|x| x.0).unwrap_or(".")
        );
        let bench: Benchmark = read_json(&b, &shown_b)?;
        return Ok(bench.full_id);
    }
    let id = dir
        .and_then(|d| d.parent())
        .and_then(|d| d.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if id.is_empty() {
        anyhow::bail!("{shown}: no benchmark.json next to it and no folder to name the benchmark");
    }
    Ok(id)
}

pub fn parse(path: &Path, shown: &str, prefix: Option<&str>, out: &mut Out) -> anyhow::Result<()> {
    let est: Estimates = read_json(path, shown)?;
    let id = bench_id(path, shown)?;
    let name = |stat: &str| metric_name(prefix, &[&id, stat]);
    let samples = match path.parent().map(|d| d.join("sample.json")) {
        Some(p) if p.is_file() => {
            let shown_s = format!(
                "{}/sample.json",
                shown.rsplit_once('/').map(|x| x.0).unwrap_or(".")
            );
            let s: Sample = read_json(&p, &shown_s)?;
            if s.iters.len() != s.times.len() {
                anyhow::bail!(
                    "{shown_s}: {} `iters` but {} `times`",
                    s.iters.len(),
                    s.times.len()
                );
            }
            let v: Vec<f64> = s
                .iters
                .iter()
                .zip(&s.times)
                .filter(|(i, _)| **i > 0.0)
                .map(|(i, t)| t / i * NS)
                .collect();
            (v.len() >= 2).then_some(v)
        }
        _ => None,
    };
    if let Some(m) = out.add(name("mean"), est.mean.point_estimate * NS, Unit::Seconds) {
        m.samples = samples;
    }
    if let Some(ci) = &est.mean.confidence_interval {
        out.add(name("mean.lower"), ci.lower_bound * NS, Unit::Seconds);
        out.add(name("mean.upper"), ci.upper_bound * NS, Unit::Seconds);
    }
    for (stat, e) in [
        ("median", &est.median),
        ("stddev", &est.std_dev),
        ("mad", &est.median_abs_dev),
        ("slope", &est.slope),
    ] {
        if let Some(e) = e {
            out.add(name(stat), e.point_estimate * NS, Unit::Seconds);
        }
    }
    Ok(())
}
