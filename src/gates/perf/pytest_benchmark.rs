//! pytest-benchmark `--benchmark-json`.

use super::{Out, metric_name, read_json};
use crate::model::Unit;
use crate::stats;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Export {
    benchmarks: Vec<Bench>,
}

#[derive(Deserialize)]
struct Bench {
    name: String,
    stats: Stats,
}

#[derive(Deserialize)]
struct Stats {
    min: Option<f64>,
    max: Option<f64>,
    mean: f64,
    stddev: Option<f64>,
    median: Option<f64>,
    iqr: Option<f64>,
    q1: Option<f64>,
    q3: Option<f64>,
    ops: Option<f64>,
    rounds: Option<f64>,
    data: Option<Vec<f64>>,
}

pub fn parse(path: &Path, shown: &str, prefix: Option<&str>, out: &mut Out) -> anyhow::Result<()> {
    let export: Export = read_json(path, shown)?;
    for b in export.benchmarks {
        let name = |stat: &str| metric_name(prefix, &[&b.name, stat]);
        let s = &b.stats;
        let data = s.data.as_deref().map(stats::sorted).unwrap_or_default();
        if let Some(m) = out.add(name("mean"), s.mean, Unit::Seconds)
            && data.len() >= 2
        {
            m.samples = s.data.clone();
        }
        for (stat, v) in [
            ("min", s.min),
            ("max", s.max),
            ("stddev", s.stddev),
            ("median", s.median),
            ("iqr", s.iqr),
            ("q1", s.q1),
            ("q3", s.q3),
        ] {
            if let Some(v) = v {
                out.add(name(stat), v, Unit::Seconds);
            }
        }
        if let Some(v) = s.ops {
            out.add(name("ops"), v, Unit::Other("1/s".into()));
        }
        if let Some(v) = s.rounds {
            out.add(name("rounds"), v, Unit::None);
        }
        for p in [90.0, 95.0, 99.0] {
            if let Some(v) = stats::percentile_sorted(&data, p) {
                out.add(name(&format!("p{p}")), v, Unit::Seconds);
            }
        }
    }
    Ok(())
}
