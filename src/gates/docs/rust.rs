//! Rust: what rustc's `missing_docs` lint checks, from a `syn` parse of each file.
//!
//! Parsing is per file (in parallel); reachability needs the whole crate, so [`parse`] keeps each
//! candidate item with the condition under which it is reachable, and [`resolve`] decides once all
//! files are parsed: it walks the module tree from the crate roots through `mod` declarations,
//! then applies `pub use` re-exports (by name and glob) and inherent impls of reachable types.

pub use super::rust_cfg::{Cfg, FeatureSelection, custom_key, default_features, enabled_features};
use super::rust_cfg::{cfg_paths, cfgs, doc_cfg, lint_level, parse_metas};
use super::{Item, ParseError};
use std::collections::{HashMap, HashSet};
use syn::{Attribute, Fields, ForeignItem, ImplItem, Meta, TraitItem, Type, UseTree, Visibility};

/// When a candidate item is reachable from outside the crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Declared `pub` through an all-`pub` chain of inline modules: reachable when the file's
    /// module is.
    Chain,
    /// In a private inline module: reachable only when re-exported (by name, or by a glob of
    /// the module `module`).
    Private { module: String },
    /// A `pub` inherent associated item of type `ty`: reachable when `ty` is.
    ImplOf(String),
    /// A member (field, variant, trait item) of the candidate at this index.
    Parent(usize),
}

/// A candidate item of one file.
#[derive(Clone, Debug)]
pub struct Cand {
    pub item: Item,
    pub reach: Reach,
    /// The name a re-export would use (the item's own name).
    pub ident: String,
    /// Whether this is a type a `impl` can attach public items to.
    pub is_type: bool,
    /// The `#[cfg]` it (and its enclosing blocks) are compiled under.
    pub cfg: Option<Cfg>,
    /// When it has no doc attribute of its own: the condition under which a
    /// `#[cfg_attr(…, doc = …)]` documents it.
    pub doc_cfg: Option<Cfg>,
    /// The `missing_docs` lint level set in this file around it: `Some(true)` for
    /// `allow`/`expect`, `Some(false)` for `warn`/`deny`/`forbid`, `None`: the module's.
    pub lint_allowed: Option<bool>,
}

/// A `pub use` in a file.
#[derive(Clone, Debug)]
pub struct Reexport {
    /// The inline module it sits in (`""`: the file's own module).
    pub from: String,
    /// Its enclosing inline modules are all `pub`.
    pub chain: bool,
    /// The module the name is taken from (its last path segment), `None` for
    /// `self`/`super`/`crate` or a bare name.
    pub target: Option<String>,
    /// The re-exported item's name; `None` for a glob (`target::*`).
    pub name: Option<String>,
    pub cfg: Option<Cfg>,
}

/// An out-of-line `mod name;` declaration.
#[derive(Clone, Debug)]
pub struct ModDecl {
    pub name: String,
    /// Enclosing inline modules.
    pub inline_path: Vec<String>,
    pub path_attr: Option<String>,
    /// `#[cfg_attr(pred, path = "…")]`: the path taken when `pred` holds (the first that does),
    /// before `path_attr`.
    pub cfg_paths: Vec<(Cfg, String)>,
    /// The `missing_docs` lint level on the declaration or around it in the file.
    pub lint_allowed: Option<bool>,
    /// `pub` itself and through its inline chain.
    pub public: bool,
    /// `#[doc(hidden)]` or `#[cfg(test)]`: the module's file is not counted at all.
    pub excluded: bool,
    /// The `#[cfg]` the declaration is compiled under.
    pub cfg: Option<Cfg>,
    /// The candidate for the module item (when `pub`), to mark documented by `//!` in its file.
    pub cand: Option<usize>,
}

/// What one Rust file contributes.
#[derive(Clone, Debug, Default)]
pub struct RsFile {
    /// `//!` or `#![doc = …]` at the top of the file.
    pub inner_doc: bool,
    /// `#![cfg_attr(…, doc = …)]` at the top of the file: the condition it documents under.
    pub inner_doc_cfg: Option<Cfg>,
    /// `#![allow(missing_docs)]` (`Some(true)`) or `#![warn/deny(missing_docs)]` at the top.
    pub inner_lint: Option<bool>,
    /// `#![doc(hidden)]` or `#![cfg(test)]` at the top of the file.
    pub inner_hidden: bool,
    /// `#![cfg(…)]` at the top of the file.
    pub cfg: Option<Cfg>,
    pub mods: Vec<ModDecl>,
    pub cands: Vec<Cand>,
    /// Items re-exported by `pub use`: (the module they are taken from — its last path
    /// segment, or `None` for `self`/`super`/`crate`/a bare name —, the item's name).
    pub reexports: Vec<Reexport>,
}

/// Parses one file.
pub fn parse(src: &str) -> Result<RsFile, ParseError> {
    let res = parse_inner(src);
    // Spans of this file are no longer needed: let proc-macro2 forget the source text so memory
    // does not grow with the number of files parsed on this thread.
    proc_macro2::extra::invalidate_current_thread_spans();
    res
}

pub use super::rust_depth::{MAX_NESTING, MAX_TYPE_DEPTH};
use super::rust_depth::{too_deep, too_deep_tokens};

fn parse_inner(src: &str) -> Result<RsFile, ParseError> {
    if let Some(line) = too_deep(src, MAX_NESTING) {
        return Err(ParseError {
            line,
            col: 1,
            message: format!("brackets nest deeper than {MAX_NESTING} levels; not parsed"),
        });
    }
    // As `syn::parse_file`: a BOM and a shebang line are not Rust.
    let mut body = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut blanked = String::new();
    if body.starts_with("#!") && !body.starts_with("#![") {
        // Keep the line count: replace the shebang with an empty line.
        let end = body.find('\n').unwrap_or(body.len());
        blanked.push_str(&body[end..]);
        body = &blanked;
    }
    // Lex, then drop function bodies before parsing: they hold most of the tokens and none of
    // the public items, and syn would otherwise parse every expression in them.
    let tokens: proc_macro2::TokenStream = match body.parse() {
        Ok(t) => t,
        Err(e) => {
            let s = e.span().start();
            return Err(ParseError {
                line: s.line as u32,
                col: s.column as u32 + 1,
                message: e.to_string(),
            });
        }
    };
    let tokens = strip_fn_bodies(tokens);
    if let Some((line, col)) = too_deep_tokens(&tokens, MAX_TYPE_DEPTH) {
        return Err(ParseError {
            line,
            col,
            message: format!(
                "types or expressions nest deeper than {MAX_TYPE_DEPTH} levels; not parsed"
            ),
        });
    }
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => {
            let mut p = FileParser::default();
            p.out.inner_doc = has_doc(&file.attrs);
            p.out.inner_doc_cfg = doc_cfg(&file.attrs);
            p.out.inner_lint = lint_level(&file.attrs);
            p.out.inner_hidden = is_hidden(&file.attrs) || is_cfg_test(&file.attrs);
            p.out.cfg = p.cfg_with(&file.attrs);
            p.items(&file.items, &[], true, "");
            Ok(p.out)
        }
        Err(e) => {
            let s = e.span().start();
            Err(ParseError {
                line: s.line as u32,
                col: s.column as u32 + 1,
                message: e.to_string(),
            })
        }
    }
}

/// Replaces the body of every `fn` item (free functions and associated functions, at any
/// nesting of modules, impls and traits) with `{}`. A `fn` starts an item when it follows the
/// start of a block, `;`, `}`, an attribute or item qualifiers (`pub`, `pub(crate)`, `const`,
/// `async`, `unsafe`, `extern "C"`, `default`, `safe`) — not a `fn(u8)` pointer type.
pub fn strip_fn_bodies(ts: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Delimiter, Group, TokenTree};
    let mut out: Vec<TokenTree> = Vec::new();
    let mut item_start = true;
    let mut in_fn = false;
    let mut after_hash = false;
    for tt in ts {
        match &tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                if in_fn {
                    let mut empty = Group::new(Delimiter::Brace, proc_macro2::TokenStream::new());
                    empty.set_span(g.span());
                    out.push(TokenTree::Group(empty));
                    in_fn = false;
                } else {
                    let mut inner = Group::new(Delimiter::Brace, strip_fn_bodies(g.stream()));
                    inner.set_span(g.span());
                    out.push(TokenTree::Group(inner));
                }
                item_start = true;
                after_hash = false;
                continue;
            }
            TokenTree::Group(g) => {
                // An attribute's brackets, or `pub(crate)`, keep an item start.
                let keeps = (after_hash && g.delimiter() == Delimiter::Bracket)
                    || (g.delimiter() == Delimiter::Parenthesis
                        && matches!(out.last(), Some(TokenTree::Ident(i)) if i == "pub"));
                item_start = item_start && keeps;
                after_hash = false;
            }
            TokenTree::Punct(p) => {
                match p.as_char() {
                    ';' => {
                        item_start = true;
                        in_fn = false;
                    }
                    '#' => {
                        after_hash = true;
                        out.push(tt);
                        continue;
                    }
                    '!' if after_hash => {
                        out.push(tt);
                        continue;
                    }
                    _ => item_start = false,
                }
                after_hash = false;
            }
            TokenTree::Ident(i) => {
                if item_start && i == "fn" {
                    in_fn = true;
                    item_start = false;
                } else if !(item_start
                    && matches!(
                        i.to_string().as_str(),
                        "pub" | "const" | "async" | "unsafe" | "extern" | "default" | "safe"
                    ))
                {
                    item_start = false;
                }
                after_hash = false;
            }
            TokenTree::Literal(_) => {
                // `extern "C" fn`.
                let after_extern = matches!(out.last(), Some(TokenTree::Ident(i)) if i == "extern");
                item_start = item_start && after_extern;
                after_hash = false;
            }
        }
        out.push(tt);
    }
    out.into_iter().collect()
}

fn line_of(t: &syn::Ident) -> u32 {
    t.span().start().line as u32
}

/// A doc comment or `#[doc = …]` (also `#[doc(hidden)]`, which rustc's `has_doc` accepts).
fn has_doc(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("doc")
            && match &a.meta {
                Meta::NameValue(_) => true,
                Meta::List(l) => list_has_ident(&l.tokens, "hidden"),
                Meta::Path(_) => false,
            }
    })
}

fn list_has_ident(tokens: &proc_macro2::TokenStream, name: &str) -> bool {
    tokens
        .clone()
        .into_iter()
        .any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if i == name))
}

fn is_hidden(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("doc")
            && matches!(&a.meta, Meta::List(l) if list_has_ident(&l.tokens, "hidden"))
    })
}

/// `#[cfg(test)]`: not compiled by `cargo check`.
fn is_cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && matches!(&a.meta, Meta::List(l) if {
                let toks: Vec<_> = l.tokens.clone().into_iter().collect();
                toks.len() == 1 && matches!(&toks[0], proc_macro2::TokenTree::Ident(i) if i == "test")
            })
    })
}

fn skip(attrs: &[Attribute]) -> bool {
    is_hidden(attrs) || is_cfg_test(attrs)
}

fn is_pub(v: &Visibility) -> bool {
    matches!(v, Visibility::Public(_))
}

fn path_attr(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| {
        if !a.path().is_ident("path") {
            return None;
        }
        match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        }
    })
}

fn type_name(t: &Type) -> Option<String> {
    match t {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Group(g) => type_name(&g.elem),
        Type::Paren(p) => type_name(&p.elem),
        _ => None,
    }
}

#[derive(Default)]
struct FileParser {
    out: RsFile,
    /// `#[cfg]`s of the enclosing inline modules, impls and extern blocks.
    cfg_stack: Vec<Cfg>,
    /// `missing_docs` lint levels set by the enclosing inline modules, impls, traits and extern
    /// blocks (innermost last).
    lint_stack: Vec<bool>,
}

impl FileParser {
    /// The `missing_docs` level for an item with `attrs`: its own, else the innermost enclosing.
    fn lint_with(&self, attrs: &[Attribute]) -> Option<bool> {
        lint_level(attrs).or_else(|| self.lint_stack.last().copied())
    }

    /// Enters a block (impl, extern, inline module) with `attrs`; returns the depths to restore.
    fn enter(&mut self, attrs: &[Attribute]) -> (usize, usize) {
        let depths = (self.cfg_stack.len(), self.lint_stack.len());
        self.cfg_stack.extend(cfgs(attrs));
        if let Some(l) = lint_level(attrs) {
            self.lint_stack.push(l);
        }
        depths
    }

    fn leave(&mut self, (c, l): (usize, usize)) {
        self.cfg_stack.truncate(c);
        self.lint_stack.truncate(l);
    }

    /// The enclosing `cfg`s plus those on `attrs`, if any.
    fn cfg_with(&self, attrs: &[Attribute]) -> Option<Cfg> {
        let mut all: Vec<Cfg> = self.cfg_stack.clone();
        all.extend(cfgs(attrs));
        match all.len() {
            0 => None,
            1 => all.pop(),
            _ => Some(Cfg::All(all)),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        line: u32,
        kind: &'static str,
        name: String,
        documented: bool,
        reach: Reach,
        is_type: bool,
        attrs: &[Attribute],
    ) -> usize {
        let ident = name.rsplit("::").next().unwrap_or(&name).to_string();
        let cfg = self.cfg_with(attrs);
        let doc_cfg = if documented { None } else { doc_cfg(attrs) };
        // A member inherits its parent's level (`#[allow(missing_docs)] pub struct S { pub a: u8 }`).
        let lint_allowed = lint_level(attrs).or_else(|| match reach {
            Reach::Parent(p) => self.out.cands.get(p).and_then(|c| c.lint_allowed),
            _ => self.lint_stack.last().copied(),
        });
        self.out.cands.push(Cand {
            item: Item::new(line, kind, name, documented),
            reach,
            ident,
            is_type,
            cfg,
            doc_cfg,
            lint_allowed,
        });
        self.out.cands.len() - 1
    }

    /// Expands `cfg_if! { if #[cfg(a)] { … } else if #[cfg(b)] { … } else { … } }` (the cfg-if
    /// crate, used by libc, getrandom and many others to declare modules): each branch's items
    /// are taken with the branch's condition, to be decided with the crate's features.
    fn cfg_if(
        &mut self,
        tokens: &proc_macro2::TokenStream,
        inline: &[String],
        chain: bool,
        module: &str,
    ) {
        use proc_macro2::{Delimiter, TokenTree};
        let toks: Vec<TokenTree> = tokens.clone().into_iter().collect();
        let mut previous: Vec<Cfg> = Vec::new();
        let mut i = 0;
        loop {
            // `if #[cfg(…)] { … }` or a final `{ … }` after `else`.
            let mut cond: Option<Cfg> = None;
            if matches!(toks.get(i), Some(TokenTree::Ident(id)) if id == "if") {
                let (Some(TokenTree::Punct(hash)), Some(TokenTree::Group(attr))) =
                    (toks.get(i + 1), toks.get(i + 2))
                else {
                    return;
                };
                if hash.as_char() != '#' {
                    return;
                }
                let Ok(Meta::List(list)) = syn::parse2::<Meta>(attr.stream()) else {
                    return;
                };
                let preds: Vec<Cfg> = parse_metas(&list.tokens)
                    .unwrap_or_default()
                    .iter()
                    .map(Cfg::from_meta)
                    .collect();
                cond = preds.into_iter().next();
                i += 3;
            }
            let Some(TokenTree::Group(body)) = toks.get(i) else {
                return;
            };
            if body.delimiter() != Delimiter::Brace {
                return;
            }
            let mut all: Vec<Cfg> = previous
                .iter()
                .map(|c| Cfg::Not(Box::new(c.clone())))
                .collect();
            all.extend(cond.clone());
            let parser = |input: syn::parse::ParseStream<'_>| {
                let mut v: Vec<syn::Item> = Vec::new();
                while !input.is_empty() {
                    v.push(input.parse()?);
                }
                Ok(v)
            };
            if let Ok(items) = syn::parse::Parser::parse2(parser, body.stream()) {
                let depth = self.cfg_stack.len();
                self.cfg_stack.push(Cfg::All(all));
                self.items(&items, inline, chain, module);
                self.cfg_stack.truncate(depth);
            }
            match cond {
                Some(c) => previous.push(c),
                None => return,
            }
            i += 1;
            if !matches!(toks.get(i), Some(TokenTree::Ident(id)) if id == "else") {
                return;
            }
            i += 1;
        }
    }

    /// The items of a module body. `chain`: every enclosing inline module is `pub`;
    /// `module`: the nearest enclosing inline module's name ("" at file level).
    fn items(&mut self, items: &[syn::Item], inline: &[String], chain: bool, module: &str) {
        for item in items {
            self.item(item, inline, chain, module);
        }
    }

    fn reach_for(&self, chain: bool, module: &str) -> Reach {
        if chain {
            Reach::Chain
        } else {
            Reach::Private {
                module: module.to_string(),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn simple(
        &mut self,
        attrs: &[Attribute],
        vis: &Visibility,
        ident: &syn::Ident,
        kind: &'static str,
        chain: bool,
        module: &str,
        is_type: bool,
    ) -> Option<usize> {
        if !is_pub(vis) || skip(attrs) || ident == "_" {
            return None;
        }
        let reach = self.reach_for(chain, module);
        Some(self.push(
            line_of(ident),
            kind,
            ident.to_string(),
            has_doc(attrs),
            reach,
            is_type,
            attrs,
        ))
    }

    fn fields(&mut self, fields: &Fields, parent: usize, owner: &str, all_public: bool) {
        if let Fields::Named(named) = fields {
            self.named_fields(named, parent, owner, all_public);
        }
    }

    fn named_fields(
        &mut self,
        named: &syn::FieldsNamed,
        parent: usize,
        owner: &str,
        all_public: bool,
    ) {
        {
            for f in &named.named {
                if (!all_public && !is_pub(&f.vis)) || skip(&f.attrs) {
                    continue;
                }
                if let Some(id) = &f.ident {
                    self.push(
                        line_of(id),
                        "field",
                        format!("{owner}::{id}"),
                        has_doc(&f.attrs),
                        Reach::Parent(parent),
                        false,
                        &f.attrs,
                    );
                }
            }
        }
    }

    fn item(&mut self, item: &syn::Item, inline: &[String], chain: bool, module: &str) {
        use syn::Item as I;
        match item {
            I::Const(i) => {
                self.simple(&i.attrs, &i.vis, &i.ident, "constant", chain, module, false);
            }
            I::Static(i) => {
                self.simple(&i.attrs, &i.vis, &i.ident, "static", chain, module, false);
            }
            I::Fn(i) => {
                self.simple(
                    &i.attrs,
                    &i.vis,
                    &i.sig.ident,
                    "function",
                    chain,
                    module,
                    false,
                );
            }
            I::Type(i) => {
                self.simple(
                    &i.attrs,
                    &i.vis,
                    &i.ident,
                    "type alias",
                    chain,
                    module,
                    true,
                );
            }
            I::TraitAlias(i) => {
                self.simple(
                    &i.attrs,
                    &i.vis,
                    &i.ident,
                    "trait alias",
                    chain,
                    module,
                    false,
                );
            }
            I::Struct(i) => {
                if let Some(idx) =
                    self.simple(&i.attrs, &i.vis, &i.ident, "struct", chain, module, true)
                {
                    self.fields(&i.fields, idx, &i.ident.to_string(), false);
                }
            }
            I::Union(i) => {
                if let Some(idx) =
                    self.simple(&i.attrs, &i.vis, &i.ident, "union", chain, module, true)
                {
                    self.named_fields(&i.fields, idx, &i.ident.to_string(), false);
                }
            }
            I::Enum(i) => {
                if let Some(idx) =
                    self.simple(&i.attrs, &i.vis, &i.ident, "enum", chain, module, true)
                {
                    let owner = i.ident.to_string();
                    for v in &i.variants {
                        if skip(&v.attrs) {
                            continue;
                        }
                        let vname = format!("{owner}::{}", v.ident);
                        let vi = self.push(
                            line_of(&v.ident),
                            "variant",
                            vname.clone(),
                            has_doc(&v.attrs),
                            Reach::Parent(idx),
                            false,
                            &v.attrs,
                        );
                        self.fields(&v.fields, vi, &vname, true);
                    }
                }
            }
            I::Trait(i) => {
                if let Some(idx) =
                    self.simple(&i.attrs, &i.vis, &i.ident, "trait", chain, module, false)
                {
                    let owner = i.ident.to_string();
                    for ti in &i.items {
                        let (attrs, ident, kind) = match ti {
                            TraitItem::Const(c) => (&c.attrs, &c.ident, "associated constant"),
                            TraitItem::Fn(f) => (&f.attrs, &f.sig.ident, "method"),
                            TraitItem::Type(t) => (&t.attrs, &t.ident, "associated type"),
                            _ => continue,
                        };
                        if skip(attrs) {
                            continue;
                        }
                        self.push(
                            line_of(ident),
                            kind,
                            format!("{owner}::{ident}"),
                            has_doc(attrs),
                            Reach::Parent(idx),
                            false,
                            attrs,
                        );
                    }
                }
            }
            I::Impl(i) => {
                // Trait impls are never checked; inherent impls only for `pub` items.
                if i.trait_.is_some() || skip(&i.attrs) {
                    return;
                }
                let Some(ty) = type_name(&i.self_ty) else {
                    return;
                };
                let depth = self.enter(&i.attrs);
                for ii in &i.items {
                    let (attrs, vis, ident, kind) = match ii {
                        ImplItem::Const(c) => (&c.attrs, &c.vis, &c.ident, "associated constant"),
                        ImplItem::Fn(f) => (&f.attrs, &f.vis, &f.sig.ident, "method"),
                        ImplItem::Type(t) => (&t.attrs, &t.vis, &t.ident, "associated type"),
                        _ => continue,
                    };
                    if !is_pub(vis) || skip(attrs) || ident == "_" {
                        continue;
                    }
                    self.push(
                        line_of(ident),
                        kind,
                        format!("{ty}::{ident}"),
                        has_doc(attrs),
                        Reach::ImplOf(ty.clone()),
                        false,
                        attrs,
                    );
                }
                self.leave(depth);
            }
            I::ForeignMod(i) => {
                if skip(&i.attrs) {
                    return;
                }
                let depth = self.enter(&i.attrs);
                for fi in &i.items {
                    let (attrs, vis, ident, kind) = match fi {
                        ForeignItem::Fn(f) => (&f.attrs, &f.vis, &f.sig.ident, "function"),
                        ForeignItem::Static(s) => (&s.attrs, &s.vis, &s.ident, "static"),
                        ForeignItem::Type(t) => (&t.attrs, &t.vis, &t.ident, "foreign type"),
                        _ => continue,
                    };
                    self.simple(attrs, vis, ident, kind, chain, module, false);
                }
                self.leave(depth);
            }
            I::Macro(m) => {
                // `#[macro_export] macro_rules! name` is exported at the crate root.
                let exported = m.attrs.iter().any(|a| a.path().is_ident("macro_export"));
                if exported
                    && m.mac.path.is_ident("macro_rules")
                    && !skip(&m.attrs)
                    && let Some(id) = &m.ident
                {
                    self.push(
                        line_of(id),
                        "macro",
                        id.to_string(),
                        has_doc(&m.attrs),
                        Reach::Chain,
                        false,
                        &m.attrs,
                    );
                } else if m.ident.is_none()
                    && m.mac
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "cfg_if")
                    && !skip(&m.attrs)
                {
                    self.cfg_if(&m.mac.tokens, inline, chain, module);
                }
            }
            I::Mod(m) => {
                if is_cfg_test(&m.attrs) || is_hidden(&m.attrs) {
                    // Keep the declaration so its file is known and left out (rather than
                    // taken for an orphan file).
                    if m.content.is_none() {
                        self.out.mods.push(ModDecl {
                            name: m.ident.to_string(),
                            inline_path: inline.to_vec(),
                            path_attr: path_attr(&m.attrs),
                            cfg_paths: cfg_paths(&m.attrs),
                            lint_allowed: None,
                            public: false,
                            excluded: true,
                            cfg: None,
                            cand: None,
                        });
                    }
                    return;
                }
                let public = chain && is_pub(&m.vis);
                let cand = if is_pub(&m.vis) {
                    let reach = self.reach_for(chain, module);
                    Some(self.push(
                        line_of(&m.ident),
                        "module",
                        m.ident.to_string(),
                        has_doc(&m.attrs),
                        reach,
                        false,
                        &m.attrs,
                    ))
                } else {
                    None
                };
                let name = m.ident.to_string();
                match &m.content {
                    Some((_, items)) => {
                        let mut path = inline.to_vec();
                        path.push(name.clone());
                        let depth = self.enter(&m.attrs);
                        self.items(items, &path, public, &name);
                        self.leave(depth);
                    }
                    None => self.out.mods.push(ModDecl {
                        name,
                        inline_path: inline.to_vec(),
                        path_attr: path_attr(&m.attrs),
                        cfg_paths: cfg_paths(&m.attrs),
                        lint_allowed: self.lint_with(&m.attrs),
                        public,
                        excluded: false,
                        cfg: self.cfg_with(&m.attrs),
                        cand,
                    }),
                }
            }
            I::Use(u) if is_pub(&u.vis) && !skip(&u.attrs) => {
                let (mut names, mut globs) = (Vec::new(), Vec::new());
                collect_use(&u.tree, None, &mut names, &mut globs);
                let cfg = self.cfg_with(&u.attrs);
                let from = module.to_string();
                self.out
                    .reexports
                    .extend(names.into_iter().map(|(m, n)| Reexport {
                        from: from.clone(),
                        chain,
                        target: m,
                        name: Some(n),
                        cfg: cfg.clone(),
                    }));
                self.out
                    .reexports
                    .extend(globs.into_iter().map(|g| Reexport {
                        from: from.clone(),
                        chain,
                        target: Some(g),
                        name: None,
                        cfg: cfg.clone(),
                    }));
            }
            _ => {}
        }
    }
}

fn collect_use(
    tree: &UseTree,
    parent: Option<&str>,
    names: &mut Vec<(Option<String>, String)>,
    globs: &mut Vec<String>,
) {
    let module = || {
        parent
            .filter(|p| !matches!(*p, "self" | "super" | "crate"))
            .map(str::to_string)
    };
    match tree {
        UseTree::Path(p) => {
            let seg = p.ident.to_string();
            collect_use(&p.tree, Some(&seg), names, globs);
        }
        UseTree::Name(n) => {
            let s = n.ident.to_string();
            if s == "self" {
                if let Some(p) = parent {
                    names.push((None, p.to_string()));
                }
            } else {
                names.push((module(), s));
            }
        }
        UseTree::Rename(r) => {
            names.push((module(), r.ident.to_string()));
        }
        UseTree::Glob(_) => {
            if let Some(p) = parent {
                globs.push(p.to_string());
            }
        }
        UseTree::Group(g) => {
            for t in &g.items {
                collect_use(t, parent, names, globs);
            }
        }
    }
}

fn dir_of(rel: &str) -> &str {
    rel.rfind('/').map(|i| &rel[..i]).unwrap_or("")
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Whether a file is a crate root: `lib.rs`, `main.rs` or a file directly in a `bin` folder.
fn is_root_name(rel: &str) -> bool {
    let name = file_name(rel);
    name == "lib.rs"
        || name == "main.rs"
        || dir_of(rel).ends_with("src/bin")
        || dir_of(rel) == "bin"
}

/// Files cargo does not lint with `missing_docs` when they belong to no crate root.
fn is_unlinted(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    file_name(rel) == "build.rs"
        || parts[..parts.len().saturating_sub(1)].iter().any(|p| {
            matches!(
                *p,
                "tests" | "examples" | "benches" | "fuzz" | "ui" | "target"
            )
        })
}

/// The folder a file's child modules live in.
fn child_dir(rel: &str, root: bool) -> String {
    let name = file_name(rel);
    if root || name == "mod.rs" {
        dir_of(rel).to_string()
    } else {
        join(dir_of(rel), name.trim_end_matches(".rs"))
    }
}

/// Decides reachability across all Rust files and returns the counted items per file.
/// `manifests`: the default features of each `Cargo.toml`, by folder (`""` for the root).
pub fn resolve(
    files: Vec<(String, RsFile)>,
    manifests: &HashMap<String, HashSet<String>>,
) -> Vec<(String, Vec<Item>)> {
    resolve_with(files, manifests, &HashSet::new())
}

/// [`resolve`], with `fallback` (the `rust_cfg` settings) for files under no `Cargo.toml`.
pub fn resolve_with(
    files: Vec<(String, RsFile)>,
    manifests: &HashMap<String, HashSet<String>>,
    fallback: &HashSet<String>,
) -> Vec<(String, Vec<Item>)> {
    let no_features = fallback.clone();
    let features_for = |rel: &str| -> &HashSet<String> {
        let mut d = dir_of(rel);
        loop {
            if let Some(f) = manifests.get(d) {
                return f;
            }
            if d.is_empty() {
                return &no_features;
            }
            d = dir_of(d);
        }
    };
    let on = |cfg: &Option<Cfg>, features: &HashSet<String>| {
        cfg.as_ref().is_none_or(|c| c.eval(features))
    };
    let index: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, (r, _))| (r.as_str(), i))
        .collect();
    // Child edges: (parent file, decl index) -> child file.
    let n = files.len();
    let mut children: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut has_parent = vec![false; n];
    let mut is_root = vec![false; n];
    for (i, (rel, _)) in files.iter().enumerate() {
        // `cargo check` builds the library and binaries, not tests, examples or benches.
        is_root[i] = is_root_name(rel) && !is_unlinted(rel);
    }
    // Files named by an inactive `#[cfg_attr(…, path = …)]`: not compiled, not orphans either.
    let mut claimed = vec![false; n];
    for (i, (rel, f)) in files.iter().enumerate() {
        let cdir = child_dir(rel, is_root[i]);
        let feats = features_for(rel);
        for (d, m) in f.mods.iter().enumerate() {
            let path_target = |p: &str| {
                let base = if m.inline_path.is_empty() {
                    dir_of(rel).to_string()
                } else {
                    join(&cdir, &m.inline_path.join("/"))
                };
                normalize(&join(&base, p))
            };
            let active = m
                .cfg_paths
                .iter()
                .find(|(c, _)| c.eval(feats))
                .map(|(_, p)| p.as_str())
                .or(m.path_attr.as_deref());
            let default_targets = || {
                let mut base = cdir.clone();
                for seg in &m.inline_path {
                    base = join(&base, seg);
                }
                vec![
                    join(&base, &format!("{}.rs", m.name)),
                    join(&base, &format!("{}/mod.rs", m.name)),
                ]
            };
            if !m.cfg_paths.is_empty() {
                let mut others: Vec<String> = m
                    .cfg_paths
                    .iter()
                    .map(|(_, p)| path_target(p))
                    .chain(m.path_attr.iter().map(|p| path_target(p)))
                    .collect();
                if m.path_attr.is_none() {
                    others.extend(default_targets());
                }
                for t in others {
                    if let Some(&c) = index.get(t.as_str()) {
                        claimed[c] = true;
                    }
                }
            }
            let target = match active {
                Some(p) => vec![path_target(p)],
                None => default_targets(),
            };
            if let Some(&c) = target.iter().find_map(|t| index.get(t.as_str()))
                && c != i
            {
                children[i].push((d, c));
                has_parent[c] = true;
            }
        }
    }
    // A `lib.rs`/`main.rs` reached through a `mod` declaration is not a crate root.
    for i in 0..n {
        if has_parent[i] {
            is_root[i] = false;
        }
    }
    // Walk from the roots: per file, whether its module is public, and its crate.
    let mut public: Vec<Option<bool>> = vec![None; n];
    let mut crate_of: Vec<usize> = (0..n).collect();
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..n {
        if is_root[i] {
            public[i] = Some(true);
            stack.push(i);
        }
    }
    // Files not reached from any root: count them as public modules of their own, unless they
    // are under tests/examples/benches or a build script.
    // A file no `mod` declaration reaches is not compiled when its package has a crate root
    // (a module commented out, a leftover file); it is counted only in a folder with no root.
    let package_of = |rel: &str| -> Option<String> {
        let mut d = dir_of(rel);
        loop {
            if manifests.contains_key(d) {
                return Some(d.to_string());
            }
            if d.is_empty() {
                return None;
            }
            d = dir_of(d);
        }
    };
    let rooted: HashSet<String> = (0..n)
        .filter(|&i| is_root[i])
        .filter_map(|i| package_of(&files[i].0))
        .collect();
    for i in 0..n {
        if !is_root[i]
            && !has_parent[i]
            && !claimed[i]
            && !is_unlinted(&files[i].0)
            && !package_of(&files[i].0).is_some_and(|p| rooted.contains(&p))
        {
            public[i] = Some(true);
            stack.push(i);
        }
    }
    // The module name a file is known by: its declaration's name, else its file stem.
    let mut module_name: Vec<String> = files
        .iter()
        .map(|(rel, _)| {
            let stem = file_name(rel).trim_end_matches(".rs");
            if stem == "mod" {
                file_name(dir_of(rel))
            } else {
                stem
            }
            .to_string()
        })
        .collect();
    let mut excluded = vec![false; n];
    // Whether `missing_docs` is allowed in each file's module (inherited down the module tree).
    let mut allowed: Vec<bool> = files
        .iter()
        .map(|(_, f)| f.inner_lint.unwrap_or(false))
        .collect();
    let mut crate_features: Vec<&HashSet<String>> = vec![&no_features; n];
    for &i in &stack {
        crate_features[i] = features_for(&files[i].0);
        if !on(&files[i].1.cfg, crate_features[i]) {
            excluded[i] = true;
        }
    }
    while let Some(i) = stack.pop() {
        let parent_public = public[i].unwrap_or(false);
        for &(d, c) in &children[i] {
            if public[c].is_some() {
                continue;
            }
            let decl = files[i].1.mods.get(d);
            // A declaration compiled out (e.g. `#[cfg(feature = "x")] pub mod a;` next to
            // `#[cfg(not(feature = "x"))] mod a;`) does not bring its file in.
            if !decl.is_some_and(|m| on(&m.cfg, crate_features[i])) {
                continue;
            }
            crate_features[c] = crate_features[i];
            if !on(&files[c].1.cfg, crate_features[c]) {
                excluded[c] = true;
            }
            let decl_public = decl.is_some_and(|m| m.public);
            if decl.is_some_and(|m| m.excluded) || excluded[i] {
                excluded[c] = true;
            }
            if let Some(m) = decl {
                module_name[c] = m.name.clone();
                allowed[c] = files[c]
                    .1
                    .inner_lint
                    .or(m.lint_allowed)
                    .unwrap_or(allowed[i]);
            }
            public[c] = Some(parent_public && decl_public && !files[c].1.inner_hidden);
            crate_of[c] = crate_of[i];
            stack.push(c);
        }
    }
    for i in 0..n {
        if excluded[i] {
            public[i] = None;
        }
    }
    // Per crate: re-exported (module, name) pairs, names re-exported from anywhere, and
    // globbed modules. A `pub use` counts when its own module is reachable: a public one, a
    // globbed one, or one the re-exported name is itself re-exported from (`pub use m::X`
    // where `m` has `pub use n::*` makes `n::X` reachable) — iterated to a fixed point.
    type Exports = (HashSet<(String, String)>, HashSet<String>, HashSet<String>);
    let mut reexports: HashMap<usize, Exports> = HashMap::new();
    for _round in 0..64 {
        let mut changed = false;
        for i in 0..n {
            if public[i].is_none() || excluded[i] {
                continue;
            }
            let feats = crate_features[i];
            let e = reexports.entry(crate_of[i]).or_default();
            for r in &files[i].1.reexports {
                if !on(&r.cfg, feats) {
                    continue;
                }
                let src = if r.from.is_empty() {
                    module_name[i].as_str()
                } else {
                    r.from.as_str()
                };
                let open = (public[i] == Some(true) && r.chain) || e.2.contains(src);
                match (&r.target, &r.name) {
                    (Some(t), Some(x)) => {
                        if (open || e.0.contains(&(src.to_string(), x.clone())))
                            && e.0.insert((t.clone(), x.clone()))
                        {
                            changed = true;
                        }
                    }
                    (None, Some(x)) => {
                        if (open || e.0.contains(&(src.to_string(), x.clone())))
                            && e.1.insert(x.clone())
                        {
                            changed = true;
                        }
                    }
                    (Some(g), None) => {
                        if open {
                            if e.2.insert(g.clone()) {
                                changed = true;
                            }
                        } else {
                            let names: Vec<String> =
                                e.0.iter()
                                    .filter(|(m, _)| m == src)
                                    .map(|(_, x)| x.clone())
                                    .collect();
                            for x in names {
                                if e.0.insert((g.clone(), x)) {
                                    changed = true;
                                }
                            }
                        }
                    }
                    (None, None) => {}
                }
            }
        }
        if !changed {
            break;
        }
    }
    let empty: Exports = (HashSet::new(), HashSet::new(), HashSet::new());
    let exported = |e: &Exports, module: &str, name: &str| {
        e.0.contains(&(module.to_string(), name.to_string()))
            || e.1.contains(name)
            || e.2.contains(module)
    };
    // Pass 1: non-impl candidates; collect reachable type names per crate.
    let mut reach: Vec<Vec<bool>> = files
        .iter()
        .map(|(_, f)| vec![false; f.cands.len()])
        .collect();
    let mut types: HashMap<usize, HashSet<String>> = HashMap::new();
    for (i, (_, f)) in files.iter().enumerate() {
        let Some(file_public) = public[i] else {
            continue;
        };
        if f.inner_hidden {
            continue;
        }
        let ex = reexports.get(&crate_of[i]).unwrap_or(&empty);
        let file_module = module_name[i].as_str();
        for (c, cand) in f.cands.iter().enumerate() {
            if !on(&cand.cfg, crate_features[i]) {
                continue;
            }
            let r = match &cand.reach {
                Reach::Chain => {
                    file_public
                        || exported(ex, file_module, cand.ident.as_str())
                        || cand.item.kind == "macro"
                }
                Reach::Private { module } => exported(ex, module, cand.ident.as_str()),
                Reach::Parent(p) => reach[i].get(*p).copied().unwrap_or(false),
                Reach::ImplOf(_) => false,
            };
            reach[i][c] = r;
            if r && cand.is_type {
                types
                    .entry(crate_of[i])
                    .or_default()
                    .insert(cand.ident.clone());
            }
        }
    }
    // Pass 2: inherent impl items of reachable types.
    for (i, (_, f)) in files.iter().enumerate() {
        if public[i].is_none() || f.inner_hidden {
            continue;
        }
        let t = types.get(&crate_of[i]);
        // A type of that name declared in the same file is the one the impl is for (another
        // crate-private type of the same name elsewhere does not make it reachable).
        let local: HashMap<&str, bool> = f
            .cands
            .iter()
            .enumerate()
            .filter(|(c, cand)| {
                cand.is_type && on(&cand.cfg, crate_features[i]) && *c < reach[i].len()
            })
            .map(|(c, cand)| (cand.ident.as_str(), reach[i][c]))
            .fold(HashMap::new(), |mut m, (k, v)| {
                *m.entry(k).or_insert(false) |= v;
                m
            });
        for (c, cand) in f.cands.iter().enumerate() {
            if let Reach::ImplOf(ty) = &cand.reach {
                let type_reached = match local.get(ty.as_str()) {
                    Some(&r) => r,
                    None => t.is_some_and(|t| t.contains(ty)),
                };
                reach[i][c] = type_reached && on(&cand.cfg, crate_features[i]);
            }
        }
    }
    // Module items are documented by `//!` in their own file too.
    let mut inner_doc_of_decl: HashMap<(usize, usize), bool> = HashMap::new();
    // A module item whose own file says `#![allow(missing_docs)]`.
    let mut inner_allow_of_decl: HashMap<(usize, usize), bool> = HashMap::new();
    for (i, ch) in children.iter().enumerate() {
        for &(d, c) in ch {
            if let Some(cand) = files[i].1.mods.get(d).and_then(|m| m.cand) {
                let child = &files[c].1;
                let documented = child.inner_doc
                    || child
                        .inner_doc_cfg
                        .as_ref()
                        .is_some_and(|d| d.eval(crate_features[c]));
                inner_doc_of_decl.insert((i, cand), documented);
                if let Some(l) = child.inner_lint {
                    inner_allow_of_decl.insert((i, cand), l);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    for (i, (rel, f)) in files.into_iter().enumerate() {
        let mut items = Vec::new();
        if is_root[i] && !f.inner_hidden && !allowed[i] {
            let documented = f.inner_doc
                || f.inner_doc_cfg
                    .as_ref()
                    .is_some_and(|c| c.eval(crate_features[i]));
            items.push(Item::new(1, "crate", rel.clone(), documented));
        }
        for (c, cand) in f.cands.into_iter().enumerate() {
            let lint_allowed = inner_allow_of_decl
                .get(&(i, c))
                .copied()
                .or(cand.lint_allowed)
                .unwrap_or(allowed[i]);
            if reach[i][c] && !lint_allowed {
                let mut item = cand.item;
                if inner_doc_of_decl.get(&(i, c)).copied().unwrap_or(false)
                    || cand
                        .doc_cfg
                        .as_ref()
                        .is_some_and(|d| d.eval(crate_features[i]))
                {
                    item.documented = true;
                }
                items.push(item);
            }
        }
        out.push((rel, items));
    }
    out
}

/// Resolves `.` and `..` in a `/`-separated relative path.
fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
#[path = "rust_tests.rs"]
mod tests;
