//! Cargo/Clippy `--message-format=json`: one JSON object per line; `compiler-message` records
//! carry rustc's diagnostic (`level`, `code.code` such as `E0308` or `clippy::unwrap_used`, and
//! spans, the primary one giving the position). rustc's closing lines (`aborting due to …`,
//! `N warnings emitted`, `failure-note`) are summaries, not diagnostics.

use super::{Diag, Level, Parsed, Sink, json};
use serde::Deserialize;

#[derive(Deserialize)]
struct Record {
    reason: String,
    message: Option<Message>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    level: String,
    #[serde(default)]
    message: String,
    code: Option<Code>,
    #[serde(default)]
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

#[derive(Deserialize)]
struct Span {
    file_name: String,
    line_start: u64,
    column_start: u64,
    #[serde(default)]
    is_primary: bool,
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    json::each_value(input, &mut |r: Record| {
        if r.reason != "compiler-message" {
            return;
        }
        let Some(m) = r.message else { return };
        let level = match m.level.as_str() {
            "warning" => Level::Warning,
            "note" | "help" => Level::Note,
            "failure-note" => return,
            _ => Level::Error,
        };
        if m.spans.is_empty()
            && m.code.is_none()
            && (m.message.starts_with("aborting due to")
                || m.message.ends_with("emitted")
                || m.message.contains("previous error"))
        {
            return;
        }
        let span = m.spans.iter().find(|s| s.is_primary).or(m.spans.first());
        let (path, line, col) = span.map_or((None, None, None), |s| {
            (
                Some(s.file_name.clone()),
                Some(s.line_start),
                Some(s.column_start),
            )
        });
        sink(
            Diag::new(level, m.message)
                .at(path, line, col)
                .code(m.code.map(|c| c.code)),
        );
    })?;
    Ok(None)
}
