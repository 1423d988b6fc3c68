//! llvm-cov export JSON (`llvm-cov export`, `cargo llvm-cov --json`). Lines follow llvm-cov's own
//! line algorithm (`LineCoverageStats`) over each file's segments; each branch record gives two
//! branches (true and false), as llvm-cov counts them. The files' `summary` is the headline.
//! `data[].files[]` is streamed: files are cut out of it in batches and parsed on other threads
//! ([`super::batched`]); the `functions` arrays are checked and skipped.

use super::batched::{Shape, read_entries};
use super::{Combine, FileCov, Format, Headline, ParseError, Parser, ReportData, line_no};
use crate::gates::reading::json::{Splitter, parse_value};
use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::io::BufRead;

pub struct LlvmCov;

/// Where the streamed files go, and the sum of their summaries.
struct Sink<'a> {
    out: &'a mut ReportData,
    head: Headline,
}

#[derive(Deserialize)]
struct File {
    filename: String,
    /// Always written by llvm-cov export; a file without them is a damaged report.
    segments: Vec<Seg>,
    #[serde(default)]
    branches: Vec<Branch>,
    #[serde(default)]
    summary: Option<Summary>,
}

#[derive(Deserialize)]
struct Summary {
    lines: Option<CountCovered>,
    branches: Option<CountCovered>,
}

#[derive(Deserialize)]
struct CountCovered {
    count: u64,
    covered: u64,
}

/// `[line, col, count, hasCount, isRegionEntry, isGapRegion?]`
#[derive(Clone, Copy, Debug)]
struct Seg {
    line: u64,
    count: u64,
    has_count: bool,
    entry: bool,
    gap: bool,
}

/// `[line, col, endLine, endCol, trueCount, falseCount, ...]`
struct Branch {
    line: u64,
    t: u64,
    f: u64,
}

fn num<'de, A: SeqAccess<'de>>(seq: &mut A, what: &str) -> Result<u64, A::Error> {
    let v: f64 = seq
        .next_element()?
        .ok_or_else(|| de::Error::custom(format!("missing {what}")))?;
    if !(v.is_finite() && v >= 0.0) {
        return Err(de::Error::custom(format!("bad {what}")));
    }
    Ok(v.min(u64::MAX as f64) as u64)
}

fn flag<'de, A: SeqAccess<'de>>(seq: &mut A) -> Result<Option<bool>, A::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        B(bool),
        N(f64),
    }
    Ok(seq.next_element::<B>()?.map(|b| match b {
        B::B(b) => b,
        B::N(n) => n != 0.0,
    }))
}

impl<'de> Deserialize<'de> for Seg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Seg;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a segment [line, col, count, hasCount, isRegionEntry, isGapRegion]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Seg, A::Error> {
                let line = num(&mut seq, "line")?;
                let _col = num(&mut seq, "column")?;
                let count = num(&mut seq, "count")?;
                let has_count =
                    flag(&mut seq)?.ok_or_else(|| de::Error::custom("missing hasCount"))?;
                let entry =
                    flag(&mut seq)?.ok_or_else(|| de::Error::custom("missing isRegionEntry"))?;
                let gap = flag(&mut seq)?.unwrap_or(false);
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Seg {
                    line,
                    count,
                    has_count,
                    entry,
                    gap,
                })
            }
        }
        d.deserialize_seq(V)
    }
}

impl<'de> Deserialize<'de> for Branch {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Branch;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a branch [line, col, endLine, endCol, trueCount, falseCount, ...]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Branch, A::Error> {
                let line = num(&mut seq, "line")?;
                let _ = num(&mut seq, "column")?;
                let _ = num(&mut seq, "end line")?;
                let _ = num(&mut seq, "end column")?;
                let t = num(&mut seq, "true count")?;
                let f = num(&mut seq, "false count")?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Branch { line, t, f })
            }
        }
        d.deserialize_seq(V)
    }
}

/// llvm-cov's line coverage from sorted segments: (line, hits) for every mapped line.
fn lines_of(segs: &[Seg]) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    let Some(first) = segs.first() else {
        return out;
    };
    let start_of_region = |s: &Seg| !s.gap && s.has_count && s.entry;
    let mut wrapped: Option<Seg> = None;
    let mut i = 0usize;
    let mut line = first.line;
    let mut prev_line_segs: Option<Seg> = None;
    while i < segs.len() {
        if let Some(last) = prev_line_segs.take() {
            wrapped = Some(last);
        }
        let begin = i;
        while i < segs.len() && segs[i].line == line {
            i += 1;
        }
        let here = &segs[begin..i];
        let min_regions = here.iter().filter(|s| start_of_region(s)).count();
        let skipped = here.first().is_some_and(|s| !s.has_count && s.entry);
        let mut mapped = !skipped && (wrapped.is_some_and(|w| w.has_count) || min_regions > 0);
        mapped |= here.iter().any(|s| s.entry && s.has_count);
        if mapped {
            let mut count = wrapped.map_or(0, |w| w.count);
            if min_regions > 0 {
                for s in here.iter().filter(|s| start_of_region(s)) {
                    count = count.max(s.count);
                }
            }
            out.push((line, count));
        }
        if let Some(last) = here.last() {
            prev_line_segs = Some(*last);
        }
        line += 1;
        if line > super::MAX_LINE {
            break;
        }
    }
    out
}

/// One file's records as the model's, with its summary; the file's segments are dropped here.
/// A line number out of range, or branches counted in the summary but absent, is an error:
/// dropping them could only make coverage look better.
fn convert(f: File) -> Result<(String, FileCov, Option<Summary>), String> {
    let mut cov = FileCov::default();
    let mut segs = f.segments;
    if let Some(s) = segs.iter().find(|s| line_no(s.line).is_none()) {
        return Err(format!(
            "{}: segment line {} is out of range",
            f.filename, s.line
        ));
    }
    let summary_branches = f
        .summary
        .as_ref()
        .and_then(|s| s.branches.as_ref())
        .map_or(0, |b| b.count);
    if f.branches.is_empty() && summary_branches > 0 {
        return Err(format!(
            "{}: the summary counts {summary_branches} branches but the file lists none",
            f.filename
        ));
    }
    segs.sort_by_key(|s| s.line);
    for (l, c) in lines_of(&segs) {
        let Some(l) = line_no(l) else { continue };
        cov.line(l, c, Combine::Max);
    }
    drop(segs);
    for (i, b) in f.branches.iter().enumerate() {
        let Some(l) = line_no(b.line) else {
            return Err(format!(
                "{}: branch line {} is out of range",
                f.filename, b.line
            ));
        };
        // Ids of their own (bit 60), apart from LCOV's block/branch numbers.
        let id = ((i as u64) << 1) | (1 << 60);
        cov.branch(l, id, b.t, Combine::Max);
        cov.branch(l, id | 1, b.f, Combine::Max);
    }
    Ok((f.filename, cov, f.summary))
}

impl Sink<'_> {
    /// Merges one converted file and adds its summary to the headline.
    fn add(&mut self, (filename, cov, summary): (String, FileCov, Option<Summary>)) {
        let head = &mut self.head;
        match summary {
            Some(s) => {
                if let (Some(h), Some(l)) = (head.lines.as_mut(), s.lines) {
                    h.0 = h.0.saturating_add(l.covered);
                    h.1 = h.1.saturating_add(l.count);
                }
                if let (Some(h), Some(b)) = (head.branches.as_mut(), s.branches) {
                    h.0 = h.0.saturating_add(b.covered);
                    h.1 = h.1.saturating_add(b.count);
                }
            }
            None => {
                head.lines = None;
                head.branches = None;
            }
        }
        self.out.merge_file(filename, cov, Combine::Max);
    }

    /// Reads the `data` array (the reader is at it): each export's `files` are read in
    /// batches; its `functions` and `totals` are skipped.
    fn read_exports(&mut self, s: &mut Splitter<'_>) -> Result<(), ParseError> {
        s.begin_array("a sequence of exports")?;
        while s.next_element()? {
            s.begin_object("an export object")?;
            let mut seen = false;
            while let Some((key, at)) = s.next_key()? {
                if key != "files" {
                    s.skip_value()?;
                    continue;
                }
                if seen {
                    return Err(ParseError::at_offset(at, "duplicate field `files`"));
                }
                seen = true;
                read_entries(
                    s,
                    Shape::Array,
                    "a sequence of files",
                    |e| {
                        let f: File = parse_value(std::marker::PhantomData, e.raw, e.at)?;
                        convert(f).map_err(|m| ParseError::at_offset(e.at, m))
                    },
                    |file| {
                        self.add(file);
                        Ok(())
                    },
                )?;
            }
            if !seen {
                return Err(ParseError::at_offset(s.offset(), "missing field `files`"));
            }
        }
        Ok(())
    }
}

impl Parser for LlvmCov {
    fn format(&self) -> Format {
        Format::LlvmCov
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut sink = Sink {
            out,
            head: Headline {
                what: "files' summary".into(),
                lines: Some((0, 0)),
                branches: Some((0, 0)),
                line_rate: None,
            },
        };
        let mut s = Splitter::new(input);
        s.begin_object("an llvm-cov export object")?;
        let mut seen = false;
        while let Some((key, at)) = s.next_key()? {
            if key != "data" {
                s.skip_value()?;
                continue;
            }
            if seen {
                return Err(ParseError::at_offset(at, "duplicate field `data`"));
            }
            seen = true;
            sink.read_exports(&mut s)?;
        }
        if !seen {
            return Err(ParseError::at_offset(s.offset(), "missing field `data`"));
        }
        s.end()?;
        if sink.head.lines.is_some() {
            sink.out.headline = Some(sink.head);
        }
        Ok(())
    }
}
