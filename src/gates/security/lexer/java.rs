//! Java (and other C-family languages without special strings): `//` and `/* */` comments,
//! `"…"` strings, `'c'` chars, and `"""` text blocks.

use super::Masker;

pub fn lex(m: &mut Masker<'_>) {
    let mut i = 0;
    while i < m.len() {
        match m.at(i) {
            b'/' if m.at(i + 1) == b'/' => i = m.line_comment(i),
            b'/' if m.at(i + 1) == b'*' => i = m.block_comment(i, b"/*", b"*/", false),
            b'"' if m.starts(i, b"\"\"\"") => i = m.quoted(i, b"\"\"\"", true, false),
            b'"' => i = m.quoted(i, b"\"", true, true),
            b'\'' => i = m.quoted(i, b"'", true, true),
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Family, view_str};

    #[test]
    fn java_spans() {
        let v = |s: &str| view_str(Family::Java, s);
        assert_eq!(
            v("s = \"\"\"\n  Runtime.exec(\"x\")\n  \"\"\"; t"),
            "s = \"\"\"\nxxxxxxxxxxxxxxxxxxx\nxx\"\"\"; t"
        );
        assert_eq!(v("c = '\"'; d(\"a\") /* e */"), "c = 'x'; d(\"x\")        ");
    }
}
