//! Cobertura XML (coverage.py, gcovr, coverlet, altcover, Istanbul, Java Cobertura).
//!
//! Only `class/lines/line` counts — the copies under `<methods>` do not. A file split over several
//! `<class>` elements counts each line once, with its highest hits. Branches come from
//! `condition-coverage="50% (1/2)"`. `branch="True"` and float hit counts are tolerated.

use super::xmlread::{XmlReader, attrs, get, get_num, get_str};
use super::{
    Combine, FileCov, Format, Headline, ParseError, Parser, ReportData, line_no, parse_hits,
};
use quick_xml::events::Event;
use std::io::BufRead;

pub struct Cobertura;

impl Parser for Cobertura {
    fn format(&self) -> Format {
        Format::Cobertura
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut xr = XmlReader::new(input);
        let mut buf = Vec::new();
        let mut root_seen = false;
        let mut in_methods = 0usize;
        let mut in_source = false;
        let mut source = String::new();
        let mut class: Option<(String, FileCov)> = None;
        loop {
            let ev = xr.next(&mut buf)?;
            let at = xr.at();
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.local_name();
                    let name = name.as_ref();
                    if !root_seen {
                        root_seen = true;
                        if name != "coverage" {
                            return Err(ParseError::at_offset(
                                at,
                                format!(
                                    "expected a Cobertura `<coverage>` root element, found `<{}>`",
                                    name
                                ),
                            ));
                        }
                        let a = attrs(e, at)?;
                        let lines = match (
                            get_num(&a, "lines-covered", at)?,
                            get_num(&a, "lines-valid", at)?,
                        ) {
                            (Some(c), Some(t)) => Some((c, t)),
                            _ => None,
                        };
                        let branches = match (
                            get_num(&a, "branches-covered", at)?,
                            get_num(&a, "branches-valid", at)?,
                        ) {
                            (Some(c), Some(t)) => Some((c, t)),
                            _ => None,
                        };
                        let line_rate = get(&a, "line-rate").and_then(|v| {
                            let s = v.trim();
                            let r: f64 = s.parse().ok()?;
                            let decimals = s.split_once('.').map_or(0, |(_, d)| d.len());
                            r.is_finite().then_some((r, decimals))
                        });
                        if lines.is_some() || line_rate.is_some() {
                            out.headline = Some(Headline {
                                what: if lines.is_some() {
                                    "<coverage> lines-covered/lines-valid".into()
                                } else {
                                    "<coverage> line-rate".into()
                                },
                                lines,
                                branches,
                                line_rate,
                            });
                        }
                        continue;
                    }
                    match name {
                        "source" if !empty => {
                            in_source = true;
                            source.clear();
                        }
                        "methods" if !empty => in_methods += 1,
                        "class" => {
                            let a = attrs(e, at)?;
                            let Some(file) = get_str(&a, "filename", at)? else {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<class>` without a `filename` attribute",
                                ));
                            };
                            if !empty {
                                class = Some((file, FileCov::default()));
                            }
                        }
                        "line" if in_methods == 0 => {
                            let Some((_, f)) = class.as_mut() else {
                                continue;
                            };
                            let mut number = None;
                            let mut hits = 0u64;
                            let mut is_branch = false;
                            let mut cc: Option<Result<(u64, u64), String>> = None;
                            for a in e.attributes().with_checks(false) {
                                let a = a.map_err(|err| {
                                    ParseError::at_offset(at, format!("malformed attribute: {err}"))
                                })?;
                                let v: &str = &a.value;
                                match a.key.local_name().as_ref() {
                                    "number" => {
                                        let n: u64 = v.trim().parse().map_err(|_| {
                                            ParseError::at_offset(
                                                at,
                                                format!(
                                                    "attribute `number` is not a line number: `{v}`"
                                                ),
                                            )
                                        })?;
                                        number = Some(line_no(n).ok_or_else(|| {
                                            ParseError::at_offset(
                                                at,
                                                format!("line number {n} is out of range"),
                                            )
                                        })?);
                                    }
                                    "hits" => {
                                        hits = parse_hits(v).ok_or_else(|| {
                                            ParseError::at_offset(
                                                at,
                                                format!("attribute `hits` is not a number: `{v}`"),
                                            )
                                        })?;
                                    }
                                    "branch" => {
                                        is_branch = v.eq_ignore_ascii_case("true") || v == "1"
                                    }
                                    "condition-coverage" => {
                                        cc = Some(
                                            condition_coverage(v).ok_or_else(|| v.to_string()),
                                        );
                                    }
                                    _ => {}
                                }
                            }
                            let Some(line) = number else {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<line>` without a `number` attribute",
                                ));
                            };
                            f.line(line, hits, Combine::Max);
                            match cc {
                                Some(Ok((c, t))) => f.branch_counts(line, c, t, Combine::Max),
                                Some(Err(v)) if is_branch => {
                                    return Err(ParseError::at_offset(
                                        at,
                                        format!("bad `condition-coverage` value `{v}`"),
                                    ));
                                }
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_source => {
                    source.push_str(&t);
                }
                Event::GeneralRef(r) if in_source => {
                    let name = r.to_string();
                    if let Some(c) = super::xmlread::entity(&name) {
                        source.push(c);
                    }
                }
                Event::CData(t) if in_source => source.push_str(&t),
                Event::End(e) => match e.local_name().as_ref() {
                    "source" => {
                        in_source = false;
                        let s = source.trim();
                        if !s.is_empty() {
                            out.roots.push(s.to_string());
                        }
                    }
                    "methods" => in_methods = in_methods.saturating_sub(1),
                    "class" => {
                        if let Some((file, cov)) = class.take() {
                            out.merge_file(file, cov, Combine::Max);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }
}

/// `"50% (1/2)"` → (1, 2).
pub fn condition_coverage(s: &str) -> Option<(u64, u64)> {
    let open = s.find('(')?;
    let close = s[open..].find(')')? + open;
    let (c, t) = s[open + 1..close].split_once('/')?;
    let c: u64 = c.trim().parse().ok()?;
    let t: u64 = t.trim().parse().ok()?;
    (c <= t).then_some((c, t))
}
