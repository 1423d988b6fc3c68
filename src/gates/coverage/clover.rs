//! Clover XML (OpenClover, PHPUnit, Istanbul, gcovr). `stmt` and `cond` lines are coverable lines;
//! a `cond` line has two branches (`truecount`, `falsecount`); `method` lines (signatures) are not
//! counted. Files under `<testproject>` (OpenClover's test sources) are left out.

use super::xmlread::{XmlReader, attrs, first_element, get_line, get_num, get_str, known};
use super::{Combine, FileCov, Format, Headline, ParseError, Parser, ReportData};
use quick_xml::events::Event;
use std::io::BufRead;

/// The elements of Clover's XML report (OpenClover's `clover.xml`).
const CLOVER: &[&str] = &[
    "coverage",
    "project",
    "testproject",
    "package",
    "file",
    "class",
    "line",
    "metrics",
];

pub struct Clover;

impl Parser for Clover {
    fn format(&self) -> Format {
        Format::Clover
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut xr = XmlReader::new(input);
        let mut buf = Vec::new();
        let mut root_seen = false;
        let mut in_project = false;
        let mut in_test = false;
        let mut in_container = 0usize; // package/file depth inside the project
        let mut file: Option<(String, FileCov)> = None;
        let mut head: Option<Headline> = None;
        let mut skipped_test = 0usize;
        // `cond` lines: (file, line, truecount, falsecount), resolved once the dialect is known.
        let mut conds: Vec<(String, u32, u64, u64)> = Vec::new();
        loop {
            let ev = xr.next(&mut buf)?;
            let at = xr.at();
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.local_name();
                    let name = name.as_ref();
                    if first_element(&mut root_seen, name, "coverage", "a Clover", at)? {
                        continue;
                    }
                    known(name, CLOVER, "a Clover", at)?;
                    match name {
                        "project" if !empty => in_project = true,
                        "testproject" if !empty => in_test = true,
                        "package" if !empty => in_container += 1,
                        "file" if !empty => {
                            in_container += 1;
                            if in_test {
                                skipped_test += 1;
                                continue;
                            }
                            let a = attrs(e, at)?;
                            let path = match get_str(&a, "path", at)? {
                                Some(p) if !p.is_empty() => p,
                                _ => get_str(&a, "name", at)?.unwrap_or_default(),
                            };
                            if path.is_empty() {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<file>` without a `path` or `name` attribute",
                                ));
                            }
                            file = Some((path, FileCov::default()));
                        }
                        "metrics" if in_project && in_container == 0 && !in_test => {
                            let a = attrs(e, at)?;
                            let st = get_num(&a, "statements", at)?;
                            let cst = get_num(&a, "coveredstatements", at)?;
                            let co = get_num(&a, "conditionals", at)?;
                            let cco = get_num(&a, "coveredconditionals", at)?;
                            if let (Some(st), Some(cst)) = (st, cst) {
                                head = Some(Headline {
                                    what: "<project> metrics".into(),
                                    lines: Some((cst, st)),
                                    branches: match (co, cco) {
                                        (Some(co), Some(cco)) => Some((cco, co)),
                                        _ => None,
                                    },
                                    line_rate: None,
                                });
                            }
                        }
                        "line" => {
                            let Some((path, f)) = file.as_mut() else {
                                continue;
                            };
                            let a = attrs(e, at)?;
                            let Some(num) = get_line(&a, "num", at)? else {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<line>` without a `num` attribute",
                                ));
                            };
                            let ty = get_str(&a, "type", at)?.unwrap_or_else(|| "stmt".into());
                            let count = get_num(&a, "count", at)?;
                            match ty.as_str() {
                                "stmt" => f.line(num, count.unwrap_or(0), Combine::Max),
                                "cond" => {
                                    let t = get_num(&a, "truecount", at)?.unwrap_or(0);
                                    let fc = get_num(&a, "falsecount", at)?.unwrap_or(0);
                                    f.line(
                                        num,
                                        count.unwrap_or(t.saturating_add(fc)),
                                        Combine::Max,
                                    );
                                    conds.push((path.clone(), num, t, fc));
                                }
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "project" => in_project = false,
                    "testproject" => in_test = false,
                    "package" => in_container = in_container.saturating_sub(1),
                    "file" => {
                        in_container = in_container.saturating_sub(1);
                        if let Some((p, cov)) = file.take() {
                            out.merge_file(p, cov, Combine::Max);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        if skipped_test > 0 {
            out.notes.push(format!(
                "{skipped_test} files under `<testproject>` (test sources) are not counted"
            ));
        }
        // Two dialects: OpenClover's `truecount`/`falsecount` are how often the condition was true
        // and false (two branches per line); Istanbul's are the numbers of covered and uncovered
        // branches of the line. The project's `conditionals`/`coveredconditionals` decide.
        let (mut ist, mut oc) = ((0u64, 0u64), (0u64, 0u64));
        for &(_, _, t, f) in &conds {
            ist.0 = ist.0.saturating_add(t);
            ist.1 = ist.1.saturating_add(t.saturating_add(f));
            oc.0 += u64::from(t > 0) + u64::from(f > 0);
            oc.1 += 2;
        }
        let declared = head.as_ref().and_then(|h| h.branches);
        let istanbul = declared.is_some_and(|d| d == ist && d != oc);
        if istanbul {
            out.notes.push(
                "`cond` lines read as Istanbul writes them (covered/uncovered branch counts)"
                    .into(),
            );
        }
        for (p, line, t, f) in conds {
            let fc = out.file(&p);
            if istanbul {
                fc.branch_counts(line, t, t.saturating_add(f), Combine::Max);
            } else {
                fc.branch(line, super::text_id("clover:true"), t, Combine::Max);
                fc.branch(line, super::text_id("clover:false"), f, Combine::Max);
            }
        }
        if let Some((c, t)) = head.and_then(|h| h.lines) {
            out.notes
                .push(format!("project metrics: {c}/{t} statements covered"));
        }
        Ok(())
    }
}
