//! Bounds on how deep a Rust file nests before syn, which parses recursively, is given it: a
//! deeper file is a parse error for that file, never a stack overflow that ends the run.

/// Deepest bracket nesting gatekeep parses; deeper files are reported, not parsed (the
/// recursive parser would overflow its stack). rustc code is never near this.
pub const MAX_NESTING: usize = 128;

/// The line where bracket nesting first exceeds `limit`, skipping comments, strings and char
/// literals.
pub(super) fn too_deep(src: &str, limit: usize) -> Option<u32> {
    let b = src.as_bytes();
    let n = b.len();
    let (mut i, mut depth, mut line) = (0usize, 0usize, 1u32);
    while i < n {
        match b[i] {
            b'\n' => line += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < n && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 1;
                i += 2;
                while i < n && nest > 0 {
                    if b[i] == b'\n' {
                        line += 1;
                    } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        nest += 1;
                        i += 1;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        nest -= 1;
                        i += 1;
                    }
                    i += 1;
                }
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'#' | b'"'))
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) =>
            {
                // A raw string r#"…"#.
                let mut j = i + 1;
                let mut hashes = 0;
                while j < n && b[j] == b'#' {
                    hashes += 1;
                    j += 1;
                }
                if j < n && b[j] == b'"' {
                    j += 1;
                    while j < n {
                        if b[j] == b'\n' {
                            line += 1;
                        }
                        if b[j] == b'"'
                            && b.len() >= j + 1 + hashes
                            && b[j + 1..j + 1 + hashes].iter().all(|c| *c == b'#')
                        {
                            j += 1 + hashes;
                            break;
                        }
                        j += 1;
                    }
                    i = j;
                    continue;
                }
            }
            b'"' => {
                i += 1;
                while i < n && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if i < n && b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal ('(' or '\'') — a lifetime has no closing quote.
                if b.get(i + 1) == Some(&b'\\') {
                    if let Some(k) = b[i + 2..n.min(i + 12)].iter().position(|c| *c == b'\'') {
                        i += k + 3;
                        continue;
                    }
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                    continue;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(line);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Deepest nesting of types and prefix operators gatekeep hands to syn, which parses them
/// recursively: `&&&…u8`, `Vec<Vec<…>>`, `*const *const …`, `fn() -> fn() -> …`, `!!!…x`.
/// Brackets count too. Real code stays far below.
pub const MAX_TYPE_DEPTH: usize = 256;

/// Where the recursion syn would need first exceeds `limit`, estimated on the tokens (function
/// bodies already stripped): bracket depth + open `<` + a run of prefix operators (`&`, `*`,
/// `-`, `!`, with `mut`/`const`/`dyn` and lifetimes between them) + a chain of `->`. The `<`
/// count restarts at `;` and after a `{}` block (an item ends there), so `a < b` in constants
/// never adds up.
pub(super) fn too_deep_tokens(ts: &proc_macro2::TokenStream, limit: usize) -> Option<(u32, u32)> {
    fn walk(ts: &proc_macro2::TokenStream, outer: usize, limit: usize) -> Option<(u32, u32)> {
        use proc_macro2::{Delimiter, Spacing, TokenTree};
        let (mut angle, mut prefix, mut arrows) = (0usize, 0usize, 0usize);
        let (mut prev_dash, mut prev_quote) = (false, false);
        for tt in ts.clone() {
            let span = tt.span().start();
            let at = (span.line as u32, span.column as u32 + 1);
            let (mut dash, mut quote) = (false, false);
            match &tt {
                TokenTree::Group(g) => {
                    if let Some(at) = walk(&g.stream(), outer + angle + prefix + arrows + 1, limit)
                    {
                        return Some(at);
                    }
                    if g.delimiter() == Delimiter::Brace {
                        angle = 0;
                        arrows = 0;
                    }
                    prefix = 0;
                }
                TokenTree::Punct(p) => match p.as_char() {
                    '<' => {
                        angle += 1;
                        prefix = 0;
                    }
                    '>' if prev_dash => {
                        arrows += 1;
                        prefix = 0;
                    }
                    '>' => {
                        angle = angle.saturating_sub(1);
                        prefix = 0;
                    }
                    '&' | '*' | '!' => prefix += 1,
                    '-' => {
                        dash = p.spacing() == Spacing::Joint;
                        prefix += 1;
                    }
                    '\'' => quote = true, // a lifetime: `&'a &'a …`
                    ';' => {
                        angle = 0;
                        prefix = 0;
                        arrows = 0;
                    }
                    ',' | '=' => {
                        prefix = 0;
                        arrows = 0;
                    }
                    _ => prefix = 0,
                },
                TokenTree::Ident(i) => {
                    let keep = prev_quote
                        || prefix > 0 && matches!(i.to_string().as_str(), "mut" | "const" | "dyn");
                    if !keep {
                        prefix = 0;
                    }
                }
                TokenTree::Literal(_) => prefix = 0,
            }
            if outer + angle + prefix + arrows > limit {
                return Some(at);
            }
            prev_dash = dash;
            prev_quote = quote;
        }
        None
    }
    walk(ts, 0, limit)
}
