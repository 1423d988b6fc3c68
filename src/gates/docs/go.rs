//! Go: what revive's `exported` rule checks — exported functions, methods on exported receiver
//! types, exported types, vars and consts, each documented by the comment group that ends on the
//! line right before it (go/parser's "lead comment"); a group's comment (`const ( … )`) covers its
//! members.
//!
//! A tokenizer (comments, interpreted and raw strings, runes) feeds a scan of the top-level
//! declarations: Go declarations start at the beginning of a line at brace depth 0, which is
//! what gofmt'd code (and the Go grammar, thanks to automatic semicolons) gives.

use super::Item;

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Ident,
    Punct(u8),
    Lit,
}

#[derive(Clone, Debug)]
struct Tok<'a> {
    kind: Kind,
    text: &'a str,
    line: u32,
    /// First token on its line.
    first: bool,
    /// A comment group ends on the line right before this token (and it is a lead comment).
    doc: bool,
}

fn lex(src: &str) -> Vec<Tok<'_>> {
    let s = src.as_bytes();
    let n = s.len();
    let mut out: Vec<Tok<'_>> = Vec::new();
    let mut i = 0;
    let mut line = 1u32;
    let mut last_tok_line = 0u32;
    // End line of the last comment group that can be a lead comment.
    let mut lead_end: Option<u32> = None;
    let mut line_has_tok = false;
    while i < n {
        let c = s[i];
        match c {
            b'\n' => {
                line += 1;
                line_has_tok = false;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if s.get(i + 1) == Some(&b'/') || s.get(i + 1) == Some(&b'*') => {
                let start_line = line;
                if s[i + 1] == b'/' {
                    while i < n && s[i] != b'\n' {
                        i += 1;
                    }
                } else {
                    i += 2;
                    while i < n && !(s[i] == b'*' && s.get(i + 1) == Some(&b'/')) {
                        if s[i] == b'\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                    i = (i + 2).min(n);
                }
                // A comment after a token on the same line is a line comment, not a lead one.
                if start_line == last_tok_line && line_has_tok {
                    lead_end = None;
                } else {
                    lead_end = Some(line);
                }
            }
            b'"' | b'\'' | b'`' => {
                let start = i;
                let start_line = line;
                i += 1;
                while i < n && s[i] != c {
                    if s[i] == b'\\' && c != b'`' {
                        i += 1;
                    } else if s[i] == b'\n' {
                        if c != b'`' {
                            break;
                        }
                        line += 1;
                    }
                    i += 1;
                }
                i = (i + 1).min(n);
                push(
                    &mut out,
                    src,
                    Kind::Lit,
                    start,
                    i,
                    start_line,
                    &mut lead_end,
                    &mut line_has_tok,
                    &mut last_tok_line,
                );
                last_tok_line = line;
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let start = i;
                while i < n && (s[i].is_ascii_alphanumeric() || s[i] == b'_' || s[i] >= 0x80) {
                    i += 1;
                }
                push(
                    &mut out,
                    src,
                    Kind::Ident,
                    start,
                    i,
                    line,
                    &mut lead_end,
                    &mut line_has_tok,
                    &mut last_tok_line,
                );
            }
            c if c.is_ascii_digit() => {
                let start = i;
                while i < n && (s[i].is_ascii_alphanumeric() || s[i] == b'.' || s[i] == b'_') {
                    i += 1;
                }
                push(
                    &mut out,
                    src,
                    Kind::Lit,
                    start,
                    i,
                    line,
                    &mut lead_end,
                    &mut line_has_tok,
                    &mut last_tok_line,
                );
            }
            _ => {
                push(
                    &mut out,
                    src,
                    Kind::Punct(c),
                    i,
                    i + 1,
                    line,
                    &mut lead_end,
                    &mut line_has_tok,
                    &mut last_tok_line,
                );
                i += 1;
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push<'a>(
    out: &mut Vec<Tok<'a>>,
    src: &'a str,
    kind: Kind,
    a: usize,
    b: usize,
    line: u32,
    lead_end: &mut Option<u32>,
    line_has_tok: &mut bool,
    last_tok_line: &mut u32,
) {
    let doc = lead_end.is_some_and(|e| e + 1 == line);
    *lead_end = None;
    out.push(Tok {
        kind,
        text: src.get(a..b).unwrap_or(""),
        line,
        first: !*line_has_tok,
        doc,
    });
    *line_has_tok = true;
    *last_tok_line = line;
}

/// Whether a line ending with this token gets an automatic semicolon (or is the group's `(`).
fn ends_statement(t: &Tok<'_>) -> bool {
    match t.kind {
        Kind::Ident | Kind::Lit => true,
        Kind::Punct(c) => matches!(c, b')' | b']' | b'}' | b'('),
    }
}

fn exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// Counts one Go file (not a `_test.go`).
pub fn count(src: &str) -> Vec<Item> {
    let toks = lex(src);
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        match t.kind {
            Kind::Punct(b'{' | b'(' | b'[') => depth += 1,
            Kind::Punct(b'}' | b')' | b']') => depth -= 1,
            _ => {}
        }
        if depth != 0 || !t.first || t.kind != Kind::Ident {
            i += 1;
            continue;
        }
        match t.text {
            "func" => {
                let doc = t.doc;
                let line = t.line;
                let mut j = i + 1;
                let mut recv: Option<&str> = None;
                if toks.get(j).is_some_and(|x| x.kind == Kind::Punct(b'(')) {
                    // Receiver: `(r *T)`, `(T)`, `(r T[K])`: the type is the last name before
                    // any `[` in the parentheses.
                    let mut d = 0;
                    let mut names: Vec<&str> = Vec::new();
                    let mut in_params = false;
                    while let Some(x) = toks.get(j) {
                        match x.kind {
                            Kind::Punct(b'(') => d += 1,
                            Kind::Punct(b')') => {
                                d -= 1;
                                if d == 0 {
                                    break;
                                }
                            }
                            Kind::Punct(b'[') => in_params = true,
                            Kind::Ident if d == 1 && !in_params => names.push(x.text),
                            _ => {}
                        }
                        j += 1;
                    }
                    recv = Some(names.last().copied().unwrap_or(""));
                    j += 1;
                }
                if let Some(name) = toks
                    .get(j)
                    .filter(|x| x.kind == Kind::Ident)
                    .map(|x| x.text)
                {
                    match recv {
                        None if exported(name) => out.push(Item::new(line, "function", name, doc)),
                        Some(r) if exported(name) && exported(r) => {
                            out.push(Item::new(line, "method", format!("{r}.{name}"), doc))
                        }
                        _ => {}
                    }
                }
                i += 1;
            }
            "type" | "var" | "const" => {
                let kind = match t.text {
                    "type" => "type",
                    "var" => "var",
                    _ => "const",
                };
                let group_doc = t.doc;
                if toks.get(i + 1).is_some_and(|x| x.kind == Kind::Punct(b'(')) {
                    // A group: each spec starts a line at depth 1 — unless the previous line
                    // ends with an operator or a comma, where Go inserts no semicolon and the
                    // line continues the previous spec's expression.
                    let mut j = i + 2;
                    let mut d = 1;
                    let mut prev: Option<&Tok<'_>> = toks.get(i + 1);
                    while let Some(x) = toks.get(j) {
                        match x.kind {
                            Kind::Punct(b'(' | b'{' | b'[') => d += 1,
                            Kind::Punct(b')' | b'}' | b']') => {
                                d -= 1;
                                if d == 0 {
                                    break;
                                }
                            }
                            Kind::Ident
                                if d == 1
                                    && x.first
                                    && exported(x.text)
                                    && prev.is_none_or(ends_statement) =>
                            {
                                out.push(Item::new(x.line, kind, x.text, x.doc || group_doc));
                            }
                            _ => {}
                        }
                        prev = Some(x);
                        j += 1;
                    }
                    i = j + 1;
                    continue;
                }
                if let Some(x) = toks.get(i + 1).filter(|x| x.kind == Kind::Ident)
                    && exported(x.text)
                {
                    out.push(Item::new(t.line, kind, x.text, group_doc));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<String> {
        count(src).into_iter().map(|i| i.label()).collect()
    }

    #[test]
    fn revive_exported() {
        let src = r#"// Package p is documented.
package p

// F does things.
func F() {}

func G() {} // trailing comment is not a doc
func h() {}

// Comment separated by a blank line.

func Sep() {}

// T is a type.
type T struct {
	// Field docs do not matter to revive.
	X int
}

type u struct{}

// M is documented.
func (t *T) M() {}
func (t T) N() {}
func (x u) Hidden() {}
func (t *List[K]) Gen() {}

// Block covers its members.
const (
	A = iota
	B
	c
)

var (
	// V has its own doc.
	V = 1
	W = "func Fake() {}"
)

const (
	// Multi is documented.
	Multi = A |
		B |
		Cont
	Next = 1
)

/* Block comment doc. */
var X = `raw
func Raw() {}
`

func Body() {
	var Inner = 1
	type Local int
}
"#;
        assert_eq!(
            names(src),
            [
                "+function:F",
                "-function:G",
                "-function:Sep",
                "+type:T",
                "+method:T.M",
                "-method:T.N",
                "-method:List.Gen",
                "+const:A",
                "+const:B",
                "+var:V",
                "-var:W",
                "+const:Multi",
                "-const:Next",
                "+var:X",
                "-function:Body"
            ]
        );
    }
}
