//! Ruff `--output-format json`: an array of violations (`code`, `message`, `filename`,
//! `location.row`/`column`, 1-based). Every violation makes Ruff fail: each is an error. A syntax
//! error has no `code`.

use super::{Diag, Level, Parsed, Sink, json};
use serde::Deserialize;

#[derive(Deserialize)]
struct Violation {
    code: Option<String>,
    #[serde(default)]
    message: String,
    #[serde(default)]
    filename: String,
    location: Option<Loc>,
}

#[derive(Deserialize)]
struct Loc {
    row: Option<u64>,
    column: Option<u64>,
}

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    json::each_in_array(input, &mut |v: Violation| {
        let (line, col) = v.location.map_or((None, None), |l| (l.row, l.column));
        sink(
            Diag::new(Level::Error, v.message)
                .at(Some(v.filename), line, col)
                .code(v.code),
        );
    })?;
    Ok(None)
}
