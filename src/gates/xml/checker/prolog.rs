//! Comments, CDATA sections, processing instructions, the XML declaration and the DOCTYPE.

use super::*;

impl<'a, 'r> Parser<'a, 'r> {
    pub(super) fn comment(&mut self) {
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

    pub(in crate::gates::xml) fn comment_in_dtd(&mut self) {
        self.comment();
    }

    pub(super) fn cdata(&mut self) {
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
    pub(in crate::gates::xml) fn pi(&mut self) {
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

    pub(super) fn xml_decl(&mut self) {
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

    pub(super) fn doctype(&mut self) {
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
}
