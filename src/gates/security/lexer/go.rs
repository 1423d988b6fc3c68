//! Go: `//` and `/* */` comments, `"…"` strings, `` `raw` `` strings, `'r'` runes.

use super::Masker;

pub fn lex(m: &mut Masker<'_>) {
    let mut i = 0;
    while i < m.len() {
        match m.at(i) {
            b'/' if m.at(i + 1) == b'/' => i = m.line_comment(i),
            b'/' if m.at(i + 1) == b'*' => i = m.block_comment(i, b"/*", b"*/", false),
            b'"' => i = m.quoted(i, b"\"", true, true),
            b'\'' => i = m.quoted(i, b"'", true, true),
            b'`' => i = m.quoted(i, b"`", false, false),
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Family, view_str};

    #[test]
    fn go_spans() {
        let v = |s: &str| view_str(Family::Go, s);
        assert_eq!(v("a := \"x\\\"y\" // c\nb"), "a := \"xxxx\"     \nb");
        assert_eq!(v("s := `a\n\"b` + c"), "s := `x\nxx` + c");
        assert_eq!(v("r := '\\'' /* x */ d"), "r := 'xx'         d");
    }
}
