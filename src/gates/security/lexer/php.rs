//! PHP: text outside `<?php … ?>` / `<?= … ?>` is inline HTML (a string); inside, `//`, `#`
//! (but not `#[` attributes) and `/* */` comments, `'…'` and `"…"` strings, heredocs
//! (`<<<EOT`, `<<<"EOT"`) and nowdocs (`<<<'EOT'`).

use super::{Masker, is_ident};

pub fn lex(m: &mut Masker<'_>) {
    let mut i = 0;
    loop {
        // Inline HTML until the next open tag.
        let open = find(m, i, b"<?");
        let Some(o) = open else {
            m.string(i, m.len());
            return;
        };
        m.string(i, o);
        i = o + 2;
        if m.starts(i, b"php") {
            i += 3;
        } else if m.at(i) == b'=' {
            i += 1;
        }
        i = php(m, i);
        if i >= m.len() {
            return;
        }
    }
}

fn find(m: &Masker<'_>, from: usize, pat: &[u8]) -> Option<usize> {
    let s = m.src.get(from..)?;
    s.windows(pat.len())
        .position(|w| w == pat)
        .map(|k| from + k)
}

/// PHP code from `i` until `?>` (returns the index after it) or the end.
fn php(m: &mut Masker<'_>, mut i: usize) -> usize {
    while i < m.len() {
        let c = m.at(i);
        match c {
            b'?' if m.at(i + 1) == b'>' => return i + 2,
            b'/' if m.at(i + 1) == b'/' => i = line_comment(m, i),
            b'#' if m.at(i + 1) != b'[' => i = line_comment(m, i),
            b'/' if m.at(i + 1) == b'*' => i = m.block_comment(i, b"/*", b"*/", false),
            b'\'' | b'"' | b'`' => i = m.quoted(i, &[c], true, false),
            b'<' if m.starts(i, b"<<<") => i = heredoc(m, i + 3),
            _ => i += 1,
        }
    }
    i
}

/// A PHP line comment ends at the line end or at `?>`.
fn line_comment(m: &mut Masker<'_>, i: usize) -> usize {
    let e = m.eol(i);
    let end = find(m, i, b"?>").filter(|&k| k < e).unwrap_or(e);
    m.comment(i, end);
    end
}

fn heredoc(m: &mut Masker<'_>, mut j: usize) -> usize {
    while m.at(j) == b' ' {
        j += 1;
    }
    let q = m.at(j);
    if q == b'\'' || q == b'"' {
        j += 1;
    }
    let s = j;
    while is_ident(m.at(j)) {
        j += 1;
    }
    let word = m.src[s..j].to_vec();
    if word.is_empty() {
        return j;
    }
    let mut i = m.eol(j) + 1;
    while i < m.len() {
        let e = m.eol(i);
        let line = &m.src[i..e];
        let trimmed: &[u8] = {
            let k = line
                .iter()
                .position(|c| *c != b' ' && *c != b'\t')
                .unwrap_or(line.len());
            &line[k..]
        };
        if trimmed.starts_with(&word) && !trimmed.get(word.len()).is_some_and(|c| is_ident(*c)) {
            return i + (line.len() - trimmed.len()) + word.len();
        }
        m.string(i, e);
        i = e + 1;
    }
    m.len()
}

#[cfg(test)]
mod tests {
    use super::super::{Family, view_str};

    #[test]
    fn php_spans() {
        let v = |s: &str| view_str(Family::Php, s);
        assert_eq!(
            v("<p>eval(</p><?php eval($x); # c\n?>"),
            "xxxxxxxxxxxx<?php eval($x);    \n?>"
        );
        assert_eq!(
            v("<?php $a = <<<EOT\neval(x)\nEOT;\nunserialize($y);"),
            "<?php $a = <<<EOT\nxxxxxxx\nEOT;\nunserialize($y);"
        );
        assert_eq!(
            v("<?php #[Attr] f('a'); // eval(x)"),
            "<?php #[Attr] f('x');           "
        );
    }
}
