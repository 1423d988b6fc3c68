//! mypy, in two forms. Text: `file:line[:col][:end_line:end_col]: error|warning|note: message
//! [code]`, closed by `Found N errors in M files (checked K source files)` or `Success: no issues
//! found`, mypy's own count; `--pretty` source excerpts (indented) are skipped. `--output json`:
//! one object per line, with 0-based `column`.

use super::{Diag, Headline, Level, ParseError, Parsed, Sink, for_each_line, json};
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?):(?:(\d+):)?(?:(\d+):)?(?:\d+:\d+:)? (error|warning|note): (.*?)(?:  \[([A-Za-z0-9_-]+)\])?$")
        .expect("static regex")
});
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Found (\d+) errors? in \d+ files?(?: \(checked \d+ source files?\))?|Success: no issues found in \d+ source files?)$")
        .expect("static regex")
});

pub fn is_summary(l: &str) -> bool {
    SUMMARY.is_match(l.trim_end())
}

pub fn diag_line(l: &str) -> Option<Diag> {
    let c = LINE.captures(l)?;
    let level = match &c[4] {
        "error" => Level::Error,
        "warning" => Level::Warning,
        _ => Level::Note,
    };
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse().ok());
    Some(
        Diag::new(level, &c[5])
            .at(Some(c[1].to_string()), num(2), num(3))
            .code(c.get(6).map(|m| m.as_str().to_string())),
    )
}

pub fn parse_text(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    let mut headline = None;
    for_each_line(input, &mut |n, l| {
        if l.trim().is_empty() || l.starts_with(' ') || l.starts_with('\t') {
            return Ok(());
        }
        if is_summary(l) {
            let c = SUMMARY.captures(l.trim_end());
            let errors = c
                .and_then(|c| c.get(1).map(|m| m.as_str().parse().unwrap_or(u64::MAX)))
                .unwrap_or(0);
            headline = Some(Headline {
                errors: Some(errors),
                warnings: None,
                notes: None,
                text: l.trim().to_string(),
            });
            return Ok(());
        }
        match diag_line(l) {
            Some(d) => {
                sink(d);
                Ok(())
            }
            None => Err(ParseError::at_line(
                n,
                1,
                format!(
                    "not a mypy line: `{}`",
                    l.chars().take(80).collect::<String>()
                ),
            )),
        }
    })?;
    // mypy ends its text output with a summary line, whatever it found: without one the
    // output was cut (or `--no-error-summary` was given), and a cut output counts too few.
    if headline.is_none() {
        return Err(ParseError::at_line(
            1,
            1,
            "mypy's summary line (`Found N errors in M files` or `Success: no issues found`) is \
             missing: the output is cut short (or mypy ran with `--no-error-summary`; drop it, or \
             use `--output json`)",
        ));
    }
    Ok(headline)
}

#[derive(Deserialize)]
struct JsonDiag {
    file: Option<String>,
    line: Option<i64>,
    column: Option<i64>,
    #[serde(default)]
    message: String,
    code: Option<String>,
    #[serde(default)]
    severity: String,
}

pub fn parse_json(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    json::each_value(input, &mut |d: JsonDiag| {
        let level = match d.severity.as_str() {
            "warning" => Level::Warning,
            "note" => Level::Note,
            _ => Level::Error,
        };
        let line = d.line.filter(|l| *l > 0).map(|l| l as u64);
        let col = d.column.filter(|c| *c >= 0).map(|c| c as u64 + 1);
        sink(
            Diag::new(level, d.message)
                .at(d.file, line, col)
                .code(d.code),
        );
    })?;
    Ok(None)
}
