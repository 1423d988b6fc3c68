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
//! not line or branch coverage are skipped. The `files` array is streamed, one file at a time.

use super::coveragepy_json::stream_object;
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, line_no};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::BufRead;

pub struct GcovrJson;

struct Root<'a> {
    out: &'a mut ReportData,
}

struct Files<'a> {
    out: &'a mut ReportData,
}

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

impl<'de> Visitor<'de> for Root<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a gcovr JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut version: Option<String> = None;
        let mut seen_files = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "gcovr/format_version" => {
                    if version.is_some() {
                        return Err(de::Error::duplicate_field("gcovr/format_version"));
                    }
                    version = Some(map.next_value()?);
                }
                "files" => {
                    if seen_files {
                        return Err(de::Error::duplicate_field("files"));
                    }
                    seen_files = true;
                    map.next_value_seed(Files {
                        out: &mut *self.out,
                    })?;
                }
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown key `{other}` in a gcovr JSON report (a damaged report, or a gcovr --json-compare or summary file)"
                    )));
                }
            }
        }
        match version {
            None => return Err(de::Error::missing_field("gcovr/format_version")),
            Some(v) if !v.starts_with("0.") => {
                return Err(de::Error::custom(format!(
                    "unknown gcovr JSON format_version `{v}` (gatekeep reads 0.x)"
                )));
            }
            Some(_) => {}
        }
        if !seen_files {
            return Err(de::Error::missing_field("files"));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Files<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Files<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of gcovr file coverage")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(f) = seq.next_element::<GFile>()? {
            if f.file.is_empty() {
                return Err(de::Error::custom("a file entry with an empty `file`"));
            }
            let cov =
                file_cov(&f).map_err(|m| de::Error::custom(format!("file `{}`: {m}", f.file)))?;
            self.out.merge_file(f.file, cov, Combine::Add);
        }
        Ok(())
    }
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
        stream_object(input, Root { out })
    }
}
