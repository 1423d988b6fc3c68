//! Ruby: `#` comments and `=begin`/`=end` blocks; `'…'` strings; `"…"`, `` `…` `` and
//! `%Q(…)`/`%(…)`/`%W[…]`/`%x{…}` strings whose `#{…}` interpolations are code; `%q`/`%w`/`%i`
//! literals; `%r{…}` and `/…/` regex literals (a `/` after a value is division);
//! here-documents (`<<~EOS`, `<<-EOS`, `<<EOS`, quoted ids) whose bodies are strings.

use super::{MAX_DEPTH, Masker, is_ident};

pub fn lex(m: &mut Masker<'_>) {
    let mut i = 0;
    while i < m.len() {
        i = code(m, i, false);
        if i < m.len() {
            i += 1;
        }
    }
}

const EXPR_KEYWORDS: &[&[u8]] = &[
    b"if", b"unless", b"when", b"and", b"or", b"not", b"return", b"while", b"until", b"puts",
    b"then", b"else",
];

/// Code from `i`; inside `#{…}` (`nested`), returns the index of the closing `}`.
fn code(m: &mut Masker<'_>, mut i: usize, nested: bool) -> usize {
    if m.depth >= MAX_DEPTH {
        return i;
    }
    m.depth += 1;
    let mut depth = 0usize;
    let mut expr = true;
    let mut heredocs: Vec<(Vec<u8>, bool)> = Vec::new();
    while i < m.len() {
        let c = m.at(i);
        let line_start = i == 0 || m.at(i - 1) == b'\n';
        match c {
            b'=' if line_start && m.starts(i, b"=begin") => {
                let end = find_line(m, i, b"=end");
                m.comment(i, end);
                i = end;
            }
            b'#' => i = m.line_comment(i),
            b'\'' => {
                i = m.quoted(i, b"'", true, false);
                expr = false;
            }
            b'"' | b'`' => {
                i = interpolated(m, i + 1, c, 0);
                expr = false;
            }
            b'%' if expr && percent_literal(m, i) => {
                i = percent(m, i);
                expr = false;
            }
            b'/' if expr => {
                i = interpolated(m, i + 1, b'/', 0);
                expr = false;
            }
            b'<' if m.starts(i, b"<<") && heredoc_start(m, i + 2) => {
                let (end, id, squiggly) = heredoc_id(m, i + 2);
                heredocs.push((id, squiggly));
                i = end;
                expr = false;
            }
            b'\n' if !heredocs.is_empty() => {
                i += 1;
                for (id, indented) in std::mem::take(&mut heredocs) {
                    i = m.heredoc_body(i, &id, if indented { b" \t" } else { b"" });
                }
                expr = true;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
                expr = true;
            }
            b'}' if nested && depth == 0 => {
                m.depth -= 1;
                return i;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
                expr = false;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'\n' => {
                i += 1;
                expr = true;
            }
            b':' if m.at(i + 1) == b'"' => {
                i = interpolated(m, i + 2, b'"', 0);
                expr = false;
            }
            b'?' if is_ident(m.at(i + 1)) && !is_ident(m.at(i + 2)) && expr => {
                // Character literal `?a`.
                i += 2;
                expr = false;
            }
            _ if is_ident(c) || c == b'@' || c == b'$' => {
                let s = i;
                while i < m.len()
                    && (is_ident(m.at(i)) || matches!(m.at(i), b'@' | b'$' | b'?' | b'!'))
                {
                    i += 1;
                }
                expr = EXPR_KEYWORDS.contains(&&m.src[s..i]);
            }
            _ => {
                i += 1;
                expr = !matches!(c, b'.');
            }
        }
    }
    m.depth -= 1;
    i
}

/// Index after the line (starting at a line start at or after `i`) that starts with `word`.
fn find_line(m: &Masker<'_>, mut i: usize, word: &[u8]) -> usize {
    i = m.eol(i) + 1;
    while i < m.len() {
        if m.starts(i, word) {
            return m.eol(i);
        }
        i = m.eol(i) + 1;
    }
    m.len()
}

fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        b'{' => b'}',
        b'<' => b'>',
        c => c,
    }
}

/// A string body from `i` up to the delimiter `close` (nesting `open` when it differs), with
/// `#{…}` interpolations as code; returns the index after the closing delimiter.
fn interpolated(m: &mut Masker<'_>, i: usize, close: u8, open: u8) -> usize {
    let mut j = i;
    let mut seg = j;
    let mut nest = 0usize;
    while j < m.len() {
        let c = m.at(j);
        if c == b'\\' {
            j += 2;
            continue;
        }
        if c == b'#' && m.at(j + 1) == b'{' {
            m.string(seg, j);
            j = code(m, j + 2, true) + 1;
            seg = j;
            continue;
        }
        if open != 0 && c == open && open != close {
            nest += 1;
        } else if c == close {
            if nest == 0 {
                m.string(seg, j);
                return j + 1;
            }
            nest -= 1;
        }
        j += 1;
    }
    m.string(seg, m.len());
    m.len()
}

fn percent_literal(m: &Masker<'_>, i: usize) -> bool {
    let n = m.at(i + 1);
    let d = if matches!(
        n,
        b'q' | b'Q' | b'w' | b'W' | b'i' | b'I' | b'x' | b'r' | b's'
    ) {
        m.at(i + 2)
    } else {
        n
    };
    matches!(d, b'(' | b'[' | b'{' | b'<' | b'|' | b'!' | b'/')
}

fn percent(m: &mut Masker<'_>, i: usize) -> usize {
    let n = m.at(i + 1);
    let (kind, d) = if n.is_ascii_alphabetic() {
        (n, i + 2)
    } else {
        (b'Q', i + 1)
    };
    let open = m.at(d);
    let close = closer(open);
    if matches!(kind, b'q' | b'w' | b'i' | b's') {
        // No interpolation: mask to the matching delimiter.
        let mut j = d + 1;
        let mut nest = 0usize;
        while j < m.len() {
            let c = m.at(j);
            if c == b'\\' {
                j += 2;
                continue;
            }
            if c == open && open != close {
                nest += 1;
            } else if c == close {
                if nest == 0 {
                    break;
                }
                nest -= 1;
            }
            j += 1;
        }
        m.string(d + 1, j);
        return (j + 1).min(m.len());
    }
    interpolated(m, d + 1, close, open)
}

fn heredoc_start(m: &Masker<'_>, j: usize) -> bool {
    let c = m.at(j);
    let c = if matches!(c, b'~' | b'-') {
        m.at(j + 1)
    } else {
        c
    };
    c.is_ascii_uppercase() || c == b'_' || c == b'\'' || c == b'"'
}

fn heredoc_id(m: &Masker<'_>, mut j: usize) -> (usize, Vec<u8>, bool) {
    let indented = matches!(m.at(j), b'~' | b'-');
    if indented {
        j += 1;
    }
    let q = m.at(j);
    let quoted = q == b'\'' || q == b'"';
    if quoted {
        j += 1;
    }
    let s = j;
    while is_ident(m.at(j)) {
        j += 1;
    }
    let id = m.src[s..j].to_vec();
    if quoted && m.at(j) == q {
        j += 1;
    }
    (j, id, indented)
}

#[cfg(test)]
mod tests {
    use super::super::{Family, view_str};

    fn v(s: &str) -> String {
        view_str(Family::Ruby, s)
    }

    #[test]
    fn ruby_spans() {
        assert_eq!(v("x = 1 # eval(y)\n"), "x = 1          \n");
        assert_eq!(v("s = \"a #{eval(y)} b\""), "s = \"xx#{eval(y)}xx\"");
        assert_eq!(v("t = 'eval(#{x})'"), "t = 'xxxxxxxxxx'");
        assert_eq!(v("c = `ls #{d}`"), "c = `xxx#{d}`");
        assert_eq!(v("r = /eval\\(/; e"), "r = /xxxxxx/; e");
        assert_eq!(v("a = b / c / d"), "a = b / c / d");
        assert_eq!(
            v("w = %w[eval exec] + %q(it's)"),
            "w = %w[xxxxxxxxx] + %q(xxxx)"
        );
        assert_eq!(
            v("h = <<~SQL\n  eval(x)\n  SQL\nz"),
            "h = <<~SQL\nxxxxxxxxx\n  SQL\nz"
        );
        assert_eq!(v("=begin\neval(x)\n=end\ny"), "      \n       \n    \ny");
    }
}
