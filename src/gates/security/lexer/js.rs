//! JavaScript and TypeScript: `//` and `/* */` comments, `'…'` and `"…"` strings, template
//! literals whose `${…}` parts are code, regex literals (told from division by the previous
//! token), and JSX elements (their text children and attribute strings are strings, their
//! `{…}` parts code). JSX is only recognised where an expression may start, and not for
//! `<T,>` / `<T extends …>` generics.

use super::{MAX_DEPTH, Masker, is_ident};

pub fn lex(m: &mut Masker<'_>, jsx: bool) {
    let mut i = 0;
    if m.starts(0, b"#!") {
        i = m.line_comment(0);
    }
    while i < m.len() {
        i = code(m, i, jsx, false);
        if i < m.len() {
            i += 1;
        }
    }
}

const EXPR_KEYWORDS: &[&[u8]] = &[
    b"return",
    b"typeof",
    b"instanceof",
    b"in",
    b"of",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"case",
    b"do",
    b"else",
    b"yield",
    b"await",
];

/// Lexes code from `i`; inside a `${…}` or `{…}` (`nested`), returns the index of the `}` that
/// closes it.
fn code(m: &mut Masker<'_>, mut i: usize, jsx: bool, nested: bool) -> usize {
    if m.depth >= MAX_DEPTH {
        return i;
    }
    m.depth += 1;
    let mut depth = 0usize;
    // Whether an expression may start here (so `/` starts a regex and `<` a JSX element).
    let mut expr = true;
    while i < m.len() {
        let c = m.at(i);
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if m.at(i + 1) == b'/' => i = m.line_comment(i),
            b'/' if m.at(i + 1) == b'*' => i = m.block_comment(i, b"/*", b"*/", false),
            b'/' => {
                if expr && let Some(end) = regex(m, i) {
                    i = end;
                    expr = false;
                } else {
                    i += 1;
                    expr = true;
                }
            }
            b'\'' | b'"' => {
                i = m.quoted(i, &[c], true, true);
                expr = false;
            }
            b'`' => {
                i = template(m, i, jsx);
                expr = false;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
                expr = true;
            }
            b'}' => {
                if nested && depth == 0 {
                    m.depth -= 1;
                    return i;
                }
                depth = depth.saturating_sub(1);
                i += 1;
                expr = true;
            }
            b')' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
                expr = false;
            }
            b'<' if jsx && expr && starts_jsx(m, i) => {
                i = element(m, i, jsx);
                expr = false;
            }
            _ if is_ident(c) || c == b'$' => {
                let s = i;
                while i < m.len() && (is_ident(m.at(i)) || m.at(i) == b'$') {
                    i += 1;
                }
                expr = EXPR_KEYWORDS.contains(&&m.src[s..i]);
            }
            b'.' => {
                i += 1;
                expr = false;
            }
            _ => {
                i += 1;
                expr = true;
            }
        }
    }
    m.depth -= 1;
    i
}

/// A regex literal at `i` (a `/`): masks its body and returns the index after its flags, or
/// `None` when no closing `/` is on the line (then it was a division).
fn regex(m: &mut Masker<'_>, i: usize) -> Option<usize> {
    let mut j = i + 1;
    let mut class = false;
    loop {
        match m.at(j) {
            0 if j >= m.len() => return None,
            b'\n' => return None,
            b'\\' => j += 2,
            b'[' => {
                class = true;
                j += 1;
            }
            b']' => {
                class = false;
                j += 1;
            }
            b'/' if !class => break,
            _ => j += 1,
        }
    }
    m.string(i + 1, j);
    j += 1;
    while j < m.len() && m.at(j).is_ascii_alphabetic() {
        j += 1;
    }
    Some(j)
}

/// A template literal at `i`; returns the index after its closing backtick.
fn template(m: &mut Masker<'_>, i: usize, jsx: bool) -> usize {
    let mut j = i + 1;
    let mut seg = j;
    while j < m.len() {
        match m.at(j) {
            b'\\' => j += 2,
            b'`' => {
                m.string(seg, j);
                return j + 1;
            }
            b'$' if m.at(j + 1) == b'{' => {
                m.string(seg, j);
                j = code(m, j + 2, jsx, true) + 1;
                seg = j;
            }
            _ => j += 1,
        }
    }
    m.string(seg, m.len());
    m.len()
}

/// Whether the `<` at `i` opens a JSX element rather than a generic parameter list.
fn starts_jsx(m: &Masker<'_>, i: usize) -> bool {
    let n = m.at(i + 1);
    if n == b'>' {
        return true;
    }
    if !(n.is_ascii_alphabetic() || n == b'_') {
        return false;
    }
    let mut j = i + 1;
    while is_ident(m.at(j)) || matches!(m.at(j), b'.' | b'-' | b':') {
        j += 1;
    }
    if m.at(j) == b',' || m.starts(j, b" extends ") {
        return false;
    }
    true
}

/// A JSX element at `i`; returns the index after it.
fn element(m: &mut Masker<'_>, i: usize, jsx: bool) -> usize {
    if m.depth >= MAX_DEPTH {
        return i + 1;
    }
    m.depth += 1;
    let j = element_inner(m, i, jsx);
    m.depth -= 1;
    j
}

fn element_inner(m: &mut Masker<'_>, i: usize, jsx: bool) -> usize {
    let mut j = i + 1;
    // Opening tag: name, attributes.
    loop {
        match m.at(j) {
            0 if j >= m.len() => return m.len(),
            b'/' if m.at(j + 1) == b'>' => return j + 2,
            b'>' => {
                j += 1;
                break;
            }
            b'{' => j = code(m, j + 1, jsx, true) + 1,
            q @ (b'"' | b'\'') => j = m.quoted(j, &[q], false, false),
            _ => j += 1,
        }
    }
    // Children: text, nested elements, `{expressions}`, until the closing tag.
    let mut seg = j;
    while j < m.len() {
        match m.at(j) {
            b'<' if m.at(j + 1) == b'/' => {
                m.string(seg, j);
                while j < m.len() && m.at(j) != b'>' {
                    j += 1;
                }
                return (j + 1).min(m.len());
            }
            b'<' => {
                m.string(seg, j);
                j = element(m, j, jsx);
                seg = j;
            }
            b'{' => {
                m.string(seg, j);
                j = code(m, j + 1, jsx, true) + 1;
                seg = j;
            }
            _ => j += 1,
        }
    }
    m.string(seg, m.len());
    m.len()
}

#[cfg(test)]
mod tests {
    use super::super::{Family, view_str};

    fn v(s: &str) -> String {
        view_str(Family::Js { jsx: true }, s)
    }

    #[test]
    fn comments_strings_templates() {
        assert_eq!(v("a // eval(x)\nb"), "a           \nb");
        assert_eq!(v("/* eval(x) */ y"), "              y");
        assert_eq!(v("s = 'eval(x)'"), "s = 'xxxxxxx'");
        assert_eq!(v("t = `eval(${eval(x)})`"), "t = `xxxxx${eval(x)}x`");
        assert_eq!(v("t = `a${`b${c}`}`"), "t = `x${`x${c}`}`");
    }

    #[test]
    fn regex_literals_and_division() {
        assert_eq!(v("r = /eval\\(x\\)/g; e"), "r = /xxxxxxxxx/g; e");
        assert_eq!(v("x = a / b / c"), "x = a / b / c");
        assert_eq!(
            v("r = /[/'\"]/.test(s); eval(x)"),
            "r = /xxxxx/.test(s); eval(x)"
        );
        assert_eq!(v("if (x) return /'/.test(y)"), "if (x) return /x/.test(y)");
        assert_eq!(v("f(a) / 2; g('z')"), "f(a) / 2; g('x')");
    }

    #[test]
    fn jsx_text_is_not_code() {
        assert_eq!(
            v("const e = <p title=\"eval(x)\">Don't eval(x) {eval(y)}</p>; z"),
            "const e = <p title=\"xxxxxxx\">xxxxxxxxxxxxxx{eval(y)}</p>; z"
        );
        assert_eq!(
            v("x = <><b>it's</b></>; y('a')"),
            "x = <><b>xxxx</b></>; y('x')"
        );
        assert_eq!(v("f = <T,>(a: T) => 'x'"), "f = <T,>(a: T) => 'x'");
        // Not JSX in plain TypeScript.
        assert_eq!(
            view_str(Family::Js { jsx: false }, "let a = <T>b; c('x')"),
            "let a = <T>b; c('x')"
        );
    }
}
