//! Large JSON reports, streamed: [`Splitter`] walks a document's outer structure (objects and
//! arrays the reader chooses to enter) from a `BufRead`, and hands out the raw bytes of the values
//! inside it, which the reader then parses with serde_json's slice parser, several at a time on
//! other threads ([`ordered`]). serde_json's reader parser takes one byte at a time through the
//! `Read` trait; its slice parser is three to four times faster, and the values can be parsed in
//! parallel while the next ones are read.
//!
//! Nothing is skipped unchecked: the structure walked here (braces, brackets, commas, colons,
//! keys) is checked as it is read, and every value handed out or skipped is parsed in full by
//! serde_json. A value is found by its brackets and its strings, so a damaged value is still cut
//! at some point and then rejected by serde_json; a truncated document ends with an "unexpected
//! end of file". Positions are byte offsets into the file ([`ParseError::at_offset`]).

use super::ParseError;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;
use std::io::BufRead;

/// The bytes a bracket scan stops at outside strings.
static STRUCTURAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'{' as usize] = true;
    t[b'}' as usize] = true;
    t[b'[' as usize] = true;
    t[b']' as usize] = true;
    t
};

/// A pull reader over a JSON document's outer structure.
pub struct Splitter<'a> {
    input: &'a mut dyn BufRead,
    /// Offset of the next unread byte.
    offset: u64,
    /// One entry per object or array entered: true until its first member is read.
    first: Vec<bool>,
}

/// What a bracket scan is inside of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    Code,
    Str,
    Escape,
}

fn eof(offset: u64) -> ParseError {
    ParseError::at_offset(offset, "unexpected end of file (truncated report?)")
}

fn shown(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02x}")
    }
}

/// A serde_json error's message, without serde_json's own " at line L column C" (positions are
/// reported separately), and naming a truncated file as such.
pub fn message(e: &serde_json::Error) -> String {
    let msg = match e.classify() {
        serde_json::error::Category::Eof => {
            format!("unexpected end of file (truncated report?): {e}")
        }
        _ => format!("{e}"),
    };
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// A serde_json error inside a value that starts at `start` in the file: its message (without
/// serde_json's own " at line L column C") and its file offset.
pub fn value_error(e: &serde_json::Error, bytes: &[u8], start: u64) -> ParseError {
    let msg = message(e);
    // serde_json's line and column are 1-based and count bytes; column 0 means "before the
    // first byte of the line".
    let mut line_start = 0usize;
    for _ in 1..e.line().max(1) {
        match memchr::memchr(b'\n', &bytes[line_start..]) {
            Some(i) => line_start += i + 1,
            None => break,
        }
    }
    let local = (line_start + e.column().saturating_sub(1)).min(bytes.len());
    ParseError::at_offset(start + local as u64, msg)
}

/// Parses one value handed out by [`Splitter::raw_value`] with `seed`, checking that nothing
/// follows it.
pub fn parse_value<'de, S: serde::de::DeserializeSeed<'de>>(
    seed: S,
    bytes: &'de [u8],
    start: u64,
) -> Result<S::Value, ParseError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let v = seed
        .deserialize(&mut de)
        .map_err(|e| value_error(&e, bytes, start))?;
    de.end().map_err(|e| value_error(&e, bytes, start))?;
    Ok(v)
}

impl<'a> Splitter<'a> {
    pub fn new(input: &'a mut dyn BufRead) -> Splitter<'a> {
        Splitter {
            input,
            offset: 0,
            first: Vec::new(),
        }
    }

    /// The offset of the next unread byte.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    fn read_err(&self, e: std::io::Error) -> ParseError {
        ParseError::at_offset(self.offset, format!("read error: {e}"))
    }

    /// Skips whitespace; the next byte, not consumed (`None` at the end of the input).
    fn peek(&mut self) -> Result<Option<u8>, ParseError> {
        loop {
            let buf = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_err(e)),
            };
            if buf.is_empty() {
                return Ok(None);
            }
            match buf
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            {
                Some(i) => {
                    let b = buf[i];
                    self.input.consume(i);
                    self.offset += i as u64;
                    return Ok(Some(b));
                }
                None => {
                    let n = buf.len();
                    self.input.consume(n);
                    self.offset += n as u64;
                }
            }
        }
    }

    fn bump(&mut self) {
        self.input.consume(1);
        self.offset += 1;
    }

    /// Expects `want` (after whitespace) and consumes it.
    fn expect(&mut self, want: u8, what: &str) -> Result<(), ParseError> {
        match self.peek()? {
            Some(b) if b == want => {
                self.bump();
                Ok(())
            }
            Some(b) => Err(ParseError::at_offset(
                self.offset,
                format!("expected {what}, found {}", shown(b)),
            )),
            None => Err(eof(self.offset)),
        }
    }

    /// Enters an object: the next value must be one.
    pub fn begin_object(&mut self, what: &str) -> Result<(), ParseError> {
        self.expect(b'{', what)?;
        self.first.push(true);
        Ok(())
    }

    /// Enters an array: the next value must be one.
    pub fn begin_array(&mut self, what: &str) -> Result<(), ParseError> {
        self.expect(b'[', what)?;
        self.first.push(true);
        Ok(())
    }

    /// Reads a separating comma unless this is the first member; `Ok(false)` (and the container
    /// left) at its closing `close`.
    fn member(&mut self, close: u8) -> Result<bool, ParseError> {
        let b = self.peek()?.ok_or_else(|| eof(self.offset))?;
        if b == close {
            self.bump();
            self.first.pop();
            return Ok(false);
        }
        let first = self.first.last_mut().map(std::mem::take).unwrap_or(true);
        if !first {
            if b != b',' {
                return Err(ParseError::at_offset(
                    self.offset,
                    format!("expected `,` or `{}`, found {}", close as char, shown(b)),
                ));
            }
            self.bump();
        }
        Ok(true)
    }

    /// The next key of the object entered last and its offset, with the reader at its value;
    /// `None` at the object's end (which leaves it).
    pub fn next_key(&mut self) -> Result<Option<(String, u64)>, ParseError> {
        if !self.member(b'}')? {
            return Ok(None);
        }
        let at = match self.peek()? {
            Some(b'"') => self.offset,
            Some(b) => {
                return Err(ParseError::at_offset(
                    self.offset,
                    format!("expected a key (a string), found {}", shown(b)),
                ));
            }
            None => return Err(eof(self.offset)),
        };
        let mut raw = Vec::new();
        self.raw_value(&mut raw)?;
        let key: String = parse_value(std::marker::PhantomData, &raw, at)?;
        self.expect(b':', "`:` after a key")?;
        Ok(Some((key, at)))
    }

    /// Whether the array entered last has another element (the reader is then at it); `false`
    /// at the array's end (which leaves it).
    pub fn next_element(&mut self) -> Result<bool, ParseError> {
        self.member(b']')
    }

    /// Appends the raw bytes of the next value to `out` and returns the value's offset. The
    /// value is found, not checked: parse it (e.g. with [`parse_value`]).
    pub fn raw_value(&mut self, out: &mut Vec<u8>) -> Result<u64, ParseError> {
        let b = self.peek()?.ok_or_else(|| eof(self.offset))?;
        let start = self.offset;
        match b {
            b'{' | b'[' | b'"' => self.scan_nested(out)?,
            b',' | b'}' | b']' | b':' => {
                return Err(ParseError::at_offset(
                    self.offset,
                    format!("expected a value, found {}", shown(b)),
                ));
            }
            _ => self.scan_scalar(out)?,
        }
        Ok(start)
    }

    /// Skips the next value, parsing it in full.
    pub fn skip_value(&mut self) -> Result<(), ParseError> {
        let mut raw = Vec::new();
        let at = self.raw_value(&mut raw)?;
        parse_value(std::marker::PhantomData::<IgnoredAny>, &raw, at)?;
        Ok(())
    }

    /// Checks that only whitespace follows.
    pub fn end(&mut self) -> Result<(), ParseError> {
        match self.peek()? {
            None => Ok(()),
            Some(b) => Err(ParseError::at_offset(
                self.offset,
                format!("trailing characters after the document: {}", shown(b)),
            )),
        }
    }

    /// A number, `true`, `false` or `null`: up to the next delimiter.
    fn scan_scalar(&mut self, out: &mut Vec<u8>) -> Result<(), ParseError> {
        loop {
            let buf = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_err(e)),
            };
            if buf.is_empty() {
                return Ok(());
            }
            let end = buf.iter().position(|b| {
                matches!(
                    b,
                    b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'{' | b'['
                )
            });
            let n = end.unwrap_or(buf.len());
            out.extend_from_slice(&buf[..n]);
            self.input.consume(n);
            self.offset += n as u64;
            if end.is_some() {
                return Ok(());
            }
        }
    }

    /// A string, object or array: up to its closing quote or bracket.
    fn scan_nested(&mut self, out: &mut Vec<u8>) -> Result<(), ParseError> {
        let mut depth: u64 = 0;
        let mut state = Scan::Code;
        loop {
            let buf = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_err(e)),
            };
            if buf.is_empty() {
                return Err(eof(self.offset));
            }
            let mut i = 0;
            let mut done = false;
            while i < buf.len() {
                match state {
                    Scan::Str => match memchr::memchr2(b'"', b'\\', &buf[i..]) {
                        None => i = buf.len(),
                        Some(j) => {
                            i += j;
                            if buf[i] == b'\\' {
                                state = Scan::Escape;
                            } else {
                                state = Scan::Code;
                                if depth == 0 {
                                    done = true;
                                    i += 1;
                                    break;
                                }
                            }
                            i += 1;
                        }
                    },
                    Scan::Escape => {
                        state = Scan::Str;
                        i += 1;
                    }
                    Scan::Code => {
                        // Numbers, commas and spaces make most of a report: skip them in a
                        // tight loop.
                        while i < buf.len() && !STRUCTURAL[usize::from(buf[i])] {
                            i += 1;
                        }
                        if i == buf.len() {
                            break;
                        }
                        match buf[i] {
                            b'"' => state = Scan::Str,
                            b'{' | b'[' => depth += 1,
                            b'}' | b']' => {
                                depth = depth.saturating_sub(1);
                                if depth == 0 {
                                    done = true;
                                    i += 1;
                                    break;
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                }
            }
            out.extend_from_slice(&buf[..i]);
            self.input.consume(i);
            self.offset += i as u64;
            if done {
                return Ok(());
            }
        }
    }
}

/// Runs `work` on `workers` threads over the jobs `next` produces, and hands each result to
/// `absorb` in the order the jobs were produced, while later jobs are still being produced.
/// With no workers everything runs on this thread. At most `2 × workers` jobs are in flight, so
/// memory stays flat. The first error in job order wins: an error from `next` is returned only
/// after the jobs before it were absorbed without one.
pub fn ordered<J: Send, R: Send>(
    workers: usize,
    mut next: impl FnMut() -> Result<Option<J>, ParseError>,
    work: impl Fn(J) -> Result<R, ParseError> + Sync,
    mut absorb: impl FnMut(R) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    if workers == 0 {
        while let Some(j) = next()? {
            absorb(work(j)?)?;
        }
        return Ok(());
    }
    let (job_tx, job_rx) = std::sync::mpsc::sync_channel::<(usize, J)>(workers);
    let job_rx = std::sync::Mutex::new(job_rx);
    let (res_tx, res_rx) = std::sync::mpsc::channel::<(usize, Result<R, ParseError>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let res_tx = res_tx.clone();
            let (job_rx, work) = (&job_rx, &work);
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((i, j)) = job else { break };
                    if res_tx.send((i, work(j))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(res_tx);
        let mut pending: BTreeMap<usize, Result<R, ParseError>> = BTreeMap::new();
        let mut absorbed = 0usize;
        let mut sent = 0usize;
        let mut drain = |pending: &mut BTreeMap<usize, Result<R, ParseError>>,
                         absorbed: &mut usize|
         -> Result<(), ParseError> {
            while let Some(r) = pending.remove(absorbed) {
                *absorbed += 1;
                absorb(r?)?;
            }
            Ok(())
        };
        let mut produce_err = None;
        loop {
            match next() {
                Ok(Some(j)) => {
                    if job_tx.send((sent, j)).is_err() {
                        break;
                    }
                    sent += 1;
                }
                Ok(None) => break,
                Err(e) => {
                    produce_err = Some(e);
                    break;
                }
            }
            while let Ok((i, r)) = res_rx.try_recv() {
                pending.insert(i, r);
            }
            drain(&mut pending, &mut absorbed)?;
        }
        drop(job_tx);
        while absorbed < sent {
            match res_rx.recv() {
                Ok((i, r)) => {
                    pending.insert(i, r);
                }
                Err(_) => break,
            }
            drain(&mut pending, &mut absorbed)?;
        }
        match produce_err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gates::reading::ErrPos;

    fn walk(doc: &str) -> Result<Vec<(String, String)>, ParseError> {
        let mut input = doc.as_bytes();
        let mut s = Splitter::new(&mut input);
        let mut got = Vec::new();
        s.begin_object("an object")?;
        while let Some((k, _)) = s.next_key()? {
            if k == "list" {
                s.begin_array("an array")?;
                while s.next_element()? {
                    let mut raw = Vec::new();
                    let at = s.raw_value(&mut raw)?;
                    parse_value(std::marker::PhantomData::<IgnoredAny>, &raw, at)?;
                    got.push((k.clone(), String::from_utf8_lossy(&raw).into_owned()));
                }
            } else {
                s.skip_value()?;
            }
        }
        s.end()?;
        Ok(got)
    }

    fn err_at(doc: &str) -> u64 {
        match walk(doc) {
            Err(ParseError {
                pos: ErrPos::Offset(o),
                ..
            }) => o,
            other => panic!("{doc}: {other:?}"),
        }
    }

    #[test]
    fn values_are_cut_at_their_brackets_and_strings() {
        let got = walk(
            r#" {"meta": {"a": [1, "]}\"" ]}, "list" : [ {"x": "}"}, [1,[2]], "s\\", 12.5e3, null, true ] } "#,
        )
        .unwrap();
        let raw: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(
            raw,
            [
                r#"{"x": "}"}"#,
                "[1,[2]]",
                r#""s\\""#,
                "12.5e3",
                "null",
                "true"
            ]
        );
        assert!(walk(r#"{"list": []}"#).unwrap().is_empty());
        assert!(walk("{}").unwrap().is_empty());
    }

    #[test]
    fn damage_is_an_error_at_its_offset() {
        // A missing comma between members, and between elements.
        assert_eq!(err_at(r#"{"a": 1 "b": 2}"#), 8);
        assert_eq!(err_at(r#"{"list": [1 2]}"#), 12);
        // A trailing comma.
        assert_eq!(err_at(r#"{"list": [1,]}"#), 12);
        assert_eq!(err_at(r#"{"a": 1,}"#), 8);
        // A key that is not a string, a missing colon.
        assert_eq!(err_at(r#"{a: 1}"#), 1);
        assert_eq!(err_at(r#"{"a" 1}"#), 5);
        // Mismatched brackets are cut by count and rejected by serde_json.
        assert_eq!(err_at(r#"{"list": [{"x": 1]]}"#), 17);
        // A bad value inside an element: the offset where serde_json stopped (the `]` that ends
        // the broken `tru`), also when the element spans lines.
        assert_eq!(err_at("{\"list\": [\n[1, tru]]}"), 18);
        assert_eq!(err_at("{\"list\": [[1,\n tru]]}"), 18);
        // Truncated anywhere.
        for cut in 1..r#"{"list": [{"x": "y"}, 2]}"#.len() {
            let doc = &r#"{"list": [{"x": "y"}, 2]}"#[..cut];
            assert!(walk(doc).is_err(), "{doc}");
        }
        // Trailing bytes after the document.
        assert_eq!(err_at(r#"{"a": 1} x"#), 9);
        assert_eq!(err_at(""), 0);
    }

    #[test]
    fn ordered_keeps_job_order_and_the_first_error() {
        for workers in [0, 1, 2, 4] {
            let mut n = 0;
            let mut seen = Vec::new();
            ordered(
                workers,
                || {
                    n += 1;
                    Ok((n <= 100).then_some(n))
                },
                |j| Ok(j * 2),
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, (1..=100).map(|j| j * 2).collect::<Vec<_>>());

            // Job 30 fails in the worker, job 60 fails when produced: job 30's error wins.
            let mut n = 0;
            let mut absorbed = 0;
            let e = ordered(
                workers,
                || {
                    n += 1;
                    if n == 60 {
                        return Err(ParseError::at_offset(60, "produce"));
                    }
                    Ok(Some(n))
                },
                |j| {
                    if j == 30 {
                        Err(ParseError::at_offset(30, "work"))
                    } else {
                        Ok(j)
                    }
                },
                |_| {
                    absorbed += 1;
                    Ok(())
                },
            )
            .unwrap_err();
            assert_eq!(e.message, "work");
            assert_eq!(absorbed, 29);
        }
    }
}
