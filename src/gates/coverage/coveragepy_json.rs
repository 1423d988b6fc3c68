//! coverage.py JSON (`coverage json`). Lines are `executed_lines + missing_lines`; branches are the
//! arcs in `executed_branches` and `missing_branches`, keyed by (from line, to line). The
//! per-function and per-class sections (copies of the file's lines) are not read. `totals` is the
//! headline. The `files` map is streamed: files are cut out of it in batches and parsed on other
//! threads ([`super::batched`]).
//!
//! Before 7.14, coverage.py's `executed_lines` is every line it saw run (`analysis.executed`,
//! not intersected with the statements): an executed docstring or excluded line is listed
//! although it is not a statement, while the file's `summary` counts statements only
//! (`covered_lines` = executed statements, `num_statements` = `covered_lines + missing_lines`).
//! Executed lines listed in `excluded_lines` are dropped (never statements); when more executed
//! lines remain than the summary's `covered_lines`, which of them are statements cannot be told
//! from the JSON, so the file's line figures come from its summary and only `missing_lines`
//! (exactly the statements not run) are kept line by line. coverage.py 5.x writes branch totals
//! but no arcs; a file's branch figures then come from its summary, without lines.

use super::batched::{Shape, read_entries};
use super::slots::{Arcs, U64s};
use super::{Combine, Counts, FileCov, Format, Headline, ParseError, Parser, ReportData, line_no};
use crate::gates::reading::json::{Splitter, parse_value};
use serde::Deserialize;
use std::io::BufRead;

pub struct CoveragepyJson;

#[derive(Deserialize)]
struct PyFile {
    executed_lines: U64s,
    missing_lines: U64s,
    /// Both present with `--branch`, both absent without: one alone is a damaged report.
    #[serde(default)]
    executed_branches: Option<Arcs>,
    #[serde(default)]
    missing_branches: Option<Arcs>,
    #[serde(default)]
    excluded_lines: U64s,
    #[serde(default)]
    summary: Option<Summary>,
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

/// Reads the `files` map (the reader is at it) into `out`, one batch of files at a time.
fn read_files(s: &mut Splitter<'_>, out: &mut ReportData) -> Result<(), ParseError> {
    let (mut counted_lines, mut counted_branches) = (0usize, 0usize);
    read_entries(
        s,
        Shape::Map,
        "a map of file paths to file coverage",
        |e| {
            let f: PyFile = parse_value(std::marker::PhantomData, e.raw, e.at)?;
            let (cov, how) =
                file_cov(&f).map_err(|m| ParseError::at_offset(e.at, format!("{}: {m}", e.key)))?;
            Ok((e.key.to_string(), cov, how))
        },
        |(path, cov, how)| {
            counted_lines += usize::from(how.lines);
            counted_branches += usize::from(how.branches);
            out.merge_file(path, cov, Combine::Max);
            Ok(())
        },
    )?;
    if counted_lines > 0 {
        out.notes.push(format!(
            "{counted_lines} file(s) list executed lines that are not statements (coverage.py \
             before 7.14: docstrings); their line figures are their summaries' \
             `covered_lines`/`num_statements`, and only their missing lines are known line by \
             line (`diff_line` does not see their covered lines)"
        ));
    }
    if counted_branches > 0 {
        out.notes.push(format!(
            "{counted_branches} file(s) have branch totals but no branch arcs (coverage.py \
             5.x); their branch figures are their summaries' counts, without per-line data"
        ));
    }
    Ok(())
}

/// Which of a file's figures come from its summary's counts instead of its lists.
#[derive(Default)]
struct Counted {
    lines: bool,
    branches: bool,
}

fn file_cov(f: &PyFile) -> Result<(FileCov, Counted), String> {
    let mut cov = FileCov::default();
    let mut how = Counted::default();
    let mut excluded = f.excluded_lines.0.clone();
    excluded.sort_unstable();
    let mut executed = Vec::with_capacity(f.executed_lines.0.len());
    for &l in &f.executed_lines.0 {
        let n = line(l)?;
        // An excluded line is never a statement (coverage.py before 7.14 lists it when it ran).
        if excluded.binary_search(&l).is_err() {
            executed.push(n);
        }
    }
    executed.sort_unstable();
    executed.dedup();
    let mut missing = Vec::with_capacity(f.missing_lines.0.len());
    for &l in &f.missing_lines.0 {
        missing.push(line(l)?);
    }
    missing.sort_unstable();
    missing.dedup();
    // The file's line slots at their size at once (growing them line by line reallocated).
    let last = executed.last().max(missing.last()).copied().unwrap_or(0);
    cov.reserve_lines(last);
    match &f.summary {
        // More executed lines than executed statements: some are not statements, and the JSON
        // does not say which. The summary's counts are the figures; the missing lines (the
        // statements not run) stay line by line.
        Some(s) if executed.len() as u64 > s.covered_lines => {
            if s.covered_lines.checked_add(missing.len() as u64) != Some(s.num_statements) {
                return Err(format!(
                    "summary `num_statements` {} is not `covered_lines` {} plus the {} \
                     `missing_lines` (a damaged report?)",
                    s.num_statements,
                    s.covered_lines,
                    missing.len()
                ));
            }
            for &l in &missing {
                cov.line(l, 0, Combine::Max);
            }
            cov.counted(Counts {
                lines_covered: s.covered_lines,
                lines_total: s.covered_lines,
                ..Counts::default()
            });
            how.lines = true;
        }
        _ => {
            for &l in &executed {
                cov.line(l, 1, Combine::Max);
            }
            for &l in &missing {
                cov.line(l, 0, Combine::Max);
            }
        }
    }
    let empty = Vec::new();
    let (executed, missing) = match (&f.executed_branches, &f.missing_branches) {
        (Some(e), Some(m)) => (&e.0, &m.0),
        (None, None) => {
            // coverage.py 5.x: branch totals in the summary, no arcs.
            let totals = f
                .summary
                .as_ref()
                .map(|s| (s.covered_branches, s.num_branches));
            match totals {
                Some((Some(c), Some(t))) if c <= t => {
                    cov.counted(Counts {
                        branches_covered: c,
                        branches_total: t,
                        ..Counts::default()
                    });
                    how.branches = t > 0;
                }
                Some((Some(c), Some(t))) => {
                    return Err(format!(
                        "summary `covered_branches` {c} exceeds `num_branches` {t} (a damaged report?)"
                    ));
                }
                Some((Some(_), None) | (None, Some(_))) => {
                    return Err(
                        "summary `covered_branches` without `num_branches` or the reverse \
                                (a damaged report?)"
                            .into(),
                    );
                }
                Some((None, None)) | None => {}
            }
            (&empty, &empty)
        }
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
            let mut digits = [0u8; 40];
            let id = super::text_id_parts(&[super::decimal(i128::from(to), &mut digits)]);
            cov.branch(line(from)?, id, hit, Combine::Max);
        }
    }
    Ok((cov, how))
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

fn line(v: u64) -> Result<u32, String> {
    line_no(v).ok_or_else(|| format!("line number {v} is out of range"))
}

impl Parser for CoveragepyJson {
    fn format(&self) -> Format {
        Format::CoveragepyJson
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut s = Splitter::new(input);
        s.begin_object("a coverage.py JSON report object")?;
        let mut seen_files = false;
        while let Some((key, at)) = s.next_key()? {
            match key.as_str() {
                "files" => {
                    if seen_files {
                        return Err(ParseError::at_offset(at, "duplicate field `files`"));
                    }
                    seen_files = true;
                    read_files(&mut s, out)?;
                }
                "totals" => {
                    let mut raw = Vec::new();
                    let at = s.raw_value(&mut raw)?;
                    let t: Option<Summary> = parse_value(std::marker::PhantomData, &raw, at)?;
                    if let Some(t) = t {
                        out.headline = Some(headline(t));
                    }
                }
                _ => s.skip_value()?,
            }
        }
        if !seen_files {
            return Err(ParseError::at_offset(s.offset(), "missing field `files`"));
        }
        s.end()
    }
}
