//! POSIX shell and bash: `#` comments only at the start of a word (`a#b`, `${x#y}` and `$#` are
//! code), `'…'` strings, `$'…'` strings with escapes, `"…"` strings whose `$(…)` and `` `…` ``
//! command substitutions are code, and here-documents (`<<EOF`, `<<-EOF`, `<<'EOF'`), whose
//! bodies are strings (here-strings `<<<` are code).

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

/// Lexes code from `i`; inside `$(…)` (`sub`), returns the index of its closing `)`.
fn code(m: &mut Masker<'_>, mut i: usize, sub: bool) -> usize {
    if m.depth >= MAX_DEPTH {
        return i;
    }
    m.depth += 1;
    let mut depth = 0usize;
    let mut heredocs: Vec<(Vec<u8>, bool)> = Vec::new();
    while i < m.len() {
        let c = m.at(i);
        match c {
            b'#' if word_start(m, i) => i = m.line_comment(i),
            b'\\' => i += 2,
            b'\'' => i = m.quoted(i, b"'", false, false),
            b'$' if m.at(i + 1) == b'\'' => i = m.quoted(i + 1, b"'", true, false),
            b'"' => i = dquoted(m, i),
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                if sub && depth == 0 {
                    m.depth -= 1;
                    return i;
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'<' if m.starts(i, b"<<<") => i += 3,
            b'<' if m.starts(i, b"<<") => {
                let (end, delim) = heredoc_op(m, i + 2);
                if let Some(d) = delim {
                    heredocs.push(d);
                }
                i = end;
            }
            b'\n' if !heredocs.is_empty() => {
                i += 1;
                for (delim, strip_tabs) in std::mem::take(&mut heredocs) {
                    i = m.heredoc_body(i, &delim, if strip_tabs { b"\t" } else { b"" });
                }
            }
            _ => i += 1,
        }
    }
    m.depth -= 1;
    i
}

/// Whether `#` at `i` starts a comment: at the start of a word.
fn word_start(m: &Masker<'_>, i: usize) -> bool {
    i == 0
        || matches!(
            m.at(i - 1),
            b' ' | b'\t' | b'\n' | b'\r' | b';' | b'|' | b'&' | b'(' | b')'
        )
}

/// A `"…"` string at `i`: `$(…)` and backticks inside are code.
fn dquoted(m: &mut Masker<'_>, i: usize) -> usize {
    let mut j = i + 1;
    let mut seg = j;
    while j < m.len() {
        match m.at(j) {
            b'\\' => j += 2,
            b'"' => {
                m.string(seg, j);
                return j + 1;
            }
            b'$' if m.at(j + 1) == b'(' && m.at(j + 2) != b'(' => {
                m.string(seg, j);
                j = code(m, j + 2, true) + 1;
                seg = j;
            }
            b'`' => {
                m.string(seg, j);
                j += 1;
                while j < m.len() && m.at(j) != b'`' {
                    j += if m.at(j) == b'\\' { 2 } else { 1 };
                }
                j += 1;
                seg = j;
            }
            _ => j += 1,
        }
    }
    m.string(seg, m.len());
    m.len()
}

/// After `<<`: reads `-`, the delimiter word (maybe quoted). Returns the index after it and
/// the delimiter with whether leading tabs are stripped.
fn heredoc_op(m: &Masker<'_>, mut j: usize) -> (usize, Option<(Vec<u8>, bool)>) {
    let strip = m.at(j) == b'-';
    if strip {
        j += 1;
    }
    while m.at(j) == b' ' || m.at(j) == b'\t' {
        j += 1;
    }
    let mut word = Vec::new();
    loop {
        match m.at(j) {
            q @ (b'\'' | b'"') => {
                j += 1;
                while j < m.len() && m.at(j) != q && m.at(j) != b'\n' {
                    word.push(m.at(j));
                    j += 1;
                }
                if m.at(j) == q {
                    j += 1;
                }
            }
            b'\\' => j += 1,
            c if is_ident(c) || matches!(c, b'-' | b'.' | b'!' | b'@') => {
                word.push(c);
                j += 1;
            }
            _ => break,
        }
    }
    if word.is_empty() {
        (j, None)
    } else {
        (j, Some((word, strip)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Family, view_str};

    fn v(s: &str) -> String {
        view_str(Family::Shell, s)
    }

    #[test]
    fn hash_mid_word_is_not_a_comment() {
        assert_eq!(v("echo a#b; eval $x # eval"), "echo a#b; eval $x       ");
        assert_eq!(v("n=${#arr[@]} ${x#pre} $#"), "n=${#arr[@]} ${x#pre} $#");
    }

    #[test]
    fn strings_and_substitutions() {
        assert_eq!(
            v("echo 'eval $x' \"a $(eval $y) b\""),
            "echo 'xxxxxxx' \"xx$(eval $y)xx\""
        );
        assert_eq!(v("echo $'a\\'b' c"), "echo $'xxxx' c");
    }

    #[test]
    fn heredocs() {
        let src = "cat <<EOF > f\neval $x\nEOF\neval $y\ncat <<-'END'\n\teval z\n\tEND\nrm x\n";
        let out = "cat <<EOF > f\nxxxxxxx\nEOF\neval $y\ncat <<-'END'\nxxxxxxx\n\tEND\nrm x\n";
        assert_eq!(v(src), out);
        assert_eq!(v("cat <<< \"$x\"; eval y"), "cat <<< \"xx\"; eval y");
    }
}
