//! The document type declaration: the internal subset is parsed well enough to know which
//! entities are declared and to catch malformed declarations. Nothing external is ever read: an
//! external DTD or external entity is a warning (XXE risk) and is not followed.

use super::checker::{Parser, is_char, predefined, show};
use std::borrow::Cow;
use std::collections::HashMap;

/// One declared entity.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Replacement text (character references already expanded) of an internal entity.
    pub value: Vec<u8>,
    pub external: bool,
    pub unparsed: bool,
    /// System identifier of an external entity.
    pub system: Vec<u8>,
    /// Directory its system identifier resolves against (`external = "local"`).
    pub base: Option<std::path::PathBuf>,
    /// An external parsed entity whose text was read into `value` (`external = "local"`).
    pub loaded: bool,
}

/// What callers need to know of a general entity.
#[derive(Clone, Copy, Debug)]
pub struct EntInfo {
    pub external: bool,
    pub unparsed: bool,
}

/// Memoised result of checking an entity's replacement text as content.
#[derive(Clone, Copy, Debug)]
pub enum Memo {
    InProgress,
    Done { ok: bool, size: u64 },
}

/// Entities declared in the internal subset, and what is known of the rest of the DTD.
#[derive(Debug, Default)]
pub struct Dtd {
    general: HashMap<Vec<u8>, Entity>,
    params: HashMap<Vec<u8>, Entity>,
    memo: HashMap<Vec<u8>, Memo>,
    attr_memo: HashMap<Vec<u8>, Result<u64, String>>,
    /// `<!DOCTYPE x SYSTEM "...">`: declarations we do not read may exist.
    pub has_external_subset: bool,
    /// A parameter-entity reference appeared in the internal subset.
    pub has_pe_refs: bool,
    /// After an unread external parameter entity, later declarations are not processed (XML 1.0 §5.1).
    stopped: bool,
    /// Depth of parameter-entity expansion in the internal subset.
    pe_depth: u32,
    /// Bytes of parameter-entity replacement text parsed so far.
    pe_expanded: u64,
    pe_bomb_reported: bool,
    /// `external = "local"`: where local external files may be read from.
    pub local: Option<super::ext::Local>,
    /// Nesting of external declarations being parsed (0: the internal subset).
    pub in_external: u32,
    /// Some external markup was not read (validation cannot say an entity is undeclared).
    pub unread: bool,
    /// Element, attribute and notation declarations (for validation and attribute types).
    pub decls: super::validate::Decls,
    /// `validate = "dtd"`: document-wide validation state.
    pub val: Option<super::validate::State>,
}

impl Dtd {
    pub fn general(&self, name: &[u8]) -> Option<EntInfo> {
        self.general.get(name).map(|e| EntInfo {
            external: e.external,
            unparsed: e.unparsed,
        })
    }
    /// A parameter entity.
    pub fn param(&self, name: &[u8]) -> Option<Entity> {
        self.params.get(name).cloned()
    }
    /// Replacement text of an internal parameter entity.
    pub fn param_value(&self, name: &[u8]) -> Option<Vec<u8>> {
        self.params
            .get(name)
            .filter(|e| !e.external)
            .map(|e| e.value.clone())
    }
    /// A general entity.
    pub fn general_entity(&self, name: &[u8]) -> Option<Entity> {
        self.general.get(name).cloned()
    }
    /// Stores the text read from a local external parsed entity.
    pub fn set_loaded(&mut self, name: &[u8], text: Vec<u8>) {
        if let Some(e) = self.general.get_mut(name) {
            e.value = text;
            e.loaded = true;
        }
    }
    pub fn value(&self, name: &[u8]) -> Option<Vec<u8>> {
        self.general.get(name).map(|e| e.value.clone())
    }
    pub fn memo_content(&self, name: &[u8]) -> Option<Memo> {
        self.memo.get(name).copied()
    }
    pub fn set_memo(&mut self, name: &[u8], m: Memo) {
        self.memo.insert(name.to_vec(), m);
    }
    /// XML 1.0 WFC "Entity Declared": an undeclared entity is a well-formedness error unless
    /// declarations may hide in parts of the DTD that are not read.
    pub fn undeclared_is_error(&self, standalone: bool) -> bool {
        standalone || (!self.has_external_subset && !self.has_pe_refs)
    }

    /// Checks an entity used in an attribute value: no `<` in its (recursive) replacement text, no
    /// external entities, no recursion. Returns the expanded size.
    pub fn attr_check(
        &mut self,
        name: &[u8],
        visiting: &mut Vec<Vec<u8>>,
        standalone: bool,
    ) -> Result<u64, String> {
        if let Some(r) = self.attr_memo.get(name) {
            return r.clone();
        }
        if visiting.iter().any(|v| v == name) {
            return Err(format!("`&{};` refers to itself", show(name)));
        }
        if visiting.len() >= super::checker::MAX_ENTITY_DEPTH as usize {
            return Err(format!(
                "entity references nest more than {} levels deep",
                super::checker::MAX_ENTITY_DEPTH
            ));
        }
        let Some(e) = self.general.get(name).cloned() else {
            return if self.undeclared_is_error(standalone) {
                Err(format!("`&{};` is not declared", show(name)))
            } else {
                Ok(0)
            };
        };
        if e.external || e.unparsed {
            return Err(format!("`&{};` is an external entity", show(name)));
        }
        visiting.push(name.to_vec());
        let r = (|| {
            let v = &e.value;
            let mut size = v.len() as u64;
            let mut i = 0;
            while i < v.len() {
                match v[i] {
                    b'<' => return Err("its replacement text contains `<`".to_string()),
                    b'&' => {
                        let end = v[i..].iter().position(|&b| b == b';').map(|k| i + k);
                        let Some(end) = end else {
                            return Err("its replacement text contains a bare `&`".to_string());
                        };
                        let inner = &v[i + 1..end];
                        if !inner.starts_with(b"#") && !predefined(inner) {
                            size =
                                size.saturating_add(self.attr_check(inner, visiting, standalone)?);
                        }
                        i = end + 1;
                    }
                    _ => i += 1,
                }
            }
            Ok(size)
        })();
        visiting.pop();
        self.attr_memo.insert(name.to_vec(), r.clone());
        r
    }
}

fn is_pubid(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b" \r\n-'()+,./:=?;!*#@$_%".contains(&b)
}

impl Parser<'_, '_> {
    /// Records an attribute definition; with validation, a second definition of the same
    /// attribute is fine (the first binds) but checked later with the rest.
    fn att_decl(&mut self, el: &[u8], def: super::validate::AttDef) {
        self.dtd.decls.add_att(el, def);
    }

    /// After `<!DOCTYPE`.
    pub(super) fn doctype_body(&mut self, l: u64, c: u64) {
        if !self.skip_ws() {
            self.err_here(
                "xml/doctype",
                "`<!DOCTYPE` must be followed by whitespace and the root element name".into(),
            );
        }
        let mut name = Vec::new();
        if !self.name(&mut name) {
            self.err_here(
                "xml/doctype",
                "`<!DOCTYPE` needs the root element name".into(),
            );
            self.skip_decl();
            return;
        }
        self.dtd.decls.doctype = Some(name.clone());
        let ws = self.skip_ws();
        let mut external: Option<(Vec<u8>, u64, u64)> = None;
        if self.starts_with(b"SYSTEM") || self.starts_with(b"PUBLIC") {
            if !ws {
                self.err_here(
                    "xml/doctype",
                    "whitespace is required before the external identifier".into(),
                );
            }
            let (xl, xc) = (self.line, self.col);
            match self.external_id(false) {
                Some(sys) if self.dtd.local.is_some() => {
                    self.dtd.has_external_subset = true;
                    external = Some((sys, xl, xc));
                }
                Some(sys) => {
                    self.dtd.has_external_subset = true;
                    self.dtd.unread = true;
                    self.warn(
                        "xml/xxe",
                        xl,
                        xc,
                        format!("external DTD \"{}\" is not read (XXE risk: gatekeep never fetches or opens it)", show(&sys)),
                    );
                }
                None => {
                    self.skip_decl();
                    return;
                }
            }
            self.skip_ws();
        }
        if self.peek() == Some(b'[') {
            self.bump();
            self.internal_subset(true);
            if self.peek() == Some(b']') {
                self.bump();
            } else {
                self.err(
                    "xml/doctype",
                    l,
                    c,
                    "the internal subset `[` of the DOCTYPE is never closed with `]>`".into(),
                );
                return;
            }
            self.skip_ws();
        }
        if self.peek() == Some(b'>') {
            self.bump();
        } else {
            let found = self.here_desc();
            self.err_here(
                "xml/doctype",
                format!("unexpected {} in the DOCTYPE: expected `>`", found),
            );
            self.skip_decl();
        }
        // The external subset is processed after the internal one (XML 1.0 §2.8).
        if let Some((sys, xl, xc)) = external
            && !self.dtd.stopped
        {
            self.read_external_decls(&sys, None, "external DTD", xl, xc);
        }
    }

    fn here_desc(&mut self) -> String {
        match self.peek_char() {
            Some(Ok(c)) => match char::from_u32(c) {
                Some(ch) => format!("`{}`", ch.escape_debug()),
                None => "a character".into(),
            },
            Some(Err(b)) => format!("byte 0x{b:02X}"),
            None => "end of input".into(),
        }
    }

    /// Skips to after the next `>` outside quotes (error recovery in declarations).
    fn skip_decl(&mut self) {
        let mut q: Option<u8> = None;
        while let Some(b) = self.peek() {
            match q {
                Some(x) if b == x => q = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => q = Some(b),
                None if b == b'>' => {
                    self.bump();
                    return;
                }
                None if b == b'<' || b == b']' => return,
                None => {}
            }
            if b == b'\n' {
                self.pos += 1;
                self.line += 1;
                self.col = 1;
            } else if b >= 0x80 {
                self.next_char();
            } else {
                self.bump();
            }
        }
    }

    fn keyword(&mut self, kw: &[u8]) -> bool {
        if !self.starts_with(kw) {
            return false;
        }
        match self.peek_at(kw.len()) {
            Some(b)
                if b.is_ascii_alphanumeric()
                    || b == b'_'
                    || b == b'-'
                    || b == b'.'
                    || b == b':' =>
            {
                false
            }
            _ => {
                self.bump_n(kw.len());
                true
            }
        }
    }

    /// Required whitespace; reports when missing.
    fn req_ws(&mut self, what: &str) -> bool {
        if self.skip_ws() {
            return true;
        }
        self.err_here("xml/dtd", format!("whitespace is required {what}"));
        false
    }

    /// A quoted literal: `Some(bytes)`; `pubid` restricts the characters.
    fn literal(&mut self, pubid: bool) -> Option<Vec<u8>> {
        let q = match self.peek() {
            Some(q @ (b'"' | b'\'')) => q,
            _ => {
                let found = self.here_desc();
                self.err_here(
                    "xml/dtd",
                    format!("expected a quoted literal, found {}", found),
                );
                return None;
            }
        };
        let (l, c) = (self.line, self.col);
        self.bump();
        let mut v = Vec::new();
        let mut bad = false;
        loop {
            let (cl, cc) = (self.line, self.col);
            let Some(b) = self.peek() else {
                self.err("xml/dtd", l, c, "literal is never closed".into());
                return None;
            };
            if b == q {
                self.bump();
                return Some(v);
            }
            if pubid && !is_pubid(b) && !bad {
                bad = true;
                let found = self.here_desc();
                self.err(
                    "xml/dtd",
                    cl,
                    cc,
                    format!("{} is not allowed in a public identifier", found),
                );
            }
            match self.next_char_into(&mut v) {
                Some(Ok(ch)) if is_char(ch) => {}
                Some(r) => self.bad_char(r, cl, cc, "literals"),
                None => {}
            }
        }
    }

    /// `SYSTEM "sys"` or `PUBLIC "pub" "sys"` (with `public_only`, the system literal is optional:
    /// notations). Returns the system literal.
    fn external_id(&mut self, public_only: bool) -> Option<Vec<u8>> {
        if self.keyword(b"SYSTEM") {
            if !self.req_ws("after SYSTEM") {
                return None;
            }
            let sys = self.literal(false)?;
            if sys.contains(&b'#') {
                self.err_here(
                    "xml/dtd",
                    "a system identifier must not contain a fragment `#`".into(),
                );
            }
            return Some(sys);
        }
        if self.keyword(b"PUBLIC") {
            if !self.req_ws("after PUBLIC") {
                return None;
            }
            let public = self.literal(true)?;
            let ws = self.skip_ws();
            if public_only && matches!(self.peek(), Some(b'>')) {
                return Some(public);
            }
            if !ws {
                self.err_here(
                    "xml/dtd",
                    "whitespace is required between the public and system identifiers".into(),
                );
            }
            return self.literal(false);
        }
        let found = self.here_desc();
        self.err_here(
            "xml/dtd",
            format!("expected SYSTEM or PUBLIC, found {}", found),
        );
        None
    }

    /// The internal subset, up to (not including) `]`; `top` is false inside a parameter entity.
    fn internal_subset(&mut self, top: bool) {
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(b']') if top => return,
                Some(_) => {
                    self.one_decl(top);
                }
            }
        }
    }

    /// One markup declaration, comment, PI or parameter-entity reference at the current
    /// position (after whitespace). False at the end of the input.
    pub(super) fn one_decl(&mut self, top: bool) -> bool {
        let (l, c) = (self.line, self.col);
        let Some(b) = self.peek() else {
            return false;
        };
        match b {
            b']' if top => return true,
            b'%' => self.pe_reference(l, c),
            b'<' => {
                if self.starts_with(b"<!--") {
                    self.comment_in_dtd();
                } else if self.starts_with(b"<?") {
                    self.pi();
                } else if self.starts_with(b"<!ENTITY") {
                    self.bump_n(8);
                    self.entity_decl(l, c);
                } else if self.starts_with(b"<!ELEMENT") {
                    self.bump_n(9);
                    self.element_decl();
                } else if self.starts_with(b"<!ATTLIST") {
                    self.bump_n(9);
                    self.attlist_decl();
                } else if self.starts_with(b"<!NOTATION") {
                    self.bump_n(10);
                    self.notation_decl();
                } else if self.starts_with(b"<![") {
                    self.err(
                        "xml/dtd",
                        l,
                        c,
                        "conditional sections are only allowed in the external subset".into(),
                    );
                    self.bump_n(3);
                    self.skip_decl();
                } else {
                    self.err("xml/dtd", l, c, "expected a markup declaration (<!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION), a comment or a PI".into());
                    self.bump();
                    self.skip_decl();
                }
            }
            _ => {
                let found = self.here_desc();
                self.err(
                    "xml/dtd",
                    l,
                    c,
                    format!("unexpected {} in the internal subset", found),
                );
                self.bump_any();
                self.skip_decl();
            }
        }
        true
    }

    fn bump_any(&mut self) {
        match self.peek() {
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                self.col = 1;
            }
            Some(b) if b >= 0x80 => {
                self.next_char();
            }
            Some(_) => self.bump(),
            None => {}
        }
    }

    fn pe_reference(&mut self, l: u64, c: u64) {
        self.bump();
        let mut name = Vec::new();
        if !self.name(&mut name) || self.peek() != Some(b';') {
            self.err(
                "xml/dtd",
                l,
                c,
                "malformed parameter-entity reference: expected `%name;`".into(),
            );
            self.skip_decl();
            return;
        }
        self.bump();
        self.dtd.has_pe_refs = true;
        match self.dtd.params.get(&name).cloned() {
            None => {
                if self.dtd.undeclared_is_error(false) || self.standalone() {
                    self.err(
                        "xml/entity-undeclared",
                        l,
                        c,
                        format!("parameter entity `%{};` is not declared", show(&name)),
                    );
                }
                self.dtd.stopped = !self.standalone();
            }
            Some(e) if e.external => {
                let read = self.dtd.local.is_some()
                    && self.read_external_decls(
                        &e.system,
                        e.base.as_deref(),
                        &format!("external parameter entity `%{};`", show(&name)),
                        l,
                        c,
                    );
                if !read {
                    self.dtd.unread = true;
                    // Not read: later declarations may depend on it.
                    self.dtd.stopped = !self.standalone();
                }
            }
            Some(e) => {
                if self.dtd.pe_depth >= 16 {
                    self.err(
                        "xml/entity-recursive",
                        l,
                        c,
                        format!(
                            "parameter entity `%{};` nests too deeply (recursion?)",
                            show(&name)
                        ),
                    );
                    return;
                }
                // Parse its replacement text as declarations.
                if !self.account_pe(e.value.len() as u64, &name, l, c) {
                    return;
                }
                let dtd = std::mem::take(&mut self.dtd);
                let opts = super::checker::Opts {
                    mode: self.mode(),
                    line: l,
                    col: c,
                    paths: false,
                    at_entity_start: false,
                };
                let mut sub = Parser::new(Cow::Borrowed(&e.value), None, opts, dtd);
                sub.dtd.pe_depth += 1;
                sub.internal_subset(false);
                sub.dtd.pe_depth -= 1;
                self.dtd = std::mem::take(&mut sub.dtd);
                for i in sub.out.issues.iter() {
                    if i.rule.starts_with("xml/invalid-") {
                        self.out.push_invalid(i.rule, l, c, i.message.clone());
                    }
                }
                let errs = sub.out.errors;
                if errs > 0 {
                    let (rule, first) = sub
                        .out
                        .issues
                        .iter()
                        .find(|i| i.level == super::checker::Level::Error)
                        .map(|i| (i.rule, i.message.clone()))
                        .unwrap_or(("xml/dtd", String::new()));
                    // Nested messages already name the innermost parameter entity.
                    let msg = if rule == "xml/entity-expansion"
                        || first.starts_with("the declarations in")
                    {
                        first
                    } else {
                        format!(
                            "the declarations in `%{};` are not well-formed: {first}",
                            show(&name)
                        )
                    };
                    self.err(rule, l, c, msg);
                }
            }
        }
    }

    /// Counts parameter-entity expansion; false (reported once) beyond the expansion limit.
    fn account_pe(&mut self, size: u64, name: &[u8], l: u64, c: u64) -> bool {
        self.dtd.pe_expanded = self.dtd.pe_expanded.saturating_add(size.max(16));
        if self.dtd.pe_expanded <= super::checker::EXPANSION_LIMIT {
            return true;
        }
        if !self.dtd.pe_bomb_reported {
            self.dtd.pe_bomb_reported = true;
            self.err(
                "xml/entity-expansion",
                l,
                c,
                format!(
                    "parameter-entity expansion bomb: references such as `%{};` expand to more than {} MiB; expansion stopped",
                    show(name),
                    super::checker::EXPANSION_LIMIT / (1024 * 1024)
                ),
            );
        }
        false
    }

    fn standalone(&self) -> bool {
        false
    }

    /// After `<!ENTITY`.
    fn entity_decl(&mut self, l: u64, c: u64) {
        if !self.req_ws("after <!ENTITY") {
            self.skip_decl();
            return;
        }
        let pe = if self.peek() == Some(b'%') {
            self.bump();
            if !self.req_ws("after `%` in a parameter-entity declaration") {
                self.skip_decl();
                return;
            }
            true
        } else {
            false
        };
        let mut name = Vec::new();
        if !self.name(&mut name) {
            self.err_here("xml/dtd", "<!ENTITY needs a name".into());
            self.skip_decl();
            return;
        }
        if name.contains(&b':') {
            self.err(
                "xml/namespace",
                l,
                c,
                format!("entity name `{}` must not contain `:`", show(&name)),
            );
        }
        if !self.req_ws("after the entity name") {
            self.skip_decl();
            return;
        }
        let entity = match self.peek() {
            Some(b'"' | b'\'') => match self.entity_value() {
                Some(v) => Entity {
                    value: v,
                    external: false,
                    unparsed: false,
                    system: Vec::new(),
                    base: None,
                    loaded: false,
                },
                None => {
                    self.skip_decl();
                    return;
                }
            },
            _ => {
                let (xl, xc) = (self.line, self.col);
                let Some(sys) = self.external_id(false) else {
                    self.skip_decl();
                    return;
                };
                let ws = self.skip_ws();
                let mut unparsed = false;
                if self.keyword(b"NDATA") {
                    if !ws {
                        self.err_here("xml/dtd", "whitespace is required before NDATA".into());
                    }
                    if pe {
                        self.err_here(
                            "xml/dtd",
                            "a parameter entity cannot be unparsed (NDATA)".into(),
                        );
                    }
                    self.req_ws("after NDATA");
                    let mut nn = Vec::new();
                    if !self.name(&mut nn) {
                        self.err_here("xml/dtd", "NDATA needs a notation name".into());
                    }
                    let (nl, nc) = (self.line, self.col);
                    self.dtd.decls.ndata.push((name.clone(), nn, nl, nc));
                    unparsed = true;
                }
                if !unparsed && self.dtd.local.is_none() {
                    self.warn(
                        "xml/xxe",
                        xl,
                        xc,
                        format!(
                            "external entity `{}{}` (\"{}\") is not read (XXE risk: gatekeep never fetches or opens it)",
                            if pe { "%" } else { "&" },
                            show(&name),
                            show(&sys)
                        ),
                    );
                }
                Entity {
                    value: Vec::new(),
                    external: true,
                    unparsed,
                    base: self.dtd.local.as_ref().map(|l| l.base.clone()),
                    system: sys,
                    loaded: false,
                }
            }
        };
        self.skip_ws();
        if self.peek() == Some(b'>') {
            self.bump();
        } else {
            let found = self.here_desc();
            self.err_here(
                "xml/dtd",
                format!(
                    "unexpected {} in <!ENTITY {}>: expected `>`",
                    found,
                    show(&name)
                ),
            );
            self.skip_decl();
        }
        if self.dtd.stopped {
            return;
        }
        let map = if pe {
            &mut self.dtd.params
        } else {
            &mut self.dtd.general
        };
        // The first declaration binds.
        if !pe && self.dtd.in_external > 0 && !map.contains_key(&name) {
            self.dtd.decls.ext_entities.insert(name.clone());
        }
        map.entry(name).or_insert(entity);
    }

    /// A quoted entity value: character references expanded, entity references kept.
    fn entity_value(&mut self) -> Option<Vec<u8>> {
        let q = self.peek()?;
        let (l, c) = (self.line, self.col);
        self.bump();
        let mut v = Vec::new();
        loop {
            let (cl, cc) = (self.line, self.col);
            let Some(b) = self.peek() else {
                self.err("xml/dtd", l, c, "entity value is never closed".into());
                return None;
            };
            if b == q {
                self.bump();
                return Some(v);
            }
            match b {
                b'%' if self.dtd.in_external > 0 => {
                    self.bump();
                    let mut n = Vec::new();
                    if !self.name(&mut n) || self.peek() != Some(b';') {
                        self.err(
                            "xml/dtd",
                            cl,
                            cc,
                            "malformed parameter-entity reference: expected `%name;`".into(),
                        );
                        continue;
                    }
                    self.bump();
                    if let Some(t) = self.pe_text(&n) {
                        v.extend_from_slice(&t);
                    }
                }
                b'%' => {
                    self.err("xml/dtd", cl, cc, "a parameter-entity reference is not allowed inside an entity value in the internal subset".into());
                    self.bump();
                }
                b'&' => {
                    // Character references are expanded now; entity references are kept.
                    let _ = self.reference();
                    let piece = std::mem::take(&mut self.last_ref);
                    v.extend_from_slice(&piece);
                }
                _ => match self.next_char_into(&mut v) {
                    Some(Ok(ch)) if is_char(ch) => {}
                    Some(r) => self.bad_char(r, cl, cc, "entity values"),
                    None => {}
                },
            }
        }
    }

    /// After `<!ELEMENT`.
    fn element_decl(&mut self) {
        if !self.req_ws("after <!ELEMENT") {
            self.skip_decl();
            return;
        }
        let mut name = Vec::new();
        if !self.name(&mut name) {
            self.err_here("xml/dtd", "<!ELEMENT needs an element name".into());
            self.skip_decl();
            return;
        }
        if !self.req_ws("after the element name") {
            self.skip_decl();
            return;
        }
        self.dtd.decls.model.clear();
        let ok = if self.keyword(b"EMPTY") {
            self.dtd.decls.model.extend_from_slice(b"EMPTY");
            true
        } else if self.keyword(b"ANY") {
            self.dtd.decls.model.extend_from_slice(b"ANY");
            true
        } else if self.peek() == Some(b'(') {
            self.content_model()
        } else {
            let found = self.here_desc();
            self.err_here(
                "xml/dtd",
                format!(
                    "expected EMPTY, ANY or a content model `(...)`, found {}",
                    found
                ),
            );
            false
        };
        if !ok {
            self.skip_decl();
            return;
        }
        self.skip_ws();
        if self.peek() == Some(b'>') {
            self.bump();
            if !self.dtd.stopped
                && !self.dtd.decls.add_element(&name, self.dtd.in_external > 0)
                && self.dtd.val.is_some()
            {
                let (l, c) = (self.line, self.col);
                self.out.push_invalid(
                    "xml/invalid-decl",
                    l,
                    c,
                    format!("element `{}` is declared more than once", show(&name)),
                );
            }
        } else {
            let found = self.here_desc();
            self.err_here(
                "xml/dtd",
                format!(
                    "unexpected {} in <!ELEMENT {}>: expected `>`",
                    found,
                    show(&name)
                ),
            );
            self.skip_decl();
        }
    }

    /// `( ... )` with its occurrence suffix, at the cursor.
    fn content_model(&mut self) -> bool {
        self.bump(); // (
        self.dtd.decls.model.push(b'(');
        self.skip_ws();
        if self.starts_with(b"#PCDATA") {
            self.bump_n(7);
            self.dtd.decls.model.extend_from_slice(b"#PCDATA");
            let mut names = 0;
            loop {
                self.skip_ws();
                match self.peek() {
                    Some(b')') => {
                        self.bump();
                        self.dtd.decls.model.push(b')');
                        if self.peek() == Some(b'*') {
                            self.bump();
                            self.dtd.decls.model.push(b'*');
                        } else if names > 0 {
                            self.err_here(
                                "xml/dtd",
                                "mixed content with element names must end with `)*`".into(),
                            );
                            return false;
                        }
                        return true;
                    }
                    Some(b'|') => {
                        self.bump();
                        self.skip_ws();
                        let mut n = Vec::new();
                        if !self.name(&mut n) {
                            self.err_here(
                                "xml/dtd",
                                "expected an element name after `|` in mixed content".into(),
                            );
                            return false;
                        }
                        names += 1;
                        self.dtd.decls.model.push(b'|');
                        self.dtd.decls.model.extend_from_slice(&n);
                    }
                    _ => {
                        let found = self.here_desc();
                        self.err_here(
                            "xml/dtd",
                            format!("unexpected {} in mixed content (#PCDATA | a | b)*", found),
                        );
                        return false;
                    }
                }
            }
        }
        self.children_group()
    }

    /// After `(` of a children group: cp (sep cp)* `)` [?*+].
    fn children_group(&mut self) -> bool {
        let mut sep: Option<u8> = None;
        loop {
            self.skip_ws();
            if !self.cp() {
                return false;
            }
            self.skip_ws();
            match self.peek() {
                Some(b')') => {
                    self.bump();
                    self.dtd.decls.model.push(b')');
                    if let Some(o @ (b'?' | b'*' | b'+')) = self.peek() {
                        self.bump();
                        self.dtd.decls.model.push(o);
                    }
                    return true;
                }
                Some(s @ (b'|' | b',')) => {
                    if sep.is_some_and(|x| x != s) {
                        self.err_here(
                            "xml/dtd",
                            "`|` and `,` cannot be mixed in one group of a content model".into(),
                        );
                        return false;
                    }
                    sep = Some(s);
                    self.bump();
                    self.dtd.decls.model.push(s);
                }
                _ => {
                    let found = self.here_desc();
                    self.err_here(
                        "xml/dtd",
                        format!("unexpected {} in a content model", found),
                    );
                    return false;
                }
            }
        }
    }

    fn cp(&mut self) -> bool {
        if self.peek() == Some(b'(') {
            if self.depth >= 256 {
                self.err_here(
                    "xml/dtd",
                    "content model groups nest more than 256 levels deep".into(),
                );
                return false;
            }
            self.bump();
            self.dtd.decls.model.push(b'(');
            self.skip_ws();
            self.depth += 1;
            let ok = self.children_group();
            self.depth -= 1;
            return ok;
        }
        let mut n = Vec::new();
        if !self.name(&mut n) {
            let found = self.here_desc();
            self.err_here(
                "xml/dtd",
                format!(
                    "expected an element name or `(` in a content model, found {}",
                    found
                ),
            );
            return false;
        }
        self.dtd.decls.model.extend_from_slice(&n);
        if let Some(o @ (b'?' | b'*' | b'+')) = self.peek() {
            self.bump();
            self.dtd.decls.model.push(o);
        }
        true
    }

    /// After `<!ATTLIST`.
    fn attlist_decl(&mut self) {
        if !self.req_ws("after <!ATTLIST") {
            self.skip_decl();
            return;
        }
        let mut el = Vec::new();
        if !self.name(&mut el) {
            self.err_here("xml/dtd", "<!ATTLIST needs an element name".into());
            self.skip_decl();
            return;
        }
        loop {
            let ws = self.skip_ws();
            if self.peek() == Some(b'>') {
                self.bump();
                return;
            }
            if !ws {
                self.err_here(
                    "xml/dtd",
                    "whitespace is required between attribute definitions".into(),
                );
                self.skip_decl();
                return;
            }
            let mut an = Vec::new();
            if !self.name(&mut an) {
                let found = self.here_desc();
                self.err_here(
                    "xml/dtd",
                    format!(
                        "expected an attribute name or `>` in <!ATTLIST {}>, found {}",
                        show(&el),
                        found
                    ),
                );
                self.skip_decl();
                return;
            }
            if !self.req_ws("after the attribute name") {
                self.skip_decl();
                return;
            }
            // Type.
            use super::validate::{AttDefault, AttType};
            let mut list = Vec::new();
            let mut ty = AttType::Cdata;
            let typed = if self.keyword(b"CDATA") {
                true
            } else if self.keyword(b"IDREFS") {
                ty = AttType::Idrefs;
                true
            } else if self.keyword(b"IDREF") {
                ty = AttType::Idref;
                true
            } else if self.keyword(b"ID") {
                ty = AttType::Id;
                true
            } else if self.keyword(b"ENTITIES") {
                ty = AttType::Entities;
                true
            } else if self.keyword(b"ENTITY") {
                ty = AttType::Entity;
                true
            } else if self.keyword(b"NMTOKENS") {
                ty = AttType::Nmtokens;
                true
            } else if self.keyword(b"NMTOKEN") {
                ty = AttType::Nmtoken;
                true
            } else if self.keyword(b"NOTATION") {
                let ok = self.req_ws("after NOTATION") && self.enumeration(true, &mut list);
                ty = AttType::Notation(std::mem::take(&mut list));
                ok
            } else if self.peek() == Some(b'(') {
                let ok = self.enumeration(false, &mut list);
                ty = AttType::Enum(std::mem::take(&mut list));
                ok
            } else {
                let found = self.here_desc();
                self.err_here(
                    "xml/dtd",
                    format!("expected an attribute type, found {}", found),
                );
                false
            };
            if !typed {
                self.skip_decl();
                return;
            }
            if !self.req_ws("after the attribute type") {
                self.skip_decl();
                return;
            }
            // Default.
            let record = !self.dtd.stopped;
            if self.keyword(b"#REQUIRED") {
                if record {
                    let ext = self.dtd.in_external > 0;
                    self.att_decl(
                        &el,
                        super::validate::AttDef {
                            name: an,
                            ty,
                            default: AttDefault::Required,
                            ext,
                        },
                    );
                }
                continue;
            }
            if self.keyword(b"#IMPLIED") {
                if record {
                    let ext = self.dtd.in_external > 0;
                    self.att_decl(
                        &el,
                        super::validate::AttDef {
                            name: an,
                            ty,
                            default: AttDefault::Implied,
                            ext,
                        },
                    );
                }
                continue;
            }
            let fixed = self.keyword(b"#FIXED");
            if fixed && !self.req_ws("after #FIXED") {
                self.skip_decl();
                return;
            }
            match self.peek() {
                Some(b'"' | b'\'') => {
                    let mut v = Vec::new();
                    self.attr_value(&an, true, &mut v);
                    if record {
                        let default = if fixed {
                            AttDefault::Fixed(v)
                        } else {
                            AttDefault::Value(v)
                        };
                        let ext = self.dtd.in_external > 0;
                        self.att_decl(
                            &el,
                            super::validate::AttDef {
                                name: an,
                                ty,
                                default,
                                ext,
                            },
                        );
                    }
                }
                _ => {
                    let found = self.here_desc();
                    self.err_here(
                        "xml/dtd",
                        format!(
                            "expected #REQUIRED, #IMPLIED, #FIXED or a quoted default, found {}",
                            found
                        ),
                    );
                    self.skip_decl();
                    return;
                }
            }
        }
    }

    fn enumeration(&mut self, names: bool, out: &mut Vec<Vec<u8>>) -> bool {
        if self.peek() != Some(b'(') {
            self.err_here("xml/dtd", "expected `(` starting an enumeration".into());
            return false;
        }
        self.bump();
        loop {
            self.skip_ws();
            let mut n = Vec::new();
            let ok = if names {
                self.name(&mut n)
            } else {
                self.nmtoken(&mut n)
            };
            out.push(n);
            if !ok {
                let found = self.here_desc();
                self.err_here(
                    "xml/dtd",
                    format!("expected a name token in an enumeration, found {}", found),
                );
                return false;
            }
            self.skip_ws();
            match self.peek() {
                Some(b'|') => self.bump(),
                Some(b')') => {
                    self.bump();
                    return true;
                }
                _ => {
                    let found = self.here_desc();
                    self.err_here("xml/dtd", format!("unexpected {} in an enumeration", found));
                    return false;
                }
            }
        }
    }

    fn nmtoken(&mut self, out: &mut Vec<u8>) -> bool {
        let mut any = false;
        while let Some(Ok(c)) = self.peek_char() {
            if !super::checker::is_name_char(c) {
                break;
            }
            self.next_char_into(out);
            any = true;
        }
        any
    }

    /// After `<!NOTATION`.
    fn notation_decl(&mut self) {
        if !self.req_ws("after <!NOTATION") {
            self.skip_decl();
            return;
        }
        let mut n = Vec::new();
        if !self.name(&mut n) {
            self.err_here("xml/dtd", "<!NOTATION needs a name".into());
            self.skip_decl();
            return;
        }
        if n.contains(&b':') {
            self.err_here(
                "xml/namespace",
                format!("notation name `{}` must not contain `:`", show(&n)),
            );
        }
        if !self.req_ws("after the notation name") {
            self.skip_decl();
            return;
        }
        self.dtd.decls.notations.insert(n.clone());
        if self.external_id(true).is_none() {
            self.skip_decl();
            return;
        }
        self.skip_ws();
        if self.peek() == Some(b'>') {
            self.bump();
        } else {
            let found = self.here_desc();
            self.err_here(
                "xml/dtd",
                format!("unexpected {} in <!NOTATION>: expected `>`", found),
            );
            self.skip_decl();
        }
    }
}
