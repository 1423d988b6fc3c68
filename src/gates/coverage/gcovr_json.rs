//! gcovr JSON (`gcovr --json`, `"gcovr/format_version": "0.x"`). Each entry of `files` has
//! `lines[]`, each with `line_number`, `count` and `branches[]` (each with its `count`). Figures
//! are those of gcovr's own text summary: a line marked `gcovr/excluded` (a `GCOVR_EXCL_*`
//! marker) or `gcovr/noncode` (gcovr 5–6) is not a coverable line and its branches do not count;
//! a branch marked `gcovr/excluded` does not count. gcovr 8 may list one line several times (once
//! per function, e.g. template instances): the line counts once, with the sum of the hits, and its
//! branches merge by gcovr's branch key, as gcovr's `--merge-lines` counts them (gcovr 5 and 6,
//! and gcovr's LCOV `BRF`/`BRH`, count so too; gcovr 8's default text summary counts such a line
//! once per function — a documented difference, since gatekeep's model is one record per line).
//!
//! The JSON summary (`--json-summary`) has only per-file totals and is not read (see
//! `detect.rs`). Keys that gcovr does not write are an error, since a renamed key may hold data;
//! `functions`, `conditions`, `calls`, `gcovr/decision` and the other per-line details that are
//! not line or branch coverage are skipped. The `files` array is streamed: files are cut out of it
//! in batches and parsed on other threads ([`super::batched`]).

use super::batched::read_file_array;
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, line_no};
use crate::gates::reading::json::{Splitter, parse_value};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::io::BufRead;

pub struct GcovrJson;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GFile {
    file: String,
    lines: Vec<GLine>,
    #[serde(default)]
    #[allow(dead_code)]
    functions: Option<IgnoredAny>,
    #[serde(rename = "gcovr/data_sources", default)]
    #[allow(dead_code)]
    data_sources: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct GLine {
    line_number: u64,
    count: u64,
    branches: Vec<GBranch>,
    #[serde(default)]
    function_name: Option<IgnoredAny>,
    #[serde(default)]
    block_ids: Option<IgnoredAny>,
    #[serde(default)]
    conditions: Option<IgnoredAny>,
    #[serde(default)]
    calls: Option<IgnoredAny>,
    #[serde(rename = "gcovr/decision", default)]
    decision: Option<IgnoredAny>,
    #[serde(rename = "gcovr/md5", default)]
    md5: Option<IgnoredAny>,
    #[serde(rename = "gcovr/data_sources", default)]
    data_sources: Option<IgnoredAny>,
    #[serde(rename = "gcovr/excluded", default)]
    excluded: bool,
    #[serde(rename = "gcovr/noncode", default)]
    noncode: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct GBranch {
    count: u64,
    #[serde(default)]
    branchno: Option<i64>,
    #[serde(default)]
    blockno: Option<IgnoredAny>,
    #[serde(default)]
    fallthrough: Option<IgnoredAny>,
    #[serde(default)]
    throw: Option<IgnoredAny>,
    #[serde(default)]
    source_block_id: Option<i64>,
    #[serde(default)]
    destination_block_id: Option<i64>,
    #[serde(rename = "gcovr/data_sources", default)]
    data_sources: Option<IgnoredAny>,
    #[serde(rename = "gcovr/excluded", default)]
    excluded: bool,
}

/// One element of `files`, at `at` in the report.
fn parse_file(raw: &[u8], at: u64) -> Result<(String, FileCov), ParseError> {
    let f: GFile = parse_value(std::marker::PhantomData, raw, at)?;
    if f.file.is_empty() {
        return Err(ParseError::at_offset(
            at,
            "a file entry with an empty `file`",
        ));
    }
    let cov =
        file_cov(&f).map_err(|m| ParseError::at_offset(at, format!("file `{}`: {m}", f.file)))?;
    Ok((f.file, cov))
}

fn file_cov(f: &GFile) -> Result<FileCov, String> {
    let mut cov = FileCov::default();
    for l in &f.lines {
        let line = match line_no(l.line_number) {
            Some(n) if n > 0 => n,
            _ => return Err(format!("line number {} is out of range", l.line_number)),
        };
        if l.excluded || l.noncode {
            continue;
        }
        cov.line(line, l.count, Combine::Add);
        for (i, b) in l.branches.iter().enumerate() {
            if b.excluded {
                continue;
            }
            // gcovr's branch key (branchno, source block, destination block), or the position
            // in formats before `branchno`: the entries of one line merge by it.
            let id = match b.branchno {
                Some(n) => format!(
                    "gcovr:{n}:{}:{}",
                    b.source_block_id.unwrap_or(-1),
                    b.destination_block_id.unwrap_or(-1)
                ),
                None => format!("gcovr:#{i}"),
            };
            cov.branch(line, super::text_id(&id), b.count, Combine::Add);
        }
    }
    Ok(cov)
}

impl Parser for GcovrJson {
    fn format(&self) -> Format {
        Format::GcovrJson
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut s = Splitter::new(input);
        s.begin_object("a gcovr JSON object")?;
        let mut version: Option<String> = None;
        let mut seen_files = false;
        while let Some((key, at)) = s.next_key()? {
            match key.as_str() {
                "gcovr/format_version" => {
                    if version.is_some() {
                        return Err(ParseError::at_offset(
                            at,
                            "duplicate field `gcovr/format_version`",
                        ));
                    }
                    let mut raw = Vec::new();
                    let at = s.raw_value(&mut raw)?;
                    version = Some(parse_value(std::marker::PhantomData, &raw, at)?);
                }
                "files" => {
                    if seen_files {
                        return Err(ParseError::at_offset(at, "duplicate field `files`"));
                    }
                    seen_files = true;
                    read_file_array(
                        &mut s,
                        "an array of gcovr file coverage",
                        parse_file,
                        out,
                        Combine::Add,
                    )?;
                }
                other => {
                    return Err(ParseError::at_offset(
                        at,
                        format!(
                            "unknown key `{other}` in a gcovr JSON report (a damaged report, or a gcovr --json-compare or summary file)"
                        ),
                    ));
                }
            }
        }
        let end = s.offset();
        s.end()?;
        match version {
            None => {
                return Err(ParseError::at_offset(
                    end,
                    "missing field `gcovr/format_version`",
                ));
            }
            Some(v) if !v.starts_with("0.") => {
                return Err(ParseError::at_offset(
                    end,
                    format!("unknown gcovr JSON format_version `{v}` (gatekeep reads 0.x)"),
                ));
            }
            Some(_) => {}
        }
        if !seen_files {
            return Err(ParseError::at_offset(end, "missing field `files`"));
        }
        Ok(())
    }
}
