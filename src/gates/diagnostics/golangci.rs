//! golangci-lint JSON (`--out-format json`, v2 `--output.json.path`): `{Issues: [...], Report}`.
//! The linter (`FromLinter`) is the code. An issue without a `Severity` is an error (every issue
//! fails golangci-lint unless severities are configured); `warning` is a warning, `info` a note.

use super::{Diag, Level, Parsed, Sink, json};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Issue {
    from_linter: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    severity: Option<String>,
    pos: Option<Pos>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Pos {
    filename: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    json::each_under_key(input, "Issues", &[], &mut |i: Issue| {
        let level = match i
            .severity
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase()
            .as_str()
        {
            "warning" | "warn" | "minor" => Level::Warning,
            "info" | "note" | "information" => Level::Note,
            _ => Level::Error,
        };
        let (path, line, col) = i
            .pos
            .map_or((None, None, None), |p| (p.filename, p.line, p.column));
        sink(
            Diag::new(level, i.text)
                .at(path, line, col)
                .code(i.from_linter),
        );
    })?;
    Ok(None)
}
