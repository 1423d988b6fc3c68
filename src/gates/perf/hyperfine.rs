//! hyperfine `--export-json`.

use super::{Out, metric_name, read_json};
use crate::model::Unit;
use crate::stats;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Export {
    results: Vec<Command>,
}

#[derive(Deserialize)]
struct Command {
    command: String,
    mean: f64,
    stddev: Option<f64>,
    median: Option<f64>,
    user: Option<f64>,
    system: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    times: Option<Vec<f64>>,
    exit_codes: Option<Vec<Option<i64>>>,
}

/// Reads a hyperfine export: one set of metrics per command.
pub fn parse(path: &Path, shown: &str, prefix: Option<&str>, out: &mut Out) -> anyhow::Result<()> {
    let export: Export = read_json(path, shown)?;
    for mut c in export.results {
        let command = std::mem::take(&mut c.command);
        let name = |stat: &str| metric_name(prefix, &[&command, stat]);
        let times = c.times.as_deref().map(stats::sorted).unwrap_or_default();
        if let Some(m) = out.add(name("mean"), c.mean, Unit::Seconds)
            && times.len() >= 2
        {
            m.samples = c.times.take();
        }
        for (stat, v) in [
            ("stddev", c.stddev),
            ("median", c.median),
            ("min", c.min),
            ("max", c.max),
            ("user", c.user),
            ("system", c.system),
        ] {
            if let Some(v) = v {
                out.add(name(stat), v, Unit::Seconds);
            }
        }
        if !times.is_empty() {
            for p in [90.0, 95.0, 99.0] {
                if let Some(v) = stats::percentile_sorted(&times, p) {
                    out.add(name(&format!("p{p}")), v, Unit::Seconds);
                }
            }
            out.add(name("runs"), times.len() as f64, Unit::None);
        }
        if let Some(codes) = &c.exit_codes {
            let failed = codes.iter().filter(|c| **c != Some(0)).count();
            out.add(name("failed_runs"), failed as f64, Unit::None);
        }
    }
    Ok(())
}
