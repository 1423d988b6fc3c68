//! Character and entity references in content and attribute values: declared, predefined and
//! HTML entities, expansion limits and recursion.

use super::*;

impl<'a, 'r> Parser<'a, 'r> {
    /// `&...;` in content.
    pub(super) fn reference_in_content(&mut self) {
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

    pub(super) fn reference_in_attr(&mut self) {
        let (l, c) = (self.line, self.col);
        if let Ref::Named(name) = self.reference()
            && !predefined(&name)
        {
            self.named_entity_in_attr(&name, l, c);
        }
    }

    /// Parses `&#N;`, `&#xH;` or `&name;` at the cursor, reporting syntax errors.
    pub(in crate::gates::xml) fn reference(&mut self) -> Ref {
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

    pub(super) fn undeclared(&mut self, name: &[u8], l: u64, c: u64) {
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

    pub(super) fn named_entity_in_content(&mut self, name: &[u8], l: u64, c: u64) {
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
                        self.dtd.set_memo(
                            name,
                            crate::gates::xml::dtd::Memo::Done { ok: true, size: 0 },
                        );
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

    pub(super) fn account(&mut self, size: u64, name: &[u8], l: u64, c: u64) {
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
            Some(crate::gates::xml::dtd::Memo::InProgress) => return EntCheck::Recursive,
            Some(crate::gates::xml::dtd::Memo::Done { ok: true, size }) => {
                return EntCheck::Ok(size);
            }
            Some(crate::gates::xml::dtd::Memo::Done { ok: false, .. }) => {
                return EntCheck::Bad(None);
            }
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
        self.dtd
            .set_memo(name, crate::gates::xml::dtd::Memo::InProgress);
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
        self.dtd
            .set_memo(name, crate::gates::xml::dtd::Memo::Done { ok, size });
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

    pub(super) fn named_entity_in_attr(&mut self, name: &[u8], l: u64, c: u64) {
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
}

enum EntCheck {
    Ok(u64),
    Recursive,
    /// Not well-formed; the message when this is the first time.
    Bad(Option<String>),
}

pub(super) fn is_html_entity(name: &[u8]) -> bool {
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
