//! `#[cfg]`, `#[cfg_attr]` and lint-level attributes for the Rust docs counter: which items
//! rustc compiles (a Linux x86_64 host, the crate's selected features, `rust_cfg`), which ones a
//! `cfg_attr(…, doc = …)` documents, which file a `cfg_attr(…, path = …)` module is read from, and
//! where `#[allow(missing_docs)]` silences the lint.

use std::collections::HashSet;
use syn::{Attribute, Meta};

/// A `#[cfg(…)]` predicate, evaluated once the crate's default features are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cfg {
    /// `feature = "name"`.
    Feature(String),
    /// Any other name (`docsrs`, `windows`, a build script's `rustc-cfg`), or `name = "value"`
    /// for other names: false unless the gate's `rust_cfg` sets it.
    Custom(String),
    /// A predicate whose value does not depend on features (evaluated for the host:
    /// Linux, x86_64, `debug_assertions`, not `test`, not `doc`).
    Known(bool),
    Not(Box<Cfg>),
    All(Vec<Cfg>),
    Any(Vec<Cfg>),
}

impl Cfg {
    /// Evaluates against a set of enabled features.
    pub fn eval(&self, features: &HashSet<String>) -> bool {
        match self {
            Cfg::Feature(f) => features.contains(f),
            Cfg::Custom(c) => features.contains(&custom_key(c)),
            Cfg::Known(b) => *b,
            Cfg::Not(c) => !c.eval(features),
            Cfg::All(v) => v.iter().all(|c| c.eval(features)),
            Cfg::Any(v) => v.iter().any(|c| c.eval(features)),
        }
    }

    pub(super) fn from_meta(m: &Meta) -> Cfg {
        match m {
            Meta::Path(p) => {
                let name = p.get_ident().map(|i| i.to_string()).unwrap_or_default();
                if matches!(
                    name.as_str(),
                    "unix" | "debug_assertions" | "overflow_checks" | "target_thread_local"
                ) {
                    Cfg::Known(true)
                } else {
                    Cfg::Custom(name)
                }
            }
            Meta::NameValue(nv) => {
                let name = nv
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                let value = match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => s.value(),
                    _ => String::new(),
                };
                match name.as_str() {
                    "feature" => Cfg::Feature(value),
                    "target_os" => Cfg::Known(value == "linux"),
                    "target_family" => Cfg::Known(value == "unix"),
                    "target_arch" => Cfg::Known(value == "x86_64"),
                    "target_pointer_width" => Cfg::Known(value == "64"),
                    "target_endian" => Cfg::Known(value == "little"),
                    "target_env" => Cfg::Known(value == "gnu"),
                    "target_vendor" => Cfg::Known(value == "unknown"),
                    "target_has_atomic" => {
                        Cfg::Known(matches!(value.as_str(), "8" | "16" | "32" | "64" | "ptr"))
                    }
                    "panic" => Cfg::Known(value == "unwind"),
                    // x86_64's baseline target features.
                    "target_feature" => {
                        Cfg::Known(matches!(value.as_str(), "sse" | "sse2" | "fxsr"))
                    }
                    _ => Cfg::Custom(format!("{name}=\"{value}\"")),
                }
            }
            Meta::List(l) => {
                let name = l
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                let inner: Vec<Cfg> = match parse_metas(&l.tokens) {
                    Some(list) => list.iter().map(Cfg::from_meta).collect(),
                    None => return Cfg::Known(false),
                };
                match name.as_str() {
                    "all" => Cfg::All(inner),
                    "any" => Cfg::Any(inner),
                    "not" => match inner.into_iter().next() {
                        Some(c) => Cfg::Not(Box::new(c)),
                        None => Cfg::Known(false),
                    },
                    _ => Cfg::Known(false),
                }
            }
        }
    }
}

/// How a `rust_cfg` entry is kept in the enabled-feature set (a space is never in a feature name).
pub fn custom_key(cfg: &str) -> String {
    format!("cfg {cfg}")
}

pub(super) fn parse_metas(tokens: &proc_macro2::TokenStream) -> Option<Vec<Meta>> {
    let parser = syn::punctuated::Punctuated::<Meta, syn::Token![,]>::parse_terminated;
    syn::parse::Parser::parse2(parser, tokens.clone())
        .ok()
        .map(|p| p.into_iter().collect())
}

/// The `#[cfg(…)]` predicates on an item.
pub(super) fn cfgs(attrs: &[Attribute]) -> Vec<Cfg> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .filter_map(|a| match &a.meta {
            Meta::List(l) => {
                let v: Vec<Cfg> = parse_metas(&l.tokens)?.iter().map(Cfg::from_meta).collect();
                if v.len() == 1 {
                    v.into_iter().next()
                } else {
                    Some(Cfg::All(v))
                }
            }
            _ => None,
        })
        .collect()
}

/// The condition under which `#[cfg_attr(pred, …, doc = …, …)]` attributes (nested ones too)
/// document an item: any of their predicates, `None` when there is no such attribute.
pub(super) fn doc_cfg(attrs: &[Attribute]) -> Option<Cfg> {
    fn in_list(tokens: &proc_macro2::TokenStream, depth: usize) -> Option<Cfg> {
        let metas = parse_metas(tokens)?;
        let (pred, rest) = metas.split_first()?;
        let documents = rest.iter().any(|m| match m {
            Meta::NameValue(nv) => nv.path.is_ident("doc"),
            Meta::List(l) if depth < 8 && l.path.is_ident("cfg_attr") => {
                in_list(&l.tokens, depth + 1).is_some()
            }
            _ => false,
        });
        if !documents {
            return None;
        }
        let mut all = vec![Cfg::from_meta(pred)];
        // A nested `cfg_attr` documents only under its own predicate too.
        let nested: Vec<Cfg> = rest
            .iter()
            .filter_map(|m| match m {
                Meta::List(l) if depth < 8 && l.path.is_ident("cfg_attr") => {
                    in_list(&l.tokens, depth + 1)
                }
                _ => None,
            })
            .collect();
        let direct = rest
            .iter()
            .any(|m| matches!(m, Meta::NameValue(nv) if nv.path.is_ident("doc")));
        if !direct {
            all.push(Cfg::Any(nested));
        }
        Some(Cfg::All(all))
    }
    let any: Vec<Cfg> = attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg_attr"))
        .filter_map(|a| match &a.meta {
            Meta::List(l) => in_list(&l.tokens, 0),
            _ => None,
        })
        .collect();
    if any.is_empty() {
        None
    } else {
        Some(Cfg::Any(any))
    }
}

/// The `missing_docs` level `attrs` set: `Some(true)` for `allow`/`expect(missing_docs)`,
/// `Some(false)` for `warn`/`deny`/`forbid`, the last one winning. `allow(warnings)` silences
/// it too.
pub(super) fn lint_level(attrs: &[Attribute]) -> Option<bool> {
    let mut level = None;
    for a in attrs {
        let allowed = if a.path().is_ident("allow") || a.path().is_ident("expect") {
            true
        } else if a.path().is_ident("warn")
            || a.path().is_ident("deny")
            || a.path().is_ident("forbid")
        {
            false
        } else {
            continue;
        };
        let Meta::List(l) = &a.meta else {
            continue;
        };
        let names = l.tokens.clone().into_iter().any(|t| {
            matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "missing_docs"
                || (allowed && i == "warnings"))
        });
        if names {
            level = Some(allowed);
        }
    }
    level
}

/// `#[cfg_attr(pred, path = "…")]` attributes: (pred, path).
pub(super) fn cfg_paths(attrs: &[Attribute]) -> Vec<(Cfg, String)> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg_attr"))
        .filter_map(|a| {
            let Meta::List(l) = &a.meta else {
                return None;
            };
            let metas = parse_metas(&l.tokens)?;
            let (pred, rest) = metas.split_first()?;
            let path = rest.iter().find_map(|m| match m {
                Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })?;
            Some((Cfg::from_meta(pred), path))
        })
        .collect()
}

/// The features `cargo check` enables by default for a `Cargo.toml`: `default` and what it
/// enables, transitively (`dep:x` and `crate/feature` entries name dependencies, except that
/// `x/feature` also enables an optional dependency `x`'s implicit feature).
pub fn default_features(cargo_toml: &str) -> HashSet<String> {
    enabled_features(cargo_toml, &FeatureSelection::default())
}

/// The features selected with the gate's `features` / `no_default_features` options, as
/// `cargo check --features … [--no-default-features]` would select them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeatureSelection {
    /// `x` (every crate that declares `x`) or `package/x` (only that package).
    pub features: Vec<String>,
    /// Leave out `default` (cargo's `--no-default-features`).
    pub no_default: bool,
    /// Extra `--cfg` settings (`name` or `name="value"`), as a build script or `RUSTFLAGS` set.
    pub cfgs: Vec<String>,
}

/// The features enabled for a `Cargo.toml` under `sel`: `default` (unless `no_default`) and the
/// selected ones that this manifest declares (or that name one of its optional dependencies),
/// with what they enable, transitively.
pub fn enabled_features(cargo_toml: &str, sel: &FeatureSelection) -> HashSet<String> {
    let mut out: HashSet<String> = sel.cfgs.iter().map(|c| custom_key(c)).collect();
    let Ok(doc) = cargo_toml.parse::<toml::Table>() else {
        return out;
    };
    let package = doc
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .unwrap_or("");
    let empty = toml::Table::new();
    let features = doc
        .get("features")
        .and_then(|f| f.as_table())
        .unwrap_or(&empty);
    // An optional dependency is a feature of its own name unless a `dep:` entry names it.
    let hidden: HashSet<&str> = features
        .values()
        .filter_map(|v| v.as_array())
        .flatten()
        .filter_map(|e| e.as_str()?.strip_prefix("dep:"))
        .collect();
    let optional_deps: HashSet<String> = ["dependencies", "build-dependencies"]
        .iter()
        .filter_map(|t| doc.get(*t).and_then(|d| d.as_table()))
        .flat_map(|t| t.iter())
        .filter(|(k, v)| {
            v.get("optional").and_then(|o| o.as_bool()) == Some(true)
                && !hidden.contains(k.as_str())
        })
        .map(|(k, _)| k.clone())
        .collect();
    let mut todo: Vec<String> = Vec::new();
    if !sel.no_default {
        todo.push("default".to_string());
    }
    for f in &sel.features {
        let name = match f.split_once('/') {
            Some((pkg, name)) if pkg == package => name,
            Some(_) => continue,
            None => f.as_str(),
        };
        if features.contains_key(name) || optional_deps.contains(name) {
            todo.push(name.to_string());
        }
    }
    while let Some(f) = todo.pop() {
        if !features.contains_key(&f) && !optional_deps.contains(&f) {
            continue;
        }
        if !out.insert(f.clone()) {
            continue;
        }
        let Some(list) = features.get(&f).and_then(|v| v.as_array()) else {
            continue;
        };
        for e in list.iter().filter_map(|v| v.as_str()) {
            if e.starts_with("dep:") {
                continue;
            }
            match e.split_once('/') {
                Some((dep, _)) if !dep.ends_with('?') => todo.push(dep.to_string()),
                Some(_) => {}
                None => todo.push(e.to_string()),
            }
        }
    }
    out
}
