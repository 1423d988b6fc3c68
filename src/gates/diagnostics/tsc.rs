//! TypeScript `tsc --pretty false`: `file(line,col): error TS2304: message`, a message chain's
//! further lines indented below it, and global diagnostics without a file (`error TS5058: …`).
//! `--pretty` output ends with `Found N errors in M files.`, tsc's own count.

use super::{Diag, Headline, Level, ParseError, Parsed, Sink, for_each_line};
use regex::Regex;
use std::sync::LazyLock;

static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(.+?)\((\d+),(\d+)\): )?(error|warning|message|suggestion) (TS\d+): (.*)$")
        .expect("static regex")
});
static FOUND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Found (\d+) errors?(?: in | \.|\.|$)").expect("static regex"));

/// Whether a line is a tsc diagnostic (with a file position, or a global one).
pub fn is_line(l: &str) -> bool {
    LINE.is_match(l)
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    let mut pending: Option<Diag> = None;
    let mut headline = None;
    for_each_line(input, &mut |n, l| {
        if l.trim().is_empty() {
            return Ok(());
        }
        if l.starts_with(' ') || l.starts_with('\t') {
            // A message chain's next line.
            return match &mut pending {
                Some(d) => {
                    d.message.push('\n');
                    d.message.push_str(l.trim());
                    Ok(())
                }
                None => Err(ParseError::at_line(
                    n,
                    1,
                    "an indented line before any diagnostic",
                )),
            };
        }
        if let Some(c) = FOUND.captures(l) {
            let errors = c[1].parse().unwrap_or(u64::MAX);
            headline = Some(Headline {
                errors: Some(errors),
                warnings: None,
                notes: None,
                text: l.trim().to_string(),
            });
            return Ok(());
        }
        let Some(c) = LINE.captures(l) else {
            return Err(ParseError::at_line(
                n,
                1,
                format!(
                    "not a tsc diagnostic line: `{}`",
                    l.chars().take(80).collect::<String>()
                ),
            ));
        };
        if let Some(d) = pending.take() {
            sink(d);
        }
        let level = match &c[4] {
            "error" => Level::Error,
            "warning" => Level::Warning,
            _ => Level::Note,
        };
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse().ok());
        pending = Some(
            Diag::new(level, &c[6])
                .at(c.get(1).map(|m| m.as_str().to_string()), num(2), num(3))
                .code(Some(c[5].to_string())),
        );
        Ok(())
    })?;
    if let Some(d) = pending.take() {
        sink(d);
    }
    Ok(headline)
}
