//! Python's import bindings: the module, or module member, a local name stands for. A rule's
//! `values` regex is also tried on a capture's imported name, so a call is matched by what it
//! calls however it was imported: after `import xml.etree.ElementTree as ET`, `ET.parse` is
//! `xml.etree.ElementTree.parse`; after `from xml.dom.minidom import parseString as p`, `p` is
//! `xml.dom.minidom.parseString`. A name bound by several imports (`try: import cElementTree
//! as ET` / `except ImportError: import ElementTree as ET`) stands for each of them. Relative
//! and `*` imports bind nothing here.

use ast_grep_core::{Doc, Node};
use std::collections::HashMap;

/// Local name → the dotted names it was imported as.
pub type Imports = HashMap<String, Vec<String>>;

/// The bindings of every `import` and `from … import` statement among `nodes` (a Python
/// file's nodes), wherever it is (a `try`, a function).
pub fn python<'t, D: Doc>(nodes: &[Node<'t, D>]) -> Imports {
    let mut out = Imports::new();
    let mut bind = |local: String, full: String| {
        let v = out.entry(local).or_default();
        if !v.contains(&full) {
            v.push(full);
        }
    };
    for n in nodes {
        match n.kind().as_ref() {
            "import_statement" => {
                for item in n.field_children("name") {
                    // `import a.b.c` binds `a` to itself: only an alias renames.
                    if item.kind() == "aliased_import"
                        && let (Some(name), Some(alias)) = (item.field("name"), item.field("alias"))
                    {
                        bind(alias.text().to_string(), dotted(&name.text()));
                    }
                }
            }
            "import_from_statement" => {
                let Some(module) = n.field("module_name") else {
                    continue;
                };
                if module.kind() != "dotted_name" {
                    continue; // `from . import x`
                }
                let module = dotted(&module.text());
                for item in n.field_children("name") {
                    let (name, local) = if item.kind() == "aliased_import" {
                        match (item.field("name"), item.field("alias")) {
                            (Some(name), Some(alias)) => {
                                (dotted(&name.text()), alias.text().to_string())
                            }
                            _ => continue,
                        }
                    } else {
                        let t = dotted(&item.text());
                        (t.clone(), t)
                    };
                    bind(local, format!("{module}.{name}"));
                }
            }
            _ => {}
        }
    }
    out
}

/// `a . b` → `a.b`.
fn dotted(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The dotted names `text` (`ET.parse`, `p`) stands for through the imports; empty when its
/// first part was not imported under another name.
pub fn qualify(imports: &Imports, text: &str) -> Vec<String> {
    let t = dotted(text);
    let (head, rest) = match t.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (t.as_str(), None),
    };
    imports
        .get(head)
        .map(|v| {
            v.iter()
                .filter(|full| **full != head)
                .map(|full| match rest {
                    Some(r) => format!("{full}.{r}"),
                    None => full.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}
