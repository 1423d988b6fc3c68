//! JavaScript and TypeScript: exported functions, classes and their public members, interfaces
//! and their members, type aliases, enums and their members, and exported variables — the kinds
//! TypeDoc's `notDocumented` validation requires by default (Enum, EnumMember, Variable,
//! Function, Class, Interface, Property, Method, Accessor, TypeAlias). A `/** … */` JSDoc block
//! in the comments right before the item documents it; `//` and `/* */` do not.
//!
//! A tokenizer that knows strings, template literals (with nested `${}`), regular-expression
//! literals and comments feeds a scan of the declarations at module level and inside
//! `namespace`/`module` blocks. Names exported later with `export { a, b as c }` count too.
//! Each overload signature counts (as TypeDoc checks each signature), documented by its own
//! comment or the first overload's; an implementation counts only when it has no overloads. A
//! getter and a setter are two items, each documented by its own comment. Members a class or interface inherits from one declared in the same file are
//! listed under it as well, as TypeDoc does.

use super::Item;
use super::js_lex::{K, Tok, lex};
use std::collections::{HashMap, HashSet};

/// A declaration found at module (or namespace) level.
struct Decl {
    item: Item,
    exported: bool,
    /// Top-level name, for `export { name }`.
    local: String,
    /// Members (class/interface/enum), counted when the declaration is.
    members: Vec<Item>,
    /// A function with a body (an implementation, not an overload signature).
    has_body: bool,
    /// Classes and interfaces: the names it `extends`.
    extends: Vec<String>,
    /// The outermost namespace it is declared in, and whether that body is ambient (`declare`),
    /// where every declaration is exported without the keyword.
    ns: Option<(String, bool)>,
}

/// One signature of a function or method.
struct Sig {
    line: u32,
    doc: bool,
    has_body: bool,
}

enum Entry {
    Item(Item),
    /// All signatures of one function or method name, in order.
    Sigs(String, Vec<Sig>),
}

/// Functions and methods by name, as TypeDoc sees them: each overload signature is an item of
/// its own; the implementation's signature counts only when there are no overloads.
#[derive(Default)]
struct Signatures {
    order: Vec<Entry>,
}

impl Signatures {
    fn add(&mut self, name: String, sig: Sig) {
        for e in self.order.iter_mut() {
            if let Entry::Sigs(n, v) = e
                && *n == name
            {
                v.push(sig);
                return;
            }
        }
        self.order.push(Entry::Sigs(name, vec![sig]));
    }

    fn finish(self, kind: &'static str) -> Vec<Item> {
        let mut out = Vec::new();
        for e in self.order {
            match e {
                Entry::Item(i) => out.push(i),
                Entry::Sigs(name, v) => {
                    let overloads = v.iter().any(|s| !s.has_body);
                    let counted: Vec<&Sig> =
                        v.iter().filter(|s| !overloads || !s.has_body).collect();
                    // TypeDoc takes the first declaration's comment for the function itself,
                    // and a signature without its own comment inherits the function's: a
                    // documented first overload covers the others, a later one only itself.
                    let first_doc = counted.first().is_some_and(|s| s.doc);
                    for s in counted {
                        out.push(Item::new(s.line, kind, name.clone(), s.doc || first_doc));
                    }
                }
            }
        }
        out
    }
}

struct Parser<'a> {
    t: Vec<Tok<'a>>,
    decls: Vec<Decl>,
    export_names: HashSet<String>,
    /// Module-level links to other files, for `ts_mode = "entry"`.
    links: Links,
    /// The namespace being scanned (see `Decl::ns`).
    ns: Option<(String, bool)>,
    /// Namespaces declared with `export` at module level.
    exported_ns: HashSet<String>,
}

/// What a module exports by name and what it takes from other modules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// `export { local as exported }` and `export default local;`: (local, exported).
    pub local_exports: Vec<(String, String)>,
    /// `export * from "spec"` (also `export * as ns from`).
    pub star_from: Vec<String>,
    /// `export { name as exported } from "spec"`: (spec, name, exported).
    pub named_from: Vec<(String, String, String)>,
    /// `import { name as local } from "spec"` / `import local from "spec"` (name `default`):
    /// local -> (spec, name).
    pub imports: HashMap<String, (String, String)>,
    /// `export = name;`: the module is that declaration (and that namespace's members).
    pub export_assign: Option<String>,
}

fn is_open(k: K) -> bool {
    matches!(k, K::Punct(b'(' | b'[' | b'{'))
}

fn is_close(k: K) -> bool {
    matches!(k, K::Punct(b')' | b']' | b'}'))
}

impl<'a> Parser<'a> {
    fn text(&self, i: usize) -> &'a str {
        self.t.get(i).map(|t| t.text).unwrap_or("")
    }

    fn is(&self, i: usize, c: u8) -> bool {
        self.t.get(i).is_some_and(|t| t.k == K::Punct(c))
    }

    fn ident(&self, i: usize) -> Option<&'a str> {
        self.t.get(i).filter(|t| t.k == K::Ident).map(|t| t.text)
    }

    /// Index after the bracket group opening at `i`.
    fn skip_group(&self, i: usize) -> usize {
        let mut d = 0i32;
        let mut j = i;
        while let Some(t) = self.t.get(j) {
            if is_open(t.k) {
                d += 1;
            } else if is_close(t.k) {
                d -= 1;
                if d <= 0 {
                    return j + 1;
                }
            }
            j += 1;
        }
        j
    }

    /// Skips a decorator at `i` (`@name.path(args)`); returns the index after it.
    fn skip_decorator(&self, mut i: usize) -> usize {
        i += 1;
        while self.ident(i).is_some() {
            i += 1;
            if self.is(i, b'.') {
                i += 1;
            } else {
                break;
            }
        }
        if self.is(i, b'(') {
            self.skip_group(i)
        } else {
            i
        }
    }

    /// Whether token `i` starts a statement.
    fn stmt_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let Some(prev) = self.t.get(i - 1) else {
            return true;
        };
        match prev.k {
            K::Punct(b';' | b'}' | b'{') => true,
            K::Punct(b')' | b']') => self.t.get(i).is_some_and(|t| t.nl),
            K::Punct(_) => false,
            _ => self.t.get(i).is_some_and(|t| t.nl),
        }
    }

    /// Scans declarations between `i` and the matching close of the container (or the end).
    fn decls(&mut self, mut i: usize, end: usize, depth: usize) {
        while i < end {
            let Some(t) = self.t.get(i) else { break };
            if is_open(t.k) {
                i = self.skip_group(i);
                continue;
            }
            if t.k != K::Ident && t.k != K::Punct(b'@') || !self.stmt_start(i) {
                i += 1;
                continue;
            }
            // `export default class X` / `function X`: X is the module's default export.
            let mut k = i;
            while self.is(k, b'@') {
                k = self.skip_decorator(k);
            }
            let default = depth == 0 && self.text(k) == "export" && self.text(k + 1) == "default";
            let before = self.decls.len();
            let next = self.statement(i, end, depth);
            if default && let Some(d) = self.decls.get(before) {
                let local = d.local.clone();
                self.links
                    .local_exports
                    .push((local, "default".to_string()));
            }
            // Always move on (a statement that consumed nothing must not loop).
            i = next.max(i + 1);
        }
    }

    /// One statement at module level; returns the index to continue from.
    fn statement(&mut self, start: usize, end: usize, depth: usize) -> usize {
        let doc = self.t.get(start).is_some_and(|t| t.doc);
        let mut i = start;
        let mut doc_any = doc;
        while self.is(i, b'@') {
            i = self.skip_decorator(i);
            doc_any |= self.t.get(i).is_some_and(|t| t.doc);
        }
        let mut exported = false;
        let mut default = false;
        if self.text(i) == "export" {
            exported = true;
            i += 1;
            if self.text(i) == "default" {
                default = true;
                i += 1;
            }
            if self.text(i) == "type" && (self.is(i + 1, b'{') || self.is(i + 1, b'*')) {
                i += 1;
            }
            if self.is(i, b'{') || self.is(i, b'*') {
                // `export { a, b as c }` (local names unless `from` follows) or `export * from`.
                if self.is(i, b'{') {
                    let close = self.skip_group(i);
                    let from = self.text(close) == "from";
                    if depth == 0 {
                        let pairs = self.specifiers(i, close);
                        match from.then(|| self.spec(close + 1)).flatten() {
                            Some(spec) => {
                                for (name, exported) in pairs {
                                    self.links.named_from.push((spec.clone(), name, exported));
                                }
                            }
                            None => self.links.local_exports.extend(pairs),
                        }
                    }
                    if !from {
                        let mut j = i + 1;
                        while j + 1 < close {
                            if let Some(name) = self.ident(j)
                                && (self.is(j + 1, b',')
                                    || self.is(j + 1, b'}')
                                    || self.text(j + 1) == "as")
                                && !(j > i + 1 && self.text(j - 1) == "as")
                            {
                                self.export_names.insert(name.to_string());
                            }
                            j += 1;
                        }
                    }
                    return close;
                }
                // `export * from "x"` / `export * as ns from "x"`.
                let mut j = i + 1;
                if self.text(j) == "as" {
                    j += 2;
                }
                if depth == 0
                    && self.text(j) == "from"
                    && let Some(spec) = self.spec(j + 1)
                {
                    self.links.star_from.push(spec);
                }
                return i + 1;
            }
            // `export default name;`
            if default
                && let Some(name) = self.ident(i)
                && (self.is(i + 1, b';') || i + 1 >= end || self.t.get(i + 1).is_some_and(|t| t.nl))
                && depth == 0
            {
                self.links
                    .local_exports
                    .push((name.to_string(), "default".to_string()));
                return i + 1;
            }
            while self.is(i, b'@') {
                i = self.skip_decorator(i);
            }
        }
        if !exported && depth == 0 && self.text(i) == "import" {
            return self.import(i + 1, end);
        }
        // `export = name;`
        if exported && !default && self.is(i, b'=') {
            if depth == 0
                && let Some(name) = self.ident(i + 1)
            {
                self.links.export_assign = Some(name.to_string());
            }
            return i + 1;
        }
        // Modifiers.
        let mut declared = false;
        while matches!(self.text(i), "declare" | "abstract" | "async")
            && self.ident(i + 1).is_some()
        {
            declared |= self.text(i) == "declare";
            i += 1;
        }
        let line = self.t.get(i).map(|t| t.line).unwrap_or(1);
        let kw = self.text(i);
        match kw {
            "function" => {
                let mut j = i + 1;
                if self.is(j, b'*') {
                    j += 1;
                }
                let name = self.ident(j).filter(|n| *n != "default");
                let name = match (name, default) {
                    (Some(n), _) => n.to_string(),
                    (None, true) => "default".to_string(),
                    (None, false) => return j,
                };
                let (has_body, next) = self.function_end(j + 1, end);
                // Members of object types in the return type are items too.
                let mut members = Vec::new();
                self.nested(j + 1, next, &name, false, 0, &mut members);
                self.decls.push(Decl {
                    item: Item::new(line, "function", name.clone(), doc_any),
                    exported,
                    local: name,
                    members,
                    has_body,
                    extends: Vec::new(),
                    ns: self.ns.clone(),
                });
                next
            }
            "class" => {
                let name = self
                    .ident(i + 1)
                    .filter(|n| !matches!(*n, "extends" | "implements"));
                let name = name
                    .map(str::to_string)
                    .unwrap_or_else(|| "default".to_string());
                // Find the body.
                let mut j = i + 1;
                while j < end && !self.is(j, b'{') {
                    if self.is(j, b'(') {
                        j = self.skip_group(j);
                        continue;
                    }
                    j += 1;
                }
                let close = self.skip_group(j);
                let members =
                    self.class_members(j + 1, close.saturating_sub(1), &name, Body::Class, 0);
                let bases = self.heritage(i + 1, j);
                self.add(
                    Item::new(line, "class", name.clone(), doc_any),
                    exported,
                    name,
                    members,
                );
                if let Some(d) = self.decls.last_mut() {
                    d.extends = bases;
                }
                close
            }
            "interface" => {
                let Some(name) = self.ident(i + 1) else {
                    return i + 1;
                };
                let name = name.to_string();
                let mut j = i + 1;
                while j < end && !self.is(j, b'{') {
                    j += 1;
                }
                let close = self.skip_group(j);
                let members = self.class_members(
                    j + 1,
                    close.saturating_sub(1),
                    &name,
                    Body::Interface(doc_any),
                    0,
                );
                let bases = self.heritage(i + 1, j);
                self.add(
                    Item::new(line, "interface", name.clone(), doc_any),
                    exported,
                    name,
                    members,
                );
                if let Some(d) = self.decls.last_mut() {
                    d.extends = bases;
                }
                close
            }
            "type"
                if self.ident(i + 1).is_some()
                    && (self.is(i + 2, b'=') || self.is(i + 2, b'<')) =>
            {
                let name = self.text(i + 1).to_string();
                // Members of the object literal types at the top of the right-hand side
                // (`type P = { a: number }`, `type Q = Base & { b(): void }`), as TypeDoc lists
                // them.
                let mut members = Vec::new();
                let mut j = i + 2;
                if self.is(j, b'<') {
                    let mut angle = AngleDepth::default();
                    while j < end {
                        angle.step(self, j);
                        j += 1;
                        if angle.depth == 0 {
                            break;
                        }
                    }
                }
                if self.is(j, b'=') {
                    j += 1;
                    let mut angle = AngleDepth::default();
                    while j < end {
                        if self.is(j, b';')
                            || (j > i + 3
                                && self.t.get(j).is_some_and(|t| t.nl)
                                && self.stmt_keyword(j))
                        {
                            break;
                        }
                        if self.is(j, b'{') {
                            let close = self.skip_group(j);
                            if angle.depth == 0 {
                                members.extend(self.class_members(
                                    j + 1,
                                    close.saturating_sub(1),
                                    &name,
                                    Body::Alias,
                                    0,
                                ));
                            }
                            j = close;
                            continue;
                        }
                        if self.is(j, b'(') || self.is(j, b'[') {
                            j = self.skip_group(j);
                            continue;
                        }
                        angle.step(self, j);
                        j += 1;
                    }
                }
                self.add(
                    Item::new(line, "type alias", name.clone(), doc_any),
                    exported,
                    name,
                    members,
                );
                j.max(i + 2)
            }
            "enum" | "const" if kw == "enum" || self.text(i + 1) == "enum" => {
                let j = if kw == "const" { i + 1 } else { i };
                let Some(name) = self.ident(j + 1) else {
                    return j + 1;
                };
                let name = name.to_string();
                if !self.is(j + 2, b'{') {
                    return j + 2;
                }
                let close = self.skip_group(j + 2);
                let members = self.enum_members(j + 3, close.saturating_sub(1), &name);
                self.add(
                    Item::new(line, "enum", name.clone(), doc_any),
                    exported,
                    name,
                    members,
                );
                close
            }
            "const" | "let" | "var" => self.variables(i + 1, end, doc_any, exported),
            "namespace" | "module"
                if self.ident(i + 1).is_some()
                    || self.t.get(i + 1).is_some_and(|t| t.k == K::Lit) =>
            {
                // Walk into the body: its `export`ed declarations are public when the namespace is.
                let mut j = i + 1;
                while j < end && !self.is(j, b'{') && !self.is(j, b';') {
                    j += 1;
                }
                if !self.is(j, b'{') {
                    return j;
                }
                let close = self.skip_group(j);
                if (exported || kw == "module" || declared) && depth < 20 {
                    let outer = self.ns.clone();
                    if outer.is_none() {
                        let name = self.text(i + 1).to_string();
                        if exported {
                            self.exported_ns.insert(name.clone());
                        }
                        self.ns = Some((name, declared));
                    }
                    self.decls(j + 1, close.saturating_sub(1), depth + 1);
                    self.ns = outer;
                }
                close
            }
            _ => i.max(start + 1),
        }
    }

    /// A word that starts a new declaration (ends a type alias without `;`).
    fn stmt_keyword(&self, i: usize) -> bool {
        matches!(
            self.text(i),
            "export"
                | "import"
                | "type"
                | "interface"
                | "declare"
                | "function"
                | "class"
                | "const"
                | "let"
                | "var"
                | "enum"
                | "namespace"
                | "module"
                | "abstract"
        )
    }

    /// A string literal's value at `i` (a module specifier).
    fn spec(&self, i: usize) -> Option<String> {
        let t = self.t.get(i)?;
        if t.k != K::Lit {
            return None;
        }
        let s = t.text;
        let q = s.chars().next()?;
        if !matches!(q, '"' | '\'') || s.len() < 2 {
            return None;
        }
        Some(s[1..s.len() - 1].to_string())
    }

    /// `{ a, b as c, type d, default as e }` between `open` and `close` (exclusive of `}`):
    /// (name, alias) pairs.
    fn specifiers(&self, open: usize, close: usize) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut j = open + 1;
        let last = close.saturating_sub(1);
        while j < last {
            let mut k = j;
            if self.text(k) == "type" && self.ident(k + 1).is_some() && self.text(k + 1) != "as" {
                k += 1;
            }
            let Some(name) = self.ident(k) else {
                j += 1;
                continue;
            };
            let (alias, next) = if self.text(k + 1) == "as" {
                (self.ident(k + 2).unwrap_or(name), k + 3)
            } else {
                (name, k + 1)
            };
            out.push((name.to_string(), alias.to_string()));
            j = next;
            while j < last && !self.is(j, b',') {
                j += 1;
            }
            j += 1;
        }
        out
    }

    /// `import … from "spec"` at module level; returns the index after it.
    fn import(&mut self, mut i: usize, end: usize) -> usize {
        if self.text(i) == "type" && !self.is(i + 1, b',') && self.text(i + 1) != "from" {
            i += 1;
        }
        let mut names: Vec<(String, String)> = Vec::new();
        while i < end {
            if self.is(i, b'{') {
                let close = self.skip_group(i);
                for (name, local) in self.specifiers(i, close) {
                    names.push((local, name));
                }
                i = close;
            } else if self.is(i, b'*') && self.text(i + 1) == "as" {
                // `import * as ns`: not followed (a namespace object).
                i += 3;
            } else if let Some(local) = self.ident(i).filter(|n| *n != "from") {
                names.push((local.to_string(), "default".to_string()));
                i += 1;
            } else if self.is(i, b',') {
                i += 1;
            } else {
                break;
            }
        }
        if self.text(i) == "from"
            && let Some(spec) = self.spec(i + 1)
        {
            for (local, name) in names {
                self.links.imports.insert(local, (spec.clone(), name));
            }
            return i + 2;
        }
        i
    }

    fn add(&mut self, item: Item, exported: bool, local: String, members: Vec<Item>) {
        self.decls.push(Decl {
            item,
            exported,
            local,
            members,
            has_body: true,
            extends: Vec::new(),
            ns: self.ns.clone(),
        });
    }

    /// The names after `extends` in a class or interface header `[a, b)` (the last segment of
    /// a dotted name; type arguments skipped).
    fn heritage(&self, a: usize, b: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut on = false;
        let mut angle = 0u32;
        for k in a..b {
            match self.t.get(k).map(|t| (t.k, t.text)) {
                Some((K::Ident, "extends")) if angle == 0 => on = true,
                Some((K::Ident, "implements")) if angle == 0 => on = false,
                Some((K::Punct(b'<'), _)) => angle += 1,
                Some((K::Punct(b'>'), _)) => angle = angle.saturating_sub(1),
                Some((K::Ident, name)) if on && angle == 0 && !self.is(k + 1, b'.') => {
                    out.push(name.to_string())
                }
                _ => {}
            }
        }
        out
    }

    /// `const a = 1, b = 2` — each declarator.
    fn variables(&mut self, mut i: usize, end: usize, doc: bool, exported: bool) -> usize {
        loop {
            let line = self.t.get(i).map(|t| t.line).unwrap_or(1);
            let name = if let Some(name) = self.ident(i) {
                i += 1;
                Some(name.to_string())
            } else if self.is(i, b'{') || self.is(i, b'[') {
                // A destructuring pattern: not counted.
                i = self.skip_group(i);
                None
            } else {
                return i + 1;
            };
            // Skip the type and initializer to `,` at depth 0 or the end of the statement.
            let type_start = i;
            let mut angle = AngleDepth::default();
            let (next, more) = loop {
                let Some(t) = self.t.get(i) else {
                    break (i, false);
                };
                if i >= end {
                    break (i, false);
                }
                if is_open(t.k) {
                    i = self.skip_group(i);
                    continue;
                }
                angle.step(self, i);
                match t.k {
                    K::Punct(b',') if angle.depth == 0 => break (i + 1, true),
                    K::Punct(b';') => break (i + 1, false),
                    K::Punct(b'}' | b')' | b']') => break (i, false),
                    _ => {}
                }
                if t.nl && i > 0 && self.stmt_start(i) && !self.continues(i) {
                    break (i, false);
                }
                i += 1;
            };
            if let Some(name) = name {
                // Members of object types in the declared type are items too.
                let mut members = Vec::new();
                if self.is(type_start, b':') {
                    self.nested(type_start + 1, i, &name, false, 0, &mut members);
                }
                self.add(
                    Item::new(line, "variable", name.clone(), doc),
                    exported,
                    name,
                    members,
                );
            }
            if !more {
                return next;
            }
            i = next;
        }
    }

    /// Whether the token at `i` (after a line break) continues the previous expression.
    fn continues(&self, i: usize) -> bool {
        let prev = self.t.get(i.wrapping_sub(1));
        let cur = self.t.get(i);
        let op = |t: Option<&Tok<'_>>| {
            t.is_some_and(|t| matches!(t.k, K::Punct(c) if c != b')' && c != b']' && c != b'}'))
        };
        op(prev)
            || cur.is_some_and(|t| {
                matches!(
                    t.k,
                    K::Punct(
                        b'.' | b'?'
                            | b':'
                            | b'='
                            | b'+'
                            | b'-'
                            | b'*'
                            | b'/'
                            | b'|'
                            | b'&'
                            | b'<'
                            | b'>'
                            | b','
                    )
                )
            })
    }

    /// Members of a class or interface body `[a, b)`.
    fn class_members(
        &self,
        a: usize,
        b: usize,
        owner: &str,
        body: Body,
        depth: usize,
    ) -> Vec<Item> {
        let interface = body != Body::Class;
        let mut sigs = Signatures::default();
        let mut seen: HashSet<String> = HashSet::new();
        let mut i = a;
        while i < b {
            let Some(t) = self.t.get(i) else { break };
            if matches!(t.k, K::Punct(b';' | b',')) {
                i += 1;
                continue;
            }
            let mut doc = t.doc;
            let line0 = t.line;
            while self.is(i, b'@') {
                i = self.skip_decorator(i);
                doc |= self.t.get(i).is_some_and(|t| t.doc);
            }
            let mut private = false;
            let mut accessor: Option<&str> = None;
            let mut is_static_block = false;
            loop {
                let w = self.text(i);
                let next_is_name = self.t.get(i + 1).is_some_and(|t| {
                    t.k == K::Ident
                        || t.k == K::Lit
                        || t.k == K::Punct(b'[')
                        || t.k == K::Punct(b'*')
                }) && self
                    .t
                    .get(i + 1)
                    .is_some_and(|t| !t.nl || matches!(w, "public" | "private" | "protected"));
                match w {
                    "private" | "protected" if next_is_name => private = true,
                    "public" | "static" | "readonly" | "abstract" | "async" | "declare"
                    | "override" | "accessor"
                        if next_is_name => {}
                    "static" if self.is(i + 1, b'{') => {
                        is_static_block = true;
                        break;
                    }
                    "get" | "set" if next_is_name => accessor = Some(w),
                    _ => break,
                }
                i += 1;
            }
            if is_static_block {
                i = self.skip_group(i + 1);
                continue;
            }
            if self.is(i, b'*') {
                i += 1;
            }
            let line = self.t.get(i).map(|t| t.line).unwrap_or(line0);
            let name: Option<String> = match self.t.get(i) {
                Some(t) if t.k == K::Ident => {
                    if t.text.starts_with('#') {
                        private = true;
                    }
                    i += 1;
                    Some(t.text.to_string())
                }
                Some(t) if t.k == K::Lit => {
                    i += 1;
                    Some(t.text.trim_matches(|c| c == '"' || c == '\'').to_string())
                }
                Some(t) if t.k == K::Punct(b'[') => {
                    // Computed name or index signature: not counted.
                    i = self.skip_group(i);
                    None
                }
                Some(t) if matches!(t.k, K::Punct(b'(' | b'<')) => {
                    // A call signature: TypeDoc's item only directly in an interface (in an
                    // object type it is the owner's); documented by its own or the interface's
                    // comment.
                    if let Body::Interface(idoc) = body {
                        sigs.order.push(Entry::Item(Item::new(
                            t.line,
                            "call signature",
                            owner.to_string(),
                            doc || idoc,
                        )));
                    }
                    None
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            if self.is(i, b'?') || self.is(i, b'!') {
                i += 1;
            }
            let is_method = self.is(i, b'(') || self.is(i, b'<');
            let kind = if accessor == Some("get") {
                "get accessor"
            } else if accessor.is_some() {
                "set accessor"
            } else if is_method {
                "method"
            } else {
                "property"
            };
            // Skip to the end of the member.
            let type_start = i;
            let mut type_end = b;
            let mut angle = AngleDepth::default();
            let mut has_body = false;
            while let Some(t) = self.t.get(i) {
                if i >= b {
                    break;
                }
                angle.step(self, i);
                if t.k == K::Punct(b'{')
                    && !interface
                    && (is_method || accessor.is_some())
                    && angle.depth == 0
                    && self.body_brace(i)
                {
                    type_end = i;
                    i = self.skip_group(i);
                    has_body = true;
                    break;
                }
                if is_open(t.k) {
                    i = self.skip_group(i);
                    continue;
                }
                if t.k == K::Punct(b';') || (t.k == K::Punct(b',') && angle.depth == 0) {
                    i += 1;
                    break;
                }
                if t.nl
                    && !self.continues(i)
                    && !matches!(
                        self.t.get(i - 1).map(|p| p.k),
                        Some(K::Punct(b'=' | b':' | b'|' | b'&' | b'(' | b','))
                    )
                {
                    break;
                }
                i += 1;
            }
            let type_end = if has_body { type_end } else { i.min(b) };
            let Some(name) = name else { continue };
            if private || name == "constructor" {
                continue;
            }
            if name == "new" && is_method && interface {
                // A construct signature: an item of its own only in a nested object type
                // (TypeDoc takes one at the top of a type alias for the alias, and does not
                // list one declared in an interface), documented only by its own comment.
                if body == Body::Nested {
                    sigs.order.push(Entry::Item(Item::new(
                        line,
                        "constructor signature",
                        owner.to_string(),
                        doc,
                    )));
                }
                continue;
            }
            let key = format!("{owner}.{name}");
            let mut nested = Vec::new();
            self.nested(
                type_start,
                type_end,
                &key,
                body == Body::Class && doc,
                depth,
                &mut nested,
            );
            if kind == "method" {
                sigs.add(
                    key,
                    Sig {
                        line,
                        doc,
                        has_body,
                    },
                );
            } else if seen.insert(format!("{kind}:{key}")) {
                // A get/set pair is two items (TypeDoc's get and set signatures), each
                // documented by its own comment.
                sigs.order
                    .push(Entry::Item(Item::new(line, kind, key, doc)));
            }
            sigs.order.extend(nested.into_iter().map(Entry::Item));
        }
        sigs.finish("method")
    }

    /// The items TypeDoc makes inside a member's, variable's or return type `[a, b)`: the
    /// members of each object type in it (named `owner.member`, recursively) and each
    /// constructor type `new (…) => T`, an undocumented construct signature (in a class, a
    /// property typed `new (…) => T` gives its comment to it). Parameter lists are not looked
    /// into (TypeDoc does not count inside parameters), nor is an initializer after `=`.
    fn nested(
        &self,
        a: usize,
        b: usize,
        owner: &str,
        ctor_doc: bool,
        depth: usize,
        out: &mut Vec<Item>,
    ) {
        if depth > 16 {
            return;
        }
        let mut j = a;
        // Type parameters `<T extends { … }>` are not members.
        if self.is(j, b'<') {
            let mut angle = AngleDepth::default();
            while j < b {
                angle.step(self, j);
                j += 1;
                if angle.depth == 0 {
                    break;
                }
            }
        }
        while j < b {
            let Some(t) = self.t.get(j) else { return };
            match t.k {
                K::Punct(b'(') => {
                    let close = self.skip_group(j);
                    if self.is(close, b'=') && self.is(close + 1, b'>')
                        || self.is(close, b':')
                        || self.is(close, b'{')
                        || close >= b
                    {
                        // A parameter list (of a function type, a method or a signature).
                        j = close;
                    } else {
                        // Grouping parentheses: `(new () => T) | undefined`.
                        j += 1;
                    }
                }
                K::Punct(b'{') => {
                    if self.body_brace(j) {
                        return;
                    }
                    let close = self.skip_group(j).min(b);
                    out.extend(self.class_members(
                        j + 1,
                        close.saturating_sub(1),
                        owner,
                        Body::Nested,
                        depth + 1,
                    ));
                    j = close;
                }
                K::Punct(b'=') if !self.is(j + 1, b'>') => return,
                K::Ident if t.text == "new" && (self.is(j + 1, b'(') || self.is(j + 1, b'<')) => {
                    let first = j == a || (j == a + 1 && self.is(a, b':'));
                    out.push(Item::new(
                        t.line,
                        "constructor signature",
                        owner.to_string(),
                        ctor_doc && first,
                    ));
                    j += 1;
                }
                _ => j += 1,
            }
        }
    }

    /// Whether the `{` at `i` opens a function body rather than an object type in a return type
    /// annotation: a body follows `)`, `]`, `}`, `>`, a name or a literal; a type literal follows
    /// `:`, `|`, `&`, `,`, `<`, `=>`.
    fn body_brace(&self, i: usize) -> bool {
        match self.t.get(i.wrapping_sub(1)).map(|t| t.k) {
            Some(K::Ident | K::Lit) => true,
            Some(K::Punct(c)) => {
                matches!(c, b')' | b']' | b'}') || (c == b'>' && !(i >= 2 && self.is(i - 2, b'=')))
            }
            None => false,
        }
    }

    /// After a function's name: whether it has a body, and the index after the declaration.
    fn function_end(&self, mut i: usize, end: usize) -> (bool, usize) {
        let mut angle = AngleDepth::default();
        while i < end {
            let Some(t) = self.t.get(i) else { break };
            angle.step(self, i);
            if t.k == K::Punct(b'{') && angle.depth == 0 && self.body_brace(i) {
                return (true, self.skip_group(i));
            }
            if is_open(t.k) {
                i = self.skip_group(i);
                continue;
            }
            if t.k == K::Punct(b';') || t.k == K::Punct(b'}') {
                return (false, i + 1);
            }
            if t.nl && i > 0 && self.stmt_start(i) && !self.continues(i) && angle.depth == 0 {
                return (false, i);
            }
            i += 1;
        }
        (false, i)
    }

    fn enum_members(&self, a: usize, b: usize, owner: &str) -> Vec<Item> {
        let mut out = Vec::new();
        let mut i = a;
        while i < b {
            let Some(t) = self.t.get(i) else { break };
            if t.k == K::Ident || t.k == K::Lit {
                let name = t.text.trim_matches(|c| c == '"' || c == '\'');
                out.push(Item::new(
                    t.line,
                    "enum member",
                    format!("{owner}.{name}"),
                    t.doc,
                ));
                i += 1;
                // Skip an initializer.
                while i < b && !self.is(i, b',') {
                    if self.t.get(i).is_some_and(|t| is_open(t.k)) {
                        i = self.skip_group(i);
                    } else {
                        i += 1;
                    }
                }
            }
            i += 1;
        }
        out
    }
}

/// Interfaces of TypeScript's standard library that packages extend, with their members that
/// carry a doc comment there (TypeScript 6.0.3 `lib.dom.d.ts`): a member redeclared without a
/// comment takes the base's, as TypeDoc copies it. `Error` and `ResponseInit` document none.
const LIB_DOCUMENTED: &[(&str, &[&str])] = &[(
    "RequestInit",
    &[
        "body",
        "cache",
        "credentials",
        "headers",
        "integrity",
        "keepalive",
        "method",
        "mode",
        "redirect",
        "referrer",
        "referrerPolicy",
        "signal",
        "window",
    ],
)];

/// Where a list of members sits: what TypeDoc makes of its call and construct signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Body {
    Class,
    /// An interface, and whether it is documented (its signatures inherit its comment).
    Interface(bool),
    /// An object type at the top of a type alias (its signatures are the alias's).
    Alias,
    /// An object type inside another type: a property's, a return type, a variable's.
    Nested,
}

/// Depth of `<…>` type arguments in a type annotation (before any `=` initializer), so that
/// `Map<string, T>` does not end a declarator at its comma. `=>` is an arrow, not `=`.
#[derive(Default)]
struct AngleDepth {
    depth: u32,
    in_init: bool,
}

impl AngleDepth {
    fn step(&mut self, p: &Parser<'_>, i: usize) {
        if self.in_init {
            return;
        }
        if p.is(i, b'<') {
            self.depth += 1;
        } else if p.is(i, b'>') && !(i > 0 && p.is(i - 1, b'=')) {
            self.depth = self.depth.saturating_sub(1);
        } else if p.is(i, b'=') && !p.is(i + 1, b'>') && self.depth == 0 {
            self.in_init = true;
        }
    }
}

/// The exported items of one file, as TypeDoc lists them for that file alone
/// (`ts_mode = "per-file"`).
pub fn count(src: &str) -> Vec<Item> {
    module(src)
        .groups
        .into_iter()
        .filter(|g| g.exported)
        .flat_map(|g| g.items)
        .collect()
}

/// The declarations of one module-level name with their members (and each overload).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub local: String,
    /// `export`ed where declared, or named by a local `export { … }`.
    pub exported: bool,
    pub items: Vec<Item>,
}

/// One file: its declarations by local name, and its links to other files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Module {
    pub groups: Vec<Group>,
    pub links: Links,
}

pub fn module(src: &str) -> Module {
    let toks = lex(src);
    let end = toks.len();
    let mut p = Parser {
        t: toks,
        decls: Vec::new(),
        export_names: HashSet::new(),
        links: Links::default(),
        ns: None,
        exported_ns: HashSet::new(),
    };
    p.decls(0, end, 0);
    // Members inherited from a class or interface of the same file are listed under the
    // subclass too, as TypeDoc does (unless the subclass declares them itself).
    let own: HashMap<String, (String, Vec<Item>)> = p
        .decls
        .iter()
        .filter(|d| matches!(d.item.kind, "class" | "interface"))
        .map(|d| {
            (
                d.item.name.clone(),
                (d.item.name.clone(), d.members.clone()),
            )
        })
        .collect();
    let bases_of: HashMap<String, Vec<String>> = p
        .decls
        .iter()
        .filter(|d| matches!(d.item.kind, "class" | "interface"))
        .map(|d| (d.item.name.clone(), d.extends.clone()))
        .collect();
    for d in p.decls.iter_mut().filter(|d| !d.extends.is_empty()) {
        let mut have: HashSet<String> = d.members.iter().map(|m| m.name.clone()).collect();
        let mut todo: Vec<String> = d.extends.clone();
        let mut visited: HashSet<String> = HashSet::new();
        while let Some(base) = todo.pop() {
            if !visited.insert(base.clone()) || visited.len() > 32 {
                continue;
            }
            let Some((owner, members)) = own.get(&base) else {
                // A base from TypeScript's standard library: its documented members.
                if let Some((_, documented)) = LIB_DOCUMENTED.iter().find(|(n, _)| *n == base) {
                    let prefix = format!("{}.", d.item.name);
                    for m in d.members.iter_mut() {
                        if m.name
                            .strip_prefix(&prefix)
                            .is_some_and(|n| documented.contains(&n))
                        {
                            m.documented = true;
                        }
                    }
                }
                continue;
            };
            let prefix = format!("{owner}.");
            let mut added: HashSet<String> = HashSet::new();
            for m in members {
                let Some(member) = m.name.strip_prefix(&prefix) else {
                    continue;
                };
                let name = format!("{}.{member}", d.item.name);
                if have.contains(&name) && !added.contains(&name) {
                    // Redeclared without a comment: TypeDoc copies the base member's.
                    if m.documented {
                        for own in d.members.iter_mut().filter(|o| o.name == name) {
                            own.documented = true;
                        }
                    }
                    continue;
                }
                added.insert(name.clone());
                d.members
                    .push(Item::new(m.line, m.kind, name, m.documented));
            }
            have.extend(added);
            if let Some(b) = bases_of.get(&base) {
                todo.extend(b.iter().cloned());
            }
        }
    }
    // Per local name, in first-declaration order: functions go through `Signatures`
    // (overloads); everything else in order. Names exported only by a local
    // `export { … }` count as exported.
    let locally_exported: HashSet<&str> = p
        .links
        .local_exports
        .iter()
        .map(|(l, _)| l.as_str())
        .collect();
    let mut order: Vec<String> = Vec::new();
    let mut by_local: HashMap<String, (bool, Signatures, HashSet<String>)> = HashMap::new();
    let assigned = p.links.export_assign.as_deref();
    // A namespace is public when exported, named by `export =` or by a local `export { … }`;
    // in an ambient (`declare`) one, every member is then exported.
    let ns_public = |n: &str| {
        p.exported_ns.contains(n)
            || assigned == Some(n)
            || p.export_names.contains(n)
            || locally_exported.contains(n)
    };
    for d in p.decls {
        let (key, exported) = match &d.ns {
            Some((n, ambient)) => (
                format!("{n}.{}", d.local),
                d.exported || (*ambient && ns_public(n)),
            ),
            None => (
                d.local.clone(),
                d.exported
                    || p.export_names.contains(&d.local)
                    || locally_exported.contains(d.local.as_str())
                    || assigned == Some(d.local.as_str()),
            ),
        };
        let g = by_local.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            (false, Signatures::default(), HashSet::new())
        });
        // A non-exported declaration of an exported name (`declare function f(); export { f }`)
        // is exported through the name.
        g.0 |= exported;
        if d.item.kind == "function" {
            g.1.add(
                d.item.name.clone(),
                Sig {
                    line: d.item.line,
                    doc: d.item.documented,
                    has_body: d.has_body,
                },
            );
            g.1.order.extend(d.members.into_iter().map(Entry::Item));
            continue;
        }
        // A declaration merged with another of the same kind and name counts once.
        if !g.2.insert(format!("{}:{}", d.item.kind, d.item.name)) {
            continue;
        }
        g.1.order.push(Entry::Item(d.item));
        g.1.order.extend(d.members.into_iter().map(Entry::Item));
    }
    let groups = order
        .into_iter()
        .filter_map(|local| {
            let (exported, sigs, _) = by_local.remove(&local)?;
            Some(Group {
                local,
                exported,
                items: sigs.finish("function"),
            })
        })
        .collect();
    Module {
        groups,
        links: p.links,
    }
}

#[cfg(test)]
#[path = "js_tests.rs"]
mod tests;
