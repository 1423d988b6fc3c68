//! hyperfine `--export-json`.

use super::{Out, metric_name, read_json};
use crate::model::{Finding, Severity, Unit};
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
    exit_codes: Option<Failures>,
}

/// `exit_codes`, read as counts without keeping the array (`null` is a run killed by a signal).
struct Failures {
    runs: u64,
    failed: u64,
}

impl<'de> serde::Deserialize<'de> for Failures {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Failures;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of exit codes")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Failures, A::Error> {
                let mut out = Failures { runs: 0, failed: 0 };
                while let Some(code) = seq.next_element::<Option<i64>>()? {
                    out.runs += 1;
                    if code != Some(0) {
                        out.failed += 1;
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V)
    }
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
        if let Some(f) = &c.exit_codes {
            out.add(name("failed_runs"), f.failed as f64, Unit::None);
            if f.failed > 0 {
                out.findings.push(
                    Finding::new(
                        "perf/failed-runs",
                        Severity::Medium,
                        format!(
                            "`{command}`: {} of {} runs exited non-zero (hyperfine `-i`); their times are in the statistics",
                            f.failed, f.runs
                        ),
                    )
                    .at(shown, None, None),
                );
            }
        }
    }
    Ok(())
}
