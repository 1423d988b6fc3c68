//! Istanbul `coverage-final.json` (nyc, c8, Jest, Vitest). Lines are the start lines of statements,
//! each with the highest count of the statements starting there — as istanbul-lib-coverage's
//! `getLineCoverage` computes them. Each entry of `b` is a branch of its `branchMap` entry's line.

use super::coveragepy_json::json_err;
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, line_no};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::BufRead;

pub struct Istanbul;

#[derive(Deserialize)]
struct FileData {
    #[serde(default)]
    path: Option<String>,
    /// Older producers wrap the file's data in `{"data": {...}}`.
    #[serde(default)]
    data: Option<Box<FileData>>,
    #[serde(rename = "statementMap", default)]
    statement_map: BTreeMap<String, Loc>,
    #[serde(default)]
    s: BTreeMap<String, f64>,
    #[serde(rename = "branchMap", default)]
    branch_map: BTreeMap<String, BranchInfo>,
    #[serde(default)]
    b: BTreeMap<String, Vec<f64>>,
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

impl Parser for Istanbul {
    fn format(&self) -> Format {
        Format::Istanbul
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let root: BTreeMap<String, FileData> = serde_json::from_reader(input).map_err(json_err)?;
        for (key, e) in root {
            let d = match e.data {
                Some(d) => *d,
                None => e,
            };
            let mut cov = FileCov::default();
            for (id, loc) in &d.statement_map {
                let Some(l) = ln(loc.start.line) else {
                    continue;
                };
                let c = d.s.get(id).copied().unwrap_or(0.0);
                cov.line(l, count(c), Combine::Max);
            }
            for (id, counts) in &d.b {
                let info = d.branch_map.get(id);
                let line = info.and_then(|i| {
                    ln(i.loc.as_ref().and_then(|l| l.start.line))
                        .or_else(|| ln(i.line))
                        .or_else(|| ln(i.locations.first().and_then(|l| l.start.line)))
                });
                let Some(line) = line else { continue };
                for (i, &c) in counts.iter().enumerate() {
                    cov.branch(
                        line,
                        super::text_id(&format!("{id}:{i}")),
                        count(c),
                        Combine::Max,
                    );
                }
            }
            out.merge_file(d.path.unwrap_or(key), cov, Combine::Max);
        }
        Ok(())
    }
}
