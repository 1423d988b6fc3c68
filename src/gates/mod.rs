//! Gate kinds: the registry, the trait every kind implements, and the context a gate runs in.
//!
//! Adding a kind: write `src/gates/<kind>.rs` (or a folder) with a `KindDoc` and a type that
//! implements [`GateKind`], then add one line to [`KINDS`].

pub mod at_base;
pub mod checklist;
pub mod command;
pub mod coverage;
pub mod diagnostics;
pub mod docs;
pub mod junit;
pub mod manual;
pub mod perf;
pub mod reading;
pub mod security;
pub mod size;
pub mod xml;

use crate::model::{Condition, Finding, Metric, Report, Severity, Unit};
use crate::node::de::DeError;
use crate::node::value::SNode;
use crate::walk::{FileEntry, RepoIndex, Selector};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

/// Every gate kind gatekeep knows, in the order `list` shows them.
/// One finding id a gate reports (`xml/amp`, `coverage/low-file`): what it means and what to do.
/// `gatekeep explain ID` prints it. Each kind lists its ids where they are defined.
pub struct FindingDoc {
    pub id: &'static str,
    /// One line: what was found.
    pub summary: &'static str,
    /// Why it matters and how to fix it.
    pub description: &'static str,
}

/// Every kind's finding ids (security rules are explained from the rule registry instead).
pub static FINDING_DOCS: &[&[FindingDoc]] = &[
    xml::findings::FINDINGS,
    coverage::findings::FINDINGS,
    docs::FINDINGS,
    perf::FINDINGS,
    junit::FINDINGS,
    command::FINDINGS,
    size::FINDINGS,
    checklist::FINDINGS,
    security::FINDINGS,
];

/// The doc of a finding id.
pub fn finding_doc(id: &str) -> Option<&'static FindingDoc> {
    FINDING_DOCS
        .iter()
        .flat_map(|d| d.iter())
        .find(|d| d.id == id)
}

pub static KINDS: &[&dyn GateKind] = &[
    &xml::Kind,
    &coverage::Kind,
    &security::Kind,
    &docs::Kind,
    &perf::Kind,
    &junit::Kind,
    &command::Kind,
    &diagnostics::Kind,
    &size::Kind,
    &checklist::Kind,
    &manual::Kind,
];

/// Looks a kind up by name.
pub fn kind(name: &str) -> Option<&'static dyn GateKind> {
    KINDS.iter().copied().find(|k| k.doc().kind == name)
}

/// Documentation of one option of a kind.
#[derive(Debug)]
pub struct OptionDoc {
    pub name: &'static str,
    /// e.g. `list of globs`, `string`, `duration`.
    pub ty: &'static str,
    pub default: &'static str,
    pub description: &'static str,
}

/// Documentation of one metric of a kind.
#[derive(Debug)]
pub struct MetricDoc {
    pub name: &'static str,
    /// `""`, `"%"`, `"s"` or `"B"`.
    pub unit: &'static str,
    pub description: &'static str,
}

/// A kind documents itself; `explain`, `list`, `init` and the config reference read this.
#[derive(Debug)]
pub struct KindDoc {
    pub kind: &'static str,
    /// One line.
    pub summary: &'static str,
    /// What it checks and how, in Markdown paragraphs.
    pub description: &'static str,
    /// Kind-specific options (the common ones — `kind`, `level`, `thresholds`, `timeout`,
    /// `include`, `exclude` — are documented once, in the config reference).
    pub options: &'static [OptionDoc],
    pub metrics: &'static [MetricDoc],
    /// Used when a gate has no `thresholds`.
    pub default_thresholds: &'static [&'static str],
    /// Conditions on the input's integrity (files that could not be read or parsed), checked
    /// whatever `thresholds` says unless a threshold names the metric itself: a user's own
    /// `thresholds = ["high == 0"]` must not silently drop `unreadable == 0`.
    pub integrity: &'static [&'static str],
    /// Metric names come from the data (perf): thresholds are checked at run time, not load time.
    pub dynamic_metrics: bool,
    /// Whether the kind reads the shared repo walk (and so takes `include`/`exclude`).
    pub reads_tree: bool,
    /// `include` when none is configured (empty: every file).
    pub default_include: &'static [&'static str],
    /// A `gates.toml` example.
    pub example: &'static str,
}

impl KindDoc {
    pub fn metric(&self, name: &str) -> Option<&MetricDoc> {
        self.metrics.iter().find(|m| m.name == name)
    }
}

/// Documentation of a rule (security rules and the like), for `explain RULE` and SARIF.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub id: String,
    pub name: String,
    pub short: String,
    /// Markdown: description, bad and good examples, fix.
    pub help: String,
    pub severity: Severity,
    pub cwe: Option<String>,
    pub tags: Vec<String>,
}

/// What loading a gate's options needs to know.
pub struct ConfigCx<'a> {
    pub gate_id: &'a str,
    /// The folder of the config file; relative paths in options are relative to it.
    pub config_dir: &'a Path,
}

/// A gate kind.
pub trait GateKind: Send + Sync {
    fn doc(&self) -> &'static KindDoc;
    /// Validates the kind-specific options (a table holding only them) into a runnable gate.
    fn configure(&self, options: &SNode, cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError>;
    /// Documentation of one of this kind's rules, if it has rules.
    fn rule(&self, _id: &str) -> Option<RuleInfo> {
        None
    }
    /// All rule ids of this kind.
    fn rule_ids(&self) -> Vec<String> {
        Vec::new()
    }
    /// Metrics that measure the change since a base revision. A threshold naming one makes
    /// `check` find the base when `--base` is not given (CI's pull-request base, `origin/HEAD`).
    fn base_metrics(&self) -> &'static [&'static str] {
        &[]
    }
    /// The JSON Schema of the kind's own options (an object schema). Kinds return
    /// `schemars::schema_for!(TheirOptions)`, the same type `configure` deserializes; the default
    /// lists the documented option names with no type constraint.
    fn options_schema(&self) -> serde_json::Value {
        let props: serde_json::Map<String, serde_json::Value> = self
            .doc()
            .options
            .iter()
            .map(|o| {
                (
                    o.name.to_string(),
                    serde_json::json!({"description": o.description}),
                )
            })
            .collect();
        serde_json::json!({"type": "object", "properties": props, "additionalProperties": false})
    }
}

/// What a gate returns when it could run.
#[derive(Debug, Default)]
pub struct GateOutput {
    pub metrics: Vec<Metric>,
    pub findings: Vec<Finding>,
    /// Informational lines: the detected format, which headline was used, skipped inputs.
    pub notes: Vec<String>,
    /// Conditions the gate evaluated itself (e.g. coverage per-path rules), added after the
    /// configured ones.
    pub conditions: Vec<Condition>,
    /// Baseline values the gate read itself (perf `baseline = "FILE"`); they take precedence
    /// over `--baseline` for `baseline` targets.
    pub baseline: Vec<Metric>,
    /// Data carried in the JSON report: for `gatekeep merge` (coverage `merge_data`), and for
    /// `gatekeep report` (checklist sections, manual gates' `attestations`).
    pub data: Option<serde_json::Value>,
    /// Findings counted but not listed (beyond the gate's listing limit), so reports can state
    /// the true count.
    pub findings_not_listed: u64,
    /// Thresholds that replace the kind's defaults when the gate has no `thresholds` of its own,
    /// chosen from what the gate read (coverage: `statements >= 80` when every report is a Go
    /// coverprofile).
    pub default_thresholds: Option<Vec<&'static str>>,
    /// Why a metric the kind documents has no value in this run, by metric name (junit
    /// `new_failures` without `--baseline`): the note of a condition on it, instead of "no data".
    pub no_data: Vec<(String, String)>,
}

impl GateOutput {
    pub fn metric(&mut self, m: Metric) {
        self.metrics.push(m);
    }
    pub fn count(&mut self, name: &str, v: u64) {
        self.metrics.push(Metric::count(name, v));
    }
    pub fn value(&mut self, name: &str, v: f64, unit: Unit) {
        self.metrics.push(Metric::new(name, v, unit));
    }
}

pub use crate::cancel::Cancel;

/// Worker threads a gate may use inside itself; 0 = one per core (see [`threads`]).
static GATE_THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many worker threads a gate uses for its own per-file or per-chunk work: one per core,
/// unless the runner has set a budget with [`set_threads`].
pub fn threads() -> usize {
    match GATE_THREADS.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// Sets the per-gate thread budget (0 = one per core). The runner lowers it when it alone
/// keeps every core busy with many similar gates (a workspace run): threads inside each gate
/// would then only add start-up and contention.
pub fn set_threads(n: usize) {
    GATE_THREADS.store(n, Ordering::Relaxed);
}

/// The context one gate runs in.
pub struct GateCx<'a> {
    pub id: &'a str,
    /// The repository root (absolute).
    pub root: &'a Path,
    /// The folder of the config file (absolute).
    pub config_dir: &'a Path,
    /// The shared walk.
    pub repo: &'a RepoIndex,
    /// This gate's `include`/`exclude` (with the kind's default include).
    pub selector: &'a Selector,
    /// The `include` globs as written (for kinds that also look outside the walk).
    pub include: &'a [String],
    /// `--base REV`.
    pub base: Option<&'a str>,
    /// `--baseline` report.
    pub baseline: Option<&'a Report>,
    pub cancel: &'a Cancel,
    /// When the runner will give up on this gate.
    pub deadline: Option<Instant>,
    /// `check --write-baseline`: gates with a baseline file rewrite it from this run's findings.
    pub write_baseline: bool,
}

impl<'a> GateCx<'a> {
    /// The repo files this gate selected.
    pub fn files(&self) -> impl Iterator<Item = &'a FileEntry> + 'a {
        self.repo.select(self.selector)
    }

    /// Resolves a path from the config (relative to the config's folder).
    pub fn path(&self, p: &str) -> PathBuf {
        self.config_dir.join(p)
    }

    /// A path shown in reports: relative to the repo root with `/`, or as given when outside it.
    pub fn display_path(&self, p: &Path) -> String {
        match p.strip_prefix(self.root) {
            Ok(r) => crate::walk::rel_string(r),
            Err(_) => p.to_string_lossy().into_owned(),
        }
    }

    /// Expands report globs (relative to the config folder). Report files are usually
    /// git-ignored build output, so this does not use the `.gitignore`-aware walk: a literal path
    /// is checked directly, and a glob walks only below its literal leading folders.
    ///
    /// A relative pattern whose file resolves outside the repository through a symbolic link is
    /// an error (SPEC §2.1): only an absolute pattern may leave it.
    pub fn find_reports(&self, patterns: &[String]) -> anyhow::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for pat in patterns {
            let found = crate::reports_glob::expand(self.config_dir, std::slice::from_ref(pat))?;
            // The walk below the literal part follows no link: checking that part (the file
            // itself, for a pattern without a glob) checks every file found, with one lookup.
            if let Some(p) = found.first() {
                let lit = self.path(&crate::reports_glob::literal_part(pat).to_string_lossy());
                crate::paths::confine(self.root, &lit, pat)
                    .map_err(|e| anyhow::anyhow!("report {}: {e}", self.display_path(p)))?;
            }
            out.extend(found);
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// A path from the gate's options (relative to the config folder), refused when a symbolic
    /// link takes it outside the repository (an absolute path is the user's own choice).
    pub fn confined_path(&self, p: &str) -> anyhow::Result<PathBuf> {
        crate::paths::confine(self.root, &self.path(p), p).map_err(anyhow::Error::msg)
    }
}

/// A configured gate, ready to run. `run` is called on a blocking thread.
pub trait Gate: Send + Sync {
    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput>;
    /// Whether the gate reads the content of this selected file (so the shared cache knows how
    /// many readers to expect; see `RepoIndex::expect_reader`). Only asked of tree-reading kinds.
    fn reads(&self, _entry: &FileEntry) -> bool {
        true
    }
    /// A `manual` gate's question, roles and binding (for `gatekeep attest`).
    fn manual(&self) -> Option<&crate::attest::Manual> {
        None
    }
    /// What the config loader knows of a metric a threshold names. The default reads the kind's
    /// documented metrics (or says `Dynamic` for kinds whose metric names come from the data).
    fn lookup_metric(&self, doc: &KindDoc, name: &str) -> MetricLookup {
        if doc.dynamic_metrics {
            return MetricLookup::Dynamic;
        }
        match doc.metric(name) {
            Some(m) => MetricLookup::Known(Unit::from_symbol(m.unit)),
            None => MetricLookup::Unknown,
        }
    }
}

/// See [`Gate::lookup_metric`].
#[derive(Debug, Clone, PartialEq)]
pub enum MetricLookup {
    Known(Unit),
    Unknown,
    /// Only known at run time; a missing one is then an ERROR.
    Dynamic,
}

/// Deserializes a kind's typed options from its table.
pub fn options<T: serde::de::DeserializeOwned>(node: &SNode) -> Result<T, DeError> {
    crate::node::de::from_node::<T>(node)
}

/// Runs one gate of `kind` with options written as a TOML table body, against the repo at
/// `root`, as `check` would (minus thresholds). For tests of gate kinds.
#[doc(hidden)]
pub fn run_for_test(
    kind_name: &str,
    options_toml: &str,
    root: &Path,
) -> anyhow::Result<GateOutput> {
    run_for_test_with(kind_name, options_toml, root, |_| {})
}

/// [`run_for_test`], with `damage` run on the repo after the walk and before the gate (a file
/// deleted or replaced in between, as a concurrent build would).
#[doc(hidden)]
pub fn run_for_test_with(
    kind_name: &str,
    options_toml: &str,
    root: &Path,
    damage: impl FnOnce(&Path),
) -> anyhow::Result<GateOutput> {
    let kind = kind(kind_name).ok_or_else(|| anyhow::anyhow!("no kind {kind_name}"))?;
    let mut node = crate::node::value::parse_toml(options_toml)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.pos, e.message))?;
    // `include`/`exclude` are common keys handled by the config loader: take them out here.
    let mut include: Vec<String> = Vec::new();
    let mut exclude: Vec<String> = Vec::new();
    if let crate::node::value::Node::Map(entries) = &mut node.node {
        for (key, list) in [("include", &mut include), ("exclude", &mut exclude)] {
            if let Some(i) = entries.iter().position(|(k, _)| k.name == key) {
                let (_, v) = entries.remove(i);
                *list = crate::node::de::from_node(&v).map_err(|e| anyhow::anyhow!("{e}"))?;
            }
        }
    }
    let root = root.canonicalize()?;
    let gate = kind
        .configure(
            &node,
            &ConfigCx {
                gate_id: kind_name,
                config_dir: &root,
            },
        )
        .map_err(|e| anyhow::anyhow!("{:?}: {}", e.pos, e))?;
    let repo = RepoIndex::scan(&root, &globset::GlobSet::empty(), 2)?;
    damage(&root);
    if include.is_empty() {
        include = kind
            .doc()
            .default_include
            .iter()
            .map(|s| s.to_string())
            .collect();
    }
    let selector = Selector::new(&include, &exclude)?;
    // As `check` does: tell the shared cache this gate is each file's only reader, so a file's
    // bytes are dropped once read (without it every file stayed cached, and a benchmark's
    // memory grew with the tree).
    if kind.doc().reads_tree {
        repo.expect_reader(&selector, |f| gate.reads(f));
    }
    let cancel = Cancel::default();
    let cx = GateCx {
        id: kind_name,
        root: &root,
        config_dir: &root,
        repo: &repo,
        selector: &selector,
        include: &include,
        base: None,
        baseline: None,
        cancel: &cancel,
        deadline: None,
        write_baseline: false,
    };
    gate.run(&cx)
}
