//! Checkstyle XML, which many tools write (Checkstyle, PMD, ktlint, detekt, SwiftLint, ESLint's
//! formatter): `<file name>` elements holding `<error line column severity message source>`.
//! `source` is the code (ESLint's `eslint.rules.` prefix is dropped, so the codes match its JSON);
//! `error` is an error, `warning` a warning, `info` a note, `ignore` is skipped; any other severity,
//! and any element the format does not define (a damaged or renamed tag may hold a diagnostic),
//! is an error, never a guess.

use super::{Diag, Level, Parsed, Sink};
use crate::gates::reading::ParseError;
use crate::gates::reading::xml::{XmlReader, attrs, get, get_str, known};
use quick_xml::events::Event;

/// The elements of Checkstyle's format (`exception`: the tool could not check a file).
const ELEMENTS: &[&str] = &["checkstyle", "file", "error", "exception"];

pub fn parse(input: &mut dyn std::io::BufRead, sink: Sink<'_>) -> Parsed {
    let mut r = XmlReader::new(input);
    let mut buf = Vec::new();
    let mut file: Option<String> = None;
    let mut root_ok = false;
    loop {
        let ev = r.next(&mut buf)?;
        let at = r.at();
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let a = attrs(&e, at)?;
                if root_ok {
                    known(name.as_ref(), ELEMENTS, "Checkstyle", at)?;
                }
                match name.as_ref() {
                    "checkstyle" => root_ok = true,
                    "exception" => {
                        return Err(ParseError::at_offset(
                            at,
                            format!(
                                "the tool reports an exception for {}: that file was not checked",
                                file.as_deref().unwrap_or("a file")
                            ),
                        ));
                    }
                    "file" => file = get_str(&a, "name", at)?,
                    "error" => {
                        let level = match get(&a, "severity").unwrap_or("error") {
                            "error" => Level::Error,
                            "warning" => Level::Warning,
                            "info" => Level::Note,
                            "ignore" => continue,
                            other => {
                                return Err(ParseError::at_offset(
                                    at,
                                    format!(
                                        "unknown severity `{other}` (Checkstyle has error, warning, info, ignore)"
                                    ),
                                ));
                            }
                        };
                        let num = |k: &str| get(&a, k).and_then(|v| v.trim().parse().ok());
                        let source = get_str(&a, "source", at)?.map(|s| {
                            s.strip_prefix("eslint.rules.")
                                .map(str::to_string)
                                .unwrap_or(s)
                        });
                        let message = get_str(&a, "message", at)?.unwrap_or_default();
                        sink(
                            Diag::new(level, message)
                                .at(file.clone(), num("line"), num("column"))
                                .code(source),
                        );
                    }
                    _ if !root_ok => {
                        return Err(
                            r.err("not a Checkstyle report: the root element is not <checkstyle>")
                        );
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == "file" => file = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(None)
}
