//! A streaming XML reader shared by the XML formats: quick-xml over a `BufRead`, with errors that
//! carry a byte offset, a check that the document is complete, and attribute helpers.
//! No DTD is ever loaded: quick-xml does not resolve external entities.

use super::ParseError;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::io::BufRead;

pub struct XmlReader<R: BufRead> {
    r: Reader<R>,
    depth: usize,
    saw_root: bool,
    start: u64,
    /// The last event was markup (not text), so white space at the position can be skipped.
    after_markup: bool,
}

impl<R: BufRead> XmlReader<R> {
    pub fn new(input: R) -> XmlReader<R> {
        let mut r = Reader::from_reader(input);
        r.config_mut().check_end_names = true;
        // Whitespace between elements is no event (fewer events; `<source>` text is trimmed anyway).
        r.config_mut().trim_text(true);
        XmlReader {
            r,
            depth: 0,
            saw_root: false,
            start: 0,
            after_markup: true,
        }
    }

    /// The next event; `Event::Eof` only after a complete document.
    pub fn next<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<Event<'b>, ParseError> {
        buf.clear();
        if self.after_markup {
            skip_ws(&mut self.r);
        }
        self.start = self.r.buffer_position();
        let ev = match self.r.read_event_into(buf) {
            Ok(ev) => ev,
            Err(e) => {
                return Err(ParseError::at_offset(
                    self.r.error_position(),
                    format!("XML error: {e}"),
                ));
            }
        };
        self.after_markup = !matches!(ev, Event::Text(_) | Event::GeneralRef(_));
        match &ev {
            Event::Start(_) => {
                if self.depth == 0 && self.saw_root {
                    return Err(self.err("a second root element"));
                }
                self.depth += 1;
                self.saw_root = true;
            }
            Event::Empty(_) => {
                if self.depth == 0 && self.saw_root {
                    return Err(self.err("a second root element"));
                }
                self.saw_root = true;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Text(t) if self.depth == 0 && !t.trim().is_empty() => {
                return Err(ParseError::at_offset(
                    self.start + (t.len() - t.trim_start().len()) as u64,
                    "text outside the root element: this is not an XML document",
                ));
            }
            Event::Eof => {
                if self.depth > 0 {
                    return Err(self.err(format!(
                        "unexpected end of file: {} element(s) still open (truncated report?)",
                        self.depth
                    )));
                }
                if !self.saw_root {
                    return Err(self.err("no root element: this is not an XML document"));
                }
            }
            _ => {}
        }
        Ok(ev)
    }

    pub fn err(&self, msg: impl Into<String>) -> ParseError {
        ParseError::at_offset(self.r.buffer_position(), msg)
    }

    /// The byte offset where the last event started.
    pub fn at(&self) -> u64 {
        self.start
    }

    pub fn depth(&self) -> usize {
        self.depth
    }
}

/// Consumes XML white space at the reader's position (call it only right after markup), so that
/// the position of the next event is where its markup starts, not where the white space before it
/// (on an earlier line) starts.
pub fn skip_ws<R: BufRead>(r: &mut Reader<R>) {
    let mut s = r.stream();
    loop {
        let Ok(chunk) = s.fill_buf() else { return };
        let n = chunk
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        if n == 0 {
            return;
        }
        let all = n == chunk.len();
        s.consume(n);
        if !all {
            return;
        }
    }
}

/// Element names are checked against the ones the format defines: an unknown one (a damaged
/// `<li ne …>` or a renamed tag) may hold data the reader would drop, so it is an error.
pub fn known(name: &str, names: &[&str], dialect: &str, at: u64) -> Result<(), ParseError> {
    if names.contains(&name) {
        return Ok(());
    }
    Err(ParseError::at_offset(
        at,
        format!(
            "unknown element `<{name}>` in {dialect} report: a damaged report, or a producer gatekeep does not know; it may hold data, so the report is not read in part"
        ),
    ))
}

/// Attributes of an element as (name, raw value) pairs; a malformed attribute is an error.
pub fn attrs<'a>(
    e: &'a BytesStart<'_>,
    at: u64,
) -> Result<Vec<(&'a str, Cow<'a, str>)>, ParseError> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a =
            a.map_err(|err| ParseError::at_offset(at, format!("malformed attribute: {err}")))?;
        out.push((a.key.local_name().into_inner(), a.value));
    }
    Ok(out)
}

/// The raw value of attribute `name`.
pub fn get<'a>(attrs: &'a [(&str, Cow<'_, str>)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_ref())
}

/// The value of attribute `name` as text, with entities resolved.
pub fn get_str(
    attrs: &[(&str, Cow<'_, str>)],
    name: &str,
    at: u64,
) -> Result<Option<String>, ParseError> {
    let Some(v) = get(attrs, name) else {
        return Ok(None);
    };
    let _ = at;
    Ok(Some(unescape(v)))
}

/// Resolves the predefined and numeric character references.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        match tail.find(';') {
            Some(j) if j <= 10 => {
                let name = &tail[..j];
                if let Some(c) = entity(name) {
                    out.push(c);
                } else {
                    out.push('&');
                    out.push_str(name);
                    out.push(';');
                }
                rest = &tail[j + 1..];
            }
            _ => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let v = match n.strip_prefix('x').or_else(|| n.strip_prefix('X')) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(v)
        }
    }
}

/// An attribute parsed as a non-negative number (integers, or floats rounded up).
pub fn get_num(
    attrs: &[(&str, Cow<'_, str>)],
    name: &str,
    at: u64,
) -> Result<Option<u64>, ParseError> {
    let Some(v) = get(attrs, name) else {
        return Ok(None);
    };
    match super::parse_hits(v) {
        Some(n) => Ok(Some(n)),
        None => Err(ParseError::at_offset(
            at,
            format!("attribute `{name}` is not a number: `{v}`"),
        )),
    }
}

/// An attribute as a line number.
pub fn get_line(
    attrs: &[(&str, Cow<'_, str>)],
    name: &str,
    at: u64,
) -> Result<Option<u32>, ParseError> {
    let Some(v) = get(attrs, name) else {
        return Ok(None);
    };
    let s = v.trim();
    let n: u64 = s.parse().map_err(|_| {
        ParseError::at_offset(
            at,
            format!("attribute `{name}` is not a line number: `{s}`"),
        )
    })?;
    super::line_no(n)
        .map(Some)
        .ok_or_else(|| ParseError::at_offset(at, format!("line number {n} is out of range")))
}

/// The document's first element must be `expected` (`dialect` names the format in the error,
/// e.g. "a JaCoCo"). Returns whether `name` was that first element.
pub fn first_element(
    seen: &mut bool,
    name: &str,
    expected: &str,
    dialect: &str,
    at: u64,
) -> Result<bool, ParseError> {
    if *seen {
        return Ok(false);
    }
    *seen = true;
    if name != expected {
        return Err(ParseError::at_offset(
            at,
            format!("expected {dialect} `<{expected}>` root element, found `<{name}>`"),
        ));
    }
    Ok(true)
}
