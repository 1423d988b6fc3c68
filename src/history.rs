//! The run history: one compact JSON line per `check` (time, commit, profile, verdict, every
//! metric), appended atomically; `gatekeep history` shows the trend per metric.

use crate::model::{Report, Unit, Verdict};
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// One run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// UTC, RFC 3339 (`2026-11-21T05:30:00Z`).
    pub time: String,
    pub commit: Option<String>,
    pub profile: Option<String>,
    pub verdict: Verdict,
    /// `gate.metric` → value, in base units.
    pub metrics: BTreeMap<String, f64>,
    /// `gate.metric` → unit symbol, for the metrics that have one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub units: BTreeMap<String, String>,
}

impl Record {
    pub fn from_report(report: &Report, commit: Option<String>, time: String) -> Record {
        let mut metrics = BTreeMap::new();
        let mut units = BTreeMap::new();
        for g in &report.gates {
            for m in &g.metrics {
                let key = format!("{}.{}", g.id, m.name);
                if let Some(u) = m.unit.symbol() {
                    units.insert(key.clone(), u.to_string());
                }
                metrics.insert(key, m.value);
            }
        }
        Record {
            time,
            commit,
            profile: report.profile.clone(),
            verdict: report.verdict,
            metrics,
            units,
        }
    }
}

/// The current time as RFC 3339 UTC.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let d = crate::date::Date::from_days((secs / 86400) as i64);
    let s = secs % 86400;
    format!("{d}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// The commit checked out at `root`, if it is a git checkout.
pub fn git_commit(root: &Path) -> Option<String> {
    let spec = crate::process::Spec {
        run: "git rev-parse HEAD".into(),
        cwd: root.to_path_buf(),
        env: vec![],
        timeout: std::time::Duration::from_secs(5),
        count: None,
        tail_bytes: 256,
    };
    let o = crate::process::run(&spec, None).ok()?;
    let line = o.tail.lines().next()?.trim().to_string();
    (o.exit == crate::process::Exit::Code(0) && line.len() >= 40).then_some(line)
}

/// Appends one record as a single `write` on a file opened for appending, so concurrent runs
/// never interleave their lines.
pub fn append(path: &Path, record: &Record) -> anyhow::Result<()> {
    crate::interrupt::checkpoint();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut line = serde_json::to_string(record)?;
    line.push('\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)
        .with_context(|| format!("cannot open history {}", path.display()))?;
    // A torn last line (a run killed mid-write, a hand edit without a final newline) must not
    // swallow this record: start it on a line of its own.
    if ends_without_newline(&f) {
        line.insert(0, '\n');
    }
    f.write_all(line.as_bytes())
        .with_context(|| format!("cannot append to history {}", path.display()))?;
    Ok(())
}

fn ends_without_newline(f: &std::fs::File) -> bool {
    use std::os::unix::fs::FileExt;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut last = [0u8; 1];
    len > 0 && f.read_at(&mut last, len - 1).is_ok_and(|n| n == 1) && last[0] != b'\n'
}

/// Reads the history; corrupt lines are skipped, each with a warning naming its line number.
pub fn read(path: &Path) -> anyhow::Result<(Vec<Record>, Vec<String>)> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(e).with_context(|| format!("cannot read history {}", path.display())),
    };
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(r) => records.push(r),
            Err(e) => warnings.push(format!(
                "{}:{}: skipped a corrupt history line: {e}",
                path.display(),
                i + 1
            )),
        }
    }
    Ok((records, warnings))
}

/// One metric's trend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trend {
    pub metric: String,
    pub unit: Option<String>,
    pub first: f64,
    pub previous: Option<f64>,
    pub current: f64,
    pub change: f64,
    pub values: Vec<f64>,
    pub sparkline: String,
}

/// Trends over the last `last` records (all with `None`), for metrics whose name contains
/// `filter` (all with `None`).
pub fn trends(records: &[Record], filter: Option<&str>, last: Option<usize>) -> Vec<Trend> {
    let start = last.map(|n| records.len().saturating_sub(n)).unwrap_or(0);
    let window = &records[start..];
    let mut names: Vec<&String> = window.iter().flat_map(|r| r.metrics.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| filter.is_none_or(|f| n.contains(f)))
        .filter_map(|name| {
            let values: Vec<f64> = window
                .iter()
                .filter_map(|r| r.metrics.get(name).copied())
                .collect();
            let (&first, &current) = (values.first()?, values.last()?);
            Some(Trend {
                metric: name.clone(),
                unit: window.iter().rev().find_map(|r| r.units.get(name).cloned()),
                first,
                previous: values
                    .len()
                    .checked_sub(2)
                    .and_then(|i| values.get(i).copied()),
                current,
                change: current - first,
                sparkline: sparkline(&values),
                values,
            })
        })
        .collect()
}

/// `▁▂▃▅▆` for a series (flat series draw mid-height).
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    values
        .iter()
        .map(|&v| {
            if hi > lo {
                BARS[(((v - lo) / (hi - lo)) * 7.0).round() as usize]
            } else {
                BARS[3]
            }
        })
        .collect()
}

/// Renders trends for `gatekeep history`.
pub fn render(trends: &[Trend], format: &str) -> String {
    let unit = |t: &Trend| Unit::from_symbol(t.unit.as_deref().unwrap_or(""));
    let fmt = |v: f64, t: &Trend| crate::threshold::format_value(v, &unit(t));
    let change = |t: &Trend| {
        let s = fmt(t.change.abs(), t);
        if t.change > 0.0 {
            format!("+{s}")
        } else if t.change < 0.0 {
            format!("-{s}")
        } else {
            "±0".into()
        }
    };
    match format {
        "json" => {
            let mut s = serde_json::to_string_pretty(trends).unwrap_or_default();
            s.push('\n');
            s
        }
        "markdown" => {
            let mut s = String::from(
                "| Metric | First | Previous | Current | Change | Trend |\n|---|---:|---:|---:|---:|---|\n",
            );
            for t in trends {
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} |\n",
                    t.metric,
                    fmt(t.first, t),
                    t.previous.map(|p| fmt(p, t)).unwrap_or_else(|| "—".into()),
                    fmt(t.current, t),
                    change(t),
                    t.sparkline
                ));
            }
            s
        }
        _ => {
            let w = trends
                .iter()
                .map(|t| t.metric.chars().count())
                .max()
                .unwrap_or(6);
            let mut s = String::new();
            for t in trends {
                s.push_str(&format!(
                    "{:<w$}  {} → {}  ({})  {}\n",
                    t.metric,
                    fmt(t.first, t),
                    fmt(t.current, t),
                    change(t),
                    t.sparkline
                ));
            }
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(v: f64) -> Record {
        let mut metrics = BTreeMap::new();
        metrics.insert("coverage.line".to_string(), v);
        let mut units = BTreeMap::new();
        units.insert("coverage.line".to_string(), "%".to_string());
        Record {
            time: "2026-11-21T05:30:00Z".into(),
            commit: None,
            profile: None,
            verdict: Verdict::NoGo,
            metrics,
            units,
        }
    }

    #[test]
    fn append_read_skip_corrupt_lines() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(".gatekeep/history.jsonl");
        append(&p, &rec(32.0)).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&p)
            .unwrap()
            .write_all(b"{broken\n")
            .unwrap();
        append(&p, &rec(58.4)).unwrap();
        let (r, w) = read(&p).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(w.len(), 1);
        assert!(
            w[0].contains(":2: skipped a corrupt history line"),
            "{}",
            w[0]
        );
        let (none, _) = read(&d.path().join("missing.jsonl")).unwrap();
        assert!(none.is_empty());
    }

    /// Issue 18 item 13: a torn last line (a run killed mid-write) does not swallow the next
    /// record; only the torn line itself is skipped.
    #[test]
    fn a_torn_last_line_does_not_swallow_the_next_record() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("history.jsonl");
        append(&p, &rec(32.0)).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&p)
            .unwrap()
            .write_all(b"{\"version\":1,\"tim")
            .unwrap();
        append(&p, &rec(58.4)).unwrap();
        let (r, w) = read(&p).unwrap();
        assert_eq!(r.len(), 2, "{w:?}");
        assert_eq!(w.len(), 1);
        assert!(
            w[0].contains(":2: skipped a corrupt history line"),
            "{}",
            w[0]
        );
    }

    #[test]
    fn trend_and_sparkline() {
        let recs: Vec<Record> = [32.0, 40.0, 45.0, 52.0, 58.4]
            .iter()
            .map(|v| rec(*v))
            .collect();
        let t = trends(&recs, Some("line"), None);
        assert_eq!(t[0].first, 32.0);
        assert_eq!(t[0].previous, Some(52.0));
        assert_eq!(t[0].current, 58.4);
        assert_eq!(t[0].sparkline, "▁▃▄▆█");
        assert_eq!(
            render(&t, "table"),
            "coverage.line  32% → 58.4%  (+26.4%)  ▁▃▄▆█\n"
        );
        let t = trends(&recs, None, Some(2));
        assert_eq!(t[0].first, 52.0);
        assert!(trends(&recs, Some("branch"), None).is_empty());
        assert_eq!(sparkline(&[1.0, 1.0]), "▄▄");
    }

    #[test]
    fn time_format() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.ends_with('Z'));
    }
}
