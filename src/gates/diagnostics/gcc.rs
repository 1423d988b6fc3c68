//! GCC and Clang text: `file:line:col: error|warning|note|fatal error: message [-Wflag]`.
//! Everything else in a build log (commands, `In function …`, source excerpts, `make` lines) is
//! skipped. The bracketed flag is the code.

use super::{Diag, Level, Parsed, Sink, for_each_line};
use regex::Regex;
use std::sync::LazyLock;

static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning|note): (.*?)(?: \[([^\[\]\s]+)\])?$",
    )
    .expect("static regex")
});

pub fn diag_line(l: &str) -> Option<Diag> {
    let c = LINE.captures(l)?;
    let level = match &c[4] {
        "warning" => Level::Warning,
        "note" => Level::Note,
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
    for_each_line(input, &mut |_, l| {
        if let Some(d) = diag_line(l) {
            sink(d);
        }
        Ok(())
    })?;
    Ok(None)
}
