//! ESLint `-f json`: an array of per-file results, each with its `messages` (severity 2 = error,
//! 1 = warning; a `fatal` parse error has no `ruleId`). The per-file `errorCount` and
//! `warningCount` are ESLint's own counts, checked against the messages.

use super::{Diag, Headline, Level, Parsed, Sink, json};
use serde::Deserialize;

#[derive(Deserialize)]
struct FileResult {
    #[serde(rename = "filePath")]
    file_path: String,
    #[serde(default)]
    messages: Vec<Message>,
    #[serde(rename = "errorCount")]
    error_count: Option<u64>,
    #[serde(rename = "warningCount")]
    warning_count: Option<u64>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(rename = "ruleId")]
    rule_id: Option<String>,
    #[serde(default)]
    severity: u8,
    #[serde(default)]
    message: String,
    line: Option<u64>,
    column: Option<u64>,
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    let (mut errors, mut warnings) = (0u64, 0u64);
    let mut has_counts = false;
    json::each_in_array(input, &mut |f: FileResult| {
        if let (Some(e), Some(w)) = (f.error_count, f.warning_count) {
            has_counts = true;
            errors += e;
            warnings += w;
        }
        for m in f.messages {
            let level = if m.severity >= 2 {
                Level::Error
            } else {
                Level::Warning
            };
            sink(
                Diag::new(level, m.message)
                    .at(Some(f.file_path.clone()), m.line, m.column)
                    .code(m.rule_id),
            );
        }
    })?;
    Ok(has_counts.then(|| Headline {
        errors: Some(errors),
        warnings: Some(warnings),
        notes: None,
        text: format!("errorCount {errors}, warningCount {warnings}"),
    }))
}
