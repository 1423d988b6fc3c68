//! coverage.py JSON (`coverage json`). Lines are `executed_lines + missing_lines`; branches are the
//! arcs in `executed_branches` and `missing_branches`, keyed by (from line, to line). The
//! per-function and per-class sections (copies of the file's lines) are not read. `totals` is the
//! headline. The `files` map is streamed: each file's entry is read, merged into the
//! [`ReportData`] and dropped before the next.

use super::{Combine, FileCov, Format, Headline, ParseError, Parser, ReportData, line_no};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::io::BufRead;

pub struct CoveragepyJson;

/// The top-level object: `files` is read one file at a time straight into the [`ReportData`];
/// `totals` becomes the headline; everything else is skipped.
struct Root<'a> {
    out: &'a mut ReportData,
}

/// The `files` map, one entry at a time.
struct Files<'a> {
    out: &'a mut ReportData,
}

#[derive(Deserialize)]
struct PyFile {
    executed_lines: Vec<u64>,
    missing_lines: Vec<u64>,
    /// Both present with `--branch`, both absent without: one alone is a damaged report.
    #[serde(default)]
    executed_branches: Option<Vec<(i64, i64)>>,
    #[serde(default)]
    missing_branches: Option<Vec<(i64, i64)>>,
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

impl<'de> Visitor<'de> for Root<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a coverage.py JSON report object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen_files = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "files" => {
                    if seen_files {
                        return Err(de::Error::duplicate_field("files"));
                    }
                    seen_files = true;
                    map.next_value_seed(Files {
                        out: &mut *self.out,
                    })?;
                }
                "totals" => {
                    if let Some(t) = map.next_value::<Option<Summary>>()? {
                        self.out.headline = Some(headline(t));
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_files {
            return Err(de::Error::missing_field("files"));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Files<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Files<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of file paths to file coverage")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(path) = map.next_key::<String>()? {
            let f: PyFile = map.next_value()?;
            let cov = file_cov(&f).map_err(de::Error::custom)?;
            drop(f);
            self.out.merge_file(path, cov, Combine::Max);
        }
        Ok(())
    }
}

fn file_cov(f: &PyFile) -> Result<FileCov, String> {
    let mut cov = FileCov::default();
    for &l in &f.executed_lines {
        cov.line(line(l)?, 1, Combine::Max);
    }
    for &l in &f.missing_lines {
        cov.line(line(l)?, 0, Combine::Max);
    }
    let empty = Vec::new();
    let (executed, missing) = match (&f.executed_branches, &f.missing_branches) {
        (Some(e), Some(m)) => (e, m),
        (None, None) => (&empty, &empty),
        _ => {
            return Err(
                "`executed_branches` without `missing_branches` or the reverse (a damaged report?)"
                    .into(),
            );
        }
    };
    for (arcs, hit) in [(executed, 1u64), (missing, 0)] {
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
    Ok(cov)
}

fn headline(t: Summary) -> Headline {
    Headline {
        what: "totals".into(),
        lines: Some((t.covered_lines, t.num_statements)),
        branches: match (t.covered_branches, t.num_branches) {
            (Some(c), Some(n)) => Some((c, n)),
            _ => None,
        },
        line_rate: None,
    }
}

/// Reads a JSON document from `input` with `visitor` as its top-level object, rejecting
/// trailing garbage. serde_json's errors keep their line and column.
pub fn stream_object<'de, V: Visitor<'de, Value = ()>>(
    input: &mut dyn BufRead,
    visitor: V,
) -> Result<(), ParseError> {
    let mut de = serde_json::Deserializer::from_reader(input);
    (&mut de).deserialize_map(visitor).map_err(json_err)?;
    de.end().map_err(json_err)
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

fn line(v: u64) -> Result<u32, String> {
    line_no(v).ok_or_else(|| format!("line number {v} is out of range"))
}

impl Parser for CoveragepyJson {
    fn format(&self) -> Format {
        Format::CoveragepyJson
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        stream_object(input, Root { out })
    }
}
