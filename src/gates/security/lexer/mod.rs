//! Per-language lexers that tell code from comments and strings.
//!
//! A lexer does not tokenize: it produces a *code view* of the file, byte-aligned with the
//! original, where every comment byte is a space and every string-content byte is `x`
//! (newlines are kept, so line numbers do not move). String delimiters (`"`, `'''`, `` ` ``)
//! stay, so a rule can still see that an argument *is* a literal. Code rules match on the view,
//! so they cannot fire inside a comment or a string. Only Java's regex rules still read a view;
//! every other language's rules are on syntax trees (`super::tree`).

mod java;

use crate::walk::Lang;

/// The lexer family of a language (`None`: no code rules, secrets only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Java,
}

impl Family {
    /// The family of a detected language.
    pub fn of(lang: Option<Lang>) -> Option<Family> {
        Some(match lang? {
            Lang::Java => Family::Java,
            _ => return None,
        })
    }
}

/// Builds the code view of `src`.
pub fn code_view(family: Family, src: &[u8]) -> Vec<u8> {
    let mut m = Masker::new(src);
    match family {
        Family::Java => java::lex(&mut m),
    }
    m.out
}

/// The byte written over comment content.
pub const COMMENT: u8 = b' ';
/// The byte written over string content.
pub const STRING: u8 = b'x';

/// The original bytes and the view being built.
pub struct Masker<'a> {
    pub src: &'a [u8],
    pub out: Vec<u8>,
}

impl<'a> Masker<'a> {
    fn new(src: &'a [u8]) -> Masker<'a> {
        Masker {
            src,
            out: src.to_vec(),
        }
    }
    /// The byte at `i`, or 0 past the end.
    #[inline]
    pub fn at(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.src.is_empty()
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.src.len()
    }
    pub fn starts(&self, i: usize, s: &[u8]) -> bool {
        self.src.get(i..i + s.len()) == Some(s)
    }
    fn fill(&mut self, a: usize, b: usize, with: u8) {
        let b = b.min(self.out.len());
        if a >= b {
            return;
        }
        for c in &mut self.out[a..b] {
            if *c != b'\n' && *c != b'\r' {
                *c = with;
            }
        }
    }
    /// Marks `a..b` as comment.
    pub fn comment(&mut self, a: usize, b: usize) {
        self.fill(a, b, COMMENT);
    }
    /// Marks `a..b` as string content.
    pub fn string(&mut self, a: usize, b: usize) {
        self.fill(a, b, STRING);
    }
    /// The end of the line starting at or after `i` (index of the `\n`, or the length).
    pub fn eol(&self, i: usize) -> usize {
        match self.src.get(i..).and_then(memchr_nl) {
            Some(k) => i + k,
            None => self.len(),
        }
    }
    /// Masks a `//` or `#` comment starting at `i`; returns the index of its end.
    pub fn line_comment(&mut self, i: usize) -> usize {
        let e = self.eol(i);
        self.comment(i, e);
        e
    }
    /// Masks a block comment from `i` (at `open`) to the matching `close`, optionally nesting.
    pub fn block_comment(&mut self, i: usize, open: &[u8], close: &[u8], nest: bool) -> usize {
        let mut j = i + open.len();
        let mut depth = 1usize;
        while j < self.len() {
            if nest && self.starts(j, open) {
                depth += 1;
                j += open.len();
            } else if self.starts(j, close) {
                depth -= 1;
                j += close.len();
                if depth == 0 {
                    break;
                }
            } else {
                j += 1;
            }
        }
        let j = j.min(self.len());
        self.comment(i, j);
        j
    }
    /// Masks a quoted string whose opening quote `q` is at `i`, with backslash escapes (when
    /// `escapes`) and an optional stop at end of line. Returns the index after the closing quote.
    pub fn quoted(&mut self, i: usize, q: &[u8], escapes: bool, stop_at_nl: bool) -> usize {
        let mut j = i + q.len();
        let start = j;
        while j < self.len() {
            let c = self.at(j);
            if escapes && c == b'\\' {
                j += 2;
                continue;
            }
            if stop_at_nl && c == b'\n' {
                self.string(start, j);
                return j;
            }
            if self.starts(j, q) {
                self.string(start, j);
                return j + q.len();
            }
            j += 1;
        }
        self.string(start, self.len());
        self.len()
    }
}

fn memchr_nl(s: &[u8]) -> Option<usize> {
    s.iter().position(|&c| c == b'\n')
}

#[cfg(test)]
pub(crate) fn view_str(family: Family, src: &str) -> String {
    String::from_utf8_lossy(&code_view(family, src.as_bytes())).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every family keeps the length and the line structure, on arbitrary bytes.
    #[test]
    fn views_are_byte_aligned_on_random_input() {
        let fams = [Family::Java];
        let alphabet = b"ab$#{}()[]<>/\\*'\"`\nfr -=!:;x\t@?%~";
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        for round in 0..400 {
            let n = (round * 7) % 300;
            let mut buf = Vec::with_capacity(n);
            for _ in 0..n {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                buf.push(alphabet[(s % alphabet.len() as u64) as usize]);
            }
            for f in fams {
                let v = code_view(f, &buf);
                assert_eq!(v.len(), buf.len());
                for (a, b) in v.iter().zip(&buf) {
                    assert_eq!(*a == b'\n', *b == b'\n');
                }
            }
        }
    }
}
