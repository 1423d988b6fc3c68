//! Biome `--reporter=json`: `{summary, diagnostics: [...]}`. A diagnostic's `category` is its
//! code (`lint/suspicious/noDebugger`, `parse`); severities `error`/`fatal` are errors,
//! `warning` warnings, `information`/`hint` notes. `summary.errors`/`warnings` are Biome's own
//! counts.

use super::{Diag, Headline, Level, Parsed, Sink, json};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Diagnostic {
    #[serde(default)]
    severity: String,
    #[serde(default)]
    message: String,
    category: Option<String>,
    location: Option<Location>,
}

#[derive(Deserialize)]
struct Location {
    /// A string, or `{ "file": "..." }` in older releases.
    path: Option<Value>,
    start: Option<Pos>,
}

#[derive(Deserialize)]
struct Pos {
    line: Option<u64>,
    column: Option<u64>,
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    let kept = json::each_under_key(input, "diagnostics", &["summary"], &mut |d: Diagnostic| {
        let level = match d.severity.as_str() {
            "warning" => Level::Warning,
            "information" | "info" | "hint" => Level::Note,
            _ => Level::Error,
        };
        let (path, line, col) = match d.location {
            Some(l) => {
                let path = match l.path {
                    Some(Value::String(s)) => Some(s),
                    Some(v) => v.get("file").and_then(Value::as_str).map(str::to_string),
                    None => None,
                };
                let (line, col) = l.start.map_or((None, None), |p| (p.line, p.column));
                (path, line, col)
            }
            None => (None, None, None),
        };
        sink(
            Diag::new(level, d.message)
                .at(path, line, col)
                .code(d.category),
        );
    })?;
    let errors = json::count(&kept, "summary", "errors");
    let warnings = json::count(&kept, "summary", "warnings");
    Ok(errors.map(|e| Headline {
        errors: Some(e),
        warnings,
        notes: json::count(&kept, "summary", "infos"),
        text: format!(
            "summary.errors {e}, summary.warnings {}",
            warnings.unwrap_or(0)
        ),
    }))
}
