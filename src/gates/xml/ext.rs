//! Local external DTDs and external parsed entities (`external = "local"`).
//!
//! An external DTD subset or external entity is read only when its system identifier is a relative
//! path or a `file:` URI that, after every symlink is resolved, names a regular file inside the
//! repository root of at most [`MAX_EXTERNAL_BYTES`]. Nothing is ever fetched from the network.
//! Devices, FIFOs, sockets, directories and symlinks that leave the root are refused before they
//! are opened; a file that grows while it is read is cut at the bound. A chain of external files
//! that comes back to a file already being read is an error (entity loop across files).

use super::checker::{Level, Mode, Opts, Parser, show};
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest external DTD or entity read (1 MiB).
pub const MAX_EXTERNAL_BYTES: u64 = 1024 * 1024;
/// External files read per document at most (each file once per reference site).
pub const MAX_EXTERNAL_FILES: usize = 256;

/// Where local external files may come from, and which are being read.
#[derive(Clone, Debug)]
pub struct Local {
    /// The repository root, canonical.
    pub root: PathBuf,
    /// Directory that relative system identifiers resolve against, canonical.
    pub base: PathBuf,
    /// Files being read (outermost first): an entity loop across files comes back to one of them.
    pub stack: Vec<PathBuf>,
    /// Files read so far in this document.
    pub reads: usize,
}

/// Why an external file was not used.
#[derive(Debug)]
pub enum LoadError {
    /// Not read by policy or because it cannot be (a warning, as with `external` off).
    NotRead(String),
    /// Read, and its text declaration or encoding is not well-formed (an error).
    Malformed(String),
    /// The file is already being read: an entity loop across files (an error).
    Loop(String),
}

impl Local {
    /// For a document at `file` in repository `root`; `None` when either cannot be canonicalized.
    pub fn for_file(root: &Path, file: &Path) -> Option<Local> {
        let root = root.canonicalize().ok()?;
        let file = file.canonicalize().ok()?;
        let base = file.parent()?.to_path_buf();
        Some(Local {
            root,
            base,
            stack: vec![file],
            reads: 0,
        })
    }

    /// The path a system identifier names, when it is one gatekeep may read.
    pub fn resolve(&self, base: &Path, sys: &[u8]) -> Result<PathBuf, String> {
        let s =
            std::str::from_utf8(sys).map_err(|_| "system identifier is not UTF-8".to_string())?;
        let s = s.split('#').next().unwrap_or("");
        if s.is_empty() {
            return Err("empty system identifier".into());
        }
        let lower = s.to_ascii_lowercase();
        let path_text: String = if let Some(rest) = lower.strip_prefix("file:") {
            let rest = &s[s.len() - rest.len()..];
            let rest = rest
                .strip_prefix("//localhost")
                .or_else(|| rest.strip_prefix("//"))
                .unwrap_or(rest);
            percent_decode(rest)?
        } else if lower.contains("://") || has_scheme(&lower) {
            return Err(format!(
                "`{s}` is not a local file (only relative paths and file: URIs are read; never the network)"
            ));
        } else {
            percent_decode(s)?
        };
        let p = Path::new(&path_text);
        let joined = if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        };
        let canon = joined
            .canonicalize()
            .map_err(|e| format!("`{s}` cannot be resolved: {e}"))?;
        if !canon.starts_with(&self.root) {
            return Err(format!(
                "`{s}` resolves outside the repository root (after symlinks: {})",
                canon.display()
            ));
        }
        let meta =
            std::fs::metadata(&canon).map_err(|e| format!("`{s}` cannot be inspected: {e}"))?;
        if !meta.is_file() {
            return Err(format!(
                "`{s}` is not a regular file (a directory, device, FIFO or socket is never read)"
            ));
        }
        if meta.len() > MAX_EXTERNAL_BYTES {
            return Err(format!(
                "`{s}` is {} bytes, over the {} MiB bound for external files",
                meta.len(),
                MAX_EXTERNAL_BYTES / (1024 * 1024)
            ));
        }
        Ok(canon)
    }

    /// Reads an external file named by `sys` (relative to `base`, or to the current base):
    /// its UTF-8 text after the text declaration.
    pub fn load(
        &mut self,
        base: Option<&Path>,
        sys: &[u8],
    ) -> Result<(PathBuf, Vec<u8>), LoadError> {
        let base = base
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.base.clone());
        let path = self.resolve(&base, sys).map_err(LoadError::NotRead)?;
        if self.stack.contains(&path) {
            let mut chain: Vec<String> = self
                .stack
                .iter()
                .skip_while(|p| **p != path)
                .map(|p| self.rel(p))
                .collect();
            chain.push(self.rel(&path));
            return Err(LoadError::Loop(format!(
                "external entities form a loop across files: {}",
                chain.join(" -> ")
            )));
        }
        if self.reads >= MAX_EXTERNAL_FILES {
            return Err(LoadError::NotRead(format!(
                "more than {MAX_EXTERNAL_FILES} external files in one document"
            )));
        }
        self.reads += 1;
        let f = std::fs::File::open(&path)
            .map_err(|e| LoadError::NotRead(format!("`{}` cannot be opened: {e}", show(sys))))?;
        let mut bytes = Vec::new();
        f.take(MAX_EXTERNAL_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError::NotRead(format!("`{}` cannot be read: {e}", show(sys))))?;
        if bytes.len() as u64 > MAX_EXTERNAL_BYTES {
            return Err(LoadError::NotRead(format!(
                "`{}` grew past the {} MiB bound while it was read",
                show(sys),
                MAX_EXTERNAL_BYTES / (1024 * 1024)
            )));
        }
        let text = decode(&bytes).map_err(LoadError::Malformed)?;
        Ok((path, text))
    }

    /// A path relative to the root, for messages.
    pub fn rel(&self, p: &Path) -> String {
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    }
}

fn has_scheme(s: &str) -> bool {
    // `http:x`, `urn:x`, `ftp:x` ... (a Windows drive letter `c:` is one letter).
    match s.find(':') {
        Some(i) if i > 1 => s[..i]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.'),
        _ => false,
    }
}

fn percent_decode(s: &str) -> Result<String, String> {
    if !s.contains('%') {
        return Ok(s.to_string());
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("bad percent escape in `{s}`"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{s}` does not decode to UTF-8"))
}

/// Decodes an external entity to UTF-8 and removes its text declaration (checked).
fn decode(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let s = super::encoding::sniff(bytes);
    let body = bytes.get(s.bom.min(bytes.len())..).unwrap_or(&[]);
    let utf8 = match s.enc {
        super::encoding::Enc::Utf8 => {
            if std::str::from_utf8(body).is_err() {
                return Err("the external entity is not valid UTF-8".into());
            }
            body.to_vec()
        }
        enc => super::encoding::to_utf8(body, enc).0,
    };
    let skip = text_decl(&utf8)?;
    Ok(utf8.get(skip..).unwrap_or(&[]).to_vec())
}

/// Length of the text declaration `<?xml version="1.0"? encoding="..." ?>` at the start (0 if
/// none), or why it is malformed.
pub fn text_decl(t: &[u8]) -> Result<usize, String> {
    if !(t.starts_with(b"<?xml") && t.get(5).is_some_and(|b| b.is_ascii_whitespace())) {
        if t.starts_with(b"<?xml?") {
            return Err("the text declaration needs an encoding".into());
        }
        return Ok(0);
    }
    let Some(end) = t.windows(2).position(|w| w == b"?>") else {
        return Err("the text declaration `<?xml` is never closed with `?>`".into());
    };
    let inner = std::str::from_utf8(&t[5..end]).map_err(|_| "bad bytes in the text declaration")?;
    let mut rest = inner;
    let mut seen = Vec::new();
    loop {
        let had_ws = rest.starts_with(|c: char| c.is_ascii_whitespace());
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if !had_ws {
            return Err(
                "pseudo-attributes of the text declaration need whitespace between them".into(),
            );
        }
        let eq = rest.find('=').ok_or("malformed text declaration")?;
        let name = rest[..eq].trim_end();
        rest = rest[eq + 1..].trim_start();
        let q = rest.chars().next().ok_or("malformed text declaration")?;
        if q != '"' && q != '\'' {
            return Err("text declaration values must be quoted".into());
        }
        let close = rest[1..]
            .find(q)
            .ok_or("unclosed value in the text declaration")?;
        let value = &rest[1..1 + close];
        rest = &rest[close + 2..];
        match name {
            "version" if seen.is_empty() => {
                if !(value.len() >= 3
                    && value.starts_with("1.")
                    && value[2..].bytes().all(|b| b.is_ascii_digit()))
                {
                    return Err(format!("bad version `{value}` in the text declaration"));
                }
                if value != "1.0" {
                    return Err(format!(
                        "an XML 1.0 document cannot use an entity of XML version {value}"
                    ));
                }
            }
            "encoding" if !seen.contains(&"encoding") => {
                let ok = value
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphabetic())
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
                if !ok {
                    return Err(format!(
                        "bad encoding name `{value}` in the text declaration"
                    ));
                }
            }
            "standalone" => return Err("a text declaration cannot have `standalone`".into()),
            _ => {
                return Err(format!(
                    "unexpected `{name}` in the text declaration (version?, then encoding)"
                ));
            }
        }
        seen.push(if name == "version" {
            "version"
        } else {
            "encoding"
        });
    }
    if !seen.contains(&"encoding") {
        return Err("the text declaration of an external entity needs an encoding".into());
    }
    Ok(end + 2)
}

impl Parser<'_, '_> {
    /// Reads the external file `sys` (declared relative to `base`) and parses it as DTD
    /// declarations (external subset or external parameter entity). Returns false when it was
    /// not read (then a warning was given).
    pub(super) fn read_external_decls(
        &mut self,
        sys: &[u8],
        base: Option<&Path>,
        what: &str,
        l: u64,
        c: u64,
    ) -> bool {
        let Some(local) = self.dtd.local.as_mut() else {
            self.dtd.unread = true;
            return false;
        };
        let (path, text) = match local.load(base, sys) {
            Ok(x) => x,
            Err(LoadError::NotRead(m)) => {
                self.dtd.unread = true;
                self.warn(
                    "xml/xxe",
                    l,
                    c,
                    format!("{what} \"{}\" is not read: {m}", show(sys)),
                );
                return false;
            }
            Err(LoadError::Malformed(m)) => {
                self.err(
                    "xml/external",
                    l,
                    c,
                    format!("{what} \"{}\": {m}", show(sys)),
                );
                return true;
            }
            Err(LoadError::Loop(m)) => {
                self.err("xml/entity-recursive", l, c, m);
                return true;
            }
        };
        let rel = local.rel(&path);
        let old_base = std::mem::replace(
            &mut local.base,
            path.parent().map(Path::to_path_buf).unwrap_or_default(),
        );
        local.stack.push(path);
        let dtd = std::mem::take(&mut self.dtd);
        let opts = Opts {
            mode: self.mode(),
            line: 1,
            col: 1,
            paths: false,
            at_entity_start: false,
        };
        let mut sub = Parser::new(Cow::Owned(text), None, opts, dtd);
        sub.dtd.in_external += 1;
        sub.external_decls(0);
        sub.dtd.in_external -= 1;
        self.dtd = std::mem::take(&mut sub.dtd);
        if let Some(local) = self.dtd.local.as_mut() {
            local.stack.pop();
            local.base = old_base;
        }
        self.import(sub.out, &rel, l, c);
        true
    }

    /// Reports the findings of an external file at the reference site, naming the file.
    pub(super) fn import(&mut self, o: super::checker::Outcome, rel: &str, l: u64, c: u64) {
        for i in o.issues {
            let msg = if i.message.starts_with("in ") {
                i.message
            } else {
                format!("in {rel}:{}:{}: {}", i.line, i.col, i.message)
            };
            match i.level {
                Level::Error => self.err(i.rule, l, c, msg),
                Level::Warning if i.rule.starts_with("xml/invalid-") => {
                    self.out.push_invalid(i.rule, l, c, msg)
                }
                Level::Warning => self.warn(i.rule, l, c, msg),
            }
        }
    }

    /// Reads the text of a local external parsed entity for use in content (`None`: not read,
    /// already reported).
    pub(super) fn load_external_text(
        &mut self,
        name: &[u8],
        sys: &[u8],
        base: Option<&Path>,
        l: u64,
        c: u64,
    ) -> Option<(String, Vec<u8>)> {
        let local = self.dtd.local.as_mut()?;
        match local.load(base, sys) {
            Ok((p, t)) => Some((local.rel(&p), t)),
            Err(LoadError::NotRead(m)) => {
                self.dtd.unread = true;
                self.warn(
                    "xml/xxe",
                    l,
                    c,
                    format!("external entity `&{};` is not read: {m}", show(name)),
                );
                None
            }
            Err(LoadError::Malformed(m)) => {
                self.err(
                    "xml/external",
                    l,
                    c,
                    format!("external entity `&{};`: {m}", show(name)),
                );
                None
            }
            Err(LoadError::Loop(m)) => {
                self.err("xml/entity-recursive", l, c, m);
                None
            }
        }
    }

    /// Declarations of an external subset or external parameter entity, with conditional
    /// sections; `cond` is the depth of INCLUDE sections (returns at their `]]>`).
    pub(super) fn external_decls(&mut self, cond: u32) {
        loop {
            self.skip_ws();
            let (l, c) = (self.line, self.col);
            let Some(b) = self.peek() else {
                if cond > 0 {
                    self.err(
                        "xml/dtd",
                        l,
                        c,
                        "a conditional section is never closed with `]]>`".into(),
                    );
                }
                return;
            };
            if b == b']' && self.starts_with(b"]]>") {
                self.bump_n(3);
                if cond > 0 {
                    return;
                }
                self.err(
                    "xml/dtd",
                    l,
                    c,
                    "`]]>` outside a conditional section".into(),
                );
                continue;
            }
            if b == b'<' && self.starts_with(b"<![") {
                self.conditional(cond, l, c);
                continue;
            }
            if b == b'<'
                && !self.starts_with(b"<!--")
                && !self.starts_with(b"<?")
                && self.expand_decl_pes()
            {
                continue;
            }
            if !self.one_decl(false) {
                return;
            }
        }
    }

    /// `<![ INCLUDE [ ... ]]>` or `<![ IGNORE [ ... ]]>` (the keyword may be a parameter entity).
    fn conditional(&mut self, cond: u32, l: u64, c: u64) {
        self.bump_n(3);
        self.skip_ws();
        let mut kw = Vec::new();
        let mut bracket = false;
        if self.peek() == Some(b'%') {
            self.bump();
            let mut n = Vec::new();
            if self.name(&mut n) && self.peek() == Some(b';') {
                self.bump();
                kw = self
                    .dtd
                    .param_value(&n)
                    .map(|v| v.trim_ascii().to_vec())
                    .unwrap_or_default();
                // `%e;` may carry the `[` too (`<!ENTITY % e "INCLUDE[">`).
                if let Some(k) = kw.strip_suffix(b"[") {
                    kw = k.trim_ascii().to_vec();
                    bracket = true;
                }
            }
        } else {
            self.name(&mut kw);
        }
        self.skip_ws();
        if (!bracket && self.peek() != Some(b'[')) || !(kw == b"INCLUDE" || kw == b"IGNORE") {
            self.err(
                "xml/dtd",
                l,
                c,
                "a conditional section is `<![INCLUDE[ ... ]]>` or `<![IGNORE[ ... ]]>`".into(),
            );
            self.skip_to_section_end();
            return;
        }
        if !bracket {
            self.bump();
        } else if self.validating() {
            self.out.push_invalid(
                "xml/invalid-pe-nesting",
                l,
                c,
                "a parameter entity holds both the keyword and the `[` of a conditional section"
                    .into(),
            );
        }
        if cond >= 64 {
            self.err(
                "xml/dtd",
                l,
                c,
                "conditional sections nest too deeply".into(),
            );
            self.skip_to_section_end();
            return;
        }
        if kw == b"INCLUDE" {
            self.external_decls(cond + 1);
        } else if !self.skip_to_section_end() {
            self.err(
                "xml/dtd",
                l,
                c,
                "an IGNORE section is never closed with `]]>`".into(),
            );
        }
    }

    /// Skips an ignored section (nested `<![ ... ]]>` counted) past its `]]>`.
    fn skip_to_section_end(&mut self) -> bool {
        let mut depth = 1u32;
        while self.peek().is_some() {
            if self.starts_with(b"<![") {
                depth += 1;
                self.bump_n(3);
            } else if self.starts_with(b"]]>") {
                self.bump_n(3);
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            } else {
                match self.next_char() {
                    Some(Ok(ch)) if super::checker::is_char(ch) => {}
                    Some(r) => {
                        let (l, c) = (self.line, self.col);
                        self.bad_char(r, l, c, "ignored sections");
                    }
                    None => {}
                }
            }
        }
        false
    }

    /// In external declarations, a markup declaration with parameter-entity references inside
    /// it is expanded (each reference padded with spaces) and parsed from the expansion. Returns
    /// false (nothing consumed) when the declaration has no such reference.
    fn expand_decl_pes(&mut self) -> bool {
        let start = self.pos;
        let buf: &[u8] = &self.buf;
        let mut i = start;
        let mut q: Option<u8> = None;
        let mut refs = false;
        while let Some(&b) = buf.get(i) {
            match q {
                Some(x) if b == x => q = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => q = Some(b),
                None if b == b'>' => break,
                None if b == b'%' && buf.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace()) => {
                    refs = true
                }
                None => {}
            }
            i += 1;
        }
        if !refs {
            return false;
        }
        // A declaration closed inside a parameter entity (`%e;` = `...>`) runs to the end.
        let i = i.min(buf.len().saturating_sub(1));
        let raw = buf[start..=i].to_vec();
        let mut out = Vec::with_capacity(raw.len());
        let mut k = 0;
        let mut q: Option<u8> = None;
        while k < raw.len() {
            let b = raw[k];
            match q {
                Some(x) if b == x => q = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => q = Some(b),
                None if b == b'%' && raw.get(k + 1).is_some_and(|n| !n.is_ascii_whitespace()) => {
                    let end = raw[k..].iter().position(|&x| x == b';').map(|e| k + e);
                    if let Some(end) = end {
                        let name = &raw[k + 1..end];
                        let Some(v) = self.pe_text(name) else {
                            // Undeclared or unreadable: the declaration is not processed.
                            self.advance_to(i + 1);
                            return true;
                        };
                        if self.validating() && !properly_nested(&v) {
                            let (l, c) = (self.line, self.col);
                            self.out.push_invalid(
                                "xml/invalid-pe-nesting",
                                l,
                                c,
                                format!(
                                    "the replacement text of `%{};` does not nest properly with the declaration or group around it",
                                    show(name)
                                ),
                            );
                        }
                        out.push(b' ');
                        out.extend_from_slice(&v);
                        out.push(b' ');
                        k = end + 1;
                        continue;
                    }
                }
                None => {}
            }
            out.push(b);
            k += 1;
        }
        let (l, c) = (self.line, self.col);
        self.advance_to(i + 1);
        if self.depth >= 16 {
            self.err(
                "xml/entity-recursive",
                l,
                c,
                "parameter entities nest too deeply".into(),
            );
            return true;
        }
        let dtd = std::mem::take(&mut self.dtd);
        let opts = Opts {
            mode: Mode::EntityContent,
            line: l,
            col: c,
            paths: false,
            at_entity_start: false,
        };
        let mut sub = Parser::new(Cow::Owned(out), None, opts, dtd);
        sub.depth = self.depth + 1;
        sub.external_decls(0);
        self.dtd = std::mem::take(&mut sub.dtd);
        for i in sub.out.issues {
            match i.level {
                Level::Error => self.err(i.rule, l, c, i.message),
                Level::Warning if i.rule.starts_with("xml/invalid-") => {
                    self.out.push_invalid(i.rule, l, c, i.message)
                }
                Level::Warning => self.warn(i.rule, l, c, i.message),
            }
        }
        true
    }

    /// Replacement text of a parameter entity (an external one is read when local).
    pub(super) fn pe_text(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        let e = self.dtd.param(name)?;
        if !e.external {
            return Some(e.value);
        }
        let local = self.dtd.local.as_mut()?;
        let (_, t) = local.load(e.base.as_deref(), &e.system).ok()?;
        Some(t)
    }

    /// Consumes input up to byte offset `end`, keeping line and column.
    fn advance_to(&mut self, end: usize) {
        while self.pos < end && self.pos < self.buf.len() {
            match self.buf.get(self.pos) {
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    self.col = 1;
                }
                Some(&b) if b & 0xC0 == 0x80 => self.pos += 1,
                Some(_) => {
                    self.pos += 1;
                    self.col += 1;
                }
                None => break,
            }
        }
    }
}

/// Whether a parameter entity's text used inside a declaration keeps groups and the declaration
/// whole: balanced parentheses, no `<` or `>` outside literals.
fn properly_nested(v: &[u8]) -> bool {
    let mut depth = 0i64;
    let mut q: Option<u8> = None;
    for &b in v {
        match q {
            Some(x) if b == x => q = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => q = Some(b),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                b'<' | b'>' => return false,
                _ => {}
            },
        }
    }
    depth == 0 && q.is_none()
}
