//! The `xml` gate: strict XML 1.0 (5th edition) well-formedness of XML files and of XML inside
//! Markdown, safe against hostile input.

pub mod change;
pub mod checker;
pub mod dtd;
pub mod encoding;
pub mod ext;
pub mod findings;
pub mod markdown;
pub mod require;
pub mod validate;

use super::{ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, OptionDoc};
use crate::model::{Finding, Severity};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use crate::walk::FileEntry;
use anyhow::Context;
use checker::{Level, Mode, Opts, Outcome};
use serde::Deserialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Kind;

/// Files at least this large are streamed from disk instead of read into the shared cache.
pub const STREAM_ABOVE: u64 = 64 * 1024 * 1024;

pub static DOC: KindDoc = KindDoc {
    kind: "xml",
    summary: "XML 1.0 well-formedness of XML files and of XML inside Markdown",
    description: "Checks that XML files are well-formed XML 1.0 (5th edition) and namespace-well-formed, \
strictly: one root element and no text outside it; matching, properly nested tags and no element left \
open at the end; attributes quoted, unique and separated by whitespace; legal names and characters; \
`&` and `<` escaped; every entity reference declared (the five predefined ones or the internal DTD \
subset); no `--` in comments; no `]]>` in text; the XML declaration only at the very start and \
well-formed; no processing-instruction target `xml`; the encoding declaration consistent with the bytes; \
Namespaces 1.0: every prefix bound, qualified names with at most one colon, the reserved `xml`/`xmlns` \
prefixes and namespace names used correctly, no `xmlns:p=\"\"`, attributes unique by namespace and local \
name.\n\n\
**Checker.** gatekeep uses its own byte-level checker, not quick-xml: quick-xml is fast but lenient (it \
accepts unclosed elements at end of file, several roots, undeclared entities, bad name characters), and \
a strict layer over its events would re-scan every byte. Measured on the W3C XML conformance suite \
(see bench/results/xml.md), quick-xml rejects 191 of 948 not-well-formed documents, xmllint 926 and this \
checker 947, with no false rejection of the 768 well-formed ones; it is also faster than quick-xml on \
large files (about 320 MB/s per core). The checker reads UTF-8 directly, keeps only the \
stack of open element names, the namespace bindings in scope and the entities of the internal subset, \
and never builds a tree. Files of 64 MiB or more (option `stream_above`) are streamed from disk through a 256 KiB \
window (they are not put in the shared file cache), so a 1 GB file is checked in a few MB of memory.\n\n\
**Error recovery** (so that a file with three unrelated mistakes reports three): a bare `&` or `<` is \
reported and read as text; a malformed tag is reported and skipped up to its `>`; an unquoted attribute \
value is reported and skipped up to the next space or `>`; an attribute value whose closing quote is \
missing (it runs past a `>` into the next `<`) is one error and the tag ends at that `>`; a duplicate \
attribute is reported and the tag goes on. An end tag that does not match the innermost open element is one error (`expected \
</description>, found </examples>; <description> opened at 12:5`); if the name is open further out, the \
elements in between are closed (each reported as not closed) and so is the named one; if the name is \
not open at all, it is taken as a misspelt end tag of the innermost element and closes it. Each element \
still open at the end is one error at its start tag. A run of invalid characters counts once, and a file \
that is not valid UTF-8 counts once. At most 200 errors per file are listed as findings; all are counted.\n\n\
**Encodings.** UTF-8 (with or without BOM), UTF-16 with BOM, US-ASCII, ISO-8859-1, ISO-8859-15 and \
windows-1252 are decoded; the BOM and the `encoding` declaration must agree, and a file that is not \
UTF-8 and declares no encoding is an error. Other declared encodings are a warning and bytes above 0x7F \
are accepted without checking. A binary file (a NUL byte in its first 8 KiB) is one error and is not parsed.\n\n\
**DTD and hostile input.** The internal subset is parsed (ENTITY, ELEMENT, ATTLIST, NOTATION, comments, \
PIs, internal parameter entities) to know the declared entities and to catch malformed declarations. \
By default (`external = \"off\"`) nothing is ever fetched or opened: an external DTD or external entity is a warning `xml/xxe` (XXE risk) \
and is not followed; when a document has an external DTD (and is not standalone), an entity that is not \
declared in the internal subset is a warning (once per entity name and file), as XML 1.0 says, not an error. Each entity's replacement \
text is checked once (memoised), so billion-laughs and quadratic-blowup documents take milliseconds; \
when references would expand to more than 10 MiB the document gets one error `xml/entity-expansion`. \
Recursive entities are errors; entity references nested more than 64 deep, content models nested \
more than 256 deep and parameter entities nested more than 16 deep are refused, so no input can \
exhaust the stack.\n\n\
**Local external DTDs and entities** (`external = \"local\"`). The external DTD subset, external parameter \
entities and external parsed entities referenced in content are read when, and only when, the system \
identifier is a relative path or a `file:` URI that, after every symlink is resolved, names a regular file \
inside the repository root of at most 1 MiB. Nothing is fetched from the network (`http:`, `https:`, \
`ftp:` … stay `xml/xxe` warnings, as does everything refused); devices (`/dev/zero`), FIFOs, sockets, \
directories, symlinks leading out of the root and larger files are refused before they are opened, and a \
file that grows while it is read is cut at the bound. At most 256 external files are read per document. \
A chain of external files that comes back to a file being read (an entity loop across files) is one error \
`xml/entity-recursive`. External declarations may use conditional sections (`<![INCLUDE[`, `<![IGNORE[`) \
and parameter-entity references inside declarations; a text declaration `<?xml version? encoding?>` that \
is malformed is an error `xml/external`. Findings inside an external file are reported at the reference, \
naming the file, line and column (`in dtd/doc.dtd:3:5: ...`). External entities in attribute values \
stay an error (XML 1.0 forbids them).\n\n\
**Validity** (`validate = \"dtd\"`). Besides well-formedness, each document is checked against its DTD \
(internal subset, and the local external one with `external = \"local\"`): elements and attributes \
declared; element content against EMPTY, ANY, mixed `(#PCDATA | a)*` and children models \
(sequences `,`, choices `|`, `?`, `*`, `+`); #REQUIRED and #FIXED attributes; attribute types (ID \
unique per document, IDREF/IDREFS naming an ID, ENTITY/ENTITIES naming an unparsed entity, \
NMTOKEN(S), enumerations, NOTATION); the root element matching the DOCTYPE; the DTD's own validity \
constraints (one ID per element, legal defaults, no repeated names, declared notations, proper nesting \
of parameter entities); `standalone=\"yes\"` documents that depend on external markup. Invalid is not \
the same as not well-formed: validity findings (`xml/invalid-*`, `gatekeep explain xml/invalid-content`) \
are `medium` and counted in the metric `invalid` (files: `not_valid_files`), not in `errors`; gate them \
with a threshold such as `invalid == 0`. A document without a DOCTYPE is one `xml/invalid-no-dtd`. \
Validation reads files whole (`stream_above` does not apply). Measured on the W3C suite \
(bench/results/xml_dtd.md): 226 of 227 invalid documents found invalid, none of 722 valid ones.\n\n\
**XML inside Markdown** (`markdown` globs, and `.md`/`.markdown`/`.mdx` files selected by `include`): \
```` ```xml ```` fences are checked as documents. Outside fences and inline code, a line whose first \
non-blank character (indented at most 3 spaces) opens an element `<name ...>` starts a region that runs \
to its matching `</name>` (where the checker closes the element; to the end of the file when it never \
closes); the region is checked as one XML element, and its Markdown prose is text, so a bare `&` or `<` \
in it (also inside ``` fences within the region) is an error unless it sits in `<![CDATA[ ... ]]>`. \
HTML-ish constructs: a line starting with an HTML void element (`<br>`, `<hr>`, `<img>` …) or an \
autolink (`<https://…>`) does not open a region; `<!-- -->` comments outside regions are Markdown's and \
are not checked; inside a region `<br>` is an unclosed XML element (write `<br/>`), a comment is an XML \
comment, and an autolink is one error `xml/autolink`. Positions are lines and columns of the `.md` file.\n\n\
**Structure rules** (`[[gates.xml.require]]`): for every checked file matching `glob` (files matching \
a rule's glob are checked even when `include`/`markdown` do not select them), the root element (in \
Markdown: one of the regions' or fences' roots) must be `root`, and each `elements` path below it \
(`metadata/name`) must occur. Each missing item is an error finding `xml/require`, counted in `errors`.\n\n\
**New code.** With `--base REV` (or, when a threshold names one of these metrics, the base CI \
names: see docs/CI.md), `new_errors` counts the errors the change brings since the merge base of \
REV and HEAD (working tree and untracked files included), and `fixed_errors` those it removes. An \
error's identity in its file is its rule, its message with numbers blanked, and the \
whitespace-normalised text of its line (with its occurrence among equal ones), not its line \
number. The base's versions of the changed files the gate checks are read from git's objects (one \
`git cat-file --batch`, never a checkout) and checked in memory with the same checker, options and \
structure rules; an error of a changed file is new when the base's version had no error of that \
identity. So an error moved up or down, or a file renamed, brings nothing new, while a second copy \
of one does; an untracked or added file's errors are all new, and files the change does not touch \
keep theirs. Markdown files count the same way (their fences and regions). Local external DTDs and \
entities are read from the work tree for both versions. `fixed_errors` counts the base's errors in \
the changed files that the run no longer has (fixed, or deleted with their file); a note names the \
first five. Findings carry `baseline_state` `new` or `unchanged` (SARIF `baselineState`; GitHub \
annotations show the new ones). `thresholds = [\"new_errors == 0\"]` gates the change and leaves \
the legacy to `errors`. A shallow clone without the base, or no base at all, is an ERROR.\n\n\
`files` counts the files checked, `invalid_files` those with at least one error. No file matched at all \
is an ERROR of the gate. Columns count characters.",
    options: &[
        OptionDoc {
            name: "markdown",
            ty: "list of globs",
            default: "[]",
            description: "Markdown files whose ```xml fences and element regions are checked (matched against every repository file, independently of `include`).",
        },
        OptionDoc {
            name: "require",
            ty: "array of tables {glob, root, elements}",
            default: "[]",
            description: "Structure rules: files matching `glob` must have root element `root` and every `elements` path (`a/b`, below the root).",
        },
        OptionDoc {
            name: "external",
            ty: "\"off\" | \"local\"",
            default: "\"off\"",
            description: "`local`: read external DTDs and entities that are regular files of at most 1 MiB inside the repository root (relative paths or file: URIs, symlinks resolved); never the network, devices or FIFOs.",
        },
        OptionDoc {
            name: "validate",
            ty: "\"none\" | \"dtd\"",
            default: "\"none\"",
            description: "`dtd`: also check validity against the document's DTD; validity findings `xml/invalid-*` are medium and counted in `invalid`, apart from well-formedness `errors`.",
        },
        OptionDoc {
            name: "stream_above",
            ty: "integer (bytes)",
            default: "67108864",
            description: "Files at least this large are streamed from disk in bounded memory instead of read through the shared cache.",
        },
    ],
    metrics: &[
        MetricDoc {
            name: "errors",
            unit: "",
            description: "well-formedness errors (and missing required structure), counted after error recovery",
        },
        MetricDoc {
            name: "warnings",
            unit: "",
            description: "warnings (external DTD/entities not followed, undecoded encodings, entities that may be declared externally)",
        },
        MetricDoc {
            name: "invalid",
            unit: "",
            description: "validity errors against the DTD (only with validate = \"dtd\")",
        },
        MetricDoc {
            name: "not_valid_files",
            unit: "",
            description: "files with at least one validity error (only with validate = \"dtd\")",
        },
        MetricDoc {
            name: "files",
            unit: "",
            description: "files checked",
        },
        MetricDoc {
            name: "new_errors",
            unit: "",
            description: "with `--base REV` (or the base CI names): errors the change brings, in changed XML files and Markdown (not among the errors of the file's version at the base; renames followed, moved errors not new)",
        },
        MetricDoc {
            name: "fixed_errors",
            unit: "",
            description: "with a base: errors the base's versions of the changed files had that the run no longer has (fixed, or deleted with their file)",
        },
        MetricDoc {
            name: "invalid_files",
            unit: "",
            description: "files with at least one error",
        },
    ],
    default_thresholds: &["errors == 0"],
    integrity: &[],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &["**/*.xml"],
    example: "[gates.xml]\n\
include = [\"**/*.xml\", \"**/*.xsd\", \"**/*.svg\"]\n\
markdown = [\".claude/commands/**/*.md\"]\n\
thresholds = [\"errors < 5\"]\n\
\n\
[[gates.xml.require]]\n\
glob = \".claude/commands/**/*.md\"\n\
root = \"command\"\n\
elements = [\"metadata/name\", \"description\"]\n",
};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    /// Globs of Markdown files holding XML (prompt templates).
    #[serde(default)]
    markdown: Vec<Spanned<String>>,
    /// Structure rules: files matching `glob` need root element `root` and the `elements` paths.
    #[serde(default)]
    require: Vec<require::RawRule>,
    /// Files of at least this many bytes are streamed from disk instead of the shared cache.
    #[serde(default)]
    stream_above: Option<Spanned<i64>>,
    /// `"off"` (default): external DTDs and entities are never read; `"local"`: read those that
    /// are regular files inside the repository root (at most 1 MiB each).
    #[serde(default)]
    external: Option<Spanned<String>>,
    /// `"none"` (default) or `"dtd"`: also check validity against the document's DTD.
    #[serde(default)]
    validate: Option<Spanned<String>>,
}

struct XmlGate {
    markdown: Vec<String>,
    markdown_set: globset::GlobSet,
    rules: Vec<require::Rule>,
    stream_above: u64,
    /// `external = "local"`.
    local: bool,
    /// `validate = "dtd"`.
    validate: bool,
}

impl GateKind for Kind {
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn options_schema(&self) -> serde_json::Value {
        schemars::schema_for!(Options).to_value()
    }
    fn base_metrics(&self) -> &'static [&'static str] {
        &["new_errors", "fixed_errors"]
    }
    fn configure(&self, options: &SNode, _cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        let o: Options = super::options(options)?;
        for g in &o.markdown {
            crate::paths::check_path(g)?;
            crate::walk::glob(&g.value)
                .map_err(|e| DeError::at(g.pos, format!("invalid glob `{}`: {e}", g.value)))?;
        }
        let markdown: Vec<String> = o.markdown.iter().map(|g| g.value.clone()).collect();
        let markdown_set = crate::walk::glob_set(markdown.iter().map(String::as_str))
            .map_err(|e| DeError::at(options.pos, format!("invalid glob: {e}")))?;
        let mut rules = Vec::new();
        for r in &o.require {
            crate::paths::check_path(&r.glob)?;
            rules.push(require::Rule::compile(r)?);
        }
        let stream_above = match o.stream_above {
            None => STREAM_ABOVE,
            Some(s) if s.value > 0 => s.value as u64,
            Some(s) => {
                return Err(DeError::at(
                    s.pos,
                    "stream_above must be a positive number of bytes",
                ));
            }
        };
        let local = match o.external.as_ref().map(|e| e.value.as_str()) {
            None | Some("off") => false,
            Some("local") => true,
            Some(other) => {
                let pos = o.external.as_ref().map(|e| e.pos).unwrap_or(options.pos);
                return Err(DeError::at(
                    pos,
                    format!("external must be \"off\" or \"local\", not \"{other}\""),
                ));
            }
        };
        let validate = match o.validate.as_ref().map(|e| e.value.as_str()) {
            None | Some("none") => false,
            Some("dtd") => true,
            Some(other) => {
                let pos = o.validate.as_ref().map(|e| e.pos).unwrap_or(options.pos);
                return Err(DeError::at(
                    pos,
                    format!("validate must be \"none\" or \"dtd\", not \"{other}\""),
                ));
            }
        };
        Ok(Arc::new(XmlGate {
            markdown,
            markdown_set,
            rules,
            stream_above,
            local,
            validate,
        }))
    }
}

fn is_markdown_path(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx")
}

/// The result of checking one file.
#[derive(Debug)]
pub struct FileResult {
    pub outcome: Outcome,
    pub streamed: bool,
    pub markdown: Option<markdown::MdStats>,
}

/// Checks the bytes of an XML file (any encoding).
pub fn check_xml_bytes(bytes: &[u8], paths: bool) -> Outcome {
    check_xml_bytes_local(bytes, paths, None)
}

/// Checks the bytes of an XML file; with `local`, local external DTDs and entities are read.
pub fn check_xml_bytes_local(bytes: &[u8], paths: bool, local: Option<ext::Local>) -> Outcome {
    check_xml_bytes_with(bytes, paths, local, false)
}

/// Checks the bytes of an XML file; with `local`, local external DTDs and entities are read;
/// with `validate`, validity against the DTD is checked too (`Outcome::invalid`).
pub fn check_xml_bytes_with(
    bytes: &[u8],
    paths: bool,
    local: Option<ext::Local>,
    validate: bool,
) -> Outcome {
    let s = encoding::sniff(bytes);
    let mut out = Outcome::default();
    for i in s.issues {
        out.push(i.level, i.rule, i.line, i.col, i.message);
    }
    if let Some(at) = s.binary_at {
        if out.errors == 0 {
            out.push(
                Level::Error,
                "xml/binary",
                1,
                1,
                format!("binary file (NUL byte at offset {at}), not XML text"),
            );
        }
        return out;
    }
    let body = &bytes[s.bom.min(bytes.len())..];
    let opts = Opts {
        paths,
        ..Opts::default()
    };
    let o = match s.enc {
        encoding::Enc::Utf8 => checker::check_bytes_with(body, opts, local, validate),
        enc => {
            let (utf8, issues) = encoding::to_utf8(body, enc);
            for i in issues {
                out.push(i.level, i.rule, i.line, i.col, i.message);
            }
            checker::check_bytes_with(&utf8, opts, local, validate)
        }
    };
    out.merge(o);
    out
}

/// Checks a large XML file from disk in bounded memory (UTF-8 is streamed; other encodings are
/// read whole and transcoded).
pub fn check_xml_file_streaming(path: &std::path::Path, paths: bool) -> anyhow::Result<Outcome> {
    check_xml_file_streaming_local(path, paths, None)
}

/// [`check_xml_file_streaming`], reading local external DTDs and entities with `local`.
pub fn check_xml_file_streaming_local(
    path: &std::path::Path,
    paths: bool,
    local: Option<ext::Local>,
) -> anyhow::Result<Outcome> {
    use std::io::Read;
    let mut f =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut head = vec![0u8; 8192];
    let mut n = 0;
    while n < head.len() {
        let k = f
            .read(&mut head[n..])
            .with_context(|| format!("cannot read {}", path.display()))?;
        if k == 0 {
            break;
        }
        n += k;
    }
    head.truncate(n);
    let s = encoding::sniff(&head);
    if s.binary_at.is_some() || s.enc != encoding::Enc::Utf8 {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        return Ok(check_xml_bytes_local(&bytes, paths, local));
    }
    let mut out = Outcome::default();
    for i in s.issues {
        out.push(i.level, i.rule, i.line, i.col, i.message);
    }
    let rest = std::io::BufReader::with_capacity(0, f);
    let mut reader = std::io::Cursor::new(head[s.bom.min(head.len())..].to_vec()).chain(rest);
    let o = checker::check_reader_local(
        &mut reader,
        Opts {
            paths,
            ..Opts::default()
        },
        local,
    );
    out.merge(o);
    Ok(out)
}

/// The first well-formedness error of an XML file (any encoding, streamed), if any: the readers
/// of XML reports (JUnit, Cobertura, Clover, OpenCover, JaCoCo) hold their input to the same
/// rules as this gate, so a damaged report is an error with its position, never read in part.
pub fn first_error(path: &std::path::Path) -> anyhow::Result<Option<checker::Issue>> {
    let o = check_xml_file_streaming(path, false)?;
    if o.errors == 0 {
        return Ok(None);
    }
    let first = o.issues.into_iter().find(|i| i.level == Level::Error);
    Ok(Some(first.unwrap_or(checker::Issue {
        level: Level::Error,
        rule: "xml/error",
        line: 1,
        col: 1,
        message: "not well-formed XML".into(),
    })))
}

impl XmlGate {
    fn check_one(
        &self,
        cx: &GateCx<'_>,
        entry: &FileEntry,
        md: bool,
    ) -> anyhow::Result<FileResult> {
        if !md && cx.repo.size(entry) >= self.stream_above && !self.validate {
            let paths = self.rules.iter().any(|r| r.glob.is_match(&entry.rel));
            let local = if self.local {
                ext::Local::for_file(cx.repo.root(), &cx.repo.abs(entry))
            } else {
                None
            };
            let outcome = check_xml_file_streaming_local(&cx.repo.abs(entry), paths, local)?;
            return Ok(FileResult {
                outcome,
                streamed: true,
                markdown: None,
            });
        }
        let bytes = cx.repo.bytes(entry)?;
        Ok(self.check_content(cx.repo.root(), &entry.rel, &bytes, md))
    }

    /// Checks the content of the file at `rel` in memory, as the gate checks that file: the
    /// work tree's bytes, or (with a base) the bytes of its version at the base. Local external
    /// DTDs and entities are read next to the work-tree file. Structure rules are applied by
    /// [`XmlGate::apply_rules`].
    fn check_content(
        &self,
        root: &std::path::Path,
        rel: &str,
        bytes: &[u8],
        md: bool,
    ) -> FileResult {
        let paths = self.rules.iter().any(|r| r.glob.is_match(rel));
        if md {
            let (outcome, stats) = if crate::walk::is_binary(bytes) {
                let mut o = Outcome::default();
                o.push(
                    Level::Error,
                    "xml/binary",
                    1,
                    1,
                    "binary file, not Markdown text".into(),
                );
                (o, markdown::MdStats::default())
            } else {
                markdown::check(bytes, paths)
            };
            return FileResult {
                outcome,
                streamed: false,
                markdown: Some(stats),
            };
        }
        let local = if self.local {
            ext::Local::for_file(root, &root.join(rel))
        } else {
            None
        };
        FileResult {
            outcome: check_xml_bytes_with(bytes, paths, local, self.validate),
            streamed: false,
            markdown: None,
        }
    }

    /// Adds the structure rules' errors for the file at `rel`; `hits` counts the rules that
    /// matched a file.
    fn apply_rules(&self, rel: &str, o: &mut Outcome, mut hits: Option<&mut [usize]>) {
        for (k, rule) in self.rules.iter().enumerate() {
            if rule.glob.is_match(rel) {
                if let Some(h) = hits.as_deref_mut().and_then(|h| h.get_mut(k)) {
                    *h += 1;
                }
                for m in rule.missing(&o.roots, &o.paths) {
                    o.push(Level::Error, "xml/require", 1, 1, m);
                }
            }
        }
    }

    /// Whether the gate checks the file at `rel` (a path of the work tree, or of a file the
    /// change deleted), and as Markdown: `Some(md)`, as [`Gate::run`] selects files.
    fn selects(&self, cx: &GateCx<'_>, rel: &str) -> Option<bool> {
        if cx.selector.matches(rel) {
            return Some(is_markdown_path(rel));
        }
        let md = !self.markdown.is_empty() && self.markdown_set.is_match(rel);
        let req = self.rules.iter().any(|r| r.glob.is_match(rel));
        let excluded = cx
            .selector
            .exclude
            .as_ref()
            .is_some_and(|x| x.is_match(rel));
        ((md || req) && !excluded).then(|| md || is_markdown_path(rel))
    }
}

fn severity(l: Level) -> Severity {
    match l {
        Level::Error => Severity::High,
        Level::Warning => Severity::Medium,
    }
}

impl Gate for XmlGate {
    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        // (entry, is Markdown)
        let mut files: Vec<(&FileEntry, bool)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for e in cx.files() {
            if seen.insert(e.rel.as_str()) {
                files.push((e, is_markdown_path(&e.rel)));
            }
        }
        for e in cx.repo.files() {
            let md = !self.markdown.is_empty() && self.markdown_set.is_match(&e.rel);
            let req = self.rules.iter().any(|r| r.glob.is_match(&e.rel));
            if (md || req)
                && cx
                    .selector
                    .exclude
                    .as_ref()
                    .is_none_or(|x| !x.is_match(&e.rel))
                && seen.insert(e.rel.as_str())
            {
                files.push((e, md || is_markdown_path(&e.rel)));
            }
        }
        files.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        if files.is_empty() {
            let mut what = "no file matched the xml gate's `include` globs".to_string();
            if !self.markdown.is_empty() {
                what.push_str(&format!(
                    " or its `markdown` globs ({})",
                    self.markdown.join(", ")
                ));
            }
            anyhow::bail!("{what}: nothing to check");
        }

        let threads = crate::gates::threads().min(files.len()).max(1);
        let next = AtomicUsize::new(0);
        let results: Vec<std::sync::Mutex<Option<anyhow::Result<FileResult>>>> =
            files.iter().map(|_| std::sync::Mutex::new(None)).collect();
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    loop {
                        if cx.cancel.is_cancelled() {
                            return;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&(entry, md)) = files.get(i) else {
                            return;
                        };
                        let r = self.check_one(cx, entry, md);
                        if let Some(slot) = results.get(i)
                            && let Ok(mut g) = slot.lock()
                        {
                            *g = Some(r);
                        }
                    }
                });
            }
        });
        if cx.cancel.is_cancelled() {
            anyhow::bail!("cancelled");
        }

        let mut out = GateOutput::default();
        let (mut errors, mut warnings, mut invalid) = (0u64, 0u64, 0u64);
        let (mut not_valid, mut not_valid_files) = (0u64, 0u64);
        let (mut streamed, mut fences, mut regions, mut md_files) = (0u64, 0u64, 0u64, 0u64);
        let mut rule_hits = vec![0usize; self.rules.len()];
        // With a base: the change, and the identities of the issues of the changed files.
        let changed = match cx.base {
            Some(rev) => {
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
                let deadline = cx.deadline.map_or(deadline, |d| d.min(deadline));
                Some(crate::changes::changed_lines(
                    cx.root, rev, deadline, cx.cancel,
                )?)
            }
            None => None,
        };
        let touched: std::collections::HashSet<&str> = changed
            .as_ref()
            .map(|c| c.files.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let mut now_files: Vec<change::Now> = Vec::new();
        for ((entry, _), slot) in files.iter().zip(results) {
            let r = slot
                .into_inner()
                .map_err(|_| anyhow::anyhow!("a worker thread panicked"))?
                .ok_or_else(|| anyhow::anyhow!("{} was not checked", entry.rel))??;
            let rel = entry.rel.as_str();
            let mut o = r.outcome;
            // Structure rules.
            self.apply_rules(rel, &mut o, Some(&mut rule_hits));
            if r.streamed {
                streamed += 1;
            }
            if let Some(s) = r.markdown {
                md_files += 1;
                fences += s.fences;
                regions += s.regions;
            }
            errors += o.errors;
            warnings += o.warnings;
            not_valid += o.invalid;
            if o.invalid > 0 {
                not_valid_files += 1;
            }
            if o.errors > 0 {
                invalid += 1;
            }
            let listed_e = o.issues.iter().filter(|i| i.level == Level::Error).count() as u64;
            let listed_i = o
                .issues
                .iter()
                .filter(|i| i.level == Level::Warning && i.rule.starts_with("xml/invalid-"))
                .count() as u64;
            let listed_w = o.issues.len() as u64 - listed_e - listed_i;
            let mut issues = o.issues;
            issues.sort_by_key(|i| (i.line, i.col));
            if touched.contains(rel) {
                let wanted = change::wanted_lines(&issues);
                let texts = if wanted.is_empty() {
                    std::collections::HashMap::new()
                } else if r.streamed {
                    let abs = cx.repo.abs(entry);
                    let f = std::fs::File::open(&abs)
                        .with_context(|| format!("cannot open {}", abs.display()))?;
                    change::line_texts(std::io::BufReader::new(f), &wanted)
                        .with_context(|| format!("cannot read {}", abs.display()))?
                } else {
                    let b = cx.repo.bytes(entry)?;
                    change::line_texts(&b[..], &wanted)
                        .with_context(|| format!("cannot read {rel}"))?
                };
                now_files.push(change::Now {
                    path: rel.to_string(),
                    start: out.findings.len(),
                    ids: change::identities(&issues, &texts),
                    errors: issues.iter().map(|i| i.level == Level::Error).collect(),
                    unlisted_errors: o.errors.saturating_sub(listed_e),
                    more: false,
                });
            }
            for i in issues {
                let f = Finding::new(i.rule, severity(i.level), i.message).at(
                    rel,
                    Some(i.line),
                    Some(i.col),
                );
                out.findings.push(f);
            }
            if o.errors > listed_e || o.warnings > listed_w || o.invalid > listed_i {
                out.findings.push(
                    Finding::new(
                        "xml/more",
                        Severity::Info,
                        format!(
                            "{} more errors, {} more warnings and {} more validity errors in this file are counted but not listed",
                            o.errors - listed_e,
                            o.warnings.saturating_sub(listed_w),
                            o.invalid.saturating_sub(listed_i)
                        ),
                    )
                    .at(rel, None, None),
                );
                if let Some(n) = now_files.last_mut().filter(|n| n.path == rel) {
                    n.more = true;
                }
            }
        }
        let tally = match (cx.base, &changed) {
            (Some(rev), Some(changed)) => {
                let base = change::base(self, cx, changed)?;
                out.notes.push(format!(
                    "since {rev} ({}): {} changed files checked as they were at the base",
                    changed.commit.get(..12).unwrap_or(&changed.commit),
                    base.by_path.len()
                ));
                let t = change::mark(&mut out.findings, &now_files, &base);
                out.notes.extend(change::fixed_note(rev, &t));
                Some(t)
            }
            _ => None,
        };
        for (k, rule) in self.rules.iter().enumerate() {
            if rule_hits[k] == 0 {
                out.notes
                    .push(format!("require rule `{}` matched no file", rule.glob_text));
            }
        }
        out.notes.push(format!(
            "{} files checked ({} Markdown)",
            files.len(),
            md_files
        ));
        if md_files > 0 {
            out.notes.push(format!(
                "Markdown: {fences} ```xml fences and {regions} element regions checked"
            ));
        }
        if streamed > 0 {
            out.notes
                .push(format!("{streamed} large files streamed from disk"));
        }
        out.count("errors", errors);
        out.count("warnings", warnings);
        out.count("files", files.len() as u64);
        out.count("invalid_files", invalid);
        if self.validate {
            out.count("invalid", not_valid);
            out.count("not_valid_files", not_valid_files);
        }
        if let Some(t) = &tally {
            out.count("new_errors", t.new_errors);
            out.count("fixed_errors", t.fixed.len() as u64 + t.fixed_unlisted);
        }
        Ok(out)
    }
}

/// Checks one document given as a string (tests, examples).
#[doc(hidden)]
pub fn check_str(s: &str) -> Outcome {
    check_xml_bytes(s.as_bytes(), false)
}

#[doc(hidden)]
pub fn check_region(s: &str) -> Outcome {
    checker::check_bytes(
        s.as_bytes(),
        Opts {
            mode: Mode::Region,
            ..Opts::default()
        },
    )
}
