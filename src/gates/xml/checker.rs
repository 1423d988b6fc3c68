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

    fn start_tag(&mut self, bad_start: bool) {
        let (l, c) = (self.line, self.col);
        self.bump(); // <
        let mut name = std::mem::take(&mut self.name_pool);
        name.clear();
        if bad_start {
            while let Some(Ok(ch)) = self.peek_char() {
                if !is_name_char(ch) {
                    break;
                }
                self.next_char_into(&mut name);
            }
        } else {
            self.name(&mut name);
        }
        if self.stack.is_empty() && self.opts.mode != Mode::EntityContent {
            if self.root_closed || (self.seen_root && self.opts.mode == Mode::Region) {
                self.err(
                    "xml/multiple-roots",
                    l,
                    c,
                    format!(
                        "second root element <{}>: a document has exactly one root element",
                        show(&name)
                    ),
                );
            }
            self.seen_root = true;
            self.out.roots.push(show(&name));
        }
        // Reused buffers: no allocation per tag or attribute in the common case.
        let mut attrs = std::mem::take(&mut self.attr_pool);
        let mut n_attrs = 0usize;
        let mut seen: Option<HashSet<Vec<u8>>> = None;
        let mut empty = false;
        let mut closed = false;
        loop {
            let had_ws = self.skip_ws();
            let Some(b) = self.peek() else { break };
            if b == b'>' {
                self.bump();
                closed = true;
                break;
            }
            if b == b'/' {
                if self.peek_at(1) == Some(b'>') {
                    self.bump_n(2);
                    empty = true;
                    closed = true;
                    break;
                }
                let (al, ac) = (self.line, self.col);
                self.bump();
                self.err(
                    "xml/tag",
                    al,
                    ac,
                    format!("`/` in tag <{}> must be followed by `>`", show(&name)),
                );
                continue;
            }
            let (al, ac) = (self.line, self.col);
            if attrs.len() <= n_attrs {
                attrs.push(Attr {
                    name: Vec::new(),
                    value: Vec::new(),
                    line: 0,
                    col: 0,
                });
            }
            let mut an = std::mem::take(&mut attrs[n_attrs].name);
            if !self.name(&mut an) {
                attrs[n_attrs].name = an;
                if b == b'<' {
                    // A tag that was never finished.
                    self.err(
                        "xml/tag",
                        al,
                        ac,
                        format!(
                            "tag <{}> is not closed with `>` before the next `<`",
                            show(&name)
                        ),
                    );
                    break;
                }
                let found = char_at(self);
                self.err(
                    "xml/tag",
                    al,
                    ac,
                    format!(
                        "unexpected `{found}` in tag <{}>: expected an attribute name, `>` or `/>`",
                        show(&name)
                    ),
                );
                empty = self.skip_to_tag_end();
                closed = true;
                break;
            }
            if !had_ws {
                self.err(
                    "xml/attr-space",
                    al,
                    ac,
                    format!(
                        "attribute `{}` must be separated from what precedes it by whitespace",
                        show(&an)
                    ),
                );
            }
            self.skip_ws();
            let mut value = std::mem::take(&mut attrs[n_attrs].value);
            value.clear();
            if self.peek() != Some(b'=') {
                self.err(
                    "xml/attr-value",
                    al,
                    ac,
                    format!(
                        "attribute `{}` has no value: write {}=\"...\"",
                        show(&an),
                        show(&an)
                    ),
                );
            } else {
                self.bump();
                self.skip_ws();
                let collect = (an.starts_with(b"xmlns") && self.opts.mode != Mode::EntityContent)
                    || self.dtd.val.is_some();
                self.attr_value(&an, collect, &mut value);
            }
            let runaway = std::mem::take(&mut self.attr_runaway);
            let dup = match &mut seen {
                Some(set) => !set.insert(an.clone()),
                None => {
                    let d = attrs[..n_attrs].iter().any(|a| a.name == an);
                    if n_attrs >= 32 {
                        seen = Some(
                            attrs[..n_attrs]
                                .iter()
                                .map(|a| a.name.clone())
                                .chain([an.clone()])
                                .collect(),
                        );
                    }
                    d
                }
            };
            if dup {
                self.err(
                    "xml/attr-duplicate",
                    al,
                    ac,
                    format!(
                        "attribute `{}` appears twice in <{}>",
                        show(&an),
                        show(&name)
                    ),
                );
            }
            attrs[n_attrs] = Attr {
                name: an,
                value,
                line: al,
                col: ac,
            };
            n_attrs += 1;
            if runaway {
                closed = true;
                break;
            }
        }
        if !closed && self.peek().is_none() {
            self.err(
                "xml/tag",
                l,
                c,
                format!("tag <{}> is not closed: end of input", show(&name)),
            );
        }
        let ns_len = self.ns.len();
        if self.opts.mode != Mode::EntityContent {
            self.namespaces(&name, l, c, &attrs[..n_attrs]);
        }
        if self.validating() {
            let list: Vec<(&[u8], &[u8], u64, u64)> = attrs[..n_attrs]
                .iter()
                .map(|a| (a.name.as_slice(), a.value.as_slice(), a.line, a.col))
                .collect();
            self.v_start(&name, &list, l, c);
        }
        self.attr_pool = attrs;
        // Push.
        self.names.extend_from_slice(&name);
        self.name_pool = name;
        self.stack.push(Open {
            name_end: self.names.len(),
            line: l,
            col: c,
            ns_len,
        });
        if self.opts.paths {
            self.record_path();
        }
        if empty {
            self.pop();
        }
    }

    fn record_path(&mut self) {
        if self.stack.len() > PATH_DEPTH {
            return;
        }
        self.path.clear();
        let mut start = 0;
        for (i, o) in self.stack.iter().enumerate() {
            if i > 0 {
                self.path.push(b'/');
            }
            self.path.extend_from_slice(&self.names[start..o.name_end]);
            start = o.name_end;
        }
        let p = String::from_utf8_lossy(&self.path).into_owned();
        self.out.paths.insert(p);
    }

    fn pop(&mut self) {
        if self.validating() && !self.stack.is_empty() {
            self.v_end();
        }
        if let Some(o) = self.stack.pop() {
            let start = self.stack.last().map_or(0, |p| p.name_end);
            self.names.truncate(start);
            self.ns.truncate(o.ns_len);
            if self.stack.is_empty() && self.opts.mode != Mode::EntityContent {
                self.root_closed = true;
                if self.opts.mode == Mode::Region {
                    self.done = true;
                }
            }
        }
    }

    fn top_name(&self) -> &[u8] {
        let n = self.stack.len();
        if n == 0 {
            return b"";
        }
        let start = if n >= 2 {
            self.stack[n - 2].name_end
        } else {
            0
        };
        &self.names[start..self.stack[n - 1].name_end]
    }

    /// Skips to after the next `>` (or to the next `<`); true when the tag ended with `/>`.
    fn skip_to_tag_end(&mut self) -> bool {
        let mut prev = 0u8;
        while let Some(b) = self.peek() {
            if b == b'<' {
                return false;
            }
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
                self.pos += 1;
                continue;
            }
            if b >= 0x80 {
                self.next_char();
                prev = 0;
                continue;
            }
            self.bump();
            if b == b'>' {
                return prev == b'/';
            }
            prev = b;
        }
        false
    }

    /// Reads a quoted attribute value; with `collect`, returns it with references expanded
    /// (for namespace declarations).
    pub(super) fn attr_value(&mut self, an: &[u8], collect: bool, val: &mut Vec<u8>) {
        let q = match self.peek() {
            Some(q @ (b'"' | b'\'')) => q,
            _ => {
                let (l, c) = (self.line, self.col);
                self.err(
                    "xml/attr-quote",
                    l,
                    c,
                    format!(
                        "the value of attribute `{}` must be quoted: {}=\"...\"",
                        show(an),
                        show(an)
                    ),
                );
                // Skip the unquoted value.
                while let Some(b) = self.peek() {
                    if is_ws(b)
                        || b == b'>'
                        || b == b'<'
                        || (b == b'/' && self.peek_at(1) == Some(b'>'))
                    {
                        break;
                    }
                    if b >= 0x80 {
                        self.next_char();
                    } else {
                        self.bump();
                    }
                }
                return;
            }
        };
        let (ql, qc) = (self.line, self.col);
        self.bump();
        self.bad_char_run = false;
        let mut lt_reported = false;
        let mut gt_seen = false;
        loop {
            // Fast path over plain ASCII characters of the current window.
            {
                let buf: &[u8] = &self.buf;
                let start = self.pos;
                let mut i = start;
                while i < buf.len() {
                    let x = buf[i];
                    if ATTR_PLAIN[x as usize] && x != q {
                        gt_seen |= x == b'>';
                        i += 1;
                    } else {
                        break;
                    }
                }
                if collect {
                    val.extend_from_slice(&buf[start..i]);
                }
                self.col += (i - start) as u64;
                self.pos = i;
            }
            let Some(b) = self.peek() else {
                self.err(
                    "xml/attr-quote",
                    ql,
                    qc,
                    format!("the value of attribute `{}` is never closed", show(an)),
                );
                return;
            };
            if b == q {
                self.bump();
                return;
            }
            match b {
                b'<' if gt_seen => {
                    // `x="1>text<...`: the closing quote is missing; the tag ended at the `>`.
                    self.err(
                        "xml/attr-quote",
                        ql,
                        qc,
                        format!(
                            "the value of attribute `{}` runs into the next tag: its closing quote is missing",
                            show(an)
                        ),
                    );
                    self.attr_runaway = true;
                    return;
                }
                b'<' => {
                    let (l, c) = (self.line, self.col);
                    self.bump();
                    if !lt_reported {
                        lt_reported = true;
                        self.err(
                            "xml/lt",
                            l,
                            c,
                            format!("`<` in the value of attribute `{}`: write `&lt;`", show(an)),
                        );
                    }
                }
                b'&' => {
                    self.reference_in_attr();
                    if collect {
                        let r = std::mem::take(&mut self.last_ref);
                        match r.strip_prefix(b"&").and_then(|x| x.strip_suffix(b";")) {
                            Some(b"lt") => val.push(b'<'),
                            Some(b"gt") => val.push(b'>'),
                            Some(b"amp") => val.push(b'&'),
                            Some(b"quot") => val.push(b'"'),
                            Some(b"apos") => val.push(b'\''),
                            Some(n) => match self.dtd.value(n) {
                                Some(v) => val.extend_from_slice(&v),
                                None => val.extend_from_slice(&r),
                            },
                            None => val.extend_from_slice(&r),
                        }
                    }
                }
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.col = 1;
                    if collect {
                        val.push(b' ');
                    }
                }
                _ => {
                    let (l, c) = (self.line, self.col);
                    let r = if collect {
                        self.next_char_into(val)
                    } else {
                        self.next_char()
                    };
                    match r {
                        Some(Ok(ch)) if is_char(ch) => self.bad_char_run = false,
                        Some(r) => self.bad_char(r, l, c, "attribute values"),
                        None => {}
                    }
                }
            }
        }
    }

    fn end_tag(&mut self) {
        let (l, c) = (self.line, self.col);
        self.bump_n(2);
        let mut name = Vec::new();
        if !self.name(&mut name) {
            self.err(
                "xml/tag",
                l,
                c,
                "`</` must be followed by an element name; escape a literal `<` as `&lt;`".into(),
            );
            let _ = self.skip_to_tag_end();
            return;
        }
        self.skip_ws();
        if self.peek() == Some(b'>') {
            self.bump();
        } else {
            let (el, ec) = (self.line, self.col);
            self.err(
                "xml/tag",
                el,
                ec,
                format!("end tag </{}> must end with `>`", show(&name)),
            );
            let _ = self.skip_to_tag_end();
        }
        if self.stack.is_empty() {
            if self.opts.mode == Mode::EntityContent {
                self.err(
                    "xml/entity-content",
                    l,
                    c,
                    format!(
                        "end tag </{}> closes an element opened outside the entity",
                        show(&name)
                    ),
                );
            } else {
                self.err(
                    "xml/tag-mismatch",
                    l,
                    c,
                    format!("end tag </{}> has no open element to close", show(&name)),
                );
            }
            return;
        }
        if self.top_name() == name.as_slice() {
            self.pop();
            return;
        }
        // Mismatch: find the name further down the stack.
        let n = self.stack.len();
        let mut found = None;
        let mut end = self.stack[n - 1].name_end;
        for i in (0..n).rev() {
            let start = if i > 0 { self.stack[i - 1].name_end } else { 0 };
            if &self.names[start..end] == name.as_slice() {
                found = Some(i);
                break;
            }
            end = start;
        }
        let top = show(self.top_name());
        let top_open = (self.stack[n - 1].line, self.stack[n - 1].col);
        let hint = if is_html_void(top.as_bytes()) {
            format!(" (an empty element is written <{top}/>)")
        } else {
            String::new()
        };
        self.err(
            "xml/tag-mismatch",
            l,
            c,
            format!(
                "expected </{top}>, found </{}>; <{top}> opened at {}:{}{hint}",
                show(&name),
                top_open.0,
                top_open.1
            ),
        );
        match found {
            Some(i) => {
                // Close the unclosed elements above the matching one (each is its own mistake),
                // then the matching one.
                self.pop();
                while self.stack.len() > i + 1 {
                    let o = &self.stack[self.stack.len() - 1];
                    let (ol, oc) = (o.line, o.col);
                    let nm = show(self.top_name());
                    self.err(
                        "xml/unclosed",
                        ol,
                        oc,
                        format!("<{nm}> is not closed before </{}> at {l}:{c}", show(&name)),
                    );
                    self.pop();
                }
                self.pop();
            }
            None => {
                // Not open anywhere: most likely a misspelt end tag of the innermost element.
                self.pop();
            }
        }
    }

    fn namespaces(&mut self, name: &[u8], l: u64, c: u64, attrs: &[Attr]) {
        const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";
        const XMLNS_NS: &[u8] = b"http://www.w3.org/2000/xmlns/";
        // Bindings first: they apply to the element's own name and attributes.
        for a in attrs {
            let prefix: Option<&[u8]> = if a.name == b"xmlns" {
                None
            } else if let Some(p) = a.name.strip_prefix(b"xmlns:") {
                Some(p)
            } else {
                continue;
            };
            // A namespace declaration declared with a tokenized type in the DTD is normalised
            // (Namespaces 1.0 compares names after attribute-value normalisation).
            let normalized;
            let a = match self.dtd.decls.att_type(name, &a.name) {
                Some(t) if *t != super::validate::AttType::Cdata => {
                    normalized = Attr {
                        name: a.name.clone(),
                        value: super::validate::normalize_tokens(&a.value),
                        line: a.line,
                        col: a.col,
                    };
                    &normalized
                }
                _ => a,
            };
            let bad = match prefix {
                Some(b"") => Some("`xmlns:` needs a prefix after the colon".to_string()),
                Some(p) if !qname_ok(p) || p.contains(&b':') => {
                    Some(format!("`{}` is not a valid namespace prefix", show(p)))
                }
                Some(b"xmlns") => Some("the prefix `xmlns` must not be declared".into()),
                Some(b"xml") if a.value != XML_NS => Some(format!(
                    "the prefix `xml` can only be bound to {}",
                    show(XML_NS)
                )),
                Some(p) if p != b"xml" && a.value == XML_NS => Some(format!(
                    "only the prefix `xml` may be bound to {}",
                    show(XML_NS)
                )),
                None if a.value == XML_NS => {
                    Some(format!("the default namespace cannot be {}", show(XML_NS)))
                }
                _ if a.value == XMLNS_NS => {
                    Some(format!("no prefix may be bound to {}", show(XMLNS_NS)))
                }
                Some(p) if a.value.is_empty() => Some(format!(
                    "xmlns:{}=\"\" is not allowed in XML 1.0: a prefix cannot be unbound",
                    show(p)
                )),
                _ => None,
            };
            if let Some(m) = bad {
                self.err("xml/namespace", a.line, a.col, m);
            }
            if let Some(p) = prefix
                && !p.is_empty()
            {
                self.ns.push((p.to_vec(), a.value.clone()));
            }
        }
        self.check_qname(name, l, c, true);
        let prefixed = attrs.iter().filter(|a| a.name.contains(&b':')).count();
        if prefixed < 2 {
            for a in attrs {
                if a.name != b"xmlns" && !a.name.starts_with(b"xmlns:") {
                    self.check_qname(&a.name, a.line, a.col, false);
                }
            }
            return;
        }
        let mut expanded: Vec<(Vec<u8>, &[u8])> = Vec::new();
        for a in attrs {
            if a.name == b"xmlns" || a.name.starts_with(b"xmlns:") {
                continue;
            }
            self.check_qname(&a.name, a.line, a.col, false);
            // Attributes unique by namespace name and local name.
            if let Some(i) = a.name.iter().position(|&b| b == b':') {
                let (p, local) = (&a.name[..i], &a.name[i + 1..]);
                let uri = if p == b"xml" {
                    Some(XML_NS.to_vec())
                } else {
                    self.ns
                        .iter()
                        .rev()
                        .find(|(q, _)| q.as_slice() == p)
                        .map(|(_, u)| u.clone())
                };
                if let Some(uri) = uri {
                    if expanded.iter().any(|(u, lo)| *u == uri && *lo == local) {
                        self.err(
                            "xml/attr-duplicate",
                            a.line,
                            a.col,
                            format!(
                                "attribute `{}` repeats an attribute with the same namespace ({}) and local name",
                                show(&a.name),
                                show(&uri)
                            ),
                        );
                    }
                    expanded.push((uri, local));
                }
            }
        }
    }

    fn check_qname(&mut self, name: &[u8], l: u64, c: u64, element: bool) {
        if !qname_ok(name) {
            self.err(
                "xml/namespace",
                l,
                c,
                format!("`{}` is not a valid qualified name: a name holds at most one `:`, between a prefix and a local name", show(name)),
            );
            return;
        }
        if let Some(i) = name.iter().position(|&b| b == b':') {
            let p = &name[..i];
            if p == b"xml" {
                return;
            }
            if p == b"xmlns" {
                if element {
                    self.err(
                        "xml/namespace",
                        l,
                        c,
                        format!("element `{}` uses the reserved prefix `xmlns`", show(name)),
                    );
                }
                return;
            }
            if !self.ns.iter().rev().any(|(q, _)| q.as_slice() == p) {
                let what = if element { "element" } else { "attribute" };
                self.err(
                    "xml/namespace",
                    l,
                    c,
                    format!(
                        "namespace prefix `{}` of {what} `{}` is not bound: declare xmlns:{}=\"...\" on this or an enclosing element",
                        show(p),
                        show(name),
                        show(p)
                    ),
                );
            }
        }
    }

    // ---------------------------------------------------------------- other markup

    fn comment(&mut self) {
        let (l, c) = (self.line, self.col);
        self.bump_n(4);
        self.bad_char_run = false;
        let mut dd_reported = false;
        loop {
            self.skip_plain(b'-');
            if self.starts_with(b"--") {
                if self.peek_at(2) == Some(b'>') {
                    self.bump_n(3);
                    return;
                }
                let (dl, dc) = (self.line, self.col);
                self.bump_n(2);
                if !dd_reported {
                    dd_reported = true;
                    self.err(
                        "xml/comment",
                        dl,
                        dc,
                        "`--` is not allowed inside a comment".into(),
                    );
                }
                continue;
            }
            let (cl, cc) = (self.line, self.col);
            match self.next_char() {
                None => {
                    self.err(
                        "xml/comment",
                        l,
                        c,
                        "comment `<!--` is never closed with `-->`".into(),
                    );
                    return;
                }
                Some(Ok(ch)) if is_char(ch) => self.bad_char_run = false,
                Some(r) => self.bad_char(r, cl, cc, "comments"),
            }
        }
    }

    pub(super) fn comment_in_dtd(&mut self) {
        self.comment();
    }

    fn cdata(&mut self) {
        let (l, c) = (self.line, self.col);
        if !self.in_content() {
            self.err(
                "xml/outside-root",
                l,
                c,
                "CDATA section outside the root element".into(),
            );
        }
        self.bump_n(9);
        if !self.until(b"]]>", "CDATA sections") {
            self.err(
                "xml/cdata",
                l,
                c,
                "CDATA section `<![CDATA[` is never closed with `]]>`".into(),
            );
        }
    }

    /// Processing instruction (not the XML declaration at the start).
    pub(super) fn pi(&mut self) {
        let (l, c) = (self.line, self.col);
        self.bump_n(2);
        let mut target = Vec::new();
        if !self.name(&mut target) {
            self.err(
                "xml/pi",
                l,
                c,
                "`<?` must be followed by a processing-instruction target name".into(),
            );
            self.until(b"?>", "processing instructions");
            return;
        }
        if target.eq_ignore_ascii_case(b"xml") {
            if target == b"xml" {
                self.err(
                    "xml/xml-decl-position",
                    l,
                    c,
                    "the XML declaration `<?xml ...?>` is only allowed at the very start of the file (no blank line, BOM or text before it)".into(),
                );
            } else {
                self.err(
                    "xml/pi",
                    l,
                    c,
                    format!(
                        "processing-instruction target `{}` is reserved",
                        show(&target)
                    ),
                );
            }
        } else if target.contains(&b':') {
            self.err(
                "xml/namespace",
                l,
                c,
                format!(
                    "processing-instruction target `{}` must not contain `:`",
                    show(&target)
                ),
            );
        }
        if self.starts_with(b"?>") {
            self.bump_n(2);
            return;
        }
        if !self.skip_ws() {
            let (el, ec) = (self.line, self.col);
            self.err(
                "xml/pi",
                el,
                ec,
                format!(
                    "processing-instruction target `{}` must be followed by whitespace or `?>`",
                    show(&target)
                ),
            );
        }
        if !self.until(b"?>", "processing instructions") {
            self.err(
                "xml/pi",
                l,
                c,
                "processing instruction `<?` is never closed with `?>`".into(),
            );
        }
    }

    fn xml_decl(&mut self) {
        let (l, c) = (self.line, self.col);
        self.bump_n(5);
        let mut seen_version = false;
        let mut seen_encoding = false;
        let mut seen_standalone = false;
        let mut order_bad = false;
        loop {
            let had_ws = self.skip_ws();
            if self.starts_with(b"?>") {
                self.bump_n(2);
                break;
            }
            let (al, ac) = (self.line, self.col);
            let mut an = Vec::new();
            if !self.name(&mut an) {
                self.err("xml/xml-decl", al, ac, "malformed XML declaration: expected version=\"1.0\", encoding=\"...\", standalone=\"yes|no\" or `?>`".into());
                self.until(b"?>", "the XML declaration");
                break;
            }
            if !had_ws {
                self.err(
                    "xml/xml-decl",
                    al,
                    ac,
                    "the pseudo-attributes of the XML declaration are separated by whitespace"
                        .into(),
                );
            }
            self.skip_ws();
            let val = if self.peek() == Some(b'=') {
                self.bump();
                self.skip_ws();
                match self.peek() {
                    Some(q @ (b'"' | b'\'')) => {
                        self.bump();
                        let mut v = Vec::new();
                        loop {
                            match self.peek() {
                                Some(b) if b == q => {
                                    self.bump();
                                    break;
                                }
                                Some(b'?') if self.peek_at(1) == Some(b'>') => break,
                                Some(b) if b < 0x80 && b != b'\n' => {
                                    v.push(b);
                                    self.bump();
                                }
                                Some(_) => {
                                    v.push(0);
                                    self.next_char();
                                }
                                None => break,
                            }
                        }
                        Some(v)
                    }
                    _ => None,
                }
            } else {
                None
            };
            let Some(val) = val else {
                self.err(
                    "xml/xml-decl",
                    al,
                    ac,
                    format!(
                        "`{}` in the XML declaration needs a quoted value",
                        show(&an)
                    ),
                );
                self.until(b"?>", "the XML declaration");
                break;
            };
            match an.as_slice() {
                b"version" => {
                    if seen_version || seen_encoding || seen_standalone {
                        order_bad = true;
                    }
                    seen_version = true;
                    let ok = val.len() >= 3 && val.starts_with(b"1.") && val[2..].iter().all(u8::is_ascii_digit);
                    if !ok {
                        self.err("xml/xml-decl", al, ac, format!("version `{}` is not an XML 1.x version number", show(&val)));
                    }
                }
                b"encoding" => {
                    if !seen_version || seen_encoding || seen_standalone {
                        order_bad = true;
                    }
                    seen_encoding = true;
                    let ok = val.first().is_some_and(u8::is_ascii_alphabetic)
                        && val.iter().all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
                    if !ok {
                        self.err("xml/xml-decl", al, ac, format!("encoding name `{}` is malformed", show(&val)));
                    }
                }
                b"standalone" => {
                    if !seen_version || seen_standalone {
                        order_bad = true;
                    }
                    seen_standalone = true;
                    match val.as_slice() {
                        b"yes" => self.standalone_yes = true,
                        b"no" => {}
                        _ => self.err("xml/xml-decl", al, ac, format!("standalone must be \"yes\" or \"no\", not `{}`", show(&val))),
                    }
                }
                _ => self.err(
                    "xml/xml-decl",
                    al,
                    ac,
                    format!("`{}` is not allowed in the XML declaration (only version, encoding, standalone)", show(&an)),
                ),
            }
        }
        if !seen_version {
            self.err(
                "xml/xml-decl",
                l,
                c,
                "the XML declaration must start with version=\"1.0\"".into(),
            );
        } else if order_bad {
            self.err("xml/xml-decl", l, c, "the XML declaration's pseudo-attributes must come in the order version, encoding, standalone, once each".into());
        }
    }

    fn doctype(&mut self) {
        let (l, c) = (self.line, self.col);
        if self.opts.mode != Mode::Document || self.seen_root || self.seen_doctype {
            let why = if self.opts.mode != Mode::Document {
                "a DOCTYPE is not allowed here"
            } else if self.seen_doctype {
                "a document has at most one DOCTYPE"
            } else {
                "the DOCTYPE must come before the root element"
            };
            self.err("xml/doctype", l, c, why.into());
        }
        self.seen_doctype = true;
        self.bump_n(9);
        self.doctype_body(l, c);
    }

    // ---------------------------------------------------------------- references

    /// `&...;` in content.
    fn reference_in_content(&mut self) {
        let (l, c) = (self.line, self.col);
        match self.reference() {
            Ref::Char => {
                if self.validating() {
                    self.v_chardata();
                }
            }
            Ref::Bad => {}
            Ref::Named(name) => {
                if predefined(&name) {
                    if self.validating() {
                        self.v_chardata();
                    }
                    return;
                }
                if self.standalone_yes && self.dtd.decls.ext_entities.contains(&name) {
                    // WFC Entity Declared: a standalone document's entities are declared in
                    // the internal subset.
                    self.err(
                        "xml/entity-undeclared",
                        l,
                        c,
                        format!(
                            "standalone=\"yes\", but `&{};` is declared only in external markup",
                            show(&name)
                        ),
                    );
                    return;
                }
                self.named_entity_in_content(&name, l, c);
                if self.validating() {
                    if self.standalone_yes && self.dtd.decls.ext_entities.contains(&name) {
                        self.out.push_invalid(
                            "xml/invalid-standalone",
                            l,
                            c,
                            format!(
                                "standalone=\"yes\", but `&{};` is declared in external markup",
                                show(&name)
                            ),
                        );
                    }
                    self.v_entity(&name);
                }
            }
        }
    }

    fn reference_in_attr(&mut self) {
        let (l, c) = (self.line, self.col);
        if let Ref::Named(name) = self.reference()
            && !predefined(&name)
        {
            self.named_entity_in_attr(&name, l, c);
        }
    }

    /// Parses `&#N;`, `&#xH;` or `&name;` at the cursor, reporting syntax errors.
    pub(super) fn reference(&mut self) -> Ref {
        let (l, c) = (self.line, self.col);
        self.bump(); // &
        if self.peek() == Some(b'#') {
            self.bump();
            let hex = self.peek() == Some(b'x');
            if hex {
                self.bump();
            }
            let mut v: u32 = 0;
            let mut digits = 0;
            let mut overflow = false;
            while let Some(b) = self.peek() {
                let d = if hex {
                    (b as char).to_digit(16)
                } else {
                    (b as char).to_digit(10)
                };
                let Some(d) = d else { break };
                v = match v
                    .checked_mul(if hex { 16 } else { 10 })
                    .and_then(|x| x.checked_add(d))
                {
                    Some(x) => x,
                    None => {
                        overflow = true;
                        u32::MAX
                    }
                };
                digits += 1;
                self.bump();
            }
            if digits == 0 || self.peek() != Some(b';') {
                self.last_ref.clear();
                self.err("xml/reference", l, c, "malformed character reference: write `&#123;` or `&#x7B;`; a literal `&` is written `&amp;`".into());
                return Ref::Bad;
            }
            self.bump();
            self.last_ref.clear();
            if let Some(ch) = char::from_u32(v).filter(|_| !overflow && is_char(v)) {
                let mut tmp = [0u8; 4];
                self.last_ref
                    .extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
            }
            if overflow || !is_char(v) {
                self.err(
                    "xml/reference",
                    l,
                    c,
                    format!(
                        "character reference `&#{}{};` is not an XML character",
                        if hex { "x" } else { "" },
                        if hex { format!("{v:X}") } else { v.to_string() }
                    ),
                );
            }
            return Ref::Char;
        }
        let mut name = Vec::new();
        self.last_ref.clear();
        if !self.name(&mut name) {
            self.err(
                "xml/amp",
                l,
                c,
                "unescaped `&`: write `&amp;` (or wrap the text in <![CDATA[ ... ]]>)".into(),
            );
            return Ref::Bad;
        }
        if self.peek() != Some(b';') {
            self.err(
                "xml/amp",
                l,
                c,
                format!("unescaped `&` before `{}`: write `&amp;`, or end the entity reference with `;`", show(&name)),
            );
            return Ref::Bad;
        }
        self.bump();
        self.last_ref.push(b'&');
        self.last_ref.extend_from_slice(&name);
        self.last_ref.push(b';');
        Ref::Named(name)
    }

    fn undeclared(&mut self, name: &[u8], l: u64, c: u64) {
        if self.dtd.undeclared_is_error(self.standalone_yes) {
            let hint = if is_html_entity(name) {
                " (an HTML entity: XML knows only &lt; &gt; &amp; &quot; &apos; — use a character reference such as &#160;)"
            } else {
                ""
            };
            self.err(
                "xml/entity-undeclared",
                l,
                c,
                format!("entity `&{};` is not declared{hint}", show(name)),
            );
        } else if self.validating() && !self.dtd.unread {
            self.out.push_invalid(
                "xml/invalid-entity",
                l,
                c,
                format!("entity `&{};` is not declared in the DTD", show(name)),
            );
        } else if self.unchecked.insert(name.to_vec()) {
            // Once per entity name and file: an XHTML page may use `&nbsp;` a thousand times.
            self.warn(
                "xml/entity-unchecked",
                l,
                c,
                format!("entity `&{};` is not declared in the internal subset (it may be in the external DTD, which is not read; reported once per file)", show(name)),
            );
        }
    }

    fn named_entity_in_content(&mut self, name: &[u8], l: u64, c: u64) {
        let Some(info) = self.dtd.general(name) else {
            self.undeclared(name, l, c);
            return;
        };
        if info.unparsed {
            self.err(
                "xml/entity-unparsed",
                l,
                c,
                format!(
                    "unparsed (NDATA) entity `&{};` cannot be referenced in content",
                    show(name)
                ),
            );
            return;
        }
        if info.external {
            let Some(e) = self.dtd.general_entity(name) else {
                return;
            };
            if self.dtd.local.is_none() {
                return; // Reported at its declaration; never read.
            }
            if !e.loaded {
                if self.dtd.memo_content(name).is_some() {
                    return; // Tried before and not read (reported then).
                }
                match self.load_external_text(name, &e.system, e.base.as_deref(), l, c) {
                    Some((_, text)) => self.dtd.set_loaded(name, text),
                    None => {
                        self.dtd
                            .set_memo(name, super::dtd::Memo::Done { ok: true, size: 0 });
                        return;
                    }
                }
            }
        }
        let r = self.entity_content_check(name);
        match r {
            EntCheck::Ok(size) => self.account(size, name, l, c),
            EntCheck::Recursive => self.err(
                "xml/entity-recursive",
                l,
                c,
                format!("entity `&{};` refers to itself", show(name)),
            ),
            EntCheck::Bad(msg) => {
                if let Some(msg) = msg {
                    // A nested entity's message already names the innermost entity.
                    let msg = if msg.starts_with("the replacement text of") {
                        msg
                    } else {
                        format!(
                            "the replacement text of `&{};` is not well-formed: {msg}",
                            show(name)
                        )
                    };
                    self.err("xml/entity-content", l, c, msg);
                }
            }
        }
    }

    fn account(&mut self, size: u64, name: &[u8], l: u64, c: u64) {
        self.expanded = self.expanded.saturating_add(size);
        // Inside an entity the size is only summed; the document reports the bomb once.
        if self.opts.mode != Mode::EntityContent
            && self.expanded > EXPANSION_LIMIT
            && !self.bomb_reported
        {
            self.bomb_reported = true;
            self.err(
                "xml/entity-expansion",
                l,
                c,
                format!(
                    "entity expansion bomb: references such as `&{};` expand to more than {} MiB (billion laughs / quadratic blowup); the document is refused",
                    show(name),
                    EXPANSION_LIMIT / (1024 * 1024)
                ),
            );
        }
    }

    /// Checks (once per entity) that an internal entity's replacement text is well-formed
    /// content; returns its fully expanded size.
    fn entity_content_check(&mut self, name: &[u8]) -> EntCheck {
        match self.dtd.memo_content(name) {
            Some(super::dtd::Memo::InProgress) => return EntCheck::Recursive,
            Some(super::dtd::Memo::Done { ok: true, size }) => return EntCheck::Ok(size),
            Some(super::dtd::Memo::Done { ok: false, .. }) => return EntCheck::Bad(None),
            None => {}
        }
        let Some(text) = self.dtd.value(name) else {
            return EntCheck::Bad(None);
        };
        if self.depth >= MAX_ENTITY_DEPTH {
            return EntCheck::Bad(Some(format!(
                "entity references nest more than {MAX_ENTITY_DEPTH} levels deep"
            )));
        }
        self.dtd.set_memo(name, super::dtd::Memo::InProgress);
        let dtd = std::mem::take(&mut self.dtd);
        let opts = Opts {
            mode: Mode::EntityContent,
            line: 1,
            col: 1,
            paths: false,
            at_entity_start: false,
        };
        let mut sub = Parser::new(Cow::Borrowed(&text), None, opts, dtd);
        sub.standalone_yes = self.standalone_yes;
        sub.depth = self.depth + 1;
        sub.run();
        let size = (text.len() as u64).saturating_add(sub.expanded);
        self.dtd = std::mem::take(&mut sub.dtd);
        let invalid = std::mem::take(&mut sub.out.invalid);
        let listed: Vec<Issue> = sub
            .out
            .issues
            .iter()
            .filter(|i| i.rule.starts_with("xml/invalid-"))
            .cloned()
            .collect();
        if let Some(st) = self.dtd.val.as_mut() {
            st.summaries
                .insert(name.to_vec(), std::mem::take(&mut sub.vtop));
        }
        if invalid > 0 {
            for i in listed {
                self.out.push_invalid(
                    i.rule,
                    i.line,
                    i.col,
                    format!(
                        "in the replacement text of `&{};`: {}",
                        show(name),
                        i.message
                    ),
                );
            }
        }
        let first = sub
            .out
            .issues
            .iter()
            .find(|i| i.level == Level::Error)
            .map(|i| i.message.clone());
        let ok = sub.out.errors == 0;
        // A recursion found below is reported there; mark this one as bad too.
        self.dtd.set_memo(name, super::dtd::Memo::Done { ok, size });
        if ok {
            EntCheck::Ok(size)
        } else if first
            .as_deref()
            .is_some_and(|m| m.contains("refers to itself"))
        {
            EntCheck::Recursive
        } else {
            EntCheck::Bad(first)
        }
    }

    fn named_entity_in_attr(&mut self, name: &[u8], l: u64, c: u64) {
        let Some(info) = self.dtd.general(name) else {
            self.undeclared(name, l, c);
            return;
        };
        if self.standalone_yes
            && self.opts.mode == Mode::Document
            && self.dtd.decls.ext_entities.contains(name)
        {
            self.err(
                "xml/entity-undeclared",
                l,
                c,
                format!(
                    "standalone=\"yes\", but `&{};` is declared only in external markup",
                    show(name)
                ),
            );
            return;
        }
        if info.unparsed || info.external {
            self.err(
                "xml/entity-external",
                l,
                c,
                format!(
                    "attribute values cannot reference the external entity `&{};`",
                    show(name)
                ),
            );
            return;
        }
        let mut visiting = Vec::new();
        match self
            .dtd
            .attr_check(name, &mut visiting, self.standalone_yes)
        {
            Ok(size) => self.account(size, name, l, c),
            Err(msg) => self.err(
                "xml/entity-attr",
                l,
                c,
                format!(
                    "entity `&{};` cannot be used in an attribute value: {msg}",
                    show(name)
                ),
            ),
        }
    }

    pub(super) fn mode(&self) -> Mode {
        self.opts.mode
    }
}

pub(super) enum Ref {
    Char,
    Named(Vec<u8>),
    Bad,
}

enum EntCheck {
    Ok(u64),
    Recursive,
    /// Not well-formed; the message when this is the first time.
    Bad(Option<String>),
}

pub fn predefined(name: &[u8]) -> bool {
    matches!(name, b"lt" | b"gt" | b"amp" | b"quot" | b"apos")
}

fn is_html_entity(name: &[u8]) -> bool {
    matches!(
        name,
        b"nbsp"
            | b"copy"
            | b"reg"
            | b"mdash"
            | b"ndash"
            | b"hellip"
            | b"rarr"
            | b"larr"
            | b"trade"
            | b"laquo"
            | b"raquo"
            | b"times"
            | b"middot"
            | b"bull"
            | b"eacute"
            | b"euro"
    )
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
