//! Rust: `//` comments, nested `/* /* */ */` comments, `"…"`, `b"…"`, `c"…"` strings, raw strings
//! `r"…"` / `r#"…"#` / `br##"…"##`, char literals `'c'` / `'\n'`, and lifetimes `'a` (code).

use super::{Masker, is_ident};

pub fn lex(m: &mut Masker<'_>) {
    let mut i = 0;
    while i < m.len() {
        let c = m.at(i);
        match c {
            b'/' if m.at(i + 1) == b'/' => i = m.line_comment(i),
            b'/' if m.at(i + 1) == b'*' => i = m.block_comment(i, b"/*", b"*/", true),
            b'"' => i = m.quoted(i, b"\"", true, false),
            b'\'' => i = char_or_lifetime(m, i),
            _ if is_ident(c) => {
                let s = i;
                while i < m.len() && is_ident(m.at(i)) {
                    i += 1;
                }
                let w = &m.src[s..i];
                if matches!(w, b"r" | b"br" | b"cr") && matches!(m.at(i), b'"' | b'#') {
                    i = raw(m, i);
                } else if matches!(w, b"b" | b"c") && m.at(i) == b'"' {
                    i = m.quoted(i, b"\"", true, false);
                } else if w == b"b" && m.at(i) == b'\'' {
                    i = m.quoted(i, b"'", true, true);
                }
            }
            _ => i += 1,
        }
    }
}

/// A raw string whose `#`s or `"` start at `i`.
fn raw(m: &mut Masker<'_>, i: usize) -> usize {
    let mut j = i;
    while m.at(j) == b'#' {
        j += 1;
    }
    let hashes = j - i;
    if m.at(j) != b'"' {
        return j;
    }
    let start = j + 1;
    let mut k = start;
    while k < m.len() {
        if m.at(k) == b'"' && (1..=hashes).all(|h| m.at(k + h) == b'#') {
            m.string(start, k);
            return k + 1 + hashes;
        }
        k += 1;
    }
    m.string(start, m.len());
    m.len()
}

/// `'c'`, `'\n'`, `'\u{1F600}'` are chars (masked); `'a` and `'static` are lifetimes (code).
fn char_or_lifetime(m: &mut Masker<'_>, i: usize) -> usize {
    if m.at(i + 1) == b'\\' {
        return m.quoted(i, b"'", true, true);
    }
    // One UTF-8 character, then a closing quote.
    let first = m.at(i + 1);
    let w = match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    if first != b'\n' && m.at(i + 1 + w) == b'\'' {
        m.string(i + 1, i + 1 + w);
        return i + 2 + w;
    }
    i + 1
}

#[cfg(test)]
mod tests {
    use super::super::{Family, view_str};

    fn v(s: &str) -> String {
        view_str(Family::Rust, s)
    }

    #[test]
    fn raw_strings_and_nested_comments() {
        assert_eq!(v("r#\"a \" b\"# c"), "r#\"xxxxx\"# c");
        assert_eq!(v("br##\"x\"#y\"## z"), "br##\"xxxx\"## z");
        assert_eq!(v("/* a /* b */ c */ d"), "                  d");
        assert_eq!(v("b\"\\\"\" e"), "b\"xx\" e");
    }

    #[test]
    fn lifetimes_are_code_chars_are_not() {
        assert_eq!(
            v("fn f<'a>(x: &'a str) -> char { '\"' }"),
            "fn f<'a>(x: &'a str) -> char { 'x' }"
        );
        assert_eq!(v("let c = '\\''; g(\"s\")"), "let c = 'xx'; g(\"x\")");
        assert_eq!(v("&'static str; 'é'"), "&'static str; 'xx'");
    }
}
