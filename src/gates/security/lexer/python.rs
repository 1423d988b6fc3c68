//! Python: `#` comments; strings with any prefix (`r`, `b`, `u`, `f`, `t` and combinations),
//! single or triple quoted. In f-strings (and t-strings) the replacement fields `{…}` are code,
//! including nested strings and nested fields in format specs; `{{`/`}}` are literal braces.

use super::{MAX_DEPTH, Masker, is_ident};

pub fn lex(m: &mut Masker<'_>) {
    let mut i = 0;
    while i < m.len() {
        i = code(m, i, false);
        // A stray closer at top level: step over it.
        if i < m.len() {
            i += 1;
        }
    }
}

/// Lexes code from `i`. In an f-string field (`field`), stops at the `}`, `!` or `:` that ends
/// the expression at bracket depth 0 and returns its index.
fn code(m: &mut Masker<'_>, mut i: usize, field: bool) -> usize {
    let mut depth = 0usize;
    while i < m.len() {
        let c = m.at(i);
        match c {
            b'#' => i = m.line_comment(i),
            b'\'' | b'"' => i = string(m, i, false),
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if field && depth == 0 {
                    return i;
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'!' | b':' if field && depth == 0 => {
                if m.at(i + 1) == b'=' {
                    i += 2;
                } else {
                    return i;
                }
            }
            b'\\' => i += 2,
            _ if is_ident(c) => {
                let s = i;
                while i < m.len() && is_ident(m.at(i)) {
                    i += 1;
                }
                let q = m.at(i);
                if (q == b'\'' || q == b'"')
                    && i - s <= 2
                    && let Some(fmt) = prefix(&m.src[s..i])
                {
                    i = string(m, i, fmt);
                }
            }
            _ => i += 1,
        }
    }
    i
}

/// Whether `w` is a string prefix, and whether it makes a formatted string.
fn prefix(w: &[u8]) -> Option<bool> {
    let mut fmt = false;
    for &c in w {
        match c.to_ascii_lowercase() {
            b'r' | b'b' | b'u' => {}
            b'f' | b't' => fmt = true,
            _ => return None,
        }
    }
    Some(fmt)
}

/// Lexes a string whose opening quote is at `i`; returns the index after it.
fn string(m: &mut Masker<'_>, i: usize, fmt: bool) -> usize {
    let q = m.at(i);
    let triple = m.at(i + 1) == q && m.at(i + 2) == q;
    let qlen = if triple { 3 } else { 1 };
    let mut j = i + qlen;
    let mut seg = j;
    while j < m.len() {
        let c = m.at(j);
        if c == b'\\' {
            j += 2;
            continue;
        }
        if c == b'\n' && !triple {
            m.string(seg, j);
            return j;
        }
        if c == q && (!triple || (m.at(j + 1) == q && m.at(j + 2) == q)) {
            m.string(seg, j);
            return j + qlen;
        }
        if fmt && c == b'{' {
            if m.at(j + 1) == b'{' {
                j += 2;
                continue;
            }
            m.string(seg, j);
            j = field(m, j + 1);
            seg = j;
            continue;
        }
        j += 1;
    }
    m.string(seg, m.len());
    m.len()
}

/// Lexes a replacement field after its `{`; returns the index after its `}`.
fn field(m: &mut Masker<'_>, i: usize) -> usize {
    if m.depth >= MAX_DEPTH {
        return i;
    }
    m.depth += 1;
    let j = field_inner(m, i);
    m.depth -= 1;
    j
}

fn field_inner(m: &mut Masker<'_>, i: usize) -> usize {
    let mut j = code(m, i, true);
    if m.at(j) == b'!' {
        // Conversion: `!r`, `!s`, `!a`.
        j += 1;
        while j < m.len() && m.at(j) != b':' && m.at(j) != b'}' {
            j += 1;
        }
    }
    if m.at(j) == b':' {
        // Format spec: literal text with nested fields.
        j += 1;
        let mut seg = j;
        while j < m.len() && m.at(j) != b'}' {
            if m.at(j) == b'{' {
                m.string(seg, j);
                j = field(m, j + 1);
                seg = j;
            } else {
                j += 1;
            }
        }
        m.string(seg, j);
    }
    if m.at(j) == b'}' { j + 1 } else { j }
}

#[cfg(test)]
mod tests {
    use super::super::{Family, view_str};

    fn v(s: &str) -> String {
        view_str(Family::Python, s)
    }

    #[test]
    fn comments_and_strings() {
        assert_eq!(v("x = 1 # eval(x)\n"), "x = 1          \n");
        assert_eq!(v("s = 'eval(x)'"), "s = 'xxxxxxx'");
        assert_eq!(v("s = \"a\\\"b\" + c"), "s = \"xxxx\" + c");
        assert_eq!(v("d = '''a\n#b'''\nz"), "d = '''x\nxx'''\nz");
        assert_eq!(v("r'\\'' + e"), "r'xx' + e");
        assert_eq!(v("b\"eval(x)\""), "b\"xxxxxxx\"");
    }

    #[test]
    fn f_string_fields_are_code() {
        assert_eq!(v("f\"{eval(x)}\""), "f\"{eval(x)}\"");
        assert_eq!(v("f'a {x!r:>{w}} b'"), "f'xx{x!r:x{w}}xx'");
        assert_eq!(v("f'{{eval(x)}}'"), "f'xxxxxxxxxxx'");
        assert_eq!(v("F\"\"\"{d['k']}\n\"\"\""), "F\"\"\"{d['x']}\n\"\"\"");
        assert_eq!(v("f'{a != b}'"), "f'{a != b}'");
        assert_eq!(v("rf'{os.system(c)}' # x"), "rf'{os.system(c)}'    ");
    }

    #[test]
    fn unterminated_string_stops_at_newline() {
        assert_eq!(v("'abc\neval(x)"), "'xxx\neval(x)");
    }
}
