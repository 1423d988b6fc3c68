#!/usr/bin/env python3
"""Generates a mixed-language repository for the `docs` gate benchmark.

usage: gen_docs.py OUT_DIR [TOTAL_LINES]   (default 1,000,000 lines)

A quarter of the lines each in Rust (one crate), Python, TypeScript/JavaScript and Go, in files of
about 500 lines, about half the public items documented, plus a few Markdown files with links.
Deterministic (fixed seed), so runs are comparable.
"""
import os
import random
import sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rnd = random.Random(42)
per_lang = total // 4
FILE_LINES = 500


def body(prefix, n):
    return [f"{prefix}let_{i} = value_{i} + {i};" for i in range(n)]


def rust_file(k):
    lines = [f"//! Module {k}.", ""]
    i = 0
    while len(lines) < FILE_LINES:
        doc = rnd.random() < 0.5
        if doc:
            lines.append(f"/// Function {i} documented.")
        lines.append(f"pub fn func_{i}(x: u64) -> u64 {{")
        lines += [f"    let v{j} = x * {j} + {i};" for j in range(6)]
        lines.append("    x")
        lines.append("}")
        if rnd.random() < 0.3:
            if doc:
                lines.append(f"/// Struct {i}.")
            lines += [f"pub struct S{i} {{", "    /// Field.", "    pub a: u64,", "    pub b: String,", "}",
                      f"impl S{i} {{", "    pub fn new() -> Self { todo!() }", "    fn private(&self) {}", "}"]
        lines.append("")
        i += 1
    return lines


def python_file(k):
    lines = [f'"""Module {k}."""', "import os", ""]
    i = 0
    while len(lines) < FILE_LINES:
        doc = rnd.random() < 0.5
        lines.append(f"class Thing{i}(object):")
        if doc:
            lines.append(f'    """Thing {i}."""')
        lines.append("    def __init__(self, x):")
        lines.append("        self.x = x  # a comment with 'quotes'")
        for m in range(3):
            lines.append(f"    def method_{m}(self, y=\"s\"):")
            if rnd.random() < 0.5:
                lines.append(f"        '''Method {m}.'''")
            lines += [f"        z{j} = self.x * {j} + y.count('a')" for j in range(5)]
            lines.append("        return z0")
        lines.append("")
        lines.append(f"def helper_{i}(a, b):")
        lines.append("    return f\"{a}-{b}\"")
        lines.append("")
        i += 1
    return lines


def ts_file(k):
    lines = [f"// File {k}", "import { x } from './x';", ""]
    i = 0
    while len(lines) < FILE_LINES:
        if rnd.random() < 0.5:
            lines.append(f"/** Function {i}. */")
        lines.append(f"export function fn{i}(a: number, b: string): string {{")
        lines += [f"  const v{j} = `${{a}}-${{b}}-{j}`;" for j in range(6)]
        lines.append("  return b;")
        lines.append("}")
        if rnd.random() < 0.5:
            lines.append(f"/** Class {i}. */")
        lines += [f"export class C{i} {{", "  /** Size. */", "  size = 1;", "  private secret = 2;",
                  "  render(): string { return 'x'; }", "}", f"export interface I{i} {{ a: number; b?: string }}",
                  f"export type T{i} = string | number;", ""]
        i += 1
    return lines


def go_file(k):
    lines = [f"// Package p{k} is generated for the benchmark.", f"package p{k}", ""]
    i = 0
    while len(lines) < FILE_LINES:
        if rnd.random() < 0.5:
            lines.append(f"// Func{i} does things.")
        lines.append(f"func Func{i}(a int) int {{")
        lines += [f"\tv{j} := a * {j} // trailing" for j in range(6)]
        lines.append("\treturn a")
        lines.append("}")
        lines += [f"type T{i} struct {{", "\tA int", "}", "", f"func (t *T{i}) M() {{}}", "",
                  "const (", f"\tC{i} = iota", f"\tD{i}", ")", ""]
        i += 1
    return lines


def write(rel, lines):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines)


count = 0
files = per_lang // FILE_LINES
write("Cargo.toml", ["[package]", 'name = "bench"', 'version = "0.1.0"', 'edition = "2021"'])
lib = ["//! Bench crate."] + [f"pub mod m{k};" for k in range(files)]
count += write("src/lib.rs", lib)
for k in range(files):
    count += write(f"src/m{k}.rs", rust_file(k))
    count += write(f"py/pkg{k // 50}/mod{k}.py", python_file(k))
    count += write(f"ts/src/f{k}.ts" if k % 2 else f"js/src/f{k}.js", ts_file(k))
    count += write(f"go/p{k}/p{k}.go", go_file(k))
for k in range(20):
    count += write(f"docs/page{k}.md", [f"# Page {k}", "", f"See [next](page{k + 1}.md) and [top](#page-{k}).",
                                        "", "## Details", "", "Text " * 20])
count += write("README.md", ["# Bench", "", "[docs](docs/page0.md)"])
count += write("LICENSE", ["MIT"])
print(f"{count} lines in {out}")
