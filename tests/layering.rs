//! Issue 21 item 24: no import circle between gatekeep's top-level modules, and the lower
//! floors never import the upper ones (CONTRIBUTING.md, "Layers"). Read from the source:
//! every `crate::<module>` a module's non-test code names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its non-test code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let top = rel
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_string();
            if top == "main" || top == "lib" || rel.ends_with("/tests.rs") || top == "testutil" {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // Test code may reach anywhere: cut at the first inline test module.
            let cut = text
                .match_indices("#[cfg(test)]\nmod ")
                .map(|(i, _)| i)
                .find(|&i| {
                    text[i..]
                        .lines()
                        .nth(1)
                        .is_some_and(|l| l.trim_end().ends_with('{'))
                })
                .unwrap_or(text.len());
            let code = &text[..cut];
            let deps = g.entry(top.clone()).or_default();
            for (i, _) in code.match_indices("crate::") {
                let name: String = code[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != top {
                    deps.insert(name);
                }
            }
        }
    }
    g
}

#[test]
fn no_import_circle_between_modules() {
    let g = graph();
    // Depth-first search for a back edge; report the circle it closes.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            match state.get(d.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = path.iter().position(|x| x == d).unwrap_or(0);
                    let mut c = path[at..].to_vec();
                    c.push(d.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(d, g, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            let mut path = Vec::new();
            if let Some(c) = visit(n, &g, &mut state, &mut path) {
                panic!("import circle: {}", c.join(" → "));
            }
        }
    }
}

#[test]
fn lower_floors_never_import_upper_ones() {
    let g = graph();
    let lower = [
        "model",
        "walk",
        "threshold",
        "paths",
        "node",
        "changes",
        "date",
        "cancel",
        "text",
        "atomic",
        "interrupt",
        "suggest",
        "process",
        "reports_glob",
        "stats",
    ];
    let upper = [
        "gates", "config", "report", "cli", "runner", "verdict", "explain",
    ];
    for l in lower {
        let deps = g.get(l).cloned().unwrap_or_default();
        for u in upper {
            assert!(!deps.contains(u), "`{l}` (a lower floor) imports `{u}`");
        }
    }
    // The gate kinds never import the config loader or the reports.
    for u in ["config", "report", "cli", "runner", "verdict"] {
        assert!(!g["gates"].contains(u), "`gates` imports `{u}`");
    }
}
