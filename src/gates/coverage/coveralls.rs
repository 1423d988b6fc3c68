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
//! length is not a multiple of 4 is an error. The array is streamed, one source file at a time.

use super::coveragepy_json::stream_object;
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, line_no};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::BufRead;

pub struct Coveralls;

struct Root<'a> {
    out: &'a mut ReportData,
}

struct Files<'a> {
    out: &'a mut ReportData,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    name: String,
    coverage: Vec<Option<u64>>,
    #[serde(default)]
    branches: Option<Vec<u64>>,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<IgnoredAny>,
    #[serde(default)]
    #[allow(dead_code)]
    source_digest: Option<IgnoredAny>,
}

impl<'de> Visitor<'de> for Root<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Coveralls JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "source_files" {
                if seen {
                    return Err(de::Error::duplicate_field("source_files"));
                }
                seen = true;
                map.next_value_seed(Files {
                    out: &mut *self.out,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !seen {
            return Err(de::Error::missing_field("source_files"));
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
        f.write_str("an array of Coveralls source files")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(f) = seq.next_element::<SourceFile>()? {
            let cov = file_cov(&f)
                .map_err(|m| de::Error::custom(format!("source file `{}`: {m}", f.name)))?;
            if f.name.is_empty() {
                return Err(de::Error::custom("a source file with an empty `name`"));
            }
            self.out.merge_file(f.name, cov, Combine::Add);
        }
        Ok(())
    }
}

fn file_cov(f: &SourceFile) -> Result<FileCov, String> {
    let mut cov = FileCov::default();
    for (i, hits) in f.coverage.iter().enumerate() {
        if let Some(h) = hits {
            let line =
                line_no(i as u64 + 1).ok_or_else(|| format!("line {} is out of range", i + 1))?;
            cov.line(line, *h, Combine::Add);
        }
    }
    if let Some(b) = &f.branches {
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
            cov.branch(
                line,
                super::text_id(&format!("coveralls:{block}:{branch}")),
                hits,
                Combine::Add,
            );
        }
    }
    Ok(cov)
}

impl Parser for Coveralls {
    fn format(&self) -> Format {
        Format::Coveralls
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        stream_object(input, Root { out })
    }
}
