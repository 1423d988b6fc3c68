//! SonarQube generic test coverage XML (`sonar.coverageReportPaths`; gcovr `--sonarqube`,
//! utPLSQL, converters): `<coverage version="1">`, `<file path="…">`, and
//! `<lineToCover lineNumber="6" covered="true" branchesToCover="2" coveredBranches="1"/>`.
//!
//! Read as SonarQube's own parser reads it: the root must be `<coverage>` with `version="1"`,
//! `<file>` needs `path`, `<lineToCover>` needs a `lineNumber` ≥ 1 and `covered` (`true`/`false`,
//! any case); `branchesToCover` and `coveredBranches` are integers ≥ 0, `coveredBranches` not
//! above `branchesToCover` (without `branchesToCover` it is ignored, as SonarQube ignores it).
//! A line listed twice in one `<file>` keeps its first `<lineToCover>` (and the first with
//! branches), as SonarQube's `DefaultCoverage` does; the same path in two `<file>` elements or two
//! reports merges (covered when either says so, the larger branch counts). Any other element or
//! attribute is an error: it may hold data.

use super::xmlread::{XmlReader, attrs, first_element, get_str, known};
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData, line_no};
use quick_xml::events::Event;
use std::collections::HashSet;
use std::io::BufRead;

const SONAR: &[&str] = &["coverage", "file", "lineToCover"];
const DIALECT: &str = "a SonarQube generic coverage";

pub struct SonarGeneric;

/// An attribute as SonarQube's `Integer.valueOf`: an integer, at least `min`.
fn int(v: &str, name: &str, min: u64, at: u64) -> Result<u64, ParseError> {
    match v.parse::<i64>() {
        Ok(n) if n >= 0 && n as u64 >= min && n <= i64::from(i32::MAX) => Ok(n as u64),
        Ok(n) => Err(ParseError::at_offset(
            at,
            format!("attribute `{name}` is {n}, it must be at least {min}"),
        )),
        Err(_) => Err(ParseError::at_offset(
            at,
            format!("attribute `{name}` is not an integer: `{v}`"),
        )),
    }
}

/// Only the attributes the format defines.
fn only(
    a: &[(&str, std::borrow::Cow<'_, str>)],
    allowed: &[&str],
    element: &str,
    at: u64,
) -> Result<(), ParseError> {
    for (k, _) in a {
        if !allowed.contains(k) {
            return Err(ParseError::at_offset(
                at,
                format!(
                    "unknown attribute `{k}` on `<{element}>` in {DIALECT} report: a damaged report; it may hold data, so the report is not read in part"
                ),
            ));
        }
    }
    Ok(())
}

impl Parser for SonarGeneric {
    fn format(&self) -> Format {
        Format::SonarGeneric
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut xr = XmlReader::new(input);
        let mut buf = Vec::new();
        let mut root_seen = false;
        let mut file: Option<(String, FileCov)> = None;
        // Lines of the current `<file>` that already have branches (SonarQube: the first wins).
        let mut with_branches: HashSet<u32> = HashSet::new();
        let mut files = 0usize;
        loop {
            let ev = xr.next(&mut buf)?;
            let at = xr.at();
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.local_name();
                    let name = name.as_ref();
                    let depth = xr.depth() - usize::from(!empty);
                    if first_element(&mut root_seen, name, "coverage", DIALECT, at)? {
                        let a = attrs(e, at)?;
                        only(&a, &["version"], "coverage", at)?;
                        match get_str(&a, "version", at)?.as_deref() {
                            Some("1") => {}
                            Some(v) => {
                                return Err(ParseError::at_offset(
                                    at,
                                    format!(
                                        "unknown report version `{v}`: SonarQube's generic coverage format is version 1"
                                    ),
                                ));
                            }
                            None => {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<coverage>` without `version=\"1\"`",
                                ));
                            }
                        }
                        continue;
                    }
                    known(name, SONAR, DIALECT, at)?;
                    match (name, depth) {
                        ("file", 1) => {
                            let a = attrs(e, at)?;
                            only(&a, &["path"], "file", at)?;
                            let path = get_str(&a, "path", at)?.unwrap_or_default();
                            if path.is_empty() {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<file>` without a `path` attribute",
                                ));
                            }
                            files += 1;
                            with_branches.clear();
                            if empty {
                                out.merge_file(path, FileCov::default(), Combine::Max);
                            } else {
                                file = Some((path, FileCov::default()));
                            }
                        }
                        ("lineToCover", 2) => {
                            let Some((_, f)) = file.as_mut() else {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<lineToCover>` outside `<file>`",
                                ));
                            };
                            let a = attrs(e, at)?;
                            only(
                                &a,
                                &[
                                    "lineNumber",
                                    "covered",
                                    "branchesToCover",
                                    "coveredBranches",
                                ],
                                "lineToCover",
                                at,
                            )?;
                            let Some(n) = get_str(&a, "lineNumber", at)? else {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<lineToCover>` without a `lineNumber` attribute",
                                ));
                            };
                            let n = int(&n, "lineNumber", 1, at)?;
                            let line = line_no(n).ok_or_else(|| {
                                ParseError::at_offset(
                                    at,
                                    format!("line number {n} is out of range"),
                                )
                            })?;
                            let covered = match get_str(&a, "covered", at)? {
                                Some(c) if c.eq_ignore_ascii_case("true") => true,
                                Some(c) if c.eq_ignore_ascii_case("false") => false,
                                Some(c) => {
                                    return Err(ParseError::at_offset(
                                        at,
                                        format!(
                                            "attribute `covered` is not `true` or `false`: `{c}`"
                                        ),
                                    ));
                                }
                                None => {
                                    return Err(ParseError::at_offset(
                                        at,
                                        "`<lineToCover>` without a `covered` attribute",
                                    ));
                                }
                            };
                            if f.hits(line).is_none() {
                                f.line(line, u64::from(covered), Combine::Max);
                            }
                            if let Some(t) = get_str(&a, "branchesToCover", at)? {
                                let total = int(&t, "branchesToCover", 0, at)?;
                                let hit = match get_str(&a, "coveredBranches", at)? {
                                    Some(c) => int(&c, "coveredBranches", 0, at)?,
                                    None => 0,
                                };
                                if hit > total {
                                    return Err(ParseError::at_offset(
                                        at,
                                        format!(
                                            "`coveredBranches` ({hit}) is greater than `branchesToCover` ({total})"
                                        ),
                                    ));
                                }
                                if total > 0 && with_branches.insert(line) {
                                    f.branch_counts(line, hit, total, Combine::Max);
                                }
                            }
                        }
                        _ => {
                            return Err(ParseError::at_offset(
                                at,
                                format!("`<{name}>` is out of place in {DIALECT} report"),
                            ));
                        }
                    }
                }
                Event::End(e) => {
                    if e.local_name().as_ref() == "file"
                        && let Some((p, cov)) = file.take()
                    {
                        out.merge_file(p, cov, Combine::Max);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if files == 0 {
            out.notes
                .push("the report lists no `<file>`: no coverage data".into());
        }
        Ok(())
    }
}
