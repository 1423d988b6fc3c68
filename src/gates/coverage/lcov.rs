//! LCOV tracefiles (`geninfo(1)`), including LCOV 2.x records (`VER:`, `FNL`/`FNA`, `MCDC`, the `e`
//! exception-branch prefix) and text branch ids such as coverage.py's `BRDA:2,0,jump to line 3,1`.
//!
//! Tolerance follows lcov 1.16's own reader: CRLF line ends, white space after a record
//! (`end_of_record `), an empty `SF:` path (gcovr on Windows with a substituted drive) and a UTF-8
//! byte-order mark are accepted. A line that is neither blank nor a known record (`TN`, `SF`,
//! `KF`, `VER`, `DA`, `FN`, `FNDA`, `FNF`, `FNH`, `FNL`, `FNA`, `BRDA`, `BRF`, `BRH`, `LF`, `LH`,
//! `MCDC`, `end_of_record`) is an error with its line: lcov skips such lines silently, but a
//! damaged record that is skipped can only make coverage look better.
//!
//! `BRDA ... -` is a branch found but not taken. Repeated `SF` sections of the same file add up, as
//! `lcov -a` does. `LF`/`LH` and `BRF`/`BRH` are the producer's headline: compared, never used.

use super::{Combine, ErrPos, FileCov, Format, ParseError, Parser, ReportData, line_no, text_id};
use std::collections::BTreeMap;
use std::io::BufRead;

pub struct Lcov;

#[derive(Default)]
struct Section {
    path: String,
    cov: FileCov,
    lf: Option<u64>,
    lh: Option<u64>,
    brf: Option<u64>,
    brh: Option<u64>,
}

#[derive(Default)]
struct Tally {
    sections: u64,
    bad: u64,
    first: Option<String>,
    head_lines: (u64, u64),
    rec_lines: (u64, u64),
    head_br: (u64, u64),
    rec_br: (u64, u64),
}

fn num(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 19 {
        return None;
    }
    let mut v: u64 = 0;
    for &b in s {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(b - b'0');
    }
    Some(v)
}

/// The function records' grammar (lcov 1.16 and 2.x): `FN:line[,end],name`,
/// `FNDA:count,name`, `FNF:n`, `FNH:n`, `FNL:index,line[,end]`, `FNA:index,count,name`.
fn function_record_ok(key: &[u8], val: &[u8]) -> bool {
    let v = val.trim_ascii();
    let mut parts = v.splitn(3, |&b| b == b',');
    let (a, b, c) = (parts.next(), parts.next(), parts.next());
    let is_num = |x: Option<&[u8]>| x.is_some_and(|x| num(x.trim_ascii()).is_some());
    let is_count = |x: Option<&[u8]>| x.is_some_and(|x| hits(x.trim_ascii()).is_some());
    let named = |x: Option<&[u8]>| x.is_some_and(|x| !x.trim_ascii().is_empty());
    match key {
        b"FNF" | b"FNH" => num(v).is_some(),
        b"FN" => is_num(a) && (named(b) && (c.is_none() || is_num(b)) || named(c)),
        b"FNDA" => {
            let mut p = v.splitn(2, |&b| b == b',');
            is_count(p.next()) && named(p.next())
        }
        b"FNL" => is_num(a) && is_num(b) && (c.is_none() || is_num(c)),
        b"FNA" => is_num(a) && is_count(b) && named(c),
        _ => true,
    }
}

/// A hit count as lcov reads it: an integer, optionally negative (read as 0); one too large for
/// 64 bits is the largest count. Anything else (`1.5`, `NaN`, `inf`, empty) is damage.
fn hits(s: &[u8]) -> Option<u64> {
    if let Some(v) = num(s) {
        return Some(v);
    }
    let (neg, digits) = match s {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(if neg { 0 } else { u64::MAX })
}

/// Reading state: the current section and what was seen so far.
#[derive(Default)]
struct State {
    lineno: u64,
    cur: Option<Section>,
    tally: Tally,
    mcdc: u64,
    any: bool,
}

impl State {
    /// One line (without its `\n`).
    fn record(&mut self, buf: &[u8], out: &mut ReportData) -> Result<(), ParseError> {
        self.lineno += 1;
        let lineno = self.lineno;
        let mut l: &[u8] = buf;
        while let [rest @ .., b'\n' | b'\r' | b' ' | b'\t'] = l {
            l = rest;
        }
        while let [b' ' | b'\t', rest @ ..] = l {
            l = rest;
        }
        if l.is_empty() {
            return Ok(());
        }
        let err = |col: usize, msg: String| ParseError::at_line(lineno, col as u64 + 1, msg);
        if let Some(i) = l
            .iter()
            .position(|&b| (b < 0x20 && b != b'\t') || b == 0x7F)
        {
            return Err(err(
                i,
                format!(
                    "control character 0x{:02X} in an LCOV record (a damaged line?)",
                    l[i]
                ),
            ));
        }
        if l == b"end_of_record" {
            let Some(s) = self.cur.take() else {
                return Err(err(0, "`end_of_record` without an `SF` section".into()));
            };
            close(s, out, &mut self.tally);
            self.any = true;
            return Ok(());
        }
        let Some(colon) = l.iter().position(|&b| b == b':') else {
            return Err(err(
                0,
                format!(
                    "expected an LCOV record such as `DA:3,1`, found `{}`",
                    snippet(l)
                ),
            ));
        };
        let (key, val) = (&l[..colon], &l[colon + 1..]);
        if !key.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_') {
            return Err(err(
                0,
                format!(
                    "expected an LCOV record such as `DA:3,1`, found `{}`",
                    snippet(l)
                ),
            ));
        }
        let vcol = colon + 1;
        match key {
            b"SF" => {
                if let Some(s) = &self.cur {
                    return Err(err(
                        0,
                        format!(
                            "`SF` before the `end_of_record` of the section for {}",
                            s.path
                        ),
                    ));
                }
                // An empty path is what lcov reads too (gcovr with a substituted drive); the
                // section still counts, under the name `<empty SF path>`.
                let path = String::from_utf8_lossy(val).trim().to_string();
                let path = if path.is_empty() {
                    EMPTY_SF.to_string()
                } else {
                    path
                };
                self.cur = Some(Section {
                    path,
                    ..Section::default()
                });
            }
            b"TN" | b"KF" | b"VER" => {}
            b"FN" | b"FNDA" | b"FNF" | b"FNH" | b"FNL" | b"FNA" => {
                // Not counted, but checked: a damaged function record is a damaged report.
                if !function_record_ok(key, val) {
                    return Err(err(
                        vcol,
                        format!(
                            "malformed `{}` record `{}`",
                            String::from_utf8_lossy(key),
                            snippet(l)
                        ),
                    ));
                }
            }
            b"DA" | b"BRDA" | b"LF" | b"LH" | b"BRF" | b"BRH" | b"MCDC" => {
                let Some(s) = self.cur.as_mut() else {
                    return Err(err(
                        0,
                        format!("`{}` outside an `SF` section", String::from_utf8_lossy(key)),
                    ));
                };
                match key {
                    b"DA" => {
                        let mut parts = val.splitn(3, |&b| b == b',');
                        let ln = parts.next().unwrap_or_default();
                        let h = parts.next();
                        let line = num(ln.trim_ascii()).and_then(line_no).ok_or_else(|| {
                            err(vcol, format!("bad line number in `{}`", snippet(l)))
                        })?;
                        let h = h.and_then(|h| hits(h.trim_ascii())).ok_or_else(|| {
                            err(vcol, format!("bad hit count in `{}`", snippet(l)))
                        })?;
                        s.cov.line(line, h, Combine::Add);
                    }
                    b"BRDA" => {
                        // line,[e]block,branch,taken — the branch may be text with commas.
                        let first = val.iter().position(|&b| b == b',');
                        let last = val.iter().rposition(|&b| b == b',');
                        let (Some(a), Some(z)) = (first, last.filter(|&z| Some(z) > first)) else {
                            return Err(err(
                                vcol,
                                format!(
                                    "expected `BRDA:line,block,branch,taken`, found `{}`",
                                    snippet(l)
                                ),
                            ));
                        };
                        let mid = &val[a + 1..z];
                        let Some(b) = mid.iter().position(|&b| b == b',') else {
                            return Err(err(
                                vcol,
                                format!(
                                    "expected `BRDA:line,block,branch,taken`, found `{}`",
                                    snippet(l)
                                ),
                            ));
                        };
                        let line =
                            num(val[..a].trim_ascii())
                                .and_then(line_no)
                                .ok_or_else(|| {
                                    err(vcol, format!("bad line number in `{}`", snippet(l)))
                                })?;
                        let block = mid[..b].trim_ascii();
                        let branch = mid[b + 1..].trim_ascii();
                        let taken = val[z + 1..].trim_ascii();
                        let h = if taken == b"-" {
                            0
                        } else {
                            hits(taken).ok_or_else(|| {
                                err(vcol + z + 1, format!("bad taken count in `{}`", snippet(l)))
                            })?
                        };
                        let (exc, blk) = match block {
                            [b'e', rest @ ..] => (true, rest),
                            _ => (false, block),
                        };
                        let id = match (num(blk), num(branch)) {
                            (Some(bl), Some(br)) if bl < (1 << 28) && br < (1 << 32) => {
                                (bl << 32) | br | (u64::from(exc) << 62)
                            }
                            _ => {
                                let mut t = String::from_utf8_lossy(block).into_owned();
                                t.push('\u{1}');
                                t.push_str(&String::from_utf8_lossy(branch));
                                text_id(&t)
                            }
                        };
                        s.cov.branch(line, id, h, Combine::Add);
                    }
                    b"MCDC" => self.mcdc += 1,
                    _ => {
                        let v = num(val.trim_ascii()).ok_or_else(|| {
                            err(vcol, format!("expected a count in `{}`", snippet(l)))
                        })?;
                        match key {
                            b"LF" => s.lf = Some(v),
                            b"LH" => s.lh = Some(v),
                            b"BRF" => s.brf = Some(v),
                            _ => s.brh = Some(v),
                        }
                    }
                }
            }
            _ => {
                return Err(err(
                    0,
                    format!(
                        "unknown LCOV record `{}:` in `{}` (a damaged record would be dropped, so the report is not read in part)",
                        String::from_utf8_lossy(key),
                        snippet(l)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Adds what a later chunk saw.
    fn absorb(&mut self, o: State) {
        self.lineno += o.lineno;
        self.cur = o.cur;
        self.mcdc += o.mcdc;
        self.any |= o.any;
        let (t, u) = (&mut self.tally, o.tally);
        t.sections += u.sections;
        t.bad += u.bad;
        if t.first.is_none() {
            t.first = u.first;
        }
        for (x, y) in [
            (&mut t.head_lines, u.head_lines),
            (&mut t.rec_lines, u.rec_lines),
            (&mut t.head_br, u.head_br),
            (&mut t.rec_br, u.rec_br),
        ] {
            x.0 = x.0.saturating_add(y.0);
            x.1 = x.1.saturating_add(y.1);
        }
    }

    /// Checks the end of the file and reports what was seen.
    fn finish(self, out: &mut ReportData) -> Result<(), ParseError> {
        if let Some(s) = self.cur {
            return Err(ParseError::at_line(
                self.lineno.max(1),
                1,
                format!(
                    "unexpected end of file: the section for {} has no `end_of_record` (truncated report?)",
                    s.path
                ),
            ));
        }
        if !self.any {
            return Err(ParseError::at_line(
                self.lineno.max(1),
                1,
                "no `SF` section: not an LCOV tracefile",
            ));
        }
        if self.mcdc > 0 {
            out.notes.push(format!(
                "{} MC/DC records (`MCDC`) are not counted as branches",
                self.mcdc
            ));
        }
        let tally = self.tally;
        if tally.bad > 0 {
            out.mismatches.push(format!(
                "{} of {} sections give `LF`/`LH` or `BRF`/`BRH` that disagree with their records (first: {}); the headlines add up to lines {}/{}, branches {}/{}, the records give lines {}/{}, branches {}/{}",
                tally.bad,
                tally.sections,
                tally.first.unwrap_or_default(),
                tally.head_lines.0,
                tally.head_lines.1,
                tally.head_br.0,
                tally.head_br.1,
                tally.rec_lines.0,
                tally.rec_lines.1,
                tally.rec_br.0,
                tally.rec_br.1,
            ));
        }
        Ok(())
    }
}

/// The name of a section whose `SF:` line has no path.
pub const EMPTY_SF: &str = "<empty SF path>";

/// Input is cut into chunks of about this size, at `end_of_record` lines, and parsed in parallel.
const CHUNK: usize = 4 << 20;

/// The next chunk: whole sections (ending after an `end_of_record` line), or the rest of the file.
fn next_chunk(
    input: &mut dyn BufRead,
    carry: &mut Vec<u8>,
    size: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut chunk = std::mem::take(carry);
    let mut searched = 0usize;
    loop {
        if chunk.len() >= size {
            if let Some(end) = last_record_end(&chunk[searched..]) {
                let cut = searched + end;
                carry.extend_from_slice(&chunk[cut..]);
                chunk.truncate(cut);
                return Ok(Some(chunk));
            }
            searched = chunk.len().saturating_sub(16);
        }
        // Straight into the chunk: a large read bypasses the reader's own buffer.
        let want = size.clamp(64 * 1024, 64 << 20) as u64;
        match std::io::Read::read_to_end(&mut std::io::Read::take(&mut *input, want), &mut chunk) {
            Ok(0) => return Ok(if chunk.is_empty() { None } else { Some(chunk) }),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The offset just after the last `end_of_record` line in `b`.
fn last_record_end(b: &[u8]) -> Option<usize> {
    const M: &[u8] = b"\nend_of_record";
    let mut i = b.len();
    while i > M.len() {
        i -= 1;
        if b[i] == b'\n' {
            let line = b[..i].trim_ascii_end();
            if line.ends_with(M) {
                return Some(i + 1);
            }
        }
    }
    None
}

/// One chunk's reading state, records and outcome.
type Parsed = (State, ReportData, Result<(), ParseError>);

/// Parses one chunk; line numbers (in errors and `lineno`) count from the chunk's start.
fn parse_chunk(buf: &[u8]) -> Parsed {
    let mut st = State::default();
    let mut data = ReportData::default();
    let mut rest = buf;
    let mut r = Ok(());
    while !rest.is_empty() {
        let (line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        if let Err(e) = st.record(line, &mut data) {
            r = Err(e);
            break;
        }
        rest = next;
    }
    (st, data, r)
}

impl Parser for Lcov {
    fn format(&self) -> Format {
        Format::Lcov
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let workers = crate::gates::threads().clamp(1, 4);
        parse_chunked(input, out, CHUNK, workers)
    }
}

/// Parses in chunks of about `size` bytes with `workers` threads (1: on this thread).
fn parse_chunked(
    input: &mut dyn BufRead,
    out: &mut ReportData,
    size: usize,
    workers: usize,
) -> Result<(), ParseError> {
    let mut carry = Vec::new();
    let read_err = |e: std::io::Error| ParseError::at_line(1, 1, format!("read error: {e}"));
    let Some(mut first) = next_chunk(input, &mut carry, size).map_err(read_err)? else {
        return Err(ParseError::at_line(
            1,
            1,
            "no `SF` section: not an LCOV tracefile",
        ));
    };
    if first.starts_with(b"\xEF\xBB\xBF") {
        // A UTF-8 byte-order mark (Windows tools write one); lcov reads past it too.
        first.drain(..3);
    }
    let mut chunks_done: Vec<Parsed> = Vec::new();
    let mut state = State::default();
    if workers == 1 || first.len() < size {
        // Small input: one chunk, parsed here.
        let mut tail = first;
        loop {
            let (s, d, r) = parse_chunk(&tail);
            let failed = r.is_err();
            chunks_done.push((s, d, r));
            if failed {
                break;
            }
            match next_chunk(input, &mut carry, size).map_err(read_err)? {
                Some(c) => tail = c,
                None => break,
            }
        }
    } else {
        let (job_tx, job_rx) = {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(workers);
            (tx, std::sync::Mutex::new(rx))
        };
        let (res_tx, res_rx) = std::sync::mpsc::channel();
        let mut read_error = None;
        let mut result = Ok(());
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
                        if res_tx.send((i, parse_chunk(&buf))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(res_tx);
            // Results are absorbed in chunk order while later chunks are still being read.
            let mut pending: BTreeMap<usize, Parsed> = BTreeMap::new();
            let mut absorbed = 0usize;
            let mut idx = 0usize;
            let mut chunk = Some(first);
            while let Some(c) = chunk.take() {
                if job_tx.send((idx, c)).is_err() {
                    break;
                }
                idx += 1;
                while let Ok((i, p)) = res_rx.try_recv() {
                    pending.insert(i, p);
                }
                result = absorb_ready(&mut pending, &mut absorbed, &mut state, out);
                if result.is_err() {
                    break;
                }
                match next_chunk(input, &mut carry, size) {
                    Ok(n) => chunk = n,
                    Err(e) => read_error = Some(read_err(e)),
                }
            }
            drop(job_tx);
            while result.is_ok() && read_error.is_none() && absorbed < idx {
                match res_rx.recv() {
                    Ok((i, p)) => {
                        pending.insert(i, p);
                    }
                    Err(_) => break,
                }
                result = absorb_ready(&mut pending, &mut absorbed, &mut state, out);
            }
        });
        if let Some(e) = read_error {
            return Err(e);
        }
        result?;
    }
    for (i, p) in chunks_done.into_iter().enumerate() {
        let mut pending = BTreeMap::from([(i, p)]);
        let mut absorbed = i;
        absorb_ready(&mut pending, &mut absorbed, &mut state, out)?;
    }
    state.finish(out)
}

/// Absorbs the parsed chunks that are next in order.
fn absorb_ready(
    pending: &mut BTreeMap<usize, Parsed>,
    absorbed: &mut usize,
    state: &mut State,
    out: &mut ReportData,
) -> Result<(), ParseError> {
    while let Some((st, data, r)) = pending.remove(absorbed) {
        // Chunk-relative line numbers become file line numbers.
        r.map_err(|mut e| {
            if let ErrPos::LineCol(l, c) = e.pos {
                e.pos = ErrPos::LineCol(l + state.lineno, c);
            }
            e
        })?;
        for (path, cov) in data.files {
            out.merge_file(path, cov, Combine::Add);
        }
        out.notes.extend(data.notes);
        state.absorb(st);
        *absorbed += 1;
    }
    Ok(())
}

fn close(mut s: Section, out: &mut ReportData, t: &mut Tally) {
    s.cov.normalize();
    let c = s.cov.counts();
    t.sections += 1;
    t.rec_lines.0 += c.lines_covered;
    t.rec_lines.1 += c.lines_total;
    t.rec_br.0 += c.branches_covered;
    t.rec_br.1 += c.branches_total;
    // Headlines are the producer's numbers, as large as a damaged file makes them.
    t.head_lines.0 = t
        .head_lines
        .0
        .saturating_add(s.lh.unwrap_or(c.lines_covered));
    t.head_lines.1 = t.head_lines.1.saturating_add(s.lf.unwrap_or(c.lines_total));
    t.head_br.0 = t
        .head_br
        .0
        .saturating_add(s.brh.unwrap_or(c.branches_covered));
    t.head_br.1 = t
        .head_br
        .1
        .saturating_add(s.brf.unwrap_or(c.branches_total));
    let mut bad = Vec::new();
    if s.lf.is_some_and(|v| v != c.lines_total) || s.lh.is_some_and(|v| v != c.lines_covered) {
        bad.push(format!(
            "LF {}/LH {} vs DA {}/{}",
            s.lf.map_or("-".into(), |v| v.to_string()),
            s.lh.map_or("-".into(), |v| v.to_string()),
            c.lines_total,
            c.lines_covered
        ));
    }
    if s.brf.is_some_and(|v| v != c.branches_total)
        || s.brh.is_some_and(|v| v != c.branches_covered)
    {
        bad.push(format!(
            "BRF {}/BRH {} vs BRDA {}/{}",
            s.brf.map_or("-".into(), |v| v.to_string()),
            s.brh.map_or("-".into(), |v| v.to_string()),
            c.branches_total,
            c.branches_covered
        ));
    }
    if !bad.is_empty() {
        t.bad += 1;
        if t.first.is_none() {
            t.first = Some(format!("{}: {}", s.path, bad.join(", ")));
        }
    }
    out.merge_file(s.path, s.cov, Combine::Add);
}

fn snippet(l: &[u8]) -> String {
    let s = String::from_utf8_lossy(&l[..l.len().min(60)]).into_owned();
    if l.len() > 60 { format!("{s}…") } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(
        bytes: &[u8],
        size: usize,
        workers: usize,
    ) -> Result<(u64, u64, u64, u64, usize), String> {
        let mut out = ReportData::default();
        let mut input: &[u8] = bytes;
        match parse_chunked(&mut input, &mut out, size, workers) {
            Ok(()) => {
                out.finish();
                let c = out.counts();
                Ok((
                    c.lines_covered,
                    c.lines_total,
                    c.branches_covered,
                    c.branches_total,
                    out.files.len(),
                ))
            }
            Err(e) => Err(format!("{:?} {}", e.pos, e.message)),
        }
    }

    #[test]
    fn chunked_parallel_parse_equals_sequential() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/coverage");
        let crlf = std::fs::read(root.join("c/gcovr.lcov"))
            .expect("fixture")
            .iter()
            .flat_map(|&b| {
                if b == b'\n' {
                    vec![b'\r', b'\n']
                } else {
                    vec![b]
                }
            })
            .collect::<Vec<u8>>();
        let whole = figures(&crlf, usize::MAX, 1);
        assert_eq!(figures(&crlf, 100, 2), whole);
        assert!(whole.is_ok());
        assert_eq!(last_record_end(b"a\r\nend_of_record\r\nSF:x"), Some(18));
        for f in [
            "c/lcov-capture.info",
            "c/shard-2.info",
            "dotnet/coverage.info",
            "js/c8/lcov.info",
            "python/coverage.lcov",
        ] {
            let b = std::fs::read(root.join(f)).expect("fixture");
            // Twice the file: repeated sections merge, wherever the chunks are cut.
            let twice = [b.as_slice(), b.as_slice()].concat();
            let whole = figures(&twice, usize::MAX, 1);
            for size in [1, 64, 300, 4096] {
                for workers in [1, 2, 3] {
                    assert_eq!(
                        figures(&twice, size, workers),
                        whole,
                        "{f} size {size} workers {workers}"
                    );
                }
            }
        }
    }

    #[test]
    fn chunked_reading_never_panics_on_damaged_input() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/coverage");
        let b = std::fs::read(root.join("c/lcov-capture.info")).expect("fixture");
        let mut rng = crate::testutil::XorShift(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next_u64();
        for _ in 0..200 {
            let mut d = b.clone();
            for _ in 0..3 {
                let i = (next() as usize) % d.len();
                d[i] = next() as u8;
            }
            let _ = figures(&d, 64, 2);
        }
    }

    #[test]
    fn chunked_errors_keep_their_line_numbers() {
        let mut s = String::new();
        for i in 0..50 {
            s.push_str(&format!("SF:f{i}.c\nDA:1,1\nend_of_record\n"));
        }
        s.push_str("SF:bad.c\nDA:x,1\nend_of_record\n");
        for (size, workers) in [(usize::MAX, 1), (40, 2), (100, 3)] {
            let e = figures(s.as_bytes(), size, workers).expect_err("error");
            assert!(e.starts_with("LineCol(152, 4)"), "{size} {workers}: {e}");
        }
        let e =
            figures(b"SF:a.c\nDA:1,1\nend_of_record\nSF:b.c\nDA:1,1\n", 10, 2).expect_err("error");
        assert!(e.contains("no `end_of_record`"), "{e}");
    }
}
