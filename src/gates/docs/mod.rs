//! The `docs` gate: documentation coverage of public API items (Rust, Python, JS/TS, Go) counted
//! the way each language's own tool counts, required project files, and Markdown integrity.
//!
//! One file per language ([`rust`], [`python`], [`js`], [`go`]) turns a source file into a list of
//! [`Item`]s; [`required_files`] and [`markdown`] check the project's own documents. This module
//! holds the options, the parallel driver over the shared walk, and the aggregation.

mod change;
pub mod go;
pub mod js;
mod js_lex;
pub mod markdown;
pub mod python;
pub mod required_files;
pub mod rust;
pub mod rust_cfg;
pub mod rust_depth;
pub mod ts_entry;

use super::{
    ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, MetricLookup, OptionDoc,
};
use crate::model::{Finding, Metric, Severity, Unit};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use crate::walk::{FileEntry, Lang};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Every id the `docs` gate reports, for `gatekeep explain ID`.
pub static FINDINGS: &[super::FindingDoc] = &[
    super::FindingDoc {
        id: "docs/undocumented",
        summary: "A public item without documentation (low)",
        description: "A public function, class, type or module that has no doc comment or \
docstring, counted in `coverage`. At most `max_findings` are listed, most undocumented files first; \
the rest are counted.",
    },
    super::FindingDoc {
        id: "docs/missing-file",
        summary: "A required file is missing",
        description: "A file named in `required_files` (README, LICENSE, CHANGELOG, … with any \
extension) is not in the repository; counted in `missing_files`.",
    },
    super::FindingDoc {
        id: "docs/broken-link",
        summary: "A Markdown link to a file that does not exist",
        description: "A relative link in a Markdown file points at no file in the repository; \
counted in `broken_links`.",
    },
    super::FindingDoc {
        id: "docs/broken-anchor",
        summary: "A Markdown link to a heading that does not exist",
        description: "A link `file.md#part` (or `#part`) names an anchor no heading of the target \
produces (GitHub's heading slugs); counted in `broken_links`.",
    },
    super::FindingDoc {
        id: "docs/broken-reference",
        summary: "A reference-style link or path that matches no file",
        description: "A reference definition or a path the Markdown names matches no file in the \
repository; counted in `broken_links`.",
    },
    super::FindingDoc {
        id: "docs/frontmatter",
        summary: "Front matter that is missing, malformed or lacks a required key",
        description: "A Markdown file selected by a `frontmatter` rule has no YAML front matter, \
front matter that does not parse, or lacks a required key; counted in `frontmatter_errors`.",
    },
    super::FindingDoc {
        id: "docs/parse-error",
        summary: "A source file that could not be parsed (medium)",
        description: "The file is not valid in its language as gatekeep reads it; its items are \
not counted (neither documented nor undocumented). The message gives the parser's position.",
    },
];

pub struct Kind;

/// Languages whose public items are counted, as named in `languages` and in per-language metrics.
pub const LANGUAGES: &[&str] = &["rust", "python", "javascript", "typescript", "go"];

/// Undocumented items listed at most by default (the metrics always count every item).
const MAX_FINDINGS: usize = 1000;

pub static DOC: KindDoc = KindDoc {
    kind: "docs",
    summary: "Documentation coverage of public items, required files, Markdown links and front matter",
    description: "\
Counts public API items and the documented ones, per language, by parsing the code, the way \
each language community's own tool counts:

- **Rust** (parsed with `syn`, a full Rust parser): what rustc's `missing_docs` lint checks — the \
crate root, modules, functions, structs, enums, unions, traits, trait aliases, type aliases, consts, \
statics, `#[macro_export]` macros, foreign items, named `pub` fields (also of enum variants), enum \
variants, `pub` inherent associated items and all items of a public trait — when they are reachable \
from outside the crate. Reachability follows the module tree from `src/lib.rs` / `src/main.rs` / \
`src/bin/*.rs` through `mod` declarations (`#[path]` honoured, `cfg_if!` blocks expanded); \
items of a private module count when re-exported with `pub use` (by name or glob) from a \
reachable module; inherent-impl items follow the type of that name declared in their own file. \
Trait-impl items, `#[doc(hidden)]` items and items where `missing_docs` is allowed \
(`#[allow(missing_docs)]`, `expect`, `allow(warnings)` on the item, its parent, an impl, a module \
or a `mod` declaration, or `#![allow(missing_docs)]`, with `warn`/`deny`/`forbid` re-enabling it) \
are not counted. `#[cfg(…)]` is evaluated on items, modules and `cfg_if!` branches as \
`cargo check` does on a Linux x86_64 host (`unix`, `target_os = \"linux\"`, `debug_assertions`; \
`test`, `doc`, `windows` false) with the crate's default features (read from the nearest \
`Cargo.toml`, transitively), or the ones `features` / `no_default_features` select; a name the \
host does not define (`docsrs`, a build script's `rustc-cfg`) is false unless `rust_cfg` sets it. \
A `mod` declared under opposite `cfg`s is read once, from the active declaration, and \
`#[cfg_attr(pred, path = …)]` picks its file. `///`, `//!`, `/** */`, `/*! */`, `#[doc = …]` \
and `#[cfg_attr(pred, doc = …)]` when `pred` holds document. `lib.rs`/`main.rs` under \
`tests/`, `examples/`, `benches/` are not crate roots; a file no `mod` declaration reaches is not \
compiled when its package has a crate root, and is otherwise counted as a public module (except \
under `tests/`, `examples/`, `benches/` and `build.rs`). Items produced \
by macros are not seen (rustc sees them). Function bodies are dropped before parsing (they hold \
no public items), so a syntax error inside a body is not reported.
- **Python** (`.py` files, a hand-written tokenizer that follows Python's own tokenizer rules: \
indentation, brackets, continuation lines, every string prefix and triple quotes). \
`python_mode = \"all\"` counts what interrogate counts by default — every module, class, function \
and method, nested ones included — and takes interrogate's ignore options in `python_ignore` \
(`init-method`, `init-module`, `magic`, `private`, `semiprivate`, `module`, `nested-functions`, \
`nested-classes`, `property-decorators`, `property-setters`, `overloaded-functions`); ignored \
functions and classes hide their bodies, as in interrogate. `python_mode = \"public\"` counts the \
public definitions pydocstyle/ruff D100–D107 check: public modules and packages (no `_`-prefixed \
path component), public classes, functions, methods (magic methods and `__init__` included), and \
nested classes of public classes; `__all__` decides the public module-level names when present; \
nested functions, property setters/deleters, `@overload` and `@override` definitions are not \
counted. A docstring is the first statement being a plain (not f-, not bytes) string literal; an \
empty or blank docstring is missing. The active mode is stated in a note.
- **JavaScript/TypeScript** (a hand-written tokenizer: strings, template literals with nested \
`${}`, regex literals, comments): the kinds TypeDoc's `notDocumented` validation requires by \
default — exported functions, classes and their public (not `private`, \
`protected` or `#private`) methods, accessors and properties, interfaces (and their members), type \
aliases, enums (and their members), exported variables (each declarator), `export default` \
declarations, names exported by `export { … }`, the exported members of exported \
`namespace`s and `declare module` blocks (in a `declare namespace`, every member: the keyword is \
implicit there), and with `export = name` that name's declarations and its namespace's members, in `.js/.mjs/.cjs/.jsx/.ts/.mts/.cts/.tsx` files \
(declaration files `.d.ts` included: they are the public API). A `/** … */` block right before \
the item (decorators and modifiers may sit in between) documents it; `//` and `/* */` do not. As in TypeDoc, each overload signature is an item \
(documented by its own comment, or by the first overload's, which TypeDoc takes for the whole \
function; an implementation counts only without overloads), a getter and a setter are two items \
(each documented by its own comment), and members inherited from a class or interface declared in the same file \
are listed under the subclass too; members of an object literal type at the top of a type \
alias's right-hand side are items too, and so are, recursively, the members of object types in \
a member's, a variable's or a return type (named `Owner.member.inner`; not inside parameters), \
each constructor type `new (…) => T` or `{ new (): T }` in them (a `constructor signature`, \
documented only by its own comment, or in a class by the comment of a property typed \
`new (…) => T`), and each call signature declared in an interface (documented by its own or the \
interface's comment). A member redeclared without a comment takes the comment of the member it \
redeclares in a base class or interface of the same file, or of TypeScript's `RequestInit` (its \
documented members, from TypeScript 6.0.3's `lib.dom.d.ts`), as TypeDoc copies it. `ts_mode = \"entry\"` (the default) counts what TypeDoc \
reaches: from each package's entry point (`package.json` `types`/`typings`, `exports[\".\"]`, \
`main`, `module` — a `.js` path is read as its `.ts`/`.d.ts` twin, a `dist/` path also as \
`src/` —, else `tsconfig.json` `files`, else `src/index.ts`/`index.ts`) through \
`export * from` (without the default export), `export { x as y } from`, `export type { … } from`, \
`import { x } …; export { x }` and `export default x`; a file under a package folder with no \
entry point found is counted alone. `ts_mode = \"per-file\"` counts every file's exports alone. \
CommonJS `module.exports` is not followed.
- **Go** (a hand-written tokenizer): revive's `exported` rule — exported functions, methods on \
exported receiver types, exported types, vars and consts. A doc comment on a `const ( … )` / \
`var ( … )` group covers its members; in an undocumented group each exported spec is an item of \
its own, documented by its own comment (revive reports an undocumented group once). \
`_test.go` files and `testdata` and `vendor` folders are skipped, as `go … ./...` does.

Third-party folders the language tools leave out are skipped even when not git-ignored: \
`node_modules`, Go's `vendor`, and interrogate's `.tox`, `.venv`, `venv` (and `site-packages`). \
Generated files (a `Code generated … DO NOT EDIT.` or `@generated` comment in the first 50 lines) \
are skipped unless `include_generated = true`. A file that does not parse is reported as a \
`docs/parse-error` finding and not counted, and counted in `parse_errors` (checked `== 0` whatever \
the thresholds say, so an unparsed file can never flatter `coverage`); when no source file parses \
at all the gate is ERROR. Nesting is bounded (brackets 128 levels, Rust types and prefix \
operators 256): a deeper file is a parse error, never a crash.

Agreement with the tools on real code (bench/results/docs.md): interrogate and ruff D1 exactly \
on requests, click and Django; rustc `missing_docs` exactly on console, comfy-table, indicatif, \
serde_json, clap_builder, and within ±1 on 20 of 23 more crates with their docs stripped (the \
others: items their own macros generate); a go/ast implementation of revive's rule exactly on the Go standard \
library; TypeDoc on the typings of commander, eventemitter3 and mitt exactly.

Findings: each undocumented item (`docs/undocumented`, low) with path, line, kind and name, worst \
files (most undocumented items) first, at most `max_findings` (1000) listed; the metrics count \
everything.

**Required files** (`required_files`, default `[\"README\", \"LICENSE\"]`): a file at the repository \
root whose name matches case-insensitively with any extension (`README.md`, `license.txt`); \
`CHANGELOG` is also satisfied by `HISTORY`, `CHANGES` or `NEWS`, `LICENSE` by `LICENCE` or \
`COPYING`. An empty file counts as missing. They are looked up among all files of the walk, \
regardless of `include`/`exclude`.

**Markdown** (selected `.md`/`.markdown`/`.mdx` files): relative links and images (inline, \
reference definitions, and `href`/`src` of inline HTML) must point to an existing file or folder, and `#anchors` to a heading of the \
target (GitHub slug rules: lowercase, punctuation removed, spaces to `-`, duplicates `-1`, `-2`; \
explicit `<a name|id>` anchors too). A target that exists on disk but is git-ignored (built \
docs) counts as existing; a link that climbs out of the repository is broken. External URLs \
are not fetched. Links inside code spans and \
fenced code are ignored. YAML front matter (`---` … `---` at the top) must parse, and files \
matching a `frontmatter` rule's glob must have its `required` keys. `references` rules find \
template references with a regex (capture group 1) and require a file matching `target` with \
`{}` replaced by the reference.

**New code.** With `--base REV` (or, when a threshold names one of these metrics, the base CI \
names: see docs/CI.md), `new_undocumented` counts the undocumented public items the change brings \
since the merge base of REV and HEAD (working tree and untracked files included). An item's \
identity is its kind and qualified name, not its line: the base's versions of the changed source \
files are read from git's objects (one `git cat-file --batch`, never a checkout) and each is \
parsed alone with the same parser and options, and an undocumented item of a changed file is new \
when the base had no undocumented item of that identity, in the same file (renames followed) or, \
failing that, in another changed file. So moving an undocumented item or renaming its file brings \
nothing new, while adding one, or deleting the docs of one, does; untouched files bring nothing. \
`fixed_undocumented` counts the base's undocumented items of the changed files that no \
undocumented item now matches (documented since, or removed). \
At the base a file is parsed alone (Rust: every item it declares, reachable or not; \
JavaScript/TypeScript: its own exports), so an old undocumented item the change only makes \
reachable is not new. `new_broken_links` (with `markdown = true`) counts the broken links, anchors \
and references of changed Markdown files whose line is not a line of the file's version at the \
base (whitespace-normalised; a second copy is new), or whose missing file the change deleted or \
renamed; a link broken by a heading removed elsewhere, on a line the change did not touch, is not \
counted. Findings carry `baseline_state` `new` or `unchanged` (SARIF `baselineState`; GitHub \
annotations show the new ones). `thresholds = [\"new_undocumented == 0\"]` gates the change and \
leaves the legacy to `coverage`. A shallow clone without the base, or no base at all, is an ERROR.",
    options: &[
        OptionDoc {
            name: "languages",
            ty: "list of strings",
            default: "all: rust, python, javascript, typescript, go",
            description: "Languages whose public items are counted.",
        },
        OptionDoc {
            name: "python_mode",
            ty: "string",
            default: "\"all\"",
            description: "`all`: as interrogate counts (with `python_ignore`); `public`: as pydocstyle/ruff D100–D107 count.",
        },
        OptionDoc {
            name: "python_ignore",
            ty: "list of strings",
            default: "[]",
            description: "interrogate's ignore options (mode `all` only): `init-method`, `init-module`, `magic`, `private`, `semiprivate`, `module`, `nested-functions`, `nested-classes`, `property-decorators`, `property-setters`, `overloaded-functions`.",
        },
        OptionDoc {
            name: "ts_mode",
            ty: "string",
            default: "\"entry\"",
            description: "JavaScript/TypeScript: `entry` counts what is reachable from each package's entry points through re-exports, as TypeDoc; `per-file` counts each file's exports alone.",
        },
        OptionDoc {
            name: "features",
            ty: "list of strings",
            default: "[]",
            description: "Rust: features enabled besides the default ones, as `cargo check --features`: `name` (every crate that declares it) or `package/name`.",
        },
        OptionDoc {
            name: "no_default_features",
            ty: "bool",
            default: "false",
            description: "Rust: evaluate `#[cfg(feature = …)]` without the `default` feature, as `cargo check --no-default-features`.",
        },
        OptionDoc {
            name: "rust_cfg",
            ty: "list of strings",
            default: "[]",
            description: "Rust: cfgs set as `--cfg` would set them (`name` or `name=\"value\"`), e.g. those a build script emits with `cargo:rustc-cfg`, which gatekeep does not run.",
        },
        OptionDoc {
            name: "include_generated",
            ty: "bool",
            default: "false",
            description: "Count generated files (`Code generated … DO NOT EDIT.`, `@generated`) too.",
        },
        OptionDoc {
            name: "required_files",
            ty: "list of strings",
            default: "[\"README\", \"LICENSE\"]",
            description: "Files that must exist (non-empty) at the repository root; case-insensitive, any extension, with synonyms.",
        },
        OptionDoc {
            name: "markdown",
            ty: "bool",
            default: "true",
            description: "Check links, anchors and front matter of the selected Markdown files.",
        },
        OptionDoc {
            name: "max_findings",
            ty: "integer",
            default: "1000",
            description: "Undocumented items listed as findings at most, worst files first (0: all). The metrics count every item.",
        },
        OptionDoc {
            name: "frontmatter",
            ty: "table or list of tables `{ glob, required }`",
            default: "none",
            description: "Markdown files matching `glob` must have front matter with the `required` keys.",
        },
        OptionDoc {
            name: "references",
            ty: "table or list of tables `{ pattern, target }`",
            default: "none",
            description: "Template references (regex `pattern`, capture group 1) in Markdown must resolve to a file matching `target` (`{}` is the reference).",
        },
    ],
    metrics: &[
        MetricDoc { name: "coverage", unit: "%", description: "documented / items, all languages" },
        MetricDoc { name: "parse_errors", unit: "", description: "source files not counted because they do not parse (or nest too deep to parse safely) or are not UTF-8; each is a `docs/parse-error` finding" },
        MetricDoc { name: "documented", unit: "", description: "documented public items" },
        MetricDoc { name: "items", unit: "", description: "public items" },
        MetricDoc { name: "missing_files", unit: "", description: "required files missing or empty" },
        MetricDoc { name: "broken_links", unit: "", description: "relative links, anchors and template references that point nowhere" },
        MetricDoc { name: "frontmatter_errors", unit: "", description: "front matter that does not parse or lacks required keys" },
        MetricDoc { name: "fixed_undocumented", unit: "", description: "with `--base REV`: undocumented public items of the changed files at the base that no undocumented item now matches (documented since, or removed)" },
        MetricDoc { name: "new_undocumented", unit: "", description: "with `--base REV` (or the base CI names): undocumented public items of changed files that were not undocumented at the base (kind and qualified name compared, not lines: moved items are not new)" },
        MetricDoc { name: "new_broken_links", unit: "", description: "with a base: broken links, anchors and references of changed Markdown files on lines the change adds or edits, or pointing at a file it deleted or renamed" },
        MetricDoc { name: "rust.coverage", unit: "%", description: "Rust documented / items" },
        MetricDoc { name: "rust.documented", unit: "", description: "documented Rust items" },
        MetricDoc { name: "rust.items", unit: "", description: "Rust items (missing_docs)" },
        MetricDoc { name: "python.coverage", unit: "%", description: "Python documented / items" },
        MetricDoc { name: "python.documented", unit: "", description: "documented Python items" },
        MetricDoc { name: "python.items", unit: "", description: "Python items (per `python_mode`)" },
        MetricDoc { name: "javascript.coverage", unit: "%", description: "JavaScript documented / items" },
        MetricDoc { name: "javascript.documented", unit: "", description: "documented JavaScript items" },
        MetricDoc { name: "javascript.items", unit: "", description: "exported JavaScript items" },
        MetricDoc { name: "typescript.coverage", unit: "%", description: "TypeScript documented / items" },
        MetricDoc { name: "typescript.documented", unit: "", description: "documented TypeScript items" },
        MetricDoc { name: "typescript.items", unit: "", description: "exported TypeScript items" },
        MetricDoc { name: "go.coverage", unit: "%", description: "Go documented / items" },
        MetricDoc { name: "go.documented", unit: "", description: "documented Go items" },
        MetricDoc { name: "go.items", unit: "", description: "exported Go items (revive `exported`)" },
    ],
    default_thresholds: &["coverage >= 80", "missing_files == 0"],
    integrity: &["parse_errors == 0"],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "\
[gates.docs]
kind = \"docs\"
languages = [\"rust\", \"python\"]
python_mode = \"public\"
required_files = [\"README\", \"LICENSE\", \"CHANGELOG\"]
frontmatter = { glob = \".claude/commands/**/*.md\", required = [\"name\", \"description\"] }
references = { pattern = '\\{\\{([^}]+)\\}\\}', target = \"components/**/{}.md\" }
thresholds = [\"coverage >= 80\", \"missing_files == 0\", \"broken_links == 0\"]
",
};

/// One countable public item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// 1-based line.
    pub line: u32,
    /// `function`, `method`, `struct`, `class`, `module`, …
    pub kind: &'static str,
    /// Qualified where that helps (`Type.method`, `Type::field`).
    pub name: String,
    pub documented: bool,
}

impl Item {
    pub fn new(line: u32, kind: &'static str, name: impl Into<String>, documented: bool) -> Item {
        Item {
            line,
            kind,
            name: name.into(),
            documented,
        }
    }

    /// `+kind:name` (documented) or `-kind:name`, for tests.
    #[cfg(test)]
    pub fn label(&self) -> String {
        let mark = if self.documented { "+" } else { "-" };
        format!("{mark}{}:{}", self.kind, self.name)
    }
}

/// A parse failure at a position.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct ParseError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// Python counting mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PyMode {
    /// interrogate's counting.
    All,
    /// pydocstyle / ruff D100–D107.
    Public,
}

/// interrogate's ignore options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PyIgnore {
    pub init_method: bool,
    pub init_module: bool,
    pub magic: bool,
    pub private: bool,
    pub semiprivate: bool,
    pub module: bool,
    pub nested_functions: bool,
    pub nested_classes: bool,
    pub property_decorators: bool,
    pub property_setters: bool,
    pub overloaded_functions: bool,
}

impl PyIgnore {
    const NAMES: &'static [&'static str] = &[
        "init-method",
        "init-module",
        "magic",
        "private",
        "semiprivate",
        "module",
        "nested-functions",
        "nested-classes",
        "property-decorators",
        "property-setters",
        "overloaded-functions",
    ];

    fn set(&mut self, name: &str) -> bool {
        let f = match name {
            "init-method" => &mut self.init_method,
            "init-module" => &mut self.init_module,
            "magic" => &mut self.magic,
            "private" => &mut self.private,
            "semiprivate" => &mut self.semiprivate,
            "module" => &mut self.module,
            "nested-functions" => &mut self.nested_functions,
            "nested-classes" => &mut self.nested_classes,
            "property-decorators" => &mut self.property_decorators,
            "property-setters" => &mut self.property_setters,
            "overloaded-functions" => &mut self.overloaded_functions,
            _ => return false,
        };
        *f = true;
        true
    }

    fn describe(&self) -> String {
        let on = [
            self.init_method,
            self.init_module,
            self.magic,
            self.private,
            self.semiprivate,
            self.module,
            self.nested_functions,
            self.nested_classes,
            self.property_decorators,
            self.property_setters,
            self.overloaded_functions,
        ];
        let v: Vec<&str> = Self::NAMES
            .iter()
            .zip(on)
            .filter(|(_, b)| *b)
            .map(|(n, _)| *n)
            .collect();
        if v.is_empty() {
            "nothing".into()
        } else {
            v.join(", ")
        }
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawOptions {
    #[serde(default)]
    languages: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    python_mode: Option<Spanned<String>>,
    #[serde(default)]
    python_ignore: Vec<Spanned<String>>,
    #[serde(default)]
    include_generated: bool,
    #[serde(default)]
    ts_mode: Option<Spanned<String>>,
    #[serde(default)]
    features: Vec<Spanned<String>>,
    #[serde(default)]
    no_default_features: bool,
    #[serde(default)]
    rust_cfg: Vec<Spanned<String>>,
    #[serde(default)]
    required_files: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    markdown: Option<bool>,
    #[serde(default)]
    max_findings: Option<usize>,
    #[serde(default)]
    frontmatter: Option<OneOrMany<RawFrontmatter>>,
    #[serde(default)]
    references: Option<OneOrMany<RawReference>>,
}

/// A table or a list of tables. (Not `#[serde(untagged)]`: that buffers the input and loses
/// the positions `Spanned` needs.)
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table or a list of tables")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(OneOrMany::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(OneOrMany::Many)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for OneOrMany<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<T>();
        let many = generator.subschema_for::<Vec<T>>();
        schemars::json_schema!({ "anyOf": [one, many] })
    }
}

impl<T> OneOrMany<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(t) => vec![t],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawFrontmatter {
    glob: Spanned<String>,
    #[serde(default)]
    required: Vec<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawReference {
    pattern: Spanned<String>,
    target: Spanned<String>,
}

/// The validated options.
#[derive(Debug)]
pub struct Options {
    pub langs: Vec<&'static str>,
    pub py_mode: PyMode,
    pub py_ignore: PyIgnore,
    pub include_generated: bool,
    /// JavaScript/TypeScript: count from the package entry points (`true`) or per file.
    pub ts_entry: bool,
    /// Rust features and `--cfg`s `#[cfg]` is evaluated with.
    pub rust_features: rust::FeatureSelection,
    pub required_files: Vec<String>,
    pub markdown: bool,
    pub max_findings: usize,
    pub frontmatter: Vec<markdown::FrontmatterRule>,
    pub references: Vec<markdown::ReferenceRule>,
}

fn parse_options(node: &SNode) -> Result<Options, DeError> {
    let raw: RawOptions = super::options(node)?;
    let langs = match &raw.languages {
        None => LANGUAGES.to_vec(),
        Some(list) => {
            let mut v = Vec::new();
            for l in list {
                let name = match l.value.to_ascii_lowercase().as_str() {
                    "rust" | "rs" => "rust",
                    "python" | "py" => "python",
                    "javascript" | "js" => "javascript",
                    "typescript" | "ts" => "typescript",
                    "go" | "golang" => "go",
                    _ => {
                        return Err(DeError::at(
                            l.pos,
                            format!(
                                "unknown language `{}`, expected one of {}",
                                l.value,
                                LANGUAGES.join(", ")
                            ),
                        ));
                    }
                };
                if !v.contains(&name) {
                    v.push(name);
                }
            }
            v
        }
    };
    let py_mode = match &raw.python_mode {
        None => PyMode::All,
        Some(m) => match m.value.as_str() {
            "all" => PyMode::All,
            "public" => PyMode::Public,
            other => {
                return Err(DeError::at(
                    m.pos,
                    format!("unknown python_mode `{other}`, expected `all` or `public`"),
                ));
            }
        },
    };
    let mut py_ignore = PyIgnore::default();
    for i in &raw.python_ignore {
        let name = i.value.trim_start_matches("ignore-").replace('_', "-");
        if !py_ignore.set(&name) {
            return Err(DeError::at(
                i.pos,
                format!(
                    "unknown python_ignore `{}`, expected one of {}",
                    i.value,
                    PyIgnore::NAMES.join(", ")
                ),
            ));
        }
    }
    if py_mode == PyMode::Public
        && let Some(first) = raw.python_ignore.first()
    {
        return Err(DeError::at(
            first.pos,
            "python_ignore applies to python_mode = \"all\" (interrogate's counting) only",
        ));
    }
    let required_files = match raw.required_files {
        None => vec!["README".to_string(), "LICENSE".to_string()],
        Some(v) => {
            let mut out = Vec::new();
            for s in v {
                if s.value.trim().is_empty() || s.value.contains('/') {
                    return Err(DeError::at(
                        s.pos,
                        "a required file is a plain file name such as \"README\"",
                    ));
                }
                out.push(s.value);
            }
            out
        }
    };
    let ts_entry = match &raw.ts_mode {
        None => true,
        Some(m) => match m.value.as_str() {
            "entry" => true,
            "per-file" => false,
            other => {
                return Err(DeError::at(
                    m.pos,
                    format!("unknown ts_mode `{other}`, expected `entry` or `per-file`"),
                ));
            }
        },
    };
    let mut rust_features = rust::FeatureSelection {
        features: Vec::new(),
        no_default: raw.no_default_features,
        cfgs: Vec::new(),
    };
    for f in &raw.features {
        let ok = |p: &str| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '.'))
        };
        let valid = match f.value.split_once('/') {
            Some((pkg, name)) => ok(pkg) && ok(name),
            None => ok(&f.value),
        };
        if !valid {
            return Err(DeError::at(
                f.pos,
                format!(
                    "`{}` is not a feature name (`name` or `package/name`)",
                    f.value
                ),
            ));
        }
        rust_features.features.push(f.value.clone());
    }
    for c in &raw.rust_cfg {
        match normalize_cfg(&c.value) {
            Some(k) => rust_features.cfgs.push(k),
            None => {
                return Err(DeError::at(
                    c.pos,
                    format!(
                        "`{}` is not a cfg: expected `name` or `name=\"value\"`",
                        c.value
                    ),
                ));
            }
        }
    }
    let mut frontmatter = Vec::new();
    for f in raw.frontmatter.map(OneOrMany::into_vec).unwrap_or_default() {
        crate::paths::check_path(&f.glob)?;
        let glob = crate::walk::glob(&f.glob.value)
            .map_err(|e| DeError::at(f.glob.pos, format!("bad glob `{}`: {e}", f.glob.value)))?
            .compile_matcher();
        frontmatter.push(markdown::FrontmatterRule {
            glob_text: f.glob.value,
            glob,
            required: f.required,
        });
    }
    let mut references = Vec::new();
    for r in raw.references.map(OneOrMany::into_vec).unwrap_or_default() {
        let re = regex::Regex::new(&r.pattern.value)
            .map_err(|e| DeError::at(r.pattern.pos, format!("bad regex: {e}")))?;
        if re.captures_len() < 2 {
            return Err(DeError::at(
                r.pattern.pos,
                "the pattern needs a capture group: the reference is group 1",
            ));
        }
        if !r.target.value.contains("{}") {
            return Err(DeError::at(
                r.target.pos,
                "the target needs `{}` where the reference goes",
            ));
        }
        crate::paths::check_path(&r.target)?;
        references.push(markdown::ReferenceRule {
            pattern: re,
            target: r.target.value,
        });
    }
    Ok(Options {
        langs,
        py_mode,
        py_ignore,
        include_generated: raw.include_generated,
        ts_entry,
        rust_features,
        required_files,
        markdown: raw.markdown.unwrap_or(true),
        max_findings: match raw.max_findings {
            None => MAX_FINDINGS,
            Some(0) => usize::MAX,
            Some(n) => n,
        },
        frontmatter,
        references,
    })
}

/// `name`, `name=value` or `name = "value"` as the key `rust::Cfg::Custom` holds
/// (`name` or `name="value"`); `None` when the name is not an identifier.
fn normalize_cfg(s: &str) -> Option<String> {
    let ident = |n: &str| {
        let mut c = n.chars();
        c.next()
            .is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
            && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
    };
    match s.split_once('=') {
        None => ident(s.trim()).then(|| s.trim().to_string()),
        Some((n, v)) => {
            let n = n.trim();
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            (ident(n) && !v.contains('"')).then(|| format!("{n}=\"{v}\""))
        }
    }
}

struct DocsGate {
    opts: Options,
}

impl GateKind for Kind {
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn base_metrics(&self) -> &'static [&'static str] {
        &["new_undocumented", "fixed_undocumented", "new_broken_links"]
    }
    fn options_schema(&self) -> serde_json::Value {
        schemars::schema_for!(RawOptions).to_value()
    }
    fn configure(&self, options: &SNode, _cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        Ok(Arc::new(DocsGate {
            opts: parse_options(options)?,
        }))
    }
}

/// Which language's counter a file goes to. Third-party code the language tools leave out is
/// skipped even when it is not git-ignored: interrogate's `.tox`, `.venv`, `venv`; `go ./...`'s
/// `vendor` and `testdata`; `node_modules`.
fn code_lang(entry: &FileEntry) -> Option<&'static str> {
    code_lang_of(&entry.rel, entry.lang)
}

/// [`code_lang`] of a path and its detected language (a file of the base need not be in the walk).
fn code_lang_of(rel: &str, lang: Option<Lang>) -> Option<&'static str> {
    let in_dir = |names: &[&str]| {
        let mut parts = rel.split('/');
        parts.next_back();
        parts.any(|d| names.contains(&d))
    };
    match lang? {
        Lang::Rust => Some("rust"),
        // interrogate and pydocstyle read `.py` files (stubs and `.pyw` are not counted).
        Lang::Python
            if rel.ends_with(".py") && !in_dir(&[".tox", ".venv", "venv", "site-packages"]) =>
        {
            Some("python")
        }
        Lang::JavaScript if !in_dir(&["node_modules"]) => Some("javascript"),
        Lang::TypeScript if !in_dir(&["node_modules"]) => Some("typescript"),
        Lang::Go if !rel.ends_with("_test.go") && !in_dir(&["testdata", "vendor"]) => Some("go"),
        _ => None,
    }
}

/// Whether a file says it is generated: a comment line in its first 50 lines holding
/// `Code generated … DO NOT EDIT` or `@generated`.
pub fn is_generated(src: &str) -> bool {
    // Both markers contain "generated": most files are rejected by one search of their head.
    let head_end = src
        .match_indices('\n')
        .nth(49)
        .map_or(src.len(), |(i, _)| i);
    if memchr::memmem::find(&src.as_bytes()[..head_end], b"generated").is_none() {
        return false;
    }
    for line in src.lines().take(50) {
        let t = line.trim_start();
        let comment = ["//", "#", "/*", "*", "<!--", "--", ";"]
            .iter()
            .any(|p| t.starts_with(p));
        if !comment {
            continue;
        }
        if let Some(i) = t.find("Code generated ")
            && t[i..].contains("DO NOT EDIT")
        {
            return true;
        }
        if t.contains(concat!("@", "generated")) {
            return true;
        }
    }
    false
}

/// What one source file gave.
enum FileOut {
    Items(Vec<Item>),
    Js(Box<js::Module>),
    Rust(Box<rust::RsFile>),
    Error(ParseError),
    Generated,
    NotText,
}

/// Per-language tallies.
#[derive(Default, Clone, Copy)]
struct Tally {
    files: u64,
    items: u64,
    documented: u64,
}

impl Gate for DocsGate {
    fn reads(&self, f: &FileEntry) -> bool {
        f.lang == Some(Lang::Markdown) || code_lang(f).is_some_and(|l| self.opts.langs.contains(&l))
    }

    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let opts = &self.opts;
        let mut out = GateOutput::default();
        let mut md_files: Vec<&FileEntry> = Vec::new();
        let mut code: Vec<(&FileEntry, &'static str)> = Vec::new();
        for f in cx.files() {
            if f.lang == Some(Lang::Markdown) {
                md_files.push(f);
            }
            if let Some(l) = code_lang(f)
                && opts.langs.contains(&l)
            {
                code.push((f, l));
            }
        }

        // Parse every source file once, in parallel.
        let results = parse_all(cx, &code, opts)?;
        let mut per_file: Vec<(String, &'static str, Vec<Item>)> = Vec::new();
        let mut rust_files: Vec<(String, rust::RsFile)> = Vec::new();
        let mut js_files: Vec<(String, js::Module)> = Vec::new();
        let mut js_langs: std::collections::HashMap<String, &'static str> =
            std::collections::HashMap::new();
        let mut errors = 0usize;
        let mut generated = 0usize;
        let mut not_text: Vec<&str> = Vec::new();
        let mut parsed = 0usize;
        let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
        for ((entry, lang), res) in code.iter().zip(results) {
            match res {
                FileOut::Items(items) => {
                    parsed += 1;
                    per_file.push((entry.rel.clone(), lang, items));
                }
                FileOut::Js(m) => {
                    parsed += 1;
                    js_langs.insert(entry.rel.clone(), *lang);
                    js_files.push((entry.rel.clone(), *m));
                }
                FileOut::Rust(f) => {
                    parsed += 1;
                    rust_files.push((entry.rel.clone(), *f));
                }
                FileOut::Error(e) => {
                    errors += 1;
                    out.findings.push(
                        Finding::new(
                            "docs/parse-error",
                            Severity::Medium,
                            format!(
                                "cannot parse this {lang} file, its items are not counted: {}",
                                e.message
                            ),
                        )
                        .at(
                            entry.rel.clone(),
                            Some(e.line as u64),
                            Some(e.col as u64),
                        ),
                    );
                }
                FileOut::Generated => generated += 1,
                FileOut::NotText => not_text.push(entry.rel.as_str()),
            }
        }
        // `#[cfg(feature = …)]` is decided with each crate's default features, as `cargo check`.
        let mut manifests = std::collections::HashMap::new();
        if !rust_files.is_empty() {
            for f in cx.repo.files() {
                if f.rel == "Cargo.toml" || f.rel.ends_with("/Cargo.toml") {
                    let dir = f
                        .rel
                        .strip_suffix("Cargo.toml")
                        .unwrap_or("")
                        .trim_end_matches('/');
                    let text = cx.repo.text(f)?.unwrap_or_else(|| Arc::from(&b""[..]));
                    let features = rust::enabled_features(
                        std::str::from_utf8(&text).unwrap_or(""),
                        &self.opts.rust_features,
                    );
                    manifests.insert(dir.to_string(), features);
                }
            }
        }
        if !js_files.is_empty() {
            // Package folders: those with a `package.json` or a `tsconfig.json`.
            let mut packages: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
            for f in cx.repo.files() {
                let name = f.rel.rsplit('/').next().unwrap_or("");
                if name != "package.json" && name != "tsconfig.json" {
                    continue;
                }
                if f.rel.split('/').any(|p| p == "node_modules") {
                    continue;
                }
                let dir = f
                    .rel
                    .strip_suffix(name)
                    .unwrap_or("")
                    .trim_end_matches('/')
                    .to_string();
                let text = cx.repo.text(f)?.unwrap_or_else(|| Arc::from(&b""[..]));
                let text = String::from_utf8_lossy(&text).into_owned();
                let e = packages.entry(dir).or_default();
                if name == "package.json" {
                    e.0 = Some(text);
                } else {
                    e.1 = Some(text);
                }
            }
            let packages: Vec<(String, Option<String>, Option<String>)> =
                packages.into_iter().map(|(d, (p, t))| (d, p, t)).collect();
            for (rel, items) in ts_entry::resolve(std::mem::take(&mut js_files), &packages) {
                let lang = js_langs.get(&rel).copied().unwrap_or("typescript");
                per_file.push((rel, lang, items));
            }
        }
        let fallback = rust::enabled_features("", &self.opts.rust_features);
        for (rel, items) in rust::resolve_with(rust_files, &manifests, &fallback) {
            per_file.push((rel, "rust", items));
        }
        if errors > 0 && parsed == 0 {
            let first = out.findings.first().map(|f| {
                format!(
                    "{}:{}: {}",
                    f.path.clone().unwrap_or_default(),
                    f.line.unwrap_or(0),
                    f.message
                )
            });
            anyhow::bail!(
                "none of the {errors} source files could be parsed; first: {}",
                first.unwrap_or_default()
            );
        }
        if errors > 0 {
            out.notes.push(format!(
                "{errors} source files could not be parsed and are not counted"
            ));
        }
        if let Some(first) = not_text.first() {
            out.notes.push(format!(
                "{} source files are not UTF-8 text and are not counted (first: {first})",
                not_text.len()
            ));
        }
        // Files whose items could not be counted: their absence could only flatter `coverage`.
        out.count("parse_errors", errors as u64 + not_text.len() as u64);
        if generated > 0 {
            out.notes.push(format!(
                "{generated} generated files skipped (`include_generated = true` counts them)"
            ));
        }

        let mut total = Tally::default();
        let mut undocumented: Vec<(usize, &str, &Item)> = Vec::new();
        let mut per_file_missing: Vec<(usize, usize)> = Vec::new();
        for (i, (_, lang, items)) in per_file.iter().enumerate() {
            let t = tallies.entry(lang).or_default();
            t.files += 1;
            let doc = items.iter().filter(|i| i.documented).count() as u64;
            t.items += items.len() as u64;
            t.documented += doc;
            total.items += items.len() as u64;
            total.documented += doc;
            let missing = items.len() - doc as usize;
            if missing > 0 {
                per_file_missing.push((i, missing));
            }
        }
        // Worst files first (most undocumented items), then by path; items by line.
        per_file_missing.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| per_file[a.0].0.cmp(&per_file[b.0].0))
        });
        for (i, _) in &per_file_missing {
            let (rel, _, items) = &per_file[*i];
            let mut v: Vec<&Item> = items.iter().filter(|i| !i.documented).collect();
            v.sort_by_key(|i| i.line);
            for it in v {
                undocumented.push((*i, rel.as_str(), it));
            }
        }
        let n_undoc = undocumented.len();
        for (_, rel, it) in undocumented.into_iter().take(opts.max_findings) {
            out.findings.push(
                Finding::new(
                    "docs/undocumented",
                    Severity::Low,
                    format!("undocumented {} `{}`", it.kind, it.name),
                )
                .at(rel.to_string(), Some(it.line as u64), None),
            );
        }
        if n_undoc > opts.max_findings {
            out.findings_not_listed += (n_undoc - opts.max_findings) as u64;
            out.notes.push(format!(
                "{} more undocumented items are counted but not listed (`max_findings`)",
                n_undoc - opts.max_findings
            ));
        }

        if parsed > 0 {
            out.metrics
                .extend(Metric::percent("coverage", total.documented, total.items));
            out.count("documented", total.documented);
            out.count("items", total.items);
            for (lang, t) in &tallies {
                out.metrics.extend(Metric::percent(
                    format!("{lang}.coverage"),
                    t.documented,
                    t.items,
                ));
                out.count(&format!("{lang}.documented"), t.documented);
                out.count(&format!("{lang}.items"), t.items);
                out.notes.push(format!(
                    "{lang}: {}/{} items documented in {} files",
                    t.documented, t.items, t.files
                ));
            }
            if tallies.contains_key("python") {
                out.notes.push(match opts.py_mode {
                    PyMode::All => format!(
                        "python_mode = \"all\": counted as interrogate does; ignoring {}",
                        opts.py_ignore.describe()
                    ),
                    PyMode::Public => {
                        "python_mode = \"public\": counted as pydocstyle/ruff D100-D107 (public definitions, __all__ respected)"
                            .to_string()
                    }
                });
            }
        } else {
            out.notes.push(format!(
                "no source files of the selected languages ({}) were found: coverage is not measured",
                opts.langs.join(", ")
            ));
        }

        // The project's own documents.
        let (missing, findings) = required_files::check(cx.repo, &opts.required_files)?;
        out.count("missing_files", missing);
        out.findings.extend(findings);

        if opts.markdown {
            let md = markdown::check(cx, &md_files, &opts.frontmatter, &opts.references)?;
            out.count("broken_links", md.broken_links);
            out.count("frontmatter_errors", md.frontmatter_errors);
            out.findings.extend(md.findings);
            out.notes
                .push(format!("{} Markdown files checked", md_files.len()));
        }
        if let Some(rev) = cx.base {
            change::apply(self, cx, rev, &per_file, &mut out)?;
        }
        Ok(out)
    }

    fn lookup_metric(&self, doc: &KindDoc, name: &str) -> MetricLookup {
        match doc.metric(name) {
            Some(m) => MetricLookup::Known(Unit::from_symbol(m.unit)),
            None => MetricLookup::Unknown,
        }
    }
}

/// Parses the source files on all cores; results come back in input order.
fn parse_all(
    cx: &GateCx<'_>,
    code: &[(&FileEntry, &'static str)],
    opts: &Options,
) -> anyhow::Result<Vec<FileOut>> {
    let threads = crate::gates::threads().min(code.len().max(1));
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<anyhow::Result<FileOut>>>> =
        Mutex::new((0..code.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            // Parsers recurse over nesting (bounded, see `rust::MAX_NESTING`); a roomy stack
            // keeps debug builds safe too. Only touched pages are committed.
            let spawned = std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn_scoped(s, || {
                    let mut local: Vec<(usize, anyhow::Result<FileOut>)> = Vec::new();
                    loop {
                        if cx.cancel.is_cancelled() {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((entry, lang)) = code.get(i) else {
                            break;
                        };
                        local.push((i, parse_one(cx, entry, lang, opts)));
                    }
                    if let Ok(mut g) = slots.lock() {
                        for (i, r) in local {
                            if let Some(slot) = g.get_mut(i) {
                                *slot = Some(r);
                            }
                        }
                    }
                });
            // If a thread cannot be started, the others (or the loop below) do its share.
            drop(spawned);
        }
    });
    if cx.cancel.is_cancelled() {
        anyhow::bail!("cancelled");
    }
    let slots = slots.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::with_capacity(slots.len());
    for (i, s) in slots.into_iter().enumerate() {
        match s {
            Some(r) => out.push(r?),
            None => match code.get(i) {
                Some((entry, lang)) => out.push(parse_one(cx, entry, lang, opts)?),
                None => anyhow::bail!("internal error: a source file was not parsed"),
            },
        }
    }
    Ok(out)
}

fn parse_one(
    cx: &GateCx<'_>,
    entry: &FileEntry,
    lang: &str,
    opts: &Options,
) -> anyhow::Result<FileOut> {
    let Some(bytes) = cx.repo.text(entry)? else {
        return Ok(FileOut::NotText);
    };
    let src = match std::str::from_utf8(&bytes) {
        Ok(s) => s,
        Err(_) => return Ok(FileOut::NotText),
    };
    if !opts.include_generated && is_generated(src) {
        return Ok(FileOut::Generated);
    }
    Ok(match lang {
        "rust" => match rust::parse(src) {
            Ok(f) => FileOut::Rust(Box::new(f)),
            Err(e) => FileOut::Error(e),
        },
        "python" => FileOut::Items(python::count(
            src,
            &entry.rel,
            opts.py_mode,
            &opts.py_ignore,
        )),
        "javascript" | "typescript" if opts.ts_entry => FileOut::Js(Box::new(js::module(src))),
        "javascript" | "typescript" => FileOut::Items(js::count(src)),
        "go" => FileOut::Items(go::count(src)),
        _ => FileOut::NotText,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_markers() {
        assert!(is_generated(
            "// Code generated by protoc-gen-go. DO NOT EDIT.\npackage x\n"
        ));
        assert!(is_generated(&format!(
            "# {}{} by foo\nx = 1\n",
            "@", "generated"
        )));
        assert!(!is_generated(
            "package x\n\nvar s = \"Code generated DO NOT EDIT\"\n"
        ));
        assert!(!is_generated("fn main() {}\n"));
    }
}
