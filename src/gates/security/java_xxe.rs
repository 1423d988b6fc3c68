//! Java XML parsers built from a factory that was not secured (see
//! [`rules::Special::JavaXmlFactory`](super::rules::Special::JavaXmlFactory)).
//!
//! A factory assigned to a variable is followed from its creation to the next assignment of a
//! factory to the same name (or the end of the file): the settings made on that variable in
//! between decide. A factory is secure when it refuses DOCTYPEs (`disallow-doctype-decl` true),
//! turns off both external-entity features, blocks external DTD access (`ACCESS_EXTERNAL_DTD`
//! `""`; for `TransformerFactory`/`SchemaFactory` also the stylesheet or schema, or
//! `FEATURE_SECURE_PROCESSING`), or, for StAX, turns off DTD support or external entities.
//! An explicit insecure setting (`disallow-doctype-decl` false, an external-entity feature or
//! `SUPPORT_DTD` true) is reported where it is made; a factory left unsecured is reported
//! where it builds a parser (`newDocumentBuilder()`…), or where it is created when it builds
//! none in view. A chained `DocumentBuilderFactory.newInstance().newDocumentBuilder()` cannot
//! have been secured. A factory that is returned or passed on unconfigured is not reported
//! (it may be secured elsewhere).

use regex::bytes::Regex;
use std::sync::OnceLock;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// DocumentBuilderFactory, SAXParserFactory, dom4j SAXReader, JDOM SAXBuilder, XMLReader.
    Sax,
    /// TransformerFactory, SchemaFactory.
    Transform,
    /// XMLInputFactory (StAX).
    Stax,
}

struct Res {
    create: Regex,
    chained: Regex,
}

fn res() -> Option<&'static Res> {
    static R: OnceLock<Option<Res>> = OnceLock::new();
    R.get_or_init(|| {
        Some(Res {
            create: Regex::new(
                r"(?-u)(?:\b([A-Za-z_]\w*)\s*=\s*)?(?:\b(?:[\w.]*\.)?(DocumentBuilderFactory|SAXParserFactory|XMLInputFactory|TransformerFactory|SchemaFactory)\s*\.\s*new(?:Instance|Factory|DefaultFactory)|\b(XMLReaderFactory)\s*\.\s*createXMLReader|\bnew\s+(SAXReader|SAXBuilder))\s*\(",
            )
            .ok()?,
            chained: Regex::new(
                r"(?-u)^\s*\)\s*\.\s*(?:newDocumentBuilder|newSAXParser|newTransformer|newTemplates|newSchema|createXML\w*Reader)\s*\(",
            )
            .ok()?,
        })
    })
    .as_ref()
}

fn settings(var: &str) -> Option<(Regex, Regex, Regex)> {
    let v = regex::escape(var);
    let call = format!(r"(?-u)\b{v}\s*\.\s*(?:setFeature|setAttribute|setProperty)\s*\(\s*");
    let secure = Regex::new(&format!(
        r#"{call}(?:"[^"]*disallow-doctype-decl"\s*,\s*(?:true|Boolean\.TRUE)|(?:XMLConstants\.)?ACCESS_EXTERNAL_DTD\s*,\s*""|"[^"]*accessExternalDTD"\s*,\s*""|(?:XMLInputFactory\.)?SUPPORT_DTD\s*,\s*(?:false|Boolean\.FALSE)|"javax\.xml\.stream\.supportDTD"\s*,\s*(?:false|Boolean\.FALSE)|(?:XMLInputFactory\.)?IS_SUPPORTING_EXTERNAL_ENTITIES\s*,\s*(?:false|Boolean\.FALSE)|"javax\.xml\.stream\.isSupportingExternalEntities"\s*,\s*(?:false|Boolean\.FALSE))"#
    ))
    .ok()?;
    // Settings that count only together (both external-entity features off; the transformer's
    // DTD and stylesheet/schema access both blocked), or only for transformers (secure
    // processing).
    let partial = Regex::new(&format!(
        r#"{call}(?:"[^"]*external-(general|parameter)-entities"\s*,\s*(?:false|Boolean\.FALSE)|(?:XMLConstants\.)?ACCESS_EXTERNAL_(STYLESHEET|SCHEMA)\s*,\s*""|"[^"]*accessExternal(Stylesheet|Schema)"\s*,\s*""|(?:XMLConstants\.)?(FEATURE_SECURE_PROCESSING)\s*,\s*(?:true|Boolean\.TRUE))"#
    ))
    .ok()?;
    let insecure = Regex::new(&format!(
        r#"{call}(?:"[^"]*disallow-doctype-decl"\s*,\s*(?:false|Boolean\.FALSE)|"[^"]*external-(?:general|parameter)-entities"\s*,\s*(?:true|Boolean\.TRUE)|(?:XMLInputFactory\.)?(?:SUPPORT_DTD|IS_SUPPORTING_EXTERNAL_ENTITIES)\s*,\s*(?:true|Boolean\.TRUE)|"javax\.xml\.stream\.(?:supportDTD|isSupportingExternalEntities)"\s*,\s*(?:true|Boolean\.TRUE))"#
    ))
    .ok()?;
    Some((secure, partial, insecure))
}

/// Offsets of the findings in a Java file (`text` the source, `view` its code view).
pub fn hits(text: &[u8], view: &[u8]) -> Vec<usize> {
    let Some(r) = res() else { return Vec::new() };
    // (variable, kind, creation offset, end of the creation call)
    let mut made: Vec<(Option<String>, Kind, usize, usize)> = Vec::new();
    for c in r.create.captures_iter(view) {
        let Some(whole) = c.get(0) else { continue };
        let class = c.get(2).or(c.get(3)).or(c.get(4));
        let kind = match class.map(|m| m.as_bytes()) {
            Some(b"XMLInputFactory") => Kind::Stax,
            Some(b"TransformerFactory" | b"SchemaFactory") => Kind::Transform,
            _ => Kind::Sax,
        };
        let var = c
            .get(1)
            .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned());
        let at = class.map_or(whole.start(), |m| m.start());
        // `whole` ends just after the call's `(`.
        let close = args_end(view, whole.end() - 1);
        made.push((var, kind, at, close));
    }
    let mut out = Vec::new();
    for (i, (var, kind, at, end)) in made.iter().enumerate() {
        let Some(var) = var else {
            // Unnamed: only a parser built on the spot is known to be unsecured.
            if r.chained.is_match(&view[*end..]) {
                out.push(*at);
            }
            continue;
        };
        let region_end = made[i + 1..]
            .iter()
            .find(|m| m.0.as_deref() == Some(var.as_str()))
            .map_or(text.len(), |m| m.2);
        let region = *end..region_end;
        let Some((secure, partial, insecure)) = settings(var) else {
            continue;
        };
        // A setting counts where the variable is code (not in a comment or a string).
        let code_at = |p: usize| view.get(p) == text.get(p);
        if let Some(m) = insecure
            .find_iter(&text[region.clone()])
            .find(|m| code_at(region.start + m.start()))
        {
            out.push(region.start + m.start());
            continue;
        }
        let dtd_blocked = secure
            .find_iter(&text[region.clone()])
            .any(|m| code_at(region.start + m.start()));
        // Partial settings seen: external general / parameter entities off, external
        // stylesheets or schemas blocked, secure processing on.
        let (mut general, mut parameter, mut stylesheet, mut fsp) = (false, false, false, false);
        for c in partial.captures_iter(&text[region.clone()]) {
            let Some(w) = c.get(0) else { continue };
            if !code_at(region.start + w.start()) {
                continue;
            }
            match c.get(1).map(|m| m.as_bytes()) {
                Some(b"general") => general = true,
                Some(b"parameter") => parameter = true,
                _ => {}
            }
            if c.get(2).is_some() || c.get(3).is_some() {
                stylesheet = true;
            }
            if c.get(4).is_some() {
                fsp = true;
            }
        }
        let secured = match kind {
            Kind::Sax => dtd_blocked || (general && parameter),
            // A transformer also needs its stylesheets or schemas blocked, or secure
            // processing, which blocks both.
            Kind::Transform => fsp || (dtd_blocked && stylesheet),
            Kind::Stax => dtd_blocked,
        };
        if secured {
            continue;
        }
        let uses = Regex::new(&format!(
            r"(?-u)\b{}\s*\.\s*(?:newDocumentBuilder|newSAXParser|newTransformer|newTemplates|newSchema|createXML\w*Reader|read|build|parse)\s*\(",
            regex::escape(var)
        ));
        let used = uses.ok().and_then(|u| {
            u.find(&view[region.clone()])
                .map(|m| region.start + m.start())
        });
        out.push(used.unwrap_or(*at));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The end (the closing parenthesis) of the argument list of the call whose `(` is the first
/// one at or after `from`, in the code view; at most 8 KiB on.
fn args_end(view: &[u8], from: usize) -> usize {
    let Some(open) = view
        .get(from..)
        .and_then(|s| s.iter().position(|&c| c == b'('))
    else {
        return 0;
    };
    let start = from + open + 1;
    let limit = (start + 8192).min(view.len());
    let mut depth = 0usize;
    for (k, &c) in view[start..limit].iter().enumerate() {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return start + k;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gates::security::tree;
    use ast_grep_language::SupportLang;

    /// The lines of the check's findings in `src` (statements, as in a method body), read
    /// through the code view the tree gives.
    fn lines(src: &str) -> Vec<usize> {
        let t = tree::parse(src, SupportLang::Java, tree::PARSE_BUDGET).expect("parses");
        let facts = tree::flow::Facts::new(&t, SupportLang::Java);
        let (text, view) = facts.code_view();
        assert_eq!(text, src);
        hits(src.as_bytes(), &view)
            .into_iter()
            .map(|o| src[..o].matches('\n').count() + 1)
            .collect()
    }

    #[test]
    fn unsecured_factory_is_reported_where_it_builds_a_parser() {
        let src = "class A {\n void a() {\n  DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();\n  dbf.setFeature(\"somethingElse\", true);\n  dbf.newDocumentBuilder();\n }\n void b() {\n  DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();\n  dbf.setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", true);\n  dbf.newDocumentBuilder();\n }\n}\n";
        assert_eq!(lines(src), [5]);
    }

    #[test]
    fn both_entity_features_off_is_secure_one_is_not() {
        let both = "SAXParserFactory spf = SAXParserFactory.newInstance();\nspf.setFeature(\"http://xml.org/sax/features/external-general-entities\", false);\nspf.setFeature(\"http://xml.org/sax/features/external-parameter-entities\", false);\nspf.newSAXParser();\n";
        assert!(lines(both).is_empty());
        let one = "SAXParserFactory spf = SAXParserFactory.newInstance();\nspf.setFeature(\"http://xml.org/sax/features/external-general-entities\", false);\nspf.newSAXParser();\n";
        assert_eq!(lines(one), [3]);
    }

    #[test]
    fn explicit_insecure_setting_is_reported_where_made() {
        let src = "DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();\ndbf.setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", false);\ndbf.newDocumentBuilder();\n";
        assert_eq!(lines(src), [2]);
        let stax = "final XMLInputFactory f = XMLInputFactory.newFactory();\nf.setProperty(XMLInputFactory.SUPPORT_DTD, true);\n";
        assert_eq!(lines(stax), [2]);
    }

    #[test]
    fn stax_and_transformers() {
        let ok = "final XMLInputFactory f = XMLInputFactory.newFactory();\nf.setProperty(XMLInputFactory.SUPPORT_DTD, false);\n";
        assert!(lines(ok).is_empty());
        let bare = "final XMLInputFactory f = XMLInputFactory.newFactory();\n";
        assert_eq!(lines(bare), [1]);
        let dtd_only = "TransformerFactory t = TransformerFactory.newInstance();\nt.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, \"\");\nt.newTransformer(src);\n";
        assert_eq!(lines(dtd_only), [3]);
        let both = "TransformerFactory t = TransformerFactory.newInstance();\nt.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, \"\");\nt.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, \"\");\nt.newTransformer(src);\n";
        assert!(lines(both).is_empty());
    }

    #[test]
    fn chained_commented_and_handed_over() {
        assert_eq!(
            lines(
                "DocumentBuilder b = DocumentBuilderFactory.newInstance().newDocumentBuilder();\n"
            ),
            [1]
        );
        // A secure setting in a comment does not count.
        let commented = "DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();\n// dbf.setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", true);\ndbf.newDocumentBuilder();\n";
        assert_eq!(lines(commented), [3]);
        // Returned for the caller to configure: not reported.
        assert!(lines("return DocumentBuilderFactory.newInstance();\n").is_empty());
        // In a string: not code.
        assert!(
            lines("String s = \"DocumentBuilderFactory.newInstance().newDocumentBuilder()\";\n")
                .is_empty()
        );
    }
}
