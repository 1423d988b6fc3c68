//! XML inside Markdown: ```` ```xml ```` fences are checked as documents, and top-level element
//! regions (a line opening `<name ...>` up to its matching `</name>`) are checked as XML whose
//! Markdown prose is text. Positions are lines and columns of the `.md` file.

use super::checker::{self, Mode, Opts, Outcome, is_html_void};

/// Counts of what a Markdown file held.
#[derive(Debug, Default, Clone, Copy)]
pub struct MdStats {
    pub fences: u64,
    pub regions: u64,
}

struct Fence {
    ch: u8,
    len: usize,
    xml: bool,
    content_start: usize,
    content_line: u64,
}

/// Leading spaces (a tab counts as 4) and the byte index after them.
fn indent(line: &[u8]) -> (usize, usize) {
    let mut w = 0;
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            b' ' => w += 1,
            b'\t' => w += 4,
            _ => break,
        }
        i += 1;
    }
    (w, i)
}

/// `Some((char, run length, info string))` when the line opens or closes a fence.
fn fence_marker(line: &[u8]) -> Option<(u8, usize, &[u8])> {
    let (w, i) = indent(line);
    if w > 3 {
        return None;
    }
    let ch = *line.get(i)?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let n = line[i..].iter().take_while(|&&b| b == ch).count();
    if n < 3 {
        return None;
    }
    let info = &line[i + n..];
    if ch == b'`' && info.contains(&b'`') {
        return None;
    }
    Some((ch, n, info))
}

/// Whether a line opens an element region: `<name` followed by whitespace, `>`, `/>` or the end
/// of the line. Returns the byte index of `<`.
fn region_start(line: &[u8]) -> Option<usize> {
    let (w, i) = indent(line);
    if w > 3 || line.get(i) != Some(&b'<') {
        return None;
    }
    let first = *line.get(i + 1)?;
    if !(first.is_ascii_alphabetic() || first == b'_' || first >= 0x80) {
        return None;
    }
    let mut j = i + 1;
    while j < line.len() && !matches!(line[j], b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') {
        j += 1;
    }
    let name = &line[i + 1..j];
    if is_html_void(name) {
        return None;
    }
    // `<https://...>`: an autolink, not an element.
    if name.contains(&b':') && line.get(j) == Some(&b'/') && line.get(j + 1) != Some(&b'>') {
        return None;
    }
    match line.get(j) {
        None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'>') => Some(i),
        Some(b'/') if line.get(j + 1) == Some(&b'>') => Some(i),
        _ => None,
    }
}

fn starts_comment(line: &[u8]) -> bool {
    let (w, i) = indent(line);
    w <= 3 && line[i..].starts_with(b"<!--")
}

/// Checks the XML inside one Markdown file.
pub fn check(bytes: &[u8], paths: bool) -> (Outcome, MdStats) {
    let mut out = Outcome::default();
    let mut stats = MdStats::default();
    let mut fence: Option<Fence> = None;
    let mut in_comment = false;
    let mut pos = 0usize;
    let mut line_no: u64 = 1;
    while pos < bytes.len() {
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |k| pos + k + 1);
        let line = &bytes[pos..end];
        if let Some(f) = &fence {
            if let Some((ch, n, info)) = fence_marker(line)
                && ch == f.ch
                && n >= f.len
                && info.iter().all(|b| b.is_ascii_whitespace())
            {
                if f.xml {
                    stats.fences += 1;
                    let o = checker::check_bytes(
                        &bytes[f.content_start..pos],
                        Opts {
                            mode: Mode::Document,
                            line: f.content_line,
                            col: 1,
                            paths,
                            at_entity_start: true,
                        },
                    );
                    out.merge(o);
                }
                fence = None;
            }
        } else if in_comment {
            if line.windows(3).any(|w| w == b"-->") {
                in_comment = false;
            }
        } else if let Some((ch, n, info)) = fence_marker(line) {
            let lang = info
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take_while(|b| !b.is_ascii_whitespace() && **b != b'{')
                .map(|b| b.to_ascii_lowercase())
                .collect::<Vec<u8>>();
            fence = Some(Fence {
                ch,
                len: n,
                xml: lang == b"xml",
                content_start: end,
                content_line: line_no + 1,
            });
        } else if starts_comment(line) {
            // An HTML comment outside a region is Markdown's, not XML: not checked.
            let (_, i) = indent(line);
            if !line[i + 4..].windows(3).any(|w| w == b"-->") {
                in_comment = true;
            }
        } else if let Some(i) = region_start(line) {
            stats.regions += 1;
            let start = pos + i;
            let o = checker::check_bytes(
                &bytes[start..],
                Opts {
                    mode: Mode::Region,
                    line: line_no,
                    col: i as u64 + 1,
                    paths,
                    at_entity_start: false,
                },
            );
            let consumed = o.consumed.max(1);
            out.merge(o);
            // Resume on the line after the region's end.
            let stop = (start + consumed).min(bytes.len());
            line_no += bytes[pos..stop].iter().filter(|&&b| b == b'\n').count() as u64;
            pos = stop;
            match bytes[pos..].iter().position(|&b| b == b'\n') {
                Some(k) => {
                    pos += k + 1;
                    line_no += 1;
                }
                None => pos = bytes.len(),
            }
            continue;
        }
        pos = end;
        line_no += 1;
    }
    if let Some(f) = fence
        && f.xml
    {
        stats.fences += 1;
        let o = checker::check_bytes(
            &bytes[f.content_start.min(bytes.len())..],
            Opts {
                mode: Mode::Document,
                line: f.content_line,
                col: 1,
                paths,
                at_entity_start: true,
            },
        );
        out.merge(o);
    }
    (out, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_starts() {
        assert_eq!(region_start(b"<command>\n"), Some(0));
        assert_eq!(region_start(b"  <a href=\"x\">"), Some(2));
        assert_eq!(region_start(b"<x/>"), Some(0));
        assert_eq!(region_start(b"<br>"), None);
        assert_eq!(region_start(b"<https://example.com>"), None);
        assert_eq!(region_start(b"    <a>"), None);
        assert_eq!(region_start(b"<3 hearts"), None);
        assert_eq!(region_start(b"text <a>"), None);
    }

    #[test]
    fn fences_regions_and_positions() {
        let md = b"# Title\n\nSome `<inline>` code & prose.\n\n```xml\n<a><b></a>\n```\n\n<command>\n<description>\nUse A & B.\n</description>\n</command>\n\nAfter <https://x.org>.\n";
        let (o, s) = check(md, false);
        assert_eq!(s.fences, 1);
        assert_eq!(s.regions, 1);
        assert_eq!(o.errors, 2, "{:?}", o.issues);
        let lines: Vec<u64> = o.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, vec![6, 11]);
        assert_eq!(o.issues[1].col, 7);
    }
}
