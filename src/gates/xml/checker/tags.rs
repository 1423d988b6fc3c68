//! Start and end tags, attribute values, namespaces and qualified names.

use super::*;

impl<'a, 'r> Parser<'a, 'r> {
    pub(super) fn start_tag(&mut self, bad_start: bool) {
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

    pub(super) fn record_path(&mut self) {
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

    pub(super) fn pop(&mut self) {
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

    pub(super) fn top_name(&self) -> &[u8] {
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
    pub(super) fn skip_to_tag_end(&mut self) -> bool {
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
    pub(in crate::gates::xml) fn attr_value(
        &mut self,
        an: &[u8],
        collect: bool,
        val: &mut Vec<u8>,
    ) {
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

    pub(super) fn end_tag(&mut self) {
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

    pub(super) fn namespaces(&mut self, name: &[u8], l: u64, c: u64, attrs: &[Attr]) {
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
                Some(t) if *t != crate::gates::xml::validate::AttType::Cdata => {
                    normalized = Attr {
                        name: a.name.clone(),
                        value: crate::gates::xml::validate::normalize_tokens(&a.value),
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

    pub(super) fn check_qname(&mut self, name: &[u8], l: u64, c: u64, element: bool) {
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
}
