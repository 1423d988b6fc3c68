//! A strict, streaming, error-recovering XML 1.0 (5th edition) well-formedness checker.
//!
//! The checker reads UTF-8 bytes (see [`super::encoding`] for the other encodings) from an
//! in-memory buffer or from a `Read` through a bounded window, and never builds a tree: it keeps
//! the stack of open element names, the namespace bindings in scope and the entities declared in
//! the internal subset. Memory grows with nesting depth and with the size of the DTD, not with the
//! size of the input.
//!
//! Recovery: every error is recorded and parsing resumes at the next point where the grammar is
//! unambiguous again, so that independent mistakes are counted separately (see `RECOVERY` in
//! `super::DOC`).

use super::dtd::Dtd;
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Read;

mod entities;
mod prolog;
mod tags;

/// Bytes read from a streaming source at a time.
const CHUNK: usize = 256 * 1024;
/// Findings kept per file; errors beyond are counted, not listed.
pub const MAX_LISTED: usize = 200;
/// Total bytes that entity references may expand to in one document before it is refused.
pub const EXPANSION_LIMIT: u64 = 10 * 1024 * 1024;
/// Entity references nested deeper than this are refused (the check recurses).
pub const MAX_ENTITY_DEPTH: u32 = 64;
/// Depth of element paths recorded for `require` rules.
const PATH_DEPTH: usize = 8;

/// How bad an issue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
}

/// One problem, at a 1-based line and column (columns count characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub level: Level,
    pub rule: &'static str,
    pub line: u64,
    pub col: u64,
    pub message: String,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Listed issues (at most [`MAX_LISTED`] per level are kept).
    pub issues: Vec<Issue>,
    pub errors: u64,
    pub warnings: u64,
    /// Validity errors (`validate = "dtd"`): listed as `Level::Warning` issues with rule ids
    /// `xml/invalid-*`, counted here and not in `warnings`.
    pub invalid: u64,
    /// Root element names (more than one only for a broken document or several Markdown regions).
    pub roots: Vec<String>,
    /// Element paths below the root (`root/a/b`), when asked for.
    pub paths: HashSet<String>,
    /// Bytes consumed (for Markdown regions: where the region ended).
    pub consumed: usize,
}

impl Outcome {
    pub fn push(&mut self, level: Level, rule: &'static str, line: u64, col: u64, message: String) {
        let listed = match level {
            Level::Error => {
                self.errors += 1;
                self.errors as usize <= MAX_LISTED
            }
            Level::Warning => {
                self.warnings += 1;
                self.warnings as usize <= MAX_LISTED
            }
        };
        if listed {
            self.issues.push(Issue {
                level,
                rule,
                line,
                col,
                message,
            });
        }
    }
    /// Records a validity error (rule `xml/invalid-*`).
    pub fn push_invalid(&mut self, rule: &'static str, line: u64, col: u64, message: String) {
        self.invalid += 1;
        if self.invalid as usize <= MAX_LISTED {
            self.issues.push(Issue {
                level: Level::Warning,
                rule,
                line,
                col,
                message,
            });
        }
    }
    /// Adds the outcome of another document of the same file (Markdown fences and regions).
    pub fn merge(&mut self, other: Outcome) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.invalid += other.invalid;
        let room = (2 * MAX_LISTED).saturating_sub(self.issues.len());
        self.issues.extend(other.issues.into_iter().take(room));
        self.roots.extend(other.roots);
        self.paths.extend(other.paths);
    }
}

/// What is being checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A whole document: prolog, one root element, misc.
    Document,
    /// One element region of a Markdown file: exactly one element, nothing before it; parsing
    /// stops where it closes.
    Region,
    /// The replacement text of an internal entity referenced in content.
    EntityContent,
}

/// Options of one check.
#[derive(Clone, Copy, Debug)]
pub struct Opts {
    pub mode: Mode,
    /// Line and column of the first byte (for fences and regions inside Markdown).
    pub line: u64,
    pub col: u64,
    /// Record element paths for `require` rules.
    pub paths: bool,
    /// Whether the first byte is the very start of the entity (so `<?xml` may appear).
    pub at_entity_start: bool,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            mode: Mode::Document,
            line: 1,
            col: 1,
            paths: false,
            at_entity_start: true,
        }
    }
}

/// Checks an in-memory UTF-8 document.
pub fn check_bytes(bytes: &[u8], opts: Opts) -> Outcome {
    let mut p = Parser::new(Cow::Borrowed(bytes), None, opts, Dtd::default());
    p.run();
    p.finish()
}

/// Checks an in-memory UTF-8 document; with `local`, local external DTDs and entities are read
/// (`external = "local"`, see [`super::ext`]).
pub fn check_bytes_local(bytes: &[u8], opts: Opts, local: Option<super::ext::Local>) -> Outcome {
    let mut dtd = Dtd::default();
    dtd.local = local;
    let mut p = Parser::new(Cow::Borrowed(bytes), None, opts, dtd);
    p.run();
    p.finish()
}

/// Checks a UTF-8 document from a reader, in bounded memory.
pub fn check_reader(reader: &mut dyn Read, opts: Opts) -> Outcome {
    let mut p = Parser::new(
        Cow::Owned(Vec::with_capacity(CHUNK)),
        Some(reader),
        opts,
        Dtd::default(),
    );
    p.run();
    p.finish()
}

/// Checks an in-memory UTF-8 document, reading local external DTDs and entities with `local`
/// and, with `validate`, checking validity against the DTD (see [`super::validate`]).
pub fn check_bytes_with(
    bytes: &[u8],
    opts: Opts,
    local: Option<super::ext::Local>,
    validate: bool,
) -> Outcome {
    let mut dtd = Dtd::default();
    dtd.local = local;
    if validate {
        dtd.val = Some(super::validate::State::default());
    }
    let mut p = Parser::new(Cow::Borrowed(bytes), None, opts, dtd);
    p.run();
    p.finish()
}

/// [`check_reader`], reading local external DTDs and entities with `local`.
pub fn check_reader_local(
    reader: &mut dyn Read,
    opts: Opts,
    local: Option<super::ext::Local>,
) -> Outcome {
    let mut dtd = Dtd::default();
    dtd.local = local;
    let mut p = Parser::new(
        Cow::Owned(Vec::with_capacity(CHUNK)),
        Some(reader),
        opts,
        dtd,
    );
    p.run();
    p.finish()
}

// Byte classes for the text fast path.
const PLAIN: u8 = 0;
const NL: u8 = 1;
const STOP: u8 = 2;
const HIGH: u8 = 3;
const BAD: u8 = 4;

/// Bytes that need no attention inside an attribute value (the quotes are checked apart).
static ATTR_PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0x20;
    while i < 0x80 {
        t[i] = true;
        i += 1;
    }
    t[b'<' as usize] = false;
    t[b'&' as usize] = false;
    t[b'\t' as usize] = true;
    t[b'\r' as usize] = true;
    t
};

/// ASCII bytes that continue a name.
static NAME_ASCII: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x80 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_' || b == b':' || b == b'-' || b == b'.';
        i += 1;
    }
    t
};

static TEXT_CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = BAD;
        i += 1;
    }
    t[b'\t' as usize] = PLAIN;
    t[b'\r' as usize] = PLAIN;
    t[b'\n' as usize] = NL;
    t[b'<' as usize] = STOP;
    t[b'&' as usize] = STOP;
    t[b']' as usize] = STOP;
    let mut i = 0x80;
    while i < 0x100 {
        t[i] = HIGH;
        i += 1;
    }
    t
};

/// Whether a code point is an XML `Char`.
pub fn is_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// `NameStartChar` (5th edition).
pub fn is_name_start(c: u32) -> bool {
    matches!(c,
        0x3A | 0x41..=0x5A | 0x5F | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF
        | 0x370..=0x37D | 0x37F..=0x1FFF | 0x200C..=0x200D | 0x2070..=0x218F | 0x2C00..=0x2FEF
        | 0x3001..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0xEFFFF)
}

/// `NameChar` (5th edition).
pub fn is_name_char(c: u32) -> bool {
    is_name_start(c)
        || matches!(c, 0x2D | 0x2E | 0x30..=0x39 | 0xB7 | 0x0300..=0x036F | 0x203F..=0x2040)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Decodes one UTF-8 scalar at the start of `b`: `Some((code point, length))`, or `None` for an
/// invalid or truncated sequence.
pub fn decode_utf8(b: &[u8]) -> Option<(u32, usize)> {
    let b0 = *b.first()?;
    if b0 < 0x80 {
        return Some((b0 as u32, 1));
    }
    let (len, init) = match b0 {
        0xC2..=0xDF => (2, (b0 & 0x1F) as u32),
        0xE0..=0xEF => (3, (b0 & 0x0F) as u32),
        0xF0..=0xF4 => (4, (b0 & 0x07) as u32),
        _ => return None,
    };
    let tail = b.get(1..len)?;
    let mut c = init;
    for &t in tail {
        if t & 0xC0 != 0x80 {
            return None;
        }
        c = (c << 6) | (t & 0x3F) as u32;
    }
    let ok = match len {
        3 => c >= 0x800 && !(0xD800..=0xDFFF).contains(&c),
        4 => (0x10000..=0x10FFFF).contains(&c),
        _ => true,
    };
    ok.then_some((c, len))
}

/// Printable form of a name for messages.
pub fn show(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    if s.chars().count() > 60 {
        let t: String = s.chars().take(57).collect();
        format!("{t}...")
    } else {
        s.into_owned()
    }
}

/// HTML void elements: `<br>` and friends never close in HTML, so in XML they need `<br/>`.
pub fn is_html_void(name: &[u8]) -> bool {
    matches!(
        name.to_ascii_lowercase().as_slice(),
        b"br"
            | b"hr"
            | b"img"
            | b"input"
            | b"meta"
            | b"link"
            | b"wbr"
            | b"area"
            | b"base"
            | b"col"
            | b"embed"
            | b"source"
            | b"track"
            | b"param"
    )
}

struct Open {
    /// End of this element's name in `names` (start = previous element's end).
    name_end: usize,
    line: u64,
    col: u64,
    ns_len: usize,
}

/// One parsed attribute of the tag being read.
struct Attr {
    name: Vec<u8>,
    /// Only collected for namespace declarations.
    value: Vec<u8>,
    line: u64,
    col: u64,
}

pub(super) struct Parser<'a, 'r> {
    pub(super) buf: Cow<'a, [u8]>,
    pub(super) pos: usize,
    reader: Option<&'r mut dyn Read>,
    eof: bool,
    io_error: Option<String>,
    pub(super) line: u64,
    pub(super) col: u64,
    opts: Opts,
    pub(super) out: Outcome,
    pub(super) dtd: Dtd,
    names: Vec<u8>,
    stack: Vec<Open>,
    /// (prefix, namespace name) bindings in scope.
    ns: Vec<(Vec<u8>, Vec<u8>)>,
    seen_root: bool,
    root_closed: bool,
    seen_doctype: bool,
    standalone_yes: bool,
    bad_utf8_reported: bool,
    bad_char_run: bool,
    expanded: u64,
    bomb_reported: bool,
    /// In Region mode: stop when the root element closes.
    done: bool,
    path: Vec<u8>,
    /// What the last `reference()` read, as it goes into an entity value.
    pub(super) last_ref: Vec<u8>,
    name_pool: Vec<u8>,
    attr_pool: Vec<Attr>,
    /// Read buffer of a streaming source.
    scratch: Vec<u8>,
    /// Nesting of entity replacement texts (and of content-model groups in the DTD).
    pub(super) depth: u32,
    /// The last attribute value ran into the next tag (missing closing quote).
    attr_runaway: bool,
    /// Entities already warned about as possibly declared externally.
    unchecked: HashSet<Vec<u8>>,
    /// Validation: content seen in each open element, and at the top of an entity's text.
    vstack: Vec<super::validate::Frame>,
    vtop: super::validate::Frame,
}

impl<'a, 'r> Parser<'a, 'r> {
    pub(super) fn new(
        buf: Cow<'a, [u8]>,
        reader: Option<&'r mut dyn Read>,
        opts: Opts,
        dtd: Dtd,
    ) -> Self {
        Parser {
            buf,
            pos: 0,
            reader,
            eof: false,
            io_error: None,
            line: opts.line,
            col: opts.col,
            opts,
            out: Outcome::default(),
            dtd,
            names: Vec::new(),
            stack: Vec::new(),
            ns: Vec::new(),
            seen_root: false,
            root_closed: false,
            seen_doctype: false,
            standalone_yes: false,
            bad_utf8_reported: false,
            bad_char_run: false,
            expanded: 0,
            bomb_reported: false,
            done: false,
            path: Vec::new(),
            last_ref: Vec::new(),
            name_pool: Vec::new(),
            attr_pool: Vec::new(),
            scratch: Vec::new(),
            depth: 0,
            attr_runaway: false,
            unchecked: HashSet::new(),
            vstack: Vec::new(),
            vtop: super::validate::Frame::default(),
        }
    }

    pub(super) fn v_stack_is_empty(&self) -> bool {
        self.vstack.is_empty()
    }
    pub(super) fn is_standalone(&self) -> bool {
        self.standalone_yes
    }
    pub(super) fn is_document_mode(&self) -> bool {
        self.opts.mode == Mode::Document
    }
    pub(super) fn v_parent_mut(&mut self, f: impl FnOnce(&mut super::validate::Frame)) {
        match self.vstack.last_mut() {
            Some(top) => f(top),
            None => f(&mut self.vtop),
        }
    }
    pub(super) fn v_push(&mut self, f: super::validate::Frame) {
        self.vstack.push(f);
    }
    pub(super) fn v_pop(&mut self) -> Option<super::validate::Frame> {
        self.vstack.pop()
    }

    fn finish(mut self) -> Outcome {
        if self.validating() && self.opts.mode == Mode::Document {
            self.v_finish();
        }
        if let Some(e) = self.io_error.take() {
            let (l, c) = (self.line, self.col);
            self.err("xml/io", l, c, format!("read error: {e}"));
        }
        self.out.consumed = self.pos;
        self.out
    }

    // ---------------------------------------------------------------- input primitives

    /// Makes at least `need` bytes available from `pos` if the input has them.
    pub(super) fn fill(&mut self, need: usize) -> bool {
        if self.buf.len() - self.pos >= need {
            return true;
        }
        if self.eof {
            return false;
        }
        let Some(r) = self.reader.as_mut() else {
            return false;
        };
        let v = self.buf.to_mut();
        v.drain(..self.pos);
        self.pos = 0;
        if self.scratch.len() != CHUNK {
            self.scratch = vec![0; CHUNK];
        }
        while v.len() < need && !self.eof {
            match r.read(&mut self.scratch) {
                Ok(0) => self.eof = true,
                Ok(n) => v.extend_from_slice(self.scratch.get(..n).unwrap_or(&[])),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.io_error = Some(e.to_string());
                    self.eof = true;
                }
            }
        }
        v.len() >= need
    }

    pub(super) fn peek(&mut self) -> Option<u8> {
        if self.pos < self.buf.len() || self.fill(1) {
            self.buf.get(self.pos).copied()
        } else {
            None
        }
    }

    pub(super) fn peek_at(&mut self, k: usize) -> Option<u8> {
        if self.fill(k + 1) {
            self.buf.get(self.pos + k).copied()
        } else {
            None
        }
    }

    pub(super) fn starts_with(&mut self, s: &[u8]) -> bool {
        self.fill(s.len()) && self.buf.get(self.pos..self.pos + s.len()) == Some(s)
    }

    /// Consumes one ASCII byte (never a newline or a non-ASCII byte).
    pub(super) fn bump(&mut self) {
        if let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                self.col += 1;
            }
        }
    }

    pub(super) fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    /// Reads one character: `Some(Ok(c))`, `Some(Err(byte))` for bad UTF-8 (one byte consumed),
    /// `None` at end of input.
    pub(super) fn next_char(&mut self) -> Option<Result<u32, u8>> {
        let b0 = self.peek()?;
        if b0 < 0x80 {
            self.bump();
            return Some(Ok(b0 as u32));
        }
        self.fill(4);
        let end = (self.pos + 4).min(self.buf.len());
        match decode_utf8(&self.buf[self.pos..end]) {
            Some((c, n)) => {
                self.pos += n;
                self.col += 1;
                Some(Ok(c))
            }
            None => {
                self.pos += 1;
                self.col += 1;
                Some(Err(b0))
            }
        }
    }

    /// Reads one character like [`Self::next_char`] and appends its bytes to `out` (safe across
    /// window refills).
    pub(super) fn next_char_into(&mut self, out: &mut Vec<u8>) -> Option<Result<u32, u8>> {
        self.fill(4);
        let start = self.pos;
        let r = self.next_char();
        if let Some(b) = self.buf.get(start..self.pos) {
            out.extend_from_slice(b);
        }
        r
    }

    /// Peeks one character without consuming it.
    pub(super) fn peek_char(&mut self) -> Option<Result<u32, u8>> {
        let b0 = self.peek()?;
        if b0 < 0x80 {
            return Some(Ok(b0 as u32));
        }
        self.fill(4);
        let end = (self.pos + 4).min(self.buf.len());
        Some(
            decode_utf8(&self.buf[self.pos..end])
                .map(|(c, _)| c)
                .ok_or(b0),
        )
    }

    pub(super) fn skip_ws(&mut self) -> bool {
        let mut any = false;
        loop {
            let buf: &[u8] = &self.buf;
            let mut i = self.pos;
            while i < buf.len() {
                match buf[i] {
                    b' ' | b'\t' | b'\r' => self.col += 1,
                    b'\n' => {
                        self.line += 1;
                        self.col = 1;
                    }
                    _ => break,
                }
                i += 1;
            }
            any |= i > self.pos;
            self.pos = i;
            if i < buf.len() || !self.fill(1) {
                return any;
            }
        }
    }

    // ---------------------------------------------------------------- reporting

    pub(super) fn err(&mut self, rule: &'static str, line: u64, col: u64, msg: String) {
        self.out.push(Level::Error, rule, line, col, msg);
    }

    pub(super) fn err_here(&mut self, rule: &'static str, msg: String) {
        let (l, c) = (self.line, self.col);
        self.err(rule, l, c, msg);
    }

    pub(super) fn warn(&mut self, rule: &'static str, line: u64, col: u64, msg: String) {
        self.out.push(Level::Warning, rule, line, col, msg);
    }

    /// A character that is not valid here: reported once per run of bad characters.
    pub(super) fn bad_char(&mut self, r: Result<u32, u8>, line: u64, col: u64, what: &str) {
        match r {
            Err(b) => {
                if !self.bad_utf8_reported {
                    self.bad_utf8_reported = true;
                    self.err(
                        "xml/encoding",
                        line,
                        col,
                        format!(
                            "byte 0x{b:02X} is not valid UTF-8: the file is read as UTF-8 because it declares no other \
                             encoding; declare its real encoding (e.g. encoding=\"ISO-8859-1\") or re-encode it as UTF-8 \
                             (reported once per file)"
                        ),
                    );
                }
            }
            Ok(c) => {
                if !self.bad_char_run {
                    self.bad_char_run = true;
                    self.err(
                        "xml/char",
                        line,
                        col,
                        format!("character U+{c:04X} is not allowed in XML {what}"),
                    );
                }
            }
        }
    }

    /// Skips plain ASCII characters (and newlines) other than `avoid`, within the window.
    fn skip_plain(&mut self, avoid: u8) {
        let buf: &[u8] = &self.buf;
        let mut i = self.pos;
        let (mut line, mut col) = (self.line, self.col);
        while i < buf.len() {
            let x = buf[i];
            if x == avoid {
                break;
            }
            match TEXT_CLASS[x as usize] {
                PLAIN | STOP => col += 1,
                NL => {
                    line += 1;
                    col = 1;
                }
                _ => break,
            }
            i += 1;
        }
        self.pos = i;
        self.line = line;
        self.col = col;
    }

    /// Reads a run of characters until `stop` is seen (consumed) or end of input, checking each is
    /// a `Char`. Returns false at end of input. `on_dd` is called for `--` (comments).
    fn until(&mut self, stop: &[u8], what: &str) -> bool {
        self.bad_char_run = false;
        let first = stop.first().copied().unwrap_or(0);
        loop {
            self.skip_plain(first);
            if self.starts_with(stop) {
                self.bump_n(stop.len());
                return true;
            }
            let (l, c) = (self.line, self.col);
            match self.next_char() {
                None => return false,
                Some(Ok(ch)) if is_char(ch) => self.bad_char_run = false,
                Some(r) => self.bad_char(r, l, c, what),
            }
        }
    }

    /// Reads a Name into `out`. Returns false (consuming nothing) when no NameStartChar is here.
    pub(super) fn name(&mut self, out: &mut Vec<u8>) -> bool {
        out.clear();
        match self.peek_char() {
            Some(Ok(c)) if is_name_start(c) => {}
            _ => return false,
        }
        loop {
            // ASCII fast path over the current window.
            let buf: &[u8] = &self.buf;
            let start = self.pos;
            let mut i = start;
            while i < buf.len() && NAME_ASCII[buf[i] as usize] {
                i += 1;
            }
            out.extend_from_slice(&buf[start..i]);
            self.col += (i - start) as u64;
            self.pos = i;
            if i >= buf.len() {
                if self.fill(1) {
                    continue;
                }
                break;
            }
            if buf[i] < 0x80 {
                break;
            }
            match self.peek_char() {
                Some(Ok(c)) if is_name_char(c) => {
                    self.next_char_into(out);
                }
                _ => break,
            }
        }
        true
    }

    // ---------------------------------------------------------------- driver

    fn run(&mut self) {
        if self.opts.mode == Mode::Document
            && self.opts.at_entity_start
            && self.starts_with(b"<?xml")
        {
            let after = self.peek_at(5);
            if after.is_none_or(is_ws) || after == Some(b'?') {
                self.xml_decl();
            }
        }
        while !self.done {
            let Some(b) = self.peek() else { break };
            match b {
                b'<' => self.markup(),
                b'&' => {
                    if self.in_content() {
                        self.reference_in_content();
                    } else {
                        let (l, c) = (self.line, self.col);
                        self.bump();
                        self.err(
                            "xml/outside-root",
                            l,
                            c,
                            "reference `&` outside the root element".into(),
                        );
                    }
                }
                _ => {
                    let start = self.pos;
                    self.text();
                    if self.validating() && self.reader.is_none() {
                        self.v_text(start);
                    }
                }
            }
        }
        self.at_end();
    }

    fn in_content(&self) -> bool {
        !self.stack.is_empty() || self.opts.mode == Mode::EntityContent
    }

    fn at_end(&mut self) {
        let (el, ec) = (self.line, self.col);
        while let Some(open) = self.stack.pop() {
            let start = self.stack.last().map_or(0, |o| o.name_end);
            let name = show(&self.names[start..open.name_end]);
            self.names.truncate(start);
            let hint = if is_html_void(name.as_bytes()) {
                format!(" (an empty element is written <{name}/>)")
            } else {
                String::new()
            };
            let msg = match self.opts.mode {
                Mode::EntityContent => {
                    format!("<{name}> is opened but not closed inside the entity")
                }
                _ => format!("<{name}> is never closed: end of input at {el}:{ec}{hint}"),
            };
            self.err("xml/unclosed", open.line, open.col, msg);
        }
        if self.opts.mode != Mode::EntityContent && !self.seen_root {
            self.err_here(
                "xml/no-root",
                "no root element: a document needs exactly one".into(),
            );
        }
    }

    /// Character data (or, outside the root element, whitespace).
    fn text(&mut self) {
        let inside = self.in_content();
        let mut reported_outside = false;
        self.bad_char_run = false;
        loop {
            // Fast path over the current window.
            {
                let b: &[u8] = &self.buf;
                let mut i = self.pos;
                let mut line = self.line;
                let mut col = self.col;
                let mut non_ws_at: Option<(u64, u64)> = None;
                while i < b.len() {
                    let c = b[i];
                    match TEXT_CLASS[c as usize] {
                        PLAIN => {
                            if !inside && non_ws_at.is_none() && !is_ws(c) {
                                non_ws_at = Some((line, col));
                            }
                            i += 1;
                            col += 1;
                        }
                        NL => {
                            i += 1;
                            line += 1;
                            col = 1;
                        }
                        _ => break,
                    }
                }
                self.pos = i;
                self.line = line;
                self.col = col;
                if let Some((l, c)) = non_ws_at
                    && !reported_outside
                {
                    reported_outside = true;
                    self.outside_text(l, c);
                }
            }
            let Some(c) = self.peek() else { return };
            match TEXT_CLASS[c as usize] {
                PLAIN | NL => continue,
                STOP => {
                    if c == b']' {
                        if self.starts_with(b"]]>") {
                            let (l, cc) = (self.line, self.col);
                            self.bump_n(3);
                            self.err(
                                "xml/cdata-end-in-text",
                                l,
                                cc,
                                "`]]>` is not allowed in text; write `]]&gt;`".into(),
                            );
                        } else {
                            if !inside && !reported_outside {
                                reported_outside = true;
                                let (l, cc) = (self.line, self.col);
                                self.outside_text(l, cc);
                            }
                            self.bump();
                        }
                        continue;
                    }
                    return;
                }
                HIGH => {
                    let (l, cc) = (self.line, self.col);
                    match self.next_char() {
                        Some(Ok(ch)) if is_char(ch) => {
                            self.bad_char_run = false;
                            if !inside && !reported_outside {
                                reported_outside = true;
                                self.outside_text(l, cc);
                            }
                        }
                        Some(r) => self.bad_char(r, l, cc, "text"),
                        None => return,
                    }
                }
                _ => {
                    let (l, cc) = (self.line, self.col);
                    self.bump();
                    self.bad_char(Ok(c as u32), l, cc, "text");
                }
            }
        }
    }

    fn outside_text(&mut self, l: u64, c: u64) {
        let msg = if self.root_closed {
            "text after the root element: everything must be inside the one root element"
        } else {
            "text before the root element: a document starts with its root element (or a prolog)"
        };
        self.err("xml/outside-root", l, c, msg.into());
    }

    fn markup(&mut self) {
        let (l, c) = (self.line, self.col);
        match self.peek_at(1) {
            Some(b'/') => self.end_tag(),
            Some(b'?') => {
                if self.validating() {
                    self.v_misc();
                }
                self.pi()
            }
            Some(b'!') => {
                if self.starts_with(b"<!--") {
                    if self.validating() {
                        self.v_misc();
                    }
                    self.comment();
                } else if self.starts_with(b"<![CDATA[") {
                    if self.validating() {
                        self.v_chardata();
                    }
                    self.cdata();
                } else if self.starts_with(b"<!DOCTYPE") {
                    self.doctype();
                } else {
                    self.bump_n(2);
                    self.err("xml/syntax", l, c, "`<!` must start a comment `<!--`, a CDATA section `<![CDATA[` or `<!DOCTYPE`; escape a literal `<` as `&lt;`".into());
                }
            }
            _ => {
                let next = self.peek_char_at1();
                if let Some(Ok(ch)) = next
                    && is_name_start(ch)
                {
                    if self.opts.mode == Mode::Region && self.is_autolink() {
                        self.autolink(l, c);
                    } else {
                        self.start_tag(false);
                    }
                } else if let Some(Ok(ch)) = next
                    && is_name_char(ch)
                    && !self.in_content()
                {
                    // `<1a>`: a tag with a name that starts badly.
                    let found = char::from_u32(ch).unwrap_or('?');
                    self.err(
                        "xml/name",
                        l,
                        c,
                        format!("an element name cannot start with `{found}`"),
                    );
                    self.start_tag(true);
                } else {
                    self.bump();
                    let msg = if self.in_content() {
                        "unescaped `<` in text: write `&lt;` or wrap the text in <![CDATA[ ... ]]>"
                    } else {
                        "unescaped `<` outside the root element"
                    };
                    self.err("xml/lt", l, c, msg.into());
                }
            }
        }
    }

    /// The character after the one at the cursor (the cursor is on an ASCII byte).
    fn peek_char_at1(&mut self) -> Option<Result<u32, u8>> {
        self.fill(5);
        let start = self.pos + 1;
        let b0 = *self.buf.get(start)?;
        let end = (start + 4).min(self.buf.len());
        Some(decode_utf8(&self.buf[start..end]).map(|(c, _)| c).ok_or(b0))
    }

    /// `<scheme:...>` with no space: a Markdown autolink.
    fn is_autolink(&mut self) -> bool {
        self.fill(200);
        let b = &self.buf[self.pos..(self.pos + 200).min(self.buf.len())];
        let mut i = 1;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'+' | b'.' | b'-')) {
            i += 1;
        }
        if i < 3 || b.get(i) != Some(&b':') {
            return false;
        }
        let rest = &b[i + 1..];
        match rest
            .iter()
            .position(|&x| x == b'>' || is_ws(x) || x == b'<')
        {
            Some(k) => rest[k] == b'>' && rest.first() != Some(&b'>'),
            None => false,
        }
    }

    fn autolink(&mut self, l: u64, c: u64) {
        while let Some(b) = self.peek() {
            self.bump();
            if b == b'>' {
                break;
            }
        }
        self.err(
            "xml/autolink",
            l,
            c,
            "Markdown autolink `<scheme:...>` inside an XML region is an unescaped `<`: write the URL as plain text, \
             as `&lt;...&gt;`, or wrap the text in <![CDATA[ ... ]]>"
                .into(),
        );
    }

    // ---------------------------------------------------------------- tags

    pub(super) fn mode(&self) -> Mode {
        self.opts.mode
    }
}

pub(super) enum Ref {
    Char,
    Named(Vec<u8>),
    Bad,
}

pub fn predefined(name: &[u8]) -> bool {
    matches!(name, b"lt" | b"gt" | b"amp" | b"quot" | b"apos")
}

/// A QName: no colon, or one colon with a non-empty prefix and local part.
pub fn qname_ok(name: &[u8]) -> bool {
    let Some(i) = name.iter().position(|&b| b == b':') else {
        return true;
    };
    let rest = &name[i + 1..];
    // One colon, with a non-empty prefix and a local part starting with a NameStartChar.
    i > 0 && !rest.contains(&b':') && decode_utf8(rest).is_some_and(|(c, _)| is_name_start(c))
}

fn char_at(p: &mut Parser<'_, '_>) -> String {
    match p.peek_char() {
        Some(Ok(c)) => char::from_u32(c)
            .map(|c| c.escape_debug().to_string())
            .unwrap_or_default(),
        Some(Err(b)) => format!("byte 0x{b:02X}"),
        None => "end of input".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_decoding_rejects_overlongs_surrogates_and_truncation() {
        assert_eq!(decode_utf8("é".as_bytes()), Some((0xE9, 2)));
        assert_eq!(decode_utf8("😀".as_bytes()), Some((0x1F600, 4)));
        assert_eq!(decode_utf8(b"\xC0\xAF"), None);
        assert_eq!(decode_utf8(b"\xE0\x80\xAF"), None);
        assert_eq!(decode_utf8(b"\xED\xA0\x80"), None);
        assert_eq!(decode_utf8(b"\xE2\x82"), None);
        assert_eq!(decode_utf8(b"\xF4\x90\x80\x80"), None);
        assert_eq!(decode_utf8(b""), None);
    }

    #[test]
    fn qualified_names() {
        assert!(qname_ok(b"a"));
        assert!(qname_ok(b"a:b"));
        assert!(!qname_ok(b":b"));
        assert!(!qname_ok(b"a:"));
        assert!(!qname_ok(b"a:b:c"));
        assert!(!qname_ok(b"a:1"));
    }

    #[test]
    fn character_classes() {
        assert!(
            is_char(0x9)
                && is_char(0x10FFFF)
                && !is_char(0x0)
                && !is_char(0xFFFE)
                && !is_char(0xD800)
        );
        assert!(
            is_name_start(b'_' as u32) && !is_name_start(b'-' as u32) && is_name_char(b'-' as u32)
        );
        assert!(is_name_start(0x3001) && !is_name_start(0xD7) && is_name_char(0xB7));
    }

    #[test]
    fn region_mode_stops_where_the_element_closes() {
        let o = check_bytes(
            b"<a>x</a> trailing <b>",
            Opts {
                mode: Mode::Region,
                ..Opts::default()
            },
        );
        assert_eq!(o.errors, 0);
        assert_eq!(o.consumed, 8);
    }
}
