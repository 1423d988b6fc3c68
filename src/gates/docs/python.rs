//! Python: modules, classes, functions and methods, counted as interrogate (`all`) or as
//! pydocstyle/ruff D100–D107 (`public`) count them.
//!
//! A tokenizer that follows CPython's rules for what matters here — logical lines, INDENT/DEDENT,
//! brackets and backslash continuations, comments, and every string form (prefixes, triple
//! quotes, f-strings with nested quotes in `{}`) — feeds a small parser that builds the tree of
//! `def`/`class` definitions with their decorators and docstrings. Code that is not valid Python
//! never fails: the tokenizer recovers at the next line.

use super::{Item, PyIgnore, PyMode};
use std::collections::HashSet;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Name(usize, usize),
    /// A string literal: whether it can be (part of) a docstring (not f-, not bytes), whether
    /// its value is blank, and the raw body's byte range (for `__all__`).
    Str {
        doc: bool,
        blank: bool,
        body: (usize, usize),
    },
    Op(u8),
    Other,
    Newline,
    Indent,
    Dedent,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    line: u32,
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
    line: u32,
    depth: i32,
    indents: Vec<usize>,
    at_line_start: bool,
    out: Vec<Token>,
    /// Tokens emitted in the current logical line (INDENT/DEDENT not counted).
    line_toks: u32,
    /// The logical line is a decorator: keep its names and dots.
    deco_line: bool,
    /// The previous token was `def`, `class` or `async` at the start of a line: keep the next
    /// name.
    need_name: bool,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

/// Bytes that continue an identifier (non-ASCII bytes are parts of Unicode letters).
const IDENT: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
        i += 1;
    }
    t
};

fn is_ident(c: u8) -> bool {
    IDENT[c as usize]
}

impl<'a> Lexer<'a> {
    /// Emits a token. The parser only looks at the first tokens of a logical line, at names
    /// after `def`/`class`/`async`, at decorators, brackets, `:`, `;` and strings; any other run
    /// of tokens is folded into one `Other`, which keeps the token stream (and the time spent
    /// on it) small.
    #[inline(always)]
    fn push(&mut self, tok: Tok, line: u32) {
        let keep = match &tok {
            Tok::Newline => {
                self.line_toks = 0;
                self.deco_line = false;
                self.need_name = false;
                self.out.push(Token { tok, line });
                return;
            }
            Tok::Indent | Tok::Dedent => {
                self.out.push(Token { tok, line });
                return;
            }
            Tok::Str { .. } => true,
            Tok::Op(b'@') if self.line_toks == 0 => {
                self.deco_line = true;
                true
            }
            Tok::Op(b'(' | b')' | b'[' | b']' | b'{' | b'}' | b':' | b';' | b'@') => true,
            Tok::Op(b'.') => self.deco_line,
            Tok::Name(a, b) => {
                let keep = self.line_toks == 0 || self.deco_line || self.need_name;
                if keep {
                    let w = &self.s[*a..*b];
                    self.need_name =
                        self.line_toks <= 1 && (w == b"def" || w == b"class" || w == b"async");
                }
                keep
            }
            Tok::Op(_) | Tok::Other => false,
        };
        self.line_toks += 1;
        if !matches!(tok, Tok::Name(..)) {
            self.need_name = false;
        }
        if keep {
            self.out.push(Token { tok, line });
        } else if !matches!(
            self.out.last(),
            Some(Token {
                tok: Tok::Other,
                ..
            })
        ) {
            self.out.push(Token {
                tok: Tok::Other,
                line,
            });
        }
    }

    fn run(mut self) -> Vec<Token> {
        let n = self.s.len();
        while self.i < n {
            if self.at_line_start && self.depth == 0 {
                // Measure indentation; skip blank and comment-only lines.
                let mut col = 0usize;
                let mut j = self.i;
                while j < n {
                    match self.s[j] {
                        b' ' => col += 1,
                        b'\t' => col = (col / 8 + 1) * 8,
                        b'\x0c' => col = 0,
                        _ => break,
                    }
                    j += 1;
                }
                if j >= n {
                    self.i = n;
                    break;
                }
                match self.s[j] {
                    b'\n' | b'\r' | b'#' => {
                        // Blank or comment line: no tokens.
                        while j < n && self.s[j] != b'\n' {
                            j += 1;
                        }
                        self.i = j + 1;
                        self.line += 1;
                        continue;
                    }
                    b'\\'
                        if self
                            .s
                            .get(j + 1)
                            .is_some_and(|c| *c == b'\n' || *c == b'\r') =>
                    {
                        // A continuation at the start of a line: treat as blank.
                        self.i = j;
                        self.at_line_start = false;
                    }
                    _ => {
                        let cur = *self.indents.last().unwrap_or(&0);
                        if col > cur {
                            self.indents.push(col);
                            self.push(Tok::Indent, self.line);
                        } else {
                            while col < *self.indents.last().unwrap_or(&0) {
                                self.indents.pop();
                                self.push(Tok::Dedent, self.line);
                            }
                        }
                        self.i = j;
                        self.at_line_start = false;
                    }
                }
                continue;
            }
            let c = self.s[self.i];
            match c {
                b'\n' => {
                    if self.depth == 0 {
                        self.push(Tok::Newline, self.line);
                        self.at_line_start = true;
                    }
                    self.line += 1;
                    self.i += 1;
                }
                b' ' | b'\t' | b'\r' | b'\x0c' => {
                    self.i += 1;
                    while self.i < n && matches!(self.s[self.i], b' ' | b'\t') {
                        self.i += 1;
                    }
                }
                b'#' => {
                    self.i = memchr::memchr(b'\n', &self.s[self.i..]).map_or(n, |k| self.i + k);
                }
                b'\\' => {
                    // Line continuation.
                    self.i += 1;
                    if self.i < n && self.s[self.i] == b'\r' {
                        self.i += 1;
                    }
                    if self.i < n && self.s[self.i] == b'\n' {
                        self.i += 1;
                        self.line += 1;
                    }
                }
                b'"' | b'\'' => self.string(self.i, self.i, ""),
                b'(' | b'[' | b'{' => {
                    self.depth += 1;
                    self.push(Tok::Op(c), self.line);
                    self.i += 1;
                }
                b')' | b']' | b'}' => {
                    self.depth = (self.depth - 1).max(0);
                    self.push(Tok::Op(c), self.line);
                    self.i += 1;
                }
                b'0'..=b'9' => {
                    while self.i < n && (is_ident(self.s[self.i]) || self.s[self.i] == b'.') {
                        self.i += 1;
                    }
                    self.push(Tok::Other, self.line);
                }
                c if is_ident_start(c) => {
                    let start = self.i;
                    while self.i < n && is_ident(self.s[self.i]) {
                        self.i += 1;
                    }
                    let word = &self.s[start..self.i];
                    if self.i < n
                        && (self.s[self.i] == b'"' || self.s[self.i] == b'\'')
                        && word.len() <= 2
                    {
                        let lower = word.to_ascii_lowercase();
                        if let Ok(p) = std::str::from_utf8(&lower)
                            && matches!(
                                p,
                                "r" | "u"
                                    | "b"
                                    | "br"
                                    | "rb"
                                    | "f"
                                    | "fr"
                                    | "rf"
                                    | "t"
                                    | "tr"
                                    | "rt"
                            )
                        {
                            let prefix = p.to_string();
                            self.string(start, self.i, &prefix);
                            continue;
                        }
                    }
                    self.push(Tok::Name(start, self.i), self.line);
                }
                b'.' if self.s.get(self.i + 1).is_some_and(u8::is_ascii_digit) => {
                    self.i += 1;
                    while self.i < n && (is_ident(self.s[self.i]) || self.s[self.i] == b'.') {
                        self.i += 1;
                    }
                    self.push(Tok::Other, self.line);
                }
                _ => {
                    self.push(Tok::Op(c), self.line);
                    self.i += 1;
                }
            }
        }
        if !self.at_line_start {
            self.push(Tok::Newline, self.line);
        }
        let line = self.line;
        for _ in 1..self.indents.len() {
            self.push(Tok::Dedent, line);
        }
        self.out
    }

    /// A string literal whose quote starts at `q` (prefix from `start`).
    fn string(&mut self, _start: usize, q: usize, prefix: &str) {
        let line = self.line;
        let raw = prefix.contains('r');
        let fmt = prefix.contains('f') || prefix.contains('t');
        let bytes = prefix.contains('b');
        let (body, end) = self.scan_string(q, raw, fmt);
        self.i = end;
        let blank = if fmt || bytes {
            false
        } else {
            is_blank(&self.s[body.0..body.1], raw)
        };
        self.push(
            Tok::Str {
                doc: !fmt && !bytes,
                blank,
                body,
            },
            line,
        );
    }

    /// Scans a string starting at the quote `q`; returns the body range and the end index.
    /// Counts newlines. An unterminated single-quoted string ends at the line end.
    fn scan_string(&mut self, q: usize, raw: bool, fmt: bool) -> ((usize, usize), usize) {
        let s = self.s;
        let n = s.len();
        let quote = s[q];
        let triple = q + 2 < n && s[q + 1] == quote && s[q + 2] == quote;
        let qlen = if triple { 3 } else { 1 };
        let body_start = q + qlen;
        let mut j = body_start;
        let mut brace = 0i32;
        while j < n {
            if !fmt {
                // Jump to the next byte that matters.
                match memchr::memchr3(quote, b'\\', b'\n', &s[j..]) {
                    Some(k) => j += k,
                    None => break,
                }
            }
            let c = s[j];
            if c == b'\\' {
                if j + 1 < n && s[j + 1] == b'\n' {
                    self.line += 1;
                }
                j += 2;
                continue;
            }
            if fmt && c == b'{' {
                if brace == 0 && s.get(j + 1) == Some(&b'{') {
                    j += 2;
                    continue;
                }
                brace += 1;
                j += 1;
                continue;
            }
            if fmt && c == b'}' && brace > 0 {
                brace -= 1;
                j += 1;
                continue;
            }
            if fmt && brace > 0 && (c == b'"' || c == b'\'') && c != quote {
                // A nested string inside a replacement field.
                let (_, e) = self.scan_string(j, false, false);
                j = e;
                continue;
            }
            if fmt && brace > 0 && c == quote && !triple {
                // Python 3.12 allows reusing the quote inside `{}`.
                let (_, e) = self.scan_string(j, false, false);
                j = e;
                continue;
            }
            if c == b'\n' {
                if !triple {
                    return ((body_start, j), j);
                }
                self.line += 1;
            }
            if c == quote && (!triple || (j + 2 < n && s[j + 1] == quote && s[j + 2] == quote)) {
                return ((body_start, j), j + qlen);
            }
            j += 1;
        }
        let _ = raw;
        ((body_start, n.max(body_start)), n)
    }
}

/// Whether a string body's value is empty or whitespace only.
fn is_blank(body: &[u8], raw: bool) -> bool {
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c == b'\\' && !raw {
            match body.get(i + 1) {
                Some(b'n' | b't' | b'r' | b'f' | b'v' | b'\n') => {
                    i += 2;
                    continue;
                }
                Some(b'\r') => {
                    i += 2;
                    continue;
                }
                _ => return false,
            }
        }
        if !c.is_ascii_whitespace() && c != 0x0b {
            // Non-ASCII whitespace (e.g. U+00A0) is rare in docstrings; treat as text.
            return false;
        }
        i += 1;
    }
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DefKind {
    Module,
    Class,
    Func,
    AsyncFunc,
}

#[derive(Debug)]
struct Deco {
    /// The dotted name when the decorator is a plain (possibly dotted) name, without a call.
    dotted: Option<Vec<String>>,
}

#[derive(Debug)]
struct Def {
    kind: DefKind,
    name: String,
    line: u32,
    decos: Vec<Deco>,
    documented: bool,
    children: Vec<usize>,
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    p: usize,
    defs: Vec<Def>,
    /// Names from `__all__` at module level, when any `__all__` statement is there.
    exports: Option<HashSet<String>>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.p).map(|t| &t.tok)
    }

    fn name_at(&self, p: usize) -> Option<&'a str> {
        match self.toks.get(p).map(|t| &t.tok) {
            Some(Tok::Name(a, b)) => self.src.get(*a..*b),
            _ => None,
        }
    }

    fn is_op(&self, p: usize, c: u8) -> bool {
        matches!(self.toks.get(p).map(|t| &t.tok), Some(Tok::Op(x)) if *x == c)
    }

    /// Whether the statement at `p` is a docstring: string literals only (optionally in
    /// parentheses), then the end of the statement. Returns `Some(documented)`.
    fn docstring_at(&self, mut p: usize) -> Option<bool> {
        let mut parens = 0;
        while self.is_op(p, b'(') {
            parens += 1;
            p += 1;
        }
        let mut any = false;
        let mut doc = true;
        let mut blank = true;
        while let Some(Tok::Str {
            doc: d, blank: b, ..
        }) = self.toks.get(p).map(|t| &t.tok)
        {
            any = true;
            doc &= *d;
            blank &= *b;
            p += 1;
        }
        if !any {
            return None;
        }
        for _ in 0..parens {
            if !self.is_op(p, b')') {
                return None;
            }
            p += 1;
        }
        match self.toks.get(p).map(|t| &t.tok) {
            None | Some(Tok::Newline) | Some(Tok::Op(b';')) | Some(Tok::Dedent) => {
                if doc {
                    Some(!blank)
                } else {
                    // An f-string or bytes first statement is not a docstring.
                    Some(false)
                }
            }
            _ => None,
        }
    }

    /// Skips to the end of the current logical line (past its NEWLINE).
    fn skip_line(&mut self) -> bool {
        let mut last_colon = false;
        while let Some(t) = self.peek() {
            match t {
                Tok::Newline => {
                    self.p += 1;
                    return last_colon;
                }
                Tok::Indent | Tok::Dedent => return last_colon,
                Tok::Op(b':') => last_colon = true,
                _ => last_colon = false,
            }
            self.p += 1;
        }
        last_colon
    }

    fn block(&mut self, parent: usize, module_level: bool, depth: usize) {
        let mut decos: Vec<Deco> = Vec::new();
        while let Some(t) = self.peek().cloned() {
            match t {
                Tok::Dedent => {
                    self.p += 1;
                    return;
                }
                Tok::Indent => {
                    // An indented block after a compound statement: same scope.
                    self.p += 1;
                    if depth < 200 {
                        self.block(parent, module_level, depth + 1);
                    }
                }
                Tok::Newline => self.p += 1,
                Tok::Op(b'@') => {
                    self.p += 1;
                    let mut dotted = Vec::new();
                    let mut plain = true;
                    let mut expect_name = true;
                    while let Some(t) = self.peek() {
                        match t {
                            Tok::Newline | Tok::Indent | Tok::Dedent => break,
                            Tok::Name(..) if expect_name => {
                                dotted.push(self.name_at(self.p).unwrap_or("").to_string());
                                expect_name = false;
                            }
                            Tok::Op(b'.') if !expect_name => expect_name = true,
                            _ => plain = false,
                        }
                        self.p += 1;
                    }
                    if self.peek() == Some(&Tok::Newline) {
                        self.p += 1;
                    }
                    decos.push(Deco {
                        dotted: (plain && !dotted.is_empty() && !expect_name).then_some(dotted),
                    });
                }
                Tok::Name(..) => {
                    let w = self.name_at(self.p).unwrap_or("");
                    let is_async = w == "async" && self.name_at(self.p + 1) == Some("def");
                    if w == "def" || w == "class" || is_async {
                        let d = std::mem::take(&mut decos);
                        self.def(parent, d, depth);
                        continue;
                    }
                    decos.clear();
                    if module_level && w == "__all__" {
                        self.collect_all();
                    }
                    self.skip_line();
                }
                _ => {
                    decos.clear();
                    self.skip_line();
                }
            }
        }
    }

    /// `__all__ = [...]`, `__all__ += [...]`, `__all__.extend([...])`, `__all__.append("x")`.
    fn collect_all(&mut self) {
        let exports = self.exports.get_or_insert_with(HashSet::new);
        let mut p = self.p + 1;
        while let Some(t) = self.toks.get(p) {
            match &t.tok {
                Tok::Newline | Tok::Indent | Tok::Dedent => break,
                Tok::Str { body, .. } => {
                    if let Some(s) = self.src.get(body.0..body.1) {
                        exports.insert(s.to_string());
                    }
                }
                _ => {}
            }
            p += 1;
        }
    }

    fn def(&mut self, parent: usize, decos: Vec<Deco>, depth: usize) {
        let mut kind = DefKind::Func;
        if self.name_at(self.p) == Some("async") {
            kind = DefKind::AsyncFunc;
            self.p += 1;
        }
        if self.name_at(self.p) == Some("class") {
            kind = DefKind::Class;
        }
        let line = self.toks.get(self.p).map(|t| t.line).unwrap_or(1);
        self.p += 1;
        let Some(name) = self.name_at(self.p) else {
            self.skip_line();
            return;
        };
        let name = name.to_string();
        // Find the `:` that ends the header, at bracket depth 0.
        let mut depth_b = 0i32;
        loop {
            match self.peek() {
                None => return,
                Some(Tok::Newline) | Some(Tok::Indent) | Some(Tok::Dedent) => {
                    // Malformed header: not a definition.
                    self.skip_line();
                    return;
                }
                Some(Tok::Op(b'(' | b'[' | b'{')) => depth_b += 1,
                Some(Tok::Op(b')' | b']' | b'}')) => depth_b -= 1,
                Some(Tok::Op(b':')) if depth_b <= 0 => {
                    self.p += 1;
                    break;
                }
                _ => {}
            }
            self.p += 1;
        }
        let idx = self.defs.len();
        self.defs.push(Def {
            kind,
            name,
            line,
            decos,
            documented: false,
            children: Vec::new(),
        });
        if let Some(par) = self.defs.get_mut(parent) {
            par.children.push(idx);
        }
        if self.peek() == Some(&Tok::Newline) {
            self.p += 1;
            if self.peek() == Some(&Tok::Indent) {
                self.p += 1;
                let documented = self.docstring_at(self.p).unwrap_or(false);
                if let Some(d) = self.defs.get_mut(idx) {
                    d.documented = documented;
                }
                if depth < 200 {
                    self.block(idx, false, depth + 1);
                }
            }
        } else {
            // `def f(): "doc"` — the body is on the header line.
            let documented = self.docstring_at(self.p).unwrap_or(false);
            if let Some(d) = self.defs.get_mut(idx) {
                d.documented = documented;
            }
            self.skip_line();
        }
    }
}

fn parse(src: &str) -> Parser<'_> {
    let lexer = Lexer {
        s: src.as_bytes(),
        i: 0,
        line: 1,
        depth: 0,
        indents: vec![0],
        at_line_start: true,
        out: Vec::with_capacity(src.len() / 16),
        line_toks: 0,
        deco_line: false,
        need_name: false,
    };
    let toks = lexer.run();
    let mut p = Parser {
        src,
        toks,
        p: 0,
        defs: vec![Def {
            kind: DefKind::Module,
            name: String::new(),
            line: 1,
            decos: Vec::new(),
            documented: false,
            children: Vec::new(),
        }],
        exports: None,
    };
    // Skip a leading BOM-free encoding line: comments are already skipped by the lexer.
    let documented = p.docstring_at(0).unwrap_or(false);
    if let Some(m) = p.defs.get_mut(0) {
        m.documented = documented;
    }
    while p.p < p.toks.len() {
        let before = p.p;
        p.block(0, true, 0);
        if p.p == before {
            p.p += 1;
        }
    }
    p
}

fn is_dunder(n: &str) -> bool {
    n.len() > 4 && n.starts_with("__") && n.ends_with("__")
}

/// Counts one `.py` file.
pub fn count(src: &str, rel: &str, mode: PyMode, ignore: &PyIgnore) -> Vec<Item> {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    if mode == PyMode::All && ignore.init_module && file == "__init__.py" {
        return Vec::new();
    }
    let p = parse(src);
    match mode {
        PyMode::All => interrogate(&p, rel, ignore),
        PyMode::Public => public(&p, rel),
    }
}

struct Node {
    def: usize,
    kind: DefKind,
    nested_func: bool,
    nested_cls: bool,
    parent: Option<usize>,
}

fn interrogate(p: &Parser<'_>, rel: &str, ig: &PyIgnore) -> Vec<Item> {
    // Visit as interrogate's CoverageVisitor does: ignored functions/classes hide their bodies.
    let mut nodes: Vec<Node> = vec![Node {
        def: 0,
        kind: DefKind::Module,
        nested_func: false,
        nested_cls: false,
        parent: None,
    }];
    fn visit(p: &Parser<'_>, ig: &PyIgnore, def: usize, parent_node: usize, nodes: &mut Vec<Node>) {
        let Some(d) = p.defs.get(def) else { return };
        let name = d.name.as_str();
        let private = name.starts_with("__") && !name.ends_with("__");
        let semiprivate = name.starts_with('_') && !name.starts_with("__") && !name.ends_with("__");
        let common = (ig.private && private) || (ig.semiprivate && semiprivate);
        let ignored = match d.kind {
            DefKind::Class => common,
            DefKind::Func | DefKind::AsyncFunc => {
                let is_init = name == "__init__";
                let is_magic = name.starts_with("__") && name.ends_with("__") && name != "__init__";
                let last = |dec: &Deco| dec.dotted.as_ref().and_then(|v| v.last().cloned());
                let has_prop = d.decos.iter().any(|dec| {
                    dec.dotted.as_ref().is_some_and(|v| {
                        (v.len() == 1 && v[0] == "property")
                            || (v.len() > 1
                                && matches!(last(dec).as_deref(), Some("setter" | "deleter")))
                    })
                });
                let has_setter = d.decos.iter().any(|dec| {
                    dec.dotted
                        .as_ref()
                        .is_some_and(|v| v.len() > 1 && v.last().is_some_and(|l| l == "setter"))
                });
                let has_overload = d.decos.iter().any(|dec| {
                    dec.dotted.as_ref().is_some_and(|v| {
                        (v.len() == 1 && v[0] == "overload")
                            || (v.len() == 2 && v[0] == "typing" && v[1] == "overload")
                    })
                });
                (ig.init_method && is_init)
                    || (ig.magic && is_magic)
                    || (ig.property_decorators && has_prop)
                    || (ig.property_setters && has_setter)
                    || (ig.overloaded_functions && has_overload)
                    || common
            }
            DefKind::Module => false,
        };
        if ignored {
            return;
        }
        let pk = nodes.get(parent_node).map(|n| n.kind);
        let nested_func = pk == Some(DefKind::Func) && d.kind == DefKind::Func;
        let nested_cls =
            matches!(pk, Some(DefKind::Class | DefKind::Func)) && d.kind == DefKind::Class;
        let me = nodes.len();
        nodes.push(Node {
            def,
            kind: d.kind,
            nested_func,
            nested_cls,
            parent: Some(parent_node),
        });
        for &c in &d.children {
            visit(p, ig, c, me, nodes);
        }
    }
    if let Some(m) = p.defs.first() {
        for &c in &m.children {
            visit(p, ig, c, 0, &mut nodes);
        }
    }
    if nodes.len() == 1 && ig.module {
        return Vec::new();
    }
    let mut keep: Vec<bool> = vec![true; nodes.len()];
    if ig.nested_functions {
        for (i, n) in nodes.iter().enumerate() {
            if n.nested_func {
                keep[i] = false;
            }
        }
    }
    if ig.nested_classes {
        // interrogate drops nested classes and their direct children only.
        for (i, n) in nodes.iter().enumerate() {
            let parent_nested = n
                .parent
                .and_then(|p| nodes.get(p))
                .is_some_and(|p| p.nested_cls);
            if (n.nested_cls || parent_nested) && keep[i] {
                keep[i] = false;
            }
        }
    }
    let mut out = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let Some(d) = p.defs.get(n.def) else { continue };
        if n.kind == DefKind::Module {
            if ig.module {
                continue;
            }
            out.push(Item::new(1, "module", rel.to_string(), d.documented));
            continue;
        }
        let parent_kind = n.parent.and_then(|p| nodes.get(p)).map(|p| p.kind);
        let kind = match (d.kind, parent_kind) {
            (DefKind::Class, _) => "class",
            (_, Some(DefKind::Class)) => "method",
            (_, Some(DefKind::Func | DefKind::AsyncFunc)) => "nested function",
            _ => "function",
        };
        out.push(Item::new(
            d.line,
            kind,
            qualified(p, &nodes, i),
            d.documented,
        ));
    }
    out
}

fn qualified(p: &Parser<'_>, nodes: &[Node], mut i: usize) -> String {
    let mut parts = Vec::new();
    while let Some(n) = nodes.get(i) {
        if n.kind == DefKind::Module {
            break;
        }
        if let Some(d) = p.defs.get(n.def) {
            parts.push(d.name.as_str());
        }
        match n.parent {
            Some(pp) => i = pp,
            None => break,
        }
    }
    parts.reverse();
    parts.join(".")
}

fn private_module_name(n: &str) -> bool {
    n.starts_with('_') && !(n.starts_with("__") && n.ends_with("__"))
}

/// pydocstyle / ruff D100–D107.
fn public(p: &Parser<'_>, rel: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let parts: Vec<&str> = rel.split('/').collect();
    let stem = parts
        .last()
        .map(|f| f.split('.').next().unwrap_or(f))
        .unwrap_or("");
    let module_private = private_module_name(stem)
        || parts[..parts.len().saturating_sub(1)]
            .iter()
            .any(|d| private_module_name(d));
    if module_private {
        return out;
    }
    let Some(module) = p.defs.first() else {
        return out;
    };
    let kind = if stem == "__init__" {
        "package"
    } else {
        "module"
    };
    out.push(Item::new(1, kind, rel.to_string(), module.documented));
    let skipped_deco = |d: &Def| {
        d.decos.iter().any(|dec| {
            dec.dotted
                .as_ref()
                .and_then(|v| v.last())
                .is_some_and(|l| l == "overload" || l == "override")
        })
    };
    for &c in &module.children {
        let Some(d) = p.defs.get(c) else { continue };
        let public = match &p.exports {
            Some(ex) => ex.contains(&d.name),
            None => !d.name.starts_with('_'),
        };
        if !public {
            continue;
        }
        match d.kind {
            DefKind::Class => class(p, c, d.name.clone(), "class", &mut out, &skipped_deco),
            DefKind::Func | DefKind::AsyncFunc => {
                if !skipped_deco(d) {
                    out.push(Item::new(d.line, "function", d.name.clone(), d.documented));
                }
            }
            DefKind::Module => {}
        }
    }
    out
}

fn class(
    p: &Parser<'_>,
    idx: usize,
    qname: String,
    kind: &'static str,
    out: &mut Vec<Item>,
    skipped_deco: &dyn Fn(&Def) -> bool,
) {
    let Some(d) = p.defs.get(idx) else { return };
    out.push(Item::new(d.line, kind, qname.clone(), d.documented));
    for &c in &d.children {
        let Some(m) = p.defs.get(c) else { continue };
        match m.kind {
            DefKind::Class => {
                if !m.name.starts_with('_') {
                    class(
                        p,
                        c,
                        format!("{qname}.{}", m.name),
                        "nested class",
                        out,
                        skipped_deco,
                    );
                }
            }
            DefKind::Func | DefKind::AsyncFunc => {
                let setter = m.decos.iter().any(|dec| {
                    dec.dotted.as_ref().is_some_and(|v| {
                        v.len() == 2 && v[0] == m.name && (v[1] == "setter" || v[1] == "deleter")
                    })
                });
                let visible = !m.name.starts_with('_') || is_dunder(&m.name);
                if setter || !visible || skipped_deco(m) {
                    continue;
                }
                let k = if m.name == "__init__" {
                    "init method"
                } else if is_dunder(&m.name) && m.name != "__new__" && m.name != "__call__" {
                    "magic method"
                } else {
                    "method"
                };
                out.push(Item::new(
                    m.line,
                    k,
                    format!("{qname}.{}", m.name),
                    m.documented,
                ));
            }
            DefKind::Module => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(src: &str, ig: PyIgnore) -> Vec<String> {
        count(src, "pkg/mod.py", PyMode::All, &ig)
            .into_iter()
            .map(|i| format!("{}{}", if i.documented { "+" } else { "-" }, i.name))
            .collect()
    }

    #[test]
    fn docstring_forms() {
        let src = "def a():\n    \"\"\"Doc.\"\"\"\n\ndef b():\n    ''\n\ndef c():\n    f\"x\"\n\ndef d():\n    b'x'\n\ndef e():\n    ('paren'\n     'concat')\n\ndef f(): 'same line'\n\ndef g():\n    # comment\n    '''after comment'''\n\ndef h():\n    x = 1\n    'late'\n\ndef i():\n    '   \\n  '\n\ndef j():\n    r'\\n'\n";
        assert_eq!(
            all(src, PyIgnore::default()),
            [
                "-pkg/mod.py",
                "+a",
                "-b",
                "-c",
                "-d",
                "+e",
                "+f",
                "+g",
                "-h",
                "-i",
                "+j"
            ]
        );
    }

    #[test]
    fn module_docstring_and_nesting() {
        let src = "#!/usr/bin/env python\n# coding: utf-8\n\"\"\"Module.\"\"\"\nclass A:\n    def m(self):\n        def inner():\n            pass\n    class N:\n        def nm(self): pass\n    async def am(self):\n        def in_async(): pass\n";
        assert_eq!(
            all(src, PyIgnore::default()),
            [
                "+pkg/mod.py",
                "-A",
                "-A.m",
                "-A.m.inner",
                "-A.N",
                "-A.N.nm",
                "-A.am",
                "-A.am.in_async"
            ]
        );
        // interrogate: only a sync def inside a sync def is a nested function.
        let ig = PyIgnore {
            nested_functions: true,
            ..Default::default()
        };
        assert_eq!(
            all(src, ig),
            [
                "+pkg/mod.py",
                "-A",
                "-A.m",
                "-A.N",
                "-A.N.nm",
                "-A.am",
                "-A.am.in_async"
            ]
        );
        // Nested classes and their direct children go.
        let ig = PyIgnore {
            nested_classes: true,
            ..Default::default()
        };
        assert_eq!(
            all(src, ig),
            [
                "+pkg/mod.py",
                "-A",
                "-A.m",
                "-A.m.inner",
                "-A.am",
                "-A.am.in_async"
            ]
        );
    }

    #[test]
    fn interrogate_ignores() {
        let src = "class C:\n    def __init__(self): pass\n    def __repr__(self): pass\n    def __priv(self):\n        def hidden(): pass\n    def _semi(self): pass\n    @property\n    def p(self): pass\n    @p.setter\n    def p(self, v): pass\n    @typing.overload\n    def o(self): pass\n    @overload\n    def o(self): pass\n    @t.overload\n    def o(self): pass\n";
        let base = all(src, PyIgnore::default());
        assert_eq!(base.len(), 12, "{base:?}");
        let ig = PyIgnore {
            init_method: true,
            private: true,
            semiprivate: true,
            module: true,
            ..Default::default()
        };
        assert_eq!(
            all(src, ig),
            ["-C", "-C.__repr__", "-C.p", "-C.p", "-C.o", "-C.o", "-C.o"]
        );
        let ig = PyIgnore {
            magic: true,
            property_setters: true,
            overloaded_functions: true,
            ..Default::default()
        };
        assert_eq!(
            all(src, ig),
            [
                "-pkg/mod.py",
                "-C",
                "-C.__init__",
                "-C.__priv",
                "-C.__priv.hidden",
                "-C._semi",
                "-C.p",
                "-C.o"
            ]
        );
        let ig = PyIgnore {
            property_decorators: true,
            ..Default::default()
        };
        assert!(!all(src, ig).contains(&"-C.p".to_string()));
    }

    #[test]
    fn ignore_module_drops_empty_files() {
        let ig = PyIgnore {
            module: true,
            ..Default::default()
        };
        assert!(all("import os\n", ig).is_empty());
        assert!(
            count(
                "",
                "pkg/__init__.py",
                PyMode::All,
                &PyIgnore {
                    init_module: true,
                    ..Default::default()
                }
            )
            .is_empty()
        );
        assert_eq!(all("", PyIgnore::default()), ["-pkg/mod.py"]);
    }

    #[test]
    fn strings_do_not_confuse_the_tokenizer() {
        let src = "x = '''\ndef fake():\n'''\ny = f\"{d[\"k\"]} {{not}} {z:{w}}\"\ns = 'it\\'s # not a comment'\nz = (1,\n  2)\nw = 1 + \\\n  2\ndef real():\n    pass\n";
        assert_eq!(all(src, PyIgnore::default()), ["-pkg/mod.py", "-real"]);
    }

    fn pubm(src: &str, rel: &str) -> Vec<String> {
        count(src, rel, PyMode::Public, &PyIgnore::default())
            .into_iter()
            .map(|i| i.label())
            .collect()
    }

    #[test]
    fn public_mode() {
        let src = "\"\"\"M.\"\"\"\nclass A:\n    def __init__(self): pass\n    def __eq__(self, o): pass\n    def __call__(self): pass\n    def _p(self): pass\n    def m(self): pass\n    @property\n    def p(self): pass\n    @p.setter\n    def p(self, v): pass\n    @overload\n    def o(self): pass\n    class N: pass\n    class _N: pass\nclass _B:\n    def m(self): pass\ndef f():\n    def inner(): pass\ndef _g(): pass\nif True:\n    def in_if(): pass\n";
        assert_eq!(
            pubm(src, "pkg/mod.py"),
            [
                "+module:pkg/mod.py",
                "-class:A",
                "-init method:A.__init__",
                "-magic method:A.__eq__",
                "-method:A.__call__",
                "-method:A.m",
                "-method:A.p",
                "-nested class:A.N",
                "-function:f",
                "-function:in_if"
            ]
        );
        assert!(pubm(src, "pkg/_private.py").is_empty());
        assert!(pubm(src, "_pkg/mod.py").is_empty());
        assert_eq!(pubm("", "pkg/__init__.py"), ["-package:pkg/__init__.py"]);
    }

    #[test]
    fn public_mode_respects_all() {
        let src = "__all__ = ['f', \"C\"]\n__all__ += ['g']\ndef f(): pass\ndef g(): pass\ndef h(): pass\nclass C: pass\n";
        assert_eq!(
            pubm(src, "m.py"),
            ["-module:m.py", "-function:f", "-function:g", "-class:C"]
        );
    }
}
