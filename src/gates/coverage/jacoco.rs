//! JaCoCo XML. A line is covered when `ci > 0`; its branches are `mb + cb`, `cb` of them covered;
//! its instructions `mi + ci`, `ci` of them covered (`instruction`). `method` and `complexity` come
//! from each `<method>`'s METHOD and COMPLEXITY counters (a file without `<method>` elements, as
//! gcovr writes them, falls back to its `<sourcefile>` counters).
//! gcovr's JaCoCo output has lines without `mi`/`ci`: such a file's covered-line count comes from
//! its `LINE` counter (lines with a taken branch first, then in order). The DTD is never loaded.

use super::xmlread::{XmlReader, attrs, first_element, get_line, get_num, get_str, known};
use super::{
    Combine, Element, FILE_LEVEL, FileCov, Format, Headline, ParseError, Parser, ReportData,
};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::BufRead;

/// The elements of JaCoCo's `report.dtd`.
const JACOCO: &[&str] = &[
    "report",
    "sessioninfo",
    "group",
    "package",
    "class",
    "method",
    "counter",
    "sourcefile",
    "line",
];

pub struct Jacoco;

#[derive(Default)]
struct Src {
    path: String,
    cov: FileCov,
    /// Lines without `mi`/`ci` (gcovr): (line, has a taken branch).
    bare: Vec<(u32, bool)>,
    line_counter: Option<(u64, u64)>,
    /// The file's own INSTRUCTION, METHOD and COMPLEXITY counters (covered, total), used when
    /// its lines or methods give none (gcovr writes no `<method>`).
    file_counters: Vec<(Element, u64, u64)>,
    /// Instructions of the file's lines: (covered `ci`, `mi + ci`), one count per file.
    instructions: (u64, u64),
}

/// A counter type that is also a metric.
fn element(ty: &str) -> Option<Element> {
    match ty {
        "INSTRUCTION" => Some(Element::Instruction),
        "METHOD" => Some(Element::Method),
        "COMPLEXITY" => Some(Element::Complexity),
        _ => None,
    }
}

impl Parser for Jacoco {
    fn format(&self) -> Format {
        Format::Jacoco
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut xr = XmlReader::new(input);
        let mut buf = Vec::new();
        let mut root_seen = false;
        let mut package = String::new();
        let mut src: Option<Src> = None;
        let mut head = Headline {
            what: "<report> LINE/BRANCH counters".into(),
            ..Headline::default()
        };
        let mut fallback_files = 0usize;
        // `<class>`: its source file's path; `<method>`: its key within that file.
        let mut class_file: Option<String> = None;
        let mut class_name = String::new();
        let mut method: Option<u64> = None;
        // Per-method counters, by source file path (classes come before their source files).
        let mut methods: HashMap<String, FileCov> = HashMap::new();
        loop {
            let ev = xr.next(&mut buf)?;
            let at = xr.at();
            let depth = xr.depth();
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.local_name();
                    let name = name.as_ref();
                    if first_element(&mut root_seen, name, "report", "a JaCoCo", at)? {
                        continue;
                    }
                    known(name, JACOCO, "a JaCoCo", at)?;
                    match name {
                        "package" => {
                            let a = attrs(e, at)?;
                            package = get_str(&a, "name", at)?.unwrap_or_default();
                        }
                        "class" if !empty => {
                            let a = attrs(e, at)?;
                            class_name = get_str(&a, "name", at)?.unwrap_or_default();
                            class_file = get_str(&a, "sourcefilename", at)?.map(|n| {
                                if package.is_empty() {
                                    n
                                } else {
                                    format!("{}/{n}", package.trim_end_matches('/'))
                                }
                            });
                            method = None;
                        }
                        "method" if !empty => {
                            let a = attrs(e, at)?;
                            let name = get_str(&a, "name", at)?.unwrap_or_default();
                            let desc = get_str(&a, "desc", at)?.unwrap_or_default();
                            let line = get_str(&a, "line", at)?.unwrap_or_default();
                            // Methods are keyed by class, name, descriptor and line.
                            method =
                                Some(super::text_id(&format!("{class_name}:{name}{desc}:{line}")));
                        }
                        "sourcefile" if !empty => {
                            let a = attrs(e, at)?;
                            let Some(n) = get_str(&a, "name", at)? else {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<sourcefile>` without a `name` attribute",
                                ));
                            };
                            let path = if package.is_empty() {
                                n
                            } else {
                                format!("{}/{n}", package.trim_end_matches('/'))
                            };
                            src = Some(Src {
                                path,
                                ..Src::default()
                            });
                        }
                        "line" => {
                            let Some(s) = src.as_mut() else { continue };
                            let a = attrs(e, at)?;
                            let Some(nr) = get_line(&a, "nr", at)? else {
                                return Err(ParseError::at_offset(
                                    at,
                                    "`<line>` without an `nr` attribute",
                                ));
                            };
                            let mi = get_num(&a, "mi", at)?;
                            let ci = get_num(&a, "ci", at)?;
                            let mb = get_num(&a, "mb", at)?.unwrap_or(0);
                            let cb = get_num(&a, "cb", at)?.unwrap_or(0);
                            match (mi, ci) {
                                (None, None) => s.bare.push((nr, cb > 0)),
                                (mi, ci) => {
                                    let ci = ci.unwrap_or(0);
                                    let all = ci.saturating_add(mi.unwrap_or(0));
                                    s.instructions.0 = s.instructions.0.saturating_add(ci);
                                    s.instructions.1 = s.instructions.1.saturating_add(all);
                                    if ci.saturating_add(mi.unwrap_or(0)) > 0
                                        || mb.saturating_add(cb) > 0
                                    {
                                        s.cov.line(nr, u64::from(ci > 0), Combine::Max);
                                    }
                                }
                            }
                            if mb.saturating_add(cb) > 0 {
                                s.cov
                                    .branch_counts(nr, cb, mb.saturating_add(cb), Combine::Max);
                            }
                        }
                        "counter" => {
                            let a = attrs(e, at)?;
                            let ty = get_str(&a, "type", at)?.unwrap_or_default();
                            let missed = get_num(&a, "missed", at)?.unwrap_or(0);
                            let covered = get_num(&a, "covered", at)?.unwrap_or(0);
                            // Depth: 1 inside <report>, deeper inside packages and files.
                            let in_src = src.is_some();
                            let total = covered.saturating_add(missed);
                            if let (Some(el), Some(key), Some(path)) =
                                (element(&ty), method, class_file.as_ref())
                            {
                                if el != Element::Instruction {
                                    methods
                                        .entry(path.clone())
                                        .or_default()
                                        .element(el, key, covered, total);
                                }
                            } else if let (Some(el), Some(s)) = (element(&ty), src.as_mut()) {
                                s.file_counters.push((el, covered, total));
                            }
                            if in_src && ty == "LINE" {
                                if let Some(s) = src.as_mut() {
                                    s.line_counter =
                                        Some((covered, covered.saturating_add(missed)));
                                }
                            } else if depth == 1 && ty == "LINE" {
                                head.lines = Some((covered, covered.saturating_add(missed)));
                            } else if depth == 1 && ty == "BRANCH" {
                                head.branches = Some((covered, covered.saturating_add(missed)));
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "method" => method = None,
                    "class" => {
                        class_file = None;
                        method = None;
                    }
                    "sourcefile" => {
                        if let Some(mut s) = src.take() {
                            if s.instructions.1 > 0 {
                                let (c, t) = s.instructions;
                                s.cov.element(Element::Instruction, FILE_LEVEL, c, t);
                            }
                            if let Some(m) = methods.remove(&s.path) {
                                s.cov.merge_by_id(m, Combine::Max);
                            }
                            for (el, c, t) in std::mem::take(&mut s.file_counters) {
                                if !s.cov.has_element(el) {
                                    s.cov.element(el, FILE_LEVEL, c, t);
                                }
                            }
                            if !s.bare.is_empty() {
                                fallback_files += 1;
                                let covered = s.line_counter.map_or(0, |c| c.0);
                                s.bare.sort_by_key(|&(nr, taken)| (!taken, nr));
                                for (i, (nr, _)) in s.bare.iter().enumerate() {
                                    s.cov
                                        .line(*nr, u64::from((i as u64) < covered), Combine::Max);
                                }
                            }
                            out.merge_file(s.path, s.cov, Combine::Max);
                        }
                    }
                    "package" => package.clear(),
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        // Methods of classes whose source file the report does not list.
        for (p, m) in methods {
            out.merge_file(p, m, Combine::Max);
        }
        if fallback_files > 0 {
            out.notes.push(format!(
                "{fallback_files} files have lines without `mi`/`ci` (gcovr's JaCoCo): their covered-line counts come from the `LINE` counters, so which of their lines are covered is approximate"
            ));
        }
        if head.lines.is_some() || head.branches.is_some() {
            out.headline = Some(head);
        }
        Ok(())
    }
}
