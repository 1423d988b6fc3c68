//! k6: the `--summary-export` JSON and the `handleSummary` data JSON.

use super::{Out, metric_name, read_json};
use crate::model::{Finding, Severity, Unit};
use serde_json::{Map, Value};
use std::path::Path;

/// Built-in k6 trends measured in milliseconds (summary-export does not say the unit).
const TIME_TRENDS: &[&str] = &[
    "http_req_duration",
    "http_req_blocked",
    "http_req_connecting",
    "http_req_receiving",
    "http_req_sending",
    "http_req_tls_handshaking",
    "http_req_waiting",
    "iteration_duration",
    "group_duration",
    "ws_connecting",
    "ws_session_duration",
    "ws_ping",
    "grpc_req_duration",
];

const DATA_COUNTERS: &[&str] = &["data_received", "data_sent"];

/// The metric's name without a `{tag:value}` sub-metric selector.
fn base(name: &str) -> &str {
    name.split('{').next().unwrap_or(name)
}

#[derive(PartialEq)]
enum Kind {
    Trend,
    Counter,
    Rate,
    Gauge,
}

#[derive(PartialEq)]
enum Contains {
    Time,
    Data,
    Default,
    Unknown,
}

pub fn parse(path: &Path, shown: &str, prefix: Option<&str>, out: &mut Out) -> anyhow::Result<()> {
    let doc: Value = read_json(path, shown)?;
    let metrics = doc
        .get("metrics")
        .and_then(Value::as_object)
        .ok_or_else(|| anyhow::anyhow!("{shown}: no `metrics` object; is this a k6 summary?"))?;
    let mut custom_untyped = Vec::new();
    let mut handle_summary = false;
    for (mname, obj) in metrics {
        let Some(obj) = obj.as_object() else {
            anyhow::bail!("{shown}: metric `{mname}` is not an object");
        };
        // handleSummary nests the numbers under `values` and says the type; summary-export
        // puts them at the top level.
        let (values, kind, contains): (Map<String, Value>, Kind, Contains) = match obj.get("values")
        {
            Some(Value::Object(v)) => {
                handle_summary = true;
                let kind = match obj.get("type").and_then(Value::as_str) {
                    Some("trend") => Kind::Trend,
                    Some("counter") => Kind::Counter,
                    Some("rate") => Kind::Rate,
                    Some("gauge") => Kind::Gauge,
                    _ => infer_kind(v),
                };
                let contains = match obj.get("contains").and_then(Value::as_str) {
                    Some("time") => Contains::Time,
                    Some("data") => Contains::Data,
                    Some(_) => Contains::Default,
                    None => Contains::Unknown,
                };
                (v.clone(), kind, contains)
            }
            Some(other) => anyhow::bail!(
                "{shown}: `values` of metric `{mname}` is not an object but {}",
                type_name(other)
            ),
            None => {
                let mut v = obj.clone();
                v.remove("thresholds");
                let kind = infer_kind(&v);
                let b = base(mname);
                let contains = if TIME_TRENDS.contains(&b) {
                    Contains::Time
                } else if DATA_COUNTERS.contains(&b) {
                    Contains::Data
                } else {
                    Contains::Unknown
                };
                (v, kind, contains)
            }
        };
        let contains = match contains {
            Contains::Unknown if kind == Kind::Trend && TIME_TRENDS.contains(&base(mname)) => {
                Contains::Time
            }
            Contains::Unknown if DATA_COUNTERS.contains(&base(mname)) => Contains::Data,
            Contains::Unknown => {
                if kind == Kind::Trend {
                    custom_untyped.push(mname.clone());
                }
                Contains::Default
            }
            c => c,
        };
        for (stat, v) in &values {
            let Some(x) = v.as_f64() else {
                anyhow::bail!(
                    "{shown}: `{mname}.{stat}` is not a number but {}",
                    type_name(v)
                );
            };
            let (stat_name, unit, scale): (&str, Unit, f64) = match (&kind, stat.as_str()) {
                (Kind::Gauge, "value") => ("", Unit::None, 1.0),
                (Kind::Rate, "value") | (Kind::Rate, "rate") => ("rate", Unit::None, 1.0),
                (Kind::Trend, "count") => ("count", Unit::None, 1.0),
                (Kind::Trend, s) if contains == Contains::Time => (s, Unit::Seconds, 1e-3),
                (Kind::Counter, "count") if contains == Contains::Data => {
                    ("count", Unit::Bytes, 1.0)
                }
                (Kind::Counter, "rate") if contains == Contains::Data => {
                    ("rate", Unit::Other("B/s".into()), 1.0)
                }
                (Kind::Counter, "rate") => ("rate", Unit::Other("1/s".into()), 1.0),
                (_, s) => (s, Unit::None, 1.0),
            };
            out.add(metric_name(prefix, &[mname, stat_name]), x * scale, unit);
        }
        if let Some(Value::Object(ths)) = obj.get("thresholds") {
            for (expr, r) in ths {
                // handleSummary: {"ok": bool}; summary-export: a bool meaning "crossed".
                let failed = match r {
                    Value::Object(o) => o.get("ok").and_then(Value::as_bool).map(|ok| !ok),
                    Value::Bool(crossed) => Some(*crossed),
                    _ => None,
                };
                if failed == Some(true) {
                    out.findings.push(
                        Finding::new(
                            "perf/k6-threshold",
                            Severity::High,
                            format!("k6 threshold `{expr}` on `{mname}` failed"),
                        )
                        .at(shown, None, None),
                    );
                }
            }
        }
    }
    out.notes.push(format!(
        "{shown}: k6 {} JSON",
        if handle_summary {
            "handleSummary"
        } else {
            "--summary-export"
        }
    ));
    if !custom_untyped.is_empty() {
        out.notes.push(format!(
            "{shown}: the unit of custom trend(s) {} is not in the file; their values are plain numbers as k6 wrote them (k6 records times in ms)",
            custom_untyped.join(", ")
        ));
    }
    Ok(())
}

fn infer_kind(v: &Map<String, Value>) -> Kind {
    if v.contains_key("passes") || v.contains_key("fails") {
        Kind::Rate
    } else if v.contains_key("value") {
        Kind::Gauge
    } else if v.contains_key("avg")
        || v.contains_key("med")
        || v.keys().any(|k| k.starts_with("p("))
    {
        Kind::Trend
    } else {
        Kind::Counter
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
