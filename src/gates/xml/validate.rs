//! DTD validity (`validate = "dtd"`): element content models, attribute types, required, fixed
//! and enumerated attributes, ID uniqueness and IDREF targets, against the document's DTD
//! (internal subset, and the local external one with `external = "local"`).
//!
//! Invalid is not the same as not well-formed: validity findings are counted apart (`invalid`),
//! at medium severity, with rule ids `xml/invalid-*`.

use super::checker::{Parser, is_name_char, is_name_start, show};

use std::collections::{HashMap, HashSet};

/// A declared attribute type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttType {
    Cdata,
    Id,
    Idref,
    Idrefs,
    Entity,
    Entities,
    Nmtoken,
    Nmtokens,
    Notation(Vec<Vec<u8>>),
    Enum(Vec<Vec<u8>>),
}

/// A declared attribute default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttDefault {
    Required,
    Implied,
    Fixed(Vec<u8>),
    Value(Vec<u8>),
}

/// One attribute definition of an `<!ATTLIST>`.
#[derive(Clone, Debug)]
pub struct AttDef {
    pub name: Vec<u8>,
    pub ty: AttType,
    pub default: AttDefault,
    /// Declared in external markup (standalone document declaration VC).
    pub ext: bool,
}

/// Occurrence suffix of a content particle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occ {
    One,
    Opt,
    Star,
    Plus,
}

/// A content particle of a children content model.
#[derive(Clone, Debug)]
pub enum Particle {
    Name(Vec<u8>, Occ),
    Seq(Vec<Particle>, Occ),
    Choice(Vec<Particle>, Occ),
}

/// A declared content specification.
#[derive(Clone, Debug)]
pub enum Content {
    Empty,
    Any,
    /// `(#PCDATA | a | b)*`.
    Mixed(Vec<Vec<u8>>),
    Children(Particle),
}

/// Element and attribute declarations of the DTD (the first declaration binds).
#[derive(Debug, Default)]
pub struct Decls {
    pub elements: HashMap<Vec<u8>, Content>,
    pub attlists: HashMap<Vec<u8>, Vec<AttDef>>,
    pub notations: HashSet<Vec<u8>>,
    /// A `<!DOCTYPE>` was seen, and its root element name.
    pub doctype: Option<Vec<u8>>,
    /// Scratch: the content model being declared, as compact text (`(a,(b|c)*)+`).
    pub model: Vec<u8>,
    /// Unparsed entities and their notations (entity, notation, line, col).
    pub ndata: Vec<(Vec<u8>, Vec<u8>, u64, u64)>,
    /// General entities declared in external markup.
    pub ext_entities: HashSet<Vec<u8>>,
    /// Elements with element content declared in external markup.
    pub ext_children: HashSet<Vec<u8>>,
    /// Mixed-content declarations that repeat a name (element, repeated name).
    pub mixed_dups: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Decls {
    /// The declared type of attribute `att` of element `el`.
    pub fn att_type(&self, el: &[u8], att: &[u8]) -> Option<&AttType> {
        self.attlists
            .get(el)?
            .iter()
            .find(|d| d.name == att)
            .map(|d| &d.ty)
    }
    /// Records an attribute definition (an earlier definition of the same attribute binds).
    pub fn add_att(&mut self, el: &[u8], def: AttDef) {
        let list = self.attlists.entry(el.to_vec()).or_default();
        if !list.iter().any(|d| d.name == def.name) {
            list.push(def);
        }
    }
    /// Records an element declaration from the compact model text (`EMPTY`, `ANY`, `(...)`).
    pub fn add_element(&mut self, name: &[u8], ext: bool) -> bool {
        let m = std::mem::take(&mut self.model);
        let content = match m.as_slice() {
            b"EMPTY" => Content::Empty,
            b"ANY" => Content::Any,
            _ if m.starts_with(b"(#PCDATA") => {
                let names: Vec<Vec<u8>> = m[8..]
                    .split(|&b| b == b'|' || b == b')' || b == b'*')
                    .filter(|n| !n.is_empty())
                    .map(<[u8]>::to_vec)
                    .collect();
                for (k, n) in names.iter().enumerate() {
                    if names[..k].contains(n) {
                        self.mixed_dups.push((name.to_vec(), n.clone()));
                    }
                }
                Content::Mixed(names)
            }
            _ => {
                let mut i = 0;
                match parse_particle(&m, &mut i, 0) {
                    Some(p) => Content::Children(p),
                    None => return true,
                }
            }
        };
        if self.elements.contains_key(name) {
            return false;
        }
        if ext && matches!(content, Content::Children(_)) {
            self.ext_children.insert(name.to_vec());
        }
        self.elements.insert(name.to_vec(), content);
        true
    }
}

fn occ(m: &[u8], i: &mut usize) -> Occ {
    let o = match m.get(*i) {
        Some(b'?') => Occ::Opt,
        Some(b'*') => Occ::Star,
        Some(b'+') => Occ::Plus,
        _ => return Occ::One,
    };
    *i += 1;
    o
}

fn parse_particle(m: &[u8], i: &mut usize, depth: u32) -> Option<Particle> {
    if depth > 300 {
        return None;
    }
    if m.get(*i) == Some(&b'(') {
        *i += 1;
        let mut items = Vec::new();
        let mut choice = false;
        loop {
            items.push(parse_particle(m, i, depth + 1)?);
            match m.get(*i)? {
                b'|' => choice = true,
                b',' => {}
                b')' => {
                    *i += 1;
                    let o = occ(m, i);
                    return Some(if choice {
                        Particle::Choice(items, o)
                    } else {
                        Particle::Seq(items, o)
                    });
                }
                _ => return None,
            }
            *i += 1;
        }
    }
    let start = *i;
    while *i < m.len() && !b"(),|?*+".contains(&m[*i]) {
        *i += 1;
    }
    if *i == start {
        return None;
    }
    let name = m[start..*i].to_vec();
    Some(Particle::Name(name, occ(m, i)))
}

/// One match step of a particle (without its occurrence suffix).
type Step<'a> = Box<dyn Fn(&HashSet<usize>, &mut u32) -> HashSet<usize> + 'a>;

/// End positions reachable by matching `p` against `seq` from each start in `from`.
fn matches(
    p: &Particle,
    seq: &[Vec<u8>],
    from: &HashSet<usize>,
    budget: &mut u32,
) -> HashSet<usize> {
    let (o, once): (Occ, Step<'_>) = match p {
        Particle::Name(n, o) => (
            *o,
            Box::new(move |f: &HashSet<usize>, _b: &mut u32| {
                f.iter()
                    .filter(|&&k| seq.get(k).is_some_and(|x| x == n))
                    .map(|k| k + 1)
                    .collect()
            }),
        ),
        Particle::Seq(items, o) => (
            *o,
            Box::new(move |f: &HashSet<usize>, b: &mut u32| {
                let mut cur = f.clone();
                for it in items {
                    if cur.is_empty() {
                        break;
                    }
                    cur = matches(it, seq, &cur, b);
                }
                cur
            }),
        ),
        Particle::Choice(items, o) => (
            *o,
            Box::new(move |f: &HashSet<usize>, b: &mut u32| {
                let mut out = HashSet::new();
                for it in items {
                    out.extend(matches(it, seq, f, b));
                }
                out
            }),
        ),
    };
    *budget = budget.saturating_sub(1);
    if *budget == 0 {
        return HashSet::new();
    }
    match o {
        Occ::One => once(from, budget),
        Occ::Opt => {
            let mut r = once(from, budget);
            r.extend(from.iter().copied());
            r
        }
        Occ::Star | Occ::Plus => {
            let mut all: HashSet<usize> = if o == Occ::Star {
                from.clone()
            } else {
                HashSet::new()
            };
            let mut frontier = once(from, budget);
            while !frontier.is_empty() && *budget > 0 {
                let new: HashSet<usize> = frontier.difference(&all).copied().collect();
                all.extend(frontier.iter().copied());
                if new.is_empty() {
                    break;
                }
                frontier = once(&new, budget);
            }
            all
        }
    }
}

/// Whether `seq` matches the children content model `p`.
pub fn model_matches(p: &Particle, seq: &[Vec<u8>]) -> bool {
    let mut budget = 200_000u32;
    let from: HashSet<usize> = [0].into_iter().collect();
    matches(p, seq, &from, &mut budget).contains(&seq.len())
}

/// Content seen in one element (or one entity's replacement text).
#[derive(Clone, Debug, Default)]
pub struct Frame {
    pub name: Vec<u8>,
    pub children: Vec<Vec<u8>>,
    /// Character data other than whitespace (or any CDATA section / character reference).
    pub text: bool,
    /// Any character data at all, or a comment/PI/reference (for EMPTY).
    pub anything: bool,
    pub line: u64,
    pub col: u64,
    /// Whitespace-only character data seen (standalone VC for element content).
    pub ws: bool,
}

/// Document-wide validation state (IDs and references).
#[derive(Debug, Default)]
pub struct State {
    pub ids: HashSet<Vec<u8>>,
    pub idrefs: Vec<(Vec<u8>, u64, u64)>,
    /// What the top level of each entity's replacement text holds (for the referencing element).
    pub summaries: HashMap<Vec<u8>, Frame>,
    pub root_checked: bool,
}

/// A Name without `:` (Namespaces 1.0: ID, IDREF, ENTITY and NOTATION values are NCNames).
fn is_name(v: &[u8]) -> bool {
    let s = String::from_utf8_lossy(v);
    let mut ch = s.chars();
    !v.contains(&b':')
        && ch.next().is_some_and(|c| is_name_start(c as u32))
        && ch.all(|c| is_name_char(c as u32))
}

/// Expands entity and character references in an attribute value as written (entity values
/// keep their references), up to a depth and size bound.
pub fn expand_refs(dtd: &super::dtd::Dtd, v: &[u8], depth: u32, out: &mut Vec<u8>) {
    let mut i = 0;
    while i < v.len() {
        if out.len() > 1 << 20 {
            return;
        }
        if v[i] == b'&'
            && let Some(k) = v[i..].iter().position(|&b| b == b';')
        {
            let inner = &v[i + 1..i + k];
            let piece: Option<Vec<u8>> = match inner {
                b"lt" => Some(b"<".to_vec()),
                b"gt" => Some(b">".to_vec()),
                b"amp" => Some(b"&".to_vec()),
                b"quot" => Some(b"\"".to_vec()),
                b"apos" => Some(b"'".to_vec()),
                _ if inner.first() == Some(&b'#') => {
                    let t = String::from_utf8_lossy(&inner[1..]).into_owned();
                    let n = match t.strip_prefix('x') {
                        Some(h) => u32::from_str_radix(h, 16).ok(),
                        None => t.parse().ok(),
                    };
                    n.and_then(char::from_u32)
                        .map(|c| c.to_string().into_bytes())
                }
                _ => None,
            };
            if let Some(p) = piece {
                out.extend_from_slice(&p);
                i += k + 1;
                continue;
            }
            if depth < 16
                && let Some(val) = dtd.value(inner)
            {
                expand_refs(dtd, &val, depth + 1, out);
                i += k + 1;
                continue;
            }
        }
        out.push(v[i]);
        i += 1;
    }
}

fn is_nmtoken(v: &[u8]) -> bool {
    !v.is_empty()
        && String::from_utf8_lossy(v)
            .chars()
            .all(|c| is_name_char(c as u32))
}

/// Attribute-value normalisation for a non-CDATA type: trim and collapse spaces.
pub fn normalize_tokens(v: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len());
    for tok in v
        .split(|&b| b == b' ' || b == b'\t' || b == b'\n' || b == b'\r')
        .filter(|t| !t.is_empty())
    {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(tok);
    }
    out
}

impl Parser<'_, '_> {
    pub(super) fn validating(&self) -> bool {
        self.dtd.val.is_some()
    }

    fn invalid(&mut self, rule: &'static str, l: u64, c: u64, msg: String) {
        self.out.push_invalid(rule, l, c, msg);
    }

    /// A start tag: element declared, root type, attributes valid. `attrs` are (name, value,
    /// line, col) with values as written (entity references expanded one level).
    pub(super) fn v_start(
        &mut self,
        name: &[u8],
        attrs: &[(&[u8], &[u8], u64, u64)],
        l: u64,
        c: u64,
    ) {
        if self.v_stack_is_empty() && self.is_document_mode() {
            self.v_dtd_checks(l, c);
            let doctype = self.dtd.decls.doctype.clone();
            match doctype {
                None => self.invalid(
                    "xml/invalid-no-dtd",
                    l,
                    c,
                    "the document has no DOCTYPE: nothing to validate against".into(),
                ),
                Some(d) if d != name => self.invalid(
                    "xml/invalid-root",
                    l,
                    c,
                    format!(
                        "the root element is <{}> but the DOCTYPE names `{}`",
                        show(name),
                        show(&d)
                    ),
                ),
                _ => {}
            }
        }
        self.v_parent_mut(|f| {
            f.children.push(name.to_vec());
            f.anything = true;
        });
        let has_dtd = self.dtd.decls.doctype.is_some();
        if has_dtd && !self.dtd.decls.elements.contains_key(name) {
            self.invalid(
                "xml/invalid-undeclared",
                l,
                c,
                format!("element <{}> is not declared in the DTD", show(name)),
            );
        }
        // Attributes.
        let defs = self
            .dtd
            .decls
            .attlists
            .get(name)
            .cloned()
            .unwrap_or_default();
        for &(an, av, al, ac) in attrs {
            let Some(def) = defs.iter().find(|d| d.name == an) else {
                if has_dtd {
                    self.invalid(
                        "xml/invalid-undeclared",
                        al,
                        ac,
                        format!(
                            "attribute `{}` of <{}> is not declared in the DTD",
                            show(an),
                            show(name)
                        ),
                    );
                }
                continue;
            };
            let mut expanded = Vec::new();
            expand_refs(&self.dtd, av, 0, &mut expanded);
            let av = expanded.as_slice();
            if def.ext
                && def.ty != AttType::Cdata
                && self.is_standalone()
                && normalize_tokens(av) != av
            {
                self.invalid(
                    "xml/invalid-standalone",
                    al,
                    ac,
                    format!(
                        "standalone=\"yes\", but attribute `{}` is declared in external markup and its value changes under normalisation",
                        show(an)
                    ),
                );
            }
            let v: Vec<u8> = if def.ty == AttType::Cdata {
                av.iter()
                    .map(|&b| {
                        if b == b'\t' || b == b'\r' || b == b'\n' {
                            b' '
                        } else {
                            b
                        }
                    })
                    .collect()
            } else {
                normalize_tokens(av)
            };
            self.v_att_type(name, def, &v, al, ac);
            if let AttDefault::Fixed(f) = &def.default {
                let fixed = if def.ty == AttType::Cdata {
                    f.clone()
                } else {
                    normalize_tokens(f)
                };
                if v != fixed {
                    self.invalid(
                        "xml/invalid-fixed",
                        al,
                        ac,
                        format!(
                            "attribute `{}` of <{}> is #FIXED \"{}\" but is \"{}\"",
                            show(an),
                            show(name),
                            show(&fixed),
                            show(&v)
                        ),
                    );
                }
            }
        }
        for def in &defs {
            let given = attrs.iter().any(|a| a.0 == def.name);
            if !given
                && def.ext
                && self.is_standalone()
                && matches!(def.default, AttDefault::Fixed(_) | AttDefault::Value(_))
            {
                self.invalid(
                    "xml/invalid-standalone",
                    l,
                    c,
                    format!(
                        "standalone=\"yes\", but <{}> takes the default of attribute `{}` from external markup",
                        show(name),
                        show(&def.name)
                    ),
                );
            }
            if def.default == AttDefault::Required && !given {
                self.invalid(
                    "xml/invalid-required",
                    l,
                    c,
                    format!(
                        "<{}> lacks the #REQUIRED attribute `{}`",
                        show(name),
                        show(&def.name)
                    ),
                );
            }
        }
        self.v_push(Frame {
            name: name.to_vec(),
            line: l,
            col: c,
            ..Frame::default()
        });
    }

    fn v_att_type(&mut self, el: &[u8], def: &AttDef, v: &[u8], l: u64, c: u64) {
        let what = format!("attribute `{}` of <{}>", show(&def.name), show(el));
        let tokens: Vec<&[u8]> = v.split(|&b| b == b' ').filter(|t| !t.is_empty()).collect();
        let bad = |m: String| Some(m);
        let problem: Option<String> = match &def.ty {
            AttType::Cdata => None,
            AttType::Id => {
                if !is_name(v) {
                    bad(format!("{what} is an ID but \"{}\" is not a name", show(v)))
                } else if let Some(st) = self.dtd.val.as_mut() {
                    if !st.ids.insert(v.to_vec()) {
                        self.invalid(
                            "xml/invalid-id",
                            l,
                            c,
                            format!("ID \"{}\" ({what}) is used twice in the document", show(v)),
                        );
                    }
                    None
                } else {
                    None
                }
            }
            AttType::Idref | AttType::Idrefs => {
                let multi = def.ty == AttType::Idrefs;
                if tokens.is_empty()
                    || (!multi && tokens.len() != 1)
                    || !tokens.iter().all(|t| is_name(t))
                {
                    bad(format!(
                        "{what} must be {} but is \"{}\"",
                        if multi { "a list of names" } else { "a name" },
                        show(v)
                    ))
                } else {
                    if let Some(st) = self.dtd.val.as_mut() {
                        for t in &tokens {
                            st.idrefs.push((t.to_vec(), l, c));
                        }
                    }
                    None
                }
            }
            AttType::Entity | AttType::Entities => {
                let multi = def.ty == AttType::Entities;
                if tokens.is_empty() || (!multi && tokens.len() != 1) {
                    bad(format!(
                        "{what} must name {} unparsed entity",
                        if multi { "at least one" } else { "one" }
                    ))
                } else {
                    tokens
                        .iter()
                        .find(|t| !self.dtd.general(t).is_some_and(|e| e.unparsed))
                        .map(|t| {
                            format!(
                                "{what}: `{}` is not a declared unparsed (NDATA) entity",
                                show(t)
                            )
                        })
                }
            }
            AttType::Nmtoken => (!(tokens.len() == 1 && is_nmtoken(tokens[0])))
                .then(|| format!("{what} must be a name token but is \"{}\"", show(v))),
            AttType::Nmtokens => (tokens.is_empty() || !tokens.iter().all(|t| is_nmtoken(t)))
                .then(|| format!("{what} must be name tokens but is \"{}\"", show(v))),
            AttType::Notation(list) | AttType::Enum(list) => {
                (!list.iter().any(|x| x == v)).then(|| {
                    format!(
                        "{what} must be one of ({}) but is \"{}\"",
                        list.iter().map(|x| show(x)).collect::<Vec<_>>().join(" | "),
                        show(v)
                    )
                })
            }
        };
        if let Some(m) = problem {
            self.invalid("xml/invalid-attr", l, c, m);
        }
    }

    /// Character data between `start` and the cursor (in-memory input only).
    pub(super) fn v_text(&mut self, start: usize) {
        let Some(bytes) = self.buf.get(start..self.pos) else {
            return;
        };
        if bytes.is_empty() {
            return;
        }
        let non_ws = bytes
            .iter()
            .any(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        self.v_parent_mut(|f| {
            f.anything = true;
            f.text |= non_ws;
            f.ws |= !non_ws;
        });
    }

    /// Character data that is never whitespace in element content (CDATA, character references).
    pub(super) fn v_chardata(&mut self) {
        self.v_parent_mut(|f| {
            f.anything = true;
            f.text = true;
        });
    }

    /// A comment or PI: content for EMPTY only.
    pub(super) fn v_misc(&mut self) {
        self.v_parent_mut(|f| f.anything = true);
    }

    /// An entity reference in content: what its replacement text holds.
    pub(super) fn v_entity(&mut self, name: &[u8]) {
        let s = self
            .dtd
            .val
            .as_ref()
            .and_then(|st| st.summaries.get(name).cloned());
        self.v_parent_mut(|f| {
            f.anything = true;
            if let Some(s) = s {
                f.children.extend(s.children);
                f.text |= s.text;
            }
        });
    }

    /// An element closes: its content against its declaration.
    pub(super) fn v_end(&mut self) {
        let Some(f) = self.v_pop() else { return };
        let Some(content) = self.dtd.decls.elements.get(&f.name).cloned() else {
            return;
        };
        let problem = match &content {
            Content::Any => None,
            Content::Empty => f
                .anything
                .then(|| format!("<{}> is declared EMPTY but has content", show(&f.name))),
            Content::Mixed(names) => f.children.iter().find(|ch| !names.contains(ch)).map(|ch| {
                format!(
                    "<{}> is not allowed in <{}> (mixed content: #PCDATA{})",
                    show(ch),
                    show(&f.name),
                    names
                        .iter()
                        .map(|n| format!(" | {}", show(n)))
                        .collect::<String>()
                )
            }),
            Content::Children(p) => {
                if f.ws && self.is_standalone() && self.dtd.decls.ext_children.contains(&f.name) {
                    self.invalid(
                        "xml/invalid-standalone",
                        f.line,
                        f.col,
                        format!("standalone=\"yes\", but <{}> has element content declared in external markup and holds whitespace", show(&f.name)),
                    );
                }
                if f.text {
                    Some(format!(
                        "<{}> has element content but holds character data",
                        show(&f.name)
                    ))
                } else if !model_matches(p, &f.children) {
                    Some(format!(
                        "the children of <{}> ({}) do not match its content model",
                        show(&f.name),
                        if f.children.is_empty() {
                            "none".to_string()
                        } else {
                            f.children
                                .iter()
                                .map(|c| show(c))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ))
                } else {
                    None
                }
            }
        };
        if let Some(m) = problem {
            self.invalid("xml/invalid-content", f.line, f.col, m);
        }
    }

    /// Declaration-level validity constraints, once the DTD is complete.
    fn v_dtd_checks(&mut self, l: u64, c: u64) {
        let mut found: Vec<(u64, u64, String)> = Vec::new();
        let decls = &self.dtd.decls;
        for (el, n) in &decls.mixed_dups {
            found.push((
                l,
                c,
                format!("mixed content of <{}> names `{}` twice", show(el), show(n)),
            ));
        }
        for (ent, nn, nl, nc) in &decls.ndata {
            if !decls.notations.contains(nn) {
                found.push((
                    *nl,
                    *nc,
                    format!(
                        "unparsed entity `{}` uses the undeclared notation `{}`",
                        show(ent),
                        show(nn)
                    ),
                ));
            }
        }
        let mut els: Vec<&Vec<u8>> = decls.attlists.keys().collect();
        els.sort();
        for el in els {
            let defs = &decls.attlists[el];
            let ids = defs.iter().filter(|d| d.ty == AttType::Id).count();
            if ids > 1 {
                found.push((
                    l,
                    c,
                    format!("<{}> declares more than one ID attribute", show(el)),
                ));
            }
            let notations = defs
                .iter()
                .filter(|d| matches!(d.ty, AttType::Notation(_)))
                .count();
            if notations > 1 {
                found.push((
                    l,
                    c,
                    format!("<{}> declares more than one NOTATION attribute", show(el)),
                ));
            }
            for d in defs {
                let what = format!("attribute `{}` of <{}>", show(&d.name), show(el));
                if d.ty == AttType::Id
                    && matches!(d.default, AttDefault::Fixed(_) | AttDefault::Value(_))
                {
                    found.push((
                        l,
                        c,
                        format!("{what} is an ID and must be #IMPLIED or #REQUIRED"),
                    ));
                }
                if let AttType::Notation(list) | AttType::Enum(list) = &d.ty {
                    for (k, t) in list.iter().enumerate() {
                        if list[..k].contains(t) {
                            found.push((l, c, format!("{what} lists `{}` twice", show(t))));
                        }
                    }
                }
                if let AttType::Notation(list) = &d.ty {
                    for t in list {
                        if !decls.notations.contains(t) {
                            found.push((
                                l,
                                c,
                                format!("{what} names the undeclared notation `{}`", show(t)),
                            ));
                        }
                    }
                    if decls
                        .elements
                        .get(el)
                        .is_some_and(|e| matches!(e, Content::Empty))
                    {
                        found.push((
                            l,
                            c,
                            format!("{what} is a NOTATION attribute of an EMPTY element"),
                        ));
                    }
                }
                if let AttDefault::Fixed(v) | AttDefault::Value(v) = &d.default {
                    let mut x = Vec::new();
                    expand_refs(&self.dtd, v, 0, &mut x);
                    if let Some(m) = default_problem(d, &x) {
                        found.push((l, c, format!("the default of {what} is not legal: {m}")));
                    }
                }
            }
        }
        for (fl, fc, m) in found {
            self.invalid("xml/invalid-decl", fl, fc, m);
        }
    }

    /// At the end of the document: every IDREF names an ID.
    pub(super) fn v_finish(&mut self) {
        let Some(st) = self.dtd.val.as_mut() else {
            return;
        };
        let refs = std::mem::take(&mut st.idrefs);
        let missing: Vec<_> = refs
            .into_iter()
            .filter(|(r, _, _)| !st.ids.contains(r))
            .collect();
        for (r, l, c) in missing {
            self.invalid(
                "xml/invalid-idref",
                l,
                c,
                format!("IDREF \"{}\" names no ID in the document", show(&r)),
            );
        }
    }
}

/// Why a declared default value does not fit its attribute type.
fn default_problem(d: &AttDef, v: &[u8]) -> Option<String> {
    let n = normalize_tokens(v);
    let toks: Vec<&[u8]> = n.split(|&b| b == b' ').filter(|t| !t.is_empty()).collect();
    let ok = match &d.ty {
        AttType::Cdata => true,
        AttType::Id | AttType::Idref => toks.len() == 1 && is_name(toks[0]),
        AttType::Idrefs => !toks.is_empty() && toks.iter().all(|t| is_name(t)),
        // A default naming an entity is only checked for syntax (the entity is checked where
        // the default is used: XML 1.0 erratum E9/E06).
        AttType::Entity => toks.len() == 1 && is_name(toks[0]),
        AttType::Entities => !toks.is_empty() && toks.iter().all(|t| is_name(t)),
        AttType::Nmtoken => toks.len() == 1 && is_nmtoken(toks[0]),
        AttType::Nmtokens => !toks.is_empty() && toks.iter().all(|t| is_nmtoken(t)),
        AttType::Notation(list) | AttType::Enum(list) => list.contains(&n),
    };
    (!ok).then(|| format!("\"{}\" does not fit its type", show(v)))
}
