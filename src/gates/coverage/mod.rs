//! The `coverage` gate: line and branch coverage from coverage reports, merged into one model.
//!
//! Every report is read by a streaming parser (one file per format, behind [`Parser`]) into a
//! [`ReportData`] keyed by the report's own paths. Those paths are then mapped onto repository
//! files (`paths.rs`) and merged into one [`Model`] keyed by (repo file, line) and
//! (repo file, line, branch): hit counts add (Go `set` mode: OR). Figures are computed from the
//! records, never from a producer's headline; a headline that disagrees is reported.

mod batched;
mod clover;
mod cobertura;
mod coveragepy_json;
mod coveralls;
mod detect;
mod doc;
mod figures;
pub mod findings;
pub use figures::{
    Counts, ELEMENT_METRICS, Element, Elements, FILE_LEVEL, FileCounts, Span, Stmts,
};
use figures::{headline_mismatch, no_data_what, pct, push_metrics, ranges};

pub use detect::{Detected, detect, detect_json_shape};
use detect::{is_json_object, json_shape, skip_bom};

pub use super::reading::{ErrPos, MAX_LINE, ParseError, line_no, parse_hits};
pub(crate) use super::reading::{offset_to_line_col, xml as xmlread};
use slots::Slots;
mod gcovr_json;
mod gocover;
mod istanbul;
mod jacoco;
mod lcov;
mod llvm_cov;
mod opencover;
mod paths;
mod simplecov;
mod slots;
mod sonar_generic;
pub(crate) use super::{
    ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, OptionDoc,
};
use crate::model::{Condition, Finding, Metric, Severity, Status, Unit};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use crate::threshold::Threshold;
use anyhow::Context;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

type ReadResult = anyhow::Result<(Format, ReportData)>;

pub struct Kind;

pub use doc::DOC;

/// The default thresholds when every report is a Go coverprofile (users read `go tool cover`'s
/// statement figure); otherwise [`DOC`]'s.
pub const GO_DEFAULT_THRESHOLDS: &[&str] = &["statements >= 80"];

/// Reports a Go import path mapped onto a repository file another import path already mapped
/// onto (a module path that maps two import paths to one file): the blocks of both are merged
/// into that file, so the figures may count one run's file twice or two versions as one.
fn go_collision(
    seen: &mut HashMap<String, String>,
    rel: &str,
    import: &str,
    shown: &str,
    findings: &mut Vec<Finding>,
) {
    match seen.get(rel) {
        None => {
            seen.insert(rel.to_string(), import.to_string());
        }
        Some(first) if first == import => {}
        Some(first) => findings.push(
            Finding::new(
                "coverage/path-collision",
                Severity::Medium,
                format!(
                    "two Go import paths map onto the repository file {rel}: `{first}` and `{import}`; their blocks are merged into it — check `go.mod`'s module path and `path_map`"
                ),
            )
            .at(shown.to_string(), None, None),
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Formats and parsers

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Lcov,
    Cobertura,
    Jacoco,
    Clover,
    CoveragepyJson,
    Gocover,
    LlvmCov,
    Istanbul,
    OpenCover,
    SimpleCov,
    GcovrJson,
    Coveralls,
    SonarGeneric,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Lcov,
        Format::Cobertura,
        Format::Jacoco,
        Format::Clover,
        Format::CoveragepyJson,
        Format::Gocover,
        Format::LlvmCov,
        Format::Istanbul,
        Format::OpenCover,
        Format::SimpleCov,
        Format::GcovrJson,
        Format::Coveralls,
        Format::SonarGeneric,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Lcov => "lcov",
            Format::Cobertura => "cobertura",
            Format::Jacoco => "jacoco",
            Format::Clover => "clover",
            Format::CoveragepyJson => "coveragepy-json",
            Format::Gocover => "gocover",
            Format::LlvmCov => "llvm-cov",
            Format::Istanbul => "istanbul",
            Format::OpenCover => "opencover",
            Format::SimpleCov => "simplecov",
            Format::GcovrJson => "gcovr-json",
            Format::Coveralls => "coveralls",
            Format::SonarGeneric => "sonar-generic",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == s)
    }

    fn parser(self) -> &'static dyn Parser {
        match self {
            Format::Lcov => &lcov::Lcov,
            Format::Cobertura => &cobertura::Cobertura,
            Format::Jacoco => &jacoco::Jacoco,
            Format::Clover => &clover::Clover,
            Format::CoveragepyJson => &coveragepy_json::CoveragepyJson,
            Format::Gocover => &gocover::GoCover,
            Format::LlvmCov => &llvm_cov::LlvmCov,
            Format::Istanbul => &istanbul::Istanbul,
            Format::OpenCover => &opencover::OpenCover,
            Format::SimpleCov => &simplecov::SimpleCov,
            Format::GcovrJson => &gcovr_json::GcovrJson,
            Format::Coveralls => &coveralls::Coveralls,
            Format::SonarGeneric => &sonar_generic::SonarGeneric,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One report format.
pub(crate) trait Parser: Sync {
    fn format(&self) -> Format;
    /// Reads one report into `out`.
    fn parse(&self, input: &mut dyn BufRead, out: &mut ReportData) -> Result<(), ParseError>;
}

// ---------------------------------------------------------------------------------------------
// The model

/// Coverage of one file: hits per line and per branch.
#[derive(Clone, Debug, Default)]
pub struct FileCov {
    /// Index: line number. 0 = not a coverable line, otherwise hits + 1 (saturating).
    lines: Vec<u32>,
    /// Branches, sorted by (line, id) and without duplicates once `normalize`d.
    branches: Vec<Br>,
    /// Whether `branches` may be out of order or hold duplicates, and how duplicates combine.
    pending: Option<Combine>,
    /// What only some formats give (statements, element counters, counted-only lines), boxed
    /// so that a file of a plain line report stays small (a 200 MB LCOV holds 57,000 files).
    extra: Option<Box<Extra>>,
}

/// A file's records beyond lines and branches.
#[derive(Clone, Debug, Default)]
pub struct Extra {
    /// Statement blocks, when the format has them (Go coverprofiles, Istanbul statements).
    stmts: Stmts,
    /// Element counters (JaCoCo instructions, methods, complexity; Istanbul functions).
    elements: Elements,
    /// Lines and branches known only as counts, not line by line (coverage.py JSON file
    /// summaries where the lists are not exact): added to `counts`, combined by maximum.
    counted: Counts,
}

/// One branch: its line, an id unique within the line, and its hits (saturating).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Br {
    line: u32,
    hits: u32,
    id: u64,
}

/// How a repeated line or branch combines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Combine {
    Add,
    Max,
    Or,
}

pub(crate) fn combine(mode: Combine, a: u64, b: u64) -> u64 {
    match mode {
        Combine::Add => a.saturating_add(b),
        Combine::Max => a.max(b),
        Combine::Or => u64::from(a > 0 || b > 0),
    }
}

/// Marks the ids of branches known only by count (Cobertura, JaCoCo), so that they never share
/// ids with the identified branches of other formats.
const ANONYMOUS: u64 = 1 << 61;

/// The most branches recorded for one line from counts alone.
const MAX_COUNTED_BRANCHES: u64 = 4096;

fn covered(bs: &[Br]) -> usize {
    bs.iter().filter(|b| b.hits > 0).count()
}

fn sat32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The branches of one line at the start of `bs`, and the rest.
fn split_line(bs: &[Br]) -> (&[Br], &[Br]) {
    let line = bs.first().map_or(0, |b| b.line);
    let n = bs.iter().take_while(|b| b.line == line).count();
    bs.split_at(n)
}

/// Merges two id-sorted branch lists of one line by id.
fn merge_ids(a: &[Br], b: &[Br], mode: Combine, out: &mut Vec<Br>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.id == y.id => {
                out.push(Br {
                    hits: sat32(combine(mode, u64::from(x.hits), u64::from(y.hits))),
                    ..*x
                });
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.id < y.id => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
}

impl FileCov {
    /// A file whose lines are given as slots, as the formats with one array element per
    /// source line have them: `slots[i]` is line i, 0 = not a coverable line, otherwise
    /// hits + 1 (saturating). There is no line 0: its slot is cleared.
    pub fn from_line_slots(mut slots: Vec<u32>) -> FileCov {
        if let Some(s) = slots.first_mut() {
            *s = 0;
        }
        FileCov {
            lines: slots,
            ..FileCov::default()
        }
    }

    /// Makes room for lines up to `last` (they stay not coverable until recorded), so that
    /// recording them does not grow the slots one reallocation at a time.
    pub fn reserve_lines(&mut self, last: u32) {
        let want = last as usize + 1;
        if self.lines.len() < want {
            self.lines.resize(want, 0);
        }
    }

    /// Records `hits` for `line`.
    pub fn line(&mut self, line: u32, hits: u64, mode: Combine) {
        let i = line as usize;
        if i >= self.lines.len() {
            self.lines.resize(i + 1, 0);
        }
        if let Some(slot) = self.lines.get_mut(i) {
            let new = match *slot {
                0 => hits,
                old => combine(mode, u64::from(old - 1), hits),
            };
            *slot = sat32(new.saturating_add(1)).max(1);
        }
    }

    /// Records `hits` for branch `id` on `line`.
    pub fn branch(&mut self, line: u32, id: u64, hits: u64, mode: Combine) {
        let hits = sat32(hits);
        if let Some(last) = self.branches.last_mut() {
            if (last.line, last.id) == (line, id) {
                last.hits = sat32(combine(mode, u64::from(last.hits), u64::from(hits)));
                return;
            }
            if (last.line, last.id) > (line, id) {
                self.pending = Some(mode);
            }
        }
        self.branches.push(Br { line, hits, id });
    }

    /// Records `covered` of `total` branches on `line` when only counts are known (Cobertura,
    /// JaCoCo): branches 0..total, the first `covered` taken once.
    pub fn branch_counts(&mut self, line: u32, covered: u64, total: u64, mode: Combine) {
        let total = total.min(MAX_COUNTED_BRANCHES);
        for i in 0..total {
            self.branch(line, i | ANONYMOUS, u64::from(i < covered), mode);
        }
    }

    /// Records lines and branches known only as counts, without their lines (`diff_line` and
    /// merged LCOV data do not see them); counts already recorded combine by maximum.
    pub fn counted(&mut self, c: Counts) {
        self.extra_mut().counted.max(&c);
    }

    /// The extra records, created on first use.
    fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// Sorts the branches and combines duplicates.
    pub fn normalize(&mut self) {
        let Some(mode) = self.pending.take() else {
            return;
        };
        self.branches.sort_by_key(|b| (b.line, b.id));
        let mut out: Vec<Br> = Vec::with_capacity(self.branches.len());
        for b in self.branches.drain(..) {
            match out.last_mut() {
                Some(l) if (l.line, l.id) == (b.line, b.id) => {
                    l.hits = sat32(combine(mode, u64::from(l.hits), u64::from(b.hits)));
                }
                _ => out.push(b),
            }
        }
        self.branches = out;
    }

    /// Adds another file's records. Branches of a line merge by id when the two share ids
    /// (LCOV shards: as `lcov -a`); when they share none — the same line described by two
    /// formats, e.g. Cobertura's counts and LCOV's block ids — the line keeps the larger set and
    /// the higher covered count, so two formats of one run do not double the branches.
    pub fn merge(&mut self, o: FileCov, mode: Combine) {
        self.merge_inner(o, mode, false);
    }

    /// Adds another file's records from the same format: branches merge by id (union).
    pub fn merge_by_id(&mut self, o: FileCov, mode: Combine) {
        self.merge_inner(o, mode, true);
    }

    fn merge_inner(&mut self, mut o: FileCov, mode: Combine, by_id: bool) {
        if let Some(x) = o.extra.take() {
            let Extra {
                stmts,
                elements,
                counted,
            } = *x;
            if !stmts.is_empty() {
                self.merge_stmts(stmts, mode);
            }
            if !elements.is_empty() {
                self.merge_elements(elements);
            }
            self.extra_mut().counted.max(&counted);
        }
        if self.lines.len() < o.lines.len() {
            self.lines.resize(o.lines.len(), 0);
        }
        for (slot, &v) in self.lines.iter_mut().zip(o.lines.iter()) {
            if v != 0 {
                *slot = match *slot {
                    0 => v,
                    old => {
                        sat32(combine(mode, u64::from(old - 1), u64::from(v - 1)).saturating_add(1))
                            .max(1)
                    }
                };
            }
        }
        if o.branches.is_empty() {
            return;
        }
        self.normalize();
        o.normalize();
        if self.branches.is_empty() {
            self.branches = o.branches;
            return;
        }
        let mut out = Vec::with_capacity(self.branches.len().max(o.branches.len()));
        let (mut a, mut b) = (self.branches.as_slice(), o.branches.as_slice());
        while !a.is_empty() || !b.is_empty() {
            let la = a.first().map(|x| x.line);
            let lb = b.first().map(|x| x.line);
            match (la, lb) {
                (Some(x), Some(y)) if x == y => {
                    let (ea, ra) = split_line(a);
                    let (eb, rb) = split_line(b);
                    a = ra;
                    b = rb;
                    let shared = ea
                        .iter()
                        .any(|p| eb.binary_search_by_key(&p.id, |q| q.id).is_ok());
                    if by_id || shared {
                        merge_ids(ea, eb, mode, &mut out);
                    } else {
                        let target = covered(ea).max(covered(eb));
                        let start = out.len();
                        out.extend_from_slice(if eb.len() > ea.len() { eb } else { ea });
                        let mut have = covered(&out[start..]);
                        for br in out[start..].iter_mut() {
                            if have >= target {
                                break;
                            }
                            if br.hits == 0 {
                                br.hits = 1;
                                have += 1;
                            }
                        }
                    }
                }
                (Some(x), Some(y)) if x < y => {
                    let (ea, ra) = split_line(a);
                    out.extend_from_slice(ea);
                    a = ra;
                }
                (Some(_), None) => {
                    out.extend_from_slice(a);
                    a = &[];
                }
                (_, Some(_)) => {
                    let (eb, rb) = split_line(b);
                    out.extend_from_slice(eb);
                    b = rb;
                }
                (None, None) => break,
            }
        }
        self.branches = out;
    }

    /// Covered and total counts (of a normalized file).
    pub fn counts(&self) -> Counts {
        // Two counting passes the compiler vectorizes (one pass with branches does not).
        let mut c = Counts {
            lines_total: self.lines.iter().filter(|&&v| v != 0).count() as u64,
            lines_covered: self.lines.iter().filter(|&&v| v > 1).count() as u64,
            ..Counts::default()
        };
        c.branches_total = self.branches.len() as u64;
        c.branches_covered = covered(&self.branches) as u64;
        (c.statements_covered, c.statements_total) = self.stmt_counts();
        c.elements = self.element_counts();
        if let Some(x) = &self.extra {
            c.add(&x.counted);
        }
        c
    }

    /// This file's records as LCOV (`DA`, `BRDA`), to carry line data in a JSON report.
    pub fn write_lcov(&self, path: &str, out: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(out, "SF:{path}");
        for (i, &v) in self.lines.iter().enumerate() {
            if v != 0 {
                let _ = writeln!(out, "DA:{i},{}", v - 1);
            }
        }
        for b in &self.branches {
            let _ = writeln!(out, "BRDA:{},0,{},{}", b.line, b.id, b.hits);
        }
        out.push_str("end_of_record\n");
    }

    /// Hits of a line, `None` when it is not coverable.
    pub fn hits(&self, line: u32) -> Option<u64> {
        match self.lines.get(line as usize) {
            Some(0) | None => None,
            Some(v) => Some(u64::from(v - 1)),
        }
    }
}

/// A producer's own summary, to compare with the records.
#[derive(Clone, Debug, Default)]
pub struct Headline {
    /// Where it was read (e.g. `<coverage> line-rate`, `LF/LH of 3 sections`).
    pub what: String,
    /// Exact (covered, total) when the producer gives counts.
    pub lines: Option<(u64, u64)>,
    pub branches: Option<(u64, u64)>,
    /// A rate in 0..1 and its number of decimals, when it gives only a rate.
    pub line_rate: Option<(f64, usize)>,
}

/// One report as read, keyed by its own paths.
#[derive(Debug, Default)]
pub struct ReportData {
    pub files: HashMap<String, FileCov>,
    /// Roots the report's paths are relative to (Cobertura `<sources>`).
    pub roots: Vec<String>,
    /// The producer's overall claim.
    pub headline: Option<Headline>,
    /// Disagreements found inside the report (e.g. LCOV sections whose LF/LH differ from DA).
    pub mismatches: Vec<String>,
    pub notes: Vec<String>,
    /// How the same file from another report combines (Go `set`: OR).
    pub merge: Option<Combine>,
}

impl ReportData {
    /// The coverage of `path`, created when new.
    pub fn file(&mut self, path: &str) -> &mut FileCov {
        self.files.entry(path.to_string()).or_default()
    }

    /// Adds a finished file's records.
    pub fn merge_file(&mut self, path: String, cov: FileCov, mode: Combine) {
        match self.files.get_mut(&path) {
            Some(f) => f.merge_by_id(cov, mode),
            None => {
                self.files.insert(path, cov);
            }
        }
    }

    /// Normalizes every file; called once a parser is done.
    pub fn finish(&mut self) {
        for f in self.files.values_mut() {
            f.normalize();
        }
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in self.files.values() {
            c.add(&f.counts());
        }
        c
    }
}

/// A stable 64-bit hash of a branch id given as text.
pub fn text_id(s: &str) -> u64 {
    text_id_parts(&[s.as_bytes()])
}

/// [`text_id`] of the concatenation of `parts`, without building it.
pub fn text_id_parts(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h | (1 << 63)
}

/// `n` in decimal digits (with a `-` when negative), written at the end of `buf`.
pub fn decimal(n: i128, buf: &mut [u8; 40]) -> &[u8] {
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// The merged model: repo file (or report path, when unmapped) → coverage.
#[derive(Debug, Default)]
pub struct Model {
    pub files: BTreeMap<String, FileCov>,
}

impl Model {
    pub fn add(&mut self, path: String, mut f: FileCov, mode: Combine) {
        match self.files.get_mut(&path) {
            Some(e) => e.merge(f, mode),
            None => {
                f.normalize();
                self.files.insert(path, f);
            }
        }
    }

    pub fn counts<'a>(
        &'a self,
        mut keep: impl FnMut(&str) -> bool + 'a,
    ) -> (Counts, Vec<(&'a str, FileCounts)>) {
        let mut total = Counts::default();
        let mut per = Vec::new();
        for (p, f) in &self.files {
            if !keep(p) {
                continue;
            }
            let c = f.counts();
            total.add(&c);
            per.push((p.as_str(), FileCounts::from(&c)));
        }
        (total, per)
    }
}

// ---------------------------------------------------------------------------------------------
// Options

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    /// Report files (globs, relative to the config's folder); several are merged.
    #[serde(default)]
    reports: Option<Vec<Spanned<String>>>,
    /// Force a format instead of detecting it from the content.
    #[serde(default)]
    format: Option<Spanned<String>>,
    /// Report path prefix → repo path prefix.
    #[serde(default)]
    path_map: Option<BTreeMap<String, String>>,
    /// Per-path rules: files matching `glob` must meet their own `thresholds`.
    #[serde(default)]
    paths: Vec<PathRuleOpt>,
    /// How many of the worst files to list as findings.
    #[serde(default)]
    worst_files: Option<Spanned<i64>>,
    /// Bound on the `git diff` behind `diff_line`.
    #[serde(default)]
    git_timeout: Option<Spanned<String>>,
    /// Lines that only moved (git's `--color-moved` rule, indentation ignored) are not new.
    #[serde(default)]
    ignore_moved_lines: bool,
    /// Carry the merged line data (as LCOV) in the JSON report, so that `gatekeep merge` can
    /// recompute coverage across the parts of a CI matrix.
    #[serde(default)]
    merge_data: bool,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PathRuleOpt {
    glob: Spanned<String>,
    thresholds: Vec<Spanned<String>>,
}

struct PathRule {
    glob: String,
    matcher: globset::GlobMatcher,
    thresholds: Vec<Threshold>,
}

/// A configured coverage gate.
pub struct CoverageGate {
    reports: Vec<String>,
    format: Option<Format>,
    path_map: Vec<(String, String)>,
    rules: Vec<PathRule>,
    worst_files: usize,
    git_timeout: std::time::Duration,
    ignore_moved_lines: bool,
    merge_data: bool,
}

fn configure(node: &SNode) -> Result<CoverageGate, DeError> {
    let o: Options = super::options(node)?;
    let reports = match o.reports {
        Some(r) => {
            let mut out = Vec::new();
            for p in &r {
                crate::paths::check_path(p)?;
                if p.value.trim().is_empty() {
                    return Err(DeError::at(p.pos, "an empty report glob"));
                }
                crate::walk::glob(&p.value)
                    .map_err(|e| DeError::at(p.pos, format!("invalid glob `{}`: {e}", p.value)))?;
                out.push(p.value.clone());
            }
            if out.is_empty() {
                return Err(DeError::at(
                    node.pos,
                    "`reports` is empty: name at least one coverage report",
                ));
            }
            out
        }
        None => vec![
            "coverage.xml".into(),
            "lcov.info".into(),
            "coverage/lcov.info".into(),
        ],
    };
    let format = match &o.format {
        None => None,
        Some(f) => Some(Format::parse(&f.value).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            let mut e = DeError::at(
                f.pos,
                format!(
                    "unknown format `{}`, expected one of {}",
                    f.value,
                    names.join(", ")
                ),
            );
            e.suggestion =
                crate::suggest::did_you_mean(&f.value, names.iter().copied()).map(str::to_string);
            e
        })?),
    };
    let mut path_map: Vec<(String, String)> = o.path_map.unwrap_or_default().into_iter().collect();
    path_map.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    let mut rules = Vec::new();
    for r in o.paths {
        let matcher = crate::walk::glob(&r.glob.value)
            .map_err(|e| DeError::at(r.glob.pos, format!("invalid glob `{}`: {e}", r.glob.value)))?
            .compile_matcher();
        if r.thresholds.is_empty() {
            return Err(DeError::at(
                r.glob.pos,
                format!("the rule for `{}` has no thresholds", r.glob.value),
            ));
        }
        let mut ts = Vec::new();
        for t in &r.thresholds {
            let th = Threshold::parse(&t.value)
                .map_err(|e| DeError::at(t.pos, format!("invalid threshold `{}`: {e}", t.value)))?;
            let Some(m) = DOC.metric(&th.metric) else {
                let names: Vec<&str> = DOC.metrics.iter().map(|m| m.name).collect();
                let mut e = DeError::at(
                    t.pos,
                    format!(
                        "unknown metric `{}` in a `paths` rule, expected one of {}",
                        th.metric,
                        names.join(", ")
                    ),
                );
                e.suggestion = crate::suggest::did_you_mean(&th.metric, names.iter().copied())
                    .map(str::to_string);
                return Err(e);
            };
            if ["diff_line", "new_line", "new_branch", "new_lines_total"].contains(&m.name) {
                return Err(DeError::at(
                    t.pos,
                    format!("`{}` is not available in `paths` rules", m.name),
                ));
            }
            th.check_unit(&Unit::from_symbol(m.unit))
                .map_err(|e| DeError::at(t.pos, e))?;
            if th.needs_baseline() {
                return Err(DeError::at(
                    t.pos,
                    "`baseline` targets are not supported in `paths` rules",
                ));
            }
            ts.push(th);
        }
        rules.push(PathRule {
            glob: r.glob.value.clone(),
            matcher,
            thresholds: ts,
        });
    }
    let worst_files = match o.worst_files {
        None => 5,
        Some(w) if w.value >= 0 => w.value as usize,
        Some(w) => return Err(DeError::at(w.pos, "`worst_files` must not be negative")),
    };
    let git_timeout = match o.git_timeout {
        None => std::time::Duration::from_secs(30),
        Some(t) => crate::threshold::parse_duration(&t.value).map_err(|e| DeError::at(t.pos, e))?,
    };
    Ok(CoverageGate {
        reports,
        format,
        path_map,
        rules,
        worst_files,
        git_timeout,
        ignore_moved_lines: o.ignore_moved_lines,
        merge_data: o.merge_data,
    })
}

impl GateKind for Kind {
    fn base_metrics(&self) -> &'static [&'static str] {
        &["diff_line", "new_line", "new_branch", "new_lines_total"]
    }
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn options_schema(&self) -> serde_json::Value {
        schemars::schema_for!(Options).to_value()
    }
    fn configure(&self, options: &SNode, _cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        Ok(Arc::new(configure(options)?))
    }
}

// ---------------------------------------------------------------------------------------------
// Reading reports

/// Bytes read to detect a format.
const HEAD: usize = 64 * 1024;

/// Reads one report file: detects (or forces) its format and parses it.
pub fn read_report(
    path: &Path,
    shown: &str,
    forced: Option<Format>,
) -> anyhow::Result<(Format, ReportData)> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open coverage report {shown}"))?;
    let mut input = BufReader::with_capacity(256 * 1024, file);
    let format = match forced {
        Some(f) => f,
        None => {
            let mut head = Vec::with_capacity(4096);
            (&mut input)
                .take(HEAD as u64)
                .read_to_end(&mut head)
                .with_context(|| format!("cannot read coverage report {shown}"))?;
            if head.iter().all(|b| b.is_ascii_whitespace()) {
                anyhow::bail!("{shown}:1:1: the coverage report is empty");
            }
            let mut detected = detect(&head);
            if detected == Detected::Unknown && is_json_object(&head) {
                // The first bytes did not say (a large or unexpected leading key): look at the
                // document's structure, its top-level keys, streamed.
                let file = std::fs::File::open(path)
                    .with_context(|| format!("cannot open coverage report {shown}"))?;
                let mut r = BufReader::new(file);
                skip_bom(&mut r);
                if let Some(shape) = json_shape(r) {
                    detected = detect_json_shape(&shape);
                }
            }
            let f = match detected {
                Detected::Supported(f) => f,
                Detected::Unsupported(d) => {
                    anyhow::bail!("{shown}:1:1: {d} is not a supported coverage format")
                }
                Detected::Unknown => anyhow::bail!(
                    "{shown}:1:1: not a coverage report gatekeep recognizes (LCOV, Cobertura, JaCoCo, Clover, coverage.py JSON, Go coverprofile, llvm-cov JSON, Istanbul JSON, OpenCover, SimpleCov .resultset.json, gcovr JSON, Coveralls JSON, SonarQube generic XML); set `format` to force one"
                ),
            };
            // Start again from the beginning.
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot open coverage report {shown}"))?;
            input = BufReader::with_capacity(256 * 1024, file);
            f
        }
    };
    let xml = matches!(
        format,
        Format::Cobertura
            | Format::Jacoco
            | Format::Clover
            | Format::OpenCover
            | Format::SonarGeneric
    );
    // A UTF-8 byte-order mark is read past (JSON and LCOV from Windows tools; the XML reader
    // handles its own, keeping byte offsets right).
    if !xml {
        let head = input
            .fill_buf()
            .with_context(|| format!("cannot read coverage report {shown}"))?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            input.consume(3);
        }
    }
    let mut data = ReportData::default();
    let parser = format.parser();
    // An XML report must be well-formed by the `xml` gate's strict rules: quick-xml alone reads
    // past a damaged tag (`<li ne …/>`). The check streams the file on a second thread while the
    // reader parses it.
    let (parsed, wf) = std::thread::scope(|s| {
        let check = xml.then(|| s.spawn(|| crate::gates::xml::first_error(path)));
        let parsed = parser.parse(&mut input, &mut data);
        (parsed, check.map(|h| h.join()))
    });
    match wf {
        None => {}
        Some(Err(_)) => anyhow::bail!("{shown}: the XML check of the report panicked"),
        Some(Ok(r)) => {
            if let Some(i) = r.with_context(|| format!("cannot read coverage report {shown}"))? {
                anyhow::bail!(
                    "{shown}:{}:{}: invalid {} report: not well-formed XML: {}",
                    i.line,
                    i.col,
                    parser.format(),
                    i.message
                );
            }
        }
    }
    if let Err(e) = parsed {
        let (line, col) = match e.pos {
            ErrPos::LineCol(l, c) => (l, c),
            ErrPos::Offset(o) => offset_to_line_col(path, o),
        };
        anyhow::bail!(
            "{shown}:{line}:{col}: invalid {} report: {}",
            parser.format(),
            e.message
        );
    }
    data.finish();
    Ok((format, data))
}

/// The metrics a coverage gate reports, recomputed from LCOV texts merged as `lcov -a` does
/// (hits add up): how `gatekeep merge` combines the parts of a CI matrix that carry line data
/// (`merge_data = true`).
pub fn metrics_from_lcov(texts: &[&str]) -> anyhow::Result<Vec<Metric>> {
    let mut model = Model::default();
    for (i, t) in texts.iter().enumerate() {
        let mut data = ReportData::default();
        let mut input = std::io::Cursor::new(t.as_bytes());
        Format::Lcov
            .parser()
            .parse(&mut input, &mut data)
            .map_err(|e| anyhow::anyhow!("line data of part {}: {}", i + 1, e.message))?;
        data.finish();
        let mut files: Vec<(String, FileCov)> = data.files.drain().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, f) in files {
            model.add(k, f, Combine::Add);
        }
    }
    let (total, per) = model.counts(|_| true);
    let mut ms = Vec::new();
    push_metrics(&mut ms, &total, &per);
    Ok(ms)
}

// ---------------------------------------------------------------------------------------------
// Running

impl Gate for CoverageGate {
    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let mut out = GateOutput::default();
        let found = cx.find_reports(&self.reports)?;
        let mut seen = HashSet::new();
        let found: Vec<PathBuf> = found
            .into_iter()
            .filter(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())))
            .collect();
        if found.is_empty() {
            anyhow::bail!(
                "no coverage report found: none of {} exists (relative to {})",
                self.reports
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                match cx.display_path(cx.config_dir) {
                    d if d.is_empty() => ".".to_string(),
                    d => d,
                }
            );
        }
        let mut mapper = paths::PathMapper::new(cx, &self.path_map);
        let mut model = Model::default();
        let mut unmapped_total = 0usize;
        // Every report is a Go coverprofile: the default threshold is on `statements`.
        let mut all_go = true;
        // Go: repository file → the first import path mapped onto it.
        let mut go_seen: HashMap<String, String> = HashMap::new();
        // Reports are read by up to 4 threads; they are merged here, in order, as they arrive.
        let shown_all: Vec<String> = found.iter().map(|p| cx.display_path(p)).collect();
        let forced = self.format;
        let workers = crate::gates::threads().clamp(1, 4).min(found.len());
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, ReadResult)>(workers);
            for _ in 0..workers {
                let tx = tx.clone();
                let (next, stop, found, shown_all) = (&next, &stop, &found, &shown_all);
                let cancel = cx.cancel.clone();
                scope.spawn(move || {
                    loop {
                        if stop.load(Ordering::Relaxed) || cancel.is_cancelled() {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let (Some(p), Some(shown)) = (found.get(i), shown_all.get(i)) else {
                            break;
                        };
                        if tx.send((i, read_report(p, shown, forced))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let mut pending: BTreeMap<usize, ReadResult> = BTreeMap::new();
            let mut want = 0usize;
            while want < found.len() {
                if cx.cancel.is_cancelled() {
                    stop.store(true, Ordering::Relaxed);
                    anyhow::bail!("cancelled");
                }
                let Some(r) = pending.remove(&want) else {
                    match rx.recv() {
                        Ok((i, r)) => {
                            pending.insert(i, r);
                            continue;
                        }
                        Err(_) => anyhow::bail!("cancelled"),
                    }
                };
                let shown = shown_all.get(want).cloned().unwrap_or_default();
                want += 1;
                let (format, mut data) = match r {
                    Ok(x) => x,
                    Err(e) => {
                        stop.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                };
                let c = data.counts();
                out.notes.push(format!(
                    "{shown}: {format}, {} files, lines {}/{}, branches {}/{}{}",
                    data.files.len(),
                    c.lines_covered,
                    c.lines_total,
                    c.branches_covered,
                    c.branches_total,
                    if c.statements_total > 0 {
                        format!(
                            ", statements {}/{} ({})",
                            c.statements_covered,
                            c.statements_total,
                            pct(c.statements_covered, c.statements_total)
                        )
                    } else {
                        String::new()
                    }
                ));
                all_go &= format == Format::Gocover;
                out.notes
                    .extend(data.notes.iter().map(|n| format!("{shown}: {n}")));
                for m in &data.mismatches {
                    out.findings.push(
                        Finding::new(
                            "coverage/headline-mismatch",
                            Severity::Low,
                            format!("{m}; the figures use the records"),
                        )
                        .at(shown.clone(), None, None),
                    );
                }
                if let Some(h) = &data.headline
                    && let Some(msg) = headline_mismatch(h, &c)
                {
                    out.findings.push(
                        Finding::new("coverage/headline-mismatch", Severity::Low, msg).at(
                            shown.clone(),
                            None,
                            None,
                        ),
                    );
                }
                let mode = data.merge.unwrap_or(Combine::Add);
                let n_files = data.files.len();
                let mut files: Vec<(String, FileCov)> = data.files.drain().collect();
                files.sort_by(|a, b| a.0.cmp(&b.0));
                let mut unmapped = Vec::new();
                for (k, f) in files {
                    match mapper.map(&k, &data.roots) {
                        Some(rel) => {
                            if format == Format::Gocover {
                                go_collision(&mut go_seen, &rel, &k, &shown, &mut out.findings);
                            }
                            model.add(rel, f, mode)
                        }
                        None => {
                            model.add(paths::unmapped_key(&k, &data.roots), f, mode);
                            unmapped.push(k);
                        }
                    }
                }
                if !unmapped.is_empty() {
                    unmapped_total += unmapped.len();
                    let eg: Vec<&str> = unmapped.iter().take(3).map(String::as_str).collect();
                    out.findings.push(
                    Finding::new(
                        "coverage/unmapped",
                        Severity::Low,
                        format!(
                            "{} of {} files in this report could not be mapped onto repository files (e.g. {}); they are counted under their report paths — set `path_map`",
                            unmapped.len(),
                            n_files,
                            eg.join(", ")
                        ),
                    )
                    .at(shown.clone(), None, None),
                );
                }
            }
            Ok(())
        })?;
        if unmapped_total > 0 {
            out.notes.push(format!(
                "{unmapped_total} report files could not be mapped onto repository files"
            ));
        }

        let selected = |p: &str| cx.selector.matches(p);
        let (total, per) = model.counts(selected);
        let dropped = model.files.len() - per.len();
        if dropped > 0 {
            out.notes
                .push(format!("{dropped} files left out by `include`/`exclude`"));
        }
        push_metrics(&mut out.metrics, &total, &per);
        if all_go {
            out.default_thresholds = Some(GO_DEFAULT_THRESHOLDS.to_vec());
        }
        if self.merge_data {
            let mut text = String::new();
            for (p, f) in model.files.iter().filter(|(p, _)| selected(p)) {
                f.write_lcov(p, &mut text);
            }
            out.data = Some(serde_json::json!({ "lcov": text }));
        }

        if let Some(base) = cx.base {
            let deadline = std::time::Instant::now() + self.git_timeout;
            let deadline = cx.deadline.map_or(deadline, |d| d.min(deadline));
            let mut changed = crate::changes::changed_lines(cx.root, base, deadline, cx.cancel)?;
            if self.ignore_moved_lines {
                let moved: usize = changed.moved.values().map(Vec::len).sum();
                if moved > 0 {
                    out.notes.push(format!(
                        "{moved} changed line(s) only moved (ignore_moved_lines): not counted as new"
                    ));
                }
                changed = changed.without_moved();
            }
            let (mut cov, mut tot) = (0u64, 0u64);
            let (mut bcov, mut btot) = (0u64, 0u64);
            let mut uncovered: Vec<(String, Vec<u32>)> = Vec::new();
            // Changed files the reports do not list: their lines cannot count, so say which.
            let mut unlisted: Vec<&str> = Vec::new();
            for (file, lines) in changed.iter() {
                if !selected(file) {
                    continue;
                }
                let Some(f) = model.files.get(file) else {
                    unlisted.push(file);
                    continue;
                };
                let mut miss = Vec::new();
                for &l in lines {
                    if let Some(h) = f.hits(l) {
                        tot += 1;
                        if h > 0 {
                            cov += 1;
                        } else {
                            miss.push(l);
                        }
                    }
                }
                let set: HashSet<u32> = lines.iter().copied().collect();
                for b in f.branches.iter().filter(|b| set.contains(&b.line)) {
                    btot += 1;
                    if b.hits > 0 {
                        bcov += 1;
                    }
                }
                if !miss.is_empty() {
                    uncovered.push((file.clone(), miss));
                }
            }
            out.metrics.push(Metric::count("new_lines_total", tot));
            match Metric::percent("diff_line", cov, tot) {
                Some(m) => {
                    let mut n = m.clone();
                    n.name = "new_line".into();
                    out.metrics.push(m);
                    out.metrics.push(n);
                }
                None => {
                    // Nothing new to gate: the change adds no coverable line, so conditions on
                    // the change hold (a docs-only pull request is not NO-GO), and the report
                    // says why.
                    for name in ["diff_line", "new_line"] {
                        let mut m = Metric::new(name, 100.0, Unit::Percent);
                        m.detail = Some("no new coverable lines".into());
                        out.metrics.push(m);
                    }
                    out.notes.push(format!(
                        "no changed coverable lines since {base}: `new_line` and `diff_line` hold"
                    ));
                }
            }
            let has_branches = total.branches_total > 0;
            match Metric::percent("new_branch", bcov, btot) {
                Some(m) => out.metrics.push(m),
                None if has_branches => {
                    let mut m = Metric::new("new_branch", 100.0, Unit::Percent);
                    m.detail = Some("no new branches".into());
                    out.metrics.push(m);
                }
                // Reports without branch data: `new_branch` has no data (ERROR if named).
                None => {}
            }
            if !unlisted.is_empty() {
                let shown: Vec<&str> = unlisted.iter().take(10).copied().collect();
                out.notes.push(format!(
                    "{} changed file(s) are in no coverage report, so their lines do not count: {}{}",
                    unlisted.len(),
                    shown.join(", "),
                    if unlisted.len() > shown.len() { ", …" } else { "" }
                ));
            }
            for (file, miss) in uncovered {
                let first = miss.first().copied().map(u64::from);
                out.findings.push(
                    Finding::new(
                        "coverage/diff-uncovered",
                        Severity::Low,
                        format!(
                            "{} changed line(s) not covered: {}",
                            miss.len(),
                            ranges(&miss)
                        ),
                    )
                    .at(file, first, None)
                    .new_in_change(),
                );
            }
        }

        // Per-path rules.
        for rule in &self.rules {
            let (c, per) = model.counts(|p| selected(p) && rule.matcher.is_match(p));
            let mut ms = Vec::new();
            push_metrics(&mut ms, &c, &per);
            for th in &rule.thresholds {
                let actual = ms.iter().find(|m| m.name == th.metric);
                let unit = DOC
                    .metric(&th.metric)
                    .map(|m| Unit::from_symbol(m.unit))
                    .unwrap_or_default();
                let target = th.resolve(None);
                let (status, note) = match (actual, target) {
                    (Some(a), Some(t)) => {
                        if th.op.holds(a.value, t) {
                            (Status::Pass, None)
                        } else {
                            (Status::Fail, None)
                        }
                    }
                    _ => (
                        Status::Error,
                        Some(format!(
                            "no data: the files matching `{}` have no {}",
                            rule.glob,
                            no_data_what(&th.metric)
                        )),
                    ),
                };
                let actual_v = actual.map(|m| m.value);
                if status != Status::Pass {
                    let shown = match actual {
                        Some(m) => match m.ratio {
                            Some((n, d)) => format!(
                                "{} ({n}/{d})",
                                crate::threshold::format_value(m.value, &m.unit)
                            ),
                            None => crate::threshold::format_value(m.value, &m.unit),
                        },
                        None => "no data".to_string(),
                    };
                    out.findings.push(Finding::new(
                        "coverage/path-rule",
                        Severity::Medium,
                        format!(
                            "`{}`: {} is {shown}, the rule is `{}`",
                            rule.glob, th.metric, th.expr
                        ),
                    ));
                }
                out.conditions.push(Condition {
                    expr: format!("{}: {}", rule.glob, th.expr),
                    metric: format!("{}:{}", rule.glob, th.metric),
                    op: th.op.as_str().to_string(),
                    target,
                    actual: actual_v,
                    unit,
                    status,
                    waiver: None,
                    note,
                });
            }
        }

        // The worst files.
        if self.worst_files > 0 {
            let mut worst: Vec<(&str, FileCounts)> = per
                .iter()
                .filter(|(_, c)| c.lines_total > 0 && c.lines_covered < c.lines_total)
                .copied()
                .collect();
            worst.sort_by(|a, b| {
                // a.cov/a.tot < b.cov/b.tot, exactly.
                let l = u128::from(a.1.lines_covered) * u128::from(b.1.lines_total);
                let r = u128::from(b.1.lines_covered) * u128::from(a.1.lines_total);
                l.cmp(&r)
                    .then(b.1.lines_total.cmp(&a.1.lines_total))
                    .then(a.0.cmp(b.0))
            });
            for (p, c) in worst.into_iter().take(self.worst_files) {
                out.findings.push(
                    Finding::new(
                        "coverage/low-file",
                        Severity::Medium,
                        format!(
                            "{} of {} lines covered ({}/{})",
                            pct(c.lines_covered, c.lines_total),
                            c.lines_total,
                            c.lines_covered,
                            c.lines_total
                        ),
                    )
                    .at(p.to_string(), None, None),
                );
            }
        }
        out.findings.sort_by(|a, b| {
            a.path
                .cmp(&b.path)
                .then(a.line.cmp(&b.line))
                .then(a.rule.cmp(&b.rule))
                .then(a.message.cmp(&b.message))
        });
        if total.branches_total == 0 {
            out.notes
                .push("the reports have no branch data: `branch` has no data".into());
        }
        if total.statements_total == 0 {
            out.notes.push(
                "the reports have no statement counts (only Go coverprofiles and Istanbul JSON give them): `statements` has no data".into(),
            );
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
