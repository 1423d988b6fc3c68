//! The JavaScript/TypeScript tokenizer of the `docs` gate: strings, template literals (with
//! nested `${}`), regular-expression literals, comments and which tokens a `/** */` block precedes.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum K {
    Ident,
    Punct(u8),
    Lit,
}

#[derive(Clone, Debug)]
pub(super) struct Tok<'a> {
    pub(super) k: K,
    pub(super) text: &'a str,
    pub(super) line: u32,
    /// A non-empty `/** */` block sits in the comments since the previous token.
    pub(super) doc: bool,
    /// A line break since the previous token.
    pub(super) nl: bool,
}

fn is_id_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80
}

fn is_id(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

/// Whether a `/` after this token starts a regular expression.
fn regex_allowed(prev: Option<&Tok<'_>>) -> bool {
    match prev {
        None => true,
        Some(t) => match t.k {
            K::Lit => false,
            K::Punct(c) => !matches!(c, b')' | b']' | b'}'),
            K::Ident => matches!(
                t.text,
                "return"
                    | "typeof"
                    | "instanceof"
                    | "in"
                    | "of"
                    | "new"
                    | "delete"
                    | "void"
                    | "throw"
                    | "case"
                    | "do"
                    | "else"
                    | "yield"
                    | "await"
            ),
        },
    }
}

struct Lexer<'a> {
    src: &'a str,
    s: &'a [u8],
    i: usize,
    line: u32,
    out: Vec<Tok<'a>>,
    doc: bool,
    nl: bool,
}

impl<'a> Lexer<'a> {
    fn push(&mut self, k: K, a: usize, line: u32) {
        let text = self.src.get(a..self.i).unwrap_or("");
        self.out.push(Tok {
            k,
            text,
            line,
            doc: self.doc,
            nl: self.nl,
        });
        self.doc = false;
        self.nl = false;
    }

    fn string(&mut self, q: u8) {
        let n = self.s.len();
        self.i += 1;
        while self.i < n && self.s[self.i] != q {
            match self.s[self.i] {
                b'\\' => self.i += 1,
                b'\n' => {
                    // Unterminated (or a line continuation after `\`).
                    break;
                }
                _ => {}
            }
            self.i += 1;
        }
        self.i = (self.i + 1).min(n);
    }

    /// A template literal from the backtick; `${ … }` parts are scanned as code.
    fn template(&mut self, depth: usize) {
        let n = self.s.len();
        self.i += 1;
        while self.i < n {
            match self.s[self.i] {
                b'\\' => self.i += 2,
                b'`' => {
                    self.i += 1;
                    return;
                }
                b'\n' => {
                    self.line += 1;
                    self.i += 1;
                }
                b'$' if self.s.get(self.i + 1) == Some(&b'{') => {
                    self.i += 2;
                    let mut braces = 1;
                    while self.i < n && braces > 0 {
                        match self.s[self.i] {
                            b'{' => {
                                braces += 1;
                                self.i += 1;
                            }
                            b'}' => {
                                braces -= 1;
                                self.i += 1;
                            }
                            b'\'' | b'"' => self.string(self.s[self.i]),
                            b'`' if depth < 50 => self.template(depth + 1),
                            b'\n' => {
                                self.line += 1;
                                self.i += 1;
                            }
                            b'/' if self.s.get(self.i + 1) == Some(&b'/') => {
                                while self.i < n && self.s[self.i] != b'\n' {
                                    self.i += 1;
                                }
                            }
                            _ => self.i += 1,
                        }
                    }
                }
                _ => self.i += 1,
            }
        }
        self.i = self.i.min(n);
    }

    fn run(mut self) -> Vec<Tok<'a>> {
        let n = self.s.len();
        while self.i < n {
            let c = self.s[self.i];
            let start = self.i;
            let line = self.line;
            match c {
                b'\n' => {
                    self.line += 1;
                    self.nl = true;
                    self.i += 1;
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.i += 1,
                b'/' if self.s.get(self.i + 1) == Some(&b'/') => {
                    while self.i < n && self.s[self.i] != b'\n' {
                        self.i += 1;
                    }
                }
                b'/' if self.s.get(self.i + 1) == Some(&b'*') => {
                    let jsdoc = self.s.get(self.i + 2) == Some(&b'*')
                        && self.s.get(self.i + 3) != Some(&b'/');
                    self.i += 2;
                    let body_start = self.i;
                    while self.i < n
                        && !(self.s[self.i] == b'*' && self.s.get(self.i + 1) == Some(&b'/'))
                    {
                        if self.s[self.i] == b'\n' {
                            self.line += 1;
                            self.nl = true;
                        }
                        self.i += 1;
                    }
                    let body = self.s.get(body_start + 1..self.i).unwrap_or(&[]);
                    if jsdoc && body.iter().any(|b| !b.is_ascii_whitespace() && *b != b'*') {
                        self.doc = true;
                    }
                    self.i = (self.i + 2).min(n);
                }
                b'/' if regex_allowed(self.out.last()) => {
                    // A regular expression literal.
                    self.i += 1;
                    let mut class = false;
                    while self.i < n {
                        match self.s[self.i] {
                            b'\\' => self.i += 1,
                            b'[' => class = true,
                            b']' => class = false,
                            b'/' if !class => break,
                            b'\n' => break,
                            _ => {}
                        }
                        self.i += 1;
                    }
                    self.i = (self.i + 1).min(n);
                    while self.i < n && is_id(self.s[self.i]) {
                        self.i += 1;
                    }
                    self.push(K::Lit, start, line);
                }
                b'\'' | b'"' => {
                    self.string(c);
                    self.push(K::Lit, start, line);
                }
                b'`' => {
                    self.template(0);
                    self.push(K::Lit, start, line);
                }
                b'#' if self.s.get(self.i + 1).is_some_and(|c| is_id_start(*c)) => {
                    // A private name `#x` (or a hashbang at the start).
                    if self.i == 0 && self.s.get(1) == Some(&b'!') {
                        while self.i < n && self.s[self.i] != b'\n' {
                            self.i += 1;
                        }
                        continue;
                    }
                    self.i += 1;
                    while self.i < n && is_id(self.s[self.i]) {
                        self.i += 1;
                    }
                    self.push(K::Ident, start, line);
                }
                b'#' if self.i == 0 && self.s.get(1) == Some(&b'!') => {
                    while self.i < n && self.s[self.i] != b'\n' {
                        self.i += 1;
                    }
                }
                c if c.is_ascii_digit() => {
                    while self.i < n && (is_id(self.s[self.i]) || self.s[self.i] == b'.') {
                        self.i += 1;
                    }
                    self.push(K::Lit, start, line);
                }
                c if is_id_start(c) => {
                    while self.i < n && is_id(self.s[self.i]) {
                        self.i += 1;
                    }
                    self.push(K::Ident, start, line);
                }
                _ => {
                    self.i += 1;
                    self.push(K::Punct(c), start, line);
                }
            }
        }
        self.out
    }
}

pub(super) fn lex(src: &str) -> Vec<Tok<'_>> {
    Lexer {
        src,
        s: src.as_bytes(),
        i: 0,
        line: 1,
        out: Vec::new(),
        doc: false,
        nl: false,
    }
    .run()
}
