//! Istanbul `coverage-final.json` (nyc, c8, Jest, Vitest). Lines are the start lines of statements,
//! each with the highest count of the statements starting there — as istanbul-lib-coverage's
//! `getLineCoverage` computes them. Each entry of `b` is a branch of its `branchMap` entry's line.
//! The top-level map is streamed: files are cut out of it in batches and parsed on other threads
//! ([`super::batched`]).
//!
//! A file entry without `statementMap` and `s`, a statement without a valid start line, or a
//! branch counted in `b` without a line is an error: skipping it could only hide uncovered code.

use super::batched::{Shape, read_entries};
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, line_no};
use crate::gates::reading::json::{Splitter, parse_value};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::BufRead;

pub struct Istanbul;

/// One member of the top-level map, at `at` in the report: the file's path and coverage.
fn parse_file(key: &str, raw: &[u8], at: u64) -> Result<(String, FileCov), ParseError> {
    let e: FileData = parse_value(std::marker::PhantomData, raw, at)?;
    let d = match e.data {
        Some(d) => *d,
        None => e,
    };
    let cov = file_cov(&d).map_err(|m| ParseError::at_offset(at, format!("file `{key}`: {m}")))?;
    Ok((d.path.unwrap_or_else(|| key.to_string()), cov))
}

#[derive(Deserialize)]
struct FileData {
    #[serde(default)]
    path: Option<String>,
    /// Older producers wrap the file's data in `{"data": {...}}`.
    #[serde(default)]
    data: Option<Box<FileData>>,
    #[serde(rename = "statementMap", default)]
    statement_map: Option<BTreeMap<String, Loc>>,
    #[serde(default)]
    s: Option<BTreeMap<String, f64>>,
    #[serde(rename = "branchMap", default)]
    branch_map: BTreeMap<String, BranchInfo>,
    #[serde(default)]
    b: BTreeMap<String, Vec<f64>>,
    #[serde(rename = "fnMap", default)]
    fn_map: BTreeMap<String, serde::de::IgnoredAny>,
    #[serde(default)]
    f: BTreeMap<String, f64>,
}

#[derive(Deserialize)]
struct Loc {
    start: Pos,
}

#[derive(Deserialize)]
struct Pos {
    #[serde(default)]
    line: Option<f64>,
}

#[derive(Deserialize)]
struct BranchInfo {
    #[serde(default)]
    line: Option<f64>,
    #[serde(default)]
    loc: Option<Loc>,
    #[serde(default)]
    locations: Vec<Loc>,
}

fn ln(v: Option<f64>) -> Option<u32> {
    let v = v?;
    if !(v.is_finite() && v >= 0.0) {
        return None;
    }
    line_no(v as u64)
}

fn count(v: f64) -> u64 {
    if v.is_finite() && v > 0.0 {
        v.ceil().min(u64::MAX as f64) as u64
    } else {
        0
    }
}

fn file_cov(d: &FileData) -> Result<FileCov, String> {
    let mut cov = FileCov::default();
    let (Some(statements), Some(s)) = (&d.statement_map, &d.s) else {
        return Err("no `statementMap` and `s` (a damaged report?)".into());
    };
    let mut st = (0u64, 0u64);
    for (id, loc) in statements {
        let Some(l) = ln(loc.start.line) else {
            return Err(format!("statement `{id}` has no valid start line"));
        };
        let c = s.get(id).copied().unwrap_or(0.0);
        cov.line(l, count(c), Combine::Max);
        // Statements: one count per file (a record per statement would cost ~40 bytes each).
        st.1 += 1;
        if count(c) > 0 {
            st.0 += 1;
        }
    }
    if st.1 > 0 {
        cov.element(super::Element::Statement, super::FILE_LEVEL, st.0, st.1);
    }
    for (id, &c) in &d.f {
        if !d.fn_map.is_empty() && !d.fn_map.contains_key(id) {
            return Err(format!("function `{id}` of `f` is not in `fnMap`"));
        }
        cov.element(
            super::Element::Function,
            super::text_id(&format!("fn:{id}")),
            u64::from(count(c) > 0),
            1,
        );
    }
    // Every branch point has its counts and one count per location, as Istanbul writes them: a
    // missing or short entry (a renamed `b`, a deleted count) would drop branches.
    for (id, info) in &d.branch_map {
        match d.b.get(id) {
            None => return Err(format!("branch `{id}` of `branchMap` has no counts in `b`")),
            Some(c) if !info.locations.is_empty() && c.len() != info.locations.len() => {
                return Err(format!(
                    "branch `{id}` has {} locations in `branchMap` but {} counts in `b`",
                    info.locations.len(),
                    c.len()
                ));
            }
            Some(_) => {}
        }
    }
    for (id, counts) in &d.b {
        let info = d.branch_map.get(id);
        let line = info.and_then(|i| {
            ln(i.loc.as_ref().and_then(|l| l.start.line))
                .or_else(|| ln(i.line))
                .or_else(|| ln(i.locations.first().and_then(|l| l.start.line)))
        });
        let Some(line) = line else {
            return Err(format!("branch `{id}` has no line in `branchMap`"));
        };
        for (i, &c) in counts.iter().enumerate() {
            cov.branch(
                line,
                super::text_id(&format!("{id}:{i}")),
                count(c),
                Combine::Max,
            );
        }
    }
    Ok(cov)
}

impl Parser for Istanbul {
    fn format(&self) -> Format {
        Format::Istanbul
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut s = Splitter::new(input);
        read_entries(
            &mut s,
            Shape::Map,
            "a map of file paths to Istanbul file coverage",
            |e| parse_file(e.key, e.raw, e.at),
            |(path, cov)| {
                out.merge_file(path, cov, Combine::Max);
                Ok(())
            },
        )?;
        s.end()
    }
}
