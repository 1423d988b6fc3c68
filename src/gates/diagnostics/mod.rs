//! The `diagnostics` gate: compiler, type-checker and linter results, counted per code, with a
//! fingerprint baseline.
//!
//! Every input (a report file, or the stdout of `run`) is read by a streaming parser (one file
//! per format) that hands each diagnostic to a sink; the gate counts as it goes and keeps only
//! the first `max_findings` as findings, so a 100 MB report costs no more memory than a small
//! one. The format is detected from the content (as the coverage gate does) or forced.

mod biome;
mod cargo;
mod checkstyle;
mod eslint;
mod gcc;
mod golangci;
mod govet;
mod json;
mod mypy;
mod pyright;
mod ruff;
mod sarif;
mod tsc;

#[cfg(test)]
mod tests;

use super::reading::{ErrPos, ParseError};
use super::security::baseline;
use super::{
    ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, MetricLookup, OptionDoc,
};
use crate::model::{Finding, Severity, Unit};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use crate::process::{self, Exit};
use anyhow::Context;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Kind;

pub static DOC: KindDoc = KindDoc {
    kind: "diagnostics",
    summary: "Compiler, type-checker and linter diagnostics, counted per code, with a baseline",
    description: "\
Reads the machine-readable output of compilers, type checkers and linters — TypeScript \
`tsc --pretty false`, ESLint `-f json`, Biome `--reporter=json`, Ruff `--output-format json`, \
mypy (text and `--output json`), Pyright `--outputjson`, Cargo/Clippy `--message-format=json`, \
golangci-lint JSON, `go vet -json`, Checkstyle XML (PMD, ktlint, detekt, SwiftLint, ESLint's \
formatter), SARIF from any tool, and GCC/Clang text (`file:line:col: error: …`) — from `reports` \
files, or from the stdout of `run`, which gatekeep runs itself.

The format is detected from the content, not the file name; `format` forces one. An empty input \
whose format cannot be told, an unknown format, or a malformed or truncated report is an ERROR \
naming the file (or the command) and the parser's line and column. Where the tool prints its own \
count (mypy's `Found N errors`, tsc's `Found N errors in M files`, Biome's and Pyright's \
`summary`, ESLint's per-file `errorCount`/`warningCount`), gatekeep's count must agree with it, \
or the gate is ERROR: a report gatekeep misread never passes. mypy's text always ends with its \
summary, so mypy text without one is ERROR (cut short). Checkstyle XML is held to the `xml` gate's \
strict rules, and an unknown element or severity is ERROR; so is a GCC/Clang line shaped like a \
diagnostic with an unknown severity. tsc `--pretty false` and GCC/Clang text carry no count of \
their own: a log cut at a line boundary reads as fewer diagnostics, so prefer `run` (the whole \
stdout, the exit code checked) to a saved log for them.

**`run`**: the command runs with `sh -c` in `cwd` (default: the config's folder) in its own \
process group, with the gate's `timeout` (default 5m) killing the whole group; its stdout is \
parsed (relative paths in it are taken relative to `cwd`), its stderr only kept for the error \
message. A tool that was not found (exit 127) or \
could not be executed (126), was killed by a signal or timed out, printed something \
unparseable, or exited non-zero without a single diagnostic, is ERROR — never \"0 errors\". A \
non-zero exit *with* diagnostics is the tool reporting what it found: that is data. A tool that \
exits 0 and prints nothing found nothing.

**Counting**: each diagnostic is an error, a warning or a note in the tool's own terms (ESLint \
2/1, Biome and Pyright `information`/`hint` → note, SARIF `error`/`warning`/`note`|`none` with \
SARIF's default `warning`, Checkstyle `error`/`warning`/`info`, Cargo `error`/`warning`/`note`|`help`; \
every Ruff, golangci-lint (unless it sets a severity) and `go vet` diagnostic is an error, as each \
makes the tool fail). Diagnostics reported twice (by two reports, or by Cargo for two targets) are \
counted once. `code.<CODE>` counts one code (`code.TS6133`, `code.E501`, \
`code.clippy::unwrap_used`, golangci-lint's and `go vet`'s linter names); a code named in a \
threshold that did not occur is 0.

**Findings and detail**: the first `max_findings` diagnostics become findings \
(`diagnostics/<tool>/<code>`, with `file:line:col`, errors as high, warnings as medium, notes as \
low), which flow into SARIF, CodeClimate and GitHub annotations like every finding (JUnit \
carries the gate's conditions, as for every kind). A note \
lists the `top_codes` most frequent codes with their counts and the tool's description of the \
rule, or the first message seen for it.

**Baseline**: `baseline = \"FILE\"` holds fingerprints of accepted diagnostics (the security \
gate's: the code, the path, the source line's text with whitespace collapsed — or the message \
when the file is not in the repository — and the occurrence of that triple in the file), so \
lines moving keep them; only the others count, the accepted ones are counted in `baselined`. \
`gatekeep check --write-baseline` writes the file.

**New code**: with `--base REV`, `new_errors` counts the errors on lines added or changed since \
the merge base of REV and HEAD (working tree included; the coverage gate's `git diff`), e.g. \
`thresholds = [\"new_errors == 0\", \"errors <= 200\"]`.",
    options: &[
        OptionDoc {
            name: "reports",
            ty: "list of globs",
            default: "[]",
            description: "Report files, relative to the config file. Every match is read. No match at all is an ERROR. One of `reports` and `run` is required.",
        },
        OptionDoc {
            name: "run",
            ty: "string",
            default: "none",
            description: "A command (run with `sh -c`) whose stdout is the tool's report, e.g. `npx tsc --noEmit --pretty false`.",
        },
        OptionDoc {
            name: "cwd",
            ty: "path",
            default: "the config's folder",
            description: "Working folder of `run`, relative to the config's folder.",
        },
        OptionDoc {
            name: "env",
            ty: "table of strings",
            default: "{}",
            description: "Variables added to the environment of `run`.",
        },
        OptionDoc {
            name: "format",
            ty: "string",
            default: "detected from the content",
            description: "Force a format: `tsc`, `eslint`, `biome`, `ruff`, `mypy`, `mypy-json`, `pyright`, `cargo`, `golangci-lint`, `go-vet`, `checkstyle`, `sarif`, `gcc`.",
        },
        OptionDoc {
            name: "baseline",
            ty: "path",
            default: "none",
            description: "Baseline file of accepted diagnostics (written by `check --write-baseline`).",
        },
        OptionDoc {
            name: "max_findings",
            ty: "integer",
            default: "1000",
            description: "How many diagnostics are listed as findings (all are counted).",
        },
        OptionDoc {
            name: "top_codes",
            ty: "integer",
            default: "10",
            description: "How many of the most frequent codes the detail note lists.",
        },
        OptionDoc {
            name: "ignore_moved_lines",
            ty: "bool",
            default: "false",
            description: "With `--base`: errors on lines that only moved are not new (`new_errors`) — blocks of added lines that each equal a removed line (indentation aside) and hold at least 20 letters and digits, git's `--color-moved` rule.",
        },
    ],
    metrics: &[
        MetricDoc { name: "errors", unit: "", description: "diagnostics of error severity" },
        MetricDoc { name: "warnings", unit: "", description: "diagnostics of warning severity" },
        MetricDoc { name: "notes", unit: "", description: "diagnostics of note/information severity" },
        MetricDoc { name: "total", unit: "", description: "all diagnostics" },
        MetricDoc { name: "files_with_errors", unit: "", description: "files with at least one error" },
        MetricDoc { name: "new_errors", unit: "", description: "with `--base REV`: errors on lines added or changed since the merge base of REV and HEAD (working tree included)" },
        MetricDoc { name: "baselined", unit: "", description: "diagnostics accepted by the baseline (not counted above; only with `baseline`)" },
        MetricDoc { name: "code.<CODE>", unit: "", description: "diagnostics with that code, e.g. `code.TS2304`, `code.E501`, `code.clippy::unwrap_used`" },
    ],
    default_thresholds: &["errors == 0"],
    integrity: &[],
    dynamic_metrics: false,
    reads_tree: false,
    default_include: &[],
    example: "[gates.typescript]\nkind = \"diagnostics\"\nrun = \"npx tsc --noEmit --pretty false\"\nthresholds = [\"errors == 0\", \"code.TS6133 <= 35\"]\nbaseline = \".gatekeep/tsc-baseline.json\"\ntimeout = \"10m\"\n\n[gates.lint]\nkind = \"diagnostics\"\nreports = [\"build/eslint.json\", \"build/ruff.json\"]\nthresholds = [\"errors == 0\", \"warnings <= 200\"]\n",
};

// ---------------------------------------------------------------------------------------------
// The diagnostic model and the formats

/// A diagnostic's severity in the tool's own terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::High,
            Level::Warning => Severity::Medium,
            Level::Note => Severity::Low,
        }
    }
}

/// One diagnostic as a tool reported it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Diag {
    pub code: Option<String>,
    pub level: Option<Level>,
    /// As the tool wrote it (absolute, relative, or a `file://` URI).
    pub path: Option<String>,
    /// 1-based.
    pub line: Option<u64>,
    /// 1-based.
    pub col: Option<u64>,
    pub message: String,
    /// The tool's own description of the rule, when it gives one (SARIF rules).
    pub description: Option<String>,
    /// The tool's name, for formats that carry it (SARIF, Checkstyle).
    pub tool: Option<String>,
}

impl Diag {
    pub fn new(level: Level, message: impl Into<String>) -> Diag {
        Diag {
            level: Some(level),
            message: message.into(),
            ..Diag::default()
        }
    }
    pub fn at(mut self, path: Option<String>, line: Option<u64>, col: Option<u64>) -> Diag {
        self.path = path.filter(|p| !p.is_empty());
        self.line = line.filter(|l| *l > 0);
        self.col = col.filter(|c| *c > 0);
        self
    }
    pub fn code(mut self, code: Option<String>) -> Diag {
        self.code = code.filter(|c| !c.is_empty());
        self
    }
    fn level(&self) -> Level {
        self.level.unwrap_or(Level::Error)
    }
}

/// The tool's own count, when its output carries one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Headline {
    pub errors: Option<u64>,
    pub warnings: Option<u64>,
    pub notes: Option<u64>,
    /// How the tool said it, for the error message.
    pub text: String,
}

/// Where a parser sends each diagnostic.
pub(crate) type Sink<'a> = &'a mut dyn FnMut(Diag);

/// The result of one parser: the tool's headline, if any.
pub(crate) type Parsed = Result<Option<Headline>, ParseError>;

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Tsc,
    Eslint,
    Biome,
    Ruff,
    Mypy,
    MypyJson,
    Pyright,
    Cargo,
    GolangciLint,
    GoVet,
    Checkstyle,
    Sarif,
    Gcc,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Tsc,
        Format::Eslint,
        Format::Biome,
        Format::Ruff,
        Format::Mypy,
        Format::MypyJson,
        Format::Pyright,
        Format::Cargo,
        Format::GolangciLint,
        Format::GoVet,
        Format::Checkstyle,
        Format::Sarif,
        Format::Gcc,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Tsc => "tsc",
            Format::Eslint => "eslint",
            Format::Biome => "biome",
            Format::Ruff => "ruff",
            Format::Mypy => "mypy",
            Format::MypyJson => "mypy-json",
            Format::Pyright => "pyright",
            Format::Cargo => "cargo",
            Format::GolangciLint => "golangci-lint",
            Format::GoVet => "go-vet",
            Format::Checkstyle => "checkstyle",
            Format::Sarif => "sarif",
            Format::Gcc => "gcc",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == s)
    }

    /// The tool name used in finding ids (`diagnostics/<tool>/<code>`); SARIF and Checkstyle
    /// name their tool themselves.
    fn tool(self) -> &'static str {
        match self {
            Format::Mypy | Format::MypyJson => "mypy",
            Format::Cargo => "rustc",
            f => f.name(),
        }
    }

    fn read(self, input: &mut dyn BufRead, sink: Sink<'_>) -> Parsed {
        match self {
            Format::Tsc => tsc::parse(input, sink),
            Format::Eslint => eslint::parse(input, sink),
            Format::Biome => biome::parse(input, sink),
            Format::Ruff => ruff::parse(input, sink),
            Format::Mypy => mypy::parse_text(input, sink),
            Format::MypyJson => mypy::parse_json(input, sink),
            Format::Pyright => pyright::parse(input, sink),
            Format::Cargo => cargo::parse(input, sink),
            Format::GolangciLint => golangci::parse(input, sink),
            Format::GoVet => govet::parse(input, sink),
            Format::Checkstyle => checkstyle::parse(input, sink),
            Format::Sarif => sarif::parse(input, sink),
            Format::Gcc => gcc::parse(input, sink),
        }
    }

    /// Formats whose tools report one diagnostic more than once (per target, per test variant).
    fn repeats(self) -> bool {
        matches!(self, Format::Cargo | Format::GoVet | Format::Gcc)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Detects the format from the first bytes of an input; `None` when it is none gatekeep reads.
pub fn detect(head: &[u8]) -> Option<Format> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start();
    let has = |k: &str| t.contains(k);
    if t.starts_with('<') {
        return (has("<checkstyle") || has("<file name=")).then_some(Format::Checkstyle);
    }
    if t.starts_with('[') {
        // ESLint: an array of per-file results; Ruff: an array of violations.
        if has("\"filePath\"") && (has("\"messages\"") || has("\"errorCount\"")) {
            return Some(Format::Eslint);
        }
        if has("\"noqa_row\"") || (has("\"code\"") && has("\"location\"") && has("\"row\"")) {
            return Some(Format::Ruff);
        }
        // An empty array: both ESLint and Ruff print `[]` for a clean run.
        if t.trim_end() == "[]" {
            return Some(Format::Eslint);
        }
        return None;
    }
    if t.starts_with('{') {
        if has("\"$schema\"") && has("sarif") || has("\"runs\"") && has("\"version\"") {
            return Some(Format::Sarif);
        }
        if has("\"reason\"")
            && (has("\"compiler-message\"")
                || has("\"compiler-artifact\"")
                || has("\"build-finished\""))
        {
            return Some(Format::Cargo);
        }
        if has("\"Issues\"") {
            return Some(Format::GolangciLint);
        }
        if has("\"generalDiagnostics\"") {
            return Some(Format::Pyright);
        }
        if has("\"diagnostics\"") && (has("\"category\"") || has("\"command\"")) {
            return Some(Format::Biome);
        }
        if has("\"posn\"") {
            return Some(Format::GoVet);
        }
        if has("\"file\"") && has("\"severity\"") && has("\"hint\"") {
            return Some(Format::MypyJson);
        }
        // `go vet -json` prints `{}` for a package without diagnostics.
        if t.lines().all(|l| {
            let l = l.trim();
            l.is_empty() || l == "{}" || l.starts_with('#')
        }) {
            return Some(Format::GoVet);
        }
        return None;
    }
    if t.starts_with("# ") && (has("\"posn\"") || has("\n{")) {
        return Some(Format::GoVet);
    }
    text_format(t)
}

/// Tells the line formats apart: tsc's `file(line,col): error TS…`, mypy's `file:line: error:`
/// (Python files, `  [code]`, its summary lines) and GCC/Clang's `file:line:col: warning:`.
fn text_format(t: &str) -> Option<Format> {
    let mut gcc_votes = 0;
    let mut mypy_votes = 0;
    for l in t.lines().take(200) {
        if tsc::is_line(l) {
            return Some(Format::Tsc);
        }
        if mypy::is_summary(l) {
            return Some(Format::Mypy);
        }
        if l.starts_with("In file included from")
            || l.contains(": In function")
            || l.contains(" [-W")
        {
            gcc_votes += 2;
        }
        if let Some(d) = gcc::diag_line(l) {
            let path = d.path.as_deref().unwrap_or("");
            if path.ends_with(".py") || path.ends_with(".pyi") {
                mypy_votes += 2;
            } else if d.col.is_some() {
                gcc_votes += 1;
            }
        }
        if mypy::diag_line(l).is_some() && l.trim_end().ends_with(']') && l.contains("  [") {
            mypy_votes += 1;
        }
    }
    if mypy_votes > gcc_votes {
        Some(Format::Mypy)
    } else if gcc_votes > 0 {
        Some(Format::Gcc)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Options and configuration

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    /// Report files (globs), relative to the config file.
    #[serde(default)]
    reports: Option<Spanned<Vec<String>>>,
    /// A command whose stdout is the tool's report, run with `sh -c`.
    #[serde(default)]
    run: Option<Spanned<String>>,
    /// Working folder of `run`, relative to the config's folder.
    #[serde(default)]
    cwd: Option<Spanned<String>>,
    /// Variables added to the environment of `run`.
    #[serde(default)]
    env: BTreeMap<String, String>,
    /// Force a format instead of detecting it.
    #[serde(default)]
    format: Option<Spanned<String>>,
    /// Baseline file of accepted diagnostics.
    #[serde(default)]
    baseline: Option<Spanned<String>>,
    /// How many diagnostics are listed as findings.
    #[serde(default)]
    max_findings: Option<u64>,
    /// How many of the most frequent codes the detail note lists.
    #[serde(default)]
    top_codes: Option<u64>,
    /// Lines that only moved (git's `--color-moved` rule, indentation ignored) are not new.
    #[serde(default)]
    ignore_moved_lines: bool,
}

enum Source {
    Reports(Vec<String>),
    Run {
        run: String,
        cwd: Option<String>,
        env: Vec<(String, String)>,
    },
}

struct DiagnosticsGate {
    source: Source,
    format: Option<Format>,
    baseline: Option<String>,
    max_findings: usize,
    top_codes: usize,
    ignore_moved_lines: bool,
    /// `code.*` metrics that thresholds name: reported as 0 when the code did not occur.
    wanted_codes: Mutex<BTreeSet<String>>,
}

impl GateKind for Kind {
    fn base_metrics(&self) -> &'static [&'static str] {
        &["new_errors"]
    }
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn options_schema(&self) -> serde_json::Value {
        schemars::schema_for!(Options).to_value()
    }

    fn configure(&self, options: &SNode, _cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        let o: Options = super::options(options)?;
        let format = match &o.format {
            Some(f) => Some(Format::parse(&f.value).ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                DeError::at(
                    f.pos,
                    format!(
                        "unknown diagnostics format `{}`; known: {}",
                        f.value,
                        names.join(", ")
                    ),
                )
            })?),
            None => None,
        };
        let source = match (o.reports, o.run) {
            (Some(r), Some(run)) => {
                let _ = r;
                return Err(DeError::at(
                    run.pos,
                    "`reports` and `run` exclude each other: a diagnostics gate reads one or the other",
                ));
            }
            (Some(r), None) => {
                if r.value.is_empty() {
                    return Err(DeError::at(r.pos, "`reports` must not be empty"));
                }
                if let Some(c) = &o.cwd {
                    return Err(DeError::at(c.pos, "`cwd` only applies to `run`"));
                }
                Source::Reports(r.value)
            }
            (None, Some(run)) => {
                if run.value.trim().is_empty() {
                    return Err(DeError::at(run.pos, "`run` must not be empty"));
                }
                if let Some(c) = &o.cwd {
                    crate::paths::check_path(c)?;
                }
                Source::Run {
                    run: run.value,
                    cwd: o.cwd.map(|c| c.value),
                    env: o.env.into_iter().collect(),
                }
            }
            (None, None) => {
                return Err(DeError {
                    pos: None,
                    message: "a diagnostics gate needs `reports = [...]` or `run = \"...\"`".into(),
                    suggestion: None,
                });
            }
        };
        if let Some(b) = &o.baseline {
            crate::paths::check_path(b)?;
        }
        Ok(Arc::new(DiagnosticsGate {
            source,
            format,
            baseline: o.baseline.map(|b| b.value),
            max_findings: o.max_findings.unwrap_or(1000) as usize,
            top_codes: o.top_codes.unwrap_or(10) as usize,
            ignore_moved_lines: o.ignore_moved_lines,
            wanted_codes: Mutex::new(BTreeSet::new()),
        }))
    }
}

// ---------------------------------------------------------------------------------------------
// Counting

#[derive(Default)]
struct CodeStat {
    count: u64,
    description: Option<String>,
}

/// Everything the gate learns from its inputs, counted as the diagnostics stream by.
struct Tally<'a> {
    cx: &'a GateCx<'a>,
    /// What relative paths in the tool's output are relative to: the config's folder for
    /// reports, `cwd` for `run`.
    base: PathBuf,
    max_findings: usize,
    /// Fingerprints every diagnostic (a baseline is configured) or only the listed ones.
    fingerprint_all: bool,
    accepted: Option<BTreeSet<String>>,
    /// Every fingerprinted finding, for `--write-baseline`.
    all_for_baseline: Option<Vec<Finding>>,
    dedup: Option<HashSet<u64>>,
    occurrences: HashMap<(String, String, String), usize>,
    line_cache: HashMap<String, Option<Vec<String>>>,
    errors: u64,
    warnings: u64,
    notes: u64,
    baselined: u64,
    duplicates: u64,
    files_with_errors: HashSet<String>,
    codes: BTreeMap<String, CodeStat>,
    findings: Vec<Finding>,
    not_listed: u64,
    /// Per input: how many diagnostics of each level it had (for the headline check).
    input_counts: [u64; 3],
    /// With `--base`: the lines added since the merge base, per repo file.
    changed: Option<std::sync::Arc<crate::changes::Changed>>,
    new_errors: u64,
}

impl<'a> Tally<'a> {
    fn path(&self, raw: &str) -> String {
        let p = raw.strip_prefix("file://").unwrap_or(raw);
        let p = p.replace('\\', "/");
        let pb = PathBuf::from(&p);
        if pb.is_absolute() {
            return self.cx.display_path(&pb);
        }
        let p = p.strip_prefix("./").unwrap_or(&p);
        if self.base.as_path() == self.cx.root {
            return p.to_string();
        }
        self.cx.display_path(&self.base.join(p))
    }

    /// The text of a repo file's line, if the file is in the walk.
    fn line_text(&mut self, path: &str, line: u64) -> Option<String> {
        let cx = self.cx;
        let lines = self.line_cache.entry(path.to_string()).or_insert_with(|| {
            let e = cx.repo.get(path)?;
            let t = cx.repo.text(e).ok()??;
            let s = std::str::from_utf8(&t).ok()?;
            Some(s.lines().map(str::to_string).collect())
        });
        lines.as_ref()?.get(line.checked_sub(1)? as usize).cloned()
    }

    fn add(&mut self, tool: &str, d: Diag) {
        let level = d.level();
        self.input_counts[level as usize] += 1;
        let path = d.path.as_deref().map(|p| self.path(p));
        if let Some(seen) = &mut self.dedup {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&path, d.line, d.col, &d.code, &d.message, level).hash(&mut h);
            if !seen.insert(h.finish()) {
                self.duplicates += 1;
                return;
            }
        }
        let rule = match &d.code {
            Some(c) => format!("diagnostics/{tool}/{c}"),
            None => format!("diagnostics/{tool}"),
        };
        let message = match &d.code {
            Some(c) => format!("{c}: {}", d.message),
            None => d.message.clone(),
        };
        let mut f = Finding::new(rule, level.severity(), message);
        f.path = path.clone();
        f.line = d.line;
        f.column = d.col;
        let listed = self.findings.len() < self.max_findings;
        if self.fingerprint_all || listed {
            let text = match (&path, d.line) {
                (Some(p), Some(l)) => self.line_text(p, l),
                _ => None,
            }
            .unwrap_or_else(|| d.message.clone());
            let text = baseline::normalise(&text);
            let p = path.clone().unwrap_or_default();
            let n = self
                .occurrences
                .entry((f.rule.clone(), p.clone(), text.clone()))
                .or_insert(0);
            f.fingerprint = Some(baseline::fingerprint(&f.rule, &p, &text, *n));
            *n += 1;
            if let Some(all) = &mut self.all_for_baseline {
                all.push(f.clone());
            }
            if let (Some(acc), Some(fp)) = (&self.accepted, &f.fingerprint)
                && acc.contains(fp)
            {
                self.baselined += 1;
                return;
            }
        }
        match level {
            Level::Error => {
                self.errors += 1;
                if let Some(changed) = &self.changed {
                    let new = matches!((&path, d.line), (Some(p), Some(l))
                    if changed.get(p).is_some_and(|ls| {
                        u32::try_from(l).is_ok_and(|l| ls.binary_search(&l).is_ok())
                    }));
                    if new {
                        self.new_errors += 1;
                    }
                    f.baseline_state = Some(if new {
                        crate::model::BaselineState::New
                    } else {
                        crate::model::BaselineState::Unchanged
                    });
                }
                if let Some(p) = &path
                    && !self.files_with_errors.contains(p)
                {
                    self.files_with_errors.insert(p.clone());
                }
            }
            Level::Warning => self.warnings += 1,
            Level::Note => self.notes += 1,
        }
        if let Some(c) = d.code {
            let s = self.codes.entry(c).or_default();
            s.count += 1;
            if s.description.is_none() {
                s.description = Some(d.description.unwrap_or(d.message));
            }
        }
        if self.findings.len() < self.max_findings {
            self.findings.push(f);
        } else {
            self.not_listed += 1;
        }
    }
}

/// Checks one input's counts against the tool's own headline.
fn check_headline(h: &Headline, counts: [u64; 3], shown: &str) -> anyhow::Result<()> {
    let pairs = [
        ("errors", h.errors, counts[0]),
        ("warnings", h.warnings, counts[1]),
        ("notes", h.notes, counts[2]),
    ];
    for (what, said, got) in pairs {
        if let Some(said) = said
            && said != got
        {
            anyhow::bail!(
                "{shown}: the tool's own summary ({}) says {said} {what}, but gatekeep read {got}: \
                 the output is incomplete or was misread",
                h.text
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading inputs

/// Bytes read to detect a format.
const HEAD: usize = 64 * 1024;

/// How an input is named in messages, and how to resolve a parser's byte offset.
struct Input<'p> {
    shown: String,
    file: &'p Path,
}

/// Reads one input file: detects (or forces) its format and streams its diagnostics into
/// `sink`. `allow_empty`: an empty input is a clean run (the stdout of a tool that exited 0).
fn read_input(
    input: &Input<'_>,
    forced: Option<Format>,
    allow_empty: bool,
    sink: Sink<'_>,
) -> anyhow::Result<Option<(Format, Option<Headline>)>> {
    let shown = &input.shown;
    let open = || {
        std::fs::File::open(input.file)
            .map(|f| BufReader::with_capacity(256 * 1024, f))
            .with_context(|| format!("cannot open {shown}"))
    };
    let mut r = open()?;
    let mut head = Vec::with_capacity(4096);
    (&mut r)
        .take(HEAD as u64)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read {shown}"))?;
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        if allow_empty {
            return Ok(None);
        }
        match forced {
            // A line format's clean run prints nothing.
            Some(
                f @ (Format::Tsc
                | Format::Mypy
                | Format::Gcc
                | Format::Cargo
                | Format::GoVet
                | Format::MypyJson),
            ) => {
                return Ok(Some((f, None)));
            }
            _ => anyhow::bail!(
                "{shown}:1:1: the report is empty: its format cannot be told; if the tool prints \
                 nothing when it finds nothing, set `format`"
            ),
        }
    }
    let format = match forced {
        Some(f) => f,
        None => detect(&head).ok_or_else(|| {
            anyhow::anyhow!(
                "{shown}:1:1: not a diagnostics format gatekeep recognizes (tsc, ESLint JSON, \
                 Biome JSON, Ruff JSON, mypy, Pyright JSON, Cargo JSON, golangci-lint JSON, \
                 go vet -json, Checkstyle, SARIF, GCC/Clang); set `format` to force one"
            )
        })?,
    };
    if format == Format::Checkstyle {
        // Held to the `xml` gate's strict rules, as every XML report reader is.
        if let Some(i) = crate::gates::xml::first_error(input.file)
            .with_context(|| format!("cannot read {shown}"))?
        {
            anyhow::bail!(
                "{shown}:{}:{}: invalid {format} output: not well-formed XML: {}",
                i.line,
                i.col,
                i.message
            );
        }
    }
    let mut r = open()?;
    match format.read(&mut r, sink) {
        Ok(h) => Ok(Some((format, h))),
        Err(e) => {
            let (line, col) = match e.pos {
                ErrPos::LineCol(l, c) => (l, c),
                ErrPos::Offset(o) => super::reading::offset_to_line_col(input.file, o),
            };
            anyhow::bail!(
                "{shown}:{line}:{col}: invalid {format} output: {}",
                e.message
            )
        }
    }
}

use crate::process::{TAIL, last_lines};

/// Single-quotes a path for `sh`.
fn sh_quote(p: &Path) -> String {
    crate::process::shell_quote(&p.to_string_lossy())
}

impl DiagnosticsGate {
    /// Reads every input into the tally; notes what was read.
    fn read_all(
        &self,
        cx: &GateCx<'_>,
        tally: &mut Tally<'_>,
        notes: &mut Vec<String>,
    ) -> anyhow::Result<()> {
        match &self.source {
            Source::Reports(globs) => {
                let paths = cx.find_reports(globs)?;
                if paths.is_empty() {
                    anyhow::bail!("no report matched {}", globs.join(", "));
                }
                if paths.len() > 1 {
                    tally.dedup = Some(HashSet::new());
                }
                for p in &paths {
                    let input = Input {
                        shown: cx.display_path(p),
                        file: p,
                    };
                    self.read_one(&input, false, tally, notes)?;
                }
                Ok(())
            }
            Source::Run { run, cwd, env } => {
                self.run_tool(cx, run, cwd.as_deref(), env, tally, notes)
            }
        }
    }

    fn read_one(
        &self,
        input: &Input<'_>,
        allow_empty: bool,
        tally: &mut Tally<'_>,
        notes: &mut Vec<String>,
    ) -> anyhow::Result<u64> {
        tally.input_counts = [0; 3];
        // The format (and so the tool's name) is known before the first diagnostic.
        let format = match self.format {
            Some(f) => Some(f),
            None => sniff(input)?,
        };
        if format.is_some_and(Format::repeats) && tally.dedup.is_none() {
            tally.dedup = Some(HashSet::new());
        }
        let tool = format.map_or("tool", |f| f.tool());
        let result = {
            let mut sink = |d: Diag| {
                let t = d.tool.clone();
                tally.add(t.as_deref().unwrap_or(tool), d);
            };
            read_input(input, format, allow_empty, &mut sink)?
        };
        let counts = tally.input_counts;
        let n: u64 = counts.iter().sum();
        match result {
            None => notes.push(format!("{}: empty output: no diagnostics", input.shown)),
            Some((format, headline)) => {
                if let Some(h) = &headline {
                    check_headline(h, counts, &input.shown)?;
                }
                notes.push(format!(
                    "{}: {format} ({n} diagnostics: {} errors, {} warnings, {} notes{})",
                    input.shown,
                    counts[0],
                    counts[1],
                    counts[2],
                    headline
                        .map(|h| format!("; the tool's own count agrees: {}", h.text))
                        .unwrap_or_default()
                ));
            }
        }
        Ok(n)
    }

    fn run_tool(
        &self,
        cx: &GateCx<'_>,
        run: &str,
        cwd: Option<&str>,
        env: &[(String, String)],
        tally: &mut Tally<'_>,
        notes: &mut Vec<String>,
    ) -> anyhow::Result<()> {
        let cwd = match cwd {
            Some(c) => cx.path(c),
            None => cx.config_dir.to_path_buf(),
        };
        if !cwd.is_dir() {
            anyhow::bail!("cwd {} is not a folder", cwd.display());
        }
        tally.base = cwd.clone();
        let tmp = crate::atomic::scratch("gatekeep-diagnostics-")
            .context("cannot create a file for the tool's output")?;
        // stdout goes to the file, stderr to the bounded tail (for the error message).
        let spec = process::Spec {
            run: format!("( {run}\n) > {}", sh_quote(tmp.path())),
            cwd,
            env: env.to_vec(),
            timeout: cx
                .deadline
                .map(|d| d.saturating_duration_since(std::time::Instant::now()))
                .unwrap_or(Duration::from_secs(24 * 3600)),
            count: None,
            tail_bytes: TAIL,
        };
        let o = process::run(&spec, Some(cx.cancel))?;
        let tail = last_lines(&o.tail, 10);
        let code = match o.exit {
            Exit::Code(127) => anyhow::bail!("command not found: `{run}`\n{tail}"),
            Exit::Code(126) => anyhow::bail!("command cannot be executed: `{run}`\n{tail}"),
            Exit::Code(c) => c,
            Exit::Signal(s) => anyhow::bail!("`{run}` was killed by signal {s}\n{tail}"),
            Exit::TimedOut => anyhow::bail!(
                "`{run}` timed out after {:.1} s; its process group was killed",
                o.duration.as_secs_f64()
            ),
            Exit::Cancelled => anyhow::bail!("`{run}` was cancelled; its process group was killed"),
        };
        let input = Input {
            shown: format!("stdout of `{run}`"),
            file: tmp.path(),
        };
        let printed = std::fs::metadata(tmp.path()).map_or(0, |m| m.len());
        if code != 0 && printed == 0 {
            anyhow::bail!(
                "{}:1:1: empty output, and `{run}` failed (exit code {code}): it did not \
                 produce a result to count\n{tail}",
                input.shown
            );
        }
        let n = self
            .read_one(&input, code == 0, tally, notes)
            .map_err(|e| anyhow::anyhow!("{e} (exit code {code})\n{tail}"))?;
        if code != 0 && n == 0 {
            anyhow::bail!(
                "`{run}` failed (exit code {code}) without reporting a single diagnostic: it did \
                 not produce a result to count\n{tail}"
            );
        }
        notes.push(format!(
            "`{run}` exited with code {code} in {:.1} s",
            o.duration.as_secs_f64()
        ));
        if o.killed_leftovers {
            notes.push("the command left processes running in its group; they were killed".into());
        }
        Ok(())
    }
}

/// The format of an input, detected from its first bytes; `None` when it is empty.
fn sniff(input: &Input<'_>) -> anyhow::Result<Option<Format>> {
    let f =
        std::fs::File::open(input.file).with_context(|| format!("cannot open {}", input.shown))?;
    let mut head = Vec::with_capacity(4096);
    f.take(HEAD as u64)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read {}", input.shown))?;
    Ok(detect(&head))
}

impl Gate for DiagnosticsGate {
    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let mut out = GateOutput::default();
        let baseline_path = self
            .baseline
            .as_ref()
            .map(|b| cx.confined_path(b))
            .transpose()?;
        let accepted = match &baseline_path {
            Some(p) if !cx.write_baseline => Some(baseline::read_baseline(p)?),
            _ => None,
        };
        let mut tally = Tally {
            cx,
            base: cx.config_dir.to_path_buf(),
            max_findings: self.max_findings,
            fingerprint_all: baseline_path.is_some(),
            accepted,
            all_for_baseline: (cx.write_baseline && baseline_path.is_some()).then(Vec::new),
            dedup: None,
            occurrences: HashMap::new(),
            line_cache: HashMap::new(),
            errors: 0,
            warnings: 0,
            notes: 0,
            baselined: 0,
            duplicates: 0,
            files_with_errors: HashSet::new(),
            codes: BTreeMap::new(),
            findings: Vec::new(),
            not_listed: 0,
            input_counts: [0; 3],
            changed: None,
            new_errors: 0,
        };
        if let Some(base) = cx.base {
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            let deadline = cx.deadline.map_or(deadline, |d| d.min(deadline));
            let changed = crate::changes::changed_lines(cx.root, base, deadline, cx.cancel)?;
            tally.changed = Some(if self.ignore_moved_lines {
                changed.without_moved()
            } else {
                changed
            });
        }
        let mut notes = Vec::new();
        self.read_all(cx, &mut tally, &mut notes)?;
        out.notes = notes;
        if let (Some(p), Some(all)) = (&baseline_path, &tally.all_for_baseline) {
            baseline::write_baseline(all, p)?;
            out.notes.push(format!(
                "wrote baseline {} with {} diagnostics",
                cx.display_path(p),
                all.len()
            ));
            // The run accepts the baseline it just wrote: everything is baselined.
            tally.baselined = tally.errors + tally.warnings + tally.notes;
            tally.errors = 0;
            tally.warnings = 0;
            tally.notes = 0;
            tally.new_errors = 0;
            tally.files_with_errors.clear();
            tally.codes.clear();
            tally.findings.clear();
            tally.not_listed = 0;
        }
        out.count("errors", tally.errors);
        // The row of `errors` shows the warnings beside the count.
        if let Some(m) = out.metrics.last_mut() {
            m.detail = Some(format!(
                "{} warning{}",
                tally.warnings,
                if tally.warnings == 1 { "" } else { "s" }
            ));
        }
        out.count("warnings", tally.warnings);
        out.count("notes", tally.notes);
        out.count("total", tally.errors + tally.warnings + tally.notes);
        out.count("files_with_errors", tally.files_with_errors.len() as u64);
        if tally.changed.is_some() {
            out.count("new_errors", tally.new_errors);
        }
        if let Some(p) = &baseline_path {
            out.count("baselined", tally.baselined);
            out.notes.push(format!(
                "baseline {}: {} diagnostics accepted",
                cx.display_path(p),
                tally.baselined
            ));
        }
        for (c, s) in &tally.codes {
            out.count(&format!("code.{c}"), s.count);
        }
        if let Ok(wanted) = self.wanted_codes.lock() {
            for w in wanted.iter() {
                if !tally.codes.contains_key(w) {
                    out.count(&format!("code.{w}"), 0);
                }
            }
        }
        if tally.duplicates > 0 {
            out.notes.push(format!(
                "{} diagnostics reported more than once were counted once",
                tally.duplicates
            ));
        }
        if let Some(top) = top_codes(&tally.codes, self.top_codes) {
            out.notes.push(top);
        }
        if tally.not_listed > 0 {
            out.notes.push(format!(
                "{} more diagnostics are counted but not listed as findings (`max_findings = {}`)",
                tally.not_listed, self.max_findings
            ));
        }
        out.findings = tally.findings;
        Ok(out)
    }

    fn lookup_metric(&self, doc: &KindDoc, name: &str) -> MetricLookup {
        if let Some(code) = name.strip_prefix("code.")
            && !code.is_empty()
        {
            if let Ok(mut w) = self.wanted_codes.lock() {
                w.insert(code.to_string());
            }
            return MetricLookup::Known(Unit::None);
        }
        match doc.metric(name) {
            Some(m) if !m.name.contains('<') => MetricLookup::Known(Unit::from_symbol(m.unit)),
            _ => MetricLookup::Unknown,
        }
    }
}

/// The detail note: the most frequent codes with their counts and descriptions.
fn top_codes(codes: &BTreeMap<String, CodeStat>, n: usize) -> Option<String> {
    if codes.is_empty() || n == 0 {
        return None;
    }
    let mut v: Vec<(&String, &CodeStat)> = codes.iter().collect();
    v.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
    let mut s = format!("top codes ({} distinct):", codes.len());
    for (c, st) in v.iter().take(n) {
        s.push_str(&format!("\n{c} ×{}", st.count));
        if let Some(d) = &st.description {
            let d = d.lines().next().unwrap_or("").trim();
            let d: String = if d.chars().count() > 80 {
                d.chars().take(79).chain(std::iter::once('…')).collect()
            } else {
                d.to_string()
            };
            if !d.is_empty() {
                s.push_str(&format!(" — {d}"));
            }
        }
    }
    Some(s)
}

/// Calls `f` with each line (1-based number, text without the line break; invalid UTF-8 is
/// replaced) of a line-oriented output.
pub(crate) fn for_each_line(
    input: &mut dyn BufRead,
    f: &mut dyn FnMut(u64, &str) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        buf.clear();
        let read = input
            .read_until(b'\n', &mut buf)
            .map_err(|e| ParseError::at_line(n + 1, 1, format!("read error: {e}")))?;
        if read == 0 {
            return Ok(());
        }
        n += 1;
        let text = String::from_utf8_lossy(&buf);
        f(n, text.trim_end_matches(['\n', '\r']))?;
    }
}
