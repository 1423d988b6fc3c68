//! Pyright `--outputjson`: `{generalDiagnostics: [...], summary}`. Ranges are 0-based; the
//! `rule` is the code; `information` is a note. `summary.errorCount`/`warningCount`/
//! `informationCount` are Pyright's own counts.

use super::{Diag, Headline, Level, Parsed, Sink, json};
use serde::Deserialize;

#[derive(Deserialize)]
struct Diagnostic {
    file: Option<String>,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    message: String,
    rule: Option<String>,
    range: Option<Range>,
}

#[derive(Deserialize)]
struct Range {
    start: Pos,
}

#[derive(Deserialize)]
struct Pos {
    line: u64,
    character: u64,
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    let kept = json::each_under_key(
        input,
        "generalDiagnostics",
        &["summary"],
        &mut |d: Diagnostic| {
            let level = match d.severity.as_str() {
                "warning" => Level::Warning,
                "information" | "hint" => Level::Note,
                _ => Level::Error,
            };
            let (line, col) = d.range.map_or((None, None), |r| {
                (Some(r.start.line + 1), Some(r.start.character + 1))
            });
            sink(
                Diag::new(level, d.message)
                    .at(d.file, line, col)
                    .code(d.rule),
            );
        },
    )?;
    let errors = json::count(&kept, "summary", "errorCount");
    Ok(errors.map(|e| Headline {
        errors: Some(e),
        warnings: json::count(&kept, "summary", "warningCount"),
        notes: json::count(&kept, "summary", "informationCount"),
        text: format!("summary.errorCount {e}"),
    }))
}
