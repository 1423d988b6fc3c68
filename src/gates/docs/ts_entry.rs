//! `ts_mode = "entry"`: JavaScript/TypeScript items counted the way TypeDoc reaches them — from
//! each package's entry points (`package.json` `types`/`typings`, `exports["."]`, `main`,
//! `module`, or `tsconfig.json` `files`), through `export * from`, `export { x } from`,
//! `import { x } … export { x }` and `export default`. A file under a package with no entry
//! point found is counted alone, as in `ts_mode = "per-file"`.

use super::Item;
use super::js::Module;
use std::collections::{HashMap, HashSet};

/// Bound on re-export chains followed from one name (cycles are cut by a visited set too).
const MAX_HOPS: usize = 64;

fn dir_of(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

fn join(dir: &str, rel: &str) -> String {
    if dir.is_empty() {
        rel.to_string()
    } else {
        format!("{dir}/{rel}")
    }
}

/// Resolves `.` and `..`; `None` when the path climbs out of the repository.
fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}

const TS_EXTS: &[&str] = &[".ts", ".tsx", ".d.ts", ".mts", ".d.mts", ".cts", ".d.cts"];
const JS_EXTS: &[&str] = &[".js", ".jsx", ".mjs", ".cjs"];

/// The source file a path names: itself, its TypeScript twin for a `.js` path, or with an
/// extension or `/index` added.
fn find(path: &str, files: &HashMap<&str, usize>) -> Option<usize> {
    let path = normalize(path)?;
    if let Some(&i) = files.get(path.as_str()) {
        return Some(i);
    }
    let stem = JS_EXTS
        .iter()
        .find_map(|e| path.strip_suffix(e))
        .unwrap_or(&path);
    for base in [stem.to_string(), format!("{stem}/index")] {
        for ext in TS_EXTS.iter().chain(JS_EXTS) {
            if let Some(&i) = files.get(format!("{base}{ext}").as_str()) {
                return Some(i);
            }
        }
    }
    None
}

/// Entry paths a `package.json` names, in TypeDoc's order of preference.
fn package_entries(json: &serde_json::Value) -> Vec<String> {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Object(m) if depth < 8 => {
                // `types` first, then the other conditions.
                if let Some(t) = m.get("types") {
                    strings(t, out, depth + 1);
                }
                for (k, v) in m {
                    if k != "types" {
                        strings(v, out, depth + 1);
                    }
                }
            }
            serde_json::Value::Array(a) if depth < 8 => {
                for v in a {
                    strings(v, out, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for key in ["types", "typings"] {
        if let Some(s) = json.get(key).and_then(|v| v.as_str()) {
            out.push(s.to_string());
        }
    }
    match json.get("exports") {
        Some(serde_json::Value::Object(m)) if m.keys().any(|k| k.starts_with('.')) => {
            if let Some(root) = m.get(".") {
                strings(root, &mut out, 0);
            }
        }
        Some(e) => strings(e, &mut out, 0),
        None => {}
    }
    for key in ["main", "module"] {
        if let Some(s) = json.get(key).and_then(|v| v.as_str()) {
            out.push(s.to_string());
        }
    }
    out
}

/// The entry file of a package folder: the first entry path that names a source file here
/// (a built `dist/x.js` is looked up as `src/x.ts` too), else `src/index.ts`, `index.ts` …
fn package_entry(
    dir: &str,
    package_json: Option<&str>,
    tsconfig: Option<&str>,
    files: &HashMap<&str, usize>,
) -> Vec<usize> {
    let mut paths: Vec<String> = Vec::new();
    if let Some(json) = package_json.and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
    {
        paths.extend(package_entries(&json));
    }
    for p in &paths {
        let p = p.trim_start_matches("./");
        if let Some(i) = find(&join(dir, p), files) {
            return vec![i];
        }
        for built in ["dist/", "lib/", "build/", "out/", "esm/", "cjs/"] {
            if let Some(rest) = p.strip_prefix(built)
                && let Some(i) = find(&join(dir, &format!("src/{rest}")), files)
            {
                return vec![i];
            }
        }
    }
    if let Some(files_list) = tsconfig
        .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        .and_then(|j| j.get("files").cloned())
        .and_then(|f| f.as_array().cloned())
    {
        let found: Vec<usize> = files_list
            .iter()
            .filter_map(|f| f.as_str())
            .filter_map(|f| find(&join(dir, f.trim_start_matches("./")), files))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    if package_json.is_some() {
        for p in ["src/index", "index"] {
            if let Some(i) = find(&join(dir, p), files) {
                return vec![i];
            }
        }
    }
    Vec::new()
}

struct Walk<'a> {
    modules: &'a [(String, Module)],
    index: HashMap<&'a str, usize>,
    /// (file, group index) counted.
    counted: HashSet<(usize, usize)>,
    all_done: HashSet<usize>,
    named_done: HashSet<(usize, String)>,
}

impl<'a> Walk<'a> {
    fn target(&self, from: usize, spec: &str) -> Option<usize> {
        if !(spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == "..") {
            return None;
        }
        find(&join(dir_of(&self.modules[from].0), spec), &self.index)
    }

    fn mark_local(&mut self, file: usize, local: &str, hops: usize) -> bool {
        let modules = self.modules;
        let m = &modules[file].1;
        if let Some(g) = m.groups.iter().position(|g| g.local == local) {
            self.counted.insert((file, g));
            return true;
        }
        if let Some((spec, name)) = m.links.imports.get(local).cloned()
            && let Some(t) = self.target(file, &spec)
        {
            self.named(t, &name, hops + 1);
            return true;
        }
        false
    }

    /// Everything `file` exports (its `export *` targets without their default).
    fn all(&mut self, file: usize, hops: usize, star: bool) {
        if hops > MAX_HOPS || !self.all_done.insert(file) {
            return;
        }
        let modules = self.modules;
        let m = &modules[file].1;
        // `export *` leaves out the default export.
        let default_locals: HashSet<&str> = m
            .links
            .local_exports
            .iter()
            .filter(|(_, e)| e == "default")
            .map(|(l, _)| l.as_str())
            .collect();
        let exported: Vec<usize> = m
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.exported && !(star && default_locals.contains(g.local.as_str())))
            .map(|(i, _)| i)
            .collect();
        for g in exported {
            self.counted.insert((file, g));
        }
        let links = &m.links;
        for (local, exported) in &links.local_exports {
            if !(star && exported == "default") {
                self.mark_local(file, local, hops);
            }
        }
        for (spec, name, _) in &links.named_from {
            if let Some(t) = self.target(file, spec) {
                self.named(t, name, hops + 1);
            }
        }
        for spec in &links.star_from {
            if let Some(t) = self.target(file, spec) {
                self.all(t, hops + 1, true);
            }
        }
    }

    /// The declaration `file` exports as `name`, wherever it is declared.
    fn named(&mut self, file: usize, name: &str, hops: usize) {
        if hops > MAX_HOPS || !self.named_done.insert((file, name.to_string())) {
            return;
        }
        let modules = self.modules;
        let m = &modules[file].1;
        let links = &m.links;
        if let Some((local, _)) = links.local_exports.iter().find(|(_, e)| e == name)
            && self.mark_local(file, local, hops)
        {
            return;
        }
        if name != "default"
            && let Some(g) = m.groups.iter().position(|g| g.exported && g.local == name)
        {
            self.counted.insert((file, g));
            return;
        }
        if let Some((spec, orig, _)) = links.named_from.iter().find(|(_, _, e)| e == name)
            && let Some(t) = self.target(file, spec)
        {
            self.named(t, orig, hops + 1);
            return;
        }
        if name != "default" {
            for spec in &links.star_from {
                if let Some(t) = self.target(file, spec) {
                    self.named(t, name, hops + 1);
                }
            }
        }
    }
}

/// Counts each file's items. `packages`: (folder, `package.json` text, `tsconfig.json` text) of
/// each package folder (`""`: the root).
pub fn resolve(
    modules: Vec<(String, Module)>,
    packages: &[(String, Option<String>, Option<String>)],
) -> Vec<(String, Vec<Item>)> {
    let index: HashMap<&str, usize> = modules
        .iter()
        .enumerate()
        .map(|(i, (r, _))| (r.as_str(), i))
        .collect();
    // The package folder each file belongs to: the deepest one holding it.
    let package_of = |rel: &str| -> Option<usize> {
        packages
            .iter()
            .enumerate()
            .filter(|(_, (d, _, _))| d.is_empty() || rel.starts_with(&format!("{d}/")))
            .max_by_key(|(_, (d, _, _))| d.len())
            .map(|(i, _)| i)
    };
    let mut entries: Vec<Vec<usize>> = Vec::with_capacity(packages.len());
    for (dir, pj, tc) in packages {
        entries.push(package_entry(dir, pj.as_deref(), tc.as_deref(), &index));
    }
    let mut walk = Walk {
        modules: &modules,
        index: index.clone(),
        counted: HashSet::new(),
        all_done: HashSet::new(),
        named_done: HashSet::new(),
    };
    for e in entries.iter().flatten() {
        walk.all(*e, 0, false);
    }
    let counted = walk.counted;
    let mut out = Vec::with_capacity(modules.len());
    for (i, (rel, m)) in modules.into_iter().enumerate() {
        let by_entry = package_of(&rel).is_some_and(|p| !entries[p].is_empty());
        let items: Vec<Item> = m
            .groups
            .into_iter()
            .enumerate()
            .filter(|(g, group)| {
                if by_entry {
                    counted.contains(&(i, *g))
                } else {
                    group.exported
                }
            })
            .flat_map(|(_, g)| g.items)
            .collect();
        out.push((rel, items));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::js::module;
    use super::*;

    fn run(files: &[(&str, &str)], pkg: &str) -> Vec<String> {
        let modules = files
            .iter()
            .map(|(r, s)| (r.to_string(), module(s)))
            .collect();
        let packages = vec![(String::new(), Some(pkg.to_string()), None)];
        resolve(modules, &packages)
            .into_iter()
            .flat_map(|(r, v)| v.into_iter().map(move |i| format!("{r}:{}", i.name)))
            .collect()
    }

    #[test]
    fn reexports_are_followed_from_the_entry_point() {
        let out = run(
            &[
                (
                    "src/index.ts",
                    "export * from './a';\nexport { b as B, c } from './b.js';\nexport type { T } from './types';\nimport { d } from './d';\nexport { d };\nimport e from './e';\nexport default e;\nexport function own() {}\n",
                ),
                (
                    "src/a.ts",
                    "export const a1 = 1;\nexport default function hidden() {}\nconst inner = 2;\n",
                ),
                (
                    "src/b.ts",
                    "export function b() {}\nexport * from './c';\nexport function notReexported() {}\n",
                ),
                ("src/c.ts", "export class c { m(): void {} }\n"),
                (
                    "src/types.ts",
                    "export type T = { x: number; y(): void };\nexport type U = string;\n",
                ),
                ("src/d.ts", "export interface d { p: string }\n"),
                ("src/e.ts", "const e = 1;\nexport default e;\n"),
                ("src/unused.ts", "export function never() {}\n"),
            ],
            "{\"name\": \"p\", \"types\": \"dist/index.d.ts\"}",
        );
        assert_eq!(
            out,
            [
                "src/index.ts:own",
                "src/a.ts:a1",
                "src/b.ts:b",
                "src/c.ts:c",
                "src/c.ts:c.m",
                "src/types.ts:T",
                "src/types.ts:T.x",
                "src/types.ts:T.y",
                "src/d.ts:d",
                "src/d.ts:d.p",
                "src/e.ts:e",
            ]
        );
    }

    #[test]
    fn entry_points_from_exports_tsconfig_or_nothing() {
        let files = [
            ("lib/main.d.ts", "export declare function f(): void;\n"),
            ("other.ts", "export function g() {}\n"),
        ];
        // `exports["."].types`.
        let out = run(
            &files,
            "{\"exports\": {\".\": {\"types\": \"./lib/main.d.ts\", \"import\": \"./lib/main.js\"}}}",
        );
        assert_eq!(out, ["lib/main.d.ts:f"]);
        // `main` pointing at JavaScript: its TypeScript twin.
        let out = run(&files, "{\"main\": \"lib/main.js\"}");
        assert_eq!(out, ["lib/main.d.ts:f"]);
        // No entry point found: every file alone, as per-file.
        let out = run(&files, "{\"main\": \"nowhere.js\"}");
        assert_eq!(out, ["lib/main.d.ts:f", "other.ts:g"]);
        // tsconfig `files`.
        let modules = files
            .iter()
            .map(|(r, s)| (r.to_string(), module(s)))
            .collect();
        let out: Vec<String> = resolve(
            modules,
            &[(
                String::new(),
                None,
                Some("{\"files\": [\"other.ts\"]}".into()),
            )],
        )
        .into_iter()
        .flat_map(|(r, v)| v.into_iter().map(move |i| format!("{r}:{}", i.name)))
        .collect();
        assert_eq!(out, ["other.ts:g"]);
    }

    #[test]
    fn reexport_cycles_end() {
        let out = run(
            &[
                (
                    "index.ts",
                    "export * from './a';\nexport { z } from './a';\n",
                ),
                (
                    "a.ts",
                    "export * from './index';\nexport { z } from './index';\nexport const a = 1;\n",
                ),
            ],
            "{\"types\": \"index.ts\"}",
        );
        assert_eq!(out, ["a.ts:a"]);
    }
}
