//! LCOV tracefiles (`geninfo(1)`), including LCOV 2.x records (`VER:`, `FNL`/`FNA`, `MCDC`, the `e`
//! exception-branch prefix) and text branch ids such as coverage.py's `BRDA:2,0,jump to line 3,1`.
//!
//! `BRDA ... -` is a branch found but not taken. Repeated `SF` sections of the same file add up, as
//! `lcov -a` does. `LF`/`LH` and `BRF`/`BRH` are the producer's headline: compared, never used.

use super::{
    Combine, FileCov, Format, ParseError, Parser, ReportData, line_no, parse_hits, text_id,
};
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

fn hits(s: &[u8]) -> Option<u64> {
    num(s).or_else(|| std::str::from_utf8(s).ok().and_then(parse_hits))
}

impl Parser for Lcov {
    fn format(&self) -> Format {
        Format::Lcov
    }

    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError> {
        let lineno = std::cell::Cell::new(0u64);
        let mut cur: Option<Section> = None;
        let mut tally = Tally::default();
        let mut mcdc = 0u64;
        let mut any = false;
        each_line(
            input,
            |buf: &[u8]| -> Result<(), ParseError> {
                lineno.set(lineno.get() + 1);
                let lineno = lineno.get();
                let mut l: &[u8] = buf;
                while let [rest @ .., b'\n' | b'\r'] = l {
                    l = rest;
                }
                while let [b' ' | b'\t', rest @ ..] = l {
                    l = rest;
                }
                if l.is_empty() || l[0] == b'#' {
                    return Ok(());
                }
                let err =
                    |col: usize, msg: String| ParseError::at_line(lineno, col as u64 + 1, msg);
                if l == b"end_of_record" {
                    let Some(s) = cur.take() else {
                        return Err(err(0, "`end_of_record` without an `SF` section".into()));
                    };
                    close(s, out, &mut tally);
                    any = true;
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
                        if let Some(s) = &cur {
                            return Err(err(
                                0,
                                format!(
                                    "`SF` before the `end_of_record` of the section for {}",
                                    s.path
                                ),
                            ));
                        }
                        let path = String::from_utf8_lossy(val).trim().to_string();
                        if path.is_empty() {
                            return Err(err(vcol, "`SF` without a path".into()));
                        }
                        cur = Some(Section {
                            path,
                            ..Section::default()
                        });
                    }
                    b"TN" | b"VER" | b"FN" | b"FNDA" | b"FNF" | b"FNH" | b"FNL" | b"FNA" => {}
                    b"DA" | b"BRDA" | b"LF" | b"LH" | b"BRF" | b"BRH" | b"MCDC" => {
                        let Some(s) = cur.as_mut() else {
                            return Err(err(
                                0,
                                format!(
                                    "`{}` outside an `SF` section",
                                    String::from_utf8_lossy(key)
                                ),
                            ));
                        };
                        match key {
                            b"DA" => {
                                let mut parts = val.splitn(3, |&b| b == b',');
                                let ln = parts.next().unwrap_or_default();
                                let h = parts.next();
                                let line =
                                    num(ln.trim_ascii()).and_then(line_no).ok_or_else(|| {
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
                                let (Some(a), Some(z)) = (first, last.filter(|&z| Some(z) > first))
                                else {
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
                                let line = num(val[..a].trim_ascii())
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
                                        err(
                                            vcol + z + 1,
                                            format!("bad taken count in `{}`", snippet(l)),
                                        )
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
                            b"MCDC" => mcdc += 1,
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
                    _ => {} // an unknown record: later LCOV versions add some; ignored.
                }
                Ok(())
            },
            |e| ParseError::at_line(lineno.get() + 1, 1, format!("read error: {e}")),
        )?;
        let lineno = lineno.get();
        if let Some(s) = cur {
            return Err(ParseError::at_line(
                lineno.max(1),
                1,
                format!(
                    "unexpected end of file: the section for {} has no `end_of_record` (truncated report?)",
                    s.path
                ),
            ));
        }
        if !any {
            return Err(ParseError::at_line(
                lineno.max(1),
                1,
                "no `SF` section: not an LCOV tracefile",
            ));
        }
        if mcdc > 0 {
            out.notes.push(format!(
                "{mcdc} MC/DC records (`MCDC`) are not counted as branches"
            ));
        }
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

fn close(mut s: Section, out: &mut ReportData, t: &mut Tally) {
    s.cov.normalize();
    let c = s.cov.counts();
    t.sections += 1;
    t.rec_lines.0 += c.lines_covered;
    t.rec_lines.1 += c.lines_total;
    t.rec_br.0 += c.branches_covered;
    t.rec_br.1 += c.branches_total;
    t.head_lines.0 += s.lh.unwrap_or(c.lines_covered);
    t.head_lines.1 += s.lf.unwrap_or(c.lines_total);
    t.head_br.0 += s.brh.unwrap_or(c.branches_covered);
    t.head_br.1 += s.brf.unwrap_or(c.branches_total);
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

/// Calls `f` with every line of `input` (without the `\n`), reading from the buffer directly.
pub fn each_line<E>(
    input: &mut dyn BufRead,
    mut f: impl FnMut(&[u8]) -> Result<(), E>,
    io_err: impl Fn(std::io::Error) -> E,
) -> Result<(), E> {
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err(e)),
        };
        if buf.is_empty() {
            if !carry.is_empty() {
                f(&carry)?;
            }
            return Ok(());
        }
        let len = buf.len();
        let mut start = 0;
        if !carry.is_empty() {
            match buf.iter().position(|&b| b == b'\n') {
                Some(nl) => {
                    carry.extend_from_slice(&buf[..nl]);
                    f(&carry)?;
                    carry.clear();
                    start = nl + 1;
                }
                None => {
                    carry.extend_from_slice(buf);
                    input.consume(len);
                    continue;
                }
            }
        }
        let mut rest = &buf[start..];
        while let Some(nl) = rest.iter().position(|&b| b == b'\n') {
            f(&rest[..nl])?;
            rest = &rest[nl + 1..];
        }
        carry.extend_from_slice(rest);
        input.consume(len);
    }
}
