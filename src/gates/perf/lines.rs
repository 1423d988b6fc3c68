//! Bounded line reading for the text formats.

use std::io::Read;

/// Longest line kept by [`for_each_line`]; the rest of a longer line is skipped.
pub const MAX_LINE: usize = 64 * 1024;

/// Calls `f(line_number, line)` for each line of a reader, with bounded memory: a line longer
/// than [`MAX_LINE`] is cut. Invalid UTF-8 is replaced. A trailing `\r` is removed.
pub fn for_each_line(
    r: impl Read,
    shown: &str,
    mut f: impl FnMut(u64, &str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, r);
    let mut line: Vec<u8> = Vec::new();
    let mut n: u64 = 0;
    let mut emit = |line: &mut Vec<u8>, n: &mut u64| -> anyhow::Result<()> {
        *n += 1;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        let text = String::from_utf8_lossy(line);
        let r = f(*n, &text);
        line.clear();
        r
    };
    loop {
        let buf = match reader.fill_buf() {
            Ok([]) => break,
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(anyhow::anyhow!("{shown}: cannot read: {e}")),
        };
        let len = buf.len();
        let mut start = 0;
        for i in 0..len {
            if buf.get(i) == Some(&b'\n') {
                let room = MAX_LINE.saturating_sub(line.len());
                let part = buf.get(start..i).unwrap_or_default();
                line.extend_from_slice(part.get(..part.len().min(room)).unwrap_or_default());
                emit(&mut line, &mut n)?;
                start = i + 1;
            }
        }
        let rest = buf.get(start..).unwrap_or_default();
        let room = MAX_LINE.saturating_sub(line.len());
        line.extend_from_slice(rest.get(..rest.len().min(room)).unwrap_or_default());
        reader.consume(len);
    }
    if !line.is_empty() {
        emit(&mut line, &mut n)?;
    }
    Ok(())
}

/// Whitespace-separated fields of a line with their 1-based column (in characters).
pub fn fields(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (col, (i, c)) in line.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some((s, scol)) = start.take() {
                out.push((scol, line.get(s..i).unwrap_or_default()));
            }
        } else if start.is_none() {
            start = Some((i, col + 1));
        }
    }
    if let Some((s, scol)) = start {
        out.push((scol, line.get(s..).unwrap_or_default()));
    }
    out
}
