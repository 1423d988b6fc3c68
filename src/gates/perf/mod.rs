//! The `perf` gate: benchmark results (hyperfine, criterion, pytest-benchmark, `go test -bench`,
//! k6, generic JSON, CSV) or a command gatekeep measures itself, as metrics named
//! `<name>.<benchmark>.<statistic>` in base units (seconds, bytes).

mod criterion;
mod csv;
mod generic_json;
mod gobench;
mod hyperfine;
mod k6;
mod lines;
mod pytest_benchmark;
mod run;
pub mod units;

pub use lines::{fields, for_each_line};

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, OptionDoc};
use crate::model::{Finding, Metric, Unit};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use anyhow::Context;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every id the `perf` gate reports, for `gatekeep explain ID`.
pub static FINDINGS: &[super::FindingDoc] = &[
    super::FindingDoc {
        id: "perf/run-failed",
        summary: "A measured command exited non-zero (high)",
        description: "A `run` source's command failed on one of its runs: the timing of a failed \
command is not a measurement, so no wall metrics are given and `exit_code == 0` fails.",
    },
    super::FindingDoc {
        id: "perf/failed-runs",
        summary: "hyperfine runs that exited non-zero (medium)",
        description: "hyperfine was run with `-i` (ignore failures) and some runs of a command \
exited non-zero; their times are in its statistics.",
    },
    super::FindingDoc {
        id: "perf/bench-failed",
        summary: "A Go benchmark that failed (high)",
        description: "`go test -bench` reported the benchmark as failed: it has no result.",
    },
    super::FindingDoc {
        id: "perf/k6-threshold",
        summary: "A k6 threshold that failed (high)",
        description: "k6's own summary marks one of the script's thresholds as failed.",
    },
];

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "perf",
    summary: "Benchmark results (hyperfine, criterion, …) or a measured command against thresholds",
    description: DESCRIPTION,
    options: &[
        OptionDoc {
            name: "sources",
            ty: "list of tables",
            default: "(required)",
            description: "Where the numbers come from. A file source is `{ path, format, name, baseline }` \
                (`path` is a file or a glob; `format` is detected from the content when left out). \
                Generic JSON adds `metrics = [{ name, path, unit }]`; CSV adds `key` (the column naming \
                each row's benchmark) and `columns = [{ column, unit, name }]`. A measured command is \
                `{ run, runs, warmup, timeout, concurrency, cwd, name }`.",
        },
        OptionDoc {
            name: "sources[].format",
            ty: "string",
            default: "detected",
            description: "`hyperfine`, `criterion`, `pytest-benchmark`, `gobench` (alias `go`), `k6`, `json`, `csv`.",
        },
        OptionDoc {
            name: "sources[].name",
            ty: "string",
            default: "none",
            description: "Prefix of the source's metrics (`<name>.<benchmark>.<statistic>`); left out, the names start with the benchmark.",
        },
        OptionDoc {
            name: "sources[].baseline",
            ty: "path",
            default: "none",
            description: "An earlier results file of this source's format; its metrics are the baseline of `baseline` thresholds.",
        },
        OptionDoc {
            name: "sources[].runs",
            ty: "integer",
            default: "10",
            description: "`run` sources: measured runs.",
        },
        OptionDoc {
            name: "sources[].warmup",
            ty: "integer",
            default: "1",
            description: "`run` sources: unmeasured runs first.",
        },
        OptionDoc {
            name: "sources[].timeout",
            ty: "duration",
            default: "the gate's deadline",
            description: "`run` sources: limit of one run; a run that exceeds it makes the gate ERROR.",
        },
        OptionDoc {
            name: "sources[].concurrency",
            ty: "integer",
            default: "1",
            description: "`run` sources: copies started at once per run; every copy's wall time is a sample.",
        },
        OptionDoc {
            name: "sources[].cwd",
            ty: "path",
            default: "the config's folder",
            description: "`run` sources: working directory.",
        },
        OptionDoc {
            name: "baseline",
            ty: "path",
            default: "none",
            description: "Shorthand for `baseline` on the only file source.",
        },
    ],
    metrics: &[],
    default_thresholds: &[],
    integrity: &[],
    dynamic_metrics: true,
    reads_tree: false,
    default_include: &[],
    example: r#"[gates.perf]
kind = "perf"
sources = [
  { path = "bench/hyperfine.json", name = "cli", baseline = "bench/baseline.json" },
  { path = "target/criterion", format = "criterion" },
  { path = "load/summary.json", format = "k6" },
  { run = "python3 scripts/import.py fixtures/big.csv", runs = 5, warmup = 1, name = "import" },
]
thresholds = [
  "cli.fmt.mean <= baseline + 5%",
  "http_req_duration.p(95) < 500ms",
  "vus_max >= 10",
  "import.wall.p95 < 10s",
  "import.peak_rss <= 500MB",
]
"#,
};

const DESCRIPTION: &str = r#"Reads benchmark results, or measures a command, and turns them into metrics that thresholds check.

**Names.** `<name>.<benchmark>.<statistic>` where `<name>.` is the source's `name` (left out when the source has none) and `<benchmark>` is the tool's own id. Every metric carries a unit and is stored in base units (seconds, bytes), so `api.mean < 10s`, `peak_rss <= 500MB` and `vus_max >= 10` compare correctly whatever unit the tool wrote. Metric names come from the data: thresholds are checked at run time, and a threshold naming a metric that no source produced is ERROR (never a pass). The gate's notes list every metric that exists.

**Formats and their statistics.**
- `hyperfine` (`--export-json`): per command (its `--command-name` when given) `mean`, `stddev`, `median`, `min`, `max`, `user`, `system` (s) as hyperfine wrote them, `p90`, `p95`, `p99` computed from `times`, `runs`, and `failed_runs` (non-zero `exit_codes`; more than none is also a `perf/failed-runs` finding). `mean` carries the `times` as samples.
- `criterion` (`target/criterion/**/new/estimates.json`, or the `target/criterion` folder): per benchmark (`full_id` of the sibling `benchmark.json`, else the folder) `mean`, `median`, `stddev`, `mad`, `slope` (s, from ns), with `.lower`/`.upper` 95% bounds for `mean`; the sibling `sample.json` gives per-iteration samples (`times[i] / iters[i]`) on `mean`.
- `pytest-benchmark` (`--benchmark-json`): per test (`name`) `min`, `max`, `mean`, `stddev`, `median`, `iqr`, `q1`, `q3` (s), `ops` (1/s), `rounds`; with `stats.data`, `p90`/`p95`/`p99` and samples on `mean`.
- `gobench` (`go test -bench` text): per benchmark (the name without the `-GOMAXPROCS` suffix when every line has the same one) `time_per_op` (s, from `ns/op`), `bytes_per_op` (B, `-benchmem`), `allocs_per_op`, `throughput` (B/s, from `MB/s`), and every custom `b.ReportMetric` unit as its own statistic (e.g. `bytes/op-joined`). With `-count N` the value is the mean of the N lines and the lines are the samples. `--- FAIL` benchmark lines become findings.
- `k6`: the `--summary-export` JSON and the `handleSummary` JSON. `<metric>.<stat>` with k6's own stat names (`http_req_duration.p(95)`, `http_req_duration.avg`, `http_reqs.count`, `http_reqs.rate`, `checks.rate`, `checks.passes`); a gauge's value is the bare metric (`vus_max`), with `.min`/`.max`. Time trends are converted from ms to s (handleSummary says so with `contains: "time"`; for summary-export the built-in `http_req_*`, `iteration_duration`, `group_duration`, `ws_*` and `grpc_req_duration` trends are known to be ms, custom trends stay plain numbers). `data_*` counts are bytes. A k6 threshold that failed becomes a `perf/k6-threshold` finding (summary-export's booleans mean "crossed", handleSummary's `ok` means passed).
- `json`: any JSON file, with `metrics = [{ name, path, unit }]`; paths are dotted with array indexes (`results[0].latency.p95`). A path to an array of numbers gives its mean, with the array as samples. A path that is absent gives no metric (a threshold on it is ERROR).
- `csv`: a header row names the columns. With `key`, each row is a benchmark named by that column (`<key value>.<column>`; rows with the same key are averaged, with the rows as samples); without, each column's value is the mean over the rows, with the rows as samples. `columns` chooses columns, their unit and name; by default every other column whose values are all numbers, as plain numbers.
- `run`: gatekeep runs the command itself (`sh -c`, in its own process group, killed on timeout) `warmup` times unmeasured, then `runs` times; with `concurrency = N` N copies at once. Metrics `wall.mean`, `wall.median`, `wall.p95`, `wall.min`, `wall.max`, `wall.stddev` (s; samples on `wall.mean`), `peak_rss` (B: the largest maximum resident set of one copy's process tree, from the kernel's `wait4` rusage), `exit_code` (the first non-zero exit, else 0), `runs`. A failing run stops the measurement: no wall metrics are given (the timing of a failed command is not a measurement) and the gate adds a failing `exit_code == 0` condition. The notes give the spread (mean ± stddev, min … max).

**Percentiles** computed by gatekeep (hyperfine, pytest-benchmark, `run`) use linear interpolation between closest ranks, numpy's default (`h = (n − 1)·p`).

**Regressions.** Thresholds may compare with a baseline: `--baseline REPORT`, or `baseline = "FILE"` (a results file in the source's format, read with the same parser; it takes precedence). Where both the current and the baseline metric carry samples (hyperfine `times`, criterion, pytest-benchmark data, Go `-count`, `run`), a failing `baseline` comparison is confirmed with Welch's one-sided t-test: the regression must go beyond the tolerance (`baseline + 5%` → 5% of the baseline mean) at p < 0.05, otherwise it is treated as noise and passes. The condition's note gives the change, its 95% confidence interval, t, degrees of freedom and p. Samples are attached only to statistics that are means (`mean`, `wall.mean`, Go's per-op values, averaged JSON arrays and CSV columns), since the test compares means; conditions on medians and percentiles compare plainly.
"#;

/// A file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Hyperfine,
    Criterion,
    PytestBenchmark,
    #[serde(alias = "go")]
    Gobench,
    K6,
    Json,
    Csv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Hyperfine => "hyperfine",
            Format::Criterion => "criterion",
            Format::PytestBenchmark => "pytest-benchmark",
            Format::Gobench => "gobench",
            Format::K6 => "k6",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    sources: Spanned<Vec<Spanned<RawSource>>>,
    baseline: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawSource {
    path: Option<Spanned<String>>,
    format: Option<Spanned<Format>>,
    name: Option<Spanned<String>>,
    baseline: Option<Spanned<String>>,
    metrics: Option<Vec<Spanned<RawJsonMetric>>>,
    key: Option<Spanned<String>>,
    columns: Option<Vec<Spanned<RawColumn>>>,
    run: Option<Spanned<String>>,
    runs: Option<Spanned<i64>>,
    warmup: Option<Spanned<i64>>,
    timeout: Option<Spanned<String>>,
    concurrency: Option<Spanned<i64>>,
    cwd: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawJsonMetric {
    name: Spanned<String>,
    path: Spanned<String>,
    unit: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    column: Spanned<String>,
    unit: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
}

/// A generic JSON metric: where it is and its unit.
#[derive(Clone, Debug)]
pub struct JsonMetric {
    pub name: String,
    pub path_text: String,
    pub path: Vec<generic_json::Step>,
    pub unit: Unit,
    pub scale: f64,
}

/// A CSV column to read.
#[derive(Clone, Debug)]
pub struct Column {
    pub column: String,
    pub name: String,
    pub unit: Unit,
    pub scale: f64,
}

#[derive(Clone, Debug)]
struct FileSource {
    path: String,
    format: Option<Format>,
    name: Option<String>,
    baseline: Option<String>,
    json_metrics: Vec<JsonMetric>,
    key: Option<String>,
    columns: Option<Vec<Column>>,
}

#[derive(Clone, Debug)]
enum Source {
    File(FileSource),
    Run(run::RunSpec),
}

struct PerfGate {
    sources: Vec<Source>,
}

/// What parsing one file gives.
#[derive(Debug, Default)]
pub struct Out {
    pub metrics: Vec<Metric>,
    pub findings: Vec<Finding>,
    pub notes: Vec<String>,
}

impl Out {
    /// Adds a metric (a non-finite value is dropped: no data). Returns it for samples.
    pub fn add(&mut self, name: String, value: f64, unit: Unit) -> Option<&mut Metric> {
        if !value.is_finite() {
            return None;
        }
        self.metrics.push(Metric::new(name, value, unit));
        self.metrics.last_mut()
    }
}

/// `<prefix>.<parts…>`, leaving out empty parts.
pub fn metric_name(prefix: Option<&str>, parts: &[&str]) -> String {
    prefix
        .into_iter()
        .chain(parts.iter().copied())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(".")
}

/// A JSON syntax error as `file:line:column: message`.
pub fn json_error(shown: &str, e: &serde_json::Error) -> anyhow::Error {
    anyhow::anyhow!("{shown}:{}:{}: invalid JSON: {e}", e.line(), e.column())
}

/// Reads a JSON document into `T` with a bounded reader, naming the file and position on error.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path, shown: &str) -> anyhow::Result<T> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {shown}"))?;
    let mut r = std::io::BufReader::with_capacity(64 * 1024, f);
    // A UTF-8 byte-order mark (Windows tools write one) is read past.
    if std::io::BufRead::fill_buf(&mut r)
        .with_context(|| format!("cannot read {shown}"))?
        .starts_with(b"\xEF\xBB\xBF")
    {
        std::io::BufRead::consume(&mut r, 3);
    }
    serde_json::from_reader(r).map_err(|e| json_error(shown, &e))
}

/// The metric name nearest to `name` among `available`, for "did you mean" in the ERROR of a
/// threshold on a missing metric: an exact case-insensitive match, then a name that ends with
/// or is the end of `name` at a `.` boundary (a missing or extra `<name>.` prefix), then the
/// smallest edit distance within a third of the length (at least 3).
pub fn nearest_metric(name: &str, available: &[String]) -> Option<String> {
    let lower = name.to_lowercase();
    if let Some(m) = available.iter().find(|a| a.to_lowercase() == lower) {
        return Some(m.clone());
    }
    let suffix: Vec<&String> = available
        .iter()
        .filter(|a| {
            let al = a.to_lowercase();
            al.ends_with(&format!(".{lower}")) || lower.ends_with(&format!(".{al}"))
        })
        .collect();
    if let Some(best) = suffix.iter().min_by_key(|a| a.len().abs_diff(name.len())) {
        return Some((*best).clone());
    }
    let limit = (name.chars().count() / 3).max(3);
    available
        .iter()
        .map(|a| (crate::suggest::distance(&lower, &a.to_lowercase()), a))
        .filter(|(d, _)| *d <= limit)
        .min_by(|x, y| x.0.cmp(&y.0).then_with(|| x.1.cmp(y.1)))
        .map(|(_, a)| a.clone())
}

fn positive(v: &Option<Spanned<i64>>, what: &str, default: u32, min: i64) -> Result<u32, DeError> {
    match v {
        None => Ok(default),
        Some(s) if s.value >= min && s.value <= 100_000 => Ok(s.value as u32),
        Some(s) => Err(DeError::at(
            s.pos,
            format!(
                "`{what}` must be between {min} and 100000, found {}",
                s.value
            ),
        )),
    }
}

fn forbid<T>(v: &Option<Spanned<T>>, key: &str, why: &str) -> Result<(), DeError> {
    match v {
        Some(s) => Err(DeError::at(s.pos, format!("`{key}` {why}"))),
        None => Ok(()),
    }
}

fn configure_source(raw: &Spanned<RawSource>, cx: &ConfigCx<'_>) -> Result<Source, DeError> {
    let s = &raw.value;
    let name = match &s.name {
        Some(n) if n.value.trim().is_empty() => {
            return Err(DeError::at(n.pos, "`name` must not be empty"));
        }
        Some(n) => Some(n.value.clone()),
        None => None,
    };
    match (&s.path, &s.run) {
        (Some(_), Some(r)) => Err(DeError::at(
            r.pos,
            "a source has either `path` (results to read) or `run` (a command to measure), not both",
        )),
        (None, None) => Err(DeError::at(
            raw.pos,
            "a source needs `path` (results to read) or `run` (a command to measure)",
        )),
        (None, Some(run)) => {
            let only_files = "applies to file sources (`path`), not to `run`";
            forbid(&s.format, "format", only_files)?;
            forbid(&s.key, "key", only_files)?;
            forbid(
                &s.baseline,
                "baseline",
                "is for file sources; compare a `run` source with `--baseline`",
            )?;
            if let Some(m) = s.metrics.as_ref().and_then(|m| m.first()) {
                return Err(DeError::at(m.pos, format!("`metrics` {only_files}")));
            }
            if let Some(c) = s.columns.as_ref().and_then(|c| c.first()) {
                return Err(DeError::at(c.pos, format!("`columns` {only_files}")));
            }
            if run.value.trim().is_empty() {
                return Err(DeError::at(run.pos, "`run` must not be empty"));
            }
            let timeout = match &s.timeout {
                Some(t) => Some(
                    crate::threshold::parse_duration(&t.value)
                        .map_err(|e| DeError::at(t.pos, e))?,
                ),
                None => None,
            };
            if let Some(c) = &s.cwd {
                crate::paths::check_path(c)?;
            }
            Ok(Source::Run(run::RunSpec {
                command: run.value.clone(),
                name,
                runs: positive(&s.runs, "runs", 10, 1)?,
                warmup: positive(&s.warmup, "warmup", 1, 0)?,
                concurrency: positive(&s.concurrency, "concurrency", 1, 1)?,
                timeout,
                cwd: s.cwd.as_ref().map(|c| cx.config_dir.join(&c.value)),
            }))
        }
        (Some(path), None) => {
            let only_run = "applies to `run` sources only";
            forbid(&s.runs, "runs", only_run)?;
            forbid(&s.warmup, "warmup", only_run)?;
            forbid(&s.timeout, "timeout", only_run)?;
            forbid(&s.concurrency, "concurrency", only_run)?;
            forbid(&s.cwd, "cwd", only_run)?;
            crate::paths::check_path(path)?;
            if let Some(b) = &s.baseline {
                crate::paths::check_path(b)?;
            }
            let mut format = s.format.as_ref().map(|f| f.value);
            let json_metrics = match &s.metrics {
                Some(list) => {
                    if format.is_none() {
                        format = Some(Format::Json);
                    }
                    if format != Some(Format::Json) {
                        return Err(DeError::at(
                            list.first().map(|m| m.pos).unwrap_or(raw.pos),
                            "`metrics` applies to `format = \"json\"` sources only",
                        ));
                    }
                    let mut out = Vec::new();
                    for m in list {
                        let steps = generic_json::parse_path(&m.path.value)
                            .map_err(|e| DeError::at(m.path.pos, e))?;
                        let (unit, scale) = match &m.unit {
                            Some(u) => units::parse_unit(&u.value),
                            None => (Unit::None, 1.0),
                        };
                        if m.name.value.trim().is_empty() {
                            return Err(DeError::at(m.name.pos, "`name` must not be empty"));
                        }
                        out.push(JsonMetric {
                            name: m.name.value.clone(),
                            path_text: m.path.value.clone(),
                            path: steps,
                            unit,
                            scale,
                        });
                    }
                    out
                }
                None => Vec::new(),
            };
            if format == Some(Format::Json) && json_metrics.is_empty() {
                return Err(DeError::at(
                    s.format.as_ref().map(|f| f.pos).unwrap_or(raw.pos),
                    "a `json` source needs `metrics = [{ name = \"p95\", path = \"results[0].latency.p95\", unit = \"ms\" }]`",
                ));
            }
            let columns = match &s.columns {
                Some(list) => {
                    if format.is_none() {
                        format = Some(Format::Csv);
                    }
                    if format != Some(Format::Csv) {
                        return Err(DeError::at(
                            list.first().map(|m| m.pos).unwrap_or(raw.pos),
                            "`columns` applies to `format = \"csv\"` sources only",
                        ));
                    }
                    Some(
                        list.iter()
                            .map(|c| {
                                let (unit, scale) = match &c.unit {
                                    Some(u) => units::parse_unit(&u.value),
                                    None => (Unit::None, 1.0),
                                };
                                Column {
                                    column: c.column.value.clone(),
                                    name: c
                                        .name
                                        .as_ref()
                                        .map(|n| n.value.clone())
                                        .unwrap_or_else(|| c.column.value.clone()),
                                    unit,
                                    scale,
                                }
                            })
                            .collect(),
                    )
                }
                None => None,
            };
            if let Some(k) = &s.key {
                if format.is_none() {
                    format = Some(Format::Csv);
                }
                if format != Some(Format::Csv) {
                    return Err(DeError::at(
                        k.pos,
                        "`key` applies to `format = \"csv\"` sources only",
                    ));
                }
            }
            Ok(Source::File(FileSource {
                path: path.value.clone(),
                format,
                name,
                baseline: s.baseline.as_ref().map(|b| b.value.clone()),
                json_metrics,
                key: s.key.as_ref().map(|k| k.value.clone()),
                columns,
            }))
        }
    }
}

impl GateKind for Kind {
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn options_schema(&self) -> serde_json::Value {
        schemars::schema_for!(Options).to_value()
    }
    fn configure(&self, options: &SNode, cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        let o: Options = super::options(options)?;
        if o.sources.value.is_empty() {
            return Err(DeError::at(
                o.sources.pos,
                "`sources` must list at least one source",
            ));
        }
        let mut sources = Vec::new();
        for raw in &o.sources.value {
            sources.push(configure_source(raw, cx)?);
        }
        if let Some(b) = &o.baseline {
            crate::paths::check_path(b)?;
            let files: Vec<usize> = sources
                .iter()
                .enumerate()
                .filter(|(_, s)| matches!(s, Source::File(_)))
                .map(|(i, _)| i)
                .collect();
            match files.as_slice() {
                [i] => {
                    if let Some(Source::File(f)) = sources.get_mut(*i) {
                        if f.baseline.is_some() {
                            return Err(DeError::at(
                                b.pos,
                                "`baseline` is given both here and on the source; keep one",
                            ));
                        }
                        f.baseline = Some(b.value.clone());
                    }
                }
                [] => {
                    return Err(DeError::at(
                        b.pos,
                        "`baseline` (a results file) needs a file source; compare `run` sources with `--baseline`",
                    ));
                }
                _ => {
                    return Err(DeError::at(
                        b.pos,
                        "with several file sources, put `baseline` on the source it belongs to",
                    ));
                }
            }
        }
        Ok(Arc::new(PerfGate { sources }))
    }
}

/// Guesses a file's format from its name and first bytes.
pub fn detect(path: &Path, head: &[u8]) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    if name.ends_with(".csv") {
        return Some(Format::Csv);
    }
    let t = text.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        if name == "estimates.json" || text.contains("\"point_estimate\"") {
            return Some(Format::Criterion);
        }
        if text.contains("\"machine_info\"")
            || (text.contains("\"benchmarks\"") && text.contains("\"stats\""))
        {
            return Some(Format::PytestBenchmark);
        }
        if text.contains("\"results\"") && text.contains("\"command\"") {
            return Some(Format::Hyperfine);
        }
        if text.contains("\"root_group\"")
            || text.contains("\"http_req_")
            || text.contains("\"vus_max\"")
            || text.contains("\"testRunDurationMs\"")
        {
            return Some(Format::K6);
        }
        return None;
    }
    if text.lines().any(gobench::is_result_line) {
        return Some(Format::Gobench);
    }
    None
}

/// Detects a JSON format from the document's structure (its keys, in any order) when its first
/// bytes did not tell; `None` if it is not JSON or not a known shape.
fn detect_by_structure(path: &Path, shown: &str, head: &[u8]) -> Option<Format> {
    let h = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if !h.trim_ascii_start().starts_with(b"{") {
        return None;
    }
    let v: serde_json::Value = read_json(path, shown).ok()?;
    let o = v.as_object()?;
    let has = |k: &str| o.contains_key(k);
    if has("point_estimate") || has("mean") && has("median") && has("std_dev") {
        return Some(Format::Criterion);
    }
    if has("machine_info")
        || o.get("benchmarks")
            .and_then(|b| b.as_array())
            .is_some_and(|b| b.iter().any(|x| x.get("stats").is_some()))
    {
        return Some(Format::PytestBenchmark);
    }
    if o.get("results")
        .and_then(|r| r.as_array())
        .is_some_and(|r| r.iter().any(|x| x.get("command").is_some()))
    {
        return Some(Format::Hyperfine);
    }
    if has("root_group")
        || o.get("metrics")
            .and_then(|m| m.as_object())
            .is_some_and(|m| {
                m.keys()
                    .any(|k| k.starts_with("http_req_") || k == "vus_max")
            })
    {
        return Some(Format::K6);
    }
    None
}

fn head_of(path: &Path, shown: &str) -> anyhow::Result<Vec<u8>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {shown}"))?;
    let mut buf = Vec::new();
    f.take(64 * 1024)
        .read_to_end(&mut buf)
        .with_context(|| format!("cannot read {shown}"))?;
    Ok(buf)
}

/// Parses one file of a file source.
fn parse_file(src: &FileSource, path: &Path, shown: &str, out: &mut Out) -> anyhow::Result<Format> {
    let format = match src.format {
        Some(f) => f,
        None => {
            let head = head_of(path, shown)?;
            detect(path, &head)
                .or_else(|| detect_by_structure(path, shown, &head))
                .ok_or_else(|| {
                anyhow::anyhow!(
                    "{shown}: cannot tell the format from the content; set `format` to one of hyperfine, criterion, pytest-benchmark, gobench, k6, json, csv"
                )
            })?
        }
    };
    let prefix = src.name.as_deref();
    match format {
        Format::Hyperfine => hyperfine::parse(path, shown, prefix, out)?,
        Format::Criterion => criterion::parse(path, shown, prefix, out)?,
        Format::PytestBenchmark => pytest_benchmark::parse(path, shown, prefix, out)?,
        Format::Gobench => gobench::parse(path, shown, prefix, out)?,
        Format::K6 => k6::parse(path, shown, prefix, out)?,
        Format::Json => generic_json::parse(path, shown, prefix, &src.json_metrics, out)?,
        Format::Csv => csv::parse(
            path,
            shown,
            prefix,
            src.key.as_deref(),
            src.columns.as_deref(),
            out,
        )?,
    }
    Ok(format)
}

impl FileSource {
    fn patterns(&self, cx: &GateCx<'_>) -> Vec<String> {
        if (self.format == Some(Format::Criterion) || self.format.is_none())
            && cx.path(&self.path).is_dir()
        {
            return vec![format!(
                "{}/**/new/estimates.json",
                self.path.trim_end_matches('/')
            )];
        }
        vec![self.path.clone()]
    }
}

/// Adds `more` to `all`, refusing a name two inputs both produce.
fn merge(
    all: &mut Vec<Metric>,
    origin: &mut HashMap<String, String>,
    more: Vec<Metric>,
    shown: &str,
) -> anyhow::Result<()> {
    for m in more {
        if let Some(first) = origin.get(&m.name) {
            if first == shown {
                anyhow::bail!(
                    "{shown}: metric `{}` appears twice (two benchmarks with the same name?)",
                    m.name
                );
            }
            anyhow::bail!(
                "metric `{}` comes from both {first} and {shown}; give the sources distinct `name`s",
                m.name
            );
        }
        origin.insert(m.name.clone(), shown.to_string());
        all.push(m);
    }
    Ok(())
}

impl Gate for PerfGate {
    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let mut out = GateOutput::default();
        let mut origin: HashMap<String, String> = HashMap::new();
        let mut base_origin: HashMap<String, String> = HashMap::new();
        for source in &self.sources {
            if cx.cancel.is_cancelled() {
                anyhow::bail!("cancelled");
            }
            match source {
                Source::Run(spec) => {
                    let r = run::measure(spec, cx)?;
                    let shown = format!("`{}`", spec.command);
                    merge(&mut out.metrics, &mut origin, r.metrics, &shown)?;
                    out.findings.extend(r.findings);
                    out.notes.extend(r.notes);
                    out.conditions.extend(r.conditions);
                }
                Source::File(src) => {
                    let files: Vec<PathBuf> = cx
                        .find_reports(&src.patterns(cx))
                        .with_context(|| format!("source `{}`", src.path))?;
                    if files.is_empty() {
                        anyhow::bail!(
                            "no file matches `{}`{}",
                            src.path,
                            src.format
                                .map(|f| format!(" ({} results)", f.name()))
                                .unwrap_or_default()
                        );
                    }
                    for file in &files {
                        let shown = cx.display_path(file);
                        let mut o = Out::default();
                        let format = parse_file(src, file, &shown, &mut o)?;
                        if o.metrics.is_empty() {
                            anyhow::bail!("{shown}: no results in this {} file", format.name());
                        }
                        out.notes.push(format!(
                            "{shown}: {} results, {} metrics",
                            format.name(),
                            o.metrics.len()
                        ));
                        merge(&mut out.metrics, &mut origin, o.metrics, &shown)?;
                        out.findings.extend(o.findings);
                        out.notes.extend(o.notes);
                    }
                    if let Some(b) = &src.baseline {
                        let file = cx.path(b);
                        let shown = cx.display_path(&file);
                        if !file.is_file() {
                            anyhow::bail!("baseline file {shown} does not exist");
                        }
                        let mut o = Out::default();
                        let format = parse_file(src, &file, &shown, &mut o)
                            .with_context(|| format!("baseline {shown}"))?;
                        out.notes.push(format!(
                            "baseline {shown}: {} results, {} metrics",
                            format.name(),
                            o.metrics.len()
                        ));
                        merge(&mut out.baseline, &mut base_origin, o.metrics, &shown)?;
                    }
                }
            }
        }
        let names: Vec<&str> = out.metrics.iter().map(|m| m.name.as_str()).collect();
        out.notes.push(format!(
            "metrics available ({}): {}",
            names.len(),
            names.join(", ")
        ));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_metric_suggestions() {
        let avail: Vec<String> = ["cli.fmt.mean", "cli.fmt.p95", "wall.mean", "vus_max"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            nearest_metric("CLI.fmt.mean", &avail).as_deref(),
            Some("cli.fmt.mean")
        );
        assert_eq!(
            nearest_metric("fmt.mean", &avail).as_deref(),
            Some("cli.fmt.mean")
        );
        assert_eq!(
            nearest_metric("x.wall.mean", &avail).as_deref(),
            Some("wall.mean")
        );
        assert_eq!(
            nearest_metric("cli.fmt.p59", &avail).as_deref(),
            Some("cli.fmt.p95")
        );
        assert_eq!(nearest_metric("vus_mx", &avail).as_deref(), Some("vus_max"));
        assert_eq!(nearest_metric("completely.different.thing", &avail), None);
        assert_eq!(nearest_metric("x", &[]), None);
    }

    #[test]
    fn names_leave_out_empty_parts() {
        assert_eq!(metric_name(None, &["api", "mean"]), "api.mean");
        assert_eq!(metric_name(Some("b"), &["api", "mean"]), "b.api.mean");
        assert_eq!(metric_name(Some("b"), &["", "vus_max"]), "b.vus_max");
    }

    #[test]
    fn detects_formats() {
        let d = |n: &str, s: &str| detect(Path::new(n), s.as_bytes());
        assert_eq!(
            d("h.json", r#"{"results": [{"command": "x", "mean": 1}]}"#),
            Some(Format::Hyperfine)
        );
        assert_eq!(
            d("estimates.json", r#"{"mean": {}}"#),
            Some(Format::Criterion)
        );
        assert_eq!(
            d("b.json", r#"{"machine_info": {}, "benchmarks": []}"#),
            Some(Format::PytestBenchmark)
        );
        assert_eq!(
            d("s.json", r#"{"metrics": {"vus_max": {}}}"#),
            Some(Format::K6)
        );
        assert_eq!(
            d("b.txt", "goos: linux\nBenchmarkX-2   \t 100\t  12 ns/op\n"),
            Some(Format::Gobench)
        );
        assert_eq!(d("r.csv", "a,b\n1,2\n"), Some(Format::Csv));
        assert_eq!(d("r.json", r#"{"x": 1}"#), None);
    }

    fn file_source(format: Format) -> FileSource {
        FileSource {
            path: String::new(),
            format: Some(format),
            name: Some("n".into()),
            baseline: None,
            json_metrics: vec![JsonMetric {
                name: "p95".into(),
                path_text: "metrics.http_req_duration.p(95)".into(),
                path: generic_json::parse_path(r#"metrics.http_req_duration["p(95)"]"#).unwrap(),
                unit: Unit::Seconds,
                scale: 1e-3,
            }],
            key: None,
            columns: None,
        }
    }

    /// Every prefix of each fixture, and random corruptions of it, parse or fail with an error
    /// naming the file; nothing panics.
    #[test]
    fn parsers_never_panic_on_prefixes_and_noise() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/perf");
        let cases: &[(&str, Format, &str)] = &[
            (
                "hyperfine/hyperfine.json",
                Format::Hyperfine,
                "estimates.json",
            ),
            (
                "criterion/sort/100/new/estimates.json",
                Format::Criterion,
                "estimates.json",
            ),
            (
                "pytest-benchmark/pytest-benchmark.json",
                Format::PytestBenchmark,
                "b.json",
            ),
            ("gobench/gobench.txt", Format::Gobench, "b.txt"),
            ("k6/handle-summary-circleci-orb.json", Format::K6, "s.json"),
            (
                "k6/summary-export-ticket-reserve.json",
                Format::K6,
                "s.json",
            ),
            (
                "k6/summary-export-ticket-reserve.json",
                Format::Json,
                "s.json",
            ),
            ("gobench/gobench.txt", Format::Csv, "b.csv"),
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut rng = crate::testutil::XorShift(0x9E37_79B9_7F4A_7C15);
        let mut rnd = move || rng.next_u64();
        for (fixture, format, file_name) in cases {
            let bytes = std::fs::read(root.join(fixture)).unwrap();
            let file = dir.path().join(file_name);
            let src = file_source(*format);
            let check = |data: &[u8]| {
                std::fs::write(&file, data).unwrap();
                let mut out = Out::default();
                if let Err(e) = parse_file(&src, &file, "shown/file", &mut out) {
                    let msg = format!("{e:#}");
                    assert!(msg.contains("shown/file"), "{fixture}: {msg}");
                }
            };
            let step = (bytes.len() / 150).max(1);
            for n in (0..=bytes.len()).step_by(step) {
                check(bytes.get(..n).unwrap());
            }
            for _ in 0..60 {
                let mut b = bytes.clone();
                for _ in 0..(rnd() % 8 + 1) {
                    let i = (rnd() as usize) % b.len().max(1);
                    if let Some(x) = b.get_mut(i) {
                        *x = rnd() as u8;
                    }
                }
                check(&b);
            }
            let noise: Vec<u8> = (0..2048).map(|_| rnd() as u8).collect();
            check(&noise);
        }
    }

    /// The documented example's kind options configure.
    #[test]
    fn example_configures() {
        let doc: toml::Table = toml::from_str(DOC.example).unwrap();
        let mut gate = doc["gates"]["perf"].as_table().unwrap().clone();
        for common in ["kind", "thresholds", "level", "timeout"] {
            gate.remove(common);
        }
        let node = crate::node::value::parse_toml(&toml::to_string(&gate).unwrap()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cx = ConfigCx {
            gate_id: "perf",
            config_dir: dir.path(),
        };
        if let Err(e) = Kind.configure(&node, &cx) {
            panic!("{e}");
        }
    }
}
