//! Coveralls JSON (the body of a Coveralls `jobs` request: coveralls-python `--output`, gcovr
//! `--coveralls`, node-coveralls `--stdout`). Each entry of `source_files` has a `coverage` array
//! with one element per source line: `null` is not a relevant line, a number is its hits. The
//! optional `branches` array is flat: `[line, block, branch, hits, line, block, branch, hits, …]`.
//! Figures are those Coveralls computes: relevant lines and the lines with hits > 0, branches
//! and the branches with hits > 0.
//!
//! Everything outside `source_files` is the job's metadata (service, git, run_at) and is skipped.
//! Inside a source file only `name`, `coverage`, `branches`, `source` and `source_digest` are
//! known: any other key, a count that is not a non-negative integer, or a `branches` array whose
//! length is not a multiple of 4 is an error. The array is streamed: source files are cut out of it
//! in batches and parsed on other threads ([`super::batched`]).

use super::batched::read_file_array;
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, Slots, line_no};
use crate::gates::reading::json::{Splitter, parse_value};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::io::BufRead;

pub struct Coveralls;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    name: String,
    coverage: Slots,
    #[serde(default)]
    branches: Option<Vec<u64>>,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<IgnoredAny>,
    #[serde(default)]
    #[allow(dead_code)]
    source_digest: Option<IgnoredAny>,
}

/// One element of `source_files`, at `at` in the report.
fn parse_file(raw: &[u8], at: u64) -> Result<(String, FileCov), ParseError> {
    let f: SourceFile = parse_value(std::marker::PhantomData, raw, at)?;
    let cov = file_cov(f.coverage.0, f.branches.as_deref())
        .map_err(|m| ParseError::at_offset(at, format!("source file `{}`: {m}", f.name)))?;
    if f.name.is_empty() {
        return Err(ParseError::at_offset(
            at,
            "a source file with an empty `name`",
        ));
    }
    Ok((f.name, cov))
}

fn file_cov(lines: Vec<u32>, branches: Option<&[u64]>) -> Result<FileCov, String> {
    let mut cov = FileCov::from_line_slots(lines);
    if let Some(b) = branches {
        if b.len() % 4 != 0 {
            return Err(format!(
                "`branches` has {} numbers, not a multiple of 4 ([line, block, branch, hits] each)",
                b.len()
            ));
        }
        for q in b.chunks_exact(4) {
            let (line, block, branch, hits) = (q[0], q[1], q[2], q[3]);
            let line = match line_no(line) {
                Some(l) if l > 0 => l,
                _ => return Err(format!("branch line {line} is out of range")),
            };
            cov.branch(line, branch_id(block, branch), hits, Combine::Add);
        }
    }
    Ok(cov)
}

/// [`super::text_id`] of `coveralls:{block}:{branch}`, without building the string.
fn branch_id(block: u64, branch: u64) -> u64 {
    let (mut a, mut b) = ([0u8; 40], [0u8; 40]);
    super::text_id_parts(&[
        b"coveralls:",
        super::decimal(i128::from(block), &mut a),
        b":",
        super::decimal(i128::from(branch), &mut b),
    ])
}

impl Parser for Coveralls {
    fn format(&self) -> Format {
        Format::Coveralls
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut s = Splitter::new(input);
        s.begin_object("a Coveralls JSON object")?;
        let mut seen = false;
        while let Some((key, at)) = s.next_key()? {
            if key != "source_files" {
                s.skip_value()?;
                continue;
            }
            if seen {
                return Err(ParseError::at_offset(at, "duplicate field `source_files`"));
            }
            seen = true;
            read_file_array(
                &mut s,
                "an array of Coveralls source files",
                parse_file,
                out,
                Combine::Add,
            )?;
        }
        if !seen {
            return Err(ParseError::at_offset(
                s.offset(),
                "missing field `source_files`",
            ));
        }
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_ids_are_text_ids() {
        for (block, branch) in [(0, 0), (7, 12), (u64::MAX, 10)] {
            assert_eq!(
                branch_id(block, branch),
                super::super::text_id(&format!("coveralls:{block}:{branch}"))
            );
        }
    }
}
