//! coverage.py JSON (`coverage json`). Lines are `executed_lines + missing_lines`; branches are the
//! arcs in `executed_branches` and `missing_branches`, keyed by (from line, to line). The
//! per-function and per-class sections (copies of the file's lines) are not read. `totals` is the
//! headline.

use super::{Combine, FileCov, Format, Headline, ParseError, Parser, ReportData, line_no};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::BufRead;

pub struct CoveragepyJson;

#[derive(Deserialize)]
struct Root {
    files: BTreeMap<String, PyFile>,
    #[serde(default)]
    totals: Option<Summary>,
}

#[derive(Deserialize)]
struct PyFile {
    executed_lines: Vec<u64>,
    missing_lines: Vec<u64>,
    #[serde(default)]
    executed_branches: Vec<(i64, i64)>,
    #[serde(default)]
    missing_branches: Vec<(i64, i64)>,
}

#[derive(Deserialize)]
struct Summary {
    covered_lines: u64,
    num_statements: u64,
    #[serde(default)]
    num_branches: Option<u64>,
    #[serde(default)]
    covered_branches: Option<u64>,
}

pub fn json_err(e: serde_json::Error) -> ParseError {
    let msg = match e.classify() {
        serde_json::error::Category::Eof => {
            format!("unexpected end of file (truncated report?): {e}")
        }
        _ => format!("{e}"),
    };
    // serde_json appends " at line L column C"; the position is reported separately.
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    ParseError::at_line(e.line().max(1) as u64, e.column().max(1) as u64, msg)
}

fn line(v: u64) -> Result<u32, ParseError> {
    line_no(v).ok_or_else(|| ParseError::at_line(1, 1, format!("line number {v} is out of range")))
}

impl Parser for CoveragepyJson {
    fn format(&self) -> Format {
        Format::CoveragepyJson
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let root: Root = serde_json::from_reader(input).map_err(json_err)?;
        for (path, f) in root.files {
            let mut cov = FileCov::default();
            for &l in &f.executed_lines {
                cov.line(line(l)?, 1, Combine::Max);
            }
            for &l in &f.missing_lines {
                cov.line(line(l)?, 0, Combine::Max);
            }
            for (arcs, hit) in [(&f.executed_branches, 1u64), (&f.missing_branches, 0)] {
                for &(from, to) in arcs {
                    let Ok(from) = u64::try_from(from) else {
                        continue;
                    };
                    cov.branch(
                        line(from)?,
                        super::text_id(&to.to_string()),
                        hit,
                        Combine::Max,
                    );
                }
            }
            out.merge_file(path, cov, Combine::Max);
        }
        if let Some(t) = root.totals {
            out.headline = Some(Headline {
                what: "totals".into(),
                lines: Some((t.covered_lines, t.num_statements)),
                branches: match (t.covered_branches, t.num_branches) {
                    (Some(c), Some(n)) => Some((c, n)),
                    _ => None,
                },
                line_rate: None,
            });
        }
        Ok(())
    }
}
