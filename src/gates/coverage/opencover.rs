//! OpenCover XML (OpenCover, coverlet, altcover), read by ReportGenerator's rule (its
//! `OpenCoverParser`): a sequence point covers every line from `sl` to `el` with its visit count
//! `vc`, visits adding up on a line several points cover; a branch point is a branch of line `sl`,
//! keyed by its `offset`, `path` and `offsetend`. Modules, classes and methods with `skippedDueTo`
//! are left out.

use super::xmlread::{XmlReader, attrs, first_element, get, get_line, get_num, get_str, known};
use super::{Combine, FileCov, Format, ParseError, Parser, ReportData};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::BufRead;

/// The elements of OpenCover's report (OpenCover, coverlet, altcover).
const OPENCOVER: &[&str] = &[
    "CoverageSession",
    "Summary",
    "Modules",
    "Module",
    "ModulePath",
    "ModuleTime",
    "ModuleName",
    "ModuleHash",
    "Files",
    "File",
    "Classes",
    "Class",
    "FullName",
    "Methods",
    "Method",
    "MetadataToken",
    "Name",
    "FileRef",
    "SequencePoints",
    "SequencePoint",
    "BranchPoints",
    "BranchPoint",
    "MethodPoint",
    "TrackedMethods",
    "TrackedMethod",
    "TrackedMethodRefs",
    "TrackedMethodRef",
];

pub struct OpenCover;

impl Parser for OpenCover {
    fn format(&self) -> Format {
        Format::OpenCover
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let mut xr = XmlReader::new(input);
        let mut buf = Vec::new();
        let mut root_seen = false;
        let mut files: HashMap<String, String> = HashMap::new();
        let mut cov: HashMap<String, FileCov> = HashMap::new();
        let mut skip_depth: Option<usize> = None;
        let mut method_file: Option<String> = None;
        let mut skipped = 0usize;
        loop {
            let ev = xr.next(&mut buf)?;
            let at = xr.at();
            let depth = xr.depth();
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.local_name();
                    let name = name.as_ref();
                    if first_element(&mut root_seen, name, "CoverageSession", "an OpenCover", at)? {
                        continue;
                    }
                    known(name, OPENCOVER, "an OpenCover", at)?;
                    if skip_depth.is_some() {
                        continue;
                    }
                    match name {
                        "Module" | "Class" | "Method" => {
                            let a = attrs(e, at)?;
                            if get(&a, "skippedDueTo").is_some() {
                                skipped += usize::from(name == "Module");
                                if !empty {
                                    skip_depth = Some(depth);
                                }
                                continue;
                            }
                            if name == "Method" {
                                method_file = None;
                            }
                        }
                        "File" => {
                            let a = attrs(e, at)?;
                            if let (Some(uid), Some(path)) =
                                (get_str(&a, "uid", at)?, get_str(&a, "fullPath", at)?)
                            {
                                files.insert(uid, path);
                            }
                        }
                        "FileRef" => {
                            let a = attrs(e, at)?;
                            method_file = get_str(&a, "uid", at)?;
                        }
                        "SequencePoint" | "BranchPoint" => {
                            let a = attrs(e, at)?;
                            let fid = get_str(&a, "fileid", at)?.or_else(|| method_file.clone());
                            let Some(fid) = fid else { continue };
                            let Some(path) = files.get(&fid) else {
                                continue;
                            };
                            let Some(sl) = get_line(&a, "sl", at)? else {
                                continue;
                            };
                            let vc = get_num(&a, "vc", at)?.unwrap_or(0);
                            let f = match cov.get_mut(path) {
                                Some(f) => f,
                                None => cov.entry(path.clone()).or_default(),
                            };
                            if name == "SequencePoint" {
                                let el = get_line(&a, "el", at)?.unwrap_or(sl).max(sl);
                                let el = el.min(sl.saturating_add(10_000));
                                for l in sl..=el {
                                    f.line(l, vc, Combine::Add);
                                }
                            } else {
                                // ReportGenerator tells branch points apart by (sl, path,
                                // offset, offsetend).
                                let offset = get_num(&a, "offset", at)?.unwrap_or(0);
                                let p = get_num(&a, "path", at)?.unwrap_or(0);
                                let end = get_num(&a, "offsetend", at)?.unwrap_or(0);
                                f.branch(
                                    sl,
                                    super::text_id(&format!("opencover:{offset}:{p}:{end}")),
                                    vc,
                                    Combine::Add,
                                );
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(_) if skip_depth.is_some_and(|d| depth < d) => skip_depth = None,
                Event::Eof => break,
                _ => {}
            }
        }
        for (p, c) in cov {
            out.merge_file(p, c, Combine::Add);
        }
        if skipped > 0 {
            out.notes.push(format!(
                "{skipped} modules skipped by the producer (`skippedDueTo`)"
            ));
        }
        Ok(())
    }
}
