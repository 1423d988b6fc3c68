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

#[cfg(test)]
mod tests {
    use super::super::rust::{parse, resolve, resolve_with};
    use super::*;
    use std::collections::HashMap;

    fn cfg_of(src: &str) -> Cfg {
        let file: syn::File = syn::parse_str(&format!("#[cfg({src})] fn f() {{}}")).unwrap();
        let syn::Item::Fn(f) = &file.items[0] else {
            panic!("not a fn")
        };
        let mut v = cfgs(&f.attrs);
        assert_eq!(v.len(), 1);
        v.remove(0)
    }

    fn set(v: &[&str]) -> HashSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn names(out: &[(String, Vec<super::super::Item>)]) -> Vec<String> {
        out.iter()
            .flat_map(|(_, v)| {
                v.iter()
                    .map(|i| format!("{}{}", if i.documented { "+" } else { "-" }, i.name))
            })
            .collect()
    }

    fn files(list: &[(&str, &str)]) -> Vec<(String, super::super::rust::RsFile)> {
        list.iter()
            .map(|(r, s)| (r.to_string(), parse(s).unwrap()))
            .collect()
    }

    #[test]
    fn predicates_as_on_a_linux_x86_64_host() {
        let none = set(&[]);
        for (src, want) in [
            ("unix", true),
            ("windows", false),
            ("test", false),
            ("doc", false),
            ("docsrs", false),
            ("miri", false),
            ("debug_assertions", true),
            ("target_os = \"linux\"", true),
            ("target_os = \"macos\"", false),
            ("target_family = \"unix\"", true),
            ("target_family = \"wasm\"", false),
            ("target_arch = \"x86_64\"", true),
            ("target_arch = \"aarch64\"", false),
            ("target_pointer_width = \"64\"", true),
            ("target_feature = \"sse2\"", true),
            ("target_feature = \"avx2\"", false),
            ("target_has_atomic = \"64\"", true),
            ("panic = \"unwind\"", true),
            ("any(windows, unix)", true),
            ("all(unix, windows)", false),
            ("all()", true),
            ("any()", false),
            ("not(windows)", true),
            ("not(any(test, doc))", true),
            ("all(unix, not(target_os = \"macos\"), not(test))", true),
        ] {
            assert_eq!(cfg_of(src).eval(&none), want, "cfg({src})");
        }
    }

    #[test]
    fn features_and_rust_cfg_are_looked_up() {
        let c = cfg_of("all(feature = \"std\", not(feature = \"nightly\"))");
        assert!(c.eval(&set(&["std"])));
        assert!(!c.eval(&set(&["std", "nightly"])));
        assert!(!c.eval(&set(&[])));
        // A build script's `rustc-cfg` and `name = "value"` pairs are false unless `rust_cfg`
        // sets them.
        let c = cfg_of("linux_raw");
        assert!(!c.eval(&set(&[])));
        assert!(c.eval(&set(&[&custom_key("linux_raw")])));
        let c = cfg_of("backend = \"raw\"");
        assert!(!c.eval(&set(&[])));
        assert!(c.eval(&set(&[&custom_key("backend=\"raw\"")])));
        // A feature and a cfg of the same name are not confused.
        assert!(!cfg_of("linux_raw").eval(&set(&["linux_raw"])));
        assert!(!cfg_of("feature = \"x\"").eval(&set(&[&custom_key("x")])));
    }

    #[test]
    fn feature_selection_follows_cargo() {
        let toml = "[package]\nname = \"pkg\"\n[dependencies]\nserde = { version = \"1\", optional = true }\nlibc = { version = \"1\", optional = true }\n[features]\ndefault = [\"std\"]\nstd = [\"alloc\"]\nalloc = []\nextra = [\"dep:libc\", \"serde/derive\"]\nother = []\n";
        assert_eq!(default_features(toml), set(&["default", "std", "alloc"]));
        let sel = |features: &[&str], no_default: bool| FeatureSelection {
            features: features.iter().map(|s| s.to_string()).collect(),
            no_default,
            cfgs: vec!["linux_raw".into()],
        };
        // `extra` enables `serde` (an optional dependency's implicit feature) but not `libc`,
        // which a `dep:` entry hides.
        assert_eq!(
            enabled_features(toml, &sel(&["extra"], false)),
            set(&["default", "std", "alloc", "extra", "serde", "cfg linux_raw"])
        );
        assert_eq!(
            enabled_features(toml, &sel(&[], true)),
            set(&["cfg linux_raw"])
        );
        // `package/feature` applies to that package only; an unknown feature is ignored.
        assert_eq!(
            enabled_features(toml, &sel(&["pkg/other", "elsewhere/extra", "nope"], true)),
            set(&["other", "cfg linux_raw"])
        );
        assert_eq!(
            enabled_features(toml, &sel(&["libc"], true)),
            set(&["cfg linux_raw"])
        );
        assert_eq!(
            enabled_features("not toml [", &sel(&["x"], false)),
            set(&["cfg linux_raw"])
        );
    }

    #[test]
    fn features_option_selects_other_items() {
        let lib = "//! c\n#[cfg(feature = \"extra\")]\npub fn extra() {}\n#[cfg(not(feature = \"std\"))]\npub fn no_std() {}\n#[cfg(feature = \"std\")]\npub fn std() {}\n";
        let toml = "[features]\ndefault = [\"std\"]\nstd = []\nextra = []\n";
        let run = |sel: FeatureSelection| {
            let m: HashMap<String, HashSet<String>> =
                [(String::new(), enabled_features(toml, &sel))]
                    .into_iter()
                    .collect();
            names(&resolve(files(&[("src/lib.rs", lib)]), &m))
        };
        assert_eq!(run(FeatureSelection::default()), ["+src/lib.rs", "-std"]);
        assert_eq!(
            run(FeatureSelection {
                features: vec!["extra".into()],
                ..Default::default()
            }),
            ["+src/lib.rs", "-extra", "-std"]
        );
        assert_eq!(
            run(FeatureSelection {
                no_default: true,
                ..Default::default()
            }),
            ["+src/lib.rs", "-no_std"]
        );
    }

    #[test]
    fn rust_cfg_applies_without_a_manifest() {
        let lib = "//! c\n#[cfg(my_cfg)]\npub fn on() {}\n#[cfg(not(my_cfg))]\npub fn off() {}\n";
        let none = names(&resolve(files(&[("src/lib.rs", lib)]), &HashMap::new()));
        assert_eq!(none, ["+src/lib.rs", "-off"]);
        let set_cfg = names(&resolve_with(
            files(&[("src/lib.rs", lib)]),
            &HashMap::new(),
            &set(&[&custom_key("my_cfg")]),
        ));
        assert_eq!(set_cfg, ["+src/lib.rs", "-on"]);
    }

    #[test]
    fn cfg_attr_doc_documents_under_its_condition() {
        let lib = "#![cfg_attr(docsrs, doc = \"crate docs for docs.rs only\")]\n#[cfg_attr(unix, doc = \"on unix\")]\npub fn a() {}\n#[cfg_attr(windows, doc = \"on windows\")]\npub fn b() {}\n#[cfg_attr(feature = \"std\", doc = \"with std\")]\npub fn c() {}\n#[cfg_attr(all(), cfg_attr(unix, doc = \"nested\"))]\npub fn d() {}\n#[cfg_attr(unix, cfg_attr(windows, doc = \"nested, off\"))]\npub fn e() {}\n#[cfg_attr(unix, must_use)]\npub fn f() {}\n#[cfg_attr(unix, doc = \"m\")]\npub mod m {}\n";
        let m: HashMap<String, HashSet<String>> =
            [(String::new(), set(&["std"]))].into_iter().collect();
        assert_eq!(
            names(&resolve(files(&[("src/lib.rs", lib)]), &m)),
            ["-src/lib.rs", "+a", "-b", "+c", "+d", "-e", "-f", "+m"]
        );
        assert_eq!(
            names(&resolve(files(&[("src/lib.rs", lib)]), &HashMap::new())),
            ["-src/lib.rs", "+a", "-b", "-c", "+d", "-e", "-f", "+m"]
        );
        // A module file's `#![cfg_attr(…, doc = …)]` documents the module item.
        let out = resolve(
            files(&[
                ("src/lib.rs", "//! c\npub mod a;\npub mod b;\n"),
                ("src/a.rs", "#![cfg_attr(unix, doc = \"a\")]\n"),
                ("src/b.rs", "#![cfg_attr(windows, doc = \"b\")]\n"),
            ]),
            &HashMap::new(),
        );
        assert_eq!(names(&out), ["+src/lib.rs", "+a", "-b"]);
    }

    #[test]
    fn cfg_attr_path_reads_the_active_file_only() {
        let lib = "//! c\n#[cfg_attr(windows, path = \"windows.rs\")]\n#[cfg_attr(unix, path = \"unix.rs\")]\n#[cfg_attr(target_os = \"wasi\", path = \"wasi.rs\")]\nmod sys;\npub use sys::errno;\n";
        let out = resolve(
            files(&[
                ("src/lib.rs", lib),
                ("src/windows.rs", "pub fn errno() {}\npub fn win() {}\n"),
                ("src/unix.rs", "pub fn errno() {}\npub fn unix_only() {}\n"),
                ("src/wasi.rs", "pub fn errno() {}\n"),
                ("src/sys.rs", "pub fn errno() {}\n"),
            ]),
            &HashMap::new(),
        );
        let counted: Vec<(&str, Vec<String>)> = out
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(r, v)| (r.as_str(), v.iter().map(|i| i.name.clone()).collect()))
            .collect();
        assert_eq!(
            counted,
            [
                ("src/lib.rs", vec!["src/lib.rs".to_string()]),
                ("src/unix.rs", vec!["errno".to_string()]),
            ]
        );
        // No active `cfg_attr`: the plain `#[path]`, else `sys.rs`, is read.
        let lib = "//! c\n#[cfg_attr(windows, path = \"windows.rs\")]\npub mod sys;\n";
        let out = resolve(
            files(&[
                ("src/lib.rs", lib),
                ("src/windows.rs", "pub fn win() {}\n"),
                ("src/sys.rs", "pub fn generic() {}\n"),
            ]),
            &HashMap::new(),
        );
        assert_eq!(names(&out), ["+src/lib.rs", "-sys", "-generic"]);
    }

    #[test]
    fn a_module_declared_twice_under_opposite_cfgs_is_read_once() {
        let lib = "//! c\n#[cfg(unix)]\n#[path = \"os/unix.rs\"]\npub mod os;\n#[cfg(not(unix))]\n#[path = \"os/other.rs\"]\npub mod os;\n";
        let out = resolve(
            files(&[
                ("src/lib.rs", lib),
                ("src/os/unix.rs", "//! unix\npub fn u() {}\n"),
                ("src/os/other.rs", "pub fn o() {}\n"),
            ]),
            &HashMap::new(),
        );
        assert_eq!(names(&out), ["+src/lib.rs", "+os", "-u"]);
    }

    #[test]
    fn allow_missing_docs_is_not_counted() {
        let lib = "//! c\n#[allow(missing_docs)]\npub fn a() {}\n#[allow(missing_docs)]\npub struct S { pub f: u8 }\n#[expect(missing_docs)]\npub enum E { V }\n#[allow(missing_docs)]\npub mod m {\n    pub fn x() {}\n    #[warn(missing_docs)]\n    pub fn y() {}\n}\n#[allow(missing_docs)]\nimpl T { pub fn t() {} }\n/// T\npub struct T;\n#[allow(warnings)]\npub fn w() {}\n#[allow(dead_code)]\npub fn counted() {}\n#[allow(missing_docs)]\npub mod sub;\npub mod quiet;\npub mod loud;\n";
        let out = resolve(
            files(&[
                ("src/lib.rs", lib),
                (
                    "src/sub.rs",
                    "pub fn s() {}\n#[deny(missing_docs)]\npub fn s2() {}\n",
                ),
                ("src/quiet.rs", "#![allow(missing_docs)]\npub fn q() {}\n"),
                (
                    "src/loud.rs",
                    "//! l\n#![allow(missing_docs)]\n#![warn(missing_docs)]\npub fn l() {}\n",
                ),
            ]),
            &HashMap::new(),
        );
        assert_eq!(
            names(&out),
            ["+src/lib.rs", "-y", "+T", "-counted", "+loud", "-s2", "-l"]
        );
        // At the crate root it silences the crate item too.
        let out = resolve(
            files(&[("src/lib.rs", "#![allow(missing_docs)]\npub fn a() {}\n")]),
            &HashMap::new(),
        );
        assert_eq!(names(&out), Vec::<String>::new());
    }

    #[test]
    fn impl_items_follow_the_type_declared_in_their_file() {
        // `sys::Handle` is private; the public `Handle` wraps it. rustc lints the public one's
        // methods only.
        let out = resolve(
            files(&[
                (
                    "src/lib.rs",
                    "//! c\nmod sys;\n/// H\npub struct Handle(sys::Handle);\nimpl Handle { pub fn open() {} }\n",
                ),
                (
                    "src/sys.rs",
                    "pub struct Handle;\nimpl Handle { pub fn raw() {} }\n",
                ),
            ]),
            &HashMap::new(),
        );
        assert_eq!(names(&out), ["+src/lib.rs", "+Handle", "-Handle::open"]);
    }

    #[test]
    fn orphans_of_a_package_with_a_root_and_test_targets_are_not_counted() {
        let m: HashMap<String, HashSet<String>> = [(String::new(), set(&[]))].into_iter().collect();
        let list = [
            ("src/lib.rs", "//! c\npub fn a() {}\n"),
            ("src/leftover.rs", "pub fn commented_out_module() {}\n"),
            ("tests/it/main.rs", "pub fn helper() {}\n"),
            ("examples/demo/main.rs", "pub fn demo() {}\n"),
        ];
        assert_eq!(names(&resolve(files(&list), &m)), ["+src/lib.rs", "-a"]);
        // Without a manifest, a loose file is still counted as a module of its own.
        assert_eq!(
            names(&resolve(files(&list[1..2]), &HashMap::new())),
            ["-commented_out_module"]
        );
    }
}
