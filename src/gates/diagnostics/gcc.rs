//! GCC and Clang text: `file:line:col: error|warning|note|fatal error: message [-Wflag]`
//! (also `internal compiler error`, `sorry, unimplemented` as errors and Clang's `remark` as a
//! note). Everything else in a build log (commands, `In function …`, source excerpts, `make`
//! lines) is skipped, but a line shaped like a diagnostic whose severity is none of these (a
//! damaged `warnng:`) is an error: skipping it would drop a diagnostic. The bracketed flag is the
//! code. The text has no count of its own, so a log cut at a line boundary cannot be told from
//! a shorter one: gate the tool's exit code too, or read a JSON or SARIF form where one exists.

use super::{Diag, Level, ParseError, Parsed, Sink, for_each_line};
use regex::Regex;
use std::sync::LazyLock;

static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(.+?):(\d+):(?:(\d+):)? (fatal error|internal compiler error|sorry, unimplemented|error|warning|note|remark): (.*?)(?: \[([^\[\]\s]+)\])?$",
    )
    .expect("static regex")
});

/// A line shaped like a diagnostic: a location, one space, a lower-case word or two, a colon.
static SHAPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\S[^:]*:\d+:(?:\d+:)? [a-z][a-z ,]{0,30}: ").expect("static regex")
});

pub fn diag_line(l: &str) -> Option<Diag> {
    let c = LINE.captures(l)?;
    let level = match &c[4] {
        "warning" => Level::Warning,
        "note" | "remark" => Level::Note,
        _ => Level::Error,
    };
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse().ok());
    let code = c.get(6).map(|m| m.as_str().to_string());
    // `-Werror=foo` names the warning `-Wfoo` turned into an error.
    let code = code.map(|c| match c.strip_prefix("-Werror=") {
        Some(w) => format!("-W{w}"),
        None => c,
    });
    Some(
        Diag::new(level, &c[5])
            .at(Some(c[1].to_string()), num(2), num(3))
            .code(code),
    )
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    for_each_line(input, &mut |n, l| {
        if let Some(d) = diag_line(l) {
            sink(d);
        } else if SHAPED.is_match(l) {
            return Err(ParseError::at_line(
                n,
                1,
                format!(
                    "a diagnostic line with an unknown severity: `{}`",
                    l.chars().take(80).collect::<String>()
                ),
            ));
        }
        Ok(())
    })?;
    Ok(None)
}
