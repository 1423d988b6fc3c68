//! Cobertura XML (coverage.py, gcovr, coverlet, altcover, Istanbul, Java Cobertura).
//!
//! Only `class/lines/line` counts — the copies under `<methods>` do not — except in a class that has
//! no `class/lines/line` at all: then its method lines are read, each line once with its highest
//! hits (Swift's Cobertura exporter writes lines only there). A file split over several
//! `<class>` elements counts each line once, with its highest hits. Branches come from
//! `condition-coverage="50% (1/2)"`. `branch="True"` and float hit counts are tolerated.
//!
//! A large report is cut into chunks just after `</class>` tags and the chunks are parsed in
//! parallel as fragments; the nesting of the tags left open or closed at the chunk edges is checked
//! across chunks, so the document must be as well formed as when it is read in one piece.

use super::xmlread::{XmlReader, attrs, first_element, get, get_num, get_str, known, skip_ws};
use super::{
    Combine, ErrPos, FileCov, Format, Headline, ParseError, Parser, ReportData, line_no, parse_hits,
};
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::io::BufRead;

pub struct Cobertura;

/// The element handling shared by the whole-document and the chunked reader.
#[derive(Default)]
struct Cob {
    root_seen: bool,
    in_methods: usize,
    in_source: bool,
    source: String,
    class: Option<(String, FileCov)>,
    /// The lines under the current class's `<methods>`: read only when the class has no
    /// `class/lines/line` of its own (Swift's exporter writes its lines only there).
    method_lines: FileCov,
}

impl Cob {
    fn start(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
        at: u64,
        out: &mut ReportData,
    ) -> Result<(), ParseError> {
        let name = e.local_name();
        let name = name.as_ref();
        if first_element(&mut self.root_seen, name, "coverage", "a Cobertura", at)? {
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
            return Ok(());
        }
        known(name, ELEMENTS, "a Cobertura", at)?;
        match name {
            "source" if !empty => {
                self.in_source = true;
                self.source.clear();
            }
            "methods" if !empty => self.in_methods += 1,
            "class" => {
                let a = attrs(e, at)?;
                let Some(file) = get_str(&a, "filename", at)? else {
                    return Err(ParseError::at_offset(
                        at,
                        "`<class>` without a `filename` attribute",
                    ));
                };
                if !empty {
                    self.class = Some((file, FileCov::default()));
                }
            }
            "line" => {
                let f = match self.class.as_mut() {
                    None => return Ok(()),
                    Some(_) if self.in_methods > 0 => &mut self.method_lines,
                    Some((_, f)) => f,
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
                                    format!("attribute `number` is not a line number: `{v}`"),
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
                        "branch" => is_branch = v.eq_ignore_ascii_case("true") || v == "1",
                        "condition-coverage" => {
                            cc = Some(condition_coverage(v).ok_or_else(|| v.to_string()));
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

        Ok(())
    }

    fn text(&mut self, t: &str) {
        if self.in_source {
            self.source.push_str(t);
        }
    }

    fn entity(&mut self, name: &str) {
        if self.in_source
            && let Some(c) = super::xmlread::entity(name)
        {
            self.source.push(c);
        }
    }

    fn end(&mut self, name: &str, out: &mut ReportData) {
        match name {
            "source" => {
                self.in_source = false;
                let s = self.source.trim();
                if !s.is_empty() {
                    out.roots.push(s.to_string());
                }
            }
            "methods" => self.in_methods = self.in_methods.saturating_sub(1),
            "class" => {
                let methods = std::mem::take(&mut self.method_lines);
                if let Some((file, mut cov)) = self.class.take() {
                    if cov.counts().lines_total == 0 && methods.counts().lines_total > 0 {
                        cov = methods;
                    }
                    out.merge_file(file, cov, Combine::Max);
                }
            }
            _ => {}
        }
    }
}

/// The elements of Cobertura's DTD (coverage-04).
const ELEMENTS: &[&str] = &[
    "coverage",
    "sources",
    "source",
    "packages",
    "package",
    "classes",
    "class",
    "methods",
    "method",
    "lines",
    "line",
    "conditions",
    "condition",
];

/// Reports larger than this are cut into chunks of about this size.
const CHUNK: usize = 4 << 20;

impl Parser for Cobertura {
    fn format(&self) -> Format {
        Format::Cobertura
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let workers = crate::gates::threads().clamp(1, 4);
        parse_chunked(input, out, CHUNK, workers)
    }
}

/// Reads a whole document with full checks.
fn parse_whole(input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
    let mut xr = XmlReader::new(input);
    let mut buf = Vec::new();
    let mut cob = Cob::default();
    loop {
        let ev = xr.next(&mut buf)?;
        let at = xr.at();
        match ev {
            Event::Start(ref e) => cob.start(e, false, at, out)?,
            Event::Empty(ref e) => cob.start(e, true, at, out)?,
            Event::Text(t) => cob.text(&t),
            Event::CData(t) => cob.text(&t),
            Event::GeneralRef(r) => cob.entity(&r),
            Event::End(e) => cob.end(e.local_name().as_ref(), out),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// What one chunk holds: its records, the end tags it closes that opened in earlier chunks
/// (with their offsets), the tags it leaves open, and whether it has any element.
struct Frag {
    data: ReportData,
    closes: Vec<(String, u64)>,
    opens: Vec<String>,
    elements: bool,
    /// For each element started at the fragment's top level: how many `closes` came before it.
    top_level: Vec<usize>,
    err: Option<ParseError>,
}

/// Parses one chunk as a fragment; offsets are relative to the chunk.
fn parse_fragment(buf: &[u8], first: bool) -> Frag {
    let mut frag = Frag {
        data: ReportData::default(),
        closes: Vec::new(),
        opens: Vec::new(),
        elements: false,
        top_level: Vec::new(),
        err: None,
    };
    let mut r = quick_xml::Reader::from_reader(buf);
    r.config_mut().check_end_names = false;
    r.config_mut().allow_unmatched_ends = true;
    r.config_mut().trim_text(true);
    let mut cob = Cob {
        root_seen: !first,
        ..Cob::default()
    };
    let mut ebuf = Vec::new();
    let result = (|| -> Result<(), ParseError> {
        let mut after_markup = true;
        loop {
            ebuf.clear();
            if after_markup {
                skip_ws(&mut r);
            }
            let at = r.buffer_position();
            let ev = r.read_event_into(&mut ebuf).map_err(|e| {
                ParseError::at_offset(r.error_position(), format!("XML error: {e}"))
            })?;
            after_markup = !matches!(ev, Event::Text(_) | Event::GeneralRef(_));
            match ev {
                Event::Start(ref e) => {
                    frag.elements = true;
                    if frag.opens.is_empty() && frag.top_level.len() < 4 {
                        frag.top_level.push(frag.closes.len());
                    }
                    frag.opens.push(e.name().as_ref().to_string());
                    cob.start(e, false, at, &mut frag.data)?;
                }
                Event::Empty(ref e) => {
                    frag.elements = true;
                    if frag.opens.is_empty() && frag.top_level.len() < 4 {
                        frag.top_level.push(frag.closes.len());
                    }
                    cob.start(e, true, at, &mut frag.data)?;
                }
                Event::End(ref e) => {
                    let name = e.name().as_ref().to_string();
                    match frag.opens.pop() {
                        Some(open) if open == name => {}
                        Some(open) => {
                            return Err(ParseError::at_offset(
                                at,
                                format!(
                                    "XML error: ill-formed document: expected `</{open}>`, but `</{name}>` was found"
                                ),
                            ));
                        }
                        None => frag.closes.push((name, at)),
                    }
                    cob.end(e.local_name().as_ref(), &mut frag.data);
                }
                Event::Text(t) => {
                    if first && !cob.root_seen && !t.trim().is_empty() {
                        return Err(ParseError::at_offset(
                            at,
                            "text outside the root element: this is not an XML document",
                        ));
                    }
                    cob.text(&t);
                }
                Event::CData(t) => cob.text(&t),
                Event::GeneralRef(g) => cob.entity(&g),
                Event::Eof => break,
                _ => {}
            }
        }
        if cob.class.is_some() || cob.in_methods > 0 || cob.in_source {
            return Err(ParseError::at_offset(
                buf.len() as u64,
                "a `<class>`, `<methods>` or `<source>` element spans a `</class>` found inside a comment or CDATA; cannot read this report in chunks",
            ));
        }
        Ok(())
    })();
    frag.err = result.err();
    frag
}

/// The next chunk: up to just after the last `</class>` once `size` bytes are read, or the rest.
fn next_chunk(
    input: &mut dyn BufRead,
    carry: &mut Vec<u8>,
    size: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    const M: &[u8] = b"</class>";
    let mut chunk = std::mem::take(carry);
    let mut searched = 0usize;
    loop {
        if chunk.len() >= size {
            let hay = &chunk[searched..];
            if let Some(i) = hay.windows(M.len()).rposition(|w| w == M) {
                let cut = searched + i + M.len();
                carry.extend_from_slice(&chunk[cut..]);
                chunk.truncate(cut);
                return Ok(Some(chunk));
            }
            searched = chunk.len().saturating_sub(M.len());
        }
        let want = size.clamp(64 * 1024, 64 << 20) as u64;
        match std::io::Read::read_to_end(&mut std::io::Read::take(&mut *input, want), &mut chunk) {
            Ok(0) => return Ok(if chunk.is_empty() { None } else { Some(chunk) }),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Reads in chunks with `workers` threads; a report that fits in one chunk is read whole.
fn parse_chunked(
    input: &mut dyn BufRead,
    out: &mut ReportData,
    size: usize,
    workers: usize,
) -> Result<(), ParseError> {
    let read_err = |e: std::io::Error| ParseError::at_offset(0, format!("read error: {e}"));
    let mut carry = Vec::new();
    let Some(first) = next_chunk(input, &mut carry, size).map_err(read_err)? else {
        return parse_whole(&mut &[][..], out);
    };
    if workers < 2 || first.len() < size {
        // Everything read so far, then the rest, as one document.
        let head = std::io::Read::chain(std::io::Cursor::new(first), std::io::Cursor::new(carry));
        let mut chained = std::io::BufReader::new(std::io::Read::chain(head, input));
        return parse_whole(&mut chained, out);
    }
    let (job_tx, job_rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(workers);
    let job_rx = std::sync::Mutex::new(job_rx);
    let (res_tx, res_rx) = std::sync::mpsc::channel::<(usize, Frag)>();
    let mut stitch = Stitch::default();
    let mut result: Result<(), ParseError> = Ok(());
    let mut read_error = None;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let res_tx = res_tx.clone();
            let job_rx = &job_rx;
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((i, buf)) = job else { break };
                    if res_tx.send((i, parse_fragment(&buf, i == 0))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(res_tx);
        let mut pending: BTreeMap<usize, Frag> = BTreeMap::new();
        let mut sizes: Vec<u64> = Vec::new();
        let mut idx = 0usize;
        let mut chunk = Some(first);
        while let Some(c) = chunk.take() {
            sizes.push(c.len() as u64);
            if job_tx.send((idx, c)).is_err() {
                break;
            }
            idx += 1;
            while let Ok((i, f)) = res_rx.try_recv() {
                pending.insert(i, f);
            }
            result = stitch.absorb(&mut pending, &sizes, out);
            if result.is_err() {
                break;
            }
            match next_chunk(input, &mut carry, size) {
                Ok(n) => chunk = n,
                Err(e) => read_error = Some(read_err(e)),
            }
        }
        drop(job_tx);
        while result.is_ok() && read_error.is_none() && stitch.absorbed < idx {
            match res_rx.recv() {
                Ok((i, f)) => {
                    pending.insert(i, f);
                }
                Err(_) => break,
            }
            result = stitch.absorb(&mut pending, &sizes, out);
        }
    });
    if let Some(e) = read_error {
        return Err(e);
    }
    result?;
    stitch.finish()
}

/// Joins the chunks in order and checks the nesting across them.
#[derive(Default)]
struct Stitch {
    absorbed: usize,
    offset: u64,
    stack: Vec<String>,
    root_closed: bool,
}

impl Stitch {
    fn absorb(
        &mut self,
        pending: &mut BTreeMap<usize, Frag>,
        sizes: &[u64],
        out: &mut ReportData,
    ) -> Result<(), ParseError> {
        while let Some(f) = pending.remove(&self.absorbed) {
            let base = self.offset;
            let shift = |mut e: ParseError| {
                if let ErrPos::Offset(o) = e.pos {
                    e.pos = ErrPos::Offset(o + base);
                }
                e
            };
            if let Some(e) = f.err {
                return Err(shift(e));
            }
            // A second root: after the root closed in an earlier chunk, after this chunk closes
            // everything still open, or a second top-level element in the first chunk.
            let open_before = self.stack.len();
            let second_root = (self.root_closed && f.elements)
                || (self.absorbed == 0 && f.top_level.len() > 1)
                || (self.absorbed > 0 && f.top_level.iter().any(|&k| k >= open_before));
            if second_root {
                return Err(ParseError::at_offset(base, "a second root element"));
            }
            for (name, at) in f.closes {
                match self.stack.pop() {
                    Some(open) if open == name => {}
                    Some(open) => {
                        return Err(ParseError::at_offset(
                            base + at,
                            format!(
                                "XML error: ill-formed document: expected `</{open}>`, but `</{name}>` was found"
                            ),
                        ));
                    }
                    None => {
                        return Err(ParseError::at_offset(
                            base + at,
                            format!("XML error: ill-formed document: unmatched `</{name}>`"),
                        ));
                    }
                }
            }
            self.stack.extend(f.opens);
            self.root_closed = self.stack.is_empty();
            let d = f.data;
            for (path, cov) in d.files {
                out.merge_file(path, cov, Combine::Max);
            }
            out.roots.extend(d.roots);
            if out.headline.is_none() {
                out.headline = d.headline;
            }
            self.offset += sizes.get(self.absorbed).copied().unwrap_or(0);
            self.absorbed += 1;
        }
        Ok(())
    }

    fn finish(self) -> Result<(), ParseError> {
        if !self.stack.is_empty() {
            return Err(ParseError::at_offset(
                self.offset,
                format!(
                    "unexpected end of file: {} element(s) still open (truncated report?)",
                    self.stack.len()
                ),
            ));
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

#[cfg(test)]
mod tests {
    use super::*;

    type Fig = (super::super::Counts, Vec<String>, Option<(u64, u64)>, usize);

    fn read(bytes: &[u8], size: usize, workers: usize) -> Result<Fig, String> {
        let mut out = ReportData::default();
        let mut input: &[u8] = bytes;
        match parse_chunked(&mut input, &mut out, size, workers) {
            Ok(()) => {
                out.finish();
                Ok((
                    out.counts(),
                    out.roots.clone(),
                    out.headline.as_ref().and_then(|h| h.lines),
                    out.files.len(),
                ))
            }
            Err(e) => Err(format!("{:?}: {}", e.pos, e.message)),
        }
    }

    #[test]
    fn chunked_reading_equals_whole_reading() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/coverage");
        for f in [
            "python/coverage.xml",
            "c/gcovr-cobertura.xml",
            "js/nyc/cobertura-coverage.xml",
            "js/c8/cobertura-coverage.xml",
            "dotnet/coverage.cobertura.xml",
        ] {
            let b = std::fs::read(root.join(f)).expect("fixture");
            let whole = read(&b, usize::MAX, 1);
            assert!(whole.is_ok(), "{f}: {whole:?}");
            for size in [1, 100, 1000, 10_000] {
                for workers in [2, 3] {
                    assert_eq!(
                        read(&b, size, workers),
                        whole,
                        "{f} size {size} workers {workers}"
                    );
                }
            }
            // Every prefix fails (or not) the same way in chunks as whole.
            let step = (b.len() / 60).max(1);
            let mut cut = 1;
            while cut < b.len() {
                let w = read(&b[..cut], usize::MAX, 1);
                let c = read(&b[..cut], 50, 2);
                assert_eq!(
                    w.is_ok(),
                    c.is_ok(),
                    "{f} prefix {cut}: whole {w:?} chunked {c:?}"
                );
                if w.is_ok() {
                    assert_eq!(w, c, "{f} prefix {cut}");
                }
                cut += step;
            }
        }
    }

    #[test]
    fn chunked_reading_never_panics_on_damaged_input() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/coverage");
        let b = std::fs::read(root.join("js/c8/cobertura-coverage.xml")).expect("fixture");
        let mut rng = crate::testutil::XorShift(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next_u64();
        for _ in 0..200 {
            let mut d = b.clone();
            for _ in 0..3 {
                let i = (next() as usize) % d.len();
                d[i] = next() as u8;
            }
            let _ = read(&d, 64, 2);
            let _ = read(&d, usize::MAX, 1);
        }
    }

    #[test]
    fn nesting_is_checked_across_chunks() {
        let doc = b"<coverage><packages><package name=\"p\"><classes><class filename=\"a.py\"><lines><line number=\"1\" hits=\"1\"/></lines></class></classes></package></sources></coverage>";
        let w = read(doc, usize::MAX, 1).expect_err("whole");
        let c = read(doc, 10, 2).expect_err("chunked");
        assert!(w.contains("expected `</packages>`"), "{w}");
        assert!(c.contains("expected `</packages>`"), "{c}");
        let two_roots = b"<coverage><packages><package><classes><class filename=\"a\"></class></classes></package></packages></coverage><coverage/>";
        assert!(read(two_roots, 10, 2).is_err());
        assert!(read(two_roots, usize::MAX, 1).is_err());
    }
}
